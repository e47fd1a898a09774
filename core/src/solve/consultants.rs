//! The consultant hours a heuristic plan buys.
//!
//! The heuristic books consultant hours as a last resort, for mandatory orders that do not
//! fit the teams' own capacity (`heuristic::serial_sgs`); what a plan buys is read off its
//! load here, and a plan that does not keep the budgets and the consultant ceilings is not
//! used (the MIP then plans without it).

use crate::problem::Problem;
use crate::schedule::Schedule;

/// Sets the consultant hours `s` needs (its load above each team's own capacity) and tells
/// whether they can be bought: within each team's consultant hours per period and its
/// ceiling, and within every budget.
pub(super) fn buy(p: &Problem, s: &mut Schedule) -> bool {
    let load = s.team_load(p);
    s.external.clear();
    let mut spend = vec![0.0f64; p.periods];
    for (r, row) in load.iter().enumerate() {
        let mut total = 0.0;
        for (t, &l) in row.iter().enumerate() {
            let need = l - p.capacity[r][t];
            if need <= 1e-7 {
                continue;
            }
            let Some(e) = &p.external[r] else {
                return false;
            };
            if need > e.hours[t] + 1e-6 {
                return false;
            }
            total += need;
            spend[t] += need * e.cost_per_hour;
            s.external.push((r, t, need));
        }
        if let Some(max) = p.external[r].as_ref().and_then(|e| e.max_hours) {
            if total > max + 1e-6 {
                return false;
            }
        }
    }
    p.budgets
        .iter()
        .all(|(periods, amount)| periods.iter().map(|&t| spend[t]).sum::<f64>() <= amount + 1e-6)
}

/// `s` when it keeps the decisions the heuristic does not look at (groups, shares) and its
/// consultant hours can be bought; with those hours set.
pub(super) fn usable(p: &Problem, mut s: Schedule) -> Option<Schedule> {
    (buy(p, &mut s) && super::decisions::hold(p, &s)).then_some(s)
}

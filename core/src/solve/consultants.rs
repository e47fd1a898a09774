//! A first plan for portfolios that may buy consultant hours.
//!
//! The heuristic plans on the teams' own capacity, so a portfolio whose deadlines or share
//! rules need consultants gets no first plan from it, and a short time limit then ends with
//! no plan at all. Here the heuristic runs on the own capacity plus a share of the consultant
//! hours that can be bought (all, half, a quarter), the consultant hours each plan needs are
//! read off its load (what exceeds the team's own capacity in each period), and the first plan
//! that keeps every budget, every consultant ceiling, the groups and the orderer shares is
//! the first plan of the solve. The MIP then improves on it, cost included.

use crate::heuristic::{best_schedule, Budget};
use crate::objective::Objective;
use crate::problem::{Problem, Windows};
use crate::schedule::Schedule;

/// Shares of the affordable consultant hours tried, most first: the most lets the most
/// orders fit, the fewest keeps within the budgets most easily.
const SHARES: [f64; 3] = [1.0, 0.5, 0.25];

/// The first plan that keeps every rule with consultants bought where the load needs them;
/// `None` when no share of them gives one (or the portfolio buys none).
pub(super) fn first_plan(
    p: &Problem,
    levels: &[Vec<(Objective, f64)>],
    budget: &Budget,
) -> Option<Schedule> {
    if p.external.iter().all(Option::is_none) {
        return None;
    }
    // Each try gets a third of the heuristic's effort: three tries cost what one search does.
    let tries = Budget {
        evaluations: (budget.evaluations / SHARES.len()).max(1),
        seconds: budget.seconds.map(|s| s / SHARES.len() as f64),
        ..*budget
    };
    let affordable = affordable_share(p);
    for share in SHARES.map(|s| s * affordable) {
        let mut q = p.clone();
        for (r, ext) in p.external.iter().enumerate() {
            if let Some(e) = ext {
                for (t, c) in q.capacity[r].iter_mut().enumerate() {
                    *c += share * e.hours[t];
                }
            }
            q.external[r] = None;
        }
        let Ok(windows) = Windows::compute(&q, q.periods) else {
            continue;
        };
        let Some(mut s) = best_schedule(&q, &windows, levels, &tries) else {
            continue;
        };
        if buy(p, &mut s) && super::decisions::hold(p, &s) {
            return Some(s);
        }
    }
    None
}

/// The share of every team's consultant hours per period that the budgets and the ceilings
/// allow if all of it were used: the tightest of each budget's amount over what all consultant
/// hours in its span would cost, and each team's `max_hours` over its hours in the horizon
/// (at most 1).
fn affordable_share(p: &Problem) -> f64 {
    let mut share: f64 = 1.0;
    for (periods, amount) in &p.budgets {
        let cost: f64 = p
            .external
            .iter()
            .flatten()
            .map(|e| periods.iter().map(|&t| e.hours[t]).sum::<f64>() * e.cost_per_hour)
            .sum();
        if cost > 0.0 {
            share = share.min(amount / cost);
        }
    }
    for e in p.external.iter().flatten() {
        let all: f64 = e.hours.iter().sum();
        if let Some(max) = e.max_hours.filter(|_| all > 0.0) {
            share = share.min(max / all);
        }
    }
    share.max(0.0)
}

/// Sets the consultant hours `s` needs (its load above each team's own capacity) and tells
/// whether they can be bought: within each team's consultant hours per period and its
/// ceiling, and within every budget.
fn buy(p: &Problem, s: &mut Schedule) -> bool {
    let teams = p.capacity.len();
    let mut load = vec![vec![0.0f64; p.periods]; teams];
    for j in 0..p.jobs.len() {
        for (r, t, h) in s.hours(p, j) {
            load[r][t] += h;
        }
    }
    s.external.clear();
    let mut spend = vec![0.0f64; p.periods];
    for r in 0..teams {
        let mut total = 0.0;
        for t in 0..p.periods {
            let need = load[r][t] - p.capacity[r][t];
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

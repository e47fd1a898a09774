//! What the orders left out of a step take of the limits all orders share: the own capacity,
//! consultant hours, ceilings and budgets, the open-orders limit, go-live slots and orderer
//! shares. A step's problem (`sub.rs`) gets what is left.

use crate::problem::{External, Outside, Problem};
use crate::schedule::Schedule;

/// The shared limits with the orders left out taken off, and what they buy.
pub(super) struct LeftOut {
    /// Own hours per team and period left to the step.
    pub capacity: Vec<Vec<f64>>,
    /// Consultant hours left to the step: per period and over the horizon.
    pub external: Vec<Option<External>>,
    /// Budgets with the left-out orders' consultant spend taken off.
    pub budgets: Vec<(Vec<usize>, f64)>,
    /// The open-orders limit with the left-out orders' open periods taken off.
    pub max_open: Vec<Option<Vec<u32>>>,
    /// Their go-lives per period and hours in the orderer shares.
    pub outside: Outside,
    /// Consultant hours they need per team and period: their load above the own capacity.
    pub need: Vec<Vec<f64>>,
    /// What those consultant hours cost.
    pub cost: f64,
}

impl LeftOut {
    /// What the delivered orders of `s` outside `keep` take of `p`'s shared limits. Own hours
    /// come first: only what their load needs above the own capacity is consultant hours.
    pub(super) fn of(p: &Problem, s: &Schedule, keep: &[bool]) -> LeftOut {
        let periods = p.periods;
        let mut load = vec![vec![0.0; periods]; p.capacity.len()];
        let mut max_open = p.max_open.clone();
        let limited = max_open.iter().any(Option::is_some);
        let mut go_lives = vec![0u32; if p.max_go_lives.is_some() { periods } else { 0 }];
        let mut share_hours = vec![0.0; p.shares.len()];
        let mut total_hours = 0.0;
        let mut in_share = vec![Vec::new(); p.jobs.len()];
        for (k, (members, _, _)) in p.shares.iter().enumerate() {
            members.iter().for_each(|&j| in_share[j].push(k));
        }
        for (j, &kept) in keep.iter().enumerate() {
            let t = &s.jobs[j];
            if kept || !t.selected {
                continue;
            }
            if limited {
                let (a, b) = (t.start, t.finish.min(periods - 1));
                for r in p.teams_of(j) {
                    if let Some(row) = &mut max_open[r] {
                        for x in &mut row[a..=b] {
                            *x = x.saturating_sub(1);
                        }
                    }
                }
            }
            if let Some(g) = go_lives.get_mut(t.go_live) {
                *g += 1;
            }
            for (r, t, h) in s.hours(p, j) {
                if t < periods {
                    load[r][t] += h;
                }
                total_hours += h;
                in_share[j].iter().for_each(|&k| share_hours[k] += h);
            }
        }
        let mut capacity = p.capacity.clone();
        let mut need = vec![vec![0.0; periods]; p.capacity.len()];
        for (r, row) in capacity.iter_mut().enumerate() {
            for (t, c) in row.iter_mut().enumerate() {
                need[r][t] = (load[r][t] - *c).max(0.0);
                // Float noise must not turn a full team into a negative capacity.
                *c = (*c - load[r][t]).max(0.0);
            }
        }
        let mut external = p.external.clone();
        for (r, ext) in external.iter_mut().enumerate() {
            let Some(e) = ext else { continue };
            for (t, h) in e.hours.iter_mut().enumerate() {
                *h = (*h - need[r][t]).max(0.0);
            }
            if let Some(m) = &mut e.max_hours {
                *m = (*m - need[r].iter().sum::<f64>()).max(0.0);
            }
        }
        let price = |r: usize| p.external[r].as_ref().map_or(0.0, |e| e.cost_per_hour);
        let spent = |t: usize| -> f64 {
            (0..need.len())
                .map(|r| price(r) * need[r].get(t).copied().unwrap_or(0.0))
                .sum()
        };
        let budgets = p
            .budgets
            .iter()
            .map(|(ts, amount)| {
                let used: f64 = ts.iter().map(|&t| spent(t)).sum();
                (ts.clone(), (amount - used).max(0.0))
            })
            .collect();
        let cost = (0..periods).map(spent).sum();
        LeftOut {
            capacity,
            external,
            budgets,
            max_open,
            outside: Outside {
                go_lives,
                share_hours,
                total_hours,
            },
            need,
            cost,
        }
    }
}

//! Whether a schedule keeps the portfolio decisions the heuristic does not look at (groups of
//! optional orders, orderer shares); a heuristic plan that breaks them is not used.

use crate::model::GroupKind;
use crate::problem::Problem;
use crate::schedule::Schedule;

/// True when the schedule keeps every group rule and orderer share.
pub(crate) fn hold(p: &Problem, s: &Schedule) -> bool {
    let delivered = |j: Option<usize>| j.is_none_or(|j| s.jobs[j].selected);
    for (kind, members) in &p.groups {
        let on: Vec<bool> = members.iter().map(|&m| delivered(m)).collect();
        let ok = match kind {
            GroupKind::AllOrNone => on.iter().all(|&x| x) || on.iter().all(|&x| !x),
            GroupKind::AtMostOne => on.iter().filter(|&&x| x).count() <= 1,
            GroupKind::Requires => !on.first().copied().unwrap_or(false) || on.iter().all(|&x| x),
        };
        if !ok {
            return false;
        }
    }
    if !p.shares.is_empty() {
        let hours = job_hours(p, s);
        let total: f64 = hours.iter().sum();
        for (jobs, min, max) in &p.shares {
            let own: f64 = jobs.iter().map(|&j| hours[j]).sum();
            if own < min * total - 1e-6 || own > max * total + 1e-6 {
                return false;
            }
        }
    }
    true
}

/// The hours of each job in `s` (all teams, all periods), as the orderer shares count them.
pub(crate) fn job_hours(p: &Problem, s: &Schedule) -> Vec<f64> {
    (0..p.jobs.len())
        .map(|j| s.hours(p, j).iter().map(|h| h.2).sum())
        .collect()
}

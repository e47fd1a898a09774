//! Fast plans without a solver: a serial schedule-generation scheme (the way Jira Plans' auto
//! scheduler and MS Project's levelling place work) driven by priority rules and by
//! randomised priority lists.
//!
//! Its best plan gives the MIP a horizon, a fallback when the MIP finds nothing in time, and
//! (optionally) a starting point.

mod rules;
mod sgs;

pub use rules::{priority_lists, Rule};
pub use sgs::serial_sgs;

use crate::objective::{level_value, Objective};
use crate::problem::{Problem, Windows};
use crate::schedule::Schedule;

/// The best schedule found by the rules and `samples` randomised lists, compared level by level
/// (lexicographically) on `levels`. None when no list gives a feasible schedule (a deadline
/// missed, say): the MIP may still find one.
pub fn best_schedule(
    p: &Problem,
    windows: &Windows,
    levels: &[Vec<(Objective, f64)>],
    samples: usize,
    seed: u64,
) -> Option<Schedule> {
    let mut best: Option<(Vec<f64>, Schedule)> = None;
    for list in priority_lists(p, windows, levels, samples, seed) {
        let Some(s) = serial_sgs(p, &list, windows.horizon) else {
            continue;
        };
        let key: Vec<f64> = levels.iter().map(|l| level_value(l, p, &s)).collect();
        let better = match &best {
            None => true,
            Some((k, _)) => lex_less(&key, k),
        };
        if better {
            best = Some((key, s));
        }
    }
    best.map(|(_, s)| s)
}

/// `a < b` lexicographically, with a small tolerance.
pub(crate) fn lex_less(a: &[f64], b: &[f64]) -> bool {
    for (x, y) in a.iter().zip(b) {
        if x < &(y - 1e-9) {
            return true;
        }
        if x > &(y + 1e-9) {
            return false;
        }
    }
    false
}

//! Fast plans without a solver: a serial schedule-generation scheme (the way Jira Plans' auto
//! scheduler and MS Project's levelling place work) driven by priority rules, improved by a
//! genetic search on job lists and, for makespan, forward-backward improvement.
//!
//! Its best plan gives the MIP a horizon, a fallback when the MIP finds nothing in time, and
//! (optionally) a starting point.
//!
//! - `sgs`: the serial scheme, the decoder of every list into a schedule; it enforces every
//!   rule (releases, dependencies with lags, capacity, pace limits, go-live rules, deadlines).
//! - `rules`: priority rules and biased random lists.
//! - `search`: the genetic search over lists.
//! - `justify`: forward-backward improvement (double justification).

mod justify;
mod rules;
mod search;
mod sgs;

pub use rules::{priority_lists, Rule};
pub use sgs::serial_sgs;

use crate::objective::Objective;
use crate::problem::{Problem, Windows};
use crate::schedule::Schedule;

/// How much work the heuristic may do.
///
/// ```
/// use leverans::heuristic::Budget;
/// let b = Budget { evaluations: 1000, ..Budget::default() };
/// assert_eq!(b.samples, 64);
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Budget {
    /// Randomised priority lists in the first population, on top of one list per rule.
    /// Default 64.
    pub samples: usize,
    /// Most runs of the serial scheme, the unit of work of the search (one list decoded; a
    /// forward-backward pass costs two more). Default 5 000. Within this limit the search is
    /// deterministic: the same problem and seed give the same schedule.
    pub evaluations: usize,
    /// Wall-clock cap in seconds, a safety net for large problems; `None` for none. Default
    /// 2 s. When the cap ends the search, results depend on the machine's speed.
    pub seconds: Option<f64>,
    /// Seed of the random lists and the search.
    pub seed: u64,
}

impl Default for Budget {
    fn default() -> Self {
        Budget {
            samples: 64,
            evaluations: 5000,
            seconds: Some(2.0),
            seed: 0,
        }
    }
}

impl Budget {
    /// The default number of scheme runs for a problem of `jobs` jobs: 5 000 up to 60 jobs,
    /// then fewer in proportion (each run costs about linearly more), never below 100.
    pub fn default_evaluations(jobs: usize) -> usize {
        (300_000 / jobs.max(1)).clamp(100, 5000)
    }
}

/// The best schedule found by the priority rules, the biased samples and the search within
/// `budget`, compared level by level (lexicographically) on `levels`. None when no list gives a
/// feasible schedule (a deadline missed, say): the MIP may still find one.
pub fn best_schedule(
    p: &Problem,
    windows: &Windows,
    levels: &[Vec<(Objective, f64)>],
    budget: &Budget,
) -> Option<Schedule> {
    search::Search::new(p, windows, levels, *budget).run()
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

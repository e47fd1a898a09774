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
#[cfg(test)]
mod tests;

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
    /// forward-backward pass costs two more). Default 5 000 (a solve sizes it to the problem
    /// and the time limit: [`Budget::default_evaluations`]). Within this limit the search is
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

/// Work units one run of the serial scheme gets through per second on this project's machine
/// kind (2 cores, one used), measured on PSPLIB j30 and generated portfolios (`docs/heuristic.md`).
const UNITS_PER_SECOND: f64 = 4.0e6;
/// Share of the time limit the default number of runs is meant to take.
const SHARE_OF_LIMIT: f64 = 0.03;

impl Budget {
    /// The default number of scheme runs for `p` under a time limit of `time_limit` seconds:
    /// what takes about 3 % of the limit (of at most 30 s; 30 s without a limit) on this
    /// project's machine kind, between 100 and 100 000. A count, not a time, so that the plan
    /// is reproducible; the time cap ([`Budget::seconds`]) is the safety net on slower
    /// machines. PSPLIB j30 gets about 4 000 runs at 1 s and 40 000 at 10 s.
    ///
    /// ```
    /// use leverans::heuristic::Budget;
    /// use leverans::{Calendar, Order, Portfolio, Team};
    /// let mut p = Portfolio::new(Calendar::units(20));
    /// p.add_team(Team::new("dev", 2.0));
    /// for k in 0..30 {
    ///     p.add_order(Order::fixed(format!("o{k}"), 2, [("dev", 1.0)]));
    /// }
    /// let problem = leverans::validate(&p).unwrap();
    /// assert_eq!(Budget::default_evaluations(&problem, Some(1.0)), 4000);
    /// assert_eq!(Budget::default_evaluations(&problem, Some(10.0)), 40_000);
    /// ```
    pub fn default_evaluations(p: &Problem, time_limit: Option<f64>) -> usize {
        let seconds = time_limit.unwrap_or(30.0).min(30.0) * SHARE_OF_LIMIT;
        let runs = seconds * UNITS_PER_SECOND / Budget::work_units(p);
        (runs as usize).clamp(100, 100_000)
    }

    /// Work of one run of the serial scheme on `p`, in units of one fixed-duration job. An
    /// effort-driven job is walked period by period, team by team: it counts one unit plus an
    /// eighth per team and period at its full pace (measured: such a step is cheap beside the
    /// placement of a job).
    fn work_units(p: &Problem) -> f64 {
        let units: f64 = p
            .jobs
            .iter()
            .map(|j| match &j.work {
                crate::problem::JobWork::Fixed { .. } => 1.0,
                crate::problem::JobWork::Effort {
                    loads,
                    min_duration,
                    ..
                } => {
                    let periods = loads
                        .iter()
                        .map(|l| {
                            (l.hours / l.max_rate.max(1e-9))
                                .ceil()
                                .min(p.periods as f64)
                        })
                        .fold(*min_duration as f64, f64::max);
                    1.0 + periods * loads.len() as f64 / 8.0
                }
            })
            .sum();
        units.max(1.0)
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

//! Makespan first: bounds without a solver try to prove the first plan optimal or find a
//! shorter one; the MIP then looks only for strictly shorter plans inside the tightened windows
//! (`docs/bounds.md`).

use super::{from_search, SolveOptions};
use crate::bounds::SearchEnd;
use crate::problem::{Problem, Windows};
use crate::schedule::Schedule;
use std::time::Instant;

/// What the bounds without a solver found for a makespan-first goal.
pub(super) struct MakespanSearch {
    /// No plan has a shorter makespan.
    pub(super) lower: usize,
    /// Windows holding every plan shorter than the incumbent; `None` when there is none (the
    /// incumbent is optimal).
    pub(super) windows: Option<Windows>,
}

/// Share of the time limit the bounds without a solver may take at most.
const BOUNDS_SHARE: f64 = 0.9;

/// Lower bound on the makespan and the windows of strictly shorter plans than `incumbent`'s.
/// A shorter plan the search finds replaces `incumbent`, and the search goes on below it.
pub(super) fn makespan_search(
    p: &Problem,
    incumbent: &mut Schedule,
    options: &SolveOptions,
    started: Instant,
) -> MakespanSearch {
    let deadline = options
        .time_limit
        .map(|t| started + std::time::Duration::from_secs_f64(t * BOUNDS_SHARE));
    let mut upper = makespan(p, incumbent);
    let lower = crate::bounds::makespan_lower_bound(p, upper, deadline)
        .map(|b| b.value)
        .unwrap_or(upper);
    loop {
        if lower >= upper || upper == 0 {
            return MakespanSearch {
                lower: upper,
                windows: None,
            };
        }
        let starts: Vec<usize> = incumbent.jobs.iter().map(|j| j.start).collect();
        let test = crate::bounds::test_horizon_near(
            p,
            upper - 1,
            deadline,
            Some(&starts),
            options.threads.max(1) as usize,
        );
        let windows = match test.end {
            SearchEnd::Refuted => None,
            SearchEnd::Unknown => test.windows,
            SearchEnd::Found(starts) => match from_search::decode(p, &starts, upper - 1) {
                Some(s) => {
                    upper = makespan(p, &s);
                    *incumbent = s;
                    continue;
                }
                None => test.windows,
            },
        };
        return MakespanSearch {
            lower: if windows.is_none() { upper } else { lower },
            windows,
        };
    }
}

/// Periods up to the last go-live of a schedule: its makespan objective, as a count.
pub(super) fn makespan(p: &Problem, s: &Schedule) -> usize {
    crate::Objective::Makespan.evaluate(p, s) as usize
}

/// Windows for the levels after a makespan level: plans as long as `s` at most.
pub(super) fn later_windows(p: &Problem, s: &Schedule, full: &Windows) -> Windows {
    crate::bounds::tightened_windows(p, makespan(p, s)).unwrap_or_else(|_| full.clone())
}

//! Which orders a team has open, and when: the spans the open-orders pass counts
//! (`open_limit.rs`), for the solve's repair step that re-plans the orders of a team still over
//! its target (`solve::open_repair`).

use super::focus::{open_profile, start_needed};
use super::Schedule;
use crate::problem::Problem;

impl Schedule {
    /// Each order team `r` has open, as `(job, first, last)`: from the team's first to its last
    /// hour on it (from the run's first period for an order in progress), as the open-orders
    /// pass counts them. Orders the pass cannot re-deal (a pace floor, settled hours) are left
    /// out, as they are from [`open_excess`](Self::open_excess).
    pub fn team_open_spans(&self, p: &Problem, r: usize) -> Vec<(usize, usize, usize)> {
        self.shares(p, r, &start_needed(p))
            .iter()
            .filter_map(|s| {
                s.open_span(&s.before)
                    .map(|(a, b)| (s.job, s.start + a, s.start + b))
            })
            .collect()
    }

    /// Periods in which team `r` has more than `k` orders open, counted as
    /// [`team_open_spans`](Self::team_open_spans) and the open-orders pass count them.
    pub fn team_periods_over(&self, p: &Problem, r: usize, k: u32) -> Vec<usize> {
        let shares = self.shares(p, r, &start_needed(p));
        let open = open_profile(&shares, |s| &s.before, p.periods);
        (0..p.periods).filter(|&t| open[t] > k as usize).collect()
    }
}

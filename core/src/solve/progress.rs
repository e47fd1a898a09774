//! What a running solve is doing, for a progress line: the phase, the level being solved, its
//! best value and bound so far, against the clock. The solve writes it; another thread (the
//! command line's display, the Python binding's wait loop) reads it. One line format for both,
//! so a planner sees the same words in a terminal and in a notebook.

use serde::Serialize;
use std::fmt;
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Instant;

/// The phase a solve is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Phase {
    /// Not started, or checking the portfolio and computing time windows.
    #[default]
    Preparing,
    /// The heuristic looks for a first plan.
    FirstPlan,
    /// The goal's levels, one by one (see [`Progress::level`]).
    Level,
    /// Finished.
    Done,
}

/// A snapshot of a running solve.
#[derive(Debug, Clone, PartialEq, Serialize, Default)]
pub struct Progress {
    /// The phase.
    pub phase: Phase,
    /// The level being solved, from 1 (0 before the levels).
    pub level: usize,
    /// The goal's levels.
    pub levels: usize,
    /// The objectives of the level being solved, as the goal names them (`lost_value+weighted_lateness`).
    pub objectives: String,
    /// The best plan's value on this level so far, if there is a plan.
    pub best: Option<f64>,
    /// The best lower bound on this level so far, if any.
    pub bound: Option<f64>,
    /// Seconds since the solve started.
    pub elapsed: f64,
    /// The solve's time limit in seconds, if any.
    pub time_limit: Option<f64>,
}

impl Progress {
    /// The relative gap between the best value and the bound, when both are known.
    pub fn gap(&self) -> Option<f64> {
        let (best, bound) = (self.best?, self.bound?);
        crate::solve::relative_gap(best, Some(bound))
    }

    /// One line for people:
    /// `level 2 of 3, weighted_lateness: best 52, bound 40 (gap 23.1 %) · 12.0 s of 60 s`.
    ///
    /// ```
    /// use leverans::solve::{Phase, Progress};
    /// let p = Progress {
    ///     phase: Phase::Level, level: 2, levels: 3, objectives: "weighted_lateness".into(),
    ///     best: Some(52.0), bound: Some(40.0), elapsed: 12.0, time_limit: Some(60.0),
    /// };
    /// assert_eq!(p.line(), "level 2 of 3, weighted_lateness: best 52, bound 40 (gap 23.1 %) · 12.0 s of 60 s");
    /// ```
    pub fn line(&self) -> String {
        let what = match self.phase {
            Phase::Preparing => "checking the portfolio".to_string(),
            Phase::FirstPlan => match self.best {
                None => "looking for a first plan".to_string(),
                Some(b) => format!("searching, {}: best {}", self.objectives, number(b)),
            },
            Phase::Done => "done".to_string(),
            Phase::Level => {
                let mut s = format!(
                    "level {} of {}, {}: ",
                    self.level, self.levels, self.objectives
                );
                match self.best {
                    None => s.push_str("no plan yet"),
                    Some(b) => s.push_str(&format!("best {}", number(b))),
                }
                if let Some(b) = self.bound {
                    s.push_str(&format!(", bound {}", number(b)));
                }
                if let Some(g) = self.gap() {
                    s.push_str(&format!(" (gap {:.1} %)", 100.0 * g));
                }
                s
            }
        };
        match self.time_limit {
            Some(l) if self.phase != Phase::Done => {
                format!("{what} · {:.1} s of {l:.0} s", self.elapsed)
            }
            _ => format!("{what} · {:.1} s", self.elapsed),
        }
    }
}

impl fmt::Display for Progress {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.line())
    }
}

/// A number as a planner reads it: whole numbers whole, others with two decimals.
fn number(x: f64) -> String {
    if (x - x.round()).abs() < 1e-6 {
        format!("{:.0}", x.round())
    } else {
        format!("{x:.2}")
    }
}

/// Where a solve reports its [`Progress`]; clone it into [`crate::SolveOptions::progress`]
/// and read it from another thread with [`ProgressHandle::snapshot`].
///
/// ```
/// use leverans::solve::{Phase, ProgressHandle};
/// use leverans::{Calendar, Order, Portfolio, SolveOptions, Team};
/// let mut p = Portfolio::new(Calendar::units(10));
/// p.add_team(Team::new("dev", 1.0));
/// p.add_order(Order::fixed("a", 2, [("dev", 1.0)]));
/// let progress = ProgressHandle::new();
/// let options = SolveOptions { progress: Some(progress.clone()), ..Default::default() };
/// leverans::solve(&p, &options).unwrap();
/// assert_eq!(progress.snapshot().phase, Phase::Done);
/// ```
#[derive(Debug, Clone, Default)]
pub struct ProgressHandle(Arc<Mutex<(Progress, Option<Instant>)>>);

impl PartialEq for ProgressHandle {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl ProgressHandle {
    /// A fresh handle: phase [`Phase::Preparing`], no time elapsed.
    pub fn new() -> Self {
        ProgressHandle::default()
    }

    /// The solve's progress now.
    pub fn snapshot(&self) -> Progress {
        let guard = self.lock();
        let mut p = guard.0.clone();
        if let Some(t0) = guard.1 {
            p.elapsed = t0.elapsed().as_secs_f64();
        }
        p
    }

    fn lock(&self) -> MutexGuard<'_, (Progress, Option<Instant>)> {
        // A panic while the lock was held leaves plain data behind: still readable.
        self.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The solve starts: `levels` levels, the first named `first`.
    pub(crate) fn start(
        &self,
        started: Instant,
        time_limit: Option<f64>,
        levels: usize,
        first: String,
    ) {
        let mut g = self.lock();
        *g = (
            Progress {
                levels,
                time_limit,
                objectives: first,
                ..Progress::default()
            },
            Some(started),
        );
    }

    pub(crate) fn phase(&self, phase: Phase) {
        let mut g = self.lock();
        g.0.phase = phase;
        if phase == Phase::Done {
            if let Some(t0) = g.1.take() {
                g.0.elapsed = t0.elapsed().as_secs_f64();
            }
        }
    }

    /// Level `k` (from 0) starts, with the incumbent's value on it.
    pub(crate) fn level(&self, k: usize, objectives: String, best: Option<f64>) {
        let mut g = self.lock();
        g.0.phase = Phase::Level;
        g.0.level = k + 1;
        g.0.objectives = objectives;
        g.0.best = best;
        g.0.bound = None;
    }

    /// A better value or bound on the current level (values that are no better are ignored).
    pub(crate) fn improved(&self, best: Option<f64>, bound: Option<f64>) {
        let mut g = self.lock();
        if let Some(b) = best.filter(|b| b.is_finite()) {
            g.0.best = Some(g.0.best.map_or(b, |x| x.min(b)));
        }
        if let Some(b) = bound.filter(|b| b.is_finite()) {
            g.0.bound = Some(g.0.bound.map_or(b, |x| x.max(b)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_only_improve_and_a_new_level_starts_afresh() {
        let h = ProgressHandle::new();
        h.start(Instant::now(), Some(10.0), 2, "lost_value".into());
        h.phase(Phase::FirstPlan);
        assert!(h
            .snapshot()
            .line()
            .starts_with("looking for a first plan · "));
        h.improved(Some(31.0), None);
        assert!(h
            .snapshot()
            .line()
            .starts_with("searching, lost_value: best 31 · "));
        h.level(0, "lost_value".into(), Some(30.0));
        h.improved(Some(40.0), Some(5.0));
        h.improved(Some(25.0), Some(2.0));
        let s = h.snapshot();
        assert_eq!((s.best, s.bound, s.level), (Some(25.0), Some(5.0), 1));
        h.level(1, "weighted_lateness".into(), None);
        let s = h.snapshot();
        assert_eq!((s.best, s.bound, s.level), (None, None, 2));
        assert!(s
            .line()
            .starts_with("level 2 of 2, weighted_lateness: no plan yet · "));
        h.phase(Phase::Done);
        assert!(h.snapshot().line().starts_with("done · "));
    }
}

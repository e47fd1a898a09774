//! The steps' loop: free a neighbourhood of the best plan, re-optimise it, keep the result
//! when it is better, on one lane or on several at once.
//!
//! Lanes share the best plan. Each step starts from the best plan at the time, and its result
//! replaces the best only when it is better by the levels than the best is then (another lane
//! may have improved it meanwhile: the result then still holds that lane's earlier plan, and
//! the better of the two is kept). Lane `k` starts its alternation of neighbourhoods at step
//! `k`, so two lanes start on different kinds. One lane is deterministic, as the search was
//! before lanes; two on two cores give about twice the steps in the same time
//! (`docs/lns.md`, "Two lanes").

use super::select::{around_order, band, costly};
use super::solve_step;
use crate::objective::Objective;
use crate::problem::{Problem, Windows};
use crate::schedule::Schedule;
use crate::solve::mip::{MipEnd, MipRun, MipSettings};
use crate::solve::{key, key_less};
use std::sync::{Arc, Mutex, PoisonError};
use std::time::Instant;

/// Orders freed in the first step, and the limits of the adaptive size.
const FIRST_SIZE: usize = 30;
const MIN_SIZE: usize = 8;
const MAX_SIZE: usize = 250;

/// Share of the time left that one step may take, with a floor and a ceiling in seconds.
const STEP_SHARE: f64 = 0.25;
const STEP_MIN: f64 = 0.05;
const STEP_MAX: f64 = 5.0;

/// The best plan the lanes have found, with its key by the levels and a version that grows
/// with each improvement (a lane re-reads the plan only when the version moved).
struct Best {
    version: u64,
    schedule: Arc<Schedule>,
    key: Vec<f64>,
}

/// One search of a level by neighbourhood steps, from an incumbent, on as many lanes as
/// callers run [`Search::lane`] on.
pub(crate) struct Search<'a> {
    p: &'a Problem,
    full: &'a Windows,
    /// The levels up to the one searched (the last), for comparing plans.
    levels: &'a [Vec<(Objective, f64)>],
    holds: &'a [(Vec<(Objective, f64)>, f64)],
    best: Mutex<Best>,
}

impl<'a> Search<'a> {
    /// A search of `levels`' last level from `incumbent`, earlier levels held by `holds`.
    pub(crate) fn new(
        p: &'a Problem,
        full: &'a Windows,
        levels: &'a [Vec<(Objective, f64)>],
        holds: &'a [(Vec<(Objective, f64)>, f64)],
        incumbent: &Schedule,
    ) -> Self {
        let key = key(levels, p, incumbent);
        Search {
            p,
            full,
            levels,
            holds,
            best: Mutex::new(Best {
                version: 0,
                schedule: Arc::new(incumbent.clone()),
                key,
            }),
        }
    }

    /// The best plan now with its version and key, where its version is not `version`.
    fn newer_than(&self, version: u64) -> Option<(u64, Arc<Schedule>, Vec<f64>)> {
        let best = self.best.lock().unwrap_or_else(PoisonError::into_inner);
        (best.version != version)
            .then(|| (best.version, Arc::clone(&best.schedule), best.key.clone()))
    }

    /// The problem searched.
    pub(crate) fn problem(&self) -> &'a Problem {
        self.p
    }

    /// The windows the search's plans keep to.
    pub(crate) fn windows(&self) -> &'a Windows {
        self.full
    }

    /// The level searched.
    pub(crate) fn level(&self) -> &'a [(Objective, f64)] {
        self.levels.last().expect("at least the level searched")
    }

    /// The earlier levels held, with their values.
    pub(crate) fn holds(&self) -> &'a [(Vec<(Objective, f64)>, f64)] {
        self.holds
    }

    /// The best plan now.
    pub(crate) fn best(&self) -> Arc<Schedule> {
        let best = self.best.lock().unwrap_or_else(PoisonError::into_inner);
        Arc::clone(&best.schedule)
    }

    /// Takes `s`, a plan found outside the lanes, as the best plan when it is better than the
    /// best now, and reports it to the settings' progress. True when it was.
    pub(crate) fn propose(&self, s: Schedule, settings: &MipSettings) -> bool {
        let k = key(self.levels, self.p, &s);
        let last = k.last().copied();
        let better = self.offer(s, k);
        if let (true, Some(progress)) = (better, &settings.progress) {
            progress.improved(last, None);
        }
        better
    }

    /// Takes `s` as the best plan when it is better than the best now. True when it was.
    pub(super) fn offer(&self, s: Schedule, k: Vec<f64>) -> bool {
        let mut best = self.best.lock().unwrap_or_else(PoisonError::into_inner);
        if !key_less(&k, &best.key) {
            return false;
        }
        best.version += 1;
        best.schedule = Arc::new(s);
        best.key = k;
        true
    }

    /// Runs steps on lane `lane` until `deadline`, the settings' cancel, or a plan at which
    /// nothing costs anything on the level. Each step's MIP runs with `settings`' threads.
    pub(crate) fn lane(&self, lane: usize, deadline: Instant, settings: &MipSettings) {
        let level = self.levels.last().expect("at least the level being solved");
        let (mut version, mut best, mut best_key) = self
            .newer_than(u64::MAX)
            .expect("a version never reaches u64::MAX");
        let mut size = FIRST_SIZE;
        let (mut around, mut band_start) = (0usize, 0usize);
        let mut step = lane;
        loop {
            let left = deadline
                .saturating_duration_since(Instant::now())
                .as_secs_f64();
            if left < 0.05 || settings.cancelled() {
                break;
            }
            if let Some(newer) = self.newer_than(version) {
                (version, best, best_key) = newer;
            }
            let free = if step.is_multiple_of(2) {
                let order = costly(self.p, level, &best);
                if order.is_empty() {
                    // Nothing costs anything on this level: the incumbent is optimal for it.
                    break;
                }
                let centre = order[around % order.len()];
                around += 1;
                around_order(self.p, &best, centre, size)
            } else {
                let (free, next) = band(self.p, &best, band_start, size);
                band_start = next;
                free
            };
            step += 1;
            if free.is_empty() {
                continue;
            }
            let step_limit = (left * STEP_SHARE).clamp(STEP_MIN.min(left), STEP_MAX.min(left));
            // A step's bound holds for its neighbourhood only: the step reports nothing itself.
            let step_settings = MipSettings {
                time_limit: Some(step_limit),
                progress: None,
                ..settings.clone()
            };
            let (end, found) = solve_step(
                self.p,
                self.full,
                &best,
                &free,
                level,
                self.holds,
                &step_settings,
            );
            if let Some(s) = found {
                let k = key(self.levels, self.p, &s);
                if key_less(&k, &best_key) && self.offer(s, k.clone()) {
                    if let Some(progress) = &settings.progress {
                        progress.improved(k.last().copied(), None);
                    }
                }
            }
            size = match end {
                MipEnd::Optimal => (size * 3 / 2).min(MAX_SIZE),
                _ => (size * 2 / 3).max(MIN_SIZE),
            };
        }
    }

    /// Runs one lane per thread of `settings` until `deadline`, each step's MIP on one
    /// thread: about twice the steps on two threads.
    pub(crate) fn lanes(&self, deadline: Instant, settings: &MipSettings) {
        let one = MipSettings {
            threads: 1,
            ..settings.clone()
        };
        std::thread::scope(|scope| {
            for lane in 1..settings.threads.max(1) as usize {
                let one = &one;
                scope.spawn(move || self.lane(lane, deadline, one));
            }
            self.lane(0, deadline, &one);
        });
    }

    /// The search's end as a MIP run without a bound: the best plan where some lane improved
    /// the incumbent.
    pub(crate) fn into_run(self) -> MipRun {
        let best = self
            .best
            .into_inner()
            .unwrap_or_else(PoisonError::into_inner);
        MipRun {
            end: MipEnd::Limit,
            bound: None,
            schedule: (best.version > 0)
                .then(|| Arc::try_unwrap(best.schedule).unwrap_or_else(|s| (*s).clone())),
            relaxed: None,
        }
    }
}

//! The model of one step: the freed orders, plus the kept orders linked to them pinned to
//! their periods; every other kept order leaves the model, its hours taken off the teams'
//! capacity and its cost off the held levels.

use crate::objective::Objective;
use crate::problem::{Problem, Window, Windows};
use crate::schedule::{JobTimes, Schedule};

/// A step's problem and how it maps back.
pub(super) struct Sub {
    /// The orders in the step: freed ones and their pinned neighbours.
    pub problem: Problem,
    /// Their windows (pinned ones collapsed to their periods).
    pub windows: Windows,
    /// Earlier levels with the cost of the orders left out taken off their values.
    pub holds: Vec<(Vec<(Objective, f64)>, f64)>,
    /// Index in the full problem of each order in the step.
    jobs: Vec<usize>,
}

impl Sub {
    /// The step's problem, or None where the reduction does not hold exactly: a go-live limit
    /// per period (the orders left out use part of it), open decisions (selection, scope,
    /// consultants, budgets, shares), or a held level mixing objectives.
    pub(super) fn build(
        p: &Problem,
        full: &Windows,
        s: &Schedule,
        free: &[usize],
        reach: usize,
        holds: &[(Vec<(Objective, f64)>, f64)],
    ) -> Option<Sub> {
        if p.max_go_lives.is_some()
            || p.has_decisions()
            || !p.budgets.is_empty()
            || !p.groups.is_empty()
            || !p.shares.is_empty()
        {
            return None;
        }
        let n = p.jobs.len();
        let mut is_free = vec![false; n];
        free.iter().for_each(|&j| is_free[j] = true);
        let mut keep = is_free.clone();
        for l in &p.links {
            if is_free[l.from] || is_free[l.to] {
                keep[l.from] = true;
                keep[l.to] = true;
            }
        }
        let jobs: Vec<usize> = (0..n).filter(|&j| keep[j]).collect();
        let mut index = vec![usize::MAX; n];
        for (k, &j) in jobs.iter().enumerate() {
            index[j] = k;
        }
        // The orders left out: their hours leave the capacity, their open periods the limit on
        // open orders, their cost the held values.
        let mut capacity = p.capacity.clone();
        let mut max_open = p.max_open.clone();
        let limited = max_open.iter().any(Option::is_some);
        let mut left_out = s.clone();
        for (j, &kept) in keep.iter().enumerate() {
            if limited && !kept && s.jobs[j].selected {
                let (a, b) = (s.jobs[j].start, s.jobs[j].finish.min(p.periods - 1));
                for r in p.teams_of(j) {
                    if let Some(row) = &mut max_open[r] {
                        for x in &mut row[a..=b] {
                            *x = x.saturating_sub(1);
                        }
                    }
                }
            }
            if kept {
                left_out.jobs[j] = JobTimes::stopped();
                continue;
            }
            for (r, t, h) in s.hours(p, j) {
                // Float noise must not turn a full team into a negative capacity.
                capacity[r][t] = (capacity[r][t] - h).max(0.0);
            }
        }
        let mut sub_holds = Vec::with_capacity(holds.len());
        for (level, value) in holds {
            let additive = level.iter().all(|(o, _)| {
                matches!(
                    o,
                    Objective::WeightedLateness
                        | Objective::WeightedCompletion
                        | Objective::WorkInProgress
                        | Objective::BaselineDelay
                        | Objective::BaselineChanges
                )
            });
            let value = match level.as_slice() {
                // The orders left out end within the held makespan already.
                [(Objective::Makespan, _)] => *value,
                // Sums over orders: the orders left out keep their share.
                _ if additive => {
                    value
                        - level
                            .iter()
                            .map(|&(o, w)| w * o.evaluate(p, &left_out))
                            .sum::<f64>()
                }
                _ => return None,
            };
            sub_holds.push((level.clone(), value));
        }
        let links = p
            .links
            .iter()
            .filter(|l| keep[l.from] && keep[l.to])
            .map(|l| {
                let mut l = *l;
                l.from = index[l.from];
                l.to = index[l.to];
                l
            })
            .collect();
        let windows = Windows {
            horizon: full.horizon,
            jobs: jobs
                .iter()
                .map(|&j| {
                    let t = &s.jobs[j];
                    if is_free[j] {
                        near(full.jobs[j], t, reach)
                    } else {
                        pinned_window(t)
                    }
                })
                .collect(),
        };
        let problem = Problem {
            periods: p.periods,
            share: p.share.clone(),
            capacity,
            frozen: p.frozen.clone(),
            max_go_lives: None,
            jobs: jobs.iter().map(|&j| p.jobs[j].clone()).collect(),
            links,
            external: vec![None; p.external.len()],
            budgets: Vec::new(),
            groups: Vec::new(),
            shares: Vec::new(),
            max_open,
            // The sub-problem's plans are merged and settled as a whole: no target of its own.
            open_target: Vec::new(),
            frozen_until: p.frozen_until,
        };
        Some(Sub {
            problem,
            windows,
            holds: sub_holds,
            jobs,
        })
    }

    /// `s` with the step's orders as in `step`.
    pub(super) fn merge(&self, s: &Schedule, step: Schedule) -> Schedule {
        let mut out = s.clone();
        for (k, times) in step.jobs.into_iter().enumerate() {
            out.jobs[self.jobs[k]] = times;
        }
        out
    }

    /// The incumbent's times of the step's orders.
    pub(super) fn restrict(&self, s: &Schedule) -> Schedule {
        Schedule {
            jobs: self.jobs.iter().map(|&j| s.jobs[j].clone()).collect(),
            external: Vec::new(),
        }
    }
}

/// The window of an order pinned to its periods `t`.
pub(super) fn pinned_window(t: &JobTimes) -> Window {
    Window {
        es: t.start,
        ls: t.start,
        ef: t.finish,
        lf: t.finish,
        eg: t.go_live,
        lg: t.go_live,
    }
}

/// `w` cut to `reach` periods either side of the incumbent's times `t`: a freed order moves
/// at most that far in one step, which keeps the step's model small.
fn near(w: Window, t: &JobTimes, reach: usize) -> Window {
    Window {
        es: w.es.max(t.start.saturating_sub(reach)),
        ls: w.ls.min(t.start + reach),
        ef: w.ef.max(t.finish.saturating_sub(reach)),
        lf: w.lf.min(t.finish + reach),
        eg: w.eg.max(t.go_live.saturating_sub(reach)),
        lg: w.lg.min(t.go_live + reach),
    }
}

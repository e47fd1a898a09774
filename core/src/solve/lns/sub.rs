//! The model of one step: the freed orders, plus the kept orders linked to them pinned to
//! their periods; every other kept order leaves the model, its hours taken off the teams'
//! capacity (and, where they need consultants, off the consultant hours and budgets), its
//! go-live off the go-live slots, its hours into the orderer shares as constants, and its cost
//! off the held levels.

use super::left_out::LeftOut;
use crate::objective::Objective;
use crate::problem::{Problem, Window, Windows};
use crate::schedule::{JobTimes, Schedule};

/// A step's problem and how it maps back.
pub(crate) struct Sub {
    /// The orders in the step: freed ones and their pinned neighbours.
    pub problem: Problem,
    /// Their windows (pinned ones collapsed to their periods).
    pub windows: Windows,
    /// Earlier levels with the cost of the orders left out taken off their values.
    pub holds: Vec<(Vec<(Objective, f64)>, f64)>,
    /// Index in the full problem of each order in the step.
    jobs: Vec<usize>,
    /// Consultant hours the orders left out need, per team and period (their load above the
    /// own capacity).
    left_need: Vec<Vec<f64>>,
}

impl Sub {
    /// The step's problem, or None where the reduction does not hold exactly: a held level
    /// mixing makespan with other objectives.
    ///
    /// On a portfolio with decisions the orders in the step that are not freed keep their
    /// selection (a delivered optional order must be delivered, a stopped one stays stopped),
    /// the orders of a selection group with a freed member join the step, and what the orders
    /// left out take of the shared limits comes off them: their consultant hours (what their
    /// load needs above the own capacity) off the consultant hours, ceilings and budgets, their
    /// go-lives off the go-live slots, their hours into the orderer shares
    /// ([`Problem::outside`]).
    pub(crate) fn build(
        p: &Problem,
        full: &Windows,
        s: &Schedule,
        free: &[usize],
        reach: usize,
        holds: &[(Vec<(Objective, f64)>, f64)],
    ) -> Option<Sub> {
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
        for (_, members) in &p.groups {
            if members.iter().flatten().any(|&j| is_free[j]) {
                members.iter().flatten().for_each(|&j| keep[j] = true);
            }
        }
        let jobs: Vec<usize> = (0..n).filter(|&j| keep[j]).collect();
        let mut index = vec![usize::MAX; n];
        for (k, &j) in jobs.iter().enumerate() {
            index[j] = k;
        }
        let left = LeftOut::of(p, s, &keep);
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
        let groups = p
            .groups
            .iter()
            .filter(|(_, m)| m.iter().flatten().any(|&j| is_free[j]))
            .map(|(kind, m)| (*kind, m.iter().map(|x| x.map(|j| index[j])).collect()))
            .collect();
        let shares = p
            .shares
            .iter()
            .map(|(m, lo, hi)| {
                let m = m.iter().filter(|&&j| keep[j]).map(|&j| index[j]).collect();
                (m, *lo, *hi)
            })
            .collect();
        let windows = Windows {
            horizon: full.horizon,
            jobs: jobs
                .iter()
                .map(|&j| {
                    let t = &s.jobs[j];
                    if !t.selected {
                        full.jobs[j]
                    } else if is_free[j] {
                        near(full.jobs[j], t, reach)
                    } else {
                        pinned_window(t)
                    }
                })
                .collect(),
        };
        let step_jobs = jobs
            .iter()
            .map(|&j| {
                let mut job = p.jobs[j].clone();
                if !is_free[j] {
                    decide(&mut job, s.jobs[j].selected);
                }
                job
            })
            .collect();
        let LeftOut {
            capacity,
            external,
            budgets,
            max_open,
            outside,
            need: left_need,
            cost: left_cost,
        } = left;
        let problem = Problem {
            periods: p.periods,
            share: p.share.clone(),
            capacity,
            frozen: p.frozen.clone(),
            max_go_lives: p.max_go_lives,
            jobs: step_jobs,
            links,
            external,
            budgets,
            groups,
            shares,
            max_open,
            // The sub-problem's plans are merged and settled as a whole: no target of its own.
            open_target: Vec::new(),
            team_run_limit: Vec::new(),
            frozen_until: p.frozen_until,
            outside,
        };
        let sub = Sub {
            problem,
            windows,
            holds: Vec::new(),
            jobs,
            left_need,
        };
        // Held levels lose what the orders left out cost on them: a sum over orders loses
        // their share, consultant spend what they buy; a makespan holds as it is (the orders
        // left out end within it already).
        let inside = sub.restrict(s);
        let mut sub_holds = Vec::with_capacity(holds.len());
        for (level, value) in holds {
            let value = match level.as_slice() {
                [(Objective::Makespan, _)] => *value,
                _ if level.iter().any(|l| l.0 == Objective::Makespan) => return None,
                _ => {
                    let left: f64 = level
                        .iter()
                        .map(|&(o, w)| {
                            w * match o {
                                Objective::ConsultantCost => left_cost,
                                _ => o.evaluate(p, s) - o.evaluate(&sub.problem, &inside),
                            }
                        })
                        .sum();
                    value - left
                }
            };
            sub_holds.push((level.clone(), value));
        }
        Some(Sub {
            holds: sub_holds,
            ..sub
        })
    }

    /// Whether job `j` (an index into the full problem) is in the step, freed or pinned.
    pub(crate) fn has_job(&self, j: usize) -> bool {
        self.jobs.contains(&j)
    }

    /// `s` with the step's orders as in `step`, and consultant hours as the orders left out
    /// need them plus what the step bought.
    pub(crate) fn merge(&self, s: &Schedule, step: Schedule) -> Schedule {
        let mut out = s.clone();
        for (k, times) in step.jobs.into_iter().enumerate() {
            out.jobs[self.jobs[k]] = times;
        }
        out.external = self.with_left_need(step.external, 1.0);
        out
    }

    /// The incumbent's times of the step's orders, with the consultant hours it bought beyond
    /// what the orders left out need.
    pub(crate) fn restrict(&self, s: &Schedule) -> Schedule {
        Schedule {
            jobs: self.jobs.iter().map(|&j| s.jobs[j].clone()).collect(),
            external: self.with_left_need(s.external.clone(), -1.0),
        }
    }

    /// Consultant hours `external` plus `sign` × what the orders left out need, per team and
    /// period; none below zero, none of zero hours.
    fn with_left_need(
        &self,
        external: Vec<(usize, usize, f64)>,
        sign: f64,
    ) -> Vec<(usize, usize, f64)> {
        let mut hours = self.left_need.clone();
        hours.iter_mut().flatten().for_each(|h| *h *= sign);
        for (r, t, h) in external {
            if let Some(x) = hours.get_mut(r).and_then(|row| row.get_mut(t)) {
                *x += h;
            }
        }
        let mut out = Vec::new();
        for (r, row) in hours.iter().enumerate() {
            for (t, &h) in row.iter().enumerate() {
                if h > 1e-9 {
                    out.push((r, t, h));
                }
            }
        }
        out
    }
}

/// Decides a kept optional job's selection as in the incumbent (`selected`): delivered there,
/// it must be delivered; stopped there, it stays stopped. Other jobs stay as they are.
pub(crate) fn decide(job: &mut crate::problem::Job, selected: bool) {
    if job.optional && job.excluded.is_none() {
        if selected {
            job.optional = false;
        } else {
            job.excluded = Some("kept stopped in this step".into());
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
/// at most that far in one step, which keeps the step's model small (drift cuts every order
/// so). Cutting all three windows by the same reach around a plan keeps every latest finish
/// (plus its lag) within the latest go-live.
pub(crate) fn near(w: Window, t: &JobTimes, reach: usize) -> Window {
    Window {
        es: w.es.max(t.start.saturating_sub(reach)),
        ls: w.ls.min(t.start + reach),
        ef: w.ef.max(t.finish.saturating_sub(reach)),
        lf: w.lf.min(t.finish + reach),
        eg: w.eg.max(t.go_live.saturating_sub(reach)),
        lg: w.lg.min(t.go_live + reach),
    }
}

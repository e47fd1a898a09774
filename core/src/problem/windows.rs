//! Time windows: the earliest and latest start, finish and go-live of every job.
//!
//! A forward pass from release dates and a backward pass from the horizon and deadlines, both
//! along the dependencies with their lags. Effort-driven jobs use their fastest possible pace
//! (rate limit and team capacity per period), so the windows are valid bounds: no feasible plan
//! lies outside them. The formulation creates variables only inside them.

use super::{JobWork, Problem};
use crate::model::DependencyKind;

/// Bounds on one job's periods, all inclusive.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Window {
    /// Earliest start.
    pub es: usize,
    /// Latest start.
    pub ls: usize,
    /// Earliest finish.
    pub ef: usize,
    /// Latest finish.
    pub lf: usize,
    /// Earliest go-live.
    pub eg: usize,
    /// Latest go-live.
    pub lg: usize,
}

/// Windows of all jobs for a horizon of `horizon` periods.
#[derive(Debug, Clone)]
pub struct Windows {
    /// Periods considered: every go-live happens before it.
    pub horizon: usize,
    /// One window per job.
    pub jobs: Vec<Window>,
}

/// Why no plan can exist, found while computing windows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WindowConflict {
    /// The job that cannot be placed.
    pub job: usize,
    /// What is in the way, in words (periods are indices; the caller adds labels).
    pub reason: String,
    /// The order (index into `Portfolio::orders`) it waits on that cannot be delivered, where
    /// that is the reason: the caller names it.
    pub waits_on: Option<usize>,
}

impl Windows {
    /// Computes windows for `horizon` periods (at most the calendar's length).
    pub fn compute(p: &Problem, horizon: usize) -> Result<Windows, WindowConflict> {
        let horizon = horizon.min(p.periods);
        let n = p.jobs.len();
        let order = p.topological_order();
        let preds = p.preds();
        let succs = p.succs();
        let h = horizon as i64;
        let conflict = |job: usize, reason: String| WindowConflict {
            job,
            reason,
            waits_on: None,
        };

        let mut es = vec![0i64; n];
        let mut ef = vec![0i64; n];
        let mut eg = vec![0i64; n];
        for &j in &order {
            let job = &p.jobs[j];
            if job.excluded.is_some() {
                continue;
            }
            if let Some(l) = preds[j].iter().find(|l| p.jobs[l.from].excluded.is_some()) {
                return Err(WindowConflict {
                    waits_on: Some(p.jobs[l.from].order),
                    ..conflict(j, "it waits on an order that cannot be delivered".into())
                });
            }
            let mut s = job.release as i64;
            let mut f_min = i64::MIN;
            // Every link keeps the go-lives in order; live-to-live adds its lag.
            let mut g_min = 0i64;
            for l in &preds[j] {
                g_min = g_min.max(eg[l.from]);
                match l.kind {
                    DependencyKind::FinishToStart => s = s.max(ef[l.from] + 1 + l.lag),
                    DependencyKind::StartToStart => s = s.max(es[l.from] + l.lag),
                    DependencyKind::FinishToFinish => f_min = f_min.max(ef[l.from] + l.lag),
                    DependencyKind::LiveToStart => s = s.max(eg[l.from] + 1 + l.lag),
                    DependencyKind::LiveToLive => g_min = g_min.max(eg[l.from] + l.lag),
                }
            }
            if job.in_progress {
                if s > 0 {
                    return Err(conflict(j, "it is in progress, so it started before the plan, but a dependency makes it start later".into()));
                }
                s = 0;
            }
            if let Some(pinned) = job.fixed.start {
                if s > pinned as i64 {
                    return Err(conflict(j, format!("its start is pinned to period {pinned}, but a release or dependency makes it start in period {s} at the earliest")));
                }
                s = pinned as i64;
            }
            if s >= h {
                return Err(conflict(
                    j,
                    format!("it cannot start before period {s}, beyond the horizon"),
                ));
            }
            let f = earliest_finish(p, j, s as usize, horizon).ok_or_else(|| {
                conflict(j, format!("its work does not fit between period {s} and the end of the horizon at its allowed pace"))
            })? as i64;
            let f = f.max(f_min);
            let ready = (f + job.go_live_lag as i64).max(g_min);
            let g = match job.fixed.go_live {
                Some(pinned) if ready > pinned as i64 => {
                    return Err(conflict(j, format!("its go-live is pinned to period {pinned}, but its work, go-live lag and dependencies let it go live in period {ready} at the earliest")));
                }
                Some(pinned) if p.frozen[pinned] => {
                    return Err(conflict(j, format!("its go-live is pinned to period {pinned}, which is closed for go-live (a freeze window, or no release-train date)")));
                }
                Some(pinned) => pinned as i64,
                // Only pinned go-lives fall in the settled periods.
                None => {
                    let ready = ready.max(p.frozen_until as i64);
                    first_open(p, ready.max(0), h).ok_or_else(|| {
                        conflict(j, format!("no period from {ready} on is open for go-live"))
                    })?
                }
            };
            es[j] = s;
            ef[j] = f;
            eg[j] = g;
        }

        let mut ls = vec![0i64; n];
        let mut lf = vec![0i64; n];
        let mut lg = vec![0i64; n];
        for &j in order.iter().rev() {
            let job = &p.jobs[j];
            if job.excluded.is_some() {
                continue;
            }
            let mut g = h - 1;
            if let Some(d) = job.deadline {
                g = g.min(d as i64);
            }
            for l in succs[j].iter().filter(|l| p.jobs[l.to].excluded.is_none()) {
                g = g.min(lg[l.to]);
                match l.kind {
                    DependencyKind::LiveToStart => g = g.min(ls[l.to] - 1 - l.lag),
                    DependencyKind::LiveToLive => g = g.min(lg[l.to] - l.lag),
                    _ => {}
                }
            }
            if let Some(pinned) = job.fixed.go_live {
                if g < pinned as i64 {
                    return Err(conflict(j, format!("its go-live is pinned to period {pinned}, but its deadline or its dependants need it live by period {g}")));
                }
                g = pinned as i64;
            }
            let g = last_open(p, g).ok_or_else(|| {
                conflict(
                    j,
                    "no period open for go-live before its deadline, its dependants' go-lives or the end of the horizon".into(),
                )
            })?;
            let mut f = g - job.go_live_lag as i64;
            let mut s_max = i64::MAX;
            for l in succs[j].iter().filter(|l| p.jobs[l.to].excluded.is_none()) {
                match l.kind {
                    DependencyKind::FinishToStart => f = f.min(ls[l.to] - 1 - l.lag),
                    DependencyKind::StartToStart => s_max = s_max.min(ls[l.to] - l.lag),
                    DependencyKind::FinishToFinish => f = f.min(lf[l.to] - l.lag),
                    DependencyKind::LiveToStart | DependencyKind::LiveToLive => {}
                }
            }
            if f < ef[j] {
                return Err(conflict(j, format!("it must finish by period {f} (deadline, dependants or horizon) but cannot finish before period {}", ef[j])));
            }
            let s = latest_start(p, j, f as usize)
                .map(|s| s as i64)
                .unwrap_or(-1)
                .min(s_max);
            // An order in progress started before the plan: period 0 is its only start.
            let s = if job.in_progress { s.min(0) } else { s };
            let s = match job.fixed.start {
                Some(pinned) => s.min(pinned as i64),
                None => s,
            };
            if s < es[j] {
                return Err(conflict(j, format!("it must start by period {s} to meet its deadline, dependants or the horizon, but cannot start before period {}", es[j])));
            }
            ls[j] = s;
            lf[j] = f;
            lg[j] = g;
        }
        let jobs = (0..n)
            .map(|j| Window {
                es: es[j] as usize,
                ls: ls[j] as usize,
                ef: ef[j] as usize,
                lf: lf[j] as usize,
                eg: eg[j] as usize,
                lg: lg[j] as usize,
            })
            .collect();
        Ok(Windows { horizon, jobs })
    }
}

/// The first period from `from` on, before `h`, open for go-live.
pub(crate) fn first_open(p: &Problem, from: i64, h: i64) -> Option<i64> {
    (from.max(0)..h).find(|&t| !p.frozen[t as usize])
}

/// The last period at or before `to` open for go-live.
fn last_open(p: &Problem, to: i64) -> Option<i64> {
    if to < 0 {
        return None;
    }
    (0..=to).rev().find(|&t| !p.frozen[t as usize])
}

/// Earliest finish of job `j` when it starts in `s`, working at its fastest pace.
pub(crate) fn earliest_finish(p: &Problem, j: usize, s: usize, horizon: usize) -> Option<usize> {
    match &p.jobs[j].work {
        JobWork::Fixed { duration, .. } => {
            let f = s + duration - 1;
            (f < horizon).then_some(f)
        }
        JobWork::Effort {
            loads,
            min_duration,
            ..
        } => {
            let mut done = vec![0.0; loads.len()];
            let min_f = s + min_duration - 1;
            for t in s..horizon {
                for (k, l) in loads.iter().enumerate() {
                    done[k] += p.effort_cap(l, t);
                }
                let complete = loads
                    .iter()
                    .zip(&done)
                    .all(|(l, d)| *d >= l.hours * p.jobs[j].min_scope - 1e-9);
                if complete && t >= min_f {
                    return Some(t);
                }
            }
            None
        }
    }
}

/// Latest start of job `j` when it must finish by `f`, working at its fastest pace.
fn latest_start(p: &Problem, j: usize, f: usize) -> Option<usize> {
    match &p.jobs[j].work {
        JobWork::Fixed { duration, .. } => (f + 1).checked_sub(*duration),
        JobWork::Effort {
            loads,
            min_duration,
            ..
        } => {
            let max_s = (f + 1).checked_sub(*min_duration)?;
            let mut done = vec![0.0; loads.len()];
            for t in (0..=f).rev() {
                for (k, l) in loads.iter().enumerate() {
                    done[k] += p.effort_cap(l, t);
                }
                let complete = loads
                    .iter()
                    .zip(&done)
                    .all(|(l, d)| *d >= l.hours * p.jobs[j].min_scope - 1e-9);
                if complete && t <= max_s {
                    return Some(t);
                }
            }
            None
        }
    }
}

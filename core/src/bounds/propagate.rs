//! Constraint propagation for a fixed horizon: start windows of mandatory fixed-duration jobs
//! tightened by dependencies and time-tabling until nothing changes, with energetic reasoning
//! as a final check. Every step removes only starts that no plan within the horizon can use.

use super::{disjunctive, edge_finding, energetic};
use crate::model::DependencyKind;
use crate::problem::{JobWork, Problem, Windows};
use std::fmt;
use std::sync::Arc;
use std::time::Instant;

/// Hours slack when comparing with capacity: inputs are hours with few decimals, so anything
/// beyond float noise is a real excess.
pub(super) const EPS: f64 = 1e-6;

/// Most rounds of propagation for one horizon; each round that changes a window narrows it by
/// a period at least, so this only guards against slow creeping on long calendars.
const MAX_ROUNDS: usize = 200;

/// Proof that no plan fits the horizon tested.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refuted {
    /// The job whose window emptied, where one did.
    pub job: Option<usize>,
    /// What emptied it, in words (periods are indices).
    pub reason: String,
}

impl fmt::Display for Refuted {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.reason)
    }
}

/// A mandatory fixed-duration job as propagation sees it.
#[derive(Debug, Clone)]
pub(super) struct Task {
    pub job: usize,
    pub duration: i64,
    /// (team, hours per full period); shared, so that trial copies of the windows are cheap.
    pub demand: Arc<[(usize, f64)]>,
    /// Earliest and latest start.
    pub es: i64,
    pub ls: i64,
}

/// Windows of every job for `horizon`, with the fixed-duration ones tightened; `Err` when
/// propagation empties a window or finds more compulsory work than capacity. With `shave`,
/// each task's earliest and latest start is also tried on its own and dropped when
/// propagation refutes it, until `shave` (a deadline) passes or nothing changes.
pub(super) fn tighten(
    p: &Problem,
    horizon: usize,
    shave: Option<Option<Instant>>,
) -> Result<Windows, Refuted> {
    let (propagator, mut tasks) = Propagator::new(p, horizon)?;
    if let Some(deadline) = shave {
        propagator.shave(&mut tasks, deadline)?;
    }
    propagator.windows(&tasks)
}

/// The rules of one horizon, applied to task windows.
pub(super) struct Propagator<'a> {
    pub p: &'a Problem,
    /// Windows of every job before propagation.
    windows: Windows,
    pub cap: Capacity,
    /// Dependencies between two tasks as "start(to) ≥ start(from) + delta", in topological
    /// order of `from`, so that one pass each way settles them.
    pub arcs: Vec<(usize, usize, i64)>,
    /// Disjunctive pairs of tasks (`disjunctive::pairs`).
    pub pairs: Vec<(usize, usize)>,
    cliques: Vec<Vec<usize>>,
}

impl<'a> Propagator<'a> {
    /// The rules for `horizon` and the task windows propagated to a fixpoint.
    pub(super) fn new(p: &'a Problem, horizon: usize) -> Result<(Self, Vec<Task>), Refuted> {
        let windows = Windows::compute(p, horizon).map_err(|c| Refuted {
            job: Some(c.job),
            reason: c.reason,
        })?;
        let horizon = windows.horizon;
        let mut index = vec![None; p.jobs.len()];
        let mut tasks = Vec::new();
        for (j, job) in p.jobs.iter().enumerate() {
            if job.optional || job.excluded.is_some() {
                continue;
            }
            if let JobWork::Fixed { duration, demand } = &job.work {
                let w = windows.jobs[j];
                index[j] = Some(tasks.len());
                let demand: Vec<(usize, f64)> =
                    demand.iter().filter(|d| d.1 > 0.0).cloned().collect();
                tasks.push(Task {
                    job: j,
                    duration: *duration as i64,
                    demand: demand.into(),
                    es: w.es as i64,
                    ls: w.ls as i64,
                });
            }
        }
        let mut arcs: Vec<(usize, usize, i64)> = Vec::new();
        for l in &p.links {
            let (Some(a), Some(b)) = (index[l.from], index[l.to]) else {
                continue;
            };
            let (da, db) = (tasks[a].duration, tasks[b].duration);
            let delta = match l.kind {
                DependencyKind::FinishToStart => da + l.lag,
                DependencyKind::StartToStart => l.lag,
                DependencyKind::FinishToFinish => da - db + l.lag,
                // Live no earlier than the go-live lag after the finish: a weaker arc that
                // every plan keeps.
                DependencyKind::LiveToStart => da + l.lag + p.jobs[l.from].go_live_lag as i64,
                // Ties go-lives only, which the makespan propagation does not model: no arc
                // (leaving a rule out keeps the bounds valid).
                DependencyKind::LiveToLive => continue,
            };
            arcs.push((a, b, delta));
        }
        let mut position = vec![0usize; tasks.len()];
        let topo = p.topological_order().into_iter().filter_map(|j| index[j]);
        for (k, t) in topo.enumerate() {
            position[t] = k;
        }
        arcs.sort_by_key(|&(a, _, _)| position[a]);
        let cap = Capacity::new(p, horizon);
        let pairs = disjunctive::pairs(p, &cap, &tasks);
        let cliques = edge_finding::cliques(tasks.len(), &pairs);
        let propagator = Propagator {
            p,
            windows,
            cap,
            arcs,
            pairs,
            cliques,
        };
        propagator.fixpoint(&mut tasks)?;
        Ok((propagator, tasks))
    }

    /// The windows of every job with the tasks' windows in place of their own.
    pub(super) fn windows(&self, tasks: &[Task]) -> Result<Windows, Refuted> {
        let p = self.p;
        let mut windows = self.windows.clone();
        for t in tasks {
            let w = &mut windows.jobs[t.job];
            w.es = t.es as usize;
            w.ls = t.ls as usize;
            w.ef = (t.es + t.duration - 1) as usize;
            w.lf = (t.ls + t.duration - 1) as usize;
            let lag = p.jobs[t.job].go_live_lag;
            if w.eg < w.ef + lag {
                w.eg = (w.ef + lag..windows.horizon)
                    .find(|&g| !p.frozen[g])
                    .filter(|&g| g <= w.lg)
                    .ok_or_else(|| Refuted {
                        job: Some(t.job),
                        reason: format!("no go-live period is open after period {}", w.ef + lag),
                    })?;
            }
        }
        Ok(windows)
    }
}

impl Propagator<'_> {
    /// Applies dependencies, time-tabling and disjunctions until nothing changes, then the
    /// energetic check.
    pub(super) fn fixpoint(&self, tasks: &mut [Task]) -> Result<(), Refuted> {
        self.settle(tasks)?;
        energetic::check(self.p, &self.cap, tasks)
    }

    /// Dependencies, time-tabling and disjunctions until nothing changes.
    pub(super) fn settle(&self, tasks: &mut [Task]) -> Result<(), Refuted> {
        for _ in 0..MAX_ROUNDS {
            let mut changed = precedence(tasks, &self.arcs)?;
            changed |= time_table(self.p, &self.cap, tasks)?;
            changed |= disjunctive::propagate(tasks, &self.pairs)?;
            changed |= edge_finding::propagate(tasks, &self.cliques)?;
            if !changed {
                break;
            }
        }
        Ok(())
    }

    /// Shaving: a start at the edge of a window that propagation refutes when the task is
    /// fixed there is removed, and the rest propagated again.
    pub(super) fn shave(
        &self,
        tasks: &mut [Task],
        deadline: Option<Instant>,
    ) -> Result<(), Refuted> {
        let late = || deadline.is_some_and(|d| Instant::now() >= d);
        let mut trial: Vec<Task> = tasks.to_vec();
        loop {
            let mut changed = false;
            for i in 0..tasks.len() {
                for earliest in [true, false] {
                    while tasks[i].es < tasks[i].ls {
                        if late() {
                            return energetic::check(self.p, &self.cap, tasks);
                        }
                        trial.clone_from_slice(tasks);
                        if earliest {
                            trial[i].ls = trial[i].es;
                        } else {
                            trial[i].es = trial[i].ls;
                        }
                        if self.settle(&mut trial).is_ok() {
                            break;
                        }
                        if earliest {
                            tasks[i].es += 1;
                        } else {
                            tasks[i].ls -= 1;
                        }
                        self.settle(tasks)?;
                        changed = true;
                    }
                }
            }
            if !changed {
                return energetic::check(self.p, &self.cap, tasks);
            }
        }
    }
}

/// Team capacity (consultant hours included) per period up to the horizon, with prefix sums;
/// and prefix sums of the working share.
pub(super) struct Capacity {
    pub hours: Vec<Vec<f64>>,
    pub hours_before: Vec<Vec<f64>>,
    pub share_before: Vec<f64>,
}

impl Capacity {
    fn new(p: &Problem, horizon: usize) -> Capacity {
        let hours: Vec<Vec<f64>> = (0..p.capacity.len())
            .map(|r| (0..horizon).map(|t| p.max_capacity(r, t)).collect())
            .collect();
        let prefix = |xs: &[f64]| {
            let mut out = Vec::with_capacity(xs.len() + 1);
            out.push(0.0);
            for x in xs {
                out.push(out.last().copied().unwrap_or(0.0) + x);
            }
            out
        };
        Capacity {
            hours_before: hours.iter().map(|h| prefix(h)).collect(),
            hours,
            share_before: prefix(&p.share[..horizon]),
        }
    }
}

/// Pushes starts along the dependencies; true when a window changed.
fn precedence(tasks: &mut [Task], arcs: &[(usize, usize, i64)]) -> Result<bool, Refuted> {
    let mut changed = false;
    for &(a, b, delta) in arcs {
        let es = tasks[a].es + delta;
        if es > tasks[b].es {
            tasks[b].es = es;
            changed = true;
        }
    }
    for &(a, b, delta) in arcs.iter().rev() {
        let ls = tasks[b].ls - delta;
        if ls < tasks[a].ls {
            tasks[a].ls = ls;
            changed = true;
        }
    }
    for t in tasks.iter() {
        if t.es > t.ls {
            return Err(empty(t, "its dependencies"));
        }
    }
    Ok(changed)
}

pub(super) fn empty(t: &Task, by: &str) -> Refuted {
    Refuted {
        job: Some(t.job),
        reason: format!(
            "job {} has no start left: {by} need it to start after period {} and before period {}",
            t.job, t.es, t.ls
        ),
    }
}

/// Time-tabling: the compulsory part of a task (the periods it runs whatever its start, from
/// its latest start to its earliest finish) is certain load; no task may start where its own
/// demand on top of the others' certain load exceeds a team's capacity.
fn time_table(p: &Problem, cap: &Capacity, tasks: &mut [Task]) -> Result<bool, Refuted> {
    let horizon = cap.share_before.len() - 1;
    let mut load = vec![vec![0.0f64; horizon]; cap.hours.len()];
    for t in tasks.iter() {
        for period in t.ls..t.es + t.duration {
            for &(r, h) in t.demand.iter() {
                load[r][period as usize] += h * p.share[period as usize];
            }
        }
    }
    for (r, row) in load.iter().enumerate() {
        if let Some(period) = (0..horizon).find(|&t| row[t] > cap.hours[r][t] + EPS) {
            return Err(Refuted {
                job: None,
                reason: format!("team {r} has more certain work in period {period} than capacity"),
            });
        }
    }
    let mut changed = false;
    for t in tasks.iter_mut() {
        if t.demand.is_empty() {
            continue;
        }
        let (c0, c1) = (t.ls, t.es + t.duration); // own compulsory part [c0, c1)
        let clash = |period: i64| {
            let u = period as usize;
            t.demand.iter().any(|&(r, h)| {
                let own = if period >= c0 && period < c1 {
                    h * p.share[u]
                } else {
                    0.0
                };
                load[r][u] - own + h * p.share[u] > cap.hours[r][u] + EPS
            })
        };
        // Earliest start: jump past the latest clash inside the run until none is left.
        let mut s = t.es;
        while s <= t.ls {
            match (s..s + t.duration).rev().find(|&q| clash(q)) {
                Some(q) => s = q + 1,
                None => break,
            }
        }
        // Latest start: jump before the earliest clash.
        let mut e = t.ls;
        while e >= s {
            match (e..e + t.duration).find(|&q| clash(q)) {
                Some(q) => e = q - t.duration,
                None => break,
            }
        }
        if s > t.es || e < t.ls {
            t.es = s;
            t.ls = e;
            changed = true;
            if t.es > t.ls {
                return Err(empty(t, "the teams' certain load"));
            }
        }
    }
    Ok(changed)
}

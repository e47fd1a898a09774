//! The serial schedule-generation scheme: place jobs one by one, in list order, each at the
//! earliest period its predecessors, release and the remaining capacity allow.
//!
//! [`Sgs`] keeps the predecessor lists and the capacity buffers between runs, because the
//! search decodes thousands of lists of one problem; [`serial_sgs`] is the one-off form.

use crate::model::DependencyKind;
use crate::problem::{JobWork, Link, Problem};
use crate::schedule::{JobTimes, Schedule};

/// Capacity slack accepted when comparing hours (solver-free, so only float noise).
const EPS: f64 = 1e-9;

/// Schedules the jobs in `list` order (a precedence-feasible order of all jobs) within
/// `horizon` periods. Effort-driven jobs work as fast as their rate limits and the remaining
/// capacity allow. None when a job cannot be placed (a deadline, a go-live limit, the horizon).
pub fn serial_sgs(p: &Problem, list: &[usize], horizon: usize) -> Option<Schedule> {
    Sgs::new(p, horizon).run(p, list)
}

/// The serial scheme for one problem, with its buffers kept between runs.
pub(crate) struct Sgs {
    preds: Vec<Vec<Link>>,
    horizon: usize,
    rem: Vec<Vec<f64>>,
    go_lives: Vec<u32>,
    /// Scratch of effort placement: hours left per load, hours placed.
    left: Vec<f64>,
    work: Vec<(usize, usize, f64)>,
}

impl Sgs {
    /// Prepares runs on `p` (or on a problem with the same jobs, links and periods) within
    /// `horizon` periods.
    pub(crate) fn new(p: &Problem, horizon: usize) -> Sgs {
        Sgs {
            preds: p.preds(),
            horizon: horizon.min(p.periods),
            rem: p.capacity.clone(),
            go_lives: vec![0; p.periods],
            left: Vec::new(),
            work: Vec::new(),
        }
    }

    /// Schedules `list`, like [`serial_sgs`].
    pub(crate) fn run(&mut self, p: &Problem, list: &[usize]) -> Option<Schedule> {
        self.try_run(p, list).ok()
    }

    /// Schedules `list`; when a job cannot be placed, `Err` with its position in the list (so
    /// a search can move it forward: the jobs before it are what took its room).
    pub(crate) fn try_run(&mut self, p: &Problem, list: &[usize]) -> Result<Schedule, usize> {
        let n = p.jobs.len();
        if list.len() != n {
            return Err(0);
        }
        for (row, cap) in self.rem.iter_mut().zip(&p.capacity) {
            row.copy_from_slice(cap);
        }
        self.go_lives.iter_mut().for_each(|g| *g = 0);
        let horizon = self.horizon;
        let mut times: Vec<Option<JobTimes>> = vec![None; n];
        for (k, &j) in list.iter().enumerate() {
            let job = &p.jobs[j];
            let pred_stopped = self.preds[j]
                .iter()
                .any(|l| times[l.from].as_ref().is_some_and(|t| !t.selected));
            if job.excluded.is_some() || pred_stopped {
                // An order waiting on a stopped one is stopped too, if it may be.
                if !job.optional {
                    return Err(k);
                }
                times[j] = Some(JobTimes::stopped());
                continue;
            }
            // Place the job; an optional job that does not fit is stopped instead.
            let placed = (|| {
                let mut est = job.release as i64;
                let mut f_min = 0i64;
                for l in &self.preds[j] {
                    let pt = times[l.from].as_ref()?;
                    match l.kind {
                        DependencyKind::FinishToStart => {
                            est = est.max(pt.finish as i64 + 1 + l.lag)
                        }
                        DependencyKind::StartToStart => est = est.max(pt.start as i64 + l.lag),
                        DependencyKind::FinishToFinish => {
                            f_min = f_min.max(pt.finish as i64 + l.lag)
                        }
                    }
                }
                let est = est.max(0) as usize;
                let f_min = f_min.max(0) as usize;
                if job.in_progress && est > 0 {
                    return None;
                }
                let (start, finish, work) = match &job.work {
                    JobWork::Fixed { duration, demand } => {
                        let s = place_fixed(p, *duration, demand, est, f_min, horizon, &self.rem)?;
                        if job.in_progress && s > 0 {
                            return None;
                        }
                        (s, s + duration - 1, Vec::new())
                    }
                    JobWork::Effort { .. } => {
                        let last = if job.in_progress { 0 } else { horizon };
                        (est..=last.max(est))
                            .take_while(|&s| s < horizon)
                            .find_map(|s| {
                                match place_effort(
                                    p,
                                    j,
                                    s,
                                    f_min,
                                    horizon,
                                    &self.rem,
                                    (&mut self.left, &mut self.work),
                                ) {
                                    Place::Fits(f) => Some(Ok((s, f, self.work.clone()))),
                                    Place::Later => None,
                                    Place::Never => Some(Err(())),
                                }
                            })?
                            .ok()?
                    }
                };
                let go_live = (finish + job.go_live_lag..horizon).find(|&t| {
                    !p.frozen[t] && p.max_go_lives.is_none_or(|m| self.go_lives[t] < m)
                })?;
                if job.deadline.is_some_and(|d| go_live > d) {
                    return None;
                }
                Some((start, finish, go_live, work))
            })();
            let Some((start, finish, go_live, work)) = placed else {
                if !job.optional {
                    return Err(k);
                }
                times[j] = Some(JobTimes::stopped());
                continue;
            };
            match &job.work {
                JobWork::Fixed { demand, .. } => {
                    for t in start..=finish {
                        for &(r, h) in demand {
                            self.rem[r][t] -= h * p.share[t];
                        }
                    }
                }
                JobWork::Effort { .. } => {
                    for &(r, t, h) in &work {
                        self.rem[r][t] -= h;
                    }
                }
            }
            self.go_lives[go_live] += 1;
            times[j] = Some(JobTimes::delivered(start, finish, go_live, work));
        }
        Ok(Schedule {
            jobs: times
                .into_iter()
                .collect::<Option<Vec<_>>>()
                .ok_or(n.saturating_sub(1))?,
            external: Vec::new(),
        })
    }
}

/// Earliest start of a fixed-duration job from `est` on that finishes no earlier than `f_min`
/// and fits the remaining capacity in every period it runs. When a period does not fit, every
/// start up to that period fails too, so the search jumps past it.
fn place_fixed(
    p: &Problem,
    duration: usize,
    demand: &[(usize, f64)],
    est: usize,
    f_min: usize,
    horizon: usize,
    rem: &[Vec<f64>],
) -> Option<usize> {
    let mut s = est.max((f_min + 1).saturating_sub(duration));
    loop {
        let f = s + duration - 1;
        if f >= horizon {
            return None;
        }
        let clash = (s..=f).rev().find(|&t| {
            demand
                .iter()
                .any(|&(r, h)| h * p.share[t] > rem[r][t] + EPS)
        });
        match clash {
            Some(t) => s = t + 1,
            None => return Some(s),
        }
    }
}

enum Place {
    /// Fits, with this finish (and the hours in the scratch).
    Fits(usize),
    /// Not at this start; a later one may do.
    Later,
    /// No later start can do either.
    Never,
}

/// Places an effort-driven job starting in `s` at its fastest pace in the remaining capacity;
/// the hours go to `scratch.1` (`scratch.0` holds the hours left per load).
fn place_effort(
    p: &Problem,
    j: usize,
    s: usize,
    f_min: usize,
    horizon: usize,
    rem: &[Vec<f64>],
    (left, work): (&mut Vec<f64>, &mut Vec<(usize, usize, f64)>),
) -> Place {
    let JobWork::Effort {
        loads,
        min_duration,
        max_duration,
    } = &p.jobs[j].work
    else {
        return Place::Never;
    };
    left.clear();
    left.extend(loads.iter().map(|l| l.hours));
    work.clear();
    let mut t = s;
    let mut last_work = s;
    loop {
        if left.iter().all(|&x| x <= EPS) {
            break;
        }
        if t >= horizon {
            return Place::Never;
        }
        for (k, l) in loads.iter().enumerate() {
            let w = (l.max_rate * p.share[t])
                .min(rem[l.team][t].max(0.0))
                .min(left[k]);
            if l.min_rate > 0.0 && w + EPS < l.min_rate * p.share[t] {
                return Place::Later;
            }
            if w > EPS {
                work.push((l.team, t, w));
                left[k] -= w;
            }
        }
        if t == s && work.is_empty() {
            // Nothing can be done in the first period: starting later is no worse.
            return Place::Later;
        }
        last_work = t;
        t += 1;
    }
    if !loads.is_empty() && work.first().map(|w| w.1) != Some(s) {
        // Nothing can be done in the first period: starting later is no worse.
        return Place::Later;
    }
    let f = last_work.max(s + min_duration - 1).max(f_min);
    if f >= horizon {
        return Place::Never;
    }
    if f > last_work && loads.iter().any(|l| l.min_rate > 0.0) {
        return Place::Later;
    }
    if max_duration.is_some_and(|m| f - s + 1 > m) {
        return Place::Later;
    }
    Place::Fits(f)
}

//! The serial schedule-generation scheme: place jobs one by one, in list order, each at the
//! earliest period its predecessors, release and the remaining capacity allow.

use crate::model::DependencyKind;
use crate::problem::{JobWork, Problem};
use crate::schedule::{JobTimes, Schedule};

/// Capacity slack accepted when comparing hours (solver-free, so only float noise).
const EPS: f64 = 1e-9;

/// Schedules the jobs in `list` order (a precedence-feasible order of all jobs) within
/// `horizon` periods. Effort-driven jobs work as fast as their rate limits and the remaining
/// capacity allow. None when a job cannot be placed (a deadline, a go-live limit, the horizon).
pub fn serial_sgs(p: &Problem, list: &[usize], horizon: usize) -> Option<Schedule> {
    let n = p.jobs.len();
    let preds = p.preds();
    let mut rem = p.capacity.clone();
    let mut go_lives = vec![0u32; p.periods];
    let mut times: Vec<Option<JobTimes>> = vec![None; n];
    for &j in list {
        let job = &p.jobs[j];
        let mut est = job.release as i64;
        let mut f_min = 0i64;
        for l in &preds[j] {
            let pt = times[l.from].as_ref()?;
            match l.kind {
                DependencyKind::FinishToStart => est = est.max(pt.finish as i64 + 1 + l.lag),
                DependencyKind::StartToStart => est = est.max(pt.start as i64 + l.lag),
                DependencyKind::FinishToFinish => f_min = f_min.max(pt.finish as i64 + l.lag),
            }
        }
        let est = est.max(0) as usize;
        let starts: Vec<usize> = if job.in_progress {
            if est > 0 {
                return None;
            }
            vec![0]
        } else {
            (est..horizon).collect()
        };
        let mut placed = None;
        for s in starts {
            match try_place(p, j, s, f_min.max(0) as usize, horizon, &rem, &go_lives) {
                Place::Fits(jt) => {
                    placed = Some(jt);
                    break;
                }
                Place::Later => continue,
                Place::Never => return None,
            }
        }
        let jt = placed?;
        if job.deadline.is_some_and(|d| jt.go_live > d) {
            return None;
        }
        for (r, t, h) in hours_of(p, j, &jt) {
            rem[r][t] -= h;
        }
        go_lives[jt.go_live] += 1;
        times[j] = Some(jt);
    }
    Some(Schedule {
        jobs: times.into_iter().collect::<Option<Vec<_>>>()?,
    })
}

enum Place {
    Fits(JobTimes),
    /// Not at this start; a later one may do.
    Later,
    /// No later start can do either.
    Never,
}

fn hours_of(p: &Problem, j: usize, jt: &JobTimes) -> Vec<(usize, usize, f64)> {
    match &p.jobs[j].work {
        JobWork::Effort { .. } => jt.work.clone(),
        JobWork::Fixed { demand, .. } => (jt.start..=jt.finish)
            .flat_map(|t| demand.iter().map(move |&(r, h)| (r, t, h * p.share[t])))
            .collect(),
    }
}

fn try_place(
    p: &Problem,
    j: usize,
    s: usize,
    f_min: usize,
    horizon: usize,
    rem: &[Vec<f64>],
    go_lives: &[u32],
) -> Place {
    let job = &p.jobs[j];
    let (finish, work) = match &job.work {
        JobWork::Fixed { duration, demand } => {
            let f = s + duration - 1;
            if f >= horizon {
                return Place::Never;
            }
            if f < f_min {
                return Place::Later;
            }
            let fits = (s..=f).all(|t| {
                demand
                    .iter()
                    .all(|&(r, h)| h * p.share[t] <= rem[r][t] + EPS)
            });
            if !fits {
                return Place::Later;
            }
            (f, Vec::new())
        }
        JobWork::Effort {
            loads,
            min_duration,
            max_duration,
        } => {
            let mut left: Vec<f64> = loads.iter().map(|l| l.hours).collect();
            let mut work = Vec::new();
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
            (f, work)
        }
    };
    let first_go_live = finish + job.go_live_lag;
    let go_live = (first_go_live..horizon)
        .find(|&t| !p.frozen[t] && p.max_go_lives.is_none_or(|m| go_lives[t] < m));
    match go_live {
        Some(g) => Place::Fits(JobTimes {
            start: s,
            finish,
            go_live: g,
            work,
        }),
        None => Place::Never,
    }
}

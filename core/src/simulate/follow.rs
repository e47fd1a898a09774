//! The re-levelling rule: each order follows its planned hours, shifted by however late it
//! can start, and whatever its drawn hours need beyond them it works at its fastest pace in
//! the capacity left.
//!
//! Jobs are placed one by one in the plan's order (see [`super::Simulator`]). For each:
//!
//! 1. **Start**: the planned start, or later when its release or a dependency (every kind,
//!    with its lag) holds it back: a team does not start work before the plan says, and
//!    cannot start it before what it waits for allows. An order in progress starts at once.
//! 2. **Work**: period by period from the start, each team does the hours the plan gave it in
//!    the same period of the order's run (planned start + k → start + k), as far as its hours
//!    left, its pace limit and the team's remaining capacity allow. Past the planned hours it
//!    goes on at its fastest pace in the capacity left. So with exact estimates a run repeats
//!    the plan period for period; with more hours it runs on after its planned finish, with
//!    fewer it stops when done.
//! 3. **Go-live**: the first period after the work and the go-live lag, and not before what it
//!    depends on is live (plus a live-to-live lag), that is open for go-live (freeze windows,
//!    release train) and has a go-live slot free. The slots the plan gives the orders not yet
//!    placed are kept for them: an order placed earlier in the list (it starts earlier) takes a
//!    slot only where the plan leaves one, so with exact estimates each order goes live in its
//!    planned period, and one that finishes early goes live early only into a free slot.
//!
//! A fixed-duration order starts at the first period from its start on where the teams have
//! its demand in every period of its (drawn) duration.

use crate::model::DependencyKind;
use crate::problem::{JobWork, Link, Problem};
use crate::schedule::{JobTimes, Schedule};

/// Hours below this are float noise.
const EPS: f64 = 1e-9;

/// What the plan says about one job: its start and its hours per team, by period of its run
/// (index 0 is the start period).
#[derive(Debug, Clone, Default)]
pub(super) struct Planned {
    /// Planned start period.
    pub start: usize,
    /// (team index, hours in run period 0, 1, …).
    pub profile: Vec<(usize, Vec<f64>)>,
    /// Planned go-live period, where the plan delivers the order.
    pub go_live: Option<usize>,
}

/// Places every job of `p` in `list` order (each after the jobs it depends on) on capacity
/// `cap` (per team and period, consumed), following `planned` (per job). `Err` with the
/// list position of a job that finds no place within the calendar.
pub(super) fn follow(
    p: &Problem,
    list: &[usize],
    planned: &[Planned],
    cap: &mut [Vec<f64>],
) -> Result<Schedule, usize> {
    let preds = p.preds();
    let mut jobs: Vec<Option<JobTimes>> = vec![None; p.jobs.len()];
    let mut go_lives = vec![0u32; p.periods];
    // Go-live slots the plan gives the jobs not placed yet.
    let mut kept = vec![0u32; p.periods];
    if p.max_go_lives.is_some() {
        for &j in list {
            if let Some(g) = planned[j].go_live.filter(|&g| g < p.periods) {
                kept[g] += 1;
            }
        }
    }
    for (pos, &j) in list.iter().enumerate() {
        if let Some(g) = planned[j]
            .go_live
            .filter(|&g| g < kept.len() && kept[g] > 0)
        {
            kept[g] -= 1;
        }
        let job = &p.jobs[j];
        let pred_stopped = preds[j]
            .iter()
            .any(|l| jobs[l.from].as_ref().is_some_and(|t| !t.selected));
        if job.excluded.is_some() || pred_stopped {
            jobs[j] = Some(JobTimes::stopped());
            continue;
        }
        let (est, f_min, g_min) = bounds(&preds[j], &jobs).ok_or(pos)?;
        let est = if job.in_progress {
            0
        } else {
            est.max(job.release).max(planned[j].start)
        };
        let (start, finish, work) = match &job.work {
            JobWork::Fixed { duration, demand } => {
                let s = fixed_start(p, *duration, demand, est, f_min, cap).ok_or(pos)?;
                let f = s + duration - 1;
                for &(r, h) in demand {
                    for (c, share) in cap[r][s..=f].iter_mut().zip(&p.share[s..=f]) {
                        *c -= h * share;
                    }
                }
                (s, f, Vec::new())
            }
            JobWork::Effort {
                loads,
                min_duration,
                ..
            } => {
                let mut left: Vec<f64> = loads.iter().map(|l| l.hours).collect();
                let mut work = Vec::new();
                let mut t = est;
                while left.iter().any(|&x| x > EPS) {
                    if t >= p.periods {
                        return Err(pos);
                    }
                    for (k, l) in loads.iter().enumerate() {
                        let mut h = (l.max_rate * p.share[t])
                            .min(cap[l.team][t].max(0.0))
                            .min(left[k]);
                        if let Some((_, row)) =
                            planned[j].profile.iter().find(|(r, _)| *r == l.team)
                        {
                            if let Some(&ph) = row.get(t - est) {
                                h = h.min(ph);
                            }
                        }
                        if h > EPS {
                            cap[l.team][t] -= h;
                            left[k] -= h;
                            work.push((l.team, t, h));
                        }
                    }
                    t += 1;
                }
                let first = work.iter().map(|w| w.1).min().unwrap_or(est);
                let last = work.iter().map(|w| w.1).max().unwrap_or(est);
                let s = if job.in_progress { 0 } else { first };
                let f = last.max(s + min_duration - 1).max(f_min);
                if f >= p.periods {
                    return Err(pos);
                }
                (s, f, work)
            }
        };
        let go_live = ((finish + job.go_live_lag).max(g_min)..p.periods)
            .find(|&t| !p.frozen[t] && p.max_go_lives.is_none_or(|m| go_lives[t] + kept[t] < m))
            .ok_or(pos)?;
        go_lives[go_live] += 1;
        jobs[j] = Some(JobTimes::delivered(start, finish, go_live, work));
    }
    Ok(Schedule {
        jobs: jobs
            .into_iter()
            .map(|x| x.expect("a list of every job places each"))
            .collect(),
        external: Vec::new(),
    })
}

/// Earliest start, earliest finish and earliest go-live the placed predecessors allow; None
/// when one is not placed yet (not a precedence-feasible list).
fn bounds(preds: &[Link], jobs: &[Option<JobTimes>]) -> Option<(usize, usize, usize)> {
    let (mut est, mut f_min, mut g_min) = (0i64, 0i64, 0i64);
    for l in preds {
        let pt = jobs[l.from].as_ref()?;
        if !pt.selected {
            continue;
        }
        let (s, f, g) = (pt.start as i64, pt.finish as i64, pt.go_live as i64);
        g_min = g_min.max(g);
        match l.kind {
            DependencyKind::FinishToStart => est = est.max(f + 1 + l.lag),
            DependencyKind::StartToStart => est = est.max(s + l.lag),
            DependencyKind::FinishToFinish => f_min = f_min.max(f + l.lag),
            DependencyKind::LiveToStart => est = est.max(g + 1 + l.lag),
            DependencyKind::LiveToLive => g_min = g_min.max(g + l.lag),
        }
    }
    Some((
        est.max(0) as usize,
        f_min.max(0) as usize,
        g_min.max(0) as usize,
    ))
}

/// First start from `est` on of a fixed-duration job that ends no earlier than `f_min`, fits
/// the calendar and finds its demand in every period it runs.
fn fixed_start(
    p: &Problem,
    duration: usize,
    demand: &[(usize, f64)],
    est: usize,
    f_min: usize,
    cap: &[Vec<f64>],
) -> Option<usize> {
    let mut s = est.max((f_min + 1).saturating_sub(duration));
    loop {
        let f = s + duration - 1;
        if f >= p.periods {
            return None;
        }
        let clash = (s..=f).rev().find(|&t| {
            demand
                .iter()
                .any(|&(r, h)| h * p.share[t] > cap[r][t] + EPS)
        });
        match clash {
            Some(t) => s = t + 1,
            None => return Some(s),
        }
    }
}

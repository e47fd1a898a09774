//! The serial schedule-generation scheme: place jobs one by one, in list order, each at the
//! earliest period its predecessors, release and the remaining capacity allow.
//!
//! [`Sgs`] keeps the predecessor lists and the capacity buffers between runs, because the
//! search decodes thousands of lists of one problem; [`serial_sgs`] is the one-off form.
//!
//! **Incremental decoding.** A job's place depends only on the jobs before it in the list, so
//! two lists that agree on their first `i` positions give the same placements there. [`Sgs`]
//! remembers the last list it decoded and, every `step` positions, the state before that
//! position (remaining capacity, go-lives per period, hours placed so far). A new list is
//! decoded from the last such checkpoint before its first difference with the remembered
//! list: a move that changes a list from position `i` on costs `(n − i) / n` of a run. The
//! result is exactly that of a full run (a unit test compares both on random lists).

use crate::model::DependencyKind;
use crate::problem::{JobWork, Link, Problem};
use crate::schedule::{JobTimes, Schedule};
use std::ops::Range;

/// Capacity slack accepted when comparing hours (solver-free, so only float noise).
const EPS: f64 = 1e-9;

/// Schedules the jobs in `list` order (a precedence-feasible order of all jobs) within
/// `horizon` periods. Effort-driven jobs work as fast as their rate limits and the remaining
/// capacity allow. None when a job cannot be placed (a deadline, a go-live limit, the horizon).
pub fn serial_sgs(p: &Problem, list: &[usize], horizon: usize) -> Option<Schedule> {
    Sgs::new(p, horizon).run(p, list)
}

/// Where one job went in the last decoded list.
#[derive(Debug, Clone)]
struct Placed {
    start: usize,
    finish: usize,
    go_live: usize,
    selected: bool,
    /// Its hours in `Sgs::hours` (effort-driven jobs).
    work: Range<usize>,
}

/// The decoder's state before some list position.
#[derive(Debug, Clone)]
struct Checkpoint {
    /// Remaining hours, team by team (rows of `Sgs::rem` one after the other).
    rem: Vec<f64>,
    go_lives: Vec<u32>,
    /// Open-order slots left, team by team (rows of `Sgs::open`).
    open: Vec<u32>,
    /// Consultant hours left, team by team (rows of `Sgs::ext`).
    ext: Vec<f64>,
    /// `Sgs::limits`.
    limits: Vec<f64>,
    /// Length of `Sgs::hours`.
    hours: usize,
}

/// The serial scheme for one problem, with its buffers kept between runs.
#[derive(Clone)]
pub(crate) struct Sgs {
    preds: Vec<Vec<Link>>,
    horizon: usize,
    rem: Vec<Vec<f64>>,
    /// Consultant hours that can still be bought per team and period, and scratch for the
    /// own and consultant hours together. Mandatory jobs that do not fit the own capacity
    /// use them as a last resort; what a schedule buys is read off its load afterwards.
    ext: Vec<Vec<f64>>,
    plus: Vec<Vec<f64>>,
    /// First period of each team with hours left: an effort-driven job cannot start before
    /// the first of its teams' (so the search for its start skips the booked-out weeks).
    first_free: Vec<usize>,
    go_lives: Vec<u32>,
    /// Open-order slots left per team and period (`u32::MAX` rows where the work rules set
    /// no limit), and the teams each job needs; all empty when no team has a limit, so the
    /// checkpoints copy nothing for them.
    open: Vec<Vec<u32>>,
    teams_of: Vec<Vec<usize>>,
    /// Slots kept for the orders in progress (which must run from period 0) up to their
    /// earliest finish: other jobs leave them free.
    reserved: Vec<Vec<u32>>,
    /// Scratch of effort placement: hours left per load, hours placed.
    left: Vec<f64>,
    work: Vec<(usize, usize, f64)>,
    /// Placement of each job in the last decoded list (None: not placed).
    placed: Vec<Option<Placed>>,
    /// Hours of effort-driven jobs, (team, period, hours), in list order.
    hours: Vec<(usize, usize, f64)>,
    /// The last decoded list, and how many of its first positions were placed.
    cur: Vec<usize>,
    valid: usize,
    /// Positions between checkpoints; `checkpoints[m]` is the state before position
    /// `m * step` of `cur` (valid for `m * step <= valid`).
    step: usize,
    checkpoints: Vec<Checkpoint>,
    /// Positions decoded over all runs (a full run of `n` jobs counts `n`): the measure of
    /// work that incremental decoding reduces.
    pub(crate) positions: u64,
    /// Never fail a list: place a job past its deadline, and leave out a mandatory job that
    /// does not fit in the horizon (or waits on one left out). The annealing search
    /// (`search::anneal`) prices both instead, so that it can walk through such lists toward
    /// ones that keep every rule.
    pub(crate) soft: bool,
    /// What may still be bought over the horizon (empty where no consultant can be): each
    /// team's consultant hours left under its ceiling (infinite without one), then each
    /// budget's money left. A mandatory job that needs consultants beyond them does not fit.
    limits: Vec<f64>,
    /// The budgets (indices after the teams' in `limits`) that cover each period.
    budgets_of: Vec<Vec<usize>>,
}

impl Sgs {
    /// Prepares runs on `p` (or on a problem with the same jobs, links and periods) within
    /// `horizon` periods.
    pub(crate) fn new(p: &Problem, horizon: usize) -> Sgs {
        let n = p.jobs.len();
        // About 64 checkpoints: a restart point close to any position, at a copy of the
        // capacity table every `step` positions.
        let step = (n / 64).max(4);
        let limited = p.max_open.iter().any(Option::is_some);
        let open: Vec<Vec<u32>> = if limited {
            p.max_open
                .iter()
                .map(|m| m.clone().unwrap_or_else(|| vec![u32::MAX; p.periods]))
                .collect()
        } else {
            Vec::new()
        };
        let teams_of: Vec<Vec<usize>> = if limited {
            (0..n).map(|j| p.teams_of(j)).collect()
        } else {
            Vec::new()
        };
        let mut reserved = vec![vec![0u32; p.periods]; if limited { p.capacity.len() } else { 0 }];
        for j in (0..n).filter(|&j| limited && p.jobs[j].in_progress) {
            let ef = crate::problem::earliest_finish(p, j, 0, p.periods).unwrap_or(p.periods - 1);
            for &r in &teams_of[j] {
                for x in &mut reserved[r][..=ef.min(p.periods - 1)] {
                    *x += 1;
                }
            }
        }
        // No rows at all where no consultant can be bought: nothing to copy at checkpoints.
        let ext: Vec<Vec<f64>> = if p.external.iter().any(Option::is_some) {
            p.external
                .iter()
                .map(|e| {
                    e.as_ref()
                        .map_or_else(|| vec![0.0; p.periods], |e| e.hours.clone())
                })
                .collect()
        } else {
            Vec::new()
        };
        let (limits, budgets_of) = if ext.is_empty() {
            (Vec::new(), Vec::new())
        } else {
            let teams = p.external.len();
            let mut limits: Vec<f64> = p
                .external
                .iter()
                .map(|e| {
                    e.as_ref()
                        .and_then(|e| e.max_hours)
                        .unwrap_or(f64::INFINITY)
                })
                .collect();
            limits.extend(p.budgets.iter().map(|(_, amount)| *amount));
            let mut budgets_of = vec![Vec::new(); p.periods];
            for (b, (periods, _)) in p.budgets.iter().enumerate() {
                for &t in periods {
                    budgets_of[t].push(teams + b);
                }
            }
            (limits, budgets_of)
        };
        Sgs {
            plus: Vec::new(),
            teams_of,
            reserved,
            preds: p.preds(),
            horizon: horizon.min(p.periods),
            rem: p.capacity.clone(),
            first_free: vec![0; p.capacity.len()],
            go_lives: vec![0; p.periods],
            left: Vec::new(),
            work: Vec::new(),
            placed: vec![None; n],
            hours: Vec::new(),
            cur: Vec::new(),
            valid: 0,
            step,
            checkpoints: vec![Checkpoint {
                rem: p.capacity.concat(),
                go_lives: vec![0; p.periods],
                open: open.concat(),
                ext: ext.concat(),
                limits: limits.clone(),
                hours: 0,
            }],
            limits,
            budgets_of,
            ext,
            open,
            positions: 0,
            soft: false,
        }
    }

    /// Schedules `list`, like [`serial_sgs`].
    pub(crate) fn run(&mut self, p: &Problem, list: &[usize]) -> Option<Schedule> {
        self.try_run(p, list).ok()
    }

    /// Schedules `list`; when a job cannot be placed, `Err` with its position in the list (so
    /// a search can move it forward: the jobs before it are what took its room).
    pub(crate) fn try_run(&mut self, p: &Problem, list: &[usize]) -> Result<Schedule, usize> {
        self.decode(p, list)?;
        Ok(self.schedule(true))
    }

    /// Decodes `list` into the decoder's state, from the last checkpoint before its first
    /// difference with the list decoded before; `Err` with the position of the job that
    /// could not be placed. [`Sgs::schedule`] then reads the result.
    pub(crate) fn decode(&mut self, p: &Problem, list: &[usize]) -> Result<(), usize> {
        let n = p.jobs.len();
        if list.len() != n {
            self.forget();
            return Err(0);
        }
        let same = self
            .cur
            .iter()
            .zip(list)
            .take(self.valid)
            .take_while(|(a, b)| a == b)
            .count();
        if same == n && self.valid == n {
            // The same list again: nothing to decode, but a search must still spend budget.
            self.positions += 1;
            return Ok(());
        }
        let m = same / self.step;
        let c = m * self.step;
        self.restore(m);
        for &j in &self.cur[c.min(self.cur.len())..] {
            self.placed[j] = None;
        }
        self.cur.truncate(c);
        self.cur.extend_from_slice(&list[c..]);
        for (k, &j) in list.iter().enumerate().skip(c) {
            if k % self.step == 0 && k > c {
                self.save(k / self.step);
            }
            self.positions += 1;
            if self.placed[j].is_some() {
                // A job listed twice: not a list of all jobs.
                self.forget();
                return Err(k);
            }
            if let Err(()) = self.place(p, j) {
                self.valid = k;
                return Err(k);
            }
        }
        self.valid = n;
        Ok(())
    }

    /// The schedule of the last list [`Sgs::decode`] placed in full; the hours of
    /// effort-driven jobs only when `with_hours` (no objective of the search reads them).
    pub(crate) fn schedule(&self, with_hours: bool) -> Schedule {
        debug_assert_eq!(self.valid, self.placed.len(), "a list decoded in full");
        Schedule {
            jobs: self
                .placed
                .iter()
                .map(|x| {
                    let x = x.as_ref().expect("every job placed by a full decode");
                    if !x.selected {
                        return JobTimes::stopped();
                    }
                    let work = if with_hours {
                        self.hours[x.work.clone()].to_vec()
                    } else {
                        Vec::new()
                    };
                    JobTimes::delivered(x.start, x.finish, x.go_live, work)
                })
                .collect(),
            external: Vec::new(),
        }
    }

    /// Positions between checkpoints: a decode restarts at a multiple of it.
    pub(crate) fn step(&self) -> usize {
        self.step
    }

    /// Drops the remembered list: the next decode starts from the beginning.
    fn forget(&mut self) {
        self.cur.clear();
        self.valid = 0;
        self.placed.iter_mut().for_each(|x| *x = None);
    }

    fn save(&mut self, m: usize) {
        if self.checkpoints.len() <= m {
            self.checkpoints.resize(
                m + 1,
                Checkpoint {
                    rem: Vec::new(),
                    go_lives: Vec::new(),
                    open: Vec::new(),
                    ext: Vec::new(),
                    limits: Vec::new(),
                    hours: 0,
                },
            );
        }
        let ck = &mut self.checkpoints[m];
        flatten_into(&mut ck.rem, &self.rem);
        ck.go_lives.clone_from(&self.go_lives);
        flatten_into(&mut ck.open, &self.open);
        flatten_into(&mut ck.ext, &self.ext);
        ck.limits.clone_from(&self.limits);
        ck.hours = self.hours.len();
    }

    fn restore(&mut self, m: usize) {
        let ck = &self.checkpoints[m];
        let periods = self.go_lives.len();
        unflatten(&mut self.rem, &ck.rem, periods);
        self.go_lives.copy_from_slice(&ck.go_lives);
        unflatten(&mut self.open, &ck.open, periods);
        unflatten(&mut self.ext, &ck.ext, periods);
        self.limits.clone_from(&ck.limits);
        self.hours.truncate(ck.hours);
        for r in 0..self.rem.len() {
            self.first_free[r] = 0;
            self.advance_free(r);
        }
    }

    /// Books `h` hours of team `r` in period `t`: the own hours first, then, where `bought`,
    /// consultant hours for the rest.
    fn take(&mut self, r: usize, t: usize, h: f64, bought: bool) {
        if !bought {
            self.rem[r][t] -= h;
            return;
        }
        let own = h.min(self.rem[r][t].max(0.0));
        self.rem[r][t] -= own;
        self.ext[r][t] -= h - own;
    }

    /// Charges the consultant hours job `j` buys when it runs from `start` to `finish` (its
    /// hours beyond the own hours left, the own first) to the ceilings and budgets; false,
    /// charging nothing, where they do not allow it.
    fn charge(&mut self, p: &Problem, j: usize, start: usize, finish: usize) -> bool {
        let mut need = vec![0.0; self.limits.len()];
        let mut book = |r: usize, t: usize, h: f64, rem: &[Vec<f64>]| {
            let bought = (h - rem[r][t].max(0.0)).max(0.0);
            if bought > 0.0 {
                need[r] += bought;
                let price = p.external[r].as_ref().map_or(0.0, |e| e.cost_per_hour);
                for &b in &self.budgets_of[t] {
                    need[b] += bought * price;
                }
            }
        };
        match &p.jobs[j].work {
            JobWork::Fixed { demand, .. } => {
                for t in start..=finish {
                    for &(r, h) in demand {
                        book(r, t, h * p.share[t], &self.rem);
                    }
                }
            }
            JobWork::Effort { .. } => {
                for &(r, t, h) in &self.work {
                    book(r, t, h, &self.rem);
                }
            }
        }
        if need.iter().zip(&self.limits).any(|(n, l)| *n > l + 1e-6) {
            return false;
        }
        for (l, n) in self.limits.iter_mut().zip(&need) {
            *l -= n;
        }
        true
    }

    /// Moves team `r`'s first free period past the periods without hours left.
    fn advance_free(&mut self, r: usize) {
        let row = &self.rem[r];
        let mut t = self.first_free[r];
        while t < row.len() && row[t] <= EPS {
            t += 1;
        }
        self.first_free[r] = t;
    }

    /// Places job `j` after the jobs already placed; `Err` when a job that may not be
    /// stopped cannot be placed (an optional one is stopped instead).
    fn place(&mut self, p: &Problem, j: usize) -> Result<(), ()> {
        let job = &p.jobs[j];
        let pred_stopped = self.preds[j]
            .iter()
            .any(|l| self.placed[l.from].as_ref().is_some_and(|t| !t.selected));
        let stopped = Placed {
            start: 0,
            finish: 0,
            go_live: 0,
            selected: false,
            work: 0..0,
        };
        if job.excluded.is_some() || pred_stopped {
            // An order waiting on a stopped one is stopped too, if it may be.
            if !job.optional && !self.soft {
                return Err(());
            }
            self.placed[j] = Some(stopped);
            return Ok(());
        }
        let horizon = self.horizon;
        let slots = (self.open.as_slice(), self.reserved.as_slice());
        let mine = (
            job.in_progress,
            self.teams_of.get(j).map_or(&[][..], Vec::as_slice),
        );
        // Place the job on capacity `cap` (`own`: the teams' own, whose first free periods
        // are known); an optional job that does not fit is stopped instead.
        let attempt =
            |cap: &[Vec<f64>],
             own: bool,
             (left, work): (&mut Vec<f64>, &mut Vec<(usize, usize, f64)>)| {
                let mut est = job.release as i64;
                let mut f_min = 0i64;
                // Every link keeps the go-lives in order; live-to-live adds its lag.
                let mut g_min = 0i64;
                for l in &self.preds[j] {
                    let pt = self.placed[l.from].as_ref()?;
                    g_min = g_min.max(pt.go_live as i64);
                    match l.kind {
                        DependencyKind::FinishToStart => {
                            est = est.max(pt.finish as i64 + 1 + l.lag)
                        }
                        DependencyKind::StartToStart => est = est.max(pt.start as i64 + l.lag),
                        DependencyKind::FinishToFinish => {
                            f_min = f_min.max(pt.finish as i64 + l.lag)
                        }
                        DependencyKind::LiveToStart => est = est.max(pt.go_live as i64 + 1 + l.lag),
                        DependencyKind::LiveToLive => g_min = g_min.max(pt.go_live as i64 + l.lag),
                    }
                }
                let g_min = g_min.max(0) as usize;
                let est = est.max(0) as usize;
                let f_min = f_min.max(0) as usize;
                if job.in_progress && est > 0 {
                    return None;
                }
                let (start, finish) = match &job.work {
                    JobWork::Fixed { duration, demand } => {
                        let mut from = est;
                        let s = loop {
                            let s = place_fixed(p, *duration, demand, from, f_min, horizon, cap)?;
                            // Skip past a period whose team has no open-order slot left.
                            match full_at(slots, mine.0, mine.1, s, s + duration - 1) {
                                Some(t) if !job.in_progress => from = t + 1,
                                Some(_) => return None,
                                None => break s,
                            }
                        };
                        if job.in_progress && s > 0 {
                            return None;
                        }
                        (s, s + duration - 1)
                    }
                    JobWork::Effort { loads, .. } => {
                        let last = if job.in_progress { 0 } else { horizon };
                        // Before the first free period of every team it needs, nothing can be
                        // done in a first period: such starts would be rejected one by one.
                        let free = if own {
                            loads
                                .iter()
                                .map(|l| self.first_free[l.team])
                                .min()
                                .unwrap_or(0)
                        } else {
                            0
                        };
                        // Starts from the earliest on; a run that fails for want of hours
                        // in some period says which start to try next.
                        let mut s = est.max(free);
                        loop {
                            if s > last.max(est) || s >= horizon {
                                return None;
                            }
                            match place_effort(
                                p,
                                j,
                                s,
                                f_min,
                                horizon,
                                cap,
                                (&mut *left, &mut *work),
                            ) {
                                // A team with no open-order slot left in the run: later.
                                Place::Fits(f)
                                    if full_at(slots, mine.0, mine.1, s, f).is_some() =>
                                {
                                    if job.in_progress {
                                        return None;
                                    }
                                    s += 1;
                                }
                                Place::Fits(f) => break (s, f),
                                Place::Later(next) => s = next.max(s + 1),
                                Place::Never => return None,
                            }
                        }
                    }
                };
                let go_live = ((finish + job.go_live_lag).max(g_min)..horizon).find(|&t| {
                    !p.frozen[t] && p.max_go_lives.is_none_or(|m| self.go_lives[t] < m)
                })?;
                if !self.soft && job.deadline.is_some_and(|d| go_live > d) {
                    return None;
                }
                Some((start, finish, go_live))
            };
        let mut placed = attempt(&self.rem, true, (&mut self.left, &mut self.work));
        let mut bought = false;
        if placed.is_none() && !job.optional && self.ext.iter().flatten().any(|&h| h > EPS) {
            // A mandatory job that does not fit the own capacity: consultants as a last resort.
            self.plus.clone_from(&self.rem);
            for (row, ext) in self.plus.iter_mut().zip(&self.ext) {
                for (x, e) in row.iter_mut().zip(ext) {
                    *x += e;
                }
            }
            placed = attempt(&self.plus, false, (&mut self.left, &mut self.work));
            // Only within the ceilings and budgets: what the plan buys must be paid for.
            placed = placed.filter(|&(start, finish, _)| self.charge(p, j, start, finish));
            bought = placed.is_some();
        }
        let Some((start, finish, go_live)) = placed else {
            if !job.optional && !self.soft {
                return Err(());
            }
            self.placed[j] = Some(stopped);
            return Ok(());
        };
        let from = self.hours.len();
        match &job.work {
            JobWork::Fixed { demand, .. } => {
                for t in start..=finish {
                    for &(r, h) in demand {
                        self.take(r, t, h * p.share[t], bought);
                    }
                }
                for &(r, _) in demand {
                    self.advance_free(r);
                }
            }
            JobWork::Effort { loads, .. } => {
                for k in 0..self.work.len() {
                    let (r, t, h) = self.work[k];
                    self.take(r, t, h, bought);
                }
                self.hours.extend_from_slice(&self.work);
                for l in loads {
                    self.advance_free(l.team);
                }
            }
        }
        self.go_lives[go_live] += 1;
        if let Some(teams) = self.teams_of.get(j) {
            for &r in teams {
                for x in &mut self.open[r][start..=finish] {
                    *x = x.saturating_sub(1);
                }
            }
        }
        self.placed[j] = Some(Placed {
            start,
            finish,
            go_live,
            selected: true,
            work: from..self.hours.len(),
        });
        Ok(())
    }
}

/// Rows of a per-team table, one after the other, into `flat` (for a checkpoint).
fn flatten_into<T: Copy>(flat: &mut Vec<T>, rows: &[Vec<T>]) {
    flat.clear();
    for row in rows {
        flat.extend_from_slice(row);
    }
}

/// A per-team table of `periods` columns back from its rows one after the other.
fn unflatten<T: Copy>(rows: &mut [Vec<T>], flat: &[T], periods: usize) {
    for (r, row) in rows.iter_mut().enumerate() {
        row.copy_from_slice(&flat[r * periods..(r + 1) * periods]);
    }
}

/// The last period in `s..=f` in which one of `teams` has no open-order slot left for a job
/// (one not `in_progress` leaves the slots `reserved` for the orders in progress).
fn full_at(
    (open, reserved): (&[Vec<u32>], &[Vec<u32>]),
    in_progress: bool,
    teams: &[usize],
    s: usize,
    f: usize,
) -> Option<usize> {
    teams
        .iter()
        .filter_map(|&r| {
            (s..=f).rev().find(|&t| {
                let kept = if in_progress { 0 } else { reserved[r][t] };
                open[r][t] <= kept
            })
        })
        .max()
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
    /// Not at this start, nor at any before the given one; a later one may do.
    Later(usize),
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
        if let Some(m) = max_duration.filter(|&m| t >= s + m && skips()) {
            // Still running past its longest span: too long from `s`. The next start worth a
            // run is the first whose span has the hours each team can give at most.
            return Place::Later(first_span_with_hours(p, loads, rem, s + 1, m, horizon));
        }
        for (k, l) in loads.iter().enumerate() {
            let w = most_hours(p, l, rem, t).min(left[k]);
            if l.min_rate > 0.0 && w + EPS < l.min_rate * p.share[t] {
                // Short of hours in `t` (not of work left): every start up to `t` would be
                // too, as a later start is never further on by `t` and so still runs there.
                let short = most_hours(p, l, rem, t);
                return Place::Later(if short + EPS < l.min_rate * p.share[t] && skips() {
                    t + 1
                } else {
                    s + 1
                });
            }
            if w > EPS {
                work.push((l.team, t, w));
                left[k] -= w;
            }
        }
        if t == s && work.is_empty() {
            // Nothing can be done in the first period: starting later is no worse.
            return Place::Later(s + 1);
        }
        last_work = t;
        t += 1;
    }
    if !loads.is_empty() && work.first().map(|w| w.1) != Some(s) {
        // Nothing can be done in the first period: starting later is no worse.
        return Place::Later(s + 1);
    }
    let f = last_work.max(s + min_duration - 1).max(f_min);
    if f >= horizon {
        return Place::Never;
    }
    if f > last_work && loads.iter().any(|l| l.min_rate > 0.0) {
        return Place::Later(s + 1);
    }
    if max_duration.is_some_and(|m| f - s + 1 > m) {
        return Place::Later(s + 1);
    }
    Place::Fits(f)
}

#[cfg(test)]
thread_local! {
    /// Tests turn the skips of [`Place::Later`] off on their thread, to compare the placements
    /// with a scheme that tries every start in turn.
    pub(crate) static NO_SKIPS: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Whether a failed run may name a later start than the next one (always, but in tests that
/// compare with the scheme that tries every start).
#[inline]
fn skips() -> bool {
    #[cfg(test)]
    if NO_SKIPS.with(std::cell::Cell::get) {
        return false;
    }
    true
}

/// The most hours load `l` may take in period `t` of what its team has left in `rem`: its
/// pace limit, scaled by the period's working share, within the team's hours left.
fn most_hours(p: &Problem, l: &crate::problem::Load, rem: &[Vec<f64>], t: usize) -> f64 {
    (l.max_rate * p.share[t]).min(rem[l.team][t].max(0.0))
}

/// The first start from `from` on (`horizon` when none) whose span of `span` periods (cut at
/// the horizon) has, for every load, at least its hours at the most the load may take of what
/// its team has left in `rem`. A start without that cannot finish within the span, whatever
/// the other jobs do: the scheme never gives a load more than that in a period.
fn first_span_with_hours(
    p: &Problem,
    loads: &[crate::problem::Load],
    rem: &[Vec<f64>],
    from: usize,
    span: usize,
    horizon: usize,
) -> usize {
    let most = |l: &crate::problem::Load, u: usize| most_hours(p, l, rem, u);
    // Hours within the span starting at `s`, per load, slid one period at a time.
    let mut sums: Vec<f64> = loads
        .iter()
        .map(|l| (from..(from + span).min(horizon)).map(|u| most(l, u)).sum())
        .collect();
    let mut s = from;
    while s < horizon {
        let enough = loads
            .iter()
            .zip(&sums)
            .all(|(l, &h)| h >= l.hours - EPS - 1e-9 * l.hours);
        if enough {
            return s;
        }
        for (l, h) in loads.iter().zip(sums.iter_mut()) {
            *h -= most(l, s);
            if s + span < horizon {
                *h += most(l, s + span);
            }
        }
        s += 1;
    }
    horizon
}

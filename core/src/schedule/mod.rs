//! A schedule: the raw answer of the heuristic or the MIP, in job and period indices, before it
//! becomes a [`crate::plan::Plan`] with ids, dates and figures.

mod compact;
mod focus;
mod open_limit;
mod open_room;
mod open_spans;
#[cfg(test)]
pub(crate) mod test_portfolio;

pub use open_limit::open_pass_may_apply;
mod settled;

use crate::model::DependencyKind;
use crate::problem::{JobWork, Problem};

/// When one job runs and goes live, and its hours.
#[derive(Debug, Clone, PartialEq)]
pub struct JobTimes {
    /// First period of work.
    pub start: usize,
    /// Last period of work.
    pub finish: usize,
    /// Go-live period.
    pub go_live: usize,
    /// Effort-driven jobs: (team index, period, hours). Empty for fixed-duration jobs, whose
    /// hours follow from their start.
    pub work: Vec<(usize, usize, f64)>,
    /// Whether the job is delivered (false: stopped; its periods mean nothing).
    pub selected: bool,
    /// Share of the scope delivered (1 in full).
    pub scope: f64,
}

impl JobTimes {
    /// A delivered job in full scope.
    pub fn delivered(
        start: usize,
        finish: usize,
        go_live: usize,
        work: Vec<(usize, usize, f64)>,
    ) -> Self {
        JobTimes {
            start,
            finish,
            go_live,
            work,
            selected: true,
            scope: 1.0,
        }
    }

    /// A job left out of the plan.
    pub fn stopped() -> Self {
        JobTimes {
            start: 0,
            finish: 0,
            go_live: 0,
            work: Vec::new(),
            selected: false,
            scope: 0.0,
        }
    }
}

/// Times of every job of a [`Problem`], in job order.
#[derive(Debug, Clone, PartialEq)]
pub struct Schedule {
    /// One entry per job.
    pub jobs: Vec<JobTimes>,
    /// Consultant hours bought: (team index, period, hours).
    pub external: Vec<(usize, usize, f64)>,
}

impl Schedule {
    /// Hours booked per team and period over all jobs (own and consultant hours together),
    /// periods outside the calendar left out.
    pub fn team_load(&self, p: &Problem) -> Vec<Vec<f64>> {
        let mut load = vec![vec![0.0f64; p.periods]; p.capacity.len()];
        for j in 0..p.jobs.len() {
            for (r, t, h) in self.hours(p, j) {
                if t < p.periods {
                    load[r][t] += h;
                }
            }
        }
        load
    }

    /// Hours of job `j` per (team, period), fixed-duration demand included.
    pub fn hours(&self, p: &Problem, j: usize) -> Vec<(usize, usize, f64)> {
        let jt = &self.jobs[j];
        if !jt.selected {
            return Vec::new();
        }
        match &p.jobs[j].work {
            JobWork::Effort { .. } => jt.work.clone(),
            JobWork::Fixed { demand, .. } => (jt.start..=jt.finish)
                .flat_map(|t| {
                    demand
                        .iter()
                        .map(move |&(r, h)| (r, t, h * p.share[t]))
                        .filter(|x| x.2 > 0.0)
                })
                .collect(),
        }
    }
}

impl Schedule {
    /// Moves the start of effort-driven jobs to their first period of work and the finish to
    /// their last, where no rule needs the slack (minimum duration, dependencies).
    ///
    /// The MIP leaves a step free where no objective prices it (an order may "start" a few idle
    /// periods before its first hour when nothing cares). Go-live periods, and so every
    /// objective, stay as they are; only idle periods at either end are cut off.
    pub fn tighten(&mut self, p: &Problem) {
        let order = p.topological_order();
        let preds = p.preds();
        let succs = p.succs();
        for &j in &order {
            let JobWork::Effort { min_duration, .. } = &p.jobs[j].work else {
                continue;
            };
            if !self.jobs[j].selected {
                continue;
            }
            let Some(last_work) = self.jobs[j].work.iter().map(|w| w.1).max() else {
                continue;
            };
            let mut f = last_work.max(self.jobs[j].start + min_duration - 1);
            for l in preds[j].iter().filter(|l| self.jobs[l.from].selected) {
                if l.kind == DependencyKind::FinishToFinish {
                    f = f.max((self.jobs[l.from].finish as i64 + l.lag).max(0) as usize);
                }
            }
            if f < self.jobs[j].finish {
                self.jobs[j].finish = f;
            }
        }
        for &j in order.iter().rev() {
            let JobWork::Effort { min_duration, .. } = &p.jobs[j].work else {
                continue;
            };
            if p.jobs[j].in_progress || p.jobs[j].fixed.start.is_some() || !self.jobs[j].selected {
                continue;
            }
            let Some(first_work) = self.jobs[j].work.iter().map(|w| w.1).min() else {
                continue;
            };
            let mut s = first_work.min(self.jobs[j].finish + 1 - min_duration);
            for l in succs[j].iter().filter(|l| self.jobs[l.to].selected) {
                if l.kind == DependencyKind::StartToStart {
                    s = s.min((self.jobs[l.to].start as i64 - l.lag).max(0) as usize);
                }
            }
            if s > self.jobs[j].start {
                self.jobs[j].start = s;
            }
        }
    }
}

impl Schedule {
    /// Brings every go-live forward to the first period the rules allow: the work done and
    /// the go-live lag passed, the predecessors live (plus a live-to-live lag), the period
    /// open for go-live (no freeze window, a release-train date) and a go-live slot free.
    ///
    /// Every objective is non-decreasing in go-live periods, so this never makes a plan
    /// worse, and finished work no longer waits for nothing. Passes in dependency order
    /// repeat until nothing moves, so a slot freed by one order is offered to the orders
    /// behind it: at the end, every period an order waits through is closed to it or full.
    pub fn go_live_early(&mut self, p: &Problem) {
        let order = p.topological_order();
        let preds = p.preds();
        let mut used = vec![0u32; p.periods];
        for jt in self.jobs.iter().filter(|j| j.selected) {
            if jt.go_live < p.periods {
                used[jt.go_live] += 1;
            }
        }
        let mut moved = true;
        while moved {
            moved = false;
            for &j in &order {
                let jt = &self.jobs[j];
                if !jt.selected || jt.go_live >= p.periods || p.jobs[j].fixed.go_live.is_some() {
                    continue;
                }
                // Only pinned go-lives fall in the settled periods.
                let mut ready = (jt.finish + p.jobs[j].go_live_lag).max(p.frozen_until);
                for l in preds[j].iter().filter(|l| self.jobs[l.from].selected) {
                    let lag = if l.kind == DependencyKind::LiveToLive {
                        l.lag.max(0) as usize
                    } else {
                        0
                    };
                    ready = ready.max(self.jobs[l.from].go_live + lag);
                }
                let g = jt.go_live;
                let open = (ready..g)
                    .find(|&t| !p.frozen[t] && p.max_go_lives.is_none_or(|m| used[t] < m));
                if let Some(t) = open {
                    used[g] -= 1;
                    used[t] += 1;
                    self.jobs[j].go_live = t;
                    moved = true;
                }
            }
        }
    }

    /// Work pulled forward inside each order's run ([`Schedule::compact_work`]), each team's
    /// hours re-dealt so it finishes what it starts ([`Schedule::focus_teams`]), idle periods
    /// cut from both ends of the work ([`Schedule::tighten`]), then every go-live brought
    /// forward as far as the rules allow ([`Schedule::go_live_early`]): the form in which
    /// every plan leaves the solve. No objective gets worse.
    ///
    /// What is settled (pins, actual hours, the frozen periods) stays: a pass that would move
    /// it is undone ([`Schedule::keeps_fixed`]).
    pub fn settle(&mut self, p: &Problem) {
        self.guarded(p, Schedule::compact_work);
        self.guarded(p, Schedule::focus_teams);
        self.guarded(p, Schedule::tighten);
        self.guarded(p, Schedule::go_live_early);
    }
}

//! What is settled before the plan (pins, actual hours, the frozen periods) held in a
//! schedule: the check every plan from a search that does not see these rules must pass, and
//! a schedule read back from a plan (a baseline re-planned with a frozen horizon starts from
//! it).

use super::{JobTimes, Schedule};
use crate::model::Portfolio;
use crate::plan::{Plan, PlannedState};
use crate::problem::{JobWork, Problem};
use std::collections::HashMap;

/// Hours differing by less than this are equal.
const EPS: f64 = 1e-6;

impl Schedule {
    /// True when the schedule keeps everything settled: settled jobs delivered, pinned starts
    /// and go-lives where pinned, no other start or go-live in the frozen periods, and
    /// effort-driven work there exactly the actual hours.
    pub fn keeps_fixed(&self, p: &Problem) -> bool {
        let f = p.frozen_until;
        p.jobs.iter().zip(&self.jobs).all(|(job, jt)| {
            let fixed = &job.fixed;
            if !jt.selected {
                return !fixed.binds();
            }
            let start_ok = match fixed.start {
                Some(s) => jt.start == s,
                None => job.in_progress || jt.start >= f,
            };
            let live_ok = match fixed.go_live {
                Some(g) => jt.go_live == g,
                None => jt.go_live >= f,
            };
            let work_ok = !matches!(job.work, JobWork::Effort { .. }) || {
                let mut before: HashMap<(usize, usize), f64> = HashMap::new();
                for &(r, t, h) in jt.work.iter().filter(|w| w.1 < f) {
                    *before.entry((r, t)).or_default() += h;
                }
                for &(r, t, a) in fixed.actuals.iter().filter(|a| a.1 < f) {
                    *before.entry((r, t)).or_default() -= a;
                }
                before.values().all(|d| d.abs() <= EPS)
            };
            start_ok && live_ok && work_ok
        })
    }

    /// Runs one settle pass, undoing it when it broke something settled (the passes move work
    /// and dates without looking at pins or actual hours).
    pub(super) fn guarded(&mut self, p: &Problem, pass: fn(&mut Schedule, &Problem)) {
        if p.frozen_until == 0 && p.jobs.iter().all(|j| !j.fixed.binds()) {
            pass(self, p);
            return;
        }
        let before = self.clone();
        pass(self, p);
        if !self.keeps_fixed(p) && before.keeps_fixed(p) {
            *self = before;
        }
    }

    /// The schedule of a plan of `portfolio` (matched by order id; orders the plan does not
    /// list are stopped), with the consultant hours it needs: what a team's load exceeds its
    /// own capacity by. `None` when the plan's periods do not fit the problem.
    pub fn from_plan(portfolio: &Portfolio, p: &Problem, plan: &Plan) -> Option<Schedule> {
        let team_index: HashMap<&str, usize> = portfolio
            .teams
            .iter()
            .enumerate()
            .map(|(k, t)| (t.id.as_str(), k))
            .collect();
        let planned = plan.orders_by_id();
        let mut jobs = Vec::with_capacity(p.jobs.len());
        for job in &p.jobs {
            let Some(po) = planned.get(portfolio.orders[job.order].id.as_str()) else {
                jobs.push(JobTimes::stopped());
                continue;
            };
            if !matches!(po.state, PlannedState::Scheduled | PlannedState::InProgress) {
                jobs.push(JobTimes::stopped());
                continue;
            }
            let (s, f, g) = (po.start_period?, po.finish_period?, po.go_live_period?);
            let work = match job.work {
                JobWork::Effort { .. } => po
                    .work
                    .iter()
                    .map(|w| {
                        Some((
                            *team_index.get(w.team.as_str())?,
                            w.period as usize,
                            w.hours,
                        ))
                    })
                    .collect::<Option<Vec<_>>>()?,
                JobWork::Fixed { .. } => Vec::new(),
            };
            if g as usize >= p.periods || work.iter().any(|w| w.1 >= p.periods) {
                return None;
            }
            jobs.push(JobTimes {
                start: s as usize,
                finish: f as usize,
                go_live: g as usize,
                work,
                selected: true,
                scope: po.scope,
            });
        }
        let mut s = Schedule {
            jobs,
            external: Vec::new(),
        };
        let load = s.team_load(p);
        for (r, row) in load.iter().enumerate() {
            for (t, &h) in row.iter().enumerate() {
                let over = h - p.capacity[r][t];
                if over > EPS {
                    s.external.push((r, t, over));
                }
            }
        }
        Some(s)
    }
}

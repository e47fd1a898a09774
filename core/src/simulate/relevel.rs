//! Re-running a plan on drawn figures, as a team would: the plan's decisions and priorities
//! kept, the work re-levelled within capacity, nothing re-optimised.
//!
//! **The run portfolio.** Each run works on a copy of the portfolio in which
//! - every estimate is one draw ([`super::sampling::sample_portfolio`]);
//! - deadlines are lifted (a run may miss one: that is what [`super::Simulation`] counts), and
//!   so are the planning rules that hold the estimates rather than the work as it turns out:
//!   orderer shares, the work rules (stretch cap, floor pace, open orders per person), an
//!   order's `max_duration` and its `min_hours_per_week` (overrunning work stretches);
//! - the calendar runs on for twice its own length, so that work that overruns still has
//!   periods to go to (the overrun periods carry the teams' own capacity, holidays included).
//!
//! **The rule** ([`super::follow`]). Jobs are placed one by one in the plan's order: earliest
//! planned start first, ties by planned go-live, then portfolio order, each job after the
//! jobs it depends on. Each starts at its planned start or as soon after it as its release
//! and dependencies allow, follows its planned hours period by period (shifted by the delay),
//! then works on at its fastest pace in the capacity left until its drawn hours are done, and
//! goes live at the first period the go-live lag, dependencies, freeze windows and go-live
//! slots allow (a slot the plan gives an order placed later stays its, so an order that is
//! placed first cannot take it from it). Orders the plan stops stay stopped, reduced orders keep their scope (their
//! drawn hours times the plan's share). With exact estimates a run repeats the plan.
//!
//! **Capacity.** A team has its own hours, plus the consultant hours the plan bought for it in
//! each period, and no more: a run never buys what the plan did not, so it keeps the plan's
//! budgets. What a run spends is what its load exceeds the own capacity by, at most the
//! plan's purchase in that period.

use super::follow::{follow, Planned};
use crate::error::{Error, Result};
use crate::model::{PeriodKind, Portfolio, Timeline};
use crate::plan::{build_plan, Plan, PlannedState};
use crate::problem::{JobWork, Problem};
use crate::schedule::Schedule;
use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// Hours below this are float noise.
const EPS: f64 = 1e-7;

/// A plan prepared for re-running on drawn figures; each run is independent of the others.
#[derive(Debug, Clone)]
pub struct Simulator {
    /// The portfolio every run starts from: deadlines and shares lifted, calendar extended,
    /// estimates still three-point.
    base: Portfolio,
    timeline: Timeline,
    /// Plan decisions per order (portfolio index): None for a stopped order, else its scope.
    scope: Vec<Option<f64>>,
    /// Priority key per order (portfolio index): planned start, planned go-live.
    key: Vec<(u32, u32)>,
    /// Consultant hours the plan bought, per team and period of the extended calendar.
    bought: Vec<Vec<f64>>,
    /// The plan's start and hours per team and period of each order (portfolio index).
    planned: Vec<Planned>,
    /// Periods of the portfolio's own calendar.
    periods: usize,
}

/// What one run gives.
#[derive(Debug, Clone, PartialEq)]
pub struct RunResult {
    /// Go-live period of each order (portfolio index) in the run; None for an order the plan
    /// stops or that was done before it.
    pub go_live: Vec<Option<usize>>,
    /// Money spent on consultants.
    pub spend: f64,
}

impl Simulator {
    /// Prepares `plan` (a plan of `portfolio`, one entry per order, matched by id) for runs.
    /// An error when the portfolio is invalid, or the plan belongs to another portfolio or
    /// breaks one of its rules (the verifier's first findings are named).
    pub fn new(portfolio: &Portfolio, plan: &Plan) -> Result<Simulator> {
        crate::validate(portfolio).map_err(Error::Invalid)?;
        if plan.orders.len() != portfolio.orders.len() {
            return Err(mismatch(format!(
                "{} orders in the plan, {} in the portfolio",
                plan.orders.len(),
                portfolio.orders.len()
            )));
        }
        let mut scope = Vec::with_capacity(plan.orders.len());
        let mut key = Vec::with_capacity(plan.orders.len());
        for (o, po) in portfolio.orders.iter().zip(&plan.orders) {
            if o.id != po.id {
                return Err(mismatch(format!(
                    "the plan has order `{}` where the portfolio has `{}`",
                    po.id, o.id
                )));
            }
            scope.push((po.state != PlannedState::Stopped).then_some(po.scope));
            key.push((
                po.start_period.unwrap_or(0),
                po.go_live_period.unwrap_or(u32::MAX),
            ));
        }
        let report = crate::verify(portfolio, plan);
        if let Some(v) = report.violations.first() {
            return Err(mismatch(format!(
                "it breaks {} rule(s), first: {v}",
                report.violations.len()
            )));
        }
        let mut base = portfolio.clone();
        let periods = Timeline::new(&portfolio.calendar)
            .map_err(|m| mismatch(format!("calendar: {m}")))?
            .len();
        extend_calendar(&mut base);
        for o in &mut base.orders {
            o.deadline = None;
            o.max_duration = None;
            for e in &mut o.effort {
                e.min_hours_per_week = None;
            }
        }
        base.orderer_shares.clear();
        base.work_rules.max_stretch = None;
        base.work_rules.min_pace = None;
        base.work_rules.max_open_per_fte = None;
        let timeline = Timeline::new(&base.calendar)
            .map_err(|m| mismatch(format!("extended calendar: {m}")))?;
        crate::validate(&base).map_err(Error::Invalid)?;
        let mut bought = vec![vec![0.0; timeline.len()]; base.teams.len()];
        for tp in &plan.team_periods {
            let (Some(r), t) = (base.teams.iter().position(|x| x.id == tp.team), tp.period) else {
                return Err(mismatch(format!(
                    "team `{}` is not in the portfolio",
                    tp.team
                )));
            };
            if let Some(row) = bought[r].get_mut(t as usize) {
                *row += tp.consultant_hours.max(0.0);
            }
        }
        let planned = plan.orders.iter().map(|po| profile(po, &base)).collect();
        Ok(Simulator {
            planned,
            base,
            timeline,
            scope,
            key,
            bought,
            periods,
        })
    }

    /// The periods of the extended calendar runs are placed in (twice the portfolio's own
    /// calendar more).
    pub fn timeline(&self) -> &Timeline {
        &self.timeline
    }

    /// Periods of the portfolio's own calendar (the extended one starts with them).
    pub fn periods(&self) -> usize {
        self.periods
    }

    /// The run portfolio of run `run` of a simulation seeded with `seed`: the drawn figures on
    /// the extended calendar, deadlines and shares lifted.
    pub fn run_portfolio(&self, seed: u64, run: u64) -> Portfolio {
        let mut p = self.base.clone();
        super::sampling::sample_portfolio(&mut p, &mut super::sampling::run_rng(seed, run));
        p
    }

    /// The same simulator drawing from the estimates of `estimates` (matched by order id and
    /// effort team): its hours, duration and their ranges replace the plan portfolio's. An
    /// error names an order or effort `estimates` lacks.
    pub fn with_estimates(mut self, estimates: &Portfolio) -> Result<Simulator> {
        let by_id = estimates.orders_by_id();
        for o in &mut self.base.orders {
            let Some(e) = by_id.get(o.id.as_str()) else {
                return Err(mismatch(format!(
                    "order `{}` is not in the estimates",
                    o.id
                )));
            };
            for effort in &mut o.effort {
                let Some(x) = e.effort.iter().find(|x| x.team == effort.team) else {
                    return Err(mismatch(format!(
                        "order `{}` has no effort of team `{}` in the estimates",
                        o.id, effort.team
                    )));
                };
                effort.hours = x.hours;
                effort.hours_low = x.hours_low;
                effort.hours_high = x.hours_high;
            }
            if o.duration.is_some() {
                o.duration = e.duration;
                o.duration_low = e.duration_low;
                o.duration_high = e.duration_high;
            }
        }
        crate::validate(&self.base).map_err(Error::Invalid)?;
        Ok(self)
    }

    /// Run `run` of a simulation seeded with `seed`: its figures.
    pub fn run(&self, seed: u64, run: u64) -> Result<RunResult> {
        let portfolio = self.run_portfolio(seed, run);
        let (problem, schedule) = self.relevel(&portfolio, run)?;
        let mut go_live = vec![None; portfolio.orders.len()];
        for (job, jt) in problem.jobs.iter().zip(&schedule.jobs) {
            if jt.selected {
                go_live[job.order] = Some(jt.go_live);
            }
        }
        let spend = schedule
            .external
            .iter()
            .map(|&(r, _, h)| {
                h * portfolio.teams[r]
                    .consultants
                    .as_ref()
                    .map_or(0.0, |e| e.cost_per_hour)
            })
            .sum();
        Ok(RunResult { go_live, spend })
    }

    /// Run `run` of a simulation seeded with `seed` as a full plan, with the run portfolio
    /// it is a plan of: `verify(&portfolio, &plan)` checks every rule on it.
    pub fn run_plan(&self, seed: u64, run: u64) -> Result<(Portfolio, Plan)> {
        let portfolio = self.run_portfolio(seed, run);
        let (problem, schedule) = self.relevel(&portfolio, run)?;
        let plan = build_plan(&portfolio, &self.timeline, &problem, &schedule);
        Ok((portfolio, plan))
    }

    /// The problem of a run portfolio (plan decisions applied) and its re-levelled schedule,
    /// with the consultant hours it uses.
    fn relevel(&self, portfolio: &Portfolio, run: u64) -> Result<(Problem, Schedule)> {
        let mut problem = crate::validate::problem_unchecked(portfolio, &self.timeline);
        for job in &mut problem.jobs {
            match self.scope[job.order] {
                None => job.excluded = Some("stopped in the plan".to_string()),
                Some(s) => {
                    if let JobWork::Effort { loads, .. } = &mut job.work {
                        for l in loads {
                            l.hours *= s;
                        }
                    }
                }
            }
        }
        // The capacity of a run: own hours plus what the plan bought, and no more to buy.
        let mut cap = problem.capacity.clone();
        for (row, bought) in cap.iter_mut().zip(&self.bought) {
            for (c, b) in row.iter_mut().zip(bought) {
                *c += b;
            }
        }
        let list = self.list(&problem);
        let planned: Vec<Planned> = problem
            .jobs
            .iter()
            .map(|job| self.planned[job.order].clone())
            .collect();
        let mut schedule = follow(&problem, &list, &planned, &mut cap).map_err(|k| {
            let id = list.get(k).map_or("?", |&j| {
                portfolio.orders[problem.jobs[j].order].id.as_str()
            });
            Error::Solver(format!(
                "simulation run {run}: order `{id}` cannot be placed within {} periods \
                     (the calendar and as much again twice); a release train or go-live limit \
                     may leave no go-live period for overrunning work",
                self.timeline.len()
            ))
        })?;
        // Slots kept for orders that came later than planned are free after all: whoever
        // waited for one goes live in it (with exact estimates nothing moves). Settled dates
        // stay where the plan put them.
        if problem.frozen_until == 0 && problem.jobs.iter().all(|j| !j.fixed.binds()) {
            schedule.go_live_early(&problem);
        }
        for (job, jt) in problem.jobs.iter().zip(&mut schedule.jobs) {
            if jt.selected {
                jt.scope = self.scope[job.order].unwrap_or(1.0);
            }
        }
        let load = schedule.team_load(&problem);
        for (r, row) in load.iter().enumerate() {
            for (t, &l) in row.iter().enumerate() {
                let need = (l - problem.capacity[r][t]).min(self.bought[r][t]);
                if need > EPS {
                    schedule.external.push((r, t, need));
                }
            }
        }
        Ok((problem, schedule))
    }

    /// Every job of `problem` once, each after the jobs it depends on, in the plan's order:
    /// planned start, then planned go-live, then job index, among the jobs ready.
    fn list(&self, problem: &Problem) -> Vec<usize> {
        let n = problem.jobs.len();
        let mut waiting = vec![0usize; n];
        let mut next: Vec<Vec<usize>> = vec![Vec::new(); n];
        for l in &problem.links {
            waiting[l.to] += 1;
            next[l.from].push(l.to);
        }
        let key = |j: usize| {
            let (s, g) = self.key[problem.jobs[j].order];
            Reverse((s, g, j))
        };
        let mut ready: BinaryHeap<_> = (0..n).filter(|&j| waiting[j] == 0).map(key).collect();
        let mut list = Vec::with_capacity(n);
        while let Some(Reverse((_, _, j))) = ready.pop() {
            list.push(j);
            for &k in &next[j] {
                waiting[k] -= 1;
                if waiting[k] == 0 {
                    ready.push(key(k));
                }
            }
        }
        list
    }
}

/// The plan's start of order `po` and its hours per team by period of its run.
fn profile(po: &crate::plan::PlannedOrder, p: &Portfolio) -> Planned {
    let start = po.start_period.unwrap_or(0) as usize;
    let mut profile: Vec<(usize, Vec<f64>)> = Vec::new();
    for w in &po.work {
        let Some(r) = p.teams.iter().position(|x| x.id == w.team) else {
            continue;
        };
        let k = (w.period as usize).saturating_sub(start);
        let i = match profile.iter().position(|(x, _)| *x == r) {
            Some(i) => i,
            None => {
                profile.push((r, Vec::new()));
                profile.len() - 1
            }
        };
        let row = &mut profile[i].1;
        if row.len() <= k {
            row.resize(k + 1, 0.0);
        }
        row[k] += w.hours;
    }
    Planned {
        start,
        profile,
        go_live: po.go_live_period.map(|g| g as usize),
    }
}

fn mismatch(message: String) -> Error {
    Error::InvalidOptions {
        option: "plan".to_string(),
        value: "the plan given".to_string(),
        message: format!("not a plan of this portfolio: {message}"),
    }
}

/// Extends the calendar of `p` by twice its length.
fn extend_calendar(p: &mut Portfolio) {
    let cal = &mut p.calendar;
    match cal.period {
        PeriodKind::Unit => {
            cal.periods = cal.periods.map(|n| n.saturating_mul(3));
        }
        PeriodKind::Week | PeriodKind::Day => {
            if let (Some(start), Some(end)) = (cal.start, cal.end) {
                let days = (end - start).num_days() + 1;
                cal.end = end.checked_add_signed(chrono::Duration::days(2 * days));
            }
        }
    }
}

//! Problem data: a validated portfolio resolved to indices, periods and hours per period.
//!
//! [`crate::validate::validate`] produces it; the heuristic and the formulation read it. The
//! verifier never does: it re-derives every rule from the [`crate::Portfolio`] itself.

mod windows;

pub(crate) use windows::earliest_finish;
pub(crate) use windows::first_open;
pub use windows::{Window, Windows};

use crate::model::DependencyKind;

/// A portfolio ready for planning.
#[derive(Debug, Clone)]
pub struct Problem {
    /// Number of periods in the calendar.
    pub periods: usize,
    /// Working share of each period (see [`crate::Timeline::working_share`]).
    pub share: Vec<f64>,
    /// Hours per team (index into `Portfolio::teams`) and period.
    pub capacity: Vec<Vec<f64>>,
    /// Periods in which nothing may go live.
    pub frozen: Vec<bool>,
    /// Most go-lives in one period.
    pub max_go_lives: Option<u32>,
    /// The orders to plan (done orders are left out).
    pub jobs: Vec<Job>,
    /// Dependencies between jobs (those touching done orders are satisfied and left out).
    pub links: Vec<Link>,
    /// Consultant capacity per team (index into `Portfolio::teams`), where it can be bought.
    pub external: Vec<Option<External>>,
    /// Ceilings on consultant spend: the periods each covers and the amount.
    pub budgets: Vec<(Vec<usize>, f64)>,
    /// Selection rules over jobs; `None` stands for an order already done (always delivered).
    pub groups: Vec<(crate::model::GroupKind, Vec<Option<usize>>)>,
    /// Orderer share bounds: the orderer's jobs, min share, max share of all planned hours.
    pub shares: Vec<(Vec<usize>, f64, f64)>,
    /// Most jobs open at once per team (index into `Portfolio::teams`) and period, where the
    /// work rules limit it; `None` for no limit.
    pub max_open: Vec<Option<Vec<u32>>>,
    /// Jobs each team (index into `Portfolio::teams`) should have open at once, where the
    /// work rules set a target (`target_open_per_fte`); the plan's last pass keeps to it where
    /// the hours allow. Empty or `None`: no target.
    pub open_target: Vec<Option<u32>>,
    /// Most jobs each team (index into `Portfolio::teams`) may have open at once per period,
    /// counted by the team's own runs (from its first to its last hour on a job): set on the
    /// problem of a neighbourhood step that brings a team to its target (`solve::open_repair`);
    /// empty or `None`: no limit.
    pub team_run_limit: Vec<Option<Vec<u32>>>,
    /// Periods before this one are settled (the portfolio's `frozen_until`; 0 when none):
    /// effort-driven work there is exactly each job's actuals, and only pinned go-lives fall
    /// there.
    pub frozen_until: usize,
    /// What orders outside the model take of the limits all orders share: set on the problem
    /// of a neighbourhood step (`solve::lns`), whose kept orders leave the model; empty
    /// otherwise. Only the formulation reads it.
    pub outside: Outside,
}

/// What orders left out of a model take of the limits shared by all orders ([`Problem::outside`]).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Outside {
    /// Go-lives per period of the orders left out, counted against `max_go_lives` (empty: none).
    pub go_lives: Vec<u32>,
    /// Per orderer share rule ([`Problem::shares`], same order), the hours of the rule's orders
    /// left out (empty: none).
    pub share_hours: Vec<f64>,
    /// Hours of all orders left out, in the shares' total.
    pub total_hours: f64,
}

/// Consultant hours that can be bought for one team.
#[derive(Debug, Clone)]
pub struct External {
    /// Most hours per period (scaled by working days).
    pub hours: Vec<f64>,
    /// Price of an hour.
    pub cost_per_hour: f64,
    /// Most hours over the horizon.
    pub max_hours: Option<f64>,
}

/// An order to plan.
#[derive(Debug, Clone)]
pub struct Job {
    /// Index into `Portfolio::orders`.
    pub order: usize,
    /// Weight in weighted objectives.
    pub weight: f64,
    /// Already running: starts in period 0.
    pub in_progress: bool,
    /// Earliest start period.
    pub release: usize,
    /// Due period.
    pub due: Option<usize>,
    /// Go-live period in the baseline plan being re-planned (`SolveOptions::baseline`), when
    /// the baseline delivers the order; the objective `baseline_delay` counts the periods the
    /// order goes live after it.
    pub baseline: Option<usize>,
    /// The baseline plan being re-planned lists the order and stops it.
    pub baseline_stopped: bool,
    /// Latest go-live period.
    pub deadline: Option<usize>,
    /// Periods between finish and earliest go-live.
    pub go_live_lag: usize,
    /// The work.
    pub work: JobWork,
    /// Whether the plan may leave it out.
    pub optional: bool,
    /// Value of delivering it in full.
    pub value: f64,
    /// Smallest share of scope it may be delivered at (1 = full scope only).
    pub min_scope: f64,
    /// What is settled before the plan: pinned periods and actual hours.
    pub fixed: Fixed,
    /// Set by the solve for an optional order that cannot be delivered at all (its time window
    /// is empty): it is stopped, with this reason.
    pub excluded: Option<String>,
}

/// What is settled of a job before the plan is made ([`crate::model::Pin`],
/// [`crate::model::Actual`]).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Fixed {
    /// Start period: pinned, or the first period with actual hours.
    pub start: Option<usize>,
    /// Go-live period, pinned.
    pub go_live: Option<usize>,
    /// Actual hours: (team index, period, hours), all before `Problem::frozen_until`.
    pub actuals: Vec<(usize, usize, f64)>,
}

impl Fixed {
    /// True when the job must be delivered: something of it is settled.
    pub fn binds(&self) -> bool {
        self.start.is_some() || self.go_live.is_some() || !self.actuals.is_empty()
    }

    /// Actual hours of team `r` in period `t` (0 where none were recorded).
    pub fn actual(&self, r: usize, t: usize) -> f64 {
        self.actuals
            .iter()
            .filter(|a| a.0 == r && a.1 == t)
            .map(|a| a.2)
            .sum()
    }
}

/// The work of a job.
#[derive(Debug, Clone)]
pub enum JobWork {
    /// Hours per team, spread by the plan.
    Effort {
        /// One entry per team.
        loads: Vec<Load>,
        /// Fewest periods from start to finish, both included (at least 1).
        min_duration: usize,
        /// Most periods from start to finish.
        max_duration: Option<usize>,
    },
    /// A fixed run with fixed hours per full period.
    Fixed {
        /// Periods (at least 1).
        duration: usize,
        /// (team index, hours per full period).
        demand: Vec<(usize, f64)>,
    },
}

/// Hours an effort-driven job needs from one team.
#[derive(Debug, Clone)]
pub struct Load {
    /// Team index.
    pub team: usize,
    /// Total hours.
    pub hours: f64,
    /// Most hours in a full period.
    pub max_rate: f64,
    /// Fewest hours in a full period while the job runs.
    pub min_rate: f64,
}

/// A dependency between two jobs.
#[derive(Debug, Clone, Copy)]
pub struct Link {
    /// Predecessor job index.
    pub from: usize,
    /// Successor job index.
    pub to: usize,
    /// Kind.
    pub kind: DependencyKind,
    /// Lag in periods.
    pub lag: i64,
}

impl Problem {
    /// True when some decision is open beyond timing: optional orders, reducible scope or
    /// consultant hours.
    pub fn has_decisions(&self) -> bool {
        self.jobs.iter().any(|j| j.optional || j.min_scope < 1.0)
            || self.external.iter().any(|e| e.is_some())
    }

    /// Hours team `r` can work in period `t` at most: its own capacity plus the consultant
    /// hours that could be bought.
    pub fn max_capacity(&self, r: usize, t: usize) -> f64 {
        self.capacity[r][t] + self.external[r].as_ref().map_or(0.0, |e| e.hours[t])
    }

    /// Hours an effort-driven job can take from team load `load` in period `t` at most: its
    /// rate limit scaled by the period's working share, and never more than the team has
    /// (consultants included).
    pub fn effort_cap(&self, load: &Load, t: usize) -> f64 {
        (load.max_rate * self.share[t]).min(self.max_capacity(load.team, t))
    }

    /// Teams job `j` needs (effort hours or fixed demand above zero), each once.
    pub fn teams_of(&self, j: usize) -> Vec<usize> {
        let mut teams: Vec<usize> = match &self.jobs[j].work {
            JobWork::Effort { loads, .. } => loads.iter().map(|l| l.team).collect(),
            JobWork::Fixed { demand, .. } => demand.iter().map(|d| d.0).collect(),
        };
        teams.sort_unstable();
        teams.dedup();
        teams
    }

    /// Predecessor links of each job.
    pub fn preds(&self) -> Vec<Vec<Link>> {
        let mut p = vec![Vec::new(); self.jobs.len()];
        for l in &self.links {
            p[l.to].push(*l);
        }
        p
    }

    /// Successor links of each job.
    pub fn succs(&self) -> Vec<Vec<Link>> {
        let mut s = vec![Vec::new(); self.jobs.len()];
        for l in &self.links {
            s[l.from].push(*l);
        }
        s
    }

    /// Jobs in an order where every job comes after its predecessors (the links form a DAG
    /// after validation).
    pub fn topological_order(&self) -> Vec<usize> {
        let n = self.jobs.len();
        let mut indeg = vec![0usize; n];
        for l in &self.links {
            indeg[l.to] += 1;
        }
        let succs = self.succs();
        let mut ready: Vec<usize> = (0..n).filter(|&j| indeg[j] == 0).rev().collect();
        let mut out = Vec::with_capacity(n);
        while let Some(j) = ready.pop() {
            out.push(j);
            for l in &succs[j] {
                indeg[l.to] -= 1;
                if indeg[l.to] == 0 {
                    ready.push(l.to);
                }
            }
        }
        out
    }
}

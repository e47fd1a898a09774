//! Fast plans without a solver: a serial schedule-generation scheme (the way Jira Plans' auto
//! scheduler and MS Project's levelling place work) driven by priority rules, improved by a
//! genetic search on job lists and, for makespan, forward-backward improvement; for the other
//! goals, a local search on the best list.
//!
//! Its best plan gives the MIP a horizon, a fallback when the MIP finds nothing in time, and
//! (optionally) a starting point.
//!
//! - `sgs`: the serial scheme, the decoder of every list into a schedule; it enforces every
//!   rule (releases, dependencies with lags, capacity, pace limits, go-live rules, deadlines),
//!   and decodes a changed list from a checkpoint before its first change.
//! - `rules`: priority rules and biased random lists.
//! - `search`: the genetic search over lists; `search::local`: the local search on the best
//!   list (costly jobs moved earlier, batches decoded in parallel).
//! - `justify`: forward-backward improvement (double justification).

mod justify;
mod rules;
mod search;
mod sgs;
#[cfg(test)]
mod tests;

pub(crate) use rules::SplitMix;
pub use rules::{priority_lists, rule_list, Rule};
pub use sgs::serial_sgs;

use crate::objective::Objective;
use crate::problem::{Problem, Windows};
use crate::schedule::Schedule;

/// How much work the heuristic may do.
///
/// ```
/// use leverans::heuristic::SearchEffort;
/// let b = SearchEffort { evaluations: 1000, ..SearchEffort::default() };
/// assert_eq!(b.samples, 64);
/// ```
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SearchEffort {
    /// Randomised priority lists in the first population, on top of one list per rule.
    /// Default 64.
    pub samples: usize,
    /// Most runs of the serial scheme, the unit of work of the search (one list decoded; a
    /// forward-backward pass costs two more). Default 5 000 (a solve sizes it to the problem
    /// and the time limit: [`SearchEffort::default_evaluations`]). Within this limit the search is
    /// deterministic: the same problem and seed give the same schedule.
    pub evaluations: usize,
    /// Wall-clock cap in seconds, a safety net for large problems; `None` for none. Default
    /// 2 s. When the cap ends the search, results depend on the machine's speed.
    pub seconds: Option<f64>,
    /// Seed of the random lists and the search.
    pub seed: u64,
    /// Threads that decode lists side by side. Default 1. The plan does not depend on it (for
    /// a budget that the evaluation count ends): work is split in fixed batches and merged in
    /// a fixed order.
    pub threads: usize,
}

impl Default for SearchEffort {
    fn default() -> Self {
        SearchEffort {
            samples: 64,
            evaluations: 5000,
            seconds: Some(2.0),
            seed: 0,
            threads: 1,
        }
    }
}

/// Work units one run of the serial scheme gets through per second on this project's machine
/// kind (2 cores, one used), measured on PSPLIB j30 and generated portfolios (`docs/heuristic.md`).
const UNITS_PER_SECOND: f64 = 4.0e6;
/// Runs each extra thread adds to the local search's budget, as a share of one thread's
/// (`SearchEffort::default_evaluations`; 0.5 until the scheme skipped the starts a failed run
/// rules out, after which two threads got through their budget in 80 % of its time).
const THREAD_GAIN: f64 = 0.8;
/// Share of the time limit for the heuristic on a small problem, where the MIP does the rest...
const SMALL_SHARE: f64 = 0.03;
/// ... on a large one, where the MIP cannot even find a first plan within a usual limit ...
const LARGE_SHARE: f64 = 0.6;
/// ... and on a huge one, where the MIP cannot even be built in time. 0.75 until session 16:
/// on 10 000 orders the solve then ended 1.2–1.6 s before a 10 s limit, as no step of the MIP
/// fits the time left at that size (the cap is [`SearchEffort::cap_of_limit`]).
const HUGE_SHARE: f64 = 0.85;
/// Estimated MIP columns up to which a problem counts as small, and from which as large
/// (between them the share grows with the logarithm of the size). Set when the estimate
/// became the formulation's own (`formulation::estimated_columns`, which counts the three step
/// windows of a job): it reads 2.5–2.7 times the earlier count on fixed-duration portfolios
/// and 1.2–1.4 times on effort-driven ones, so the thresholds (20 000, 200 000, 2 million
/// before) were scaled by 2.5, which keeps PSPLIB's split as it was measured.
const SMALL_MIP: f64 = 5.0e4;
const LARGE_MIP: f64 = 5.0e5;
const HUGE_MIP: f64 = 5.0e6;
/// Seconds per job that the solve spends after the heuristic's search before any level can
/// start (settling the plan, the bounds of the levels), measured on 100 000 generated orders:
/// about 3 s (`SearchEffort::cap_of_limit`).
const AFTER_SEARCH_SECONDS_PER_JOB: f64 = 3.0e-5;
/// Longest time limit the budget is sized from, in seconds: beyond it the MIP gets the rest.
const LONGEST_LIMIT: f64 = 60.0;
/// Work units per second of one annealing chain (its moves decode from a checkpoint, measured
/// on 100 and 300 generated fixed-pace orders: about 5.6 million positions a second).
const ANNEAL_UNITS_PER_SECOND: f64 = 6.0e6;
/// Least share of the limit where the search anneals (measured: `docs/heuristic.md`).
const ANNEAL_SHARE: f64 = 0.6;

/// Most jobs for which the search anneals: on 1 000 generated effort-driven orders the local
/// search alone did better in 10 s (weighted lateness 2 311 against 2 662).
const ANNEAL_MAX_JOBS: usize = 600;

/// True when the search anneals on `levels` (`search::anneal`): a goal other than makespan
/// first, on a problem of at most 600 jobs with no open decision (optional orders, scope,
/// consultants) and no budget, group or share, whose every rule the serial scheme keeps.
pub fn anneals(p: &Problem, levels: &[Vec<(Objective, f64)>]) -> bool {
    let makespan_first = matches!(
        levels.first().map(|l| l.as_slice()),
        Some([(Objective::Makespan, _)])
    );
    !levels.is_empty()
        && p.jobs.len() <= ANNEAL_MAX_JOBS
        && !makespan_first
        && !p.has_decisions()
        && p.budgets.is_empty()
        && p.groups.is_empty()
        && p.shares.is_empty()
}

impl SearchEffort {
    /// The default number of scheme runs for `p` and `levels` under a time limit of
    /// `time_limit` seconds:
    /// what takes [`SearchEffort::share_of_limit`] of the limit (of at most 60 s; 30 s without a
    /// limit) on this project's machine kind, between 100 and 100 000. A count, not a time,
    /// so that the plan is reproducible; the time cap ([`SearchEffort::seconds`]) is the safety net
    /// on slower machines. With `threads` decoding side by side, the local search (most of
    /// the work on large problems) gets through more runs in the same time: each extra thread
    /// adds 0.8 times one thread's count (measured on two threads: 1.9 times the runs
    /// of one on 10 000 generated orders, 1.4 times on 1 000, whose search ends early anyway;
    /// on a machine whose second core is busy the time cap ends the search). Where the search
    /// anneals, the count is sized to its two chains, which run side
    /// by side on two threads.
    ///
    /// ```
    /// use leverans::heuristic::SearchEffort;
    /// use leverans::{Calendar, Order, Portfolio, Team};
    /// let mut p = Portfolio::new(Calendar::units(20));
    /// p.add_team(Team::new("dev", 2.0));
    /// for k in 0..30 {
    ///     p.add_order(Order::fixed(format!("o{k}"), 2, [("dev", 1.0)]));
    /// }
    /// let problem = leverans::validate(&p).unwrap();
    /// let makespan = leverans::Goal::single(leverans::Objective::Makespan).levels();
    /// assert_eq!(SearchEffort::default_evaluations(&problem, &makespan, Some(1.0), 1), 4000);
    /// assert_eq!(SearchEffort::default_evaluations(&problem, &makespan, Some(10.0), 1), 40_000);
    /// ```
    pub fn default_evaluations(
        p: &Problem,
        levels: &[Vec<(Objective, f64)>],
        time_limit: Option<f64>,
        threads: usize,
    ) -> usize {
        let limit = time_limit.unwrap_or(30.0).min(LONGEST_LIMIT);
        let seconds = limit * SearchEffort::share_of_limit(p, levels);
        let threads = threads.max(1) as f64;
        let anneals = anneals(p, levels);
        let runs = if anneals {
            // Most of the work is the annealing's two chains, side by side on two threads.
            seconds * threads.min(2.0) * ANNEAL_UNITS_PER_SECOND / SearchEffort::work_units(p)
        } else {
            seconds * (1.0 + THREAD_GAIN * (threads - 1.0)) * UNITS_PER_SECOND
                / SearchEffort::work_units(p)
        };
        // The annealing makes good use of many runs; the genetic search alone levels off.
        let most = if anneals { 10_000_000 } else { 100_000 };
        (runs as usize).clamp(100, most)
    }

    /// Share of the time limit for the heuristic on `levels`: 3 % on a small problem (the MIP
    /// solves it and needs the time), 60 % on a large one (the MIP does not find a plan of its
    /// own in time), 85 % on a huge one (the MIP cannot even be built in time), growing with
    /// the logarithm of the estimated MIP size in between ([`SearchEffort::mip_columns`]: small up
    /// to 50 000 columns, large at 500 000, huge from 5 million). PSPLIB j30 has some 11 000
    /// columns and j60 50 000–60 000 (3–7 %); 100 generated effort-driven orders over 104
    /// weeks some 45 000 (3 %, and 60 % where the search anneals); 1 000 orders 450 000
    /// (57 %); 5 000 orders 2.3 million (70 %).
    ///
    /// At least 60 % where the search anneals ([`anneals`]: a goal other than makespan first,
    /// no open decision): there the annealing finds better plans than the MIP in the same
    /// time, and the MIP polishes its plan (`docs/heuristic.md`).
    ///
    /// ```
    /// use leverans::heuristic::SearchEffort;
    /// use leverans::{Calendar, Goal, Objective, Order, Portfolio, Team};
    /// let mut p = Portfolio::new(Calendar::units(20));
    /// p.add_team(Team::new("dev", 2.0));
    /// p.add_order(Order::fixed("a", 2, [("dev", 1.0)]));
    /// let problem = leverans::validate(&p).unwrap();
    /// let makespan = Goal::single(Objective::Makespan).levels();
    /// assert_eq!(SearchEffort::share_of_limit(&problem, &makespan), 0.03);
    /// let lateness = Goal::single(Objective::WeightedLateness).levels();
    /// assert_eq!(SearchEffort::share_of_limit(&problem, &lateness), 0.6);
    /// ```
    pub fn share_of_limit(p: &Problem, levels: &[Vec<(Objective, f64)>]) -> f64 {
        let floor = if anneals(p, levels) {
            ANNEAL_SHARE
        } else {
            0.0
        };
        SearchEffort::share_by_size(p).max(floor)
    }

    /// The most of the time limit `seconds` the heuristic may take by the clock, whatever its
    /// runs (the safety net of [`crate::SolveOptions::heuristic_budget`]), for a problem of
    /// `jobs` jobs whose share is `share` ([`SearchEffort::share_of_limit`]): 80 % of the limit,
    /// up to 90 % as the share nears that of a problem too large for any MIP, and never so much
    /// that what follows the search (settling the plan, the levels' bounds: about
    /// 30 µs a job) and a tenth of the limit would not fit after it.
    ///
    /// ```
    /// use leverans::heuristic::SearchEffort;
    /// assert_eq!(SearchEffort::cap_of_limit(0.03, 100, 10.0), 0.8);
    /// assert!((SearchEffort::cap_of_limit(0.85, 10_000, 10.0) - 0.87).abs() < 1e-9);
    /// assert!((SearchEffort::cap_of_limit(0.85, 100_000, 10.0) - 0.6).abs() < 1e-9);
    /// ```
    pub fn cap_of_limit(share: f64, jobs: usize, seconds: f64) -> f64 {
        let after = AFTER_SEARCH_SECONDS_PER_JOB * jobs as f64 / seconds.max(1e-9);
        (share + 0.05).clamp(0.8, 0.9).min(0.9 - after).max(0.1)
    }

    /// [`SearchEffort::share_of_limit`] by the size of the MIP alone.
    fn share_by_size(p: &Problem) -> f64 {
        let size = SearchEffort::mip_columns(p);
        let ramp = |from: f64, to: f64| ((size / from).ln() / (to / from).ln()).clamp(0.0, 1.0);
        if size <= LARGE_MIP {
            SMALL_SHARE + (LARGE_SHARE - SMALL_SHARE) * ramp(SMALL_MIP, LARGE_MIP)
        } else {
            LARGE_SHARE + (HUGE_SHARE - LARGE_SHARE) * ramp(LARGE_MIP, HUGE_MIP)
        }
    }

    /// The size of the MIP: [`crate::formulation::estimated_columns_of`], the one estimate
    /// the solve's other size decisions read too.
    pub fn mip_columns(p: &Problem) -> f64 {
        crate::formulation::estimated_columns_of(p)
    }

    /// Work of one run of the serial scheme on `p`, in units of one fixed-duration job. An
    /// effort-driven job is walked period by period, team by team: it counts one unit plus an
    /// eighth per team and period at its full pace (measured: such a step is cheap beside the
    /// placement of a job).
    fn work_units(p: &Problem) -> f64 {
        let units: f64 = p
            .jobs
            .iter()
            .map(|j| match &j.work {
                crate::problem::JobWork::Fixed { .. } => 1.0,
                crate::problem::JobWork::Effort {
                    loads,
                    min_duration,
                    ..
                } => {
                    let periods = loads
                        .iter()
                        .map(|l| {
                            (l.hours / l.max_rate.max(1e-9))
                                .ceil()
                                .min(p.periods as f64)
                        })
                        .fold(*min_duration as f64, f64::max);
                    1.0 + periods * loads.len() as f64 / 8.0
                }
            })
            .sum();
        units.max(1.0)
    }
}

/// The best schedule found by the priority rules, the biased samples and the search within
/// `budget`, compared level by level (lexicographically) on `levels`. None when no list gives a
/// feasible schedule (a deadline missed, say): the MIP may still find one.
pub fn best_schedule(
    p: &Problem,
    windows: &Windows,
    levels: &[Vec<(Objective, f64)>],
    budget: &SearchEffort,
) -> Option<Schedule> {
    search::Search::new(p, windows, levels, *budget).run()
}

/// [`best_schedule`] with `seeds` in the first population: precedence-feasible job lists (every
/// job after the jobs it waits on), such as a known plan's jobs in order of their starts. A
/// seed that breaks precedence or a rule simply gives no member.
pub fn best_schedule_from(
    p: &Problem,
    windows: &Windows,
    levels: &[Vec<(Objective, f64)>],
    budget: &SearchEffort,
    seeds: &[Vec<usize>],
) -> Option<Schedule> {
    search::Search::new(p, windows, levels, *budget)
        .with_seeds(seeds)
        .run()
}

/// What the solve's heuristic reports to and is stopped by: its cancel token (the search may
/// take most of the limit) and its progress (each better plan's first-level value).
#[derive(Debug, Clone, Default)]
pub(crate) struct Watch {
    pub cancel: Option<crate::CancelToken>,
    pub progress: Option<crate::solve::ProgressHandle>,
}

/// [`best_schedule_from`] that stops, with the best plan so far, as soon as the cancel token
/// is set, and reports each better plan: the solve's heuristic.
pub(crate) fn best_schedule_watched(
    p: &Problem,
    windows: &Windows,
    levels: &[Vec<(Objective, f64)>],
    budget: &SearchEffort,
    seeds: &[Vec<usize>],
    watch: &Watch,
) -> Option<Schedule> {
    search::Search::new(p, windows, levels, *budget)
        .with_seeds(seeds)
        .with_cancel(watch.cancel.clone())
        .with_progress(watch.progress.clone())
        .run()
}

/// [`best_schedule_watched`] with the job list the schedule decodes from (by
/// [`serial_sgs`]).
pub(crate) fn best_schedule_and_list(
    p: &Problem,
    windows: &Windows,
    levels: &[Vec<(Objective, f64)>],
    budget: &SearchEffort,
    watch: &Watch,
) -> Option<(Schedule, Vec<usize>)> {
    search::Search::new(p, windows, levels, *budget)
        .with_cancel(watch.cancel.clone())
        .with_progress(watch.progress.clone())
        .run_with_list()
}

/// `a < b` lexicographically, with a small tolerance.
pub(crate) fn lex_less(a: &[f64], b: &[f64]) -> bool {
    lex_less_within(a, b, |_, _| 1e-9)
}

/// `a < b` lexicographically, entry `i` of `b` being `y` counting as equal within
/// `tolerance(i, y)`.
pub(crate) fn lex_less_within(a: &[f64], b: &[f64], tolerance: impl Fn(usize, f64) -> f64) -> bool {
    for (i, (x, y)) in a.iter().zip(b).enumerate() {
        let tol = tolerance(i, *y);
        if *x < y - tol {
            return true;
        }
        if *x > y + tol {
            return false;
        }
    }
    false
}

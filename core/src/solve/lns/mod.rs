//! Large-neighbourhood search with the MIP: keep most of the incumbent, free a group of
//! orders, re-optimise them with HiGHS, keep the result when it is better, repeat.
//!
//! The model of one step is the full formulation with the windows of every kept order
//! collapsed to its incumbent periods (start, finish, go-live): such an order has no step
//! columns left, only its hours (which may shift within its run), so the model stays small
//! whatever the size of the portfolio, and the incumbent is a feasible start for HiGHS.
//!
//! Neighbourhoods alternate between two kinds, deterministically:
//! - **around a costly order**: the order that costs the level most (tardiness times weight,
//!   say), in turn, with the orders that run at the same time on its teams;
//! - **a band of periods**: the orders that start in a band of periods sweeping the horizon.
//!
//! The neighbourhood grows when steps are solved to optimality quickly and shrinks when they
//! hit their time limit.
//!
//! On portfolios with open decisions (optional orders, scope, consultant hours, budgets,
//! shares, go-live slots) the kept orders in a step keep their selection as in the incumbent
//! (a delivered optional order stays delivered, a stopped one stopped), and what the orders
//! left out take of the shared limits comes off them (`sub.rs`); the freed orders, consultant
//! hours and scope stay open. A stopped optional order costs its value on a level that counts
//! value lost, so steps also free stopped orders with the orders that could make room for
//! them. Such steps run beside the whole model (`solve::decision_search`).
//!
//! The same steps polish a plan the heuristic annealed (`POLISH_COLUMNS`), whatever the size.

mod left_out;
mod search;
mod select;
pub(crate) mod sub;
#[cfg(test)]
pub(crate) mod tests;

use super::mip::{self, MipEnd, MipRun, MipSettings};
use crate::objective::Objective;
use crate::problem::{Problem, Windows};
use crate::schedule::Schedule;
pub(crate) use search::Search;
use select::{around_order, costly};
use std::time::Instant;
use sub::Sub;

/// Columns of the full model above which a level is searched by neighbourhoods instead of
/// solved whole (measured: `docs/lns.md`).
pub(crate) const FULL_MODEL_COLUMNS: f64 = 60_000.0;

/// Columns above which a plan the heuristic annealed is polished by neighbourhoods rather
/// than by the whole model: below it HiGHS often proves the level optimal in time; above it
/// (100 and 300 generated fixed-pace orders: 9 000 and 27 000 columns) the steps did better
/// and end on time, where the whole model overran its limit by up to 0.7 s
/// (`docs/heuristic.md`).
pub(crate) const POLISH_COLUMNS: f64 = 5_000.0;

/// Columns of the full model that can be built and solved to a first LP in a second, about
/// (measured: a 1 000-order portfolio, 450 000 columns, took 2–3 s to build on the 2-core
/// machine). A model bigger than this times the time left is not built.
pub(crate) const COLUMNS_PER_SECOND: f64 = 100_000.0;

/// Periods a freed order may move either way in one step.
const REACH: usize = 6;

/// Improves `incumbent` on `level` (earlier levels held by `holds`; `levels` are all levels up
/// to this one, for comparing plans) until `deadline`, on one lane. Returns the best plan as a
/// MIP run without a bound. A step that fails leaves the incumbent as it is.
#[allow(clippy::too_many_arguments)]
pub(crate) fn run(
    p: &Problem,
    full: &Windows,
    levels: &[Vec<(Objective, f64)>],
    holds: &[(Vec<(Objective, f64)>, f64)],
    incumbent: &Schedule,
    deadline: Instant,
    settings: &MipSettings,
) -> MipRun {
    let search = Search::new(p, full, levels, holds, incumbent);
    search.lane(0, deadline, settings);
    search.into_run()
}

/// One step: the freed jobs re-optimised on `level` by the MIP, the others kept. The step's
/// own small problem where it is exact, else the whole model with the kept orders pinned. A
/// step HiGHS could not solve (a status it reports as an error) ends as a limit without a plan.
fn solve_step(
    p: &Problem,
    full: &Windows,
    best: &Schedule,
    free: &[usize],
    level: &[(Objective, f64)],
    holds: &[(Vec<(Objective, f64)>, f64)],
    settings: &MipSettings,
) -> (MipEnd, Option<Schedule>) {
    match Sub::build(p, full, best, free, REACH, holds) {
        Some(sub) => {
            let start = sub.restrict(best);
            let out = mip::run(
                &sub.problem,
                &sub.windows,
                level,
                &sub.holds,
                Some(&start),
                settings,
            );
            out.map(|o| (o.end, o.schedule.map(|s| sub.merge(best, s))))
        }
        None => {
            // The whole model, with the kept orders pinned and their selection decided.
            let windows = pinned(full, best, free);
            let decided = decided(p, best, free);
            mip::run(&decided, &windows, level, holds, Some(best), settings)
                .map(|o| (o.end, o.schedule))
        }
    }
    .unwrap_or((MipEnd::Limit, None))
}

/// What one step of the neighbourhood search returned ([`step`]).
#[derive(Debug, Clone)]
pub struct Step {
    /// The plan with the freed jobs re-optimised, where HiGHS found one; not necessarily
    /// better than the plan the step started from.
    pub schedule: Option<Schedule>,
    /// Whether HiGHS proved the step's problem optimal within its time limit.
    pub optimal: bool,
}

/// The jobs a step of the search frees around the job that costs `objective` most in `s`:
/// that job and up to `size − 1` jobs that run at the same time on its teams. Empty when no
/// job costs anything.
pub fn neighbourhood(p: &Problem, s: &Schedule, objective: Objective, size: usize) -> Vec<usize> {
    let level = [(objective, 1.0)];
    costly(p, &level, s)
        .first()
        .map_or_else(Vec::new, |&centre| around_order(p, s, centre, size))
}

/// One step of the large-neighbourhood search, the building block of the solve on large
/// portfolios: the jobs `free` (indices into `p.jobs`) of `incumbent` may move up to six
/// periods either way, every other job keeps its periods, and the MIP re-optimises
/// `objective` from the incumbent for at most `time_limit` seconds on one thread.
///
/// ```
/// use leverans::solve::lns::{neighbourhood, step};
/// use leverans::heuristic::{best_schedule, SearchEffort};
/// use leverans::problem::Windows;
/// use leverans::{Calendar, Goal, Objective, Order, Portfolio, Team, TimePoint};
/// let mut p = Portfolio::new(Calendar::units(12));
/// p.add_team(Team::new("dev", 2.0));
/// for k in 0..4 {
///     let mut o = Order::fixed(format!("o{k}"), 2, [("dev", 2.0)]);
///     o.due = Some(TimePoint::Period(3));
///     p.add_order(o);
/// }
/// let problem = leverans::validate(&p).unwrap();
/// let windows = Windows::compute(&problem, problem.periods).unwrap();
/// let levels = Goal::single(Objective::WeightedLateness).levels();
/// let plan = best_schedule(&problem, &windows, &levels, &SearchEffort::default()).unwrap();
/// let free = neighbourhood(&problem, &plan, Objective::WeightedLateness, 4);
/// let out = step(&problem, &plan, &free, Objective::WeightedLateness, 5.0);
/// assert!(out.optimal);
/// // The step's plan keeps every rule, by the independent verifier.
/// let timeline = leverans::Timeline::new(&p.calendar).unwrap();
/// let stepped = leverans::plan::build_plan(&p, &timeline, &problem, &out.schedule.unwrap());
/// assert!(leverans::verify(&p, &stepped).is_ok());
/// ```
pub fn step(
    p: &Problem,
    incumbent: &Schedule,
    free: &[usize],
    objective: Objective,
    time_limit: f64,
) -> Step {
    let Ok(full) = Windows::compute(p, p.periods) else {
        return Step {
            schedule: None,
            optimal: false,
        };
    };
    // The default options: one thread, no gap, seed 0, no cancel.
    let settings = MipSettings::from_options(&super::SolveOptions::default(), Some(time_limit));
    let (end, schedule) = solve_step(
        p,
        &full,
        incumbent,
        free,
        &[(objective, 1.0)],
        &[],
        &settings,
    );
    Step {
        schedule,
        optimal: end == MipEnd::Optimal,
    }
}

/// `full` with every job outside `free` pinned to its periods in `s`.
fn pinned(full: &Windows, s: &Schedule, free: &[usize]) -> Windows {
    let mut w = full.clone();
    let mut is_free = vec![false; w.jobs.len()];
    free.iter().for_each(|&j| is_free[j] = true);
    for (j, win) in w.jobs.iter_mut().enumerate() {
        let t = &s.jobs[j];
        if is_free[j] || !t.selected {
            continue;
        }
        *win = sub::pinned_window(t);
    }
    w
}

/// `p` with the selection of every optional order outside `free` decided as in `s`: one
/// delivered there must be delivered, one stopped there stays stopped. Every plan of the
/// result is a plan of `p` with the same value lost on the decided orders, so levels held on
/// `p` hold on it too.
fn decided(p: &Problem, s: &Schedule, free: &[usize]) -> Problem {
    let mut q = p.clone();
    let mut is_free = vec![false; q.jobs.len()];
    free.iter().for_each(|&j| is_free[j] = true);
    for (j, job) in q.jobs.iter_mut().enumerate() {
        if !is_free[j] {
            sub::decide(job, s.jobs[j].selected);
        }
    }
    q
}

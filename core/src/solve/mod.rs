//! Solving: heuristic first, then the MIP level by level, and the outcome with its plan.
//!
//! 1. [`crate::validate()`] turns the portfolio into problem data (or lists every input problem).
//! 2. Time windows from releases, deadlines and dependencies; a conflict there is a proof of
//!    infeasibility, reported with the order it concerns.
//! 3. The heuristic (serial schedule generation, genetic search) gives a first plan
//!    (`first_plan`: with the fallbacks and the baseline being re-planned).
//! 4. When makespan is the first objective, bounds without a solver (`crate::bounds`:
//!    propagation, shaving, a search; `makespan`) try to prove that plan optimal or find a
//!    shorter one; the MIP then looks only for strictly shorter plans inside the tightened
//!    windows.
//! 5. The MIP (HiGHS) solves each level of the goal in turn (`levels`), holding earlier levels at their
//!    values. A level not proven in time keeps the best plan found and reports the bound.
//!    Where the whole model is too large for the time limit, the level is improved by
//!    large-neighbourhood search instead (`lns`: free a group of orders, re-optimise them with
//!    the MIP, keep the better plan; `docs/lns.md`). On a portfolio with decisions such steps
//!    run beside the whole model (`decision_search`).
//! 6. The plan's last pass re-deals teams' hours to their targets of open orders; the time it
//!    leaves goes to more steps on the first level not proven (`polish`).

mod baseline;
mod consultants;
mod control;
mod cost_search;
mod decision_search;
mod decisions;
mod drift;
mod first_plan;
mod from_search;
mod levels;
pub mod lns;
mod makespan;
mod mip;
mod open_repair;
mod options;
mod outcome;
mod polish;
mod progress;
mod rens;
pub(crate) mod small_mip;
mod watchdog;

pub use control::CancelToken;
pub use options::SolveOptions;
pub use outcome::{relative_gap, LevelOutcome, Outcome, PlanSource, Status};
pub use progress::{Phase, Progress, ProgressHandle};
#[doc(hidden)]
pub use watchdog::spawn_counted_for_tests;
pub use watchdog::wait_for_background_runs;

use crate::error::{Error, Result};
use crate::model::{Portfolio, Timeline};
use crate::objective::level_value;
use crate::problem::{Problem, Windows};
use crate::schedule::Schedule;
use makespan::{makespan_search, MakespanSearch};
use std::time::Instant;

/// Plans a portfolio.
///
/// Invalid input is an [`Error::Invalid`] listing every problem; an infeasible portfolio or one
/// with no plan in time is an [`Outcome`] with that [`Status`].
///
/// To keep its time limit the solve may return while a HiGHS run it left is still stopping on
/// a thread of its own; a program that exits right after solving calls
/// [`wait_for_background_runs`] first.
///
/// ```
/// use leverans::{solve, Calendar, Goal, Objective, Order, Portfolio, SolveOptions, Status, Team};
/// let mut p = Portfolio::new(Calendar::units(10));
/// p.add_team(Team::new("dev", 2.0));
/// p.add_order(Order::fixed("a", 2, [("dev", 2.0)]));
/// p.add_order(Order::fixed("b", 3, [("dev", 1.0)]));
/// p.add_order(Order::fixed("c", 3, [("dev", 1.0)]));
/// let out = solve(&p, &SolveOptions::default().with_goal(Goal::single(Objective::Makespan))).unwrap();
/// assert_eq!(out.status, Status::Optimal);
/// assert_eq!(out.objective, Some(5.0)); // a alone, then b and c side by side
/// assert!(leverans::verify(&p, out.plan.as_ref().unwrap()).is_ok());
/// ```
pub fn solve(portfolio: &Portfolio, options: &SolveOptions) -> Result<Outcome> {
    let out = solve_inner(portfolio, options, true);
    if let Some(p) = &options.progress {
        p.phase(Phase::Done);
    }
    out
}

/// [`solve()`], and when `diagnose` is set and the portfolio has no plan, why
/// ([`crate::analysis::diagnose`], which solves relaxed portfolios with `diagnose` off).
pub(crate) fn solve_inner(
    portfolio: &Portfolio,
    options: &SolveOptions,
    diagnose: bool,
) -> Result<Outcome> {
    let mut out = solve_plan(portfolio, options)?;
    if diagnose && out.status == Status::Infeasible {
        if let Some(why) = crate::analysis::diagnose(portfolio, options) {
            out.reason = Some(match out.reason.take() {
                Some(r) if r != NO_PLAN => format!("{r}. {}", why.summary()),
                _ => why.summary(),
            });
            out.infeasibility = Some(why);
        }
    }
    Ok(out)
}

/// Time kept back per order for what follows the search: settling the plan and building it
/// (measured on 100 000 generated orders: about 0.6 s in all).
const FINISH_SECONDS_PER_ORDER: f64 = 8e-6;

/// Share of the time limit kept for re-dealing teams' hours to their target of open orders,
/// and its most seconds (docs/realism.md).
const OPEN_PASS_SHARE: f64 = 0.25;
const OPEN_PASS_SECONDS: f64 = 3.0;

/// The reason when the MIP proves that no plan exists, before the diagnosis says more.
pub(super) const NO_PLAN: &str =
    "no plan satisfies every deadline, dependency, freeze window and capacity together";

fn solve_plan(portfolio: &Portfolio, options: &SolveOptions) -> Result<Outcome> {
    let started = Instant::now();
    options.check()?;
    let mut problem = crate::validate(portfolio).map_err(Error::Invalid)?;
    let timeline = Timeline::new(&portfolio.calendar).map_err(Error::Solver)?;
    // What follows the search (settling the plan, its figures) takes time in proportion to
    // the orders: it comes out of the limit, so the whole solve ends within it.
    let finishing = |t: f64| (problem.jobs.len() as f64 * FINISH_SECONDS_PER_ORDER).min(0.1 * t);
    // The teams' open orders are re-dealt last (`Schedule::limit_open`), in time of their own
    // once a plan exists (`LevelInput::finish_reserve`).
    let has_open_target = crate::schedule::open_pass_may_apply(&problem);
    let open_pass = |t: f64| {
        if has_open_target {
            (OPEN_PASS_SHARE * t).min(OPEN_PASS_SECONDS)
        } else {
            0.0
        }
    };
    let reserved = SolveOptions {
        time_limit: options.time_limit.map(|t| t - finishing(t)),
        ..options.clone()
    };
    let open_deadline = options
        .time_limit
        .map(|t| started + std::time::Duration::from_secs_f64((t - finishing(t)).max(0.0)));
    let limit = options.time_limit;
    let options = &reserved;
    let goal = options.goal.resolve(portfolio);
    let mut levels = goal.levels();
    if let Some(base) = &options.baseline {
        baseline::apply(
            portfolio,
            base,
            options.move_weight,
            options.change_weight,
            &mut problem,
            &mut levels,
        );
    }
    let empty = |status: Status, reason: Option<String>| Outcome {
        status,
        objective: None,
        bound: None,
        gap: None,
        seconds: started.elapsed().as_secs_f64(),
        levels: Vec::new(),
        source: outcome::PlanSource::None,
        reason,
        infeasibility: None,
        plan: None,
    };

    let full = loop {
        match Windows::compute(&problem, problem.periods) {
            Ok(w) => break w,
            Err(c) => {
                let order = &portfolio.orders[problem.jobs[c.job].order].id;
                let mut reason = label_periods(&c.reason, &timeline);
                if let Some(o) = c.waits_on {
                    reason.push_str(&format!(" (`{}`)", portfolio.orders[o].id));
                }
                let job = &mut problem.jobs[c.job];
                if job.optional && job.excluded.is_none() {
                    // An optional order that cannot be delivered is stopped, with the reason.
                    job.excluded = Some(format!("cannot be delivered: {reason}"));
                    continue;
                }
                return Ok(empty(
                    Status::Infeasible,
                    Some(format!("order `{order}`: {reason}")),
                ));
            }
        }
    };
    if let Some(p) = &options.progress {
        let first = levels.first().map(|l| crate::objective::level_name(l));
        p.start(started, limit, levels.len(), first.unwrap_or_default());
        p.phase(Phase::FirstPlan);
    }
    let mut fallback = None;
    let mut heuristic = first_plan::first_plan(
        portfolio,
        &timeline,
        &problem,
        &full,
        &levels,
        options,
        started,
        &mut fallback,
    );
    if let Some(s) = &mut fallback {
        s.settle(&problem);
    }
    if let Some(s) = &mut heuristic {
        s.settle(&problem);
        if let (Some(p), Some(first)) = (&options.progress, levels.first()) {
            let best = crate::objective::level_value(first, &problem, s);
            p.level(0, crate::objective::level_name(first), Some(best));
        }
    }
    // A sum over orders first, on a fixed-pace portfolio: the search that learns looks for
    // cheaper plans with the objective as a rule, and may prove the plan optimal.
    let first_level_proven = match &mut heuristic {
        Some(s) if !goal.makespan_first() => {
            cost_search::improve(&problem, &levels, s, options, started)
        }
        _ => false,
    };
    // Makespan first: bounds without a solver, then the MIP looks only for strictly shorter
    // plans, inside windows tightened by propagation (`docs/bounds.md`).
    let makespan_bound = match (&mut heuristic, goal.makespan_first()) {
        (Some(s), true) => Some(makespan_search(&problem, s, options, started)),
        _ => None,
    };
    let windows = match &makespan_bound {
        Some(MakespanSearch {
            windows: Some(w), ..
        }) => w.clone(),
        _ => full.clone(),
    };

    let input = levels::LevelInput {
        problem: &problem,
        options,
        levels: &levels,
        started,
        full: &full,
        makespan_bound: makespan_bound.as_ref(),
        first_level_proven,
        finish_reserve: limit.map_or(0.0, open_pass),
        fallback: fallback.as_ref(),
    };
    let (schedule, mut from_mip, level_outcomes, all_optimal) =
        match levels::solve_levels(&input, windows, heuristic)? {
            levels::LevelsEnd::Plan {
                schedule,
                from_mip,
                outcomes,
                all_optimal,
            } => (schedule, from_mip, outcomes, all_optimal),
            levels::LevelsEnd::NoPlan(status, reason) => return Ok(empty(status, reason)),
        };
    let last = polish::Finishing {
        problem: &problem,
        full: &full,
        levels: &levels,
        outcomes: &level_outcomes,
        options,
        deadline: open_deadline,
    };
    let (schedule, stepped) = polish::finish(&last, schedule);
    from_mip |= stepped;
    Ok(outcome::finish(
        portfolio,
        &timeline,
        &problem,
        &full,
        &levels,
        outcome::Solved {
            schedule,
            from_mip,
            level_outcomes,
            all_optimal,
            started,
        },
    ))
}

/// True when every plan's value of `level` is a whole number.
fn integral(level: &[(crate::Objective, f64)], p: &Problem) -> bool {
    let whole = |x: f64| x.fract() == 0.0;
    level.iter().all(|&(o, w)| {
        whole(w) && (o == crate::Objective::Makespan || p.jobs.iter().all(|j| whole(j.weight)))
    })
}

/// How far a plan may go above a held level's value: the hold's row in the MIP
/// (`mip::run`) allows it, for float noise in continuous columns such as an order's scope.
/// A later level's MIP spends it (Tyresö's consultant level: 1 230.001 23 on a first level held
/// at 1 230), so comparisons of plans count values within it as equal on held levels.
pub(crate) fn hold_slack(value: f64) -> f64 {
    1e-6 * value.abs().max(1.0)
}

/// `a` better than `b`, keys of plans by the levels (`key`): lexicographically, each level
/// before the last equal within [`hold_slack`] (such a level is held while the last is
/// searched), the last within 1e-9.
pub(crate) fn key_less(a: &[f64], b: &[f64]) -> bool {
    let last = a.len().min(b.len()).saturating_sub(1);
    crate::heuristic::lex_less_within(a, b, |i, y| if i < last { hold_slack(y) } else { 1e-9 })
}

fn key(levels: &[Vec<(crate::Objective, f64)>], p: &Problem, s: &Schedule) -> Vec<f64> {
    levels.iter().map(|l| level_value(l, p, s)).collect()
}

/// Replaces "period N" in a reason by the period's label, for people.
fn label_periods(reason: &str, tl: &Timeline) -> String {
    let mut out = String::new();
    let mut rest = reason;
    while let Some(i) = rest.find("period ") {
        out.push_str(&rest[..i]);
        let after = &rest[i + 7..];
        let digits: String = after
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '-')
            .collect();
        match digits.parse::<i64>() {
            Ok(n) if n >= 0 && (n as usize) < tl.len() => {
                out.push_str(&tl.period(n as usize).label);
            }
            _ => {
                out.push_str("period ");
                out.push_str(&digits);
            }
        }
        rest = &after[digits.len()..];
    }
    out.push_str(rest);
    out
}

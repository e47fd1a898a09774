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
//! 5. The MIP (HiGHS) solves each level of the goal in turn, holding earlier levels at their
//!    values. A level not proven in time keeps the best plan found and reports the bound.
//!    Where the whole model is too large for the time limit, the level is improved by
//!    large-neighbourhood search instead (`lns`: free a group of orders, re-optimise them with
//!    the MIP, keep the better plan; `docs/lns.md`).

mod baseline;
mod consultants;
mod control;
mod decisions;
mod first_plan;
mod from_search;
pub mod lns;
mod makespan;
mod mip;
mod options;
mod outcome;

pub use control::CancelToken;
pub use options::SolveOptions;
pub use outcome::{relative_gap, LevelOutcome, Outcome, PlanSource, Status};

use crate::error::{Error, Result};
use crate::heuristic::lex_less;
use crate::model::{Portfolio, Timeline};
use crate::objective::level_value;
use crate::plan::build_plan;
use crate::problem::{Problem, Windows};
use crate::schedule::Schedule;
use makespan::{later_windows, makespan_search, MakespanSearch};
use mip::{MipEnd, MipSettings};
use std::time::Instant;

/// Plans a portfolio.
///
/// Invalid input is an [`Error::Invalid`] listing every problem; an infeasible portfolio or one
/// with no plan in time is an [`Outcome`] with that [`Status`].
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
    solve_inner(portfolio, options, true)
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

/// The reason when the MIP proves that no plan exists, before the diagnosis says more.
const NO_PLAN: &str =
    "no plan satisfies every deadline, dependency, freeze window and capacity together";

fn solve_plan(portfolio: &Portfolio, options: &SolveOptions) -> Result<Outcome> {
    let started = Instant::now();
    options.check()?;
    let mut problem = crate::validate(portfolio).map_err(Error::Invalid)?;
    let timeline = Timeline::new(&portfolio.calendar).map_err(Error::Solver)?;
    // What follows the search (settling the plan, its figures) takes time in proportion to
    // the orders: it comes out of the limit, so the whole solve ends within it.
    let reserved = SolveOptions {
        time_limit: options
            .time_limit
            .map(|t| t - (problem.jobs.len() as f64 * FINISH_SECONDS_PER_ORDER).min(0.1 * t)),
        ..options.clone()
    };
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
                let reason = label_periods(&c.reason, &timeline);
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
    let mut heuristic = first_plan::first_plan(
        portfolio, &timeline, &problem, &full, &levels, options, started,
    );
    if let Some(s) = &mut heuristic {
        s.settle(&problem);
    }
    // Makespan first: bounds without a solver, then the MIP looks only for strictly shorter
    // plans, inside windows tightened by propagation (`docs/bounds.md`).
    let makespan_bound = match (&mut heuristic, goal.makespan_first()) {
        (Some(s), true) => Some(makespan_search(&problem, s, options, started)),
        _ => None,
    };
    let mut windows = match &makespan_bound {
        Some(MakespanSearch {
            windows: Some(w), ..
        }) => w.clone(),
        _ => full.clone(),
    };

    let mut incumbent: Option<Schedule> = heuristic;
    let mut from_mip = false;
    let mut holds: Vec<(Vec<(crate::Objective, f64)>, f64)> = Vec::new();
    let mut level_outcomes = Vec::new();
    let mut all_optimal = true;
    for (k, level) in levels.iter().enumerate() {
        // Earlier levels matter more: each gets half of what is left, the last level all of it.
        // Without any plan yet, a level gets all the time there is.
        let share = if k + 1 == levels.len() || incumbent.is_none() {
            1.0
        } else {
            0.5
        };
        let remaining = options
            .time_limit
            .map(|t| (t - started.elapsed().as_secs_f64()) * share);
        let cancelled = options.cancel.as_ref().is_some_and(|c| c.is_cancelled());
        if cancelled || remaining.is_some_and(|r| r <= 0.01) {
            all_optimal = false;
            if let Some(s) = &incumbent {
                let v = level_value(level, &problem, s);
                level_outcomes.push(LevelOutcome {
                    objectives: level.clone(),
                    value: v,
                    bound: None,
                    optimal: false,
                });
                holds.push((level.clone(), v));
            }
            continue;
        }
        if k == 0 {
            if let (Some(m), Some(s)) = (&makespan_bound, &incumbent) {
                if m.windows.is_none() {
                    // The bounds meet the heuristic's plan: it is optimal, no MIP needed.
                    let value = level_value(level, &problem, s);
                    level_outcomes.push(LevelOutcome {
                        objectives: level.clone(),
                        value,
                        bound: Some(value),
                        optimal: true,
                    });
                    holds.push((level.clone(), value));
                    windows = later_windows(&problem, s, &full);
                    continue;
                }
            }
        }
        let settings = MipSettings::from_options(options, remaining);
        // A strict search excludes the incumbent, so it cannot be the starting point.
        let strict_level = k == 0 && makespan_bound.is_some();
        let start = if (k > 0 || options.warm_start) && !strict_level {
            incumbent.as_ref()
        } else {
            None
        };
        // A model too big to solve whole in time is searched by neighbourhoods around the
        // incumbent instead (`lns`), where no decision is open that windows cannot pin.
        // A model that cannot even be built in the time left is not built: the level keeps
        // the incumbent.
        let columns = lns::model_columns(&problem, &windows);
        // After the annealing (`heuristic::anneals`) the steps polish its plan better than the
        // whole model does in the time left, except on models small enough to prove.
        let polish = crate::heuristic::anneals(&problem, &levels) && columns > lns::POLISH_COLUMNS;
        let by_neighbourhoods = !strict_level
            && !problem.has_decisions()
            && (columns > lns::FULL_MODEL_COLUMNS || polish);
        let too_big = remaining.is_some_and(|r| columns > lns::COLUMNS_PER_SECOND * r);
        let run = match (&incumbent, remaining) {
            (Some(inc), Some(seconds)) if by_neighbourhoods => {
                let deadline = Instant::now() + std::time::Duration::from_secs_f64(seconds);
                Ok(lns::run(
                    &problem,
                    &windows,
                    &levels[..=k],
                    &holds,
                    inc,
                    deadline,
                    &settings,
                ))
            }
            (Some(_), _) if too_big => Ok(mip::MipRun {
                end: MipEnd::Limit,
                bound: None,
                schedule: None,
            }),
            _ => mip::run(&problem, &windows, level, &holds, start, &settings),
        }
        .map_err(Error::Solver)?;
        // At level 0 with a makespan search the model admits only plans shorter than the
        // incumbent: infeasible there proves the incumbent optimal.
        let strict = k == 0 && makespan_bound.is_some();
        if run.end == MipEnd::Infeasible && k == 0 && incumbent.is_none() {
            return Ok(empty(Status::Infeasible, Some(NO_PLAN.into())));
        }
        if let Some(mut s) = run.schedule {
            // Go-lives the MIP left waiting (no objective prices a wait it can avoid later)
            // come forward before the plan is compared or held.
            s.settle(&problem);
            let better = match &incumbent {
                None => true,
                Some(inc) => !lex_less(
                    &key(&levels[..=k], &problem, inc),
                    &key(&levels[..=k], &problem, &s),
                ),
            };
            if better {
                incumbent = Some(s);
                from_mip = true;
            }
        }
        let Some(s) = &incumbent else {
            return Ok(empty(Status::NoPlanInTime, None));
        };
        let value = level_value(level, &problem, s);
        let mut optimal = run.end == MipEnd::Optimal || (strict && run.end == MipEnd::Infeasible);
        let mut bound = if optimal && options.gap == 0.0 {
            Some(value)
        } else {
            run.bound.map(|b| b.min(value))
        };
        if bound.is_none() && !problem.has_decisions() {
            // No bound from the MIP (a level searched by neighbourhoods, or one HiGHS left
            // before its root ended): the earliest go-lives the windows allow still give one.
            bound = Some(crate::objective::level_lower_bound(level, &problem, &full).min(value));
        }
        if let Some(m) = makespan_bound.as_ref().filter(|_| strict) {
            // The MIP's bound holds for the shorter plans only; the incumbent caps it, and the
            // bounds without a solver may be stronger.
            let lb = m.lower as f64;
            bound = Some(bound.unwrap_or(lb).max(lb).min(value));
        }
        if integral(level, &problem) {
            // Every plan has a whole-number value here, so the bound rounds up; reaching the
            // plan's value then proves it optimal.
            bound = bound.map(|b| (b - 1e-6).ceil().min(value));
            optimal |= bound == Some(value);
        }
        all_optimal &= optimal;
        level_outcomes.push(LevelOutcome {
            objectives: level.clone(),
            value,
            bound,
            optimal,
        });
        holds.push((level.clone(), value));
        if strict {
            windows = later_windows(&problem, s, &full);
        }
    }
    let Some(mut schedule) = incumbent else {
        return Ok(empty(Status::NoPlanInTime, None));
    };
    // Plans the makespan search decoded have not been settled yet, and a settle may improve
    // a plan once more: every level reports the plan it returns. A value below a level's
    // bound means that bound was conditional on an earlier level's held value, which the
    // settle improved: it no longer holds, and neither does the proof.
    schedule.settle(&problem);
    for lo in &mut level_outcomes {
        lo.value = level_value(&lo.objectives, &problem, &schedule);
        if lo.bound.is_some_and(|b| lo.value < b - 1e-9) {
            lo.bound = None;
            lo.optimal = false;
        }
        all_optimal &= lo.optimal;
    }
    let mut plan = build_plan(portfolio, &timeline, &problem, &schedule);
    // A stopped order without a reason of its own was stopped by the goal: say how.
    let why = stop_reason(&levels);
    for po in plan
        .orders
        .iter_mut()
        .filter(|po| po.state == crate::plan::PlannedState::Stopped && po.reason.is_none())
    {
        po.reason = Some(why.clone());
    }
    let first = level_outcomes.first();
    let objective = first.map(|l| l.value);
    let bound = first.and_then(|l| l.bound);
    Ok(Outcome {
        status: if all_optimal {
            Status::Optimal
        } else {
            Status::Feasible
        },
        objective,
        bound,
        gap: objective.and_then(|v| relative_gap(v, bound)),
        seconds: started.elapsed().as_secs_f64(),
        levels: level_outcomes,
        source: if from_mip {
            PlanSource::Mip
        } else {
            PlanSource::Heuristic
        },
        reason: None,
        infeasibility: None,
        plan: Some(plan),
    })
}

/// Why the goal stops an optional order that could be delivered, in words true for the goal:
/// value first, value weighed against lateness, lateness before value, or value not counted.
fn stop_reason(levels: &[Vec<(crate::Objective, f64)>]) -> String {
    use crate::Objective::LostValue;
    let rules = "within capacity, budget and shares";
    let Some(k) = levels
        .iter()
        .position(|l| l.iter().any(|&(o, w)| o == LostValue && w > 0.0))
    else {
        return format!("left out: the goal does not count the value of orders ({rules})");
    };
    if k > 0 {
        return format!("left out so that other orders go live earlier: the goal puts time before value ({rules})");
    }
    if levels[k].len() > 1 {
        return format!("left out: its value is less than the lateness and value it would cost other orders ({rules})");
    }
    format!("left out for orders of more value {rules}")
}

/// True when every plan's value of `level` is a whole number.
fn integral(level: &[(crate::Objective, f64)], p: &Problem) -> bool {
    let whole = |x: f64| x.fract() == 0.0;
    level.iter().all(|&(o, w)| {
        whole(w) && (o == crate::Objective::Makespan || p.jobs.iter().all(|j| whole(j.weight)))
    })
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

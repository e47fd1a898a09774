//! The MIP level by level: each level of the goal in turn, holding earlier levels at their
//! values, by the whole model or (where it is too large for the time left, or polishes an
//! annealed plan) by large-neighbourhood steps; a level not proven in time keeps the best
//! plan found and reports its bound.

use super::makespan::{later_windows, MakespanSearch};
use super::mip::{self, MipEnd, MipSettings};
use super::{decision_search, lns, LevelOutcome, SolveOptions, Status, NO_PLAN};
use crate::error::{Error, Result};
use crate::objective::{level_value, Objective};
use crate::problem::{Problem, Windows};
use crate::schedule::Schedule;
use std::time::Instant;

/// What the levels are solved from: the problem, the options, the goal's levels, when the
/// solve started, the full windows, and the makespan search's result where makespan comes
/// first.
pub(super) struct LevelInput<'a> {
    pub problem: &'a Problem,
    pub options: &'a SolveOptions,
    pub levels: &'a [Vec<(Objective, f64)>],
    pub started: Instant,
    pub full: &'a Windows,
    pub makespan_bound: Option<&'a MakespanSearch>,
    /// The first plan is proven optimal on the first level (`cost_search`).
    pub first_level_proven: bool,
    /// Seconds of the limit kept for the plan's last pass (teams' open orders) once some plan
    /// of the solve has had a team over its target; before that a fifth of them
    /// ([`WITHIN_TARGET_RESERVE`]), the rest for the levels.
    pub finish_reserve: f64,
    /// A plan that keeps every rule, for when the first level's MIP finds none of its own
    /// (`first_plan`'s fallback).
    pub fallback: Option<&'a Schedule>,
}

/// Share of the time the first level gets on a portfolio with decisions when a plan exists
/// already (others: half). Measured on Tyresö at 5 s: half the time gave 2 020, 0.8 gave the
/// MIP time to find its 1 508; since RENS (`decision_search`), 0.8 gave 1 253 in one run of four
/// (the others 1 471–1 510: RENS stopped 0.1 s before its first plan), 0.9 in four of four.
const FIRST_DECISION_LEVEL_SHARE: f64 = 0.9;

/// Seconds of the levels' time beyond which the later levels get a larger share of it: half
/// of each second past this one.
const LATER_LEVELS_FROM: f64 = 20.0;
const LATER_LEVELS_SHARE_BEYOND: f64 = 0.5;

/// Seconds the first level gets on a portfolio with decisions, of `left` for the levels:
/// [`FIRST_DECISION_LEVEL_SHARE`] of the first [`LATER_LEVELS_FROM`] seconds, and half of
/// the rest. With a long limit the first level gains little from more time (Tyresö: 1 197–1 226
/// at 30 s, 1 197 at 60 s) while the later levels find more with each second: Tyresö at 60 s,
/// first level 1 197.34 in each run, consultant spend 569 517–575 758 SEK (bound 437 723) with
/// 0.9 of all the time, 564 956 (bound 491 660) with a quarter beyond 20 s for the later
/// levels, 545 517 (bound 501 002–501 152) with half (`docs/lns.md`, "Drift judged after the
/// pass").
///
/// ```text
/// left 7 s (a 10 s solve) → 6.3 s;  left 26.5 s (30 s) → 21.25 s;  left 56 s (60 s) → 36 s
/// ```
fn first_decision_level_seconds(left: f64) -> f64 {
    let early = left.min(LATER_LEVELS_FROM);
    let late = (left - LATER_LEVELS_FROM).max(0.0);
    FIRST_DECISION_LEVEL_SHARE * early + (1.0 - LATER_LEVELS_SHARE_BEYOND) * late
}

/// Share of the open-orders pass's time kept while no plan of the solve so far had a team
/// over its target. All of it was kept until session 16: generated portfolios of 1 000 and 5 000
/// orders, whose plans stay within their targets, ended their 10 s solves at 7.7 s.
const WITHIN_TARGET_RESERVE: f64 = 0.2;

/// How the levels ended: a plan with each level's outcome, or no plan with the status.
pub(super) enum LevelsEnd {
    Plan {
        schedule: Schedule,
        from_mip: bool,
        outcomes: Vec<LevelOutcome>,
        all_optimal: bool,
    },
    NoPlan(Status, Option<String>),
}

/// Solves every level in turn from `incumbent` (the first plan, if any) within `windows`
/// (the full ones, or those the makespan search tightened).
pub(super) fn solve_levels(
    input: &LevelInput<'_>,
    mut windows: Windows,
    mut incumbent: Option<Schedule>,
) -> Result<LevelsEnd> {
    let LevelInput {
        problem,
        options,
        levels,
        started,
        full,
        makespan_bound,
        first_level_proven,
        finish_reserve,
        fallback,
    } = *input;
    let mut from_mip = false;
    let mut holds: Vec<(Vec<(crate::Objective, f64)>, f64)> = Vec::new();
    let mut level_outcomes = Vec::new();
    let mut all_optimal = true;
    let mut over_target = false;
    for (k, level) in levels.iter().enumerate() {
        // Earlier levels matter more: each gets half of what is left, the last level all of it.
        // Without any plan yet, a level gets all the time there is.
        // With decisions open the first level is where the MIP earns its time (its first plan
        // takes a few seconds and beats the heuristic's): it gets most of it.
        let share = |left: f64| {
            if k + 1 == levels.len() || incumbent.is_none() {
                left
            } else if k == 0 && problem.has_decisions() {
                first_decision_level_seconds(left)
            } else {
                0.5 * left
            }
        };
        // Once a plan of this solve had a team over its target, later ones may too.
        over_target |= incumbent
            .as_ref()
            .is_some_and(|s| s.over_open_target(problem));
        let reserve = match &incumbent {
            Some(_) if over_target => finish_reserve,
            // Plans within their teams' targets so far: this level's may still leave them, so
            // a part of the pass's time is kept, the rest is the levels'.
            Some(_) => WITHIN_TARGET_RESERVE * finish_reserve,
            // Without a plan the MIP is the last hope and gets all the time, less the grace
            // in which a run is left past its deadline: "no plan in time" comes in time too.
            None => super::watchdog::GRACE.as_secs_f64(),
        };
        let remaining = options
            .time_limit
            .map(|t| share(t - reserve - started.elapsed().as_secs_f64()));
        if let Some(p) = &options.progress {
            let best = incumbent.as_ref().map(|s| level_value(level, problem, s));
            p.level(k, crate::objective::level_name(level), best);
        }
        let cancelled = options.cancel.as_ref().is_some_and(|c| c.is_cancelled());
        if cancelled || remaining.is_some_and(|r| r <= 0.01) {
            all_optimal = false;
            if let Some(s) = &incumbent {
                let v = level_value(level, problem, s);
                // No time for a solver: the bound without one still shows the gap.
                let floor = crate::objective::level_lower_bound(level, problem, full, &holds);
                level_outcomes.push(LevelOutcome {
                    objectives: level.clone(),
                    value: v,
                    bound: Some(floor.min(v)),
                    optimal: false,
                });
                holds.push((level.clone(), v));
            }
            continue;
        }
        if let (0, Some(s)) = (k, &incumbent) {
            // Proven before any MIP: every cheaper plan refuted by the search with the
            // objective as a rule, or the makespan bounds meet the heuristic's plan.
            let makespan_proven = makespan_bound.is_some_and(|m| m.windows.is_none());
            if first_level_proven || makespan_proven {
                let value = level_value(level, problem, s);
                level_outcomes.push(LevelOutcome {
                    objectives: level.clone(),
                    value,
                    bound: Some(value),
                    optimal: true,
                });
                holds.push((level.clone(), value));
                if makespan_proven {
                    windows = later_windows(problem, s, full);
                }
                continue;
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
        let columns = crate::formulation::estimated_columns(problem, &windows);
        // After the annealing (`heuristic::anneals`) the steps polish its plan better than the
        // whole model does in the time left, except on models small enough to prove.
        let polish = crate::heuristic::anneals(problem, levels) && columns > lns::POLISH_COLUMNS;
        let by_neighbourhoods = !strict_level
            && !problem.has_decisions()
            && (columns > lns::FULL_MODEL_COLUMNS || polish);
        let too_big = remaining.is_some_and(|r| columns > lns::COLUMNS_PER_SECOND * r);
        let run = match (&incumbent, remaining) {
            (Some(inc), Some(seconds)) if by_neighbourhoods => {
                let deadline = Instant::now() + std::time::Duration::from_secs_f64(seconds);
                Ok(lns::run(
                    problem,
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
                relaxed: None,
            }),
            // Decisions open: neighbourhood steps beside the whole model (`decision_search`).
            (Some(inc), Some(seconds)) if problem.has_decisions() && !strict_level => {
                let input = decision_search::DecisionLevel {
                    problem,
                    windows: &windows,
                    levels: &levels[..=k],
                    holds: &holds,
                    incumbent: inc,
                    warm_start: start.is_some(),
                };
                decision_search::search(&input, seconds, &settings)
            }
            _ => mip::run(problem, &windows, level, &holds, start, &settings),
        }
        .map_err(Error::Solver)?;
        // At level 0 with a makespan search the model admits only plans shorter than the
        // incumbent: infeasible there proves the incumbent optimal.
        let strict = k == 0 && makespan_bound.is_some();
        if run.end == MipEnd::Infeasible && k == 0 && incumbent.is_none() {
            return Ok(LevelsEnd::NoPlan(Status::Infeasible, Some(NO_PLAN.into())));
        }
        if let Some(mut s) = run.schedule {
            // Go-lives the MIP left waiting (no objective prices a wait it can avoid later)
            // come forward before the plan is compared or held.
            s.settle(problem);
            let better = match &incumbent {
                None => true,
                Some(inc) => !super::key_less(
                    &super::key(&levels[..=k], problem, inc),
                    &super::key(&levels[..=k], problem, &s),
                ),
            };
            if better {
                incumbent = Some(s);
                from_mip = true;
            }
        }
        if incumbent.is_none() {
            incumbent = fallback.cloned();
        }
        let Some(s) = &incumbent else {
            return Ok(LevelsEnd::NoPlan(Status::NoPlanInTime, None));
        };
        let value = level_value(level, problem, s);
        let mut optimal = run.end == MipEnd::Optimal || (strict && run.end == MipEnd::Infeasible);
        let mut bound = if optimal && options.gap == 0.0 {
            Some(value)
        } else {
            run.bound.map(|b| b.min(value))
        };
        // The bound without a solver (the earliest go-lives the windows allow and the teams'
        // hours, each optional order at the cheaper of stopped and delivered) stands where the
        // MIP gives none (a level searched by neighbourhoods, or one HiGHS left before its
        // root ended) and where the MIP's is weaker (a later level's root cut short).
        let floor = crate::objective::level_lower_bound(level, problem, full, &holds);
        bound = Some(bound.map_or(floor, |b| b.max(floor)).min(value));
        if let Some(m) = makespan_bound.as_ref().filter(|_| strict) {
            // The MIP's bound holds for the shorter plans only; the incumbent caps it, and the
            // bounds without a solver may be stronger.
            let lb = m.lower as f64;
            bound = Some(bound.unwrap_or(lb).max(lb).min(value));
        }
        if super::integral(level, problem) {
            // Every plan has a whole-number value here, so the bound rounds up; reaching the
            // plan's value then proves it optimal.
            bound = bound.map(|b| (b - 1e-6).ceil().min(value));
            optimal |= bound == Some(value);
        }
        all_optimal &= optimal;
        if let Some(p) = &options.progress {
            p.improved(Some(value), bound);
        }
        level_outcomes.push(LevelOutcome {
            objectives: level.clone(),
            value,
            bound,
            optimal,
        });
        holds.push((level.clone(), value));
        if strict {
            windows = later_windows(problem, s, full);
        }
    }
    Ok(match incumbent {
        Some(schedule) => LevelsEnd::Plan {
            schedule,
            from_mip,
            outcomes: level_outcomes,
            all_optimal,
        },
        None => LevelsEnd::NoPlan(Status::NoPlanInTime, None),
    })
}

#[cfg(test)]
mod tests {
    use super::mip::{self, MipSettings};
    use crate::objective::level_value;
    use crate::problem::Windows;
    use crate::schedule::Schedule;
    use std::time::Instant;

    /// Measures Tyresö's later levels from the plan of a 10 s solve on two threads, earlier
    /// levels held at that plan's values: drift at each reach on one thread (`solve::drift`),
    /// then each level's whole model on two (`cargo test --release -p leverans --lib
    /// later_levels_on_tyreso -- --ignored --nocapture`; `LATER_SECONDS`, default 120, for
    /// each whole model).
    #[test]
    #[ignore = "a measurement: prints values and bounds"]
    fn later_levels_on_tyreso() {
        let portfolio = crate::solve::lns::tests::tyreso();
        let problem = crate::validate(&portfolio).unwrap();
        let windows = Windows::compute(&problem, problem.periods).unwrap();
        let timeline = crate::Timeline::new(&portfolio.calendar).unwrap();
        let options = crate::SolveOptions::default()
            .with_time_limit(10.0)
            .with_threads(2);
        let levels = options.goal.resolve(&portfolio).levels();
        let out = crate::solve(&portfolio, &options).unwrap();
        let plan = out.plan.as_ref().expect("a plan in 10 s");
        assert!(
            crate::verify(&portfolio, plan).is_ok(),
            "the plan keeps every rule"
        );
        let schedule = Schedule::from_plan(&portfolio, &problem, plan).expect("its schedule");
        for (k, o) in out.levels.iter().enumerate() {
            println!("10 s level {k}: value {:.2} bound {:?}", o.value, o.bound);
        }
        let held = |k: usize| -> Vec<_> {
            (0..k)
                .map(|i| (levels[i].clone(), out.levels[i].value))
                .collect()
        };
        for k in 1..levels.len() {
            let holds = held(k);
            for reach in [0, 1, 2, 4] {
                let near = super::super::drift::neighbourhood(&windows, &schedule, reach);
                let settings = MipSettings::from_options(&options, Some(20.0));
                let one = MipSettings {
                    threads: 1,
                    ..settings
                };
                let clock = Instant::now();
                let run = super::super::rens::run(
                    &problem,
                    &near,
                    &levels[k],
                    &holds,
                    Some(&schedule),
                    &one,
                )
                .unwrap();
                let seconds = clock.elapsed().as_secs_f64();
                let found = run.schedule.map(|mut s| {
                    s.settle(&problem);
                    let report = crate::verify(
                        &portfolio,
                        &crate::plan::build_plan(&portfolio, &timeline, &problem, &s),
                    );
                    assert!(report.is_ok(), "{report:?}");
                    crate::solve::key(&levels[..=k], &problem, &s)
                });
                println!(
                    "level {k}, drift reach {reach}: {:?} {found:?} in {seconds:.2} s",
                    run.end
                );
            }
        }
        let seconds: f64 = std::env::var("LATER_SECONDS")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(120.0);
        for (k, level) in levels.iter().enumerate().skip(1) {
            let settings = MipSettings::from_options(&options, Some(seconds));
            let clock = Instant::now();
            let run = mip::run(
                &problem,
                &windows,
                level,
                &held(k),
                Some(&schedule),
                &settings,
            )
            .unwrap();
            let value = run
                .schedule
                .as_ref()
                .map(|s| level_value(level, &problem, s));
            println!(
                "level {k}, whole model: {:?} value {value:?} bound {:?} in {:.1} s",
                run.end,
                run.bound,
                clock.elapsed().as_secs_f64()
            );
        }
    }
}

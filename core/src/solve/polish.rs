//! The plan's last pass (teams' open orders), and steps with the time it leaves.
//!
//! The pass gets half the time left; where it leaves a team over its target (runs that
//! overlap too much on a team at its capacity), that team's orders are re-planned under the
//! target (`open_repair`), else the pass goes on (`docs/realism.md`, "Runs re-planned where no
//! deal keeps the target").
//!
//! The solve keeps time for the pass (`LevelInput::finish_reserve`: a quarter of the limit, at
//! most 3 s) before it knows how long the pass takes. On Tyresö at 5 s it keeps 1.25 s and the
//! pass uses about 0.25 s of it. The time the pass leaves goes to neighbourhood steps (`lns`)
//! on the first level not proven, the levels before it held; the better plan is passed once
//! more, in time kept for that from how long the first pass took. The new plan is kept only
//! where it is better by the goal, level by level, and has no more periods over the teams'
//! targets than the plan it replaces, so the steps never cost the plan its shape
//! (`docs/lns.md`, "The time the last pass leaves").

use super::decision_search::seconds_left;
use super::lns;
use super::mip::MipSettings;
use super::{LevelOutcome, SolveOptions};
use crate::objective::{level_value, Objective};
use crate::problem::{Problem, Windows};
use crate::schedule::Schedule;
use std::time::{Duration, Instant};

/// The second pass gets this many times the first pass's time, plus [`PASS_MARGIN`] seconds.
const PASS_AGAIN_FACTOR: f64 = 1.25;
const PASS_MARGIN: f64 = 0.05;

/// Share of the time left after the pass that the pass of a repaired plan keeps.
const REPAIR_PASS_SHARE: f64 = 0.25;

/// Fewest seconds worth giving the steps: a step on Tyresö takes 0.3–0.8 s.
const MIN_STEP_SECONDS: f64 = 0.2;

/// What the pass and the steps after it work on.
pub(super) struct Finishing<'a> {
    pub problem: &'a Problem,
    pub full: &'a Windows,
    pub levels: &'a [Vec<(Objective, f64)>],
    /// Each level's outcome so far: the steps work on the first one not proven.
    pub outcomes: &'a [LevelOutcome],
    pub options: &'a SolveOptions,
    /// When the pass (and any steps) must end; `None` without a time limit.
    pub deadline: Option<Instant>,
}

/// `schedule` settled and passed (`Schedule::limit_open`), then improved with the time the
/// pass left where that finds a better plan: on a portfolio with decisions first by drift on
/// the later levels ([`super::drift::later_levels`]), then by steps. The flag tells whether
/// drift's or the steps' plan was kept.
pub(super) fn finish(input: &Finishing<'_>, mut schedule: Schedule) -> (Schedule, bool) {
    let Finishing {
        problem,
        full,
        levels,
        outcomes,
        options,
        deadline,
    } = *input;
    schedule.settle(problem);
    let threads = options.threads as usize;
    let pass = pass_or_repair(input, &mut schedule);
    let Some(deadline) = deadline else {
        return (schedule, false);
    };
    let Some(k) = outcomes.iter().position(|o| !o.optimal) else {
        return (schedule, false);
    };
    if options.cancel.as_ref().is_some_and(|c| c.is_cancelled()) {
        return (schedule, false);
    }
    let settings_until = |end: Instant| settings_until(options, end);
    // On a portfolio with decisions the later levels get the time first, by drift: in their
    // own time they get a fraction of a second (Tyresö at 10 s), too little for drift and a
    // pass, while the steps on the first level rarely find more there. Drift keeps the time
    // to pass its own plans, and the plan it starts from is not passed again.
    let mut drifted = false;
    if problem.has_decisions() && seconds_left(deadline) >= MIN_STEP_SECONDS {
        let complete = Instant::now() < deadline;
        let passed = super::drift::Passed::after_pass(problem, schedule, pass, complete);
        (schedule, drifted) =
            super::drift::later_levels(input, passed, deadline, &settings_until(deadline));
    }
    // The steps' plan is passed again: their time ends when that pass, as long as the first
    // one, still fits.
    let steps_end = deadline
        .checked_sub(Duration::from_secs_f64(
            PASS_AGAIN_FACTOR * pass + PASS_MARGIN,
        ))
        .unwrap_or(deadline);
    let settings = settings_until(steps_end);
    if seconds_left(steps_end) < MIN_STEP_SECONDS || settings.cancelled() {
        return (schedule, drifted);
    }
    // On a portfolio with decisions the steps also keep every later level at most at the
    // plan's value: the first level is never proven there, so the steps search it, and
    // without this they bought its last gains with the later levels' (Tyresö at 10 s: 1.2 less
    // weighted lateness for 62 000 SEK more consultant spend).
    let held = if problem.has_decisions() {
        levels.len()
    } else {
        k
    };
    let holds: Vec<(Vec<(Objective, f64)>, f64)> = (0..held)
        .filter(|&i| i != k)
        .map(|i| {
            (
                levels[i].clone(),
                level_value(&levels[i], problem, &schedule),
            )
        })
        .collect();
    let search = lns::Search::new(problem, full, &levels[..=k], &holds, &schedule);
    search.lanes(steps_end, &settings);
    let run = search.into_run();
    let Some(mut better) = run.schedule else {
        return (schedule, drifted);
    };
    better.settle(problem);
    better.limit_open(problem, Some(deadline), threads);
    if super::key_less(
        &super::key(levels, problem, &better),
        &super::key(levels, problem, &schedule),
    ) && better.open_excess(problem) <= schedule.open_excess(problem)
    {
        (better, true)
    } else {
        (schedule, drifted)
    }
}

/// The MIP's settings for a step after the levels that ends at `end`: the progress shows the
/// levels' search, and such steps report nothing of their own.
fn settings_until(options: &SolveOptions, end: Instant) -> MipSettings {
    MipSettings {
        progress: None,
        ..MipSettings::from_options(options, Some(seconds_left(end)))
    }
}

/// The pass of `schedule` (`Schedule::limit_open`) in half the time left; where it leaves a
/// team over its target and the goal's last level is not proven, the orders of such teams
/// re-planned under the target (`open_repair`) with most of the other half, else the pass
/// again until the deadline. Returns the first pass's seconds.
fn pass_or_repair(input: &Finishing<'_>, schedule: &mut Schedule) -> f64 {
    let Finishing {
        problem,
        full,
        levels,
        outcomes,
        options,
        deadline,
    } = *input;
    let threads = options.threads as usize;
    let started = Instant::now();
    let half = deadline.map(|d| started + d.saturating_duration_since(started) / 2);
    schedule.limit_open(problem, half, threads);
    let pass = started.elapsed().as_secs_f64();
    let Some(deadline) = deadline else {
        return pass;
    };
    if schedule.open_excess(problem) == 0 || Instant::now() >= deadline {
        return pass;
    }
    // A team the pass left over its target may work at its capacity with runs that overlap
    // too much for any deal (Tyresö at 10 s on a slower machine: `servicedesk`, five orders
    // open in weeks 25–28): its orders there are re-planned under the target, and the new
    // plan's pass, with less to do, keeps a quarter of the time left.
    let left = deadline.saturating_duration_since(Instant::now());
    let repair_end = deadline
        .checked_sub(left.mul_f64(REPAIR_PASS_SHARE))
        .unwrap_or(deadline);
    let cancelled = options.cancel.as_ref().is_some_and(|c| c.is_cancelled());
    let may_repair = outcomes.last().is_some_and(|o| !o.optimal)
        && !cancelled
        && seconds_left(repair_end) >= MIN_STEP_SECONDS;
    let settings_until = |end: Instant| settings_until(options, end);
    let repaired = may_repair
        .then(|| {
            super::open_repair::repair(
                problem,
                full,
                levels,
                schedule,
                (repair_end, deadline),
                &settings_until,
                threads,
            )
        })
        .flatten();
    match repaired {
        Some(repaired) => *schedule = repaired,
        None => {
            schedule.limit_open(problem, Some(deadline), threads);
        }
    }
    pass
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::objective::Goal;
    use crate::solve::lns::tests::{assert_verified, greedy, portfolio};

    #[test]
    fn steps_with_the_time_the_pass_leaves_improve_the_first_level_not_proven() {
        // Without teams' targets of open orders, so that whether the steps' plan is kept
        // depends on the goal alone.
        let mut portfolio = portfolio();
        portfolio.work_rules.target_open_per_fte = None;
        let problem = crate::validate(&portfolio).unwrap();
        let full = Windows::compute(&problem, problem.periods).unwrap();
        let levels = Goal::portfolio_default().levels();
        let start = greedy(&problem, &full, &levels);
        let key = |s: &Schedule| -> Vec<f64> {
            levels.iter().map(|l| level_value(l, &problem, s)).collect()
        };
        let outcomes: Vec<LevelOutcome> = levels
            .iter()
            .map(|l| LevelOutcome {
                objectives: l.clone(),
                value: level_value(l, &problem, &start),
                bound: None,
                optimal: false,
            })
            .collect();
        let options = SolveOptions {
            threads: 2,
            ..SolveOptions::default()
        };
        let input = Finishing {
            problem: &problem,
            full: &full,
            levels: &levels,
            outcomes: &outcomes,
            options: &options,
            deadline: Some(Instant::now() + Duration::from_secs(3)),
        };
        let (plan, stepped) = finish(&input, start.clone());
        assert!(stepped, "the steps improve a greedy plan");
        assert!(crate::heuristic::lex_less(&key(&plan), &key(&start)));
        assert_verified(&portfolio, &problem, &plan);
        // Every level proven: the plan is only settled and passed.
        let proven: Vec<LevelOutcome> = outcomes
            .iter()
            .cloned()
            .map(|o| LevelOutcome { optimal: true, ..o })
            .collect();
        let only_passed = Finishing {
            outcomes: &proven,
            deadline: Some(Instant::now() + Duration::from_secs(3)),
            ..input
        };
        let (same, stepped) = finish(&only_passed, start.clone());
        assert!(!stepped);
        let mut settled = start.clone();
        settled.settle(&problem);
        settled.limit_open(&problem, None, 1);
        assert_eq!(key(&same), key(&settled));
        assert_verified(&portfolio, &problem, &same);
    }
}

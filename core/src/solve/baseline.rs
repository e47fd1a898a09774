//! Re-planning against a baseline: the go-live each order had in the plan before, and the
//! first level of the goal weighing every period of delay and every changed promise against
//! it.

use crate::model::{Portfolio, Timeline};
use crate::objective::Objective;
use crate::plan::{Plan, PlannedState};
use crate::problem::Problem;
use crate::schedule::Schedule;
use std::collections::HashMap;

/// Gives every job the baseline's go-live of its order (orders the baseline delivers, matched
/// by id) or marks it stopped there, and adds `baseline_delay` with `weight` and
/// `baseline_changes` with `change_weight` to the first level (each only when its weight is
/// above 0).
pub(super) fn apply(
    portfolio: &Portfolio,
    baseline: &Plan,
    weight: f64,
    change_weight: f64,
    problem: &mut Problem,
    levels: &mut [Vec<(Objective, f64)>],
) {
    if levels.is_empty() {
        return;
    }
    let stopped: std::collections::HashSet<&str> = baseline
        .orders
        .iter()
        .filter(|o| o.state == PlannedState::Stopped)
        .map(|o| o.id.as_str())
        .collect();
    let live: HashMap<&str, usize> = baseline
        .orders
        .iter()
        .filter(|o| matches!(o.state, PlannedState::Scheduled | PlannedState::InProgress))
        .filter_map(|o| Some((o.id.as_str(), o.go_live_period? as usize)))
        .collect();
    let mut any = false;
    for job in &mut problem.jobs {
        let id = portfolio.orders[job.order].id.as_str();
        job.baseline = live.get(id).copied();
        job.baseline_stopped = stopped.contains(id);
        any |= job.baseline.is_some() || job.baseline_stopped;
    }
    if any && weight > 0.0 {
        levels[0].push((Objective::BaselineDelay, weight));
    }
    if any && change_weight > 0.0 {
        levels[0].push((Objective::BaselineChanges, change_weight));
    }
}

/// The baseline as a schedule of `problem`, when it is a valid plan of the portfolio now (the
/// independent verifier says so) and keeps what is settled.
pub(super) fn as_first_plan(
    portfolio: &Portfolio,
    timeline: &Timeline,
    problem: &Problem,
    baseline: &Plan,
) -> Option<Schedule> {
    let s = Schedule::from_plan(portfolio, problem, baseline)?;
    if !s.keeps_fixed(problem) {
        return None;
    }
    let plan = crate::plan::build_plan(portfolio, timeline, problem, &s);
    crate::verify(portfolio, &plan).is_ok().then_some(s)
}

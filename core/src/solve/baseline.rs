//! Re-planning against a baseline: the go-live each order had in the plan before, and the
//! first level of the goal weighing every period of delay against it.

use crate::model::Portfolio;
use crate::objective::Objective;
use crate::plan::{Plan, PlannedState};
use crate::problem::Problem;
use std::collections::HashMap;

/// Gives every job the baseline's go-live of its order (orders the baseline delivers, matched
/// by id), and adds `baseline_delay` with `weight` to the first level. Nothing changes for a
/// weight of 0.
pub(super) fn apply(
    portfolio: &Portfolio,
    baseline: &Plan,
    weight: f64,
    problem: &mut Problem,
    levels: &mut [Vec<(Objective, f64)>],
) {
    if weight <= 0.0 || levels.is_empty() {
        return;
    }
    let live: HashMap<&str, usize> = baseline
        .orders
        .iter()
        .filter(|o| matches!(o.state, PlannedState::Scheduled | PlannedState::InProgress))
        .filter_map(|o| Some((o.id.as_str(), o.go_live_period? as usize)))
        .collect();
    let mut any = false;
    for job in &mut problem.jobs {
        job.baseline = live.get(portfolio.orders[job.order].id.as_str()).copied();
        any |= job.baseline.is_some();
    }
    if any {
        levels[0].push((Objective::BaselineDelay, weight));
    }
}

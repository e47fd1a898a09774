//! A lower bound of a level without a solver: from the time windows, which hold for every plan.

use super::Objective;
use crate::problem::{Job, JobWork, Problem, Window, Windows};
use crate::schedule::JobTimes;

/// A value no plan goes below on `level`: from the earliest go-live of every job in the
/// windows `w` (which hold for every plan: releases, dependencies, deadlines, pins, the fastest
/// pace with every consultant hour and the smallest scope).
///
/// With open decisions each optional order counts the cheaper of its two fates on the level:
/// stopped (its value lost, nothing else) or delivered at its earliest go-live; an order that
/// cannot be delivered counts as stopped. Consultant spend is at least the price of the hours
/// that the mandatory orders need of a team beyond all its own hours over the horizon.
///
/// Weak beside the MIP's bound, but it costs nothing to compute: it is the bound of a level
/// the MIP gives none for (a large portfolio searched by neighbourhoods, or a later level of a
/// decision portfolio that got too little time for its root).
pub(crate) fn level_lower_bound(level: &[(Objective, f64)], p: &Problem, w: &Windows) -> f64 {
    let mandatory = || {
        p.jobs
            .iter()
            .zip(&w.jobs)
            .filter(|(j, _)| j.excluded.is_none() && !j.optional)
    };
    // Makespan and consultant spend are not sums over orders: each on its own.
    let whole: f64 = level
        .iter()
        .map(|&(o, weight)| {
            weight
                * match o {
                    Objective::Makespan => {
                        mandatory().map(|(_, x)| x.eg + 1).max().unwrap_or(0) as f64
                    }
                    Objective::ConsultantCost => consultant_floor(p),
                    _ => 0.0,
                }
        })
        .sum();
    let per_order: f64 = p
        .jobs
        .iter()
        .zip(&w.jobs)
        .map(|(j, x)| {
            let stopped = order_cost(level, p, j, x, false);
            if j.excluded.is_some() {
                stopped
            } else if j.optional {
                stopped.min(order_cost(level, p, j, x, true))
            } else {
                order_cost(level, p, j, x, true)
            }
        })
        .sum();
    whole + per_order
}

/// The least the order `j` (window `x`) adds to `level` when it is delivered (at its earliest
/// go-live, over its fewest periods) or stopped; the objectives that are not sums over orders
/// add nothing here ([`Objective::of_order`]).
fn order_cost(
    level: &[(Objective, f64)],
    p: &Problem,
    j: &Job,
    x: &Window,
    delivered: bool,
) -> f64 {
    let times = if delivered {
        let fewest = match &j.work {
            JobWork::Fixed { duration, .. } => *duration,
            JobWork::Effort { min_duration, .. } => *min_duration,
        };
        JobTimes::delivered(x.es, x.es + fewest.max(1) - 1, x.eg, Vec::new())
    } else {
        JobTimes::stopped()
    };
    level
        .iter()
        .map(|&(o, weight)| weight * o.of_order(p, j, &times))
        .sum()
}

/// Consultant spend no plan goes below: for each team that can buy hours, the hours its
/// mandatory effort-driven orders need at their smallest scope beyond every own hour of the
/// horizon, at the hour's price. Orders with actual hours are left out (their hours already
/// worked are not in the own capacity).
fn consultant_floor(p: &Problem) -> f64 {
    p.external
        .iter()
        .enumerate()
        .filter_map(|(r, e)| e.as_ref().map(|e| (r, e)))
        .map(|(r, e)| {
            let need: f64 = p
                .jobs
                .iter()
                .filter(|j| j.excluded.is_none() && !j.optional && j.fixed.actuals.is_empty())
                .map(|j| match &j.work {
                    JobWork::Effort { loads, .. } => loads
                        .iter()
                        .filter(|l| l.team == r)
                        .map(|l| l.hours * j.min_scope)
                        .sum(),
                    JobWork::Fixed { .. } => 0.0,
                })
                .sum();
            let own: f64 = p.capacity[r].iter().sum();
            (need - own).max(0.0) * e.cost_per_hour
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Calendar, DependencyKind, Order, Portfolio, Team, TimePoint};
    use crate::Goal;

    /// Solves `p` on `goal` for `seconds`, verifies the plan and checks that each level's
    /// value is at or above the windows bound (and the solve's own bound too).
    fn assert_bound_holds(p: &Portfolio, goal: Goal, seconds: f64) -> Vec<f64> {
        let problem = crate::validate(p).expect("valid");
        let w = Windows::compute(&problem, problem.periods).expect("windows");
        let options = crate::SolveOptions::default()
            .with_goal(goal.clone())
            .with_time_limit(seconds);
        let out = crate::solve(p, &options).expect("solves");
        let plan = out.plan.expect("a plan");
        assert!(crate::verify(p, &plan).is_ok(), "the plan keeps every rule");
        let mut bounds = Vec::new();
        for (level, outcome) in goal.levels().iter().zip(&out.levels) {
            let b = level_lower_bound(level, &problem, &w);
            assert!(
                outcome.value >= b - 1e-9,
                "{level:?}: {} < {b}",
                outcome.value
            );
            let reported = outcome.bound.expect("every level reports a bound");
            assert!(reported <= outcome.value + 1e-9);
            bounds.push(b);
        }
        bounds
    }

    #[test]
    fn the_windows_bound_is_below_every_plan_and_above_zero_when_lateness_is_forced() {
        // `b` waits on `a` (periods 0 to 2) and is due at period 1: every plan has it live at
        // period 3 at the earliest, 2 periods late, at its weight.
        let mut p = Portfolio::new(Calendar::units(10));
        p.add_team(Team::new("dev", 1.0));
        let a = p.add_order(Order::fixed("a", 3, [("dev", 1.0)]));
        let mut b = Order::fixed("b", 1, [("dev", 1.0)]);
        b.due = Some(TimePoint::Period(1));
        let b = p.add_order(b);
        p.add_dependency(a, b, DependencyKind::FinishToStart, 0);
        let problem = crate::validate(&p).expect("valid");
        let weight = problem.jobs[1].weight;
        let bounds = assert_bound_holds(&p, Goal::single(Objective::WeightedLateness), 10.0);
        assert_eq!(
            bounds[0],
            2.0 * weight,
            "b goes live at period 3 at the earliest"
        );
    }

    #[test]
    fn an_optional_order_counts_the_cheaper_of_stopped_and_late() {
        // As above, with `b` optional: delivered it is at least 2 periods late, stopped it
        // loses its value. The bound takes the cheaper, whatever the value.
        for value in [1.0, 100.0] {
            let mut p = Portfolio::new(Calendar::units(10));
            p.add_team(Team::new("dev", 1.0));
            let a = p.add_order(Order::fixed("a", 3, [("dev", 1.0)]));
            let mut b = Order::fixed("b", 1, [("dev", 1.0)]);
            b.due = Some(TimePoint::Period(1));
            b.optional = true;
            b.value = Some(value);
            let b = p.add_order(b);
            p.add_dependency(a, b, DependencyKind::FinishToStart, 0);
            let problem = crate::validate(&p).expect("valid");
            let late = 2.0 * problem.jobs[1].weight;
            let goal = Goal::Levels(vec![vec![
                (Objective::LostValue, 1.0),
                (Objective::WeightedLateness, 1.0),
            ]]);
            let bounds = assert_bound_holds(&p, goal, 10.0);
            assert_eq!(bounds[0], late.min(value));
        }
    }

    #[test]
    fn consultant_spend_is_at_least_the_hours_beyond_the_own_capacity() {
        // 10 periods of 10 own hours, 130 hours of mandatory work: 30 hours must be bought.
        let mut p = Portfolio::new(Calendar::units(10));
        let mut dev = Team::new("dev", 10.0);
        dev.consultants = Some(crate::model::ConsultantCapacity {
            hours_per_week: 10.0,
            cost_per_hour: 100.0,
            max_hours: None,
        });
        p.add_team(dev);
        p.add_order(Order::effort("a", [("dev", 130.0)]));
        let goal = Goal::single(Objective::ConsultantCost);
        let bounds = assert_bound_holds(&p, goal, 10.0);
        assert_eq!(bounds[0], 30.0 * 100.0);
    }
}

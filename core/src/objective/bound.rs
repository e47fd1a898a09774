//! A lower bound of a level without a solver: from the time windows, which hold for every plan.

use super::capacity_floor::completion_floor;
use super::Objective;
use crate::problem::{Job, JobWork, Problem, Window, Windows};
use crate::schedule::JobTimes;

/// A value no plan goes below on `level`: from the earliest go-live of every job in the
/// windows `w` (which hold for every plan: releases, dependencies, deadlines, pins, the fastest
/// pace with every consultant hour and the smallest scope), and for weighted completion from
/// the teams' hours as well ([`completion_floor`]).
///
/// With open decisions each optional order counts the cheaper of its two fates on the level:
/// stopped (its value lost, nothing else) or delivered at its earliest go-live; an order that
/// cannot be delivered counts as stopped. Consultant spend is at least the price of the hours
/// that the orders every plan delivers need of a team beyond all its own hours over the
/// horizon.
///
/// `holds` are earlier levels kept at most at their values (empty: none): the bound is then
/// the least of plans that keep them, as the MIP's is. An optional order whose stop alone
/// would take an earlier level above its held value is delivered in every such plan.
///
/// Weak beside the MIP's bound where the MIP has one, but it costs next to nothing: it is the
/// bound of a level the MIP gives none for (a large portfolio searched by neighbourhoods, or a
/// later level of a decision portfolio that got too little time for its root), and the
/// floor under a MIP bound that is weaker still.
pub(crate) fn level_lower_bound(
    level: &[(Objective, f64)],
    p: &Problem,
    w: &Windows,
    holds: &[(Vec<(Objective, f64)>, f64)],
) -> f64 {
    let delivered = delivered_in_every_plan(p, w, holds);
    let counted = || p.jobs.iter().zip(&w.jobs).zip(&delivered);
    // Makespan and consultant spend are not sums over orders: each on its own.
    let whole: f64 = level
        .iter()
        .map(|&(o, weight)| {
            weight
                * match o {
                    Objective::Makespan => counted()
                        .filter(|(_, &d)| d)
                        .map(|((_, x), _)| x.eg + 1)
                        .max()
                        .unwrap_or(0) as f64,
                    Objective::ConsultantCost => consultant_floor(p, &delivered),
                    Objective::WeightedCompletion => {
                        // The teams' hours above the windows' earliest go-lives.
                        let windows: f64 = counted()
                            .filter(|(_, &d)| d)
                            .map(|((j, x), _)| j.weight * (x.eg + 1) as f64)
                            .sum();
                        (completion_floor(p, w, &delivered) - windows).max(0.0)
                    }
                    _ => 0.0,
                }
        })
        .sum();
    let per_order: f64 = counted()
        .map(|((j, x), &d)| {
            if d {
                order_cost(level, p, j, x, true)
            } else {
                cheaper_fate(level, p, j, x)
            }
        })
        .sum();
    // The optional orders still free cannot all take their cheaper fate when stopping them
    // costs a held level: the most the stops can save under each hold.
    let free_stops = holds
        .iter()
        .map(|(held_level, held)| free_stops_under_hold(level, p, w, &delivered, held_level, *held))
        .fold(0.0, f64::max);
    whole + per_order + free_stops
}

/// How much more than their cheaper fates the optional orders still free (neither delivered
/// in every plan nor excluded) add to `level` in every plan that keeps `held_level` at most
/// at `held`.
///
/// Stopping order `j` instead of delivering it at its earliest costs the held level `e_j`
/// more and saves `level` `g_j`. Every plan has Σ over its stops of `e_j` within the room the
/// hold leaves above all orders delivered at their earliest; the stops that save the most
/// within that room are a knapsack, whose fractional relaxation (best savings per unit of
/// room first) bounds what any plan saves. Stops that cost the hold nothing are free and
/// widen the room by what they give back.
fn free_stops_under_hold(
    level: &[(Objective, f64)],
    p: &Problem,
    w: &Windows,
    delivered: &[bool],
    held_level: &[(Objective, f64)],
    held: f64,
) -> f64 {
    let mut room = held + 1e-6 * held.abs().max(1.0);
    // (room a stop takes, what it saves) of the free orders whose stop saves something.
    let mut items: Vec<(f64, f64)> = Vec::new();
    let mut cheaper_sum = 0.0;
    let mut delivered_sum = 0.0;
    for ((j, x), &d) in p.jobs.iter().zip(&w.jobs).zip(delivered) {
        if d || j.excluded.is_some() {
            room -= order_cost(held_level, p, j, x, d);
            continue;
        }
        let held_on = order_cost(held_level, p, j, x, true);
        let take = order_cost(held_level, p, j, x, false) - held_on;
        room -= held_on;
        // A stop that lowers the held level gives its room back to the others.
        room += (-take).max(0.0);
        let on = order_cost(level, p, j, x, true);
        let off = order_cost(level, p, j, x, false);
        cheaper_sum += on.min(off);
        delivered_sum += on;
        if on > off {
            items.push((take.max(0.0), on - off));
        }
    }
    let mut room = room.max(0.0);
    items.sort_by(|a, b| (b.1 * a.0).total_cmp(&(a.1 * b.0)));
    let mut saved = 0.0;
    for (take, save) in items {
        if take <= room {
            room -= take;
            saved += save;
        } else {
            saved += save * room / take;
            break;
        }
    }
    (delivered_sum - saved - cheaper_sum).max(0.0)
}

/// Which jobs every plan delivers: the mandatory ones, and each optional one whose stop alone
/// would take a level of `holds` above its held value (the level's windows bound with that
/// order's cheaper fate replaced by its stop).
fn delivered_in_every_plan(
    p: &Problem,
    w: &Windows,
    holds: &[(Vec<(Objective, f64)>, f64)],
) -> Vec<bool> {
    let mut delivered: Vec<bool> = p
        .jobs
        .iter()
        .map(|j| j.excluded.is_none() && !j.optional)
        .collect();
    for (level, held) in holds {
        let fates: Vec<f64> = p
            .jobs
            .iter()
            .zip(&w.jobs)
            .map(|(j, x)| cheaper_fate(level, p, j, x))
            .collect();
        let floor: f64 = fates.iter().sum();
        let room = held + 1e-6 * held.abs().max(1.0);
        for (k, (j, x)) in p.jobs.iter().zip(&w.jobs).enumerate() {
            if j.optional && j.excluded.is_none() {
                let stopped = order_cost(level, p, j, x, false);
                delivered[k] |= floor - fates[k] + stopped > room;
            }
        }
    }
    delivered
}

/// The least the job adds to `level` whichever fate it gets: stopped if it cannot be
/// delivered, delivered if it must be, else the cheaper of the two.
fn cheaper_fate(level: &[(Objective, f64)], p: &Problem, j: &Job, x: &Window) -> f64 {
    let stopped = order_cost(level, p, j, x, false);
    if j.excluded.is_some() {
        stopped
    } else if j.optional {
        stopped.min(order_cost(level, p, j, x, true))
    } else {
        order_cost(level, p, j, x, true)
    }
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
/// effort-driven orders that are `delivered` in every plan need at their smallest scope
/// beyond every own hour of the horizon, at the hour's price. Orders with actual hours are
/// left out (their hours already worked are not in the own capacity).
fn consultant_floor(p: &Problem, delivered: &[bool]) -> f64 {
    p.external
        .iter()
        .enumerate()
        .filter_map(|(r, e)| e.as_ref().map(|e| (r, e)))
        .map(|(r, e)| {
            let need: f64 = p
                .jobs
                .iter()
                .zip(delivered)
                .filter(|(j, &d)| d && j.fixed.actuals.is_empty())
                .map(|(j, _)| j)
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
            let b = level_lower_bound(level, &problem, &w, &[]);
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

    #[test]
    fn a_team_cannot_finish_all_its_orders_at_once() {
        // Three orders of 30 h on a team of 10 h a period: each could end in period 2 alone
        // (windows: 3 × 3 = 9), but together they end in periods 2, 5 and 8 at the earliest.
        let mut p = Portfolio::new(Calendar::units(20));
        p.add_team(Team::new("dev", 10.0));
        for id in ["a", "b", "c"] {
            p.add_order(Order::effort(id, [("dev", 30.0)]));
        }
        let problem = crate::validate(&p).expect("valid");
        let weight = problem.jobs[0].weight;
        let bounds = assert_bound_holds(&p, Goal::single(Objective::WeightedCompletion), 10.0);
        assert_eq!(bounds[0], (3.0 + 6.0 + 9.0) * weight);
    }

    #[test]
    fn a_held_level_limits_which_optional_orders_a_later_level_may_stop() {
        // Three optional orders of 10 h on a team of 10 h a period, valued 10, 10 and 25.
        // With lost value held at 10, every plan delivers `c` (its stop alone loses 25) and
        // stops at most one of `a` and `b`: weighted completion is at least two orders live
        // (in periods 0 and 1 in fact; the bound counts both at 0, as the teams' floor covers
        // only the orders every plan delivers).
        let mut p = Portfolio::new(Calendar::units(10));
        p.add_team(Team::new("dev", 10.0));
        for (id, value) in [("a", 10.0), ("b", 10.0), ("c", 25.0)] {
            let mut o = Order::effort(id, [("dev", 10.0)]);
            o.optional = true;
            o.value = Some(value);
            p.add_order(o);
        }
        let problem = crate::validate(&p).expect("valid");
        let weight = problem.jobs[0].weight;
        let w = Windows::compute(&problem, problem.periods).expect("windows");
        let completion = [(Objective::WeightedCompletion, 1.0)];
        let lost = vec![(Objective::LostValue, 1.0)];
        assert_eq!(level_lower_bound(&completion, &problem, &w, &[]), 0.0);
        // The hold's own float slack (a millionth) lets a millionth more be stopped.
        let held = |v: f64, expected: f64, why: &str| {
            let b = level_lower_bound(&completion, &problem, &w, &[(lost.clone(), v)]);
            assert!((b - expected).abs() < 1e-4, "{why}: {b} against {expected}");
        };
        held(10.0, 2.0 * weight, "c delivered, one of a and b");
        held(
            15.0,
            1.5 * weight,
            "c delivered, and one and a half stops fit the room",
        );
        held(
            5.0,
            6.0 * weight,
            "no stop fits: all three, live in periods 0, 1 and 2",
        );
        held(50.0, 0.0, "everything may stop");
        // The bound holds for the plans themselves: lost value first, then completion.
        let goal = Goal::Levels(vec![lost, completion.to_vec()]);
        let bounds = assert_bound_holds(&p, goal, 10.0);
        assert!(bounds[1] <= (1.0 + 2.0 + 3.0) * weight);
    }

    #[test]
    fn the_bounds_under_holds_stay_below_proven_optima() {
        // Small portfolios of optional and mandatory orders with due dates, two teams, solved
        // to proven optimality on lost value and lateness, then weighted completion and work
        // in progress: each level's bound, given the levels before it held at their values,
        // is at or below the optimum the MIP proved.
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed % n
        };
        // The default goal of a portfolio with decisions.
        let goal = Goal::steering();
        let mut proven = 0;
        for case in 0..24 {
            let mut p = Portfolio::new(Calendar::units(12));
            for team in ["dev", "ops"] {
                let mut t = Team::new(team, 10.0 + next(10) as f64);
                if next(2) == 0 {
                    t.consultants = Some(crate::model::ConsultantCapacity {
                        hours_per_week: 5.0,
                        cost_per_hour: 100.0,
                        max_hours: None,
                    });
                }
                p.add_team(t);
            }
            for k in 0..5 {
                let mut o = Order::effort(
                    format!("o{k}"),
                    [("dev", 5.0 + next(30) as f64), ("ops", next(20) as f64)],
                );
                o.due = Some(TimePoint::Period(1 + next(8) as u32));
                if next(2) == 0 {
                    o.optional = true;
                    o.value = Some(1.0 + next(40) as f64);
                }
                p.add_order(o);
            }
            let problem = crate::validate(&p).expect("valid");
            let w = Windows::compute(&problem, problem.periods).expect("windows");
            let options = crate::SolveOptions::default()
                .with_goal(goal.clone())
                .with_gap(0.0)
                .with_time_limit(20.0);
            let out = crate::solve(&p, &options).expect("solves");
            let plan = out.plan.expect("a plan");
            assert!(
                crate::verify(&p, &plan).is_ok(),
                "case {case}: a valid plan"
            );
            let mut holds = Vec::new();
            for (level, outcome) in goal.levels().iter().zip(&out.levels) {
                let b = level_lower_bound(level, &problem, &w, &holds);
                if outcome.optimal {
                    proven += 1;
                    assert!(
                        b <= outcome.value + 1e-6,
                        "case {case}, {level:?}: bound {b} above the optimum {}",
                        outcome.value
                    );
                }
                holds.push((level.clone(), outcome.value));
            }
        }
        assert!(proven >= 48, "most levels proven optimal ({proven} of 72)");
    }
}

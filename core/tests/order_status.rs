//! Orders in progress and done, deadlines and due dates.

mod common;
use common::{optimal, opts, solve_verified};
use leverans::{
    Calendar, Goal, Objective, Order, OrderStatus, Portfolio, SolveOptions, Status, Team, TimePoint,
};

#[test]
fn in_progress_orders_run_from_the_first_period_and_done_orders_take_nothing() {
    let mut p = Portfolio::new(Calendar::units(10));
    p.add_team(Team::new("dev", 10.0));
    p.add_team(Team::new("qa", 1.0));
    let mut a = Order::fixed("a", 2, [("dev", 10.0)]);
    a.status = OrderStatus::InProgress;
    let mut e = Order::effort("e", [("dev", 30.0)]);
    e.status = OrderStatus::InProgress;
    e.effort[0].max_hours_per_week = Some(10.0);
    let mut c = Order::fixed("c", 5, [("dev", 10.0)]);
    c.status = OrderStatus::Done;
    let a = p.add_order(a);
    let b = p.add_order(Order::fixed("b", 1, [("qa", 1.0)]));
    let c = p.add_order(c);
    p.add_order(e);
    p.add_dependency(a, b, leverans::DependencyKind::FinishToStart, 0);
    p.add_dependency(c, b, leverans::DependencyKind::FinishToStart, 0);
    let out = optimal(&p, Objective::Makespan);
    let plan = out.plan.unwrap();
    assert_eq!(plan.order("a").unwrap().start_period, Some(0));
    assert_eq!(
        plan.order("a").unwrap().state,
        leverans::plan::PlannedState::InProgress
    );
    assert_eq!(
        plan.order("c").unwrap().state,
        leverans::plan::PlannedState::Done
    );
    assert!(plan.order("c").unwrap().work.is_empty());
    // a holds the whole team in periods 0-1, so e can only work from period 2: 30 h at 10 h.
    assert_eq!(plan.order("e").unwrap().start_period, Some(0));
    assert_eq!(plan.order("e").unwrap().finish_period, Some(4));
    assert_eq!(plan.order("b").unwrap().start_period, Some(2));
}

#[test]
fn a_hard_deadline_decides_the_order_of_work() {
    let mut p = Portfolio::new(Calendar::units(10));
    p.add_team(Team::new("dev", 1.0));
    p.add_order(Order::fixed("a", 3, [("dev", 1.0)]));
    let mut b = Order::fixed("b", 2, [("dev", 1.0)]);
    b.deadline = Some(TimePoint::Period(2));
    p.add_order(b);
    // Without the deadline, weighted completion would put b first anyway; use makespan and
    // weigh a heavily to make the deadline the deciding rule.
    p.orders[0].weight = Some(100.0);
    let out = optimal(&p, Objective::WeightedCompletion);
    let plan = out.plan.unwrap();
    assert!(plan.order("b").unwrap().go_live_period.unwrap() <= 2);
    assert_eq!(plan.order("a").unwrap().start_period, Some(2));
}

#[test]
fn weighted_tardiness_is_minimised_exactly() {
    let mut p = Portfolio::new(Calendar::units(10));
    p.add_team(Team::new("dev", 1.0));
    let mut a = Order::fixed("a", 2, [("dev", 1.0)]);
    a.due = Some(TimePoint::Period(1));
    a.weight = Some(1.0);
    let mut b = Order::fixed("b", 1, [("dev", 1.0)]);
    b.due = Some(TimePoint::Period(0));
    b.weight = Some(3.0);
    let mut c = Order::fixed("c", 2, [("dev", 1.0)]);
    c.due = Some(TimePoint::Period(4));
    c.weight = Some(1.0);
    p.add_order(a);
    p.add_order(b);
    p.add_order(c);
    let out = optimal(&p, Objective::WeightedLateness);
    // b first (on time), then a (one period late), then c (on time).
    assert_eq!(out.objective, Some(1.0));
    let plan = out.plan.unwrap();
    assert_eq!(plan.order("a").unwrap().lateness, 1);
    assert_eq!(plan.summary.orders_late, 1);
}

#[test]
fn deadlines_that_cannot_all_be_met_give_status_infeasible() {
    let mut p = Portfolio::new(Calendar::units(10));
    p.add_team(Team::new("dev", 1.0));
    for id in ["a", "b"] {
        let mut o = Order::fixed(id, 2, [("dev", 1.0)]);
        o.deadline = Some(TimePoint::Period(2));
        p.add_order(o);
    }
    let out = solve_verified(&p, &opts(Objective::Makespan));
    assert_eq!(out.status, Status::Infeasible);
    assert!(out.plan.is_none());
}

#[test]
fn a_deadline_before_the_dependency_chain_can_end_is_infeasible_with_a_reason() {
    let mut p = Portfolio::new(Calendar::units(10));
    p.add_team(Team::new("dev", 5.0));
    let a = p.add_order(Order::fixed("net", 4, [("dev", 1.0)]));
    let mut b = Order::fixed("school-admin", 3, [("dev", 1.0)]);
    b.deadline = Some(TimePoint::Period(5));
    let b = p.add_order(b);
    p.add_dependency(a, b, leverans::DependencyKind::FinishToStart, 0);
    let out = solve_verified(&p, &opts(Objective::Makespan));
    assert_eq!(out.status, Status::Infeasible);
    let reason = out.reason.unwrap();
    assert!(
        reason.contains("school-admin") || reason.contains("net"),
        "{reason}"
    );
}

#[test]
fn lexicographic_levels_keep_the_first_level_and_improve_the_second() {
    let mut p = Portfolio::new(Calendar::units(12));
    p.add_team(Team::new("dev", 1.0));
    let mut a = Order::fixed("a", 2, [("dev", 1.0)]);
    a.due = Some(TimePoint::Period(5));
    p.add_order(a);
    let mut b = Order::fixed("b", 2, [("dev", 1.0)]);
    b.due = Some(TimePoint::Period(5));
    p.add_order(b);
    p.add_order(Order::fixed("c", 1, [("dev", 1.0)]));
    let options = SolveOptions::default()
        .with_goal(Goal::Lexicographic(vec![
            Objective::WeightedLateness,
            Objective::Makespan,
        ]))
        .with_time_limit(30.0);
    let out = solve_verified(&p, &options);
    assert_eq!(out.status, Status::Optimal);
    assert_eq!(out.levels.len(), 2);
    assert_eq!(out.levels[0].value, 0.0);
    assert_eq!(out.levels[1].value, 5.0);
}

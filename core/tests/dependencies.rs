//! Each dependency kind with lags, on hand-checkable instances.

mod common;
use common::optimal;
use leverans::{Calendar, DependencyKind, Objective, Order, Portfolio, Team};

fn two_orders(a: Order, b: Order, kind: DependencyKind, lag: i32) -> Portfolio {
    let mut p = Portfolio::new(Calendar::units(20));
    p.add_team(Team::new("dev", 10.0));
    let a = p.add_order(a);
    let b = p.add_order(b);
    p.add_dependency(a, b, kind, lag);
    p
}

fn start_of(out: &leverans::Outcome, id: &str) -> u32 {
    out.plan
        .as_ref()
        .unwrap()
        .order(id)
        .unwrap()
        .start_period
        .unwrap()
}

fn finish_of(out: &leverans::Outcome, id: &str) -> u32 {
    out.plan
        .as_ref()
        .unwrap()
        .order(id)
        .unwrap()
        .finish_period
        .unwrap()
}

#[test]
fn finish_to_start_with_lag() {
    let p = two_orders(
        Order::fixed("a", 2, [("dev", 1.0)]),
        Order::fixed("b", 1, [("dev", 1.0)]),
        DependencyKind::FinishToStart,
        2,
    );
    let out = optimal(&p, Objective::Makespan);
    assert_eq!(start_of(&out, "b"), 4);
    assert_eq!(out.objective, Some(5.0));
}

#[test]
fn finish_to_start_with_lead() {
    let p = two_orders(
        Order::fixed("a", 3, [("dev", 1.0)]),
        Order::fixed("b", 2, [("dev", 1.0)]),
        DependencyKind::FinishToStart,
        -1,
    );
    let out = optimal(&p, Objective::Makespan);
    assert_eq!(start_of(&out, "b"), 2);
    assert_eq!(out.objective, Some(4.0));
}

#[test]
fn start_to_start_with_lag() {
    let p = two_orders(
        Order::fixed("a", 3, [("dev", 1.0)]),
        Order::fixed("b", 3, [("dev", 1.0)]),
        DependencyKind::StartToStart,
        1,
    );
    let out = optimal(&p, Objective::Makespan);
    assert_eq!(start_of(&out, "b"), 1);
    assert_eq!(out.objective, Some(4.0));
}

#[test]
fn finish_to_finish_with_lag() {
    let p = two_orders(
        Order::fixed("a", 2, [("dev", 1.0)]),
        Order::fixed("b", 1, [("dev", 1.0)]),
        DependencyKind::FinishToFinish,
        2,
    );
    let out = optimal(&p, Objective::Makespan);
    assert_eq!(finish_of(&out, "b"), 3);
    assert_eq!(out.objective, Some(4.0));
}

#[test]
fn finish_to_finish_between_effort_orders() {
    let mut a = Order::effort("a", [("dev", 10.0)]);
    a.effort[0].max_hours_per_week = Some(5.0);
    let b = Order::effort("b", [("dev", 5.0)]);
    let p = two_orders(a, b, DependencyKind::FinishToFinish, 1);
    let out = optimal(&p, Objective::Makespan);
    assert_eq!(finish_of(&out, "a"), 1);
    assert_eq!(finish_of(&out, "b"), 2);
}

#[test]
fn capacity_serialises_independent_orders() {
    let mut p = Portfolio::new(Calendar::units(10));
    p.add_team(Team::new("dev", 2.0));
    p.add_order(Order::fixed("a", 2, [("dev", 2.0)]));
    p.add_order(Order::fixed("b", 3, [("dev", 1.0)]));
    p.add_order(Order::fixed("c", 3, [("dev", 1.0)]));
    let out = optimal(&p, Objective::Makespan);
    assert_eq!(out.objective, Some(5.0));
}

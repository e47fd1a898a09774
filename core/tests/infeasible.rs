//! Why a portfolio has no plan: the clashing deadlines are named, and each way out the
//! diagnosis offers (move these deadlines, add these hours, or drop these orders) gives a
//! plan when applied.

mod common;

use common::planned;
use leverans::analysis::{Infeasibility, RelaxationKind};
use leverans::{
    solve, Calendar, CapacityOverride, Order, Portfolio, SolveOptions, Status, Team, TimePoint,
};

fn options() -> SolveOptions {
    SolveOptions::default().with_time_limit(20.0)
}

/// `a` (40 h) and `b` (30 h) both due by period 3 on a team of 10 h a period: 70 h of work,
/// 40 h of time. `c` has no deadline.
fn clash() -> Portfolio {
    let mut p = Portfolio::new(Calendar::units(12));
    p.add_team(Team::new("dev", 10.0));
    for (id, h) in [("a", 40.0), ("b", 30.0)] {
        let mut o = Order::effort(id, [("dev", h)]);
        o.deadline = Some(TimePoint::Period(3));
        p.add_order(o);
    }
    p.add_order(Order::effort("c", [("dev", 10.0)]));
    p
}

fn diagnosis(p: &Portfolio) -> Infeasibility {
    let out = solve(p, &options()).expect("a valid portfolio");
    assert_eq!(out.status, Status::Infeasible);
    let reason = out.reason.clone().expect("a reason");
    let why = out
        .infeasibility
        .unwrap_or_else(|| panic!("no diagnosis: {reason}"));
    assert!(reason.contains(&why.conflict), "{reason}");
    why
}

#[test]
fn two_clashing_deadlines_are_named_with_the_team_and_its_hours() {
    let why = diagnosis(&clash());
    let mut orders = why.orders.clone();
    orders.sort();
    assert_eq!(orders, ["a", "b"], "{why:#?}");
    assert!(
        why.conflict.contains("`a`") && why.conflict.contains("`b`"),
        "{}",
        why.conflict
    );
    assert!(
        why.conflict.contains("need 70 h of `dev`, which has 40 h"),
        "{}",
        why.conflict
    );
    // The least move: 70 h at 10 h a period need periods 0-6, so the later of the two ends in
    // period 6, three periods past its deadline, and the other stays on time.
    let moves: Vec<_> = why
        .relaxations
        .iter()
        .filter(|r| r.kind == RelaxationKind::MoveDeadline)
        .collect();
    assert_eq!(moves.len(), 1, "{moves:#?}");
    assert_eq!(moves[0].periods, Some(3));
    // Or 30 more hours of dev by period 3.
    let hours: Vec<_> = why
        .relaxations
        .iter()
        .filter(|r| r.kind == RelaxationKind::AddHours)
        .collect();
    assert_eq!(hours.len(), 1, "{hours:#?}");
    assert_eq!(hours[0].team.as_deref(), Some("dev"));
    assert!((hours[0].hours.unwrap() - 30.0).abs() < 1e-6);
}

#[test]
fn moving_the_deadlines_it_names_gives_a_plan() {
    let mut p = clash();
    let why = diagnosis(&p);
    for r in why
        .relaxations
        .iter()
        .filter(|r| r.kind == RelaxationKind::MoveDeadline)
    {
        let id = r.order.as_deref().unwrap();
        let o = p.orders.iter_mut().find(|o| o.id == id).unwrap();
        o.deadline = Some(TimePoint::Period(r.new_deadline.unwrap()));
    }
    let (out, _) = planned(&p, &options());
    assert!(matches!(out.status, Status::Optimal | Status::Feasible));
}

#[test]
fn adding_the_hours_it_names_gives_a_plan() {
    let mut p = clash();
    let why = diagnosis(&p);
    for r in why
        .relaxations
        .iter()
        .filter(|r| r.kind == RelaxationKind::AddHours)
    {
        let team = p
            .teams
            .iter_mut()
            .find(|t| Some(t.id.as_str()) == r.team.as_deref())
            .unwrap();
        let base = team.hours_per_week;
        for &(t, h) in &r.hours_by_period {
            team.capacity_overrides.push(CapacityOverride {
                from: TimePoint::Period(t),
                to: TimePoint::Period(t),
                factor: None,
                hours_per_week: Some(base + h),
            });
        }
    }
    let (out, plan) = planned(&p, &options());
    assert!(matches!(out.status, Status::Optimal | Status::Feasible));
    for id in ["a", "b"] {
        assert!(plan.order(id).unwrap().go_live_period.unwrap() <= 3);
    }
}

#[test]
fn dropping_the_orders_it_names_gives_a_plan() {
    let mut p = clash();
    // `b` matters less: it is the one to drop.
    p.orders[1].priority = leverans::Priority::Low;
    let why = diagnosis(&p);
    let drops: Vec<&str> = why
        .relaxations
        .iter()
        .filter(|r| r.kind == RelaxationKind::DropOrder)
        .map(|r| r.order.as_deref().unwrap())
        .collect();
    assert_eq!(drops, ["b"], "{why:#?}");
    assert!(
        why.summary().contains("take `b` off the list"),
        "{}",
        why.summary()
    );
    p.orders.retain(|o| !drops.contains(&o.id.as_str()));
    p.dependencies
        .retain(|d| !drops.contains(&d.from.as_str()) && !drops.contains(&d.to.as_str()));
    let (out, plan) = planned(&p, &options());
    assert!(matches!(out.status, Status::Optimal | Status::Feasible));
    assert!(plan.order("a").unwrap().go_live_period.unwrap() <= 3);
}

#[test]
fn a_portfolio_without_deadlines_gets_no_deadline_diagnosis() {
    // Infeasible for another reason: a freeze window over the whole horizon.
    let mut p = Portfolio::new(Calendar::units(4));
    p.add_team(Team::new("dev", 10.0));
    p.add_order(Order::effort("a", [("dev", 10.0)]));
    p.add_freeze_window(leverans::FreezeWindow {
        name: "all year".into(),
        from: TimePoint::Period(0),
        to: TimePoint::Period(3),
    });
    match solve(&p, &options()) {
        Ok(out) => {
            assert_eq!(out.status, Status::Infeasible);
            assert!(out.infeasibility.is_none());
            assert!(out.reason.is_some());
        }
        // Or the check already refuses it; either way, no deadline is blamed.
        Err(e) => assert!(e.to_string().contains("freeze"), "{e}"),
    }
}

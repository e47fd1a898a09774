//! Portfolio decisions: optional orders, scope reduction, consultants and budgets, orderer
//! shares, groups, release trains, and the lexicographic order of result, time and cost.

mod common;
use common::solve_verified;
use leverans::plan::{Plan, PlannedState};
use leverans::{
    Budget, BudgetSpan, Calendar, ConsultantCapacity, Goal, GroupKind, Objective, Order,
    OrderGroup, OrdererShare, Portfolio, ReleaseTrain, SolveOptions, Status, Team, TimePoint,
};

fn goal(objectives: &[Objective]) -> SolveOptions {
    SolveOptions::default()
        .with_goal(Goal::Lexicographic(objectives.to_vec()))
        .with_time_limit(60.0)
}

fn plan_of(p: &Portfolio, options: &SolveOptions) -> Plan {
    let out = solve_verified(p, options);
    assert_eq!(out.status, Status::Optimal, "{out:#?}");
    out.plan.expect("a plan")
}

fn state(plan: &Plan, id: &str) -> PlannedState {
    plan.order(id).expect("the order is in the plan").state
}

fn effort(id: &str, team: &str, hours: f64, max_per_week: f64) -> Order {
    let mut o = Order::effort(id, [(team, hours)]);
    o.effort[0].max_hours_per_week = Some(max_per_week);
    o
}

/// One team of 10 h a period over 4 periods, consultants at 100 an hour up to 10 h a period.
/// `must` fills the team's own hours by its deadline; `extra` (optional, value 100) fits only
/// with consultants.
fn consultant_case(budget: Option<f64>) -> Portfolio {
    let mut p = Portfolio::new(Calendar::units(4));
    let mut dev = Team::new("dev", 10.0);
    dev.consultants = Some(ConsultantCapacity {
        hours_per_week: 10.0,
        cost_per_hour: 100.0,
        max_hours: None,
    });
    p.add_team(dev);
    let mut must = effort("must", "dev", 40.0, 10.0);
    must.deadline = Some(TimePoint::Period(3));
    p.add_order(must);
    let mut extra = effort("extra", "dev", 20.0, 10.0);
    extra.optional = true;
    extra.value = Some(100.0);
    p.add_order(extra);
    if let Some(amount) = budget {
        p.budgets.push(Budget {
            per: BudgetSpan::Total,
            amount,
        });
    }
    p
}

#[test]
fn consultants_are_bought_when_value_comes_first() {
    let plan = plan_of(
        &consultant_case(None),
        &SolveOptions::default().with_goal(Goal::result_time_cost()),
    );
    assert_eq!(state(&plan, "extra"), PlannedState::Scheduled);
    assert!(
        (plan.summary.consultant_hours - 20.0).abs() < 1e-6,
        "{:?}",
        plan.summary
    );
    assert!((plan.summary.consultant_cost - 2000.0).abs() < 1e-6);
}

#[test]
fn a_binding_budget_stops_the_order_it_cannot_pay_for() {
    let plan = plan_of(
        &consultant_case(Some(1000.0)),
        &SolveOptions::default().with_goal(Goal::result_time_cost()),
    );
    assert_eq!(state(&plan, "extra"), PlannedState::Stopped);
    assert_eq!(plan.summary.orders_stopped, 1);
    assert!(plan.budgets.iter().all(|b| b.spent <= b.amount + 1e-6));
}

#[test]
fn the_lexicographic_order_changes_the_answer() {
    let p = consultant_case(None);
    let value_first = plan_of(
        &p,
        &goal(&[Objective::LostValue, Objective::ConsultantCost]),
    );
    let cost_first = plan_of(
        &p,
        &goal(&[Objective::ConsultantCost, Objective::LostValue]),
    );
    assert_eq!(state(&value_first, "extra"), PlannedState::Scheduled);
    assert_eq!(state(&cost_first, "extra"), PlannedState::Stopped);
    assert_eq!(cost_first.summary.consultant_cost, 0.0);
}

#[test]
fn scope_reduction_beats_stopping() {
    let mut p = Portfolio::new(Calendar::units(2));
    p.add_team(Team::new("dev", 10.0));
    let mut o = effort("report", "dev", 30.0, 10.0);
    o.optional = true;
    o.value = Some(90.0);
    o.min_scope = Some(0.5);
    p.add_order(o);
    let plan = plan_of(&p, &goal(&[Objective::LostValue]));
    let po = plan.order("report").unwrap();
    assert_eq!(po.decision(), "reduced");
    assert!((po.scope - 2.0 / 3.0).abs() < 1e-6, "scope {}", po.scope);
    assert!((plan.summary.value_delivered - 60.0).abs() < 1e-6);
}

#[test]
fn a_binding_orderer_share_changes_the_selection() {
    let mut p = Portfolio::new(Calendar::units(4));
    p.add_team(Team::new("dev", 10.0));
    for (id, orderer, value) in [("a1", "A", 100.0), ("a2", "A", 100.0), ("b1", "B", 50.0)] {
        let mut o = effort(id, "dev", 20.0, 10.0);
        o.optional = true;
        o.value = Some(value);
        o.orderer = orderer.into();
        p.add_order(o);
    }
    let free = plan_of(&p, &goal(&[Objective::LostValue]));
    assert_eq!(state(&free, "b1"), PlannedState::Stopped);
    p.orderer_shares.push(OrdererShare {
        orderer: "A".into(),
        min_share: None,
        max_share: Some(0.5),
    });
    let shared = plan_of(&p, &goal(&[Objective::LostValue]));
    assert_eq!(state(&shared, "b1"), PlannedState::Scheduled);
    assert!((shared.summary.value_delivered - 150.0).abs() < 1e-6);
}

#[test]
fn groups_tie_selections_together() {
    let base = || {
        let mut p = Portfolio::new(Calendar::units(4));
        p.add_team(Team::new("dev", 10.0));
        for (id, hours, value) in [("x", 20.0, 100.0), ("y", 20.0, 10.0), ("z", 20.0, 60.0)] {
            let mut o = effort(id, "dev", hours, 10.0);
            o.optional = true;
            o.value = Some(value);
            p.add_order(o);
        }
        p
    };
    // Room for two of three: x and z without rules.
    let plan = plan_of(&base(), &goal(&[Objective::LostValue]));
    assert_eq!(state(&plan, "y"), PlannedState::Stopped);
    // x requires y: x + y (110) beats z alone or z + y (70).
    let mut p = base();
    p.groups.push(OrderGroup {
        name: "x needs y".into(),
        kind: GroupKind::Requires,
        orders: vec!["x".into(), "y".into()],
    });
    let plan = plan_of(&p, &goal(&[Objective::LostValue]));
    assert_eq!(state(&plan, "z"), PlannedState::Stopped);
    // At most one of x and z: x + y.
    let mut p = base();
    p.groups.push(OrderGroup {
        name: String::new(),
        kind: GroupKind::AtMostOne,
        orders: vec!["x".into(), "z".into()],
    });
    let plan = plan_of(&p, &goal(&[Objective::LostValue]));
    assert_eq!(state(&plan, "y"), PlannedState::Scheduled);
    // All or none of y and z: x with neither (100) beats y + z (70).
    let mut p = base();
    p.groups.push(OrderGroup {
        name: String::new(),
        kind: GroupKind::AllOrNone,
        orders: vec!["y".into(), "z".into()],
    });
    let plan = plan_of(&p, &goal(&[Objective::LostValue]));
    assert_eq!(state(&plan, "x"), PlannedState::Scheduled);
    assert_eq!(state(&plan, "y"), PlannedState::Stopped);
    assert_eq!(state(&plan, "z"), PlannedState::Stopped);
}

#[test]
fn an_order_that_cannot_be_delivered_in_time_is_stopped_with_a_reason() {
    let mut p = Portfolio::new(Calendar::units(4));
    p.add_team(Team::new("dev", 10.0));
    let mut late = effort("late", "dev", 30.0, 10.0);
    late.optional = true;
    late.release = Some(TimePoint::Period(2));
    p.add_order(late);
    p.add_order(effort("core", "dev", 10.0, 10.0));
    let plan = plan_of(
        &p,
        &goal(&[Objective::LostValue, Objective::WeightedCompletion]),
    );
    let po = plan.order("late").unwrap();
    assert_eq!(po.state, PlannedState::Stopped);
    assert!(
        po.reason
            .as_deref()
            .unwrap_or("")
            .contains("cannot be delivered"),
        "{po:?}"
    );
}

#[test]
fn go_live_happens_only_on_release_train_dates() {
    let mut p = Portfolio::new(Calendar::weeks(
        "2014-03-03".parse().unwrap(),
        "2014-04-27".parse().unwrap(),
    ));
    p.add_team(Team::new("dev", 40.0));
    p.add_order(effort("a", "dev", 40.0, 40.0));
    p.add_order(effort("b", "dev", 40.0, 40.0));
    p.release_train = Some(ReleaseTrain::every_second_week(
        "2014-03-11".parse().unwrap(),
        "2014-04-22".parse().unwrap(),
        Some(1),
    ));
    let plan = plan_of(&p, &goal(&[Objective::WeightedCompletion]));
    let dates: Vec<_> = p.release_train.as_ref().unwrap().dates.clone();
    for id in ["a", "b"] {
        let g = plan.order(id).unwrap().go_live.unwrap();
        assert!(
            dates.contains(&TimePoint::Date(g)),
            "{id} goes live {g}, not a train date"
        );
    }
    assert_ne!(
        plan.order("a").unwrap().go_live,
        plan.order("b").unwrap().go_live
    );
}

mod exhaustive {
    //! On small generated cases, the orders chosen match an exhaustive search over every subset
    //! of the optional orders (each subset's feasibility decided by solving it with all its
    //! orders mandatory).
    use super::*;
    use proptest::prelude::*;

    fn case() -> impl Strategy<Value = Portfolio> {
        let order = (
            2.0f64..12.0,
            1.0f64..4.0,
            1u32..6,
            prop::option::of(1u32..6),
            any::<bool>(),
        );
        (1.0f64..4.0, prop::collection::vec(order, 2..5)).prop_map(|(cap, orders)| {
            let mut p = Portfolio::new(Calendar::units(6));
            p.add_team(Team::new("dev", cap.round()));
            for (k, (hours, rate, value, deadline, optional)) in orders.into_iter().enumerate() {
                let mut o = effort(&format!("o{k}"), "dev", hours.round(), rate.round());
                o.value = Some(value as f64 * 10.0);
                o.deadline = deadline.map(TimePoint::Period);
                o.optional = optional;
                p.add_order(o);
            }
            p
        })
    }

    fn feasible(p: &Portfolio, keep: &[bool]) -> bool {
        let mut q = p.clone();
        q.orders = p
            .orders
            .iter()
            .zip(keep)
            .filter(|(_, k)| **k)
            .map(|(o, _)| o.clone())
            .collect();
        for o in &mut q.orders {
            o.optional = false;
        }
        match leverans::solve(&q, &goal(&[Objective::Makespan])) {
            Ok(out) => {
                assert!(
                    matches!(out.status, Status::Optimal | Status::Infeasible),
                    "{:?}",
                    out.status
                );
                out.status == Status::Optimal
            }
            Err(_) => false,
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 24, .. ProptestConfig::default() })]
        #[test]
        fn selection_matches_exhaustive_search(p in case()) {
            let optional: Vec<usize> = (0..p.orders.len()).filter(|&k| p.orders[k].optional).collect();
            let mut best: Option<f64> = None;
            for mask in 0u32..(1 << optional.len()) {
                let keep: Vec<bool> = (0..p.orders.len())
                    .map(|k| optional.iter().position(|&o| o == k).is_none_or(|i| mask & (1 << i) != 0))
                    .collect();
                if feasible(&p, &keep) {
                    let lost: f64 = (0..p.orders.len()).filter(|&k| !keep[k]).map(|k| p.orders[k].effective_value()).sum();
                    best = Some(best.map_or(lost, |b: f64| b.min(lost)));
                }
            }
            let validated = leverans::validate(&p);
            let out = match leverans::solve(&p, &goal(&[Objective::LostValue])) {
                Ok(out) => out,
                Err(leverans::Error::Invalid(r)) => {
                    // Only mandatory work that cannot fit is rejected; then no subset is feasible.
                    prop_assert!(best.is_none(), "rejected input {r} but a subset is feasible");
                    return Ok(());
                }
                Err(e) => panic!("solve failed: {e}"),
            };
            let _ = validated;
            if let Some(plan) = &out.plan {
                let report = leverans::verify(&p, plan);
                prop_assert!(report.is_ok(), "{report}");
            }
            match best {
                None => prop_assert_eq!(out.status, Status::Infeasible),
                Some(b) => {
                    prop_assert_eq!(out.status, Status::Optimal);
                    prop_assert!((out.objective.unwrap() - b).abs() < 1e-6, "solver {:?} vs exhaustive {b}", out.objective);
                }
            }
        }
    }
}

#[test]
fn a_stopped_order_gets_a_reason_true_for_the_goal_used() {
    let p = consultant_case(Some(1000.0));
    let reason = |options: &SolveOptions| {
        let plan = plan_of(&p, options);
        assert_eq!(state(&plan, "extra"), PlannedState::Stopped);
        plan.order("extra")
            .unwrap()
            .reason
            .clone()
            .expect("a reason")
    };
    let strict = reason(&SolveOptions::default().with_goal(Goal::result_time_cost()));
    assert!(strict.contains("orders of more value"), "{strict}");
    // The default for decision portfolios weighs value against lateness.
    let steering = reason(&SolveOptions::default().with_time_limit(60.0));
    assert!(
        steering.contains("lateness and value it would cost"),
        "{steering}"
    );
    let time_first = reason(&goal(&[Objective::WeightedLateness, Objective::LostValue]));
    assert!(time_first.contains("time before value"), "{time_first}");
    for r in [&strict, &steering, &time_first] {
        assert!(r.contains("within capacity, budget and shares"), "{r}");
    }
}

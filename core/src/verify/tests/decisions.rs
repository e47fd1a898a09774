//! Portfolio decisions: stopped orders, groups, scope, orderer shares and the decision figures
//! of the summary.

use super::{assert_ok, assert_only, at, complete, done, stopped, units, with};
use crate::model::{
    DependencyKind, GroupKind, Order, OrderGroup, OrderStatus, OrdererShare, Portfolio, Team,
};
use crate::plan::{PlannedOrder, Summary};
use crate::verify::Rule;

/// Ten unit periods, a team `dev` of 10 h, a mandatory one-period order `must` and an optional
/// one `opt` (value 50), 5 h each.
fn choice() -> Portfolio {
    let mut p = units(10);
    p.add_team(Team::new("dev", 10.0));
    p.add_order(Order::fixed("must", 1, [("dev", 5.0)]));
    let mut opt = Order::fixed("opt", 1, [("dev", 5.0)]);
    opt.optional = true;
    opt.value = Some(50.0);
    p.add_order(opt);
    p
}

/// Order `id` of [`choice`] in period `t`.
fn one(id: &str, t: u32) -> PlannedOrder {
    with(at(id, t, t, t), &[("dev", t, 5.0)])
}

#[test]
fn only_optional_orders_are_stopped_and_a_stopped_order_has_nothing() {
    let p = choice();
    let plan = complete(&p, vec![one("must", 0), stopped("opt")]);
    assert_eq!(plan.summary.orders_stopped, 1);
    assert_ok(&p, &plan);
    assert_ok(&p, &complete(&p, vec![one("must", 0), one("opt", 0)]));

    let report = assert_only(
        &p,
        &complete(&p, vec![stopped("must"), one("opt", 0)]),
        Rule::Selection,
    );
    assert_eq!(report.violations.len(), 1);
    assert_eq!(report.violations[0].order.as_deref(), Some("must"));
    assert!(report.violations[0].message.contains("mandatory"));

    // Work, periods or dates on a stopped order.
    let plan = complete(
        &p,
        vec![one("must", 0), with(stopped("opt"), &[("dev", 1, 5.0)])],
    );
    let report = assert_only(&p, &plan, Rule::Selection);
    assert!(report.violations[0].message.contains("work"));
    let mut plan = complete(&p, vec![one("must", 0), stopped("opt")]);
    plan.orders[1].go_live_period = Some(3);
    assert_only(&p, &plan, Rule::Selection);

    // An optional order in progress may be stopped; a done one may not.
    let mut p = choice();
    p.orders[1].status = OrderStatus::InProgress;
    assert_ok(&p, &complete(&p, vec![one("must", 0), stopped("opt")]));
    p.orders[1].status = OrderStatus::Done;
    assert_ok(&p, &complete(&p, vec![one("must", 0), done("opt")]));
    let mut plan = complete(&p, vec![one("must", 0), done("opt")]);
    plan.orders[1].state = crate::plan::PlannedState::Stopped;
    let report = assert_only(&p, &plan, Rule::State);
    assert!(report.violations[0].message.contains("stopped"));
}

#[test]
fn nothing_delivered_waits_on_a_stopped_order() {
    for kind in [
        DependencyKind::FinishToStart,
        DependencyKind::StartToStart,
        DependencyKind::FinishToFinish,
    ] {
        let mut p = choice();
        p.dependencies
            .push(crate::model::Dependency::finish_to_start("opt", "must"));
        p.dependencies[0].kind = kind;
        assert_ok(&p, &complete(&p, vec![one("opt", 0), one("must", 1)]));
        let report = assert_only(
            &p,
            &complete(&p, vec![one("must", 0), stopped("opt")]),
            Rule::Selection,
        );
        assert_eq!(report.violations.len(), 1);
        let v = &report.violations[0];
        assert_eq!(v.order.as_deref(), Some("must"));
        assert!(
            v.message.contains("waits on a stopped order"),
            "{}",
            v.message
        );
    }
    // A stopped order may wait on a stopped one (a mutant that took every order not done as
    // delivered went unnoticed without this).
    let mut p = choice();
    let mut later = Order::fixed("later", 1, [("dev", 5.0)]);
    later.optional = true;
    p.add_order(later);
    p.dependencies
        .push(crate::model::Dependency::finish_to_start("opt", "later"));
    assert_ok(
        &p,
        &complete(&p, vec![one("must", 0), stopped("opt"), stopped("later")]),
    );
    // The other way round the link is skipped: a stopped order waits on nothing.
    let mut p = choice();
    p.dependencies
        .push(crate::model::Dependency::finish_to_start("must", "opt"));
    assert_ok(&p, &complete(&p, vec![one("must", 5), stopped("opt")]));
}

/// Three optional orders `x`, `y`, `z` of 1 h and one done order `d`, with one group.
fn grouped(kind: GroupKind, members: &[&str]) -> Portfolio {
    let mut p = units(5);
    p.add_team(Team::new("dev", 10.0));
    for id in ["x", "y", "z"] {
        let mut o = Order::fixed(id, 1, [("dev", 1.0)]);
        o.optional = true;
        p.add_order(o);
    }
    let mut d = Order::fixed("d", 1, [("dev", 1.0)]);
    d.status = OrderStatus::Done;
    p.add_order(d);
    p.groups.push(OrderGroup {
        name: "bundle".into(),
        kind,
        orders: members.iter().map(|m| m.to_string()).collect(),
    });
    p
}

/// A plan of [`grouped`] delivering the orders marked `true`, in x, y, z order.
fn pick(p: &Portfolio, delivered: [bool; 3]) -> crate::plan::Plan {
    let mut orders: Vec<PlannedOrder> = ["x", "y", "z"]
        .iter()
        .zip(delivered)
        .map(|(&id, yes)| {
            if yes {
                with(at(id, 0, 0, 0), &[("dev", 0, 1.0)])
            } else {
                stopped(id)
            }
        })
        .collect();
    orders.push(done("d"));
    complete(p, orders)
}

#[test]
fn groups_deliver_all_or_none_at_most_one_or_what_the_first_requires() {
    let p = grouped(GroupKind::AllOrNone, &["x", "y"]);
    assert_ok(&p, &pick(&p, [true, true, false]));
    assert_ok(&p, &pick(&p, [false, false, true]));
    let report = assert_only(&p, &pick(&p, [true, false, false]), Rule::Group);
    assert_eq!(report.violations.len(), 1);
    assert!(report.violations[0].message.contains("`bundle`"));

    let p = grouped(GroupKind::AtMostOne, &["x", "y", "z"]);
    assert_ok(&p, &pick(&p, [false, true, false]));
    assert_ok(&p, &pick(&p, [false, false, false]));
    assert_only(&p, &pick(&p, [true, false, true]), Rule::Group);

    let p = grouped(GroupKind::Requires, &["x", "y", "z"]);
    assert_ok(&p, &pick(&p, [true, true, true]));
    assert_ok(&p, &pick(&p, [false, true, false]));
    let report = assert_only(&p, &pick(&p, [true, true, false]), Rule::Group);
    assert_eq!(report.violations[0].order.as_deref(), Some("x"));
    assert!(report.violations[0].message.contains("stops `z`"));

    // A done order counts as delivered.
    let p = grouped(GroupKind::Requires, &["x", "d"]);
    assert_ok(&p, &pick(&p, [true, false, false]));
    let p = grouped(GroupKind::AtMostOne, &["x", "d"]);
    assert_only(&p, &pick(&p, [true, false, false]), Rule::Group);
}

/// Ten unit periods, a team `dev` of 20 h and an effort order `r` of 20 h that may be reduced
/// to half, value 300.
fn reducible() -> Portfolio {
    let mut p = units(10);
    p.add_team(Team::new("dev", 20.0));
    let mut r = Order::effort("r", [("dev", 20.0)]);
    r.min_scope = Some(0.5);
    r.value = Some(300.0);
    p.add_order(r);
    p
}

/// Order `r` at `scope`, working `hours` in each of periods 0 and 1.
fn at_scope(scope: f64, hours: f64) -> PlannedOrder {
    let mut po = with(at("r", 0, 1, 1), &[("dev", 0, hours), ("dev", 1, hours)]);
    po.scope = scope;
    po
}

#[test]
fn scope_lies_within_its_bounds_and_scales_the_effort() {
    let p = reducible();
    assert_ok(&p, &complete(&p, vec![at_scope(1.0, 10.0)]));
    let plan = complete(&p, vec![at_scope(0.5, 5.0)]);
    assert_eq!(plan.summary.orders_reduced, 1);
    assert_eq!(plan.summary.value_delivered, 150.0);
    assert_ok(&p, &plan);
    assert_ok(&p, &complete(&p, vec![at_scope(0.75, 7.5)]));

    let report = assert_only(&p, &complete(&p, vec![at_scope(0.4, 4.0)]), Rule::Scope);
    assert_eq!(report.violations.len(), 1);
    assert!(report.violations[0].message.contains("0.5"));
    assert_only(&p, &complete(&p, vec![at_scope(1.2, 12.0)]), Rule::Scope);
    assert_only(
        &p,
        &complete(&p, vec![at_scope(f64::NAN, 10.0)]),
        Rule::Scope,
    );

    // Hours not scaled by the scope.
    let report = assert_only(&p, &complete(&p, vec![at_scope(0.5, 10.0)]), Rule::Effort);
    assert!(report.violations[0].message.contains("at scope 0.5"));

    // Without `min_scope` the scope is 1; a stopped order's is 0.
    let mut p = reducible();
    p.orders[0].min_scope = None;
    assert_only(&p, &complete(&p, vec![at_scope(0.5, 5.0)]), Rule::Scope);
    p.orders[0].optional = true;
    assert_ok(&p, &complete(&p, vec![stopped("r")]));
    let mut half = stopped("r");
    half.scope = 0.5;
    assert_only(&p, &complete(&p, vec![half]), Rule::Scope);

    // A fixed-duration order is never reduced.
    let mut p = choice();
    p.orders[0].min_scope = Some(0.5);
    let mut must = one("must", 0);
    must.scope = 0.5;
    assert_only(&p, &complete(&p, vec![must, stopped("opt")]), Rule::Scope);
}

/// Orders of two orderers: `hr1` (6 h) for HR, `it1` (4 h) and `it2` (optional, 10 h) for IT.
fn departments(min: Option<f64>, max: Option<f64>) -> Portfolio {
    let mut p = units(5);
    p.add_team(Team::new("dev", 20.0));
    for (id, who, h) in [("hr1", "HR", 6.0), ("it1", "IT", 4.0), ("it2", "IT", 10.0)] {
        let mut o = Order::fixed(id, 1, [("dev", h)]);
        o.orderer = who.into();
        o.optional = id == "it2";
        p.add_order(o);
    }
    p.orderer_shares.push(OrdererShare {
        orderer: "HR".into(),
        min_share: min,
        max_share: max,
    });
    p
}

fn share_plan(p: &Portfolio, it2: bool) -> crate::plan::Plan {
    let run = |id: &str, h: f64| with(at(id, 0, 0, 0), &[("dev", 0, h)]);
    let last = if it2 {
        run("it2", 10.0)
    } else {
        stopped("it2")
    };
    complete(p, vec![run("hr1", 6.0), run("it1", 4.0), last])
}

#[test]
fn orderer_shares_stay_within_their_bounds() {
    // HR has 6 h of 10 h planned (it2 stopped), or 6 h of 20 h.
    let p = departments(Some(0.6), Some(0.6));
    assert_ok(&p, &share_plan(&p, false));
    let report = assert_only(&p, &share_plan(&p, true), Rule::Share);
    assert_eq!(report.violations.len(), 1);
    assert!(report.violations[0].message.contains("at least"));

    let p = departments(None, Some(0.5));
    assert_ok(&p, &share_plan(&p, true));
    let report = assert_only(&p, &share_plan(&p, false), Rule::Share);
    assert!(report.violations[0].message.contains("at most 0.50"));
}

#[test]
fn the_summary_counts_values_stopped_and_reduced_orders() {
    let mut p = reducible();
    let mut opt = Order::fixed("opt", 1, [("dev", 1.0)]);
    opt.optional = true;
    p.add_order(opt);
    let mut old = Order::fixed("old", 1, [("dev", 1.0)]);
    old.status = OrderStatus::Done;
    p.add_order(old);
    let plan = complete(&p, vec![at_scope(0.5, 5.0), stopped("opt"), done("old")]);
    let s = &plan.summary;
    // r is worth 300, opt the default 2 × 100; old is done and not counted.
    assert_eq!((s.value_total, s.value_delivered), (500.0, 150.0));
    assert_eq!((s.orders_stopped, s.orders_reduced, s.makespan), (1, 1, 2));
    assert_ok(&p, &plan);

    let breaks: [fn(&mut Summary); 6] = [
        |s| s.value_total = 300.0,
        |s| s.value_delivered = 300.0,
        |s| s.orders_stopped = 0,
        |s| s.orders_reduced = 0,
        |s| s.consultant_hours = 1.0,
        |s| s.consultant_cost = 1.0,
    ];
    for broken in breaks {
        let mut plan = plan.clone();
        broken(&mut plan.summary);
        let report = assert_only(&p, &plan, Rule::Summary);
        assert_eq!(report.violations.len(), 1);
    }
}

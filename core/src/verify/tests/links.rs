//! Dependencies, freeze windows, go-live slots, the release train and the summary.

use super::{
    assert_ok, assert_only, assert_rules, at, christmas, complete, day, done, stopped, units, with,
};
use crate::model::{
    Calendar, DependencyKind, FreezeWindow, Order, OrderStatus, Portfolio, ReleaseTrain, Team,
    TimePoint,
};
use crate::verify::Rule;

/// Ten unit periods, a big team and two two-period orders `x` and `y` of 1 h a period, with
/// one dependency `x` -> `y`.
fn linked(kind: DependencyKind, lag: i32) -> Portfolio {
    let mut p = units(10);
    p.add_team(Team::new("dev", 100.0));
    let x = p.add_order(Order::fixed("x", 2, [("dev", 1.0)]));
    let y = p.add_order(Order::fixed("y", 2, [("dev", 1.0)]));
    p.add_dependency(x, y, kind, lag);
    p
}

/// Order `id` of [`linked`] from period `s`, live when it finishes.
fn run(id: &str, s: u32) -> super::PlannedOrder {
    with(
        at(id, s, s + 1, s + 1),
        &[("dev", s, 1.0), ("dev", s + 1, 1.0)],
    )
}

#[test]
fn finish_to_start_waits_for_the_finish_plus_lag() {
    let p = linked(DependencyKind::FinishToStart, 1);
    assert_ok(&p, &complete(&p, vec![run("x", 0), run("y", 3)]));
    let report = assert_only(
        &p,
        &complete(&p, vec![run("x", 0), run("y", 2)]),
        Rule::Precedence,
    );
    let v = &report.violations[0];
    assert_eq!((v.order.as_deref(), v.period), (Some("y"), Some(2)));
    assert!(v.message.contains("finish_to_start"), "{}", v.message);
}

#[test]
fn start_to_start_waits_for_the_start_plus_lag() {
    let p = linked(DependencyKind::StartToStart, 2);
    assert_ok(&p, &complete(&p, vec![run("x", 0), run("y", 2)]));
    assert_only(
        &p,
        &complete(&p, vec![run("x", 0), run("y", 1)]),
        Rule::Precedence,
    );
    // A negative lag is a lead for the start; y still goes live no earlier than x.
    let p = linked(DependencyKind::StartToStart, -1);
    assert_only(
        &p,
        &complete(&p, vec![run("x", 3), run("y", 2)]),
        Rule::GoLiveOrder,
    );
}

#[test]
fn finish_to_finish_waits_for_the_finish_plus_lag() {
    let p = linked(DependencyKind::FinishToFinish, 0);
    assert_ok(&p, &complete(&p, vec![run("x", 3), run("y", 3)]));
    assert_rules(
        &p,
        &complete(&p, vec![run("x", 3), run("y", 2)]),
        &[Rule::Precedence, Rule::GoLiveOrder],
    );
}

#[test]
fn live_to_start_waits_for_the_go_live_plus_lag() {
    let mut p = linked(DependencyKind::LiveToStart, 1);
    p.orders[0].go_live_lag = 1;
    // x works in 0-1 and goes live in 2; y may start in 2 + 1 + 1 = 4.
    let x = with(at("x", 0, 1, 2), &[("dev", 0, 1.0), ("dev", 1, 1.0)]);
    assert_ok(&p, &complete(&p, vec![x.clone(), run("y", 4)]));
    let report = assert_only(&p, &complete(&p, vec![x, run("y", 3)]), Rule::Precedence);
    assert!(report.violations[0]
        .message
        .contains("goes live in period 2"));
}

#[test]
fn live_to_live_waits_for_the_go_live_plus_lag() {
    let p = linked(DependencyKind::LiveToLive, 2);
    // x live in 1; y may go live in 3. Finished in 2, y waits for x's lag: no wait violation.
    let y = with(at("y", 1, 2, 3), &[("dev", 1, 1.0), ("dev", 2, 1.0)]);
    assert_ok(&p, &complete(&p, vec![run("x", 0), y]));
    assert_only(
        &p,
        &complete(&p, vec![run("x", 0), run("y", 1)]),
        Rule::Precedence,
    );
}

#[test]
fn no_dependant_goes_live_before_what_it_depends_on() {
    // A start-to-start link lets y start with x, but not go live before it.
    let mut p = linked(DependencyKind::StartToStart, 0);
    p.orders[0].go_live_lag = 2;
    let x = with(at("x", 0, 1, 3), &[("dev", 0, 1.0), ("dev", 1, 1.0)]);
    let report = assert_only(
        &p,
        &complete(&p, vec![x.clone(), run("y", 0)]),
        Rule::GoLiveOrder,
    );
    assert_eq!(report.violations[0].order.as_deref(), Some("y"));
    // y finished in 1 waits for x to be live in 3: forced, so no wait violation.
    let y = with(at("y", 0, 1, 3), &[("dev", 0, 1.0), ("dev", 1, 1.0)]);
    assert_ok(&p, &complete(&p, vec![x, y]));
}

#[test]
fn a_go_live_waits_only_where_the_rules_close_the_period() {
    let p = linked(DependencyKind::FinishToStart, 0);
    // y finishes in 3 and goes live in 5: periods 3 and 4 were open.
    let late = with(at("y", 2, 3, 5), &[("dev", 2, 1.0), ("dev", 3, 1.0)]);
    let report = assert_only(
        &p,
        &complete(&p, vec![run("x", 0), late.clone()]),
        Rule::GoLiveWait,
    );
    assert_eq!(report.violations[0].period, Some(3));
    // A freeze window over periods 3-4 forces the wait.
    let mut frozen = p.clone();
    frozen.add_freeze_window(FreezeWindow {
        name: "release freeze".into(),
        from: TimePoint::Period(3),
        to: TimePoint::Period(4),
    });
    assert_ok(&frozen, &complete(&frozen, vec![run("x", 0), late.clone()]));
    // One go-live a period, taken in 3 and 4 by others: also forced.
    let mut full = p.clone();
    full.max_go_lives_per_period = Some(1);
    full.add_order(Order::fixed("u", 1, [("dev", 1.0)]));
    full.add_order(Order::fixed("v", 1, [("dev", 1.0)]));
    let u = with(at("u", 3, 3, 3), &[("dev", 3, 1.0)]);
    let v = with(at("v", 4, 4, 4), &[("dev", 4, 1.0)]);
    assert_ok(&full, &complete(&full, vec![run("x", 0), late, u, v]));
}

#[test]
fn dependencies_on_done_orders_are_met() {
    let mut p = linked(DependencyKind::FinishToStart, 5);
    p.orders[0].status = OrderStatus::Done;
    assert_ok(&p, &complete(&p, vec![done("x"), run("y", 0)]));
}

#[test]
fn nothing_goes_live_in_a_freeze_window_of_periods() {
    let mut p = linked(DependencyKind::StartToStart, 0);
    p.add_freeze_window(FreezeWindow {
        name: "release freeze".into(),
        from: TimePoint::Period(3),
        to: TimePoint::Period(4),
    });
    assert_ok(&p, &complete(&p, vec![run("x", 0), run("y", 4)]));
    let report = assert_only(
        &p,
        &complete(&p, vec![run("x", 0), run("y", 3)]),
        Rule::Freeze,
    );
    assert_eq!(report.violations[0].period, Some(4));
    assert!(report.violations[0].message.contains("release freeze"));
}

#[test]
fn nothing_goes_live_on_a_frozen_day() {
    let mut p = christmas();
    p.add_order(Order::effort("a", Vec::<(String, f64)>::new()));
    // Friday 2013-12-20 is the go-live day of 2013-W51 (period 1).
    p.add_freeze_window(FreezeWindow {
        name: "Christmas".into(),
        from: TimePoint::Date(day("2013-12-20")),
        to: TimePoint::Date(day("2014-01-02")),
    });
    assert_ok(&p, &complete(&p, vec![at("a", 0, 0, 0)]));
    let report = assert_only(&p, &complete(&p, vec![at("a", 0, 1, 1)]), Rule::Freeze);
    assert!(report.violations[0].message.contains("2013-12-20"));
    // A window ending on a Thursday does not freeze that week's Friday go-live.
    p.freeze_windows[0].from = TimePoint::Date(day("2013-12-16"));
    p.freeze_windows[0].to = TimePoint::Date(day("2013-12-19"));
    assert_ok(&p, &complete(&p, vec![at("a", 0, 1, 1)]));
    // A window given as a period freezes all of its days.
    p.freeze_windows[0].from = TimePoint::Period(2);
    p.freeze_windows[0].to = TimePoint::Period(2);
    assert_ok(&p, &complete(&p, vec![at("a", 0, 1, 1)]));
    assert_only(&p, &complete(&p, vec![at("a", 0, 2, 2)]), Rule::Freeze);
}

#[test]
fn go_lives_per_period_stay_within_the_limit() {
    let mut p = linked(DependencyKind::StartToStart, 0);
    p.max_go_lives_per_period = Some(1);
    assert_ok(&p, &complete(&p, vec![run("x", 0), run("y", 1)]));
    let report = assert_only(
        &p,
        &complete(&p, vec![run("x", 0), run("y", 0)]),
        Rule::GoLiveSlots,
    );
    assert_eq!(report.violations.len(), 1);
    assert_eq!(report.violations[0].period, Some(1));
    assert!(report.violations[0].message.contains("`x`, `y`"));
}

/// Two orders with due dates and weights: `a` (weight 3, due 1) and `b` (high, due 5).
fn weighted() -> Portfolio {
    let mut p = units(10);
    let mut a = Order::effort("a", Vec::<(String, f64)>::new());
    a.weight = Some(3.0);
    a.due = Some(TimePoint::Period(1));
    let mut b = Order::effort("b", Vec::<(String, f64)>::new());
    b.priority = crate::model::Priority::High;
    b.due = Some(TimePoint::Period(5));
    let c = Order::effort("c", Vec::<(String, f64)>::new());
    p.add_order(a);
    p.add_order(b);
    p.add_order(c);
    p
}

#[test]
fn the_summary_matches_the_orders() {
    // Hand-made spans longer than the work needs: no stretch cap here.
    let mut p = weighted();
    p.work_rules.max_stretch = None;
    let plan = complete(
        &p,
        vec![at("a", 0, 3, 3), at("b", 0, 4, 4), at("c", 0, 6, 6)],
    );
    let s = &plan.summary;
    // a: 2 periods late, weight 3; b on time, weight 4; c: weight 2.
    assert_eq!(
        (s.makespan, s.orders_with_due_date, s.orders_late),
        (7, 2, 1)
    );
    assert_eq!((s.total_lateness, s.weighted_lateness), (2, 6.0));
    assert_eq!(s.weighted_completion, 3.0 * 4.0 + 4.0 * 5.0 + 2.0 * 7.0);
    assert_eq!(s.on_time_share, 0.5);
    assert_ok(&p, &plan);

    let mut broken = plan.clone();
    broken.summary.makespan = 6;
    let report = assert_only(&p, &broken, Rule::Summary);
    assert!(report.violations[0].message.contains("makespan is 6"));

    let mut broken = plan.clone();
    broken.summary.weighted_completion += 1.0;
    assert_only(&p, &broken, Rule::Summary);

    let mut broken = plan.clone();
    broken.summary.on_time_share = 1.0;
    broken.summary.orders_late = 0;
    let report = assert_only(&p, &broken, Rule::Summary);
    assert_eq!(report.violations.len(), 2);

    let mut broken = plan;
    broken.summary.weighted_lateness = f64::NAN;
    assert_only(&p, &broken, Rule::Summary);
}

/// Weeks 2014-01-06 to 2014-02-09 (periods 0 to 4) with a release train on the Tuesdays
/// 2014-01-14 (period 1) and 2014-01-28 (period 3), one change on each; orders `a` and `b`
/// without work.
fn train() -> Portfolio {
    let mut p = Portfolio::new(Calendar::weeks(day("2014-01-06"), day("2014-02-09")));
    p.add_order(Order::effort("a", Vec::<(String, f64)>::new()));
    p.add_order(Order::effort("b", Vec::<(String, f64)>::new()));
    p.release_train = Some(ReleaseTrain {
        dates: vec![
            TimePoint::Date(day("2014-01-14")),
            TimePoint::Date(day("2014-01-28")),
        ],
        max_changes: Some(1),
    });
    p
}

#[test]
fn orders_go_live_on_the_release_train() {
    // Hand-made spans longer than the work needs: no stretch cap here.
    let mut p = train();
    p.work_rules.max_stretch = None;
    let plan = complete(&p, vec![at("a", 0, 1, 1), at("b", 0, 3, 3)]);
    assert_eq!(plan.orders[0].go_live, Some(day("2014-01-14")));
    assert_ok(&p, &plan);

    // Week 2 has no deployment date.
    let report = assert_only(
        &p,
        &complete(&p, vec![at("a", 0, 1, 1), at("b", 0, 2, 2)]),
        Rule::ReleaseTrain,
    );
    let v = &report.violations[0];
    assert_eq!((v.order.as_deref(), v.period), (Some("b"), Some(2)));

    // The train's week, but the Friday.
    let mut friday = plan.clone();
    friday.orders[0].go_live = Some(day("2014-01-17"));
    let report = assert_only(&p, &friday, Rule::ReleaseTrain);
    assert!(report.violations[0].message.contains("2014-01-14"));

    // Two changes on a train that takes one.
    let report = assert_only(
        &p,
        &complete(&p, vec![at("a", 0, 1, 1), at("b", 0, 1, 1)]),
        Rule::ReleaseTrain,
    );
    assert_eq!(report.violations.len(), 1);
    assert_eq!(report.violations[0].period, Some(1));

    // A stopped order takes no train.
    let mut p = train();
    p.orders[1].optional = true;
    assert_ok(&p, &complete(&p, vec![at("a", 0, 1, 1), stopped("b")]));

    // A freeze window on the train's date freezes it, though the week's Friday is free.
    p.add_freeze_window(FreezeWindow {
        name: "upgrade".into(),
        from: TimePoint::Date(day("2014-01-13")),
        to: TimePoint::Date(day("2014-01-15")),
    });
    let report = assert_only(
        &p,
        &complete(&p, vec![at("a", 0, 1, 1), stopped("b")]),
        Rule::Freeze,
    );
    assert!(report.violations[0].message.contains("2014-01-14"));

    // In unit calendars the train names periods.
    let mut p = units(5);
    p.add_order(Order::effort("a", Vec::<(String, f64)>::new()));
    p.release_train = Some(ReleaseTrain {
        dates: vec![TimePoint::Period(2)],
        max_changes: None,
    });
    assert_ok(&p, &complete(&p, vec![at("a", 0, 2, 2)]));
    assert_only(
        &p,
        &complete(&p, vec![at("a", 0, 3, 3)]),
        Rule::ReleaseTrain,
    );
}

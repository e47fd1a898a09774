//! Work rules: effort totals, pace limits, duration bounds and fixed demand, on unit periods
//! and on weeks whose working share matters.

use super::{assert_ok, assert_only, at, christmas, complete, units, with};
use crate::model::{Order, Portfolio, Team, Timeline};
use crate::verify::Rule;

/// Ten unit periods, teams `dev` (10 h) and `ops` (4 h), an effort order `e` needing 12 h of
/// `dev`.
fn effort_shop() -> Portfolio {
    let mut p = units(10);
    p.add_team(Team::new("dev", 10.0));
    p.add_team(Team::new("ops", 4.0));
    p.add_order(Order::effort("e", [("dev", 12.0)]));
    p
}

#[test]
fn effort_hours_add_up_per_team_inside_the_run() {
    let p = effort_shop();
    let good = with(at("e", 1, 2, 2), &[("dev", 1, 10.0), ("dev", 2, 2.0)]);
    assert_ok(&p, &complete(&p, vec![good.clone()]));

    // Short by 1 h.
    let short = with(at("e", 1, 2, 2), &[("dev", 1, 10.0), ("dev", 2, 1.0)]);
    let report = assert_only(&p, &complete(&p, vec![short]), Rule::Effort);
    assert_eq!(report.violations.len(), 1);
    assert!(report.violations[0].message.contains("11.00 h in total"));

    // Work on a team the order needs nothing from.
    let extra = with(good.clone(), &[("ops", 1, 1.0)]);
    assert_only(&p, &complete(&p, vec![extra]), Rule::Effort);

    // Work outside the run (period 3 after finish 2).
    let outside = with(at("e", 1, 2, 2), &[("dev", 1, 10.0), ("dev", 3, 2.0)]);
    let report = assert_only(&p, &complete(&p, vec![outside]), Rule::Effort);
    assert_eq!(report.violations[0].period, Some(3));

    // Slices for the same team and period are summed; within tolerance is equal.
    let split = with(
        at("e", 1, 2, 2),
        &[("dev", 1, 6.0), ("dev", 1, 4.0), ("dev", 2, 2.00005)],
    );
    assert_ok(&p, &complete(&p, vec![split]));
}

#[test]
fn effort_pace_stays_within_the_weekly_limits_scaled_by_working_days() {
    let mut p = christmas();
    let tl = Timeline::new(&p.calendar).expect("calendar");
    assert_eq!(tl.period(2).label, "2013-W52");
    assert!((tl.working_share(2) - 0.4).abs() < 1e-12);
    p.add_team(Team::new("dev", 100.0));
    let mut e = Order::effort("e", [("dev", 36.0)]);
    e.effort[0].max_hours_per_week = Some(20.0);
    e.effort[0].min_hours_per_week = Some(10.0);
    p.add_order(e);
    // Limits: 20 h in a full week, 8 h in Christmas week; floors 10 h and 4 h.
    let good = with(
        at("e", 0, 2, 2),
        &[("dev", 0, 16.0), ("dev", 1, 16.0), ("dev", 2, 4.0)],
    );
    assert_ok(&p, &complete(&p, vec![good]));

    let fast = with(
        at("e", 0, 2, 2),
        &[("dev", 0, 12.0), ("dev", 1, 14.0), ("dev", 2, 10.0)],
    );
    let report = assert_only(&p, &complete(&p, vec![fast]), Rule::Intensity);
    assert_eq!(report.violations.len(), 1);
    let v = &report.violations[0];
    assert_eq!(
        (v.order.as_deref(), v.team.as_deref(), v.period),
        (Some("e"), Some("dev"), Some(2))
    );
    assert!(v.message.contains("10.00 h in 2013-W52"), "{}", v.message);
    assert!(
        v.message.contains("above its 8.00 h limit"),
        "{}",
        v.message
    );

    let slow = with(
        at("e", 0, 2, 2),
        &[("dev", 0, 20.0), ("dev", 1, 13.0), ("dev", 2, 3.0)],
    );
    let report = assert_only(&p, &complete(&p, vec![slow]), Rule::Intensity);
    assert_eq!(report.violations.len(), 1);
    assert!(report.violations[0]
        .message
        .contains("below its 4.00 h minimum"));

    // A stalled week inside the run is below the minimum too.
    let stalled = with(
        at("e", 0, 3, 3),
        &[("dev", 0, 13.0), ("dev", 1, 13.0), ("dev", 3, 10.0)],
    );
    let report = assert_only(&p, &complete(&p, vec![stalled]), Rule::Intensity);
    assert_eq!(report.violations.len(), 1);
    assert_eq!(report.violations[0].period, Some(2));
}

#[test]
fn the_default_pace_limit_is_the_teams_weekly_hours() {
    let mut p = effort_shop();
    p.teams[0]
        .capacity_overrides
        .push(crate::model::CapacityOverride {
            from: crate::model::TimePoint::Period(0),
            to: crate::model::TimePoint::Period(9),
            factor: None,
            hours_per_week: Some(30.0),
        });
    assert_ok(
        &p,
        &complete(
            &p,
            vec![with(at("e", 1, 2, 2), &[("dev", 1, 10.0), ("dev", 2, 2.0)])],
        ),
    );
    let plan = complete(&p, vec![with(at("e", 1, 1, 1), &[("dev", 1, 12.0)])]);
    assert_only(&p, &plan, Rule::Intensity);
}

#[test]
fn runs_respect_duration_bounds() {
    let mut p = effort_shop();
    p.orders[0].min_duration = Some(3);
    p.orders[0].max_duration = Some(4);
    let run = |s: u32, f: u32| with(at("e", s, f, f), &[("dev", s, 10.0), ("dev", s + 1, 2.0)]);
    assert_ok(&p, &complete(&p, vec![run(0, 2)]));
    assert_ok(&p, &complete(&p, vec![run(0, 3)]));
    let report = assert_only(&p, &complete(&p, vec![run(0, 1)]), Rule::Duration);
    assert!(report.violations[0].message.contains("at least 3"));
    let report = assert_only(&p, &complete(&p, vec![run(0, 4)]), Rule::Duration);
    assert!(report.violations[0].message.contains("at most 4"));

    // A fixed order runs exactly its duration.
    let mut p = units(10);
    p.add_team(Team::new("dev", 10.0));
    p.add_order(Order::fixed("f", 2, [("dev", 3.0)]));
    assert_ok(
        &p,
        &complete(
            &p,
            vec![with(at("f", 4, 5, 5), &[("dev", 4, 3.0), ("dev", 5, 3.0)])],
        ),
    );
    let long = with(
        at("f", 4, 6, 6),
        &[("dev", 4, 3.0), ("dev", 5, 3.0), ("dev", 6, 3.0)],
    );
    assert_only(&p, &complete(&p, vec![long]), Rule::Duration);
}

#[test]
fn fixed_orders_take_their_demand_scaled_by_working_days() {
    let mut p = christmas();
    p.add_team(Team::new("dev", 40.0));
    p.add_team(Team::new("ops", 40.0));
    p.add_order(Order::fixed("f", 3, [("dev", 10.0)]));
    let tl = Timeline::new(&p.calendar).expect("calendar");
    let w01 = 10.0 * tl.working_share(3);
    let good = with(
        at("f", 1, 3, 3),
        &[("dev", 1, 10.0), ("dev", 2, 4.0), ("dev", 3, w01)],
    );
    assert_ok(&p, &complete(&p, vec![good.clone()]));

    // A full week's demand in Christmas week.
    let full = with(
        at("f", 1, 3, 3),
        &[("dev", 1, 10.0), ("dev", 2, 10.0), ("dev", 3, w01)],
    );
    let report = assert_only(&p, &complete(&p, vec![full]), Rule::FixedDemand);
    assert_eq!(report.violations.len(), 1);
    let msg = &report.violations[0].message;
    assert!(msg.contains("2013-W52") && msg.contains("4.00 h"), "{msg}");

    // Work on another team, and work outside the run.
    let other = with(good.clone(), &[("ops", 2, 1.0)]);
    assert_only(&p, &complete(&p, vec![other]), Rule::FixedDemand);
    let outside = with(good, &[("dev", 4, 1.0)]);
    assert_only(&p, &complete(&p, vec![outside]), Rule::FixedDemand);
}

#[test]
fn an_order_spans_at_most_max_stretch_times_its_full_pace_periods() {
    // 20 h at 10 h a period: 2 periods at full pace, so 4 at most with the default stretch 2.
    let mut p = units(10);
    p.add_team(Team::new("dev", 10.0));
    p.add_order(Order::effort("s", [("dev", 20.0)]));
    let within = with(at("s", 0, 3, 3), &[("dev", 0, 10.0), ("dev", 3, 10.0)]);
    assert_ok(&p, &complete(&p, vec![within]));
    let stretched = with(at("s", 0, 4, 4), &[("dev", 0, 10.0), ("dev", 4, 10.0)]);
    let report = assert_only(&p, &complete(&p, vec![stretched.clone()]), Rule::Duration);
    assert!(report.violations[0].message.contains("max_stretch"));
    // Turned off, the same plan keeps every rule.
    p.work_rules.max_stretch = None;
    assert_ok(&p, &complete(&p, vec![stretched]));
}

#[test]
fn a_team_keeps_to_its_open_orders_per_fte() {
    // One full-time person, one order open at a time.
    let mut p = christmas();
    p.add_team(Team::new("dev", 40.0));
    p.add_order(Order::effort("x", [("dev", 10.0)]));
    p.add_order(Order::effort("y", [("dev", 10.0)]));
    p.work_rules.max_open_per_fte = Some(1.0);
    let x = with(at("x", 0, 0, 0), &[("dev", 0, 10.0)]);
    let y_after = with(at("y", 1, 1, 1), &[("dev", 1, 10.0)]);
    assert_ok(&p, &complete(&p, vec![x.clone(), y_after]));
    let y_with = with(at("y", 0, 0, 0), &[("dev", 0, 10.0)]);
    let report = assert_only(
        &p,
        &complete(&p, vec![x.clone(), y_with.clone()]),
        Rule::OpenOrders,
    );
    assert_eq!(report.violations[0].period, Some(0));
    // Two people (80 h) may have two orders open, not three.
    let mut two = christmas();
    two.add_team(Team::new("dev", 80.0));
    for id in ["x", "y", "z"] {
        two.add_order(Order::effort(id, [("dev", 10.0)]));
    }
    two.work_rules.max_open_per_fte = Some(1.0);
    let z_after = with(at("z", 1, 1, 1), &[("dev", 1, 10.0)]);
    let z_with = with(at("z", 0, 0, 0), &[("dev", 0, 10.0)]);
    assert_ok(
        &two,
        &complete(&two, vec![x.clone(), y_with.clone(), z_after]),
    );
    assert_only(
        &two,
        &complete(&two, vec![x.clone(), y_with.clone(), z_with]),
        Rule::OpenOrders,
    );
    // In a unit calendar hours are not person-hours: no limit.
    let mut q = units(4);
    q.add_team(Team::new("dev", 40.0));
    q.add_order(Order::effort("x", [("dev", 10.0)]));
    q.add_order(Order::effort("y", [("dev", 10.0)]));
    q.work_rules.max_open_per_fte = Some(1.0);
    assert_ok(&q, &complete(&q, vec![x, y_with]));
}

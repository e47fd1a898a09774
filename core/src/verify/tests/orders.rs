//! Per-order rules: state, release, horizon, sequence, dates, deadline and lateness.

use super::{
    assert_ok, assert_only, assert_rules, at, christmas, complete, day, done, units, with,
};
use crate::model::{Order, OrderStatus, Portfolio, Team, TimePoint};
use crate::verify::Rule;

/// Ten unit periods, a team `dev` of 10 h, a two-period order `a` (5 h a period) and a done
/// order `old`.
fn shop() -> Portfolio {
    let mut p = units(10);
    p.add_team(Team::new("dev", 10.0));
    p.add_order(Order::fixed("a", 2, [("dev", 5.0)]));
    let mut old = Order::fixed("old", 3, [("dev", 5.0)]);
    old.status = OrderStatus::Done;
    p.add_order(old);
    p
}

/// Order `a` of [`shop`] from period `s`.
fn a_from(s: u32, g: u32) -> super::PlannedOrder {
    with(
        at("a", s, s + 1, g),
        &[("dev", s, 5.0), ("dev", s + 1, 5.0)],
    )
}

#[test]
fn done_orders_are_planned_done_without_periods_or_work() {
    let p = shop();
    assert_ok(&p, &complete(&p, vec![a_from(0, 1), done("old")]));

    let mut plan = complete(&p, vec![a_from(0, 1), done("old")]);
    plan.orders[1].state = crate::plan::PlannedState::Scheduled;
    assert_only(&p, &plan, Rule::State);

    let plan = complete(
        &p,
        vec![a_from(0, 1), with(done("old"), &[("dev", 3, 1.0)])],
    );
    let report = assert_only(&p, &plan, Rule::State);
    assert!(report.violations[0].message.contains("work"));

    let mut plan = complete(&p, vec![a_from(0, 1), done("old")]);
    plan.orders[1].go_live_period = Some(4);
    assert_only(&p, &plan, Rule::State);
}

#[test]
fn in_progress_orders_run_from_period_zero() {
    let mut p = shop();
    p.orders[0].status = OrderStatus::InProgress;
    let plan = complete(&p, vec![a_from(0, 1), done("old")]);
    assert_eq!(plan.orders[0].state, crate::plan::PlannedState::InProgress);
    assert_ok(&p, &plan);

    let plan = complete(&p, vec![a_from(1, 2), done("old")]);
    let report = assert_only(&p, &plan, Rule::State);
    assert_eq!(report.violations[0].period, Some(1));

    let mut plan = complete(&p, vec![a_from(0, 1), done("old")]);
    plan.orders[0].state = crate::plan::PlannedState::Scheduled;
    assert_only(&p, &plan, Rule::State);
}

#[test]
fn not_started_orders_start_at_or_after_their_release() {
    let mut p = shop();
    p.orders[0].release = Some(TimePoint::Period(3));
    assert_ok(&p, &complete(&p, vec![a_from(3, 4), done("old")]));
    let report = assert_only(
        &p,
        &complete(&p, vec![a_from(2, 3), done("old")]),
        Rule::Release,
    );
    assert_eq!(report.violations.len(), 1);
    assert_eq!(report.violations[0].order.as_deref(), Some("a"));
    assert!(report.violations[0].message.contains("period 3"));
}

#[test]
fn periods_must_be_present_and_inside_the_calendar() {
    let p = shop();
    // Going live in period 10 of a 10-period calendar.
    let report = assert_only(
        &p,
        &complete(&p, vec![a_from(8, 10), done("old")]),
        Rule::Horizon,
    );
    assert_eq!(report.violations.len(), 1);
    assert_eq!(report.violations[0].period, Some(10));

    let mut plan = complete(&p, vec![a_from(0, 1), done("old")]);
    plan.orders[0].start_period = None;
    assert_only(&p, &plan, Rule::Horizon);

    // Extra work in a period after the calendar: reported, and left out of all sums.
    let plan = complete(
        &p,
        vec![with(a_from(0, 1), &[("dev", 12, 3.0)]), done("old")],
    );
    let report = assert_only(&p, &plan, Rule::Horizon);
    // The message says where the calendar ends, in its own words (caught by cargo-mutants:
    // no test read it).
    let message = &report.violations[0].message;
    assert!(
        message.contains("period 12, but the calendar ends with period 9"),
        "{message}"
    );
}

#[test]
fn start_comes_before_finish_and_go_live_after_the_lag() {
    let mut p = shop();
    p.orders[0].go_live_lag = 2;
    assert_ok(&p, &complete(&p, vec![a_from(0, 3), done("old")]));
    let report = assert_only(
        &p,
        &complete(&p, vec![a_from(0, 2), done("old")]),
        Rule::Sequence,
    );
    assert!(report.violations[0].message.contains("go-live lag of 2"));

    let mut p = units(5);
    p.add_order(Order::effort("empty", Vec::<(String, f64)>::new()));
    assert_ok(&p, &complete(&p, vec![at("empty", 1, 1, 1)]));
    assert_only(
        &p,
        &complete(&p, vec![at("empty", 3, 2, 3)]),
        Rule::Sequence,
    );
}

#[test]
fn dates_match_their_periods_in_date_calendars() {
    let mut p = christmas();
    p.add_team(Team::new("dev", 40.0));
    p.add_order(Order::fixed("a", 1, [("dev", 10.0)]));
    let plan = complete(&p, vec![with(at("a", 2, 2, 2), &[("dev", 2, 4.0)])]);
    // Christmas week: first working day Monday 23rd, last Friday 27th.
    assert_eq!(plan.orders[0].start, Some(day("2013-12-23")));
    assert_eq!(plan.orders[0].go_live, Some(day("2013-12-27")));
    assert_ok(&p, &plan);

    let mut broken = plan.clone();
    broken.orders[0].go_live = Some(day("2013-12-24"));
    let report = assert_only(&p, &broken, Rule::Dates);
    assert!(report.violations[0].message.contains("2013-W52"));

    let mut broken = plan.clone();
    broken.orders[0].start = None;
    assert_only(&p, &broken, Rule::Dates);

    // Unit calendars have no dates.
    let p = shop();
    let mut plan = complete(&p, vec![a_from(0, 1), done("old")]);
    plan.orders[0].finish = Some(day("2014-01-01"));
    assert_only(&p, &plan, Rule::Dates);
}

#[test]
fn nothing_goes_live_in_a_period_without_working_days() {
    let mut p = christmas();
    // Close the whole of 2014-W02 (period 4).
    p.calendar.closed_days.extend(
        [
            "2014-01-06",
            "2014-01-07",
            "2014-01-08",
            "2014-01-09",
            "2014-01-10",
        ]
        .map(day),
    );
    p.add_order(Order::effort("a", Vec::<(String, f64)>::new()));
    assert_ok(&p, &complete(&p, vec![at("a", 0, 3, 3)]));
    let plan = complete(&p, vec![at("a", 0, 3, 4)]);
    assert_eq!(plan.orders[0].go_live, None);
    // Period 3 was open, so going live in 4 also waits for nothing.
    let report = assert_rules(&p, &plan, &[Rule::Dates, Rule::GoLiveWait]);
    let dates: Vec<_> = report
        .violations
        .iter()
        .filter(|v| v.rule == Rule::Dates)
        .collect();
    assert_eq!(dates.len(), 1);
    assert!(dates[0].message.contains("no working day"));
}

#[test]
fn go_live_comes_no_later_than_the_deadline() {
    let mut p = shop();
    p.orders[0].deadline = Some(TimePoint::Period(4));
    assert_ok(&p, &complete(&p, vec![a_from(3, 4), done("old")]));
    // Going live in 5 also waits a period no rule closes.
    let report = assert_rules(
        &p,
        &complete(&p, vec![a_from(3, 5), done("old")]),
        &[Rule::Deadline, Rule::GoLiveWait],
    );
    let deadline = report.violations.iter().find(|v| v.rule == Rule::Deadline);
    assert_eq!(deadline.unwrap().period, Some(5));

    let mut p = christmas();
    p.add_order(Order::effort("a", Vec::<(String, f64)>::new()));
    p.orders[0].deadline = Some(TimePoint::Date(day("2013-12-27")));
    assert_ok(&p, &complete(&p, vec![at("a", 0, 2, 2)]));
    assert_rules(
        &p,
        &complete(&p, vec![at("a", 0, 2, 3)]),
        &[Rule::Deadline, Rule::GoLiveWait],
    );
}

#[test]
fn due_period_and_lateness_follow_the_due_date() {
    // A go-live lag of 1: finished in 4, live in 5 without waiting.
    let mut p = shop();
    p.orders[0].go_live_lag = 1;
    p.orders[0].due = Some(TimePoint::Period(2));
    let plan = complete(&p, vec![a_from(3, 5), done("old")]);
    assert_eq!(plan.orders[0].due_period, Some(2));
    assert_eq!(plan.orders[0].lateness, 3);
    assert_ok(&p, &plan);

    let mut broken = plan.clone();
    broken.orders[0].lateness = 2;
    let report = assert_only(&p, &broken, Rule::Lateness);
    assert_eq!(report.violations.len(), 1);

    let mut broken = plan.clone();
    broken.orders[0].due_period = None;
    assert_only(&p, &broken, Rule::Lateness);

    // No due date: no due period, no lateness.
    let mut p = shop();
    p.orders[0].go_live_lag = 1;
    let mut plan = complete(&p, vec![a_from(3, 5), done("old")]);
    plan.orders[0].lateness = 1;
    assert_only(&p, &plan, Rule::Lateness);

    let mut plan = complete(&p, vec![a_from(3, 5), done("old")]);
    plan.orders[1].lateness = 1;
    assert_only(&p, &plan, Rule::Lateness);
}

#[test]
fn messages_name_up_to_five_orders_and_count_the_rest() {
    use crate::verify::id_list;
    assert_eq!(id_list(&["a", "b"]), "`a`, `b`");
    assert_eq!(
        id_list(&["a", "b", "c", "d", "e", "f", "g"]),
        "`a`, `b`, `c`, `d`, `e` and 2 more"
    );
}

//! What is settled before the plan: actual hours before the frozen date, orders with actuals
//! delivered, no start before the frozen date unless the order may have begun.

use super::{assert_ok, assert_only, at, christmas, complete, stopped, with};
use crate::model::{Actual, Order, OrderStatus, Portfolio, Team, TimePoint};
use crate::verify::Rule;

/// Christmas weeks, team `dev` (40 h), settled before 2013-W51 (period 1).
fn settled_shop() -> Portfolio {
    let mut p = christmas();
    p.add_team(Team::new("dev", 40.0));
    p.frozen_until = Some(TimePoint::Period(1));
    p
}

fn actual(period: u32, hours: f64) -> Actual {
    Actual {
        team: "dev".into(),
        period: TimePoint::Period(period),
        hours,
    }
}

#[test]
fn hours_before_the_frozen_date_are_the_actuals_summed_per_period() {
    let mut p = settled_shop();
    let mut x = Order::effort("x", [("dev", 20.0)]);
    x.status = OrderStatus::InProgress;
    // Two entries for one week: the plan must show their sum there.
    x.actuals = vec![actual(0, 4.0), actual(0, 6.0)];
    p.add_order(x);
    let good = with(at("x", 0, 1, 1), &[("dev", 0, 10.0), ("dev", 1, 10.0)]);
    assert_ok(&p, &complete(&p, vec![good]));
    let one_entry = with(at("x", 0, 1, 1), &[("dev", 0, 6.0), ("dev", 1, 14.0)]);
    assert_only(&p, &complete(&p, vec![one_entry]), Rule::Actuals);
}

#[test]
fn only_actual_hours_above_zero_keep_an_order_from_being_stopped() {
    let mut p = settled_shop();
    let mut x = Order::effort("x", [("dev", 20.0)]);
    x.optional = true;
    x.actuals = vec![actual(0, 0.0)];
    p.add_order(x.clone());
    // Zero hours booked: nothing was done, the order may be stopped.
    assert_ok(&p, &complete(&p, vec![stopped("x")]));
    let mut q = settled_shop();
    x.actuals = vec![actual(0, 3.0)];
    q.add_order(x);
    let report = assert_only(&q, &complete(&q, vec![stopped("x")]), Rule::Pin);
    assert!(
        report.violations[0].message.contains("has actual hours"),
        "{report}"
    );
}

#[test]
fn no_order_starts_before_the_frozen_date_unless_it_may_have_begun() {
    let mut p = settled_shop();
    p.add_order(Order::fixed("y", 2, [("dev", 10.0)]));
    // Christmas week (period 2) has two working days of five.
    let after = with(at("y", 1, 2, 2), &[("dev", 1, 10.0), ("dev", 2, 4.0)]);
    assert_ok(&p, &complete(&p, vec![after]));
    let before = with(at("y", 0, 1, 1), &[("dev", 0, 10.0), ("dev", 1, 10.0)]);
    let report = assert_only(&p, &complete(&p, vec![before.clone()]), Rule::Frozen);
    assert_eq!(report.violations[0].period, Some(0));
    // In progress, it may have started then.
    let mut q = settled_shop();
    let mut y = Order::fixed("y", 2, [("dev", 10.0)]);
    y.status = OrderStatus::InProgress;
    q.add_order(y);
    assert_ok(&q, &complete(&q, vec![before]));
}

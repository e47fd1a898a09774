//! Consultants: capacity with the hours that can be bought, the ceiling on them, the load
//! table's consultant columns, and budgets on the spend.

use super::{assert_ok, assert_only, at, christmas, complete, day, units, with};
use crate::model::{Budget, BudgetSpan, Calendar, ConsultantCapacity, Order, Portfolio, Team};
use crate::plan::{Plan, PlannedOrder};
use crate::verify::Rule;

/// A team `dev` of 10 h that can buy 5 consultant hours a week at 100 an hour.
fn dev(max_hours: Option<f64>) -> Team {
    let mut t = Team::new("dev", 10.0);
    t.consultants = Some(ConsultantCapacity {
        hours_per_week: 5.0,
        cost_per_hour: 100.0,
        max_hours,
    });
    t
}

/// Eight unit periods, [`dev`], and one-period orders `a` and `b` of 7 h each.
fn bought(max_hours: Option<f64>) -> Portfolio {
    let mut p = units(8);
    p.add_team(dev(max_hours));
    p.add_order(Order::fixed("a", 1, [("dev", 7.0)]));
    p.add_order(Order::fixed("b", 1, [("dev", 7.0)]));
    p
}

fn one(id: &str, t: u32) -> PlannedOrder {
    with(at(id, t, t, t), &[("dev", t, 7.0)])
}

#[test]
fn consultants_add_to_capacity_scaled_by_working_days() {
    let p = bought(None);
    // 14 h in period 0: 10 h own and 4 h bought.
    let plan = complete(&p, vec![one("a", 0), one("b", 0)]);
    assert_eq!(
        (
            plan.team_periods[0].consultant_hours,
            plan.team_periods[0].consultant_cost
        ),
        (4.0, 400.0)
    );
    assert_eq!(
        (plan.summary.consultant_hours, plan.summary.consultant_cost),
        (4.0, 400.0)
    );
    assert_ok(&p, &plan);

    let mut p = bought(None);
    p.orders[1].demand[0].hours_per_week = 9.0;
    let plan = complete(
        &p,
        vec![one("a", 0), with(at("b", 0, 0, 0), &[("dev", 0, 9.0)])],
    );
    let report = assert_only(&p, &plan, Rule::Capacity);
    assert!(
        report.violations[0].message.contains("16.00 h")
            && report.violations[0].message.contains("15.00 h"),
        "{}",
        report.violations[0].message
    );

    // Christmas week has 2/5 of a week: 4 h own and 2 h of consultants.
    let mut p = christmas();
    p.add_team(dev(None));
    let mut e = Order::effort("e", [("dev", 6.0)]);
    e.effort[0].max_hours_per_week = Some(100.0);
    p.add_order(e);
    let run = |h: f64| with(at("e", 2, 2, 2), &[("dev", 2, h)]);
    assert_ok(&p, &complete(&p, vec![run(6.0)]));
    p.orders[0].effort[0].hours = 7.0;
    assert_only(&p, &complete(&p, vec![run(7.0)]), Rule::Capacity);
}

#[test]
fn consultant_hours_stay_under_the_ceiling() {
    // 4 h bought in each of periods 0 and 1.
    let mut p = bought(Some(8.0));
    p.add_order(Order::fixed("c", 1, [("dev", 7.0)]));
    p.add_order(Order::fixed("d", 1, [("dev", 7.0)]));
    let orders = || vec![one("a", 0), one("b", 0), one("c", 1), one("d", 1)];
    assert_ok(&p, &complete(&p, orders()));
    p.teams[0].consultants.as_mut().expect("external").max_hours = Some(6.0);
    let report = assert_only(&p, &complete(&p, orders()), Rule::ConsultantLimit);
    assert_eq!(report.violations.len(), 1);
    assert!(report.violations[0]
        .message
        .contains("8.00 consultant hours"));
}

#[test]
fn the_load_table_shows_the_consultant_hours_and_their_cost() {
    let p = bought(None);
    let good = complete(&p, vec![one("a", 0), one("b", 0)]);
    // Utilisation is the own staff's: the consultant hours do not push it above 1.
    assert!(good.team_periods[0].consultant_hours > 0.0);
    assert!((good.team_periods[0].utilisation - 1.0).abs() < 1e-9);
    let mut mixed = good.clone();
    mixed.team_periods[0].utilisation = mixed.team_periods[0].load / mixed.team_periods[0].capacity;
    assert_only(&p, &mixed, Rule::LoadTable);

    let mut wrong = good.clone();
    wrong.team_periods[0].consultant_hours = 3.0;
    wrong.team_periods[0].consultant_cost = 300.0;
    // The hours, their cost, and the own staff's utilisation computed from them.
    let report = assert_only(&p, &wrong, Rule::LoadTable);
    assert_eq!(report.violations.len(), 3);

    let mut wrong = good.clone();
    wrong.team_periods[0].consultant_cost = 4.0;
    assert_only(&p, &wrong, Rule::LoadTable);

    // Consultant hours where the team has spare capacity.
    let mut wrong = good;
    wrong.team_periods[1].consultant_hours = 1.0;
    wrong.team_periods[1].consultant_cost = 100.0;
    assert_only(&p, &wrong, Rule::LoadTable);

    // A team without consultants buys none.
    let mut p = bought(None);
    p.teams[0].consultants = None;
    let mut plan = complete(&p, vec![one("a", 0), one("b", 1)]);
    assert_ok(&p, &plan);
    plan.team_periods[0].consultant_hours = 1.0;
    assert_only(&p, &plan, Rule::LoadTable);
}

#[test]
fn consultant_spend_stays_within_the_total_budget() {
    let mut p = bought(None);
    p.budgets.push(Budget {
        per: BudgetSpan::Total,
        amount: 400.0,
    });
    let plan = complete(&p, vec![one("a", 0), one("b", 0)]);
    assert_eq!(plan.budgets.len(), 1);
    assert_eq!(plan.budgets[0].label, "total");
    assert_eq!(plan.budgets[0].spent, 400.0);
    assert_ok(&p, &plan);

    p.budgets[0].amount = 399.0;
    let report = assert_only(
        &p,
        &complete(&p, vec![one("a", 0), one("b", 0)]),
        Rule::Budget,
    );
    assert_eq!(report.violations.len(), 1);
    assert!(report.violations[0].message.contains("400.00"));
}

/// Weeks from 2014-01-06 to 2014-04-06 (13 weeks, periods 0 to 12), [`dev`], a monthly
/// budget of 500 and a quarterly one of 1000; one-week orders `a` and `b` of 7 h.
fn monthly() -> Portfolio {
    let mut p = Portfolio::new(Calendar::weeks(day("2014-01-06"), day("2014-04-06")));
    p.add_team(dev(None));
    p.add_order(Order::fixed("a", 1, [("dev", 7.0)]));
    p.add_order(Order::fixed("b", 1, [("dev", 7.0)]));
    for (per, amount) in [(BudgetSpan::Month, 500.0), (BudgetSpan::Quarter, 1000.0)] {
        p.budgets.push(Budget { per, amount });
    }
    p
}

/// `a` and `b` both in week `t`: 4 h bought there.
fn crowded(p: &Portfolio, t: u32) -> Plan {
    complete(p, vec![one("a", t), one("b", t)])
}

#[test]
fn budgets_hold_in_every_month_and_quarter_and_the_plan_lists_them() {
    let mut p = monthly();
    let plan = crowded(&p, 5);
    let labels: Vec<&str> = plan.budgets.iter().map(|b| b.label.as_str()).collect();
    // Week 2014-03-31 starts in March, so the quarter ends with period 12.
    assert_eq!(labels, ["2014-01", "2014-02", "2014-03", "2014-Q1"]);
    assert_eq!(
        (plan.budgets[1].first_period, plan.budgets[1].last_period),
        (4, 7)
    );
    assert_eq!(plan.budgets[1].spent, 400.0);
    assert_ok(&p, &plan);

    p.budgets[0].amount = 300.0;
    let report = assert_only(&p, &crowded(&p, 5), Rule::Budget);
    assert_eq!(report.violations.len(), 1);
    let v = &report.violations[0];
    assert_eq!(v.period, Some(4));
    assert!(
        v.message.contains("2014-02") && v.message.contains("month"),
        "{}",
        v.message
    );

    // The table: wrong spend, wrong periods, wrong amount, a missing row, an extra row.
    let p = monthly();
    let good = crowded(&p, 5);
    let mut wrong = good.clone();
    wrong.budgets[1].spent = 0.0;
    assert_only(&p, &wrong, Rule::Budget);
    let mut wrong = good.clone();
    wrong.budgets[1].last_period = 8;
    assert_only(&p, &wrong, Rule::Budget);
    let mut wrong = good.clone();
    wrong.budgets[3].amount = 2000.0;
    assert_only(&p, &wrong, Rule::Budget);
    let mut wrong = good.clone();
    wrong.budgets.remove(0);
    let report = assert_only(&p, &wrong, Rule::Budget);
    assert!(report.violations[0].message.contains("no row"));
    let mut wrong = good.clone();
    let mut row = good.budgets[0].clone();
    row.label = "2013-12".into();
    wrong.budgets.push(row);
    let report = assert_only(&p, &wrong, Rule::Budget);
    assert_eq!(report.violations.len(), 1);
    // Rows are matched by span, not by position.
    let mut shuffled = good;
    shuffled.budgets.reverse();
    assert_ok(&p, &shuffled);
}

#[test]
fn money_is_equal_within_the_hours_tolerance_at_the_hours_price() {
    use crate::verify::{money_equal, HOURS_ABS_TOL};
    // Costs that differ by rounding in the hours behind them: 0.9 × the hours tolerance at
    // 1 200 an hour is 0.108, equal; 2 × is not (a tolerance divided by the price instead of
    // multiplied went unnoticed before this test).
    let price = 1200.0;
    assert!(money_equal(
        60_000.0,
        60_000.0 + 0.9 * HOURS_ABS_TOL * price,
        price
    ));
    assert!(!money_equal(
        60_000.0,
        60_000.0 + 2.0 * HOURS_ABS_TOL * price,
        price
    ));
    assert!(!money_equal(f64::NAN, 0.0, price));
}

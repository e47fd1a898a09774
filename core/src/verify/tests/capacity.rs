//! Team capacity and the load table.

use super::{assert_ok, assert_only, at, christmas, complete, units, with};
use crate::model::{CapacityOverride, Order, Portfolio, Team, TimePoint};
use crate::plan::TeamPeriod;
use crate::verify::Rule;

/// Six unit periods, a team `dev` of 10 h and two one-period orders of 6 h each.
fn pair() -> Portfolio {
    let mut p = units(6);
    p.add_team(Team::new("dev", 10.0));
    p.add_order(Order::fixed("a", 1, [("dev", 6.0)]));
    p.add_order(Order::fixed("b", 1, [("dev", 6.0)]));
    p
}

fn one(id: &str, t: u32) -> super::PlannedOrder {
    with(at(id, t, t, t), &[("dev", t, 6.0)])
}

#[test]
fn teams_work_no_more_than_their_capacity() {
    let p = pair();
    assert_ok(&p, &complete(&p, vec![one("a", 0), one("b", 1)]));
    let report = assert_only(
        &p,
        &complete(&p, vec![one("a", 0), one("b", 0)]),
        Rule::Capacity,
    );
    assert_eq!(report.violations.len(), 1);
    let v = &report.violations[0];
    assert_eq!((v.team.as_deref(), v.period), (Some("dev"), Some(0)));
    assert!(
        v.message.contains("12.00 h") && v.message.contains("10.00 h"),
        "{}",
        v.message
    );
}

#[test]
fn capacity_follows_overrides_and_working_days() {
    let mut p = pair();
    p.teams[0].capacity_overrides.push(CapacityOverride {
        from: TimePoint::Period(1),
        to: TimePoint::Period(1),
        factor: Some(0.5),
        hours_per_week: None,
    });
    assert_ok(&p, &complete(&p, vec![one("a", 0), one("b", 2)]));
    assert_only(
        &p,
        &complete(&p, vec![one("a", 0), one("b", 1)]),
        Rule::Capacity,
    );
    // A period without capacity (a factor of 0) has utilisation 0 in the load table, not a
    // division by zero (a mutant that divided there went unnoticed before).
    p.teams[0].capacity_overrides[0].factor = Some(0.0);
    assert_ok(&p, &complete(&p, vec![one("a", 0), one("b", 2)]));

    // Christmas week has 2/5 of a 10 h week: 4 h.
    let mut p = christmas();
    p.add_team(Team::new("dev", 10.0));
    let mut e = Order::effort("e", [("dev", 5.0)]);
    e.effort[0].max_hours_per_week = Some(100.0);
    p.add_order(e);
    assert_ok(
        &p,
        &complete(&p, vec![with(at("e", 1, 1, 1), &[("dev", 1, 5.0)])]),
    );
    let report = assert_only(
        &p,
        &complete(&p, vec![with(at("e", 2, 2, 2), &[("dev", 2, 5.0)])]),
        Rule::Capacity,
    );
    assert!(report.violations[0].message.contains("2013-W52"));
}

#[test]
fn the_load_table_agrees_with_the_work_and_the_calendar() {
    let p = pair();
    let good = complete(&p, vec![one("a", 0), one("b", 1)]);
    assert_eq!(good.team_periods.len(), 6);
    assert_eq!(good.team_periods[0].load, 6.0);

    let mut wrong_load = good.clone();
    wrong_load.team_periods[1].load = 5.0;
    wrong_load.team_periods[1].utilisation = 0.5;
    let report = assert_only(&p, &wrong_load, Rule::LoadTable);
    assert_eq!(report.violations.len(), 1);
    assert_eq!(report.violations[0].period, Some(1));

    let mut wrong_capacity = good.clone();
    wrong_capacity.team_periods[2].capacity = 8.0;
    assert_only(&p, &wrong_capacity, Rule::LoadTable);

    let mut wrong_util = good.clone();
    wrong_util.team_periods[0].utilisation = 1.0;
    assert_only(&p, &wrong_util, Rule::LoadTable);

    let mut wrong_label = good.clone();
    wrong_label.team_periods[0].label = "P1".into();
    assert_only(&p, &wrong_label, Rule::LoadTable);

    let mut missing = good.clone();
    missing.team_periods.truncate(2);
    let report = assert_only(&p, &missing, Rule::LoadTable);
    assert_eq!(report.violations.len(), 1);
    assert!(report.violations[0].message.contains("and 1 more"));

    let mut repeated = good.clone();
    let row = repeated.team_periods[3].clone();
    repeated.team_periods.push(row);
    assert_only(&p, &repeated, Rule::LoadTable);

    let mut stray = good.clone();
    stray.team_periods.push(TeamPeriod {
        team: "qa".into(),
        ..good.team_periods[0].clone()
    });
    stray.team_periods.push(TeamPeriod {
        period: 6,
        ..good.team_periods[0].clone()
    });
    let report = assert_only(&p, &stray, Rule::LoadTable);
    assert_eq!(report.violations.len(), 2);
}

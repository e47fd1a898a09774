//! Holidays, the summer dip and working days shape capacity and so the plan.

mod common;
use common::{d, optimal};
use leverans::{
    Calendar, CapacityOverride, HolidayRules, Objective, Order, Portfolio, Team, TimePoint,
};

fn christmas_portfolio(holidays: HolidayRules) -> Portfolio {
    // 2013-W51 .. 2014-W02. With Swedish holidays and eves off the weeks have 5, 2, 3 and 4
    // working days, so a 40 h/week team has 40, 16, 24 and 32 hours.
    let mut cal = Calendar::weeks(d("2013-12-16"), d("2014-01-12"));
    cal.holidays = holidays;
    cal.eves_off = holidays == HolidayRules::Swedish;
    let mut p = Portfolio::new(cal);
    p.add_team(Team::new("dev", 40.0));
    p.add_order(Order::effort("upgrade", [("dev", 100.0)]));
    p
}

#[test]
fn holidays_reduce_capacity_and_delay_the_finish() {
    let p = christmas_portfolio(HolidayRules::Swedish);
    let out = optimal(&p, Objective::Makespan);
    // 40 + 16 + 24 = 80 < 100 h: the work runs into 2014-W02.
    assert_eq!(out.objective, Some(4.0));
    let plan = out.plan.unwrap();
    let christmas: f64 = plan.orders[0]
        .work
        .iter()
        .filter(|w| w.period == 1)
        .map(|w| w.hours)
        .sum();
    assert!(
        christmas <= 16.0 + 1e-6,
        "Christmas week has 16 h, plan uses {christmas}"
    );
    assert_eq!(plan.team_periods[1].capacity, 16.0);
    assert_eq!(plan.team_periods[2].capacity, 24.0);
    assert_eq!(plan.team_periods[3].capacity, 32.0);
    assert_eq!(plan.orders[0].go_live, Some(d("2014-01-10")));
}

#[test]
fn without_holidays_the_same_work_finishes_a_week_earlier() {
    let p = christmas_portfolio(HolidayRules::None);
    let out = optimal(&p, Objective::Makespan);
    assert_eq!(out.objective, Some(3.0));
}

#[test]
fn summer_dip_slows_effort_driven_work() {
    // Weeks 27-35 of 2014; the team works at 40 % in weeks 27-32.
    let mut p = Portfolio::new(Calendar::weeks(d("2014-06-30"), d("2014-08-31")));
    let mut team = Team::new("dev", 40.0);
    team.capacity_overrides.push(CapacityOverride {
        from: TimePoint::Date(d("2014-06-30")),
        to: TimePoint::Date(d("2014-08-10")),
        factor: Some(0.4),
        hours_per_week: None,
    });
    p.add_team(team);
    p.add_order(Order::effort("gis", [("dev", 120.0)]));
    let out = optimal(&p, Objective::Makespan);
    // 6 weeks at 16 h = 96 h, then 24 h in week 33: finish in period 6.
    assert_eq!(out.objective, Some(7.0));
    let plan = out.plan.unwrap();
    for w in &plan.orders[0].work {
        if w.period < 6 {
            assert!(w.hours <= 16.0 + 1e-6);
        }
    }
}

#[test]
fn closed_days_count_as_days_off() {
    let mut cal = Calendar::weeks(d("2014-03-03"), d("2014-03-16"));
    cal.closed_days = vec![d("2014-03-03"), d("2014-03-04")];
    let mut p = Portfolio::new(cal);
    p.add_team(Team::new("dev", 40.0));
    p.add_order(Order::effort("a", [("dev", 30.0)]));
    let out = optimal(&p, Objective::Makespan);
    // The first week has 3 working days = 24 h < 30 h.
    assert_eq!(out.objective, Some(2.0));
}

#[test]
fn day_calendar_skips_weekends_and_holidays() {
    // Thursday 2014-05-29 is Ascension Day.
    let mut p = Portfolio::new(Calendar::days(d("2014-05-28"), d("2014-06-03")));
    p.add_team(Team::new("dev", 40.0)); // 8 h a working day
    p.add_order(Order::effort("a", [("dev", 24.0)]));
    let out = optimal(&p, Objective::Makespan);
    // Working days: Wed 28, Fri 30, Mon 2 June -> 24 h done on Monday, period 5.
    assert_eq!(out.objective, Some(6.0));
    let plan = out.plan.unwrap();
    assert_eq!(plan.orders[0].go_live, Some(d("2014-06-02")));
}

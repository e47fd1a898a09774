//! Freeze windows, go-live slots and go-live lags.

mod common;
use common::{d, optimal};
use leverans::{
    Calendar, FreezeWindow, HolidayRules, Objective, Order, Portfolio, Team, TimePoint,
};

#[test]
fn go_live_waits_for_the_end_of_a_freeze_window_in_periods() {
    let mut p = Portfolio::new(Calendar::units(12));
    p.add_team(Team::new("dev", 1.0));
    p.add_order(Order::fixed("a", 3, [("dev", 1.0)]));
    p.add_freeze_window(FreezeWindow {
        name: "freeze".into(),
        from: TimePoint::Period(2),
        to: TimePoint::Period(4),
    });
    let out = optimal(&p, Objective::Makespan);
    let a = out.plan.as_ref().unwrap().order("a").unwrap().clone();
    // Finished in period 2 at the earliest, frozen 2-4: live in 5.
    assert_eq!(a.go_live_period, Some(5));
    assert_eq!(out.objective, Some(6.0));
}

#[test]
fn christmas_freeze_moves_go_live_into_january_while_work_goes_on() {
    let mut p = Portfolio::new(Calendar::weeks(d("2013-12-02"), d("2014-01-26")));
    p.add_team(Team::new("dev", 40.0));
    p.add_order(Order::effort("e-service", [("dev", 120.0)]));
    p.add_freeze_window(FreezeWindow {
        name: "Christmas".into(),
        from: TimePoint::Date(d("2013-12-18")),
        to: TimePoint::Date(d("2014-01-07")),
    });
    let out = optimal(&p, Objective::Makespan);
    let o = out
        .plan
        .as_ref()
        .unwrap()
        .order("e-service")
        .unwrap()
        .clone();
    // Work ends in W51 (Friday 20 Dec, frozen); W52 and W01 are frozen too.
    assert_eq!(o.finish_period, Some(2));
    assert_eq!(o.go_live, Some(d("2014-01-10")));
}

#[test]
fn at_most_n_go_lives_per_period() {
    let mut p = Portfolio::new(Calendar::units(10));
    for k in 0..3 {
        let team = format!("t{k}");
        p.add_team(Team::new(team.clone(), 1.0));
        p.add_order(Order::fixed(format!("o{k}"), 1, [(team, 1.0)]));
    }
    p.max_go_lives_per_period = Some(1);
    let out = optimal(&p, Objective::Makespan);
    assert_eq!(out.objective, Some(3.0));
    let mut periods: Vec<u32> = out
        .plan
        .unwrap()
        .orders
        .iter()
        .map(|o| o.go_live_period.unwrap())
        .collect();
    periods.sort();
    assert_eq!(periods, vec![0, 1, 2]);
}

#[test]
fn go_live_lag_separates_finish_and_go_live() {
    let mut p = Portfolio::new(Calendar::units(10));
    p.add_team(Team::new("dev", 1.0));
    let mut o = Order::fixed("a", 2, [("dev", 1.0)]);
    o.go_live_lag = 3;
    p.add_order(o);
    let out = optimal(&p, Objective::Makespan);
    assert_eq!(out.plan.unwrap().orders[0].go_live_period, Some(4));
}

#[test]
fn no_go_live_in_a_week_without_working_days() {
    // A day calendar: Saturday and Sunday have no go-live day.
    let mut cal = Calendar::days(d("2014-03-07"), d("2014-03-12"));
    cal.holidays = HolidayRules::None;
    let mut p = Portfolio::new(cal);
    p.add_team(Team::new("dev", 40.0));
    let mut o = Order::effort("a", [("dev", 8.0)]);
    o.go_live_lag = 1;
    p.add_order(o);
    let out = optimal(&p, Objective::Makespan);
    // Work on Friday 7th; go-live at the earliest one period later, but not on the weekend.
    assert_eq!(out.plan.unwrap().orders[0].go_live, Some(d("2014-03-10")));
}

//! Bad input gets clear errors naming the order or team, the field and the value; all at once.

use leverans::io::read_portfolio_json;
use leverans::{
    solve, validate, Calendar, Dependency, Error, Order, Portfolio, SolveOptions, Team, TimePoint,
};

fn base() -> Portfolio {
    let mut p = Portfolio::new(Calendar::weeks(
        "2014-01-06".parse().unwrap(),
        "2014-06-29".parse().unwrap(),
    ));
    p.add_team(Team::new("dev", 40.0));
    p.add_team(Team::new("ops", 20.0));
    p
}

fn issue<'a>(r: &'a leverans::ValidationReport, code: &str) -> &'a leverans::Issue {
    r.issues
        .iter()
        .find(|i| i.code == code)
        .unwrap_or_else(|| panic!("no `{code}` in {r}"))
}

#[test]
fn malformed_json_names_line_and_column() {
    let text = "{\n  \"calendar\": {\"period\": \"unit\", \"periods\": 3},\n  \"teams\": [,]\n}";
    let err = read_portfolio_json(text, "p.json").unwrap_err();
    match err {
        Error::Parse { line, column, .. } => {
            assert_eq!(line, 3);
            assert!(column > 0);
        }
        other => panic!("expected a parse error, got {other}"),
    }
}

#[test]
fn unknown_fields_are_rejected_not_dropped() {
    let text = r#"{"calendar": {"period": "unit", "periods": 3}, "teams": [], "orders": [{"id": "a", "duraton": 2}]}"#;
    let err = read_portfolio_json(text, "p.json").unwrap_err().to_string();
    assert!(err.contains("duraton"), "{err}");
}

#[test]
fn a_bad_enum_value_lists_the_valid_ones() {
    let text = r#"{"calendar": {"period": "month"}, "teams": [], "orders": []}"#;
    let err = read_portfolio_json(text, "p.json").unwrap_err().to_string();
    assert!(err.contains("week") && err.contains("unit"), "{err}");
}

#[test]
fn every_problem_is_reported_at_once() {
    let mut p = base();
    p.add_team(Team::new("dev", 10.0)); // duplicate team
    p.add_order(Order::effort("a", [("nobody", 10.0)])); // unknown team
    p.add_order(Order::effort("a", [("dev", f64::NAN)])); // duplicate id, NaN hours
    p.add_order(Order::effort("b", [("dev", -5.0)])); // negative
    p.add_order(Order::effort("c", [("dev", f64::INFINITY)])); // infinite
    let report = validate(&p).unwrap_err();
    let codes = report.codes();
    for code in ["duplicate_id", "unknown_team", "invalid_number"] {
        assert!(codes.contains(&code), "{code} missing from {report}");
    }
    assert_eq!(
        codes.iter().filter(|c| **c == "invalid_number").count(),
        3,
        "{report}"
    );
    let nan = report
        .issues
        .iter()
        .find(|i| i.value == "NaN")
        .expect("NaN named");
    assert_eq!(
        (nan.entity.as_str(), nan.id.as_str(), nan.field.as_str()),
        ("order", "a", "effort.hours")
    );
}

#[test]
fn a_dependency_cycle_is_printed_as_a_path() {
    let mut p = base();
    for id in ["a", "b", "c"] {
        p.add_order(Order::effort(id, [("dev", 10.0)]));
    }
    p.dependencies.push(Dependency::finish_to_start("a", "b"));
    p.dependencies.push(Dependency::finish_to_start("b", "c"));
    p.dependencies.push(Dependency::finish_to_start("c", "a"));
    let report = validate(&p).unwrap_err();
    let i = issue(&report, "dependency_cycle");
    assert_eq!(i.value, "a -> b -> c -> a");
}

#[test]
fn unknown_orders_in_dependencies() {
    let mut p = base();
    p.add_order(Order::effort("a", [("dev", 10.0)]));
    p.dependencies
        .push(Dependency::finish_to_start("a", "ghost"));
    let report = validate(&p).unwrap_err();
    let i = issue(&report, "unknown_order");
    assert_eq!((i.field.as_str(), i.value.as_str()), ("to", "ghost"));
}

#[test]
fn dates_in_the_wrong_order_or_outside_the_horizon() {
    let mut p = base();
    let mut a = Order::effort("a", [("dev", 10.0)]);
    a.release = Some(TimePoint::Date("2014-03-03".parse().unwrap()));
    a.deadline = Some(TimePoint::Date("2014-02-03".parse().unwrap()));
    p.add_order(a);
    let mut b = Order::effort("b", [("dev", 10.0)]);
    b.due = Some(TimePoint::Date("2015-01-05".parse().unwrap()));
    p.add_order(b);
    let report = validate(&p).unwrap_err();
    assert_eq!(issue(&report, "deadline_before_release").id, "a");
    let out = issue(&report, "date_outside_horizon");
    assert_eq!(
        (out.id.as_str(), out.field.as_str(), out.value.as_str()),
        ("b", "due", "2015-01-05")
    );
}

#[test]
fn work_on_a_team_without_capacity() {
    let mut p = base();
    p.add_team(Team::new("empty", 0.0));
    p.add_order(Order::effort("a", [("empty", 10.0)]));
    let report = validate(&p).unwrap_err();
    assert_eq!(issue(&report, "team_without_capacity").value, "empty");
}

#[test]
fn work_that_cannot_fit_the_horizon_at_its_pace() {
    let mut p = base();
    let mut a = Order::effort("big", [("dev", 2000.0)]);
    a.effort[0].max_hours_per_week = Some(20.0);
    p.add_order(a);
    let report = validate(&p).unwrap_err();
    let i = issue(&report, "work_does_not_fit");
    assert_eq!(
        (i.id.as_str(), i.field.as_str(), i.value.as_str()),
        ("big", "effort.hours", "2000")
    );
}

#[test]
fn solve_returns_the_validation_report_not_a_panic() {
    let mut p = base();
    p.add_order(Order::effort("a", [("dev", f64::NAN)]));
    match solve(&p, &SolveOptions::default()) {
        Err(Error::Invalid(r)) => assert_eq!(r.codes(), ["invalid_number"]),
        other => panic!("expected invalid input, got {other:?}"),
    }
}

#[test]
fn empty_calendar_and_mixed_work_forms() {
    let mut p = Portfolio::new(Calendar::units(0));
    p.add_team(Team::new("dev", 1.0));
    let mut o = Order::fixed("a", 0, [("dev", 1.0)]);
    o.effort = Order::effort("x", [("dev", 1.0)]).effort;
    p.add_order(o);
    let report = validate(&p).unwrap_err();
    let codes = report.codes();
    assert!(codes.contains(&"invalid_calendar"), "{report}");
    assert!(codes.contains(&"invalid_work"), "{report}");
    assert!(codes.contains(&"invalid_number"), "{report}");
}

#[test]
fn freeze_windows_over_the_whole_horizon_are_refused_by_the_check() {
    let mut p = base();
    p.add_order(Order::effort("a", [("dev", 40.0)]));
    p.add_freeze_window(leverans::FreezeWindow {
        name: "spring".into(),
        from: TimePoint::Date("2014-01-01".parse().unwrap()),
        to: TimePoint::Date("2014-03-31".parse().unwrap()),
    });
    p.add_freeze_window(leverans::FreezeWindow {
        name: "summer".into(),
        from: TimePoint::Date("2014-04-01".parse().unwrap()),
        to: TimePoint::Date("2014-07-31".parse().unwrap()),
    });
    let r = validate(&p).unwrap_err();
    let i = issue(&r, "no_go_live_period");
    assert_eq!(i.entity, "freeze_window");
    assert_eq!(i.id, "spring, summer");
    assert!(i.message.contains("no order can go live"), "{i}");
    // One day left open is enough to plan.
    p.freeze_windows[1].from = TimePoint::Date("2014-04-08".parse().unwrap());
    assert!(validate(&p).is_ok());
}

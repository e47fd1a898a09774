//! Regression tests for the bad-input battery (issue: one contract; every bad input handled):
//! each test is named after the input a careless user or a hostile file gave, and checks the
//! message says what was wrong in the user's words, never a panic or a Rust type name.

use leverans::io::{read_portfolio_json, read_text};
use leverans::validate::warnings;
use leverans::{validate, Calendar, CapacityOverride, Error, Order, Portfolio, Team, TimePoint};

fn parse_message(text: &str) -> String {
    match read_portfolio_json(text, "p.json").unwrap_err() {
        Error::Parse { message, .. } => message,
        other => panic!("not a parse error: {other}"),
    }
}

const CAL: &str = r#""calendar": {"period": "week", "start": "2014-01-06", "end": "2014-06-30"}"#;

#[test]
fn an_invalid_date_2014_02_29_names_the_value_not_an_untagged_enum() {
    let text = format!(
        r#"{{ {CAL}, "teams": [{{"id": "dev", "hours_per_week": 10}}],
  "orders": [{{"id": "a", "effort": [{{"team": "dev", "hours": 10}}], "due": "2014-02-29"}}] }}"#
    );
    let m = parse_message(&text);
    assert!(m.contains("\"2014-02-29\" is not a date"), "{m}");
    assert!(!m.contains("enum") && !m.contains("TimePoint"), "{m}");
}

#[test]
fn nan_and_infinity_literals_are_named() {
    for word in ["NaN", "Infinity", "-Infinity"] {
        let text = format!(
            r#"{{ {CAL}, "teams": [{{"id": "dev", "hours_per_week": {word}}}], "orders": [] }}"#
        );
        let m = parse_message(&text);
        assert!(
            m.contains(&format!("`{word}` is not a number JSON allows")),
            "{m}"
        );
    }
}

#[test]
fn a_1e300_value_is_printed_short() {
    let mut p = Portfolio::new(Calendar::units(4));
    p.add_team(Team::new("dev", 10.0));
    p.add_order(Order::effort("a", [("dev", -1e300)]));
    let report = validate(&p).unwrap_err();
    let text = report.to_string();
    assert!(text.contains("= -1e300"), "{text}");
    assert!(text.len() < 300, "{text}");
}

#[test]
fn an_override_with_both_factor_and_hours_reads_plainly() {
    let mut p = Portfolio::new(Calendar::units(4));
    let mut team = Team::new("dev", 10.0);
    team.capacity_overrides.push(CapacityOverride {
        from: TimePoint::Period(0),
        to: TimePoint::Period(1),
        factor: Some(0.5),
        hours_per_week: Some(3.0),
    });
    p.add_team(team);
    let text = validate(&p).unwrap_err().to_string();
    assert!(text.contains("factor 0.5, hours_per_week 3"), "{text}");
    assert!(!text.contains("Some("), "{text}");
}

#[test]
fn a_binary_file_is_a_parse_error_naming_utf8() {
    let path = std::env::temp_dir().join(format!("leverans-binary-{}.json", std::process::id()));
    std::fs::write(&path, [b'{', 0xff, 0xfe, 0x00, b'}']).unwrap();
    let err = read_text(&path).unwrap_err();
    std::fs::remove_file(&path).ok();
    match err {
        Error::Parse { message, line, .. } => {
            assert!(message.contains("not UTF-8"), "{message}");
            assert_eq!(line, 1);
        }
        other => panic!("not a parse error: {other}"),
    }
}

#[test]
fn orders_without_work_or_with_zero_hours_are_warned_about() {
    let mut p = Portfolio::new(Calendar::units(4));
    p.add_team(Team::new("dev", 10.0));
    p.add_order(Order::effort("zero", [("dev", 0.0)]));
    let mut none = Order::effort("none", [("dev", 1.0)]);
    none.effort.clear();
    p.add_order(none);
    assert!(validate(&p).is_ok(), "they can be planned");
    let w = warnings(&p);
    let codes: Vec<(&str, &str)> = w.iter().map(|i| (i.id.as_str(), i.code.as_str())).collect();
    assert_eq!(codes, [("zero", "zero_hours"), ("none", "no_work")]);
}

#[test]
fn a_portfolio_eight_times_over_capacity_is_warned_about() {
    let mut p = Portfolio::new(Calendar::units(5));
    p.add_team(Team::new("dev", 10.0));
    let mut o = Order::effort("big", [("dev", 400.0)]);
    o.optional = true;
    p.add_order(o);
    let w = warnings(&p);
    assert_eq!(w.len(), 1, "{w:?}");
    assert_eq!(
        (w[0].code.as_str(), w[0].id.as_str()),
        ("over_capacity", "dev")
    );
    assert!(w[0].message.contains("8.0 times"), "{}", w[0].message);
    // Within capacity: nothing to say.
    p.orders[0].effort[0].hours = 40.0;
    assert!(warnings(&p).is_empty());
}

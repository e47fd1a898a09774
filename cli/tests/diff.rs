//! `leverans diff`: two plans of a portfolio before and after a re-prioritisation; the order
//! raised moves earlier, the other later, and the figures before and after are given.

mod common;

use common::{dir, plan_to, run, write};

const PORTFOLIO: &str = r#"{
  "name": "two",
  "calendar": { "period": "unit", "periods": 12 },
  "teams": [ { "id": "dev", "hours_per_week": 10 } ],
  "orders": [
    { "id": "x", "priority": "low", "effort": [ { "team": "dev", "hours": 30 } ], "due": 2 },
    { "id": "y", "priority": "high", "effort": [ { "team": "dev", "hours": 30 } ], "due": 2 }
  ]
}"#;

#[test]
fn a_raised_priority_moves_its_order_earlier_and_the_diff_says_so() {
    let d = dir("diff-two");
    let before_p = write(&d, "before.json", PORTFOLIO);
    let after_p = write(
        &d,
        "after.json",
        &PORTFOLIO.replace("\"priority\": \"low\"", "\"priority\": \"critical\""),
    );
    let before = d.join("plan-before.json").to_string_lossy().into_owned();
    let after = d.join("plan-after.json").to_string_lossy().into_owned();
    plan_to(&before_p, &before);
    plan_to(&after_p, &after);
    let (code, out, err) = run(&["diff", &before, &after, "--portfolio", &after_p]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with("Changed: 2 of 2 orders (1 go live earlier, 1 later"),
        "{out}"
    );
    assert!(out.contains("Weighted lateness"), "{out}");
    let (code, out, _) = run(&["diff", &before, &after, "--json"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let x = v["orders"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["id"] == "x")
        .unwrap();
    assert_eq!(x["go_live_shift"], -3);
    assert_eq!(x["lateness_after"], 0);
}

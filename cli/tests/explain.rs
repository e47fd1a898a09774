//! `leverans explain`: reads the plan file `leverans plan --out` writes, prints why each late
//! order is late and what would make it on time; exit 2 for an unknown order, 5 for a plan
//! that breaks the portfolio's rules (it would explain the breakage as reasons).

mod common;

use common::{dir, plan_to, run, write};

const PORTFOLIO: &str = r#"{
  "name": "clash",
  "calendar": { "period": "unit", "periods": 10 },
  "teams": [ { "id": "dev", "hours_per_week": 10 } ],
  "orders": [
    { "id": "a", "effort": [ { "team": "dev", "hours": 40 } ], "deadline": 3 },
    { "id": "b", "effort": [ { "team": "dev", "hours": 20 } ], "due": 2 }
  ]
}"#;

#[test]
fn explain_reads_the_plan_file_and_names_the_full_team() {
    let d = dir("explain-clash");
    let portfolio = write(&d, "portfolio.json", PORTFOLIO);
    let plan = d.join("plan.json").to_string_lossy().into_owned();
    plan_to(&portfolio, &plan);
    // The plan file carries the explanations.
    let text = std::fs::read_to_string(&plan).unwrap();
    assert!(text.contains("\"explanations\""), "{text}");
    let (code, out, err) = run(&["explain", &portfolio, &plan]);
    assert_eq!(code, 0, "{err}");
    assert!(out.starts_with("b ("), "{out}");
    assert!(out.contains("postponed"), "{out}");
    assert!(out.contains("`dev` is fully booked"), "{out}");
    assert!(out.contains("`a`"), "{out}");
    assert!(out.contains("to be on time:"), "{out}");
    assert!(
        !out.contains("a (, medium)"),
        "only late orders by default: {out}"
    );

    let (code, out, _) = run(&["explain", &portfolio, &plan, "--order", "a", "--json"]);
    assert_eq!(code, 0);
    let items: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(items[0]["order"], "a");
    assert_eq!(items[0]["decision"], "delivered");
}

#[test]
fn explain_refuses_unknown_orders_and_plans_that_break_rules() {
    let d = dir("explain-errors");
    let portfolio = write(&d, "portfolio.json", PORTFOLIO);
    let plan = d.join("plan.json").to_string_lossy().into_owned();
    plan_to(&portfolio, &plan);
    let (code, _, err) = run(&["explain", &portfolio, &plan, "--order", "nope"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("nope"), "{err}");

    // `b` made 1 hour shorter in the portfolio: the plan no longer fits it.
    let changed = write(
        &d,
        "changed.json",
        &PORTFOLIO.replace("\"hours\": 20", "\"hours\": 19"),
    );
    let (code, _, err) = run(&["explain", &changed, &plan]);
    assert_eq!(code, 5, "{err}");
    assert!(err.contains("breaks rules"), "{err}");
}

#[test]
fn an_infeasible_portfolio_exits_3_naming_the_clash_and_a_way_out() {
    let d = dir("explain-infeasible");
    // Both due by period 3: 70 h of work, 40 h of dev.
    let portfolio = write(
        &d,
        "portfolio.json",
        &PORTFOLIO.replace(
            "\"hours\": 20 } ], \"due\": 2",
            "\"hours\": 30 } ], \"deadline\": 3",
        ),
    );
    let (code, out, err) = run(&["plan", &portfolio, "--time-limit", "20"]);
    assert_eq!(code, 3, "{out}{err}");
    assert!(out.contains("`a`") && out.contains("`b`"), "{out}");
    assert!(out.contains("move the deadline of"), "{out}");
}

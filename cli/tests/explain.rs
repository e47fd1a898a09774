//! `leverans explain`: reads the plan file `leverans plan --out` writes, prints why each late
//! order is late and what would make it on time; exit 2 for an unknown order, 5 for a plan
//! that breaks the portfolio's rules (it would explain the breakage as reasons).

use std::path::{Path, PathBuf};
use std::process::Command;

const PORTFOLIO: &str = r#"{
  "name": "clash",
  "calendar": { "period": "unit", "periods": 10 },
  "teams": [ { "id": "dev", "hours_per_week": 10 } ],
  "orders": [
    { "id": "a", "effort": [ { "team": "dev", "hours": 40 } ], "deadline": 3 },
    { "id": "b", "effort": [ { "team": "dev", "hours": 20 } ], "due": 2 }
  ]
}"#;

fn run(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_leverans"))
        .args(args)
        .output()
        .expect("the binary runs");
    (
        out.status.code().expect("an exit code"),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn dir(name: &str) -> PathBuf {
    let d = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    std::fs::create_dir_all(&d).expect("a temporary folder");
    d
}

#[test]
fn explain_reads_the_plan_file_and_names_the_full_team() {
    let d = dir("explain-clash");
    let portfolio = d.join("portfolio.json");
    std::fs::write(&portfolio, PORTFOLIO).unwrap();
    let plan = d.join("plan.json");
    let (code, _, err) = run(&[
        "plan",
        portfolio.to_str().unwrap(),
        "--time-limit",
        "20",
        "--out",
        plan.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    // The plan file carries the explanations.
    let text = std::fs::read_to_string(&plan).unwrap();
    assert!(text.contains("\"explanations\""), "{text}");
    let (code, _, err) = run(&[
        "verify",
        portfolio.to_str().unwrap(),
        plan.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");

    let (code, out, err) = run(&[
        "explain",
        portfolio.to_str().unwrap(),
        plan.to_str().unwrap(),
    ]);
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

    let (code, out, _) = run(&[
        "explain",
        portfolio.to_str().unwrap(),
        plan.to_str().unwrap(),
        "--order",
        "a",
        "--json",
    ]);
    assert_eq!(code, 0);
    let items: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(items[0]["order"], "a");
    assert_eq!(items[0]["decision"], "delivered");
}

#[test]
fn explain_refuses_unknown_orders_and_plans_that_break_rules() {
    let d = dir("explain-errors");
    let portfolio = d.join("portfolio.json");
    std::fs::write(&portfolio, PORTFOLIO).unwrap();
    let plan = d.join("plan.json");
    let (code, _, err) = run(&[
        "plan",
        portfolio.to_str().unwrap(),
        "--time-limit",
        "20",
        "--out",
        plan.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = run(&[
        "explain",
        portfolio.to_str().unwrap(),
        plan.to_str().unwrap(),
        "--order",
        "nope",
    ]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("nope"), "{err}");

    // `b` made 1 hour shorter in the portfolio: the plan no longer fits it.
    let changed = d.join("changed.json");
    std::fs::write(
        &changed,
        PORTFOLIO.replace("\"hours\": 20", "\"hours\": 19"),
    )
    .unwrap();
    let (code, _, err) = run(&["explain", changed.to_str().unwrap(), plan.to_str().unwrap()]);
    assert_eq!(code, 5, "{err}");
    assert!(err.contains("breaks rules"), "{err}");
}

#[test]
fn an_infeasible_portfolio_exits_3_naming_the_clash_and_a_way_out() {
    let d = dir("explain-infeasible");
    let portfolio = d.join("portfolio.json");
    // Both due by period 3: 70 h of work, 40 h of dev.
    std::fs::write(
        &portfolio,
        PORTFOLIO.replace(
            "\"hours\": 20 } ], \"due\": 2",
            "\"hours\": 30 } ], \"deadline\": 3",
        ),
    )
    .unwrap();
    let (code, out, err) = run(&["plan", portfolio.to_str().unwrap(), "--time-limit", "20"]);
    assert_eq!(code, 3, "{out}{err}");
    assert!(out.contains("`a`") && out.contains("`b`"), "{out}");
    assert!(out.contains("move the deadline of"), "{out}");
}

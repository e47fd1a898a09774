//! `leverans plan --baseline OLD --frozen-until DATE --save-portfolio P`: the re-plan keeps the
//! baseline's work and go-lives before the date, the saved portfolio carries the settled
//! fields and `leverans verify` checks the new plan against it; a bad date exits 2.

mod common;

use common::{dir, plan_to, run, write};

const PORTFOLIO: &str = r#"{
  "name": "three",
  "calendar": { "period": "unit", "periods": 16 },
  "teams": [ { "id": "dev", "hours_per_week": 10 } ],
  "orders": [
    { "id": "x", "priority": "low", "effort": [ { "team": "dev", "hours": 30 } ], "due": 3 },
    { "id": "y", "priority": "medium", "effort": [ { "team": "dev", "hours": 30 } ], "due": 6 },
    { "id": "z", "priority": "low", "effort": [ { "team": "dev", "hours": 30 } ], "due": 9 }
  ]
}"#;

/// Hours per (order, period) before `f` in a plan file written by `plan --out`.
fn early_work(path: &str, f: u64) -> Vec<(String, u64, i64)> {
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let mut out = Vec::new();
    for o in v["plan"]["orders"].as_array().unwrap() {
        for w in o["work"].as_array().into_iter().flatten() {
            let t = w["period"].as_u64().unwrap();
            if t < f {
                let h = (w["hours"].as_f64().unwrap() * 1000.0).round() as i64;
                out.push((o["id"].as_str().unwrap().to_string(), t, h));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn a_frozen_replan_keeps_the_baseline_before_the_date_and_verifies() {
    let d = dir("replan-frozen");
    let before_p = write(&d, "before.json", PORTFOLIO);
    let base = d.join("base.json").to_string_lossy().into_owned();
    plan_to(&before_p, &base);
    // `z` becomes critical.
    let after_p = write(
        &d,
        "after.json",
        &PORTFOLIO.replacen(
            r#""id": "z", "priority": "low""#,
            r#""id": "z", "priority": "critical""#,
            1,
        ),
    );
    let new = d.join("new.json").to_string_lossy().into_owned();
    let frozen = d.join("frozen.json").to_string_lossy().into_owned();
    let (code, _, err) = run(&[
        "plan",
        &after_p,
        "--time-limit",
        "20",
        "--baseline",
        &base,
        "--frozen-until",
        "2",
        "--save-portfolio",
        &frozen,
        "--out",
        &new,
    ]);
    assert_eq!(code, 0, "{err}");
    let (code, out, err) = run(&["verify", &frozen, &new]);
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(early_work(&new, 2), early_work(&base, 2));
    assert!(!early_work(&base, 2).is_empty());
    let saved = std::fs::read_to_string(&frozen).unwrap();
    assert!(saved.contains("\"frozen_until\": 2"), "{saved}");
    assert!(saved.contains("\"actuals\""), "{saved}");
}

#[test]
fn a_bad_frozen_date_exits_2_naming_it() {
    let d = dir("replan-bad");
    let p = write(&d, "p.json", PORTFOLIO);
    let (code, _, err) = run(&["plan", &p, "--frozen-until", "next week"]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("--frozen-until") && err.contains("next week"),
        "{err}"
    );
    let (code, _, err) = run(&["plan", &p, "--frozen-until", "40", "--time-limit", "5"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("frozen_until"), "{err}");
}

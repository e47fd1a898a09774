//! `leverans diff`: two plans of a portfolio before and after a re-prioritisation; the order
//! raised moves earlier, the other later, and the figures before and after are given.

use std::path::Path;
use std::process::Command;

const PORTFOLIO: &str = r#"{
  "name": "two",
  "calendar": { "period": "unit", "periods": 12 },
  "teams": [ { "id": "dev", "hours_per_week": 10 } ],
  "orders": [
    { "id": "x", "priority": "low", "effort": [ { "team": "dev", "hours": 30 } ], "due": 2 },
    { "id": "y", "priority": "high", "effort": [ { "team": "dev", "hours": 30 } ], "due": 2 }
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

#[test]
fn a_raised_priority_moves_its_order_earlier_and_the_diff_says_so() {
    let d = Path::new(env!("CARGO_TARGET_TMPDIR")).join("diff-two");
    std::fs::create_dir_all(&d).unwrap();
    let (before_p, after_p) = (d.join("before.json"), d.join("after.json"));
    std::fs::write(&before_p, PORTFOLIO).unwrap();
    std::fs::write(
        &after_p,
        PORTFOLIO.replace("\"priority\": \"low\"", "\"priority\": \"critical\""),
    )
    .unwrap();
    let (before, after) = (d.join("plan-before.json"), d.join("plan-after.json"));
    for (p, out) in [(&before_p, &before), (&after_p, &after)] {
        let (code, _, err) = run(&[
            "plan",
            p.to_str().unwrap(),
            "--time-limit",
            "20",
            "--out",
            out.to_str().unwrap(),
        ]);
        assert_eq!(code, 0, "{err}");
    }
    let (code, out, err) = run(&[
        "diff",
        before.to_str().unwrap(),
        after.to_str().unwrap(),
        "--portfolio",
        after_p.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with("Changed: 2 of 2 orders (1 go live earlier, 1 later"),
        "{out}"
    );
    assert!(out.contains("Weighted lateness"), "{out}");
    let (code, out, _) = run(&[
        "diff",
        before.to_str().unwrap(),
        after.to_str().unwrap(),
        "--json",
    ]);
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

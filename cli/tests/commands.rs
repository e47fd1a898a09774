//! The subcommands the other files do not cover, and their exit codes: `check`,
//! `capacity-gap` (and its former name `gap`), `report` (and `--gap`, the former name of
//! `--capacity-gap`), and an objective by its former name.

mod common;

use common::{dir, plan_to, run, write};

/// One team of 10 hours a week; `a` and `b` need 15 hours each by their deadline at the end
/// of period 1: 30 hours where the team has 20, each fitting alone.
const SHORT: &str = r#"{
  "calendar": {"period": "unit", "periods": 6},
  "teams": [{"id": "dev", "hours_per_week": 10}],
  "orders": [
    {"id": "a", "effort": [{"team": "dev", "hours": 15}], "deadline": 1},
    {"id": "b", "effort": [{"team": "dev", "hours": 15}], "deadline": 1},
    {"id": "c", "effort": [{"team": "dev", "hours": 5}]}
  ]
}"#;

const FITS: &str = r#"{
  "calendar": {"period": "unit", "periods": 6},
  "teams": [{"id": "dev", "hours_per_week": 10,
             "external": {"hours_per_week": 5, "cost_per_hour": 100}}],
  "orders": [
    {"id": "a", "effort": [{"team": "dev", "hours": 12}], "due": 1},
    {"id": "b", "effort": [{"team": "dev", "hours": 8}]}
  ]
}"#;

#[test]
fn check_exits_0_on_a_valid_file_and_2_naming_the_order_on_a_bad_one() {
    let d = dir("commands-check");
    let good = write(&d, "good.json", FITS);
    let (code, out, err) = run(&["check", &good]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("2 orders to plan"), "{out}");

    let bad = write(
        &d,
        "bad.json",
        &FITS.replace(r#""hours": 8"#, r#""hours": -8"#),
    );
    let (code, out, err) = run(&["check", &bad]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(err.contains('b') && err.contains("-8"), "{err}");

    // A file that cannot be read is the documented exit 1 (files, solver), naming the file.
    let (code, _, err) = run(&["check", &d.join("missing.json").to_string_lossy()]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("missing.json"), "{err}");
}

#[test]
fn capacity_gap_names_the_short_team_and_the_former_name_still_works() {
    let d = dir("commands-gap");
    let short = write(&d, "short.json", SHORT);
    let out_json = d.join("gap.json");
    for command in ["capacity-gap", "gap"] {
        let (code, out, err) = run(&[
            command,
            &short,
            "--time-limit",
            "20",
            "--out",
            &out_json.to_string_lossy(),
        ]);
        assert_eq!(code, 0, "{command}: {out}{err}");
        assert!(out.contains("Capacity gap") && out.contains("dev"), "{out}");
        let gap: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&out_json).unwrap()).unwrap();
        // 30 hours by the end of period 1 with 20 of its own: at least 10 more.
        let total = gap["total_hours"].as_f64().unwrap();
        assert!((total - 10.0).abs() < 1e-6, "{command}: {gap}");
    }
}

#[test]
fn report_writes_one_html_file_and_takes_the_former_gap_flag() {
    let d = dir("commands-report");
    let portfolio = write(&d, "fits.json", FITS);
    let plan = d.join("plan.json").to_string_lossy().into_owned();
    plan_to(&portfolio, &plan);
    for flag in ["--capacity-gap", "--gap"] {
        let html = d.join(format!("report{flag}.html"));
        let (code, out, err) = run(&[
            "report",
            &portfolio,
            &plan,
            "--out",
            &html.to_string_lossy(),
            flag,
            "--time-limit",
            "20",
        ]);
        assert_eq!(code, 0, "{flag}: {out}{err}");
        let text = std::fs::read_to_string(&html).unwrap();
        assert!(text.starts_with("<!DOCTYPE html>"), "{flag}");
        assert!(
            text.contains("Capacity gap") || text.contains("capacity gap"),
            "{flag}"
        );
    }
    // A plan file that does not exist: exit 1 naming it, not a crash.
    let (code, _, err) = run(&[
        "report",
        &portfolio,
        &d.join("none.json").to_string_lossy(),
        "--out",
        &d.join("x.html").to_string_lossy(),
    ]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("none.json"), "{err}");
}

#[test]
fn an_objective_by_its_former_name_plans_as_the_new_one() {
    let d = dir("commands-former");
    let portfolio = write(&d, "fits.json", FITS);
    let out_new = d.join("new.json");
    let out_old = d.join("old.json");
    for (objective, out) in [
        ("weighted_lateness,consultant_cost", &out_new),
        ("weighted_tardiness,external_cost", &out_old),
    ] {
        let (code, stdout, err) = run(&[
            "plan",
            &portfolio,
            "--objective",
            objective,
            "--time-limit",
            "20",
            "--out",
            &out.to_string_lossy(),
        ]);
        assert_eq!(code, 0, "{objective}: {stdout}{err}");
    }
    let read = |p: &std::path::Path| -> serde_json::Value {
        serde_json::from_str(&std::fs::read_to_string(p).unwrap()).unwrap()
    };
    let (new, old) = (read(&out_new), read(&out_old));
    assert_eq!(new["levels"], old["levels"]);
    assert_eq!(new["plan"]["summary"], old["plan"]["summary"]);
    // The plan speaks the new words only.
    let text = std::fs::read_to_string(&out_new).unwrap();
    assert!(
        text.contains("\"consultant_hours\"") && !text.contains("\"external"),
        "{text}"
    );
}

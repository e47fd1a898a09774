//! `leverans simulate`: the Tyresö plan with 1 000 runs prints ordered percentiles, the same
//! figures with 1 and 2 threads; bad options exit 2 naming the valid values.

mod common;

use common::{dir, plan_to, run};
use std::path::Path;

fn tyreso() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../examples/tyreso-2013/portfolio.json")
        .to_string_lossy()
        .into_owned()
}

#[test]
fn tyreso_1000_runs_print_ordered_percentiles_the_same_for_any_thread_count() {
    let d = dir("simulate-tyreso");
    let portfolio = tyreso();
    let plan = d.join("plan.json").to_string_lossy().into_owned();
    plan_to(&portfolio, &plan);
    let args = |threads: &'static str| {
        vec![
            "simulate",
            portfolio.as_str(),
            plan.as_str(),
            "--runs",
            "1000",
            "--seed",
            "1",
            "--threads",
            threads,
        ]
    };
    let (code, text, err) = run(&args("1"));
    assert_eq!(code, 0, "{err}");
    assert!(text.starts_with("Simulation: 1000 runs, seed 1"), "{text}");
    assert!(text.contains("win7-rollout"), "{text}");
    assert!(text.contains("Consultant spend"), "{text}");
    let (code, again, _) = run(&args("2"));
    assert_eq!(code, 0);
    assert_eq!(text, again, "the table depends on the thread count");

    let csv = d.join("csv").to_string_lossy().into_owned();
    let mut json_args = args("2");
    json_args.extend(["--json", "--csv", csv.as_str()]);
    let (code, out, err) = run(&json_args);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let mut simulated = 0;
    for o in v["orders"].as_array().unwrap() {
        let Some(g) = o.get("go_live_period") else {
            continue;
        };
        simulated += 1;
        let (p50, p85, p95) = (g["p50"].as_f64(), g["p85"].as_f64(), g["p95"].as_f64());
        assert!(p50 <= p85 && p85 <= p95, "{o}");
    }
    assert!(simulated >= 30, "{simulated} orders simulated");
    let rows = std::fs::read_to_string(Path::new(&csv).join("simulation_orders.csv")).unwrap();
    assert!(rows.starts_with("id,state,planned,p50,p85,p95"), "{rows}");
    assert_eq!(
        rows.lines().count(),
        v["orders"].as_array().unwrap().len() + 1
    );
}

#[test]
fn invalid_options_exit_2_naming_the_valid_values() {
    let d = dir("simulate-options");
    let portfolio = common::write(
        &d,
        "p.json",
        r#"{ "calendar": { "period": "unit", "periods": 10 },
             "teams": [ { "id": "dev", "hours_per_week": 10 } ],
             "orders": [ { "id": "a", "effort": [ { "team": "dev", "hours": 20,
                           "hours_low": 10, "hours_high": 40 } ] } ] }"#,
    );
    let plan = d.join("plan.json").to_string_lossy().into_owned();
    plan_to(&portfolio, &plan);
    let (code, _, err) = run(&["simulate", &portfolio, &plan, "--runs", "0"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("`runs` = 0") && err.contains("1 to 1000000"),
        "{err}"
    );
    let (code, _, err) = run(&["simulate", &portfolio, &plan, "--threads", "0"]);
    assert_eq!(code, 2);
    assert!(err.contains("`threads` = 0"), "{err}");
    let bad = common::write(
        &d,
        "bad.json",
        r#"{ "calendar": { "period": "unit", "periods": 10 },
             "teams": [ { "id": "dev", "hours_per_week": 10 } ],
             "orders": [ { "id": "a", "effort": [ { "team": "dev", "hours": 20,
                           "hours_low": 30 } ] } ] }"#,
    );
    let (code, _, err) = run(&["simulate", &bad, &plan]);
    assert_eq!(code, 2);
    assert!(
        err.contains("`a`") && err.contains("effort.hours_low") && err.contains("30"),
        "{err}"
    );
}

const TIGHT: &str = r#"{
  "calendar": { "period": "unit", "periods": 40 },
  "teams": [ { "id": "dev", "hours_per_week": 10 } ],
  "orders": [
    { "id": "a", "effort": [ { "team": "dev", "hours": 40, "hours_low": 30, "hours_high": 90 } ], "due": 6 },
    { "id": "b", "effort": [ { "team": "dev", "hours": 40, "hours_low": 30, "hours_high": 90 } ], "due": 12 }
  ]
}"#;

#[test]
fn a_plan_on_p85_hours_is_simulated_on_the_estimates() {
    let d = dir("simulate-p85");
    let portfolio = common::write(&d, "tight.json", TIGHT);
    let p85 = d.join("p85.json").to_string_lossy().into_owned();
    let plan = d.join("plan85.json").to_string_lossy().into_owned();
    let (code, _, err) = run(&[
        "plan",
        &portfolio,
        "--hours-percentile",
        "85",
        "--save-portfolio",
        &p85,
        "--out",
        &plan,
        "--time-limit",
        "20",
    ]);
    assert_eq!(code, 0, "{err}");
    let (code, out, err) = run(&["verify", &p85, &plan]);
    assert_eq!(code, 0, "{out}{err}");
    let saved = std::fs::read_to_string(&p85).unwrap();
    assert!(
        !saved.contains("\"hours\": 40"),
        "P85 hours are saved: {saved}"
    );
    let (code, text, err) = run(&[
        "simulate",
        &p85,
        &plan,
        "--estimates",
        &portfolio,
        "--runs",
        "200",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(text.starts_with("Simulation: 200 runs"), "{text}");
    let (code, _, err) = run(&["plan", &portfolio, "--hours-percentile", "100"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("--hours-percentile"), "{err}");
}

#[test]
fn the_report_shows_the_simulated_dates_when_asked() {
    let d = dir("simulate-report");
    let portfolio = common::write(&d, "tight.json", TIGHT);
    let plan = d.join("plan.json").to_string_lossy().into_owned();
    plan_to(&portfolio, &plan);
    let html = d.join("report.html").to_string_lossy().into_owned();
    let (code, _, err) = run(&[
        "report",
        &portfolio,
        &plan,
        "--simulate",
        "200",
        "--out",
        &html,
    ]);
    assert_eq!(code, 0, "{err}");
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.contains("How sure each date is"));
    assert!(page.contains("data-order=\"b\""));
    let (code, _, err) = run(&[
        "report",
        &portfolio,
        &plan,
        "--simulate",
        "0",
        "--out",
        &html,
    ]);
    assert_eq!(code, 2, "{err}");
}

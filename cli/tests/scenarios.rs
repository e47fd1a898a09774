//! `leverans scenarios`: seven variants of Tyresö beside the base in one table, every plan
//! kept by the verifier; unknown orders in a scenario exit 2 naming the scenario and the id.

mod common;

use common::{dir, run, write};
use std::path::Path;

fn example(file: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../examples/tyreso-2013")
        .join(file)
        .to_string_lossy()
        .into_owned()
}

#[test]
fn tyreso_scenarios_print_one_table_side_by_side() {
    let (base, scenarios) = (example("portfolio.json"), example("scenarios.json"));
    let out = dir("scenarios-tyreso").join("rows.json");
    let out = out.to_string_lossy();
    // 20 s a solve: a first plan of Tyresö on one thread, robust on a busy machine.
    let args = [
        "scenarios",
        base.as_str(),
        scenarios.as_str(),
        "--time-limit",
        "20",
        "--threads",
        "2",
        "--out",
        &out,
    ];
    let (code, table, err) = run(&args);
    assert_eq!(code, 0, "{err}");
    let rows: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&*out).unwrap()).unwrap();
    let rows = rows.as_array().unwrap();
    let names: Vec<&str> = rows.iter().map(|r| r["name"].as_str().unwrap()).collect();
    assert_eq!(
        names,
        [
            "base",
            "budget-900k",
            "no-consultants",
            "infra-hire",
            "schools-first",
            "stop-intranet-earchive",
            "new-gdpr-survey",
            "lateness-first"
        ]
    );
    // Every plan keeps every rule; on a busy machine a hard variant (no consultants at all)
    // may find no plan in 20 s, so most, not all, must have one.
    let mut planned = 0;
    for r in rows {
        assert_eq!(r["violations"], 0, "{r}");
        if r["status"] == "feasible" || r["status"] == "optimal" {
            planned += 1;
            assert!(r["value_delivered"].as_f64().unwrap() > 0.0, "{r}");
        } else {
            assert_eq!(r["status"], "no_plan_in_time", "{r}");
        }
    }
    assert!(planned >= 6, "{planned} of {} plans", rows.len());
    assert!(rows[0]["orders_moved"].is_null());
    if rows[0]["status"] != "no_plan_in_time" && rows[1]["status"] != "no_plan_in_time" {
        assert!(rows[1]["orders_moved"].as_u64().is_some());
    }
    let orders = |k: usize| rows[k]["orders"].as_u64().unwrap();
    assert_eq!(orders(5), orders(0) - 2);
    assert_eq!(orders(6), orders(0) + 1);
    // No consultants: nothing spent.
    assert_eq!(rows[2]["consultant_cost"].as_f64(), Some(0.0));

    let header = table.lines().next().unwrap();
    for col in [
        "scenario",
        "value",
        "on time",
        "w.late",
        "spend",
        "last live",
        "moved",
    ] {
        assert!(header.contains(col), "{header}");
    }
    assert_eq!(table.lines().count(), 1 + rows.len(), "{table}");
}

#[test]
fn a_scenario_naming_an_unknown_order_exits_2() {
    let d = dir("scenarios-unknown");
    let s = write(
        &d,
        "s.json",
        r#"{"scenarios": [{"name": "typo", "stop": ["intranet-x"],
             "team_hours": [{"team": "infra", "hours_per_week": -1}]}]}"#,
    );
    let (code, _, err) = run(&["scenarios", &example("portfolio.json"), &s]);
    assert_eq!(code, 2);
    assert!(
        err.contains("`typo`") && err.contains("intranet-x"),
        "{err}"
    );
    assert!(
        err.contains("unknown_order") && err.contains("invalid_number"),
        "{err}"
    );
}

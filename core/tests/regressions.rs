//! Regression tests, each named after what it guards. Found by the property tests.

mod common;
use common::{opts, solve_verified};
use leverans::io::read_portfolio_json;
use leverans::{Objective, Status};

/// Both orders can only run in period 1, on a team that fits one of them: every capacity row
/// is constant, and HiGHS silently drops empty rows. Must be infeasible for every objective.
#[test]
fn capacity_rows_without_columns_are_still_enforced() {
    let json = r#"{"calendar":{"period":"unit","periods":2},"teams":[{"id":"t0","hours_per_week":1.0}],"orders":[{"id":"a","duration":1,"demand":[{"team":"t0","hours_per_week":1.0}],"release":1},{"id":"b","duration":1,"demand":[{"team":"t0","hours_per_week":1.0}],"release":1}]}"#;
    let p = read_portfolio_json(json, "inline").unwrap();
    for obj in [
        Objective::Makespan,
        Objective::WeightedTardiness,
        Objective::WeightedCompletion,
    ] {
        let out = solve_verified(&p, &opts(obj));
        assert_eq!(out.status, Status::Infeasible, "{obj}");
    }
}

/// A pinned start (release at the last possible period) with `max_duration`: the duration rows
/// are constant and must still hold.
#[test]
fn max_duration_holds_when_the_start_is_pinned() {
    let json = r#"{"calendar":{"period":"unit","periods":6},"teams":[{"id":"t0","hours_per_week":2.0}],"orders":[{"id":"o2","effort":[{"team":"t0","hours":5.0}],"max_duration":2,"release":3}]}"#;
    let p = read_portfolio_json(json, "inline").unwrap();
    for obj in [
        Objective::Makespan,
        Objective::WeightedTardiness,
        Objective::WeightedCompletion,
    ] {
        let out = solve_verified(&p, &opts(obj));
        assert_eq!(out.status, Status::Infeasible, "{obj}");
    }
    let in_progress = json.replace(r#","release":3"#, r#","status":"in_progress""#);
    let p = read_portfolio_json(&in_progress, "inline").unwrap();
    let out = solve_verified(&p, &opts(Objective::Makespan));
    assert_eq!(out.status, Status::Infeasible);
}

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
        Objective::WeightedLateness,
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
        Objective::WeightedLateness,
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

/// A delivered order may not wait on a stopped one, even when both sit at the end of their
/// windows (the last precedence row, `y_b ≤ y_a`, was missing).
#[test]
fn a_delivered_order_never_waits_on_a_stopped_one() {
    let json = r#"{"calendar":{"period":"unit","periods":6},"teams":[{"id":"dev","hours_per_week":10.0,"external":{"hours_per_week":3.0,"cost_per_hour":10.0}}],
      "orders":[{"id":"s0","orderer":"A","effort":[{"team":"dev","hours":15.0}]},
                {"id":"s1","orderer":"A","optional":true,"effort":[{"team":"dev","hours":15.0}]},
                {"id":"s2","orderer":"B","optional":true,"min_scope":0.3,"effort":[{"team":"dev","hours":15.0}]},
                {"id":"s3","orderer":"B","optional":true,"effort":[{"team":"dev","hours":15.0}]},
                {"id":"s4","orderer":"C","optional":true,"effort":[{"team":"dev","hours":15.0}]}],
      "dependencies":[{"from":"s1","to":"s4","kind":"start_to_start","lag":0}],
      "groups":[{"name":"g","kind":"at_most_one","orders":["s2","s3"]}],
      "orderer_shares":[{"orderer":"A","max_share":0.5},{"orderer":"C","min_share":0.2}]}"#;
    let p = read_portfolio_json(json, "inline").unwrap();
    for obj in [
        Objective::LostValue,
        Objective::WeightedCompletion,
        Objective::ConsultantCost,
    ] {
        solve_verified(&p, &opts(obj));
    }
}

/// With a release train, the go-live day is the train date: a train date inside a freeze
/// window is no go-live day, even when the period's last working day is free.
#[test]
fn release_train_dates_inside_a_freeze_window_are_skipped() {
    let json = r#"{"calendar":{"period":"week","start":"2014-01-06","end":"2014-03-02"},"teams":[{"id":"dev","hours_per_week":40.0}],
      "orders":[{"id":"o0","effort":[{"team":"dev","hours":30.0}],"due":1},{"id":"o1","effort":[{"team":"dev","hours":30.0}],"due":1},
                {"id":"o2","effort":[{"team":"dev","hours":30.0}],"due":1},{"id":"o3","effort":[{"team":"dev","hours":30.0}],"due":1}],
      "freeze_windows":[{"name":"tue","from":"2014-01-21","to":"2014-01-22"}],
      "release_train":{"dates":["2014-01-07","2014-01-21","2014-02-04","2014-02-18"],"max_changes":2}}"#;
    let p = read_portfolio_json(json, "inline").unwrap();
    let out = solve_verified(&p, &opts(Objective::WeightedLateness));
    let plan = out.plan.expect("a plan");
    assert!(plan
        .orders
        .iter()
        .all(|o| o.go_live != Some("2014-01-21".parse().unwrap())));
}

/// Found by `optimum_matches_exhaustive_search`: with a freeze window a go-live may wait past
/// the finish and its lag, so a finish-to-start link whose lags seemed to keep the go-lives in
/// order did not; the successor went live first.
#[test]
fn a_frozen_go_live_never_lets_the_successor_go_live_first() {
    let json = r#"{"calendar":{"period":"unit","periods":8,"holidays":"none","eves_off":false},"teams":[{"id":"t0","hours_per_week":2.0},{"id":"t1","hours_per_week":2.0}],"orders":[{"id":"o0","priority":"low","weight":4.0,"duration":2,"demand":[{"team":"t0","hours_per_week":1.0},{"team":"t1","hours_per_week":1.0}],"status":"not_started"},{"id":"o1","priority":"critical","weight":4.0,"duration":2,"demand":[{"team":"t0","hours_per_week":1.0},{"team":"t1","hours_per_week":0.0}],"release":1,"due":2,"status":"not_started"},{"id":"o2","priority":"high","duration":1,"demand":[{"team":"t0","hours_per_week":1.0},{"team":"t1","hours_per_week":0.0}],"release":2,"go_live_lag":1,"status":"not_started"},{"id":"o3","priority":"medium","duration":1,"demand":[{"team":"t0","hours_per_week":2.0},{"team":"t1","hours_per_week":2.0}],"release":0,"due":0,"status":"not_started"}],"dependencies":[{"from":"o0","to":"o1","kind":"finish_to_finish","lag":2},{"from":"o0","to":"o3","kind":"start_to_start","lag":2},{"from":"o1","to":"o2","kind":"finish_to_start","lag":0},{"from":"o0","to":"o3","kind":"finish_to_start","lag":-1}],"freeze_windows":[{"from":2,"to":4}],"max_go_lives_per_period":1}"#;
    let p = leverans::io::read_portfolio_json(json, "regression.json").expect("valid");
    let options = leverans::SolveOptions::default()
        .with_goal(leverans::Goal::single(
            leverans::Objective::WeightedCompletion,
        ))
        .with_time_limit(30.0);
    let out = common::solve_verified(&p, &options);
    let plan = out.plan.expect("a plan");
    let g = |id: &str| plan.order(id).and_then(|o| o.go_live_period).expect("live");
    assert!(g("o2") >= g("o1"), "{:?}", (g("o1"), g("o2")));
}

/// Found by `optimum_matches_exhaustive_search`: a live-to-live successor may finish first and
/// wait for its predecessor to go live; with go-live tied to the finish it was forced to finish
/// late instead (15 where 10 is optimal).
#[test]
fn a_live_to_live_successor_may_finish_first_and_wait_to_go_live() {
    let json = r#"{"calendar":{"period":"unit","periods":8,"holidays":"none","eves_off":false},"teams":[{"id":"t0","hours_per_week":2.0},{"id":"t1","hours_per_week":4.0}],"orders":[{"id":"o0","priority":"critical","weight":2.0,"duration":1,"demand":[{"team":"t0","hours_per_week":1.0},{"team":"t1","hours_per_week":3.0}],"release":1,"status":"not_started"},{"id":"o1","priority":"critical","weight":5.0,"duration":3,"demand":[{"team":"t0","hours_per_week":1.0},{"team":"t1","hours_per_week":3.0}],"due":1,"status":"not_started"}],"dependencies":[{"from":"o0","to":"o1","kind":"live_to_live","lag":0}]}"#;
    let p = read_portfolio_json(json, "regression.json").expect("valid");
    // o1 runs 0-2, o0 in 3 (they cannot overlap on t1), o1 waits to go live in 3: 2 late × 5.
    let out = solve_verified(&p, &opts(Objective::WeightedLateness));
    assert_eq!(out.status, Status::Optimal);
    assert_eq!(out.objective, Some(10.0));
}

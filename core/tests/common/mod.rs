//! Shared test helpers: every plan a test produces goes through the independent verifier here.
#![allow(dead_code)]

use leverans::{solve, verify, Goal, Objective, Outcome, Portfolio, SolveOptions, Status};

/// Solves and verifies; panics with the violations when the plan breaks a rule.
pub fn solve_verified(p: &Portfolio, options: &SolveOptions) -> Outcome {
    let out = solve(p, options).unwrap_or_else(|e| panic!("solve failed: {e}"));
    if let Some(plan) = &out.plan {
        let report = verify(p, plan);
        assert!(
            report.is_ok(),
            "the plan breaks rules:\n{report}\nplan: {plan:#?}"
        );
    }
    out
}

/// Options for small test instances: one objective, generous limit.
pub fn opts(objective: Objective) -> SolveOptions {
    SolveOptions::default()
        .with_goal(Goal::single(objective))
        .with_time_limit(60.0)
}

/// Solves for one objective and expects a proven optimum; returns the outcome.
pub fn optimal(p: &Portfolio, objective: Objective) -> Outcome {
    let out = solve_verified(p, &opts(objective));
    assert_eq!(out.status, Status::Optimal, "expected optimal: {out:#?}");
    out
}

/// Parses a date.
pub fn d(s: &str) -> chrono::NaiveDate {
    s.parse().expect("test dates are valid")
}

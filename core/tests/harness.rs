//! The test helpers themselves: a helper that needs a plan fails when there is none, so no
//! test can pass on an infeasible outcome by accident.

mod common;

use common::planned;
use leverans::{Calendar, Order, Portfolio, SolveOptions, Team, TimePoint};

/// Two orders of 40 h each due by period 3 on a team of 10 h a period: no plan.
fn infeasible() -> Portfolio {
    let mut p = Portfolio::new(Calendar::units(8));
    p.add_team(Team::new("dev", 10.0));
    for id in ["a", "b"] {
        let mut o = Order::effort(id, [("dev", 40.0)]);
        o.deadline = Some(TimePoint::Period(3));
        p.add_order(o);
    }
    p
}

#[test]
#[should_panic(expected = "no plan (status infeasible)")]
fn the_plan_helper_fails_on_an_infeasible_outcome() {
    planned(
        &infeasible(),
        &SolveOptions::default().with_time_limit(10.0),
    );
}

#[test]
fn the_verifying_helper_accepts_an_infeasible_outcome_without_a_plan() {
    let out = common::solve_verified(
        &infeasible(),
        &SolveOptions::default().with_time_limit(10.0),
    );
    assert_eq!(out.status, leverans::Status::Infeasible);
    assert!(out.plan.is_none());
}

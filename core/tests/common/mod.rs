//! Shared test helpers: every plan a test produces goes through the independent verifier here.
#![allow(dead_code)]

use leverans::{solve, verify, Goal, Objective, Outcome, Portfolio, SolveOptions, Status};

/// Solves and verifies; panics with the violations when the plan breaks a rule, and when the
/// status and the plan disagree (a feasible or optimal outcome without a plan, or a plan with
/// another status). For tests that expect no plan; [`planned`] demands one.
pub fn solve_verified(p: &Portfolio, options: &SolveOptions) -> Outcome {
    let out = solve(p, options).unwrap_or_else(|e| panic!("solve failed: {e}"));
    let feasible = matches!(out.status, Status::Optimal | Status::Feasible);
    assert_eq!(
        feasible,
        out.plan.is_some(),
        "status {} with{} a plan",
        out.status,
        if out.plan.is_some() { "" } else { "out" }
    );
    if let Some(plan) = &out.plan {
        let report = verify(p, plan);
        assert!(
            report.is_ok(),
            "the plan breaks rules:\n{report}\nplan: {plan:#?}"
        );
    }
    // A HiGHS run the solve left behind must not outlive the test binary: exiting under it
    // can abort the process (`leverans::solve::wait_for_background_runs`).
    leverans::solve::wait_for_background_runs(std::time::Duration::from_secs(60));
    out
}

/// Solves and verifies, and fails unless there is a plan: for tests that read the plan.
pub fn planned(p: &Portfolio, options: &SolveOptions) -> (Outcome, leverans::plan::Plan) {
    let out = solve_verified(p, options);
    let plan = out
        .plan
        .clone()
        .unwrap_or_else(|| panic!("no plan (status {}): {:?}", out.status, out.reason));
    (out, plan)
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

/// The starts the search found, checked from the problem itself: every fixed job ends within
/// the horizon, waits for its dependencies and fits the teams' capacity (consultants included)
/// with the other found jobs.
pub fn check_relaxed_plan(
    p: &leverans::problem::Problem,
    starts: &[(usize, usize)],
    horizon: usize,
    json: &str,
) {
    use leverans::problem::JobWork;
    use leverans::DependencyKind;
    let mut at = vec![None; p.jobs.len()];
    let mut load = vec![vec![0.0f64; horizon]; p.capacity.len()];
    for &(j, s) in starts {
        let JobWork::Fixed { duration, demand } = &p.jobs[j].work else {
            panic!("job {j} found by the search is not fixed\n{json}");
        };
        assert!(
            s + duration <= horizon,
            "job {j} at {s} runs past {horizon}\n{json}"
        );
        assert!(
            s >= p.jobs[j].release,
            "job {j} at {s} before its release\n{json}"
        );
        at[j] = Some((s as i64, *duration as i64));
        for &(r, h) in demand {
            for (t, l) in load[r].iter_mut().enumerate().skip(s).take(*duration) {
                *l += h * p.share[t];
            }
        }
    }
    for (r, row) in load.iter().enumerate() {
        for (t, &l) in row.iter().enumerate() {
            assert!(
                l <= p.max_capacity(r, t) + 1e-6,
                "team {r} over capacity in period {t}: {l}\n{json}"
            );
        }
    }
    for link in &p.links {
        let (Some((a, da)), Some((b, db))) = (at[link.from], at[link.to]) else {
            continue;
        };
        let ok = match link.kind {
            DependencyKind::FinishToStart => b >= a + da + link.lag,
            DependencyKind::StartToStart => b >= a + link.lag,
            DependencyKind::FinishToFinish => b + db >= a + da + link.lag,
            // The relaxation sees go-live through the go-live lag only; it has no go-lives
            // to order.
            DependencyKind::LiveToStart => {
                b >= a + da + link.lag + p.jobs[link.from].go_live_lag as i64
            }
            DependencyKind::LiveToLive => true,
        };
        assert!(
            ok,
            "dependency {} -> {} broken by found starts\n{json}",
            link.from, link.to
        );
    }
}

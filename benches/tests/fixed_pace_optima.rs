//! The search with the objective as a rule (`core/src/solve/cost_search.rs`) at the scale it
//! is used at: generated fixed-pace portfolios of 100 orders whose optimal weighted lateness
//! OR-Tools CP-SAT proved (`BENCHMARKS.md`, "Fixed pace, 100 and 300 orders, beside CP-SAT"):
//! no plan below the optimum (every plan verified), and a level claimed optimal is at it.
//! Wrong learning (a clause that cuts off the optimum) shows as a claim above it.

use leverans::{solve, verify, Goal, Objective, SolveOptions};
use leverans_benches::generate::peer::fixed_pace;
use leverans_benches::generate::{generate, GenParams};

/// (seed, optimal weighted lateness) of the 100-order, 10-team, 104-week portfolios at load 0.7
/// (`compare_portfolio.py`'s), proven by CP-SAT.
const PROVEN: [(u64, f64); 2] = [(2, 333.0), (3, 224.0)];

#[test]
fn claimed_optima_are_the_proven_optima() {
    for (seed, optimum) in PROVEN {
        let p = fixed_pace(&generate(GenParams {
            orders: 100,
            teams: 10,
            weeks: 104,
            load: 0.7,
            seed,
        }));
        // The heuristic cut to its first plan: the search has the whole way to go.
        let options = SolveOptions {
            heuristic_samples: 1,
            heuristic_evaluations: Some(1),
            ..SolveOptions::default()
                .with_goal(Goal::single(Objective::WeightedLateness))
                .with_time_limit(8.0)
                .with_threads(2)
        };
        let out = solve(&p, &options).expect("a valid portfolio");
        let plan = out.plan.as_ref().expect("a plan in 8 s");
        let report = verify(&p, plan);
        assert!(report.is_ok(), "seed {seed}: {report}");
        let value = out.objective.expect("a plan has a value");
        assert!(
            value >= optimum - 1e-6,
            "seed {seed}: {value} below the proven optimum {optimum}"
        );
        let level = &out.levels[0];
        if level.optimal {
            assert_eq!(level.value, optimum, "seed {seed}: a wrong proof");
        }
        assert!(
            level.bound.is_none_or(|b| b <= optimum + 1e-6),
            "seed {seed}: bound {:?} above the optimum {optimum}",
            level.bound
        );
    }
}

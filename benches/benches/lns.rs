//! One step of the large-neighbourhood search on a generated 1 000-order portfolio (10 teams,
//! 104 weeks): 30 orders around the costliest freed, the rest pinned, the step's MIP solved by
//! HiGHS (5 s cap). The plan it starts from is the heuristic's, found once before measuring.
//!
//! ```text
//! cargo bench -p leverans-benches --bench lns
//! ```

use criterion::{criterion_group, criterion_main, Criterion};
use leverans::heuristic::{best_schedule, SearchEffort};
use leverans::problem::Windows;
use leverans::solve::lns::{neighbourhood, step};
use leverans::{Goal, Objective};
use leverans_benches::generate::{generate, GenParams};
use std::hint::black_box;

fn lns_step(c: &mut Criterion) {
    let portfolio = generate(GenParams {
        orders: 1000,
        teams: 10,
        weeks: 104,
        load: 0.7,
        seed: 1,
    });
    let problem = leverans::validate(&portfolio).expect("the generated portfolio is valid");
    let windows = Windows::compute(&problem, problem.periods).expect("windows");
    let objective = Objective::WeightedLateness;
    let levels = Goal::single(objective).levels();
    let budget = SearchEffort {
        evaluations: 200,
        ..SearchEffort::default()
    };
    let plan = best_schedule(&problem, &windows, &levels, &budget).expect("a heuristic plan");
    let free = neighbourhood(&problem, &plan, objective, 30);
    assert!(!free.is_empty(), "the heuristic's plan has late orders");
    let mut g = c.benchmark_group("lns");
    g.sample_size(10);
    g.bench_function("step, 1000 orders, 30 freed", |b| {
        b.iter(|| step(black_box(&problem), &plan, &free, objective, 5.0))
    });
    g.finish();
}

criterion_group!(benches, lns_step);
criterion_main!(benches);

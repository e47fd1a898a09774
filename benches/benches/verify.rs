//! The independent verifier on a plan of the Tyresö 2013–2014 example (the heuristic's plan,
//! which is quick and deterministic to make).
//!
//! ```text
//! cargo bench -p leverans-benches --bench verify
//! ```

use criterion::{criterion_group, criterion_main, Criterion};
use leverans::heuristic::{best_schedule, Budget};
use leverans::io::read_portfolio_file;
use leverans::plan::build_plan;
use leverans::problem::Windows;
use leverans::{verify, Goal, Timeline};
use std::hint::black_box;
use std::path::Path;

fn verifier(c: &mut Criterion) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/tyreso-2013/portfolio.json");
    let portfolio = read_portfolio_file(&path).expect("the Tyresö example reads");
    let problem = leverans::validate(&portfolio).expect("a valid portfolio");
    let timeline = Timeline::new(&portfolio.calendar).expect("a timeline");
    let windows = Windows::compute(&problem, problem.periods).expect("windows");
    let levels = Goal::portfolio_default().levels();
    let s = best_schedule(&problem, &windows, &levels, &Budget::default()).expect("a schedule");
    let plan = build_plan(&portfolio, &timeline, &problem, &s);
    assert!(
        verify(&portfolio, &plan).is_ok(),
        "the heuristic's plan verifies"
    );
    c.bench_function("verify tyreso-2013", |b| {
        b.iter(|| verify(black_box(&portfolio), black_box(&plan)))
    });
}

criterion_group!(benches, verifier);
criterion_main!(benches);

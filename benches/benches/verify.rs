//! The independent verifier on a plan of the Tyresö 2013–2014 example (solved once, with a
//! short time limit, before measuring).
//!
//! ```text
//! cargo bench -p leverans-benches --bench verify
//! ```

use criterion::{criterion_group, criterion_main, Criterion};
use leverans::io::read_portfolio_file;
use leverans::{solve, verify, SolveOptions};
use std::hint::black_box;
use std::path::Path;

fn verifier(c: &mut Criterion) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/tyreso-2013/portfolio.json");
    let portfolio = read_portfolio_file(&path).expect("the Tyresö example reads");
    let out = solve(&portfolio, &SolveOptions::default().with_time_limit(10.0))
        .expect("the Tyresö example solves");
    let Some(plan) = out.plan else {
        eprintln!(
            "no plan for the Tyresö example in 10 s ({}); skipping",
            out.status
        );
        return;
    };
    assert!(verify(&portfolio, &plan).is_ok(), "the plan verifies");
    c.bench_function("verify tyreso-2013", |b| {
        b.iter(|| verify(black_box(&portfolio), black_box(&plan)))
    });
}

criterion_group!(benches, verifier);
criterion_main!(benches);

//! The heuristic's hot paths on a PSPLIB j30 instance: one run of the serial scheme (the
//! decoder the search calls thousands of times) and a whole search at the default budget.
//!
//! ```text
//! cargo bench -p leverans-benches --bench sgs
//! ```

use criterion::{criterion_group, criterion_main, Criterion};
use leverans::heuristic::{best_schedule, priority_lists, serial_sgs, SearchEffort};
use leverans::problem::Windows;
use leverans::{Goal, Objective};
use std::hint::black_box;

fn sgs(c: &mut Criterion) {
    let Some(problem) = leverans_benches::bench_instance("j30", "j301_1") else {
        return;
    };
    let windows = Windows::compute(&problem, problem.periods).expect("windows");
    let levels = Goal::single(Objective::Makespan).levels();
    let list = priority_lists(&problem, &windows, &levels, 0, 0).remove(0);
    c.bench_function("serial_sgs j301_1", |b| {
        b.iter(|| serial_sgs(black_box(&problem), black_box(&list), windows.horizon))
    });
    let budget = SearchEffort::default();
    let mut g = c.benchmark_group("search");
    g.sample_size(20);
    g.bench_function("best_schedule j301_1, 5000 evaluations", |b| {
        b.iter(|| best_schedule(black_box(&problem), &windows, &levels, &budget))
    });
    g.finish();
}

criterion_group!(benches, sgs);
criterion_main!(benches);

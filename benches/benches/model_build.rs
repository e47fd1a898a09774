//! Building the MIP of a PSPLIB j30 instance (variables, every constraint family, the
//! makespan objective, the hand-over to HiGHS), with the windows cut to the heuristic's
//! makespan as the solve does.
//!
//! ```text
//! cargo bench -p leverans-benches --bench model_build
//! ```

use criterion::{criterion_group, criterion_main, Criterion};
use leverans::formulation::Formulation;
use leverans::heuristic::{best_schedule, SearchEffort};
use leverans::problem::Windows;
use leverans::{Goal, Objective};
use std::hint::black_box;

fn model_build(c: &mut Criterion) {
    let Some(problem) = leverans_benches::bench_instance("j30", "j301_1") else {
        return;
    };
    let full = Windows::compute(&problem, problem.periods).expect("windows");
    let levels = Goal::single(Objective::Makespan).levels();
    let s = best_schedule(&problem, &full, &levels, &SearchEffort::default()).expect("a schedule");
    let h = s.jobs.iter().map(|j| j.go_live + 1).max().unwrap_or(1);
    let windows = Windows::compute(&problem, h).expect("windows");
    c.bench_function("model build j301_1", |b| {
        b.iter(|| {
            let mut f = Formulation::new(black_box(&problem), &windows, Default::default());
            let objective = f.objective(&levels[0]);
            f.into_highs(objective, Vec::new())
        })
    });
}

criterion_group!(benches, model_build);
criterion_main!(benches);

//! The makespan bounds' hot paths on PSPLIB j30: the destructive lower bound (propagation
//! tested upward from the critical path) and the horizon test one period below the optimum
//! (propagation, shaving, search), which is what proves an optimum in a solve.
//!
//! ```text
//! cargo bench -p leverans-benches --bench bounds
//! ```

use criterion::{criterion_group, criterion_main, Criterion};
use leverans::bounds::{makespan_lower_bound, test_horizon, SearchEnd};
use std::hint::black_box;

fn bounds(c: &mut Criterion) {
    let best = leverans_benches::best_known("j30");
    // j301_1: a loose instance; j3013_1: a tight one (parameter group 13).
    for name in ["j301_1", "j3013_1"] {
        let (Some(problem), Some(opt)) = (
            leverans_benches::bench_instance("j30", name),
            best.get(name),
        ) else {
            return;
        };
        let opt = opt.best_ub as usize;
        c.bench_function(&format!("makespan_lower_bound {name}"), |b| {
            b.iter(|| makespan_lower_bound(black_box(&problem), opt, None))
        });
        let mut g = c.benchmark_group("test_horizon");
        g.sample_size(10);
        let cap = std::time::Duration::from_millis(500);
        g.bench_function(format!("{name} at optimum − 1 (0.5 s cap)"), |b| {
            b.iter(|| {
                let end = test_horizon(
                    black_box(&problem),
                    opt - 1,
                    Some(std::time::Instant::now() + cap),
                )
                .end;
                assert!(
                    !matches!(end, SearchEnd::Found(_)),
                    "a plan below the optimum"
                );
            })
        });
        g.finish();
    }
}

criterion_group!(benches, bounds);
criterion_main!(benches);

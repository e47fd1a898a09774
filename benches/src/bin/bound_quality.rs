//! How close the makespan lower bounds without a solver come to the best known makespans.
//!
//! ```text
//! cargo run --release -p leverans-benches --bin bound_quality -- --set j30 --every 1 [--shave-seconds 0.2]
//! ```
//! For each instance: the critical-path / energy bound, the destructive bound (tested up to the
//! best known upper bound), then shaving and a search at one period below the best known makespan (at most
//! `--shave-seconds`, unlimited without it), which proves that makespan optimal when it
//! refutes the shorter horizon; and the time it took; then a summary: how many instances the bound
//! closes (bound = best known upper bound) and the mean gap of the bound below it.

use leverans::bounds::{makespan_lower_bound, test_horizon, BoundProof, SearchEnd};
use leverans::io::psplib::read_psplib_sm;
use leverans_benches::{best_known, instances};
use std::time::{Duration, Instant};

fn main() {
    let _wait = leverans_benches::WaitForRunsAtExit;
    let args: Vec<String> = std::env::args().collect();
    let get = |name: &str| leverans_benches::flag_value(&args, name);
    let set = get("--set").unwrap_or_else(|| "j30".into());
    let every: usize = get("--every").and_then(|x| x.parse().ok()).unwrap_or(1);
    let files = instances(&set).unwrap_or_else(|e| {
        eprintln!("cannot read PSPLIB set {set}: {e} (set LEVERANS_PSPLIB_DIR)");
        std::process::exit(1);
    });
    let shave: Option<f64> = get("--shave-seconds").and_then(|x| x.parse().ok());
    let best = best_known(&set);
    let (mut closed, mut count, mut gap_sum, mut seconds) = (0usize, 0usize, 0.0f64, 0.0f64);
    println!("instance,best_ub,bound,proof,seconds");
    for path in files.iter().step_by(every.max(1)) {
        let name = path
            .file_stem()
            .unwrap_or_default()
            .to_string_lossy()
            .to_string();
        let Some(ub) = best.get(&name).map(|b| b.best_ub as usize) else {
            continue;
        };
        let Ok(portfolio) = read_psplib_sm(path) else {
            eprintln!("{name}: cannot read");
            continue;
        };
        let Ok(problem) = leverans::validate(&portfolio) else {
            eprintln!("{name}: invalid");
            continue;
        };
        let t0 = Instant::now();
        let bound = makespan_lower_bound(&problem, ub, None).map(|mut b| {
            // Shaving at one period below the best known makespan proves it optimal.
            let deadline = shave.map(|s| Instant::now() + Duration::from_secs_f64(s));
            if b.value < ub && test_horizon(&problem, ub - 1, deadline).end == SearchEnd::Refuted {
                b.value = ub;
                b.proof = BoundProof::Destructive;
            }
            b
        });
        let dt = t0.elapsed().as_secs_f64();
        seconds += dt;
        match bound {
            Ok(b) => {
                count += 1;
                closed += usize::from(b.value >= ub);
                gap_sum += 100.0 * (ub - b.value.min(ub)) as f64 / ub as f64;
                println!("{name},{ub},{},{:?},{dt:.4}", b.value, b.proof);
            }
            Err(e) => eprintln!("{name}: refuted outright: {e}"),
        }
    }
    eprintln!(
        "{set} every {every}: {count} instances, bound = best known upper bound on {closed}, mean gap of the bound {:.2} %, {:.3} s in all",
        gap_sum / count.max(1) as f64,
        seconds
    );
}

//! Solves a PSPLIB sample for makespan, verifies every plan and compares with the best known.
//!
//! ```text
//! cargo run --release -p leverans-benches --bin psplib_sample -- \
//!     --set j30 --every 8 --time-limit 10 [--threads 1] [--jobs 1] [--warm-start] [--aggregated] [--heuristic-only]
//!     [--heuristic-evaluations N] [--heuristic-samples N] [--heuristic-time S] [--out rows.csv]
//! ```
//! `--every 8` takes instances 1, 9, 17, … of the set in natural order. `--jobs` runs that many
//! instances side by side (each with `--threads` HiGHS threads). `--heuristic-only` skips the MIP:
//! the plan is the heuristic's, "proven optimal" means it meets the critical-path bound. The
//! one-pass greedy levelling of desktop tools (serial scheme, latest-finish rule) is
//! `--heuristic-only --heuristic-evaluations 1 --heuristic-samples 0`.

use leverans::SolveOptions;
use leverans_benches::{best_known, instances, run_heuristic, run_instance, summarise, Row};
use rayon::prelude::*;

fn main() {
    let _wait = leverans_benches::WaitForRunsAtExit;
    let args: Vec<String> = std::env::args().collect();
    let get = |name: &str| leverans_benches::flag_value(&args, name);
    let set = get("--set").unwrap_or_else(|| "j30".into());
    let every: usize = get("--every").and_then(|x| x.parse().ok()).unwrap_or(8);
    let limit: f64 = get("--time-limit")
        .and_then(|x| x.parse().ok())
        .unwrap_or(10.0);
    let threads: u32 = get("--threads").and_then(|x| x.parse().ok()).unwrap_or(1);
    let jobs: usize = get("--jobs").and_then(|x| x.parse().ok()).unwrap_or(1);
    let warm = args.iter().any(|a| a == "--warm-start");
    let out = get("--out");
    let heuristic_only = args.iter().any(|a| a == "--heuristic-only");

    let files = match instances(&set) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("cannot read PSPLIB set {set}: {e} (set LEVERANS_PSPLIB_DIR)");
            std::process::exit(1);
        }
    };
    let sample: Vec<_> = files.into_iter().step_by(every.max(1)).collect();
    let best = best_known(&set);
    let mut options = SolveOptions::default()
        .with_time_limit(limit)
        .with_threads(threads);
    options.warm_start = warm;
    if let Some(n) = get("--heuristic-samples").and_then(|x| x.parse().ok()) {
        options.heuristic_samples = n;
    }
    options.heuristic_evaluations = get("--heuristic-evaluations").and_then(|x| x.parse().ok());
    options.heuristic_time = get("--heuristic-time").and_then(|x| x.parse().ok());
    options.formulation.aggregated_precedence = args.iter().any(|a| a == "--aggregated");
    eprintln!("{} instances of {set}, {limit} s each, {threads} thread(s), {jobs} side by side, warm start {warm}, aggregated precedence {}", sample.len(), options.formulation.aggregated_precedence);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs.max(1))
        .build()
        .expect("a thread pool");
    let rows: Vec<Row> = pool.install(|| {
        sample
            .par_iter()
            .map(|path| {
                let row = if heuristic_only {
                    run_heuristic(path, &best, &options)
                } else {
                    run_instance(path, &best, &options)
                };
                eprintln!("{}", row.csv());
                row
            })
            .collect()
    });
    if let Some(out) = out {
        let mut text = String::from(Row::HEADER);
        text.push('\n');
        for r in &rows {
            text.push_str(&r.csv());
            text.push('\n');
        }
        if let Err(e) = std::fs::write(&out, text) {
            eprintln!("cannot write {out}: {e}");
        }
    }
    let s = summarise(&rows);
    println!("| set | instances | limit | proven optimal | at best known | mean gap to best known | verified | below optimum | optimal ≠ known | mean time |");
    println!("|---|---|---|---|---|---|---|---|---|---|");
    println!(
        "| {set} every {every} | {} | {limit} s | {} ({:.1} %) | {} | {:.2} % | {} | {} | {} | {:.3} s |",
        s.instances,
        s.optimal,
        100.0 * s.optimal as f64 / s.instances.max(1) as f64,
        s.at_best,
        s.mean_gap,
        s.verified,
        s.below_optimum,
        s.optimal_mismatch,
        s.mean_seconds
    );
    if s.below_optimum > 0 || s.optimal_mismatch > 0 || s.verified < s.instances {
        std::process::exit(2);
    }
}

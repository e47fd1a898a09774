//! Plans generated portfolios and reports quality and time; used for the formulation study
//! (`docs/formulation.md`) and the portfolio rows of BENCHMARKS.md.
//!
//! ```text
//! cargo run --release -p leverans-benches --bin portfolio_bench -- \
//!     --orders 40 --teams 6 --weeks 52 --seeds 1,2,3,4 --time-limit 20 [--mode allocation|fixed-pace|aggregated] [--warm-start] [--write DIR]
//! ```
//! `fixed-pace` turns every effort-driven order into a fixed-duration one that works at its
//! full pace from start to finish (one "mode", as desktop tools model work), to measure what
//! letting hours flow per period buys.

use leverans::{solve, verify, Goal, Objective, SolveOptions};
use leverans_benches::generate::peer::fixed_pace;
use leverans_benches::generate::{generate, GenParams};

fn main() {
    let _wait = leverans_benches::WaitForRunsAtExit;
    let args: Vec<String> = std::env::args().collect();
    let get = |name: &str| leverans_benches::flag_value(&args, name);
    let num =
        |name: &str, default: usize| get(name).and_then(|x| x.parse().ok()).unwrap_or(default);
    let orders = num("--orders", 40);
    let teams = num("--teams", 6);
    let weeks = num("--weeks", 52) as u32;
    let limit: f64 = get("--time-limit")
        .and_then(|x| x.parse().ok())
        .unwrap_or(20.0);
    let seeds: Vec<u64> = get("--seeds")
        .unwrap_or_else(|| "1,2,3".into())
        .split(',')
        .filter_map(|s| s.parse().ok())
        .collect();
    let mode = get("--mode").unwrap_or_else(|| "allocation".into());
    let write = get("--write");
    let mut options = SolveOptions::default()
        .with_goal(Goal::Lexicographic(vec![
            Objective::WeightedLateness,
            Objective::WeightedCompletion,
        ]))
        .with_time_limit(limit);
    options.warm_start = args.iter().any(|a| a == "--warm-start");
    options.formulation.aggregated_precedence = mode == "aggregated";
    println!("| seed | orders | teams | weeks | mode | status | weighted tardiness | bound | completion | seconds | source | verified |");
    println!("|---|---|---|---|---|---|---|---|---|---|---|---|");
    for seed in seeds {
        let base = generate(GenParams {
            orders,
            teams,
            weeks,
            load: 0.7,
            seed,
        });
        if let Some(dir) = &write {
            let _ = std::fs::create_dir_all(dir);
            let _ = std::fs::write(
                format!("{dir}/{}.json", base.name),
                leverans::io::portfolio_to_json(&base),
            );
        }
        let p = if mode == "fixed-pace" {
            fixed_pace(&base)
        } else {
            base
        };
        match solve(&p, &options) {
            Ok(out) => {
                if let Some(r) = &out.reason {
                    eprintln!("seed {seed}: {r}");
                }
                let verified = out
                    .plan
                    .as_ref()
                    .is_some_and(|plan| verify(&p, plan).is_ok());
                let f = |x: Option<f64>| x.map_or("-".into(), |v| format!("{v:.1}"));
                println!(
                    "| {seed} | {orders} | {teams} | {weeks} | {mode} | {} | {} | {} | {} | {:.1} | {:?} | {verified} |",
                    out.status,
                    f(out.objective),
                    f(out.bound),
                    f(out.levels.get(1).map(|l| l.value)),
                    out.seconds,
                    out.source
                );
            }
            Err(e) => println!("| {seed} | {orders} | {teams} | {weeks} | {mode} | error: {e} |"),
        }
    }
}

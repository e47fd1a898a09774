//! The heuristic alone on generated portfolios (priority-weighted tardiness, then weighted
//! completion), at three budgets: one greedy pass (serial scheme, earliest-due rule: what
//! rank-first levelling does), the rules plus 64 biased samples (the heuristic before the
//! search), and the default search. Every plan goes through the verifier.
//!
//! ```text
//! cargo run --release -p leverans-benches --bin heuristic_bench -- \
//!     --orders 100 --teams 8 --weeks 104 --seeds 1,2,3 [--time-limit 60] [--threads N]
//!     [--evaluations N] [--seconds S] [--files A.json,B.json] [--search-seeds 0,1,2]
//! ```
//!
//! The search gets the budget a solve with `--time-limit` and `--threads` would give it
//! (`SolveOptions::heuristic_budget`: runs and wall-clock cap sized to the portfolio and the
//! limit), or `--evaluations` and `--seconds`. `--files` reads portfolios (JSON or PSPLIB)
//! instead of generating them, to compare versions of the heuristic on a fixed set; the size
//! estimate and the heuristic's share of the limit go to standard error. `--search-seeds`
//! runs the search once per seed of its generator (default 0), so that versions of the
//! heuristic can be compared over several runs of a search whose result varies with its luck.

use leverans::heuristic::{best_schedule, SearchEffort};
use leverans::plan::build_plan;
use leverans::problem::Windows;
use leverans::{verify, Goal, Objective, SolveOptions, Timeline};
use leverans_benches::generate::{generate, GenParams};
use std::time::Instant;

fn main() {
    let _wait = leverans_benches::WaitForRunsAtExit;
    let args: Vec<String> = std::env::args().collect();
    let get = |name: &str| leverans_benches::flag_value(&args, name);
    let num =
        |name: &str, default: usize| get(name).and_then(|x| x.parse().ok()).unwrap_or(default);
    let orders = num("--orders", 100);
    let teams = num("--teams", 8);
    let weeks = num("--weeks", 104) as u32;
    let seeds: Vec<u64> = get("--seeds")
        .unwrap_or_else(|| "1,2,3".into())
        .split(',')
        .filter_map(|s| s.parse().ok())
        .collect();
    let evaluations: Option<usize> = get("--evaluations").and_then(|x| x.parse().ok());
    let threads = num("--threads", 1);
    let limit: f64 = get("--time-limit")
        .and_then(|x| x.parse().ok())
        .unwrap_or(60.0);
    let seconds: Option<f64> = get("--seconds").and_then(|x| x.parse().ok());
    let search_seeds: Vec<u64> = get("--search-seeds")
        .unwrap_or_else(|| "0".into())
        .split(',')
        .filter_map(|s| s.parse().ok())
        .collect();
    let budgets = [
        (
            "greedy",
            SearchEffort {
                samples: 0,
                evaluations: 1,
                ..SearchEffort::default()
            },
        ),
        (
            "rules + 64 samples",
            SearchEffort {
                evaluations: 68,
                ..SearchEffort::default()
            },
        ),
    ];
    let goal = Goal::Lexicographic(vec![
        Objective::WeightedLateness,
        Objective::WeightedCompletion,
    ]);
    let levels = goal.levels();
    println!("| seed | orders | teams | weeks | heuristic | evaluations | weighted tardiness | vs greedy | weighted completion | seconds | verified |");
    println!("|---|---|---|---|---|---|---|---|---|---|---|");
    // Portfolios: generated, or read from `--files` (a fixed set, say one written by
    // `portfolio_tool generate`, to compare versions of the heuristic on the same data).
    let portfolios: Vec<(String, leverans::Portfolio)> = match get("--files") {
        Some(files) => files
            .split(',')
            .map(|f| {
                let p = leverans::io::read_portfolio_file(std::path::Path::new(f))
                    .unwrap_or_else(|e| panic!("{f}: {e}"));
                (f.rsplit('/').next().unwrap_or(f).to_string(), p)
            })
            .collect(),
        None => seeds
            .iter()
            .map(|&seed| {
                let p = generate(GenParams {
                    orders,
                    teams,
                    weeks,
                    load: 0.7,
                    seed,
                });
                (seed.to_string(), p)
            })
            .collect(),
    };
    for (seed, p) in portfolios {
        let orders = p.orders.len();
        let teams = p.teams.len();
        let problem = match leverans::validate(&p) {
            Ok(x) => x,
            Err(e) => {
                println!("| {seed} | invalid: {e} |");
                continue;
            }
        };
        let weeks = problem.periods;
        let (Ok(timeline), Ok(windows)) = (
            Timeline::new(&p.calendar),
            Windows::compute(&problem, problem.periods),
        ) else {
            println!("| {seed} | no windows |");
            continue;
        };
        let mut greedy = None;
        let solve = SolveOptions::default()
            .with_time_limit(limit)
            .with_threads(threads as u32)
            .heuristic_budget(&problem, &levels);
        eprintln!(
            "{seed}: about {:.0} MIP columns, heuristic share {:.2}",
            SearchEffort::mip_columns(&problem),
            SearchEffort::share_of_limit(&problem, &levels)
        );
        let searches: Vec<(String, SearchEffort)> = search_seeds
            .iter()
            .map(|&s| {
                let name = if search_seeds.len() > 1 {
                    format!("search, seed {s}")
                } else {
                    "search".to_string()
                };
                let effort = SearchEffort {
                    evaluations: evaluations.unwrap_or(solve.evaluations),
                    seconds: seconds.or(solve.seconds),
                    seed: s,
                    ..solve
                };
                (name, effort)
            })
            .collect();
        let fixed = budgets.iter().map(|(n, b)| (n.to_string(), *b));
        for (name, budget) in fixed.chain(searches) {
            let budget = &budget;
            let started = Instant::now();
            // Greedy is the peers' pass, earliest due first, whatever rule the heuristic
            // itself tries first.
            let s = if name == "greedy" {
                leverans_benches::greedy::earliest_due_pass(&problem, &windows)
            } else {
                best_schedule(&problem, &windows, &levels, budget)
            };
            let secs = started.elapsed().as_secs_f64();
            let Some(s) = s else {
                println!("| {seed} | {orders} | {teams} | {weeks} | {name} | {} | no plan | | | {secs:.2} | |", budget.evaluations);
                continue;
            };
            let wt = Objective::WeightedLateness.evaluate(&problem, &s);
            let wc = Objective::WeightedCompletion.evaluate(&problem, &s);
            let g = *greedy.get_or_insert(wt);
            let verified = verify(&p, &build_plan(&p, &timeline, &problem, &s)).is_ok();
            let rel = if g > 0.0 {
                format!("{:+.1} %", 100.0 * (wt - g) / g)
            } else {
                "–".into()
            };
            println!(
                "| {seed} | {orders} | {teams} | {weeks} | {name} | {} | {wt:.0} | {rel} | {wc:.0} | {secs:.2} | {verified} |",
                budget.evaluations
            );
        }
    }
}

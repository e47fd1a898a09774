//! How plans hold up when the estimates are guesses: the plan optimised on the most likely
//! hours, the plan optimised on a percentile of the estimates (`--percentile 85`: P85 hours)
//! and the greedy plan (priority first at full pace, as levelling tools make it), each re-run
//! on the same draws of the portfolio's three-point estimates (`leverans::simulate`, the same
//! seed, so run k draws the same hours for every plan).
//!
//! ```text
//! robust_bench PORTFOLIO [--time-limit 10] [--threads 2] [--runs 1000] [--seed 1] [--percentile 85]
//! ```
//!
//! One Markdown row per plan: weighted lateness as planned and its P50/P85 over the runs, the
//! mean chance per order of meeting its due date, the chance every deadline holds, how far the
//! P85 go-lives reach past the planned ones (periods, over all orders), the value delivered on
//! time (P50) and consultant spend (P50). Every plan goes through the verifier
//! before it is simulated. The greedy plan ignores deadlines and buys no consultants (as
//! levelling tools do), so it is simulated on the portfolio it is a plan of: deadlines lifted
//! (its deadline column reads "–"), orders it could not place stopped.

use leverans::plan::Plan;
use leverans::simulate::{
    at_percentile, simulate, simulate_with_estimates, SimulateOptions, Simulation,
};
use leverans::{solve, verify, Portfolio, SolveOptions};
use leverans_benches::flag_value;
use leverans_benches::greedy::{greedy_plan, greedy_portfolio};
use std::process::ExitCode;

fn main() -> ExitCode {
    let _wait = leverans_benches::WaitForRunsAtExit;
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.first().filter(|a| !a.starts_with("--")) else {
        eprintln!("usage: robust_bench PORTFOLIO [--time-limit 10] [--threads 2] [--runs 1000] [--seed 1] [--percentile 85]");
        return ExitCode::from(2);
    };
    let num = |name: &str, default: f64| -> f64 {
        flag_value(&args, name)
            .and_then(|v| v.parse().ok())
            .unwrap_or(default)
    };
    let limit = num("--time-limit", 10.0);
    let threads = num("--threads", 2.0) as u32;
    let runs = num("--runs", 1000.0) as usize;
    let seed = num("--seed", 1.0) as u64;
    let q = num("--percentile", 85.0);
    let p = match leverans::io::read_portfolio_file(std::path::Path::new(path)) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(2);
        }
    };
    let sim_options = SimulateOptions::new(runs, seed).with_threads(threads as usize);
    let solve_options = SolveOptions::default()
        .with_time_limit(limit)
        .with_threads(threads);
    println!(
        "| plan | weighted lateness planned | P50 | P85 | mean P(on time) | P(all deadlines) | P85 slip past the promises | value on time P50 | spend P50 |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
    // Optimised on the most likely hours.
    match planned(&p, &solve_options) {
        Some(plan) => row("optimised", &plan, simulate(&p, &plan, &sim_options), true),
        None => println!("| optimised | no plan | | | | | | |"),
    }
    // Optimised on the percentile, run on the estimates themselves.
    let name = format!("optimised on P{q:.0} hours");
    match at_percentile(&p, q / 100.0) {
        Ok(pq) => match planned(&pq, &solve_options) {
            Some(plan) => row(
                &name,
                &plan,
                simulate_with_estimates(&pq, &plan, &p, &sim_options),
                true,
            ),
            None => println!("| {name} | no plan | | | | | | |"),
        },
        Err(e) => println!("| {name} | {e} | | | | | | |"),
    }
    // Greedy, on the portfolio it is a plan of.
    let g = greedy_portfolio(&p);
    match greedy_plan(&p) {
        Some(plan) if verify(&g, &plan).is_ok() => {
            row("greedy", &plan, simulate(&g, &plan, &sim_options), false)
        }
        Some(plan) => {
            let report = verify(&g, &plan);
            eprintln!("greedy: {report}");
            println!(
                "| greedy | breaks {} rule(s) | | | | | | | |",
                report.violations.len()
            )
        }
        None => println!("| greedy | no plan | | | | | | |"),
    }
    ExitCode::SUCCESS
}

/// A verified plan of `p`, or none.
fn planned(p: &Portfolio, options: &SolveOptions) -> Option<Plan> {
    let plan = solve(p, options).ok()?.plan?;
    let report = verify(p, &plan);
    if !report.is_ok() {
        eprintln!("plan breaks rules: {report}");
        return None;
    }
    Some(plan)
}

fn row(name: &str, plan: &Plan, sim: leverans::error::Result<Simulation>, deadlines: bool) {
    let sim = match sim {
        Ok(s) => s,
        Err(e) => {
            println!("| {name} | {e} | | | | | | | |");
            return;
        }
    };
    let on_time: Vec<f64> = sim.orders.iter().filter_map(|o| o.on_time).collect();
    let mean_on_time = on_time.iter().sum::<f64>() / on_time.len().max(1) as f64;
    let s = &sim.summary;
    let all = if deadlines {
        format!("{:.0} %", 100.0 * s.all_deadlines_met)
    } else {
        "–".into()
    };
    // Periods the P85 go-lives reach past the planned ones, over all orders.
    let slip: f64 = sim
        .orders
        .iter()
        .filter_map(|o| Some((o.go_live_period?.p85 - f64::from(o.planned_period?)).max(0.0)))
        .sum();
    println!(
        "| {name} | {:.0} | {:.0} | {:.0} | {:.0} % | {all} | {slip:.0} | {:.0} | {:.0} |",
        plan.summary.weighted_lateness,
        s.weighted_lateness.p50,
        s.weighted_lateness.p85,
        100.0 * mean_on_time,
        s.value_on_time.p50,
        s.consultant_spend.p50 + 0.0,
    );
}

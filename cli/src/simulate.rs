//! `leverans simulate`: Monte Carlo dates for a plan whose estimates are three-point.

use crate::{fail, keeps_rules, portfolio_and_plan, EXIT_ERROR};
use leverans::io::read_portfolio_file;
use leverans::simulate::{simulate, simulate_with_estimates, SimulateOptions, Simulation, Spread};
use std::path::Path;

/// The files of `leverans simulate`.
pub struct Files<'a> {
    /// The portfolio the plan is a plan of.
    pub portfolio: &'a Path,
    /// The plan (`plan --out`).
    pub plan: &'a Path,
    /// A portfolio to draw the estimates from instead (`--estimates`).
    pub estimates: Option<&'a Path>,
    /// Where to write the tables (`--csv`).
    pub csv: Option<&'a Path>,
}

/// Runs the simulation of the plan, prints it (as text, or JSON with `json`) and writes its
/// tables; the exit code.
pub fn run(files: &Files, options: &SimulateOptions, json: bool) -> u8 {
    if let Err(e) = options.check() {
        return fail(&e);
    }
    let (portfolio, plan) = match portfolio_and_plan(files.portfolio, files.plan) {
        Ok(x) => x,
        Err(code) => return code,
    };
    if let Err(code) = keeps_rules(&portfolio, &plan, files.plan) {
        return code;
    }
    let result = match files.estimates {
        None => simulate(&portfolio, &plan, options),
        Some(path) => match read_portfolio_file(path) {
            Ok(estimates) => simulate_with_estimates(&portfolio, &plan, &estimates, options),
            Err(e) => return fail(&e),
        },
    };
    let sim = match result {
        Ok(s) => s,
        Err(e) => return fail(&e),
    };
    let csv = files.csv;
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&sim).expect("a simulation always serialises")
        );
    } else {
        print(&sim);
    }
    if let Some(dir) = csv {
        if let Err(e) = leverans::io::write_simulation_csv(&sim, dir) {
            eprintln!("error: {e}");
            return EXIT_ERROR;
        }
    }
    0
}

/// The table per order (simulated ones, by planned go-live) and the portfolio's figures.
fn print(sim: &Simulation) {
    println!(
        "Simulation: {} runs, seed {}; go-live per order (P50/P85/P95: half, 85 %, 95 % of runs \
         are live by then)",
        sim.runs, sim.seed
    );
    println!(
        "  {:<24} {:<12} {:<12} {:<12} {:<12} {:>10} {:>12}",
        "order", "planned", "P50", "P85", "P95", "P(on time)", "P(deadline)"
    );
    let mut orders: Vec<_> = sim
        .orders
        .iter()
        .filter(|o| o.state == "simulated")
        .collect();
    orders.sort_by_key(|o| (o.planned_period, o.id.clone()));
    let text = |x: &Option<String>| x.clone().unwrap_or_else(|| "-".to_string());
    let pct = |x: Option<f64>| x.map_or_else(|| "-".to_string(), |x| format!("{:.1} %", x * 100.0));
    for o in &orders {
        println!(
            "  {:<24} {:<12} {:<12} {:<12} {:<12} {:>10} {:>12}",
            o.id,
            text(&o.planned),
            text(&o.p50),
            text(&o.p85),
            text(&o.p95),
            pct(o.on_time),
            pct(o.meets_deadline)
        );
    }
    let stopped = sim.orders.iter().filter(|o| o.state == "stopped").count();
    let done = sim.orders.iter().filter(|o| o.state == "done").count();
    if stopped + done > 0 {
        println!("  ({stopped} orders stopped by the plan and {done} done before it are left out)");
    }
    let s = &sim.summary;
    let spread = |x: Spread, digits: usize| {
        format!(
            "{:>12.digits$} {:>12.digits$} {:>12.digits$} {:>12.digits$}",
            x.p50, x.p85, x.p95, x.mean
        )
    };
    println!("Portfolio over the runs:");
    println!(
        "  {:<22} {:>12} {:>12} {:>12} {:>12}",
        "", "P50", "P85", "P95", "mean"
    );
    println!("  {:<22} {}", "Value on time", spread(s.value_on_time, 0));
    println!(
        "  {:<22} {}",
        "Weighted lateness",
        spread(s.weighted_lateness, 1)
    );
    println!(
        "  {:<22} {}",
        "Consultant spend",
        spread(s.consultant_spend, 0)
    );
    println!(
        "  {:<22} {:>12} {:>12} {:>12}",
        "Last go-live", s.last_go_live[0], s.last_go_live[1], s.last_go_live[2]
    );
    println!(
        "  Every deadline met in {:.1} % of runs",
        s.all_deadlines_met * 100.0
    );
}

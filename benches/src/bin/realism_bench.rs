//! Realism figures of plans, Leverans beside a greedy plan: the table of
//! `docs/realism.md` and BENCHMARKS.md ("A timeline a unit would run").
//!
//! ```text
//! realism_bench PORTFOLIO... [--time-limits 5,10,60] [--threads 2]
//! ```
//!
//! For each portfolio: the greedy plan (priority first at full pace: one pass of the serial
//! scheme over the orders by priority weight, then due date, each as early and as fast as the
//! teams' own capacity allows, deadlines ignored as levelling tools ignore them; the shape
//! Jira Plans and MS Project levelling give), then Leverans's solve with the default goal at
//! each time limit. One Markdown row per plan; every plan goes through the verifier, and the
//! rules it breaks are named.

use leverans::plan::{realism, Plan};
use leverans::{solve, verify, Portfolio, SolveOptions};
use leverans_benches::flag_value;
use leverans_benches::greedy::greedy_plan as greedy;
use std::collections::BTreeSet;
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

fn main() -> ExitCode {
    let _wait = leverans_benches::WaitForRunsAtExit;
    let args: Vec<String> = std::env::args().skip(1).collect();
    let limits: Vec<f64> = flag_value(&args, "--time-limits")
        .unwrap_or_else(|| "5,10,60".into())
        .split(',')
        .filter_map(|x| x.trim().parse().ok())
        .collect();
    let threads: u32 = flag_value(&args, "--threads")
        .and_then(|x| x.parse().ok())
        .unwrap_or(2);
    let mut files = Vec::new();
    let mut skip = false;
    for a in &args {
        if skip {
            skip = false;
        } else if a.starts_with("--") {
            skip = true;
        } else {
            files.push(a.clone());
        }
    }
    if files.is_empty() {
        eprintln!("usage: realism_bench PORTFOLIO... [--time-limits 5,10,60] [--threads 2]");
        return ExitCode::from(2);
    }
    println!(
        "| portfolio | plan | s | status | gap (first level) | weighted lateness | on time | value delivered | consultant spend | go-lives in first half | unforced waits | links broken at go-live | stretch p90 | stall weeks | max open orders / FTE | rules broken |"
    );
    println!("|---|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
    for file in &files {
        let p = match leverans::io::read_portfolio_file(Path::new(file)) {
            Ok(p) => p,
            Err(e) => {
                eprintln!("{file}: {e}");
                return ExitCode::from(2);
            }
        };
        // `examples/tyreso-2013/portfolio.json` is named by its folder.
        let path = Path::new(file);
        let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned());
        let name = match stem.as_deref() {
            Some("portfolio") | None => path
                .parent()
                .and_then(|d| d.file_name())
                .map_or(file.clone(), |d| d.to_string_lossy().into_owned()),
            Some(s) => s.to_string(),
        };
        let started = Instant::now();
        match greedy(&p) {
            Some(plan) => row(
                &name,
                "greedy",
                started.elapsed().as_secs_f64(),
                "-",
                None,
                &p,
                &plan,
            ),
            None => println!("| {name} | greedy | - | no plan | | | | | | | | | | | | |"),
        }
        for &limit in &limits {
            let options = SolveOptions::default()
                .with_time_limit(limit)
                .with_threads(threads);
            let started = Instant::now();
            match solve(&p, &options) {
                Ok(out) => {
                    let seconds = started.elapsed().as_secs_f64();
                    let gap = out.gap;
                    match &out.plan {
                        Some(plan) => row(
                            &name,
                            &format!("Leverans {limit} s"),
                            seconds,
                            out.status.as_str(),
                            gap,
                            &p,
                            plan,
                        ),
                        None => println!(
                            "| {name} | Leverans {limit} s | {seconds:.1} | {} | | | | | | | | | | | | |",
                            out.status
                        ),
                    }
                }
                Err(e) => {
                    eprintln!("{file}: {e}");
                    return ExitCode::from(1);
                }
            }
        }
    }
    ExitCode::SUCCESS
}

/// One table row of a plan's figures.
fn row(
    name: &str,
    engine: &str,
    seconds: f64,
    status: &str,
    gap: Option<f64>,
    p: &Portfolio,
    plan: &Plan,
) {
    let r = realism(p, plan);
    let s = &plan.summary;
    let broken: BTreeSet<String> = verify(p, plan)
        .violations
        .iter()
        .map(|v| v.rule.to_string())
        .collect();
    let broken = if broken.is_empty() {
        "none".to_string()
    } else {
        broken.into_iter().collect::<Vec<_>>().join(", ")
    };
    let value = if s.value_total > 0.0 {
        100.0 * s.value_delivered / s.value_total
    } else {
        100.0
    };
    println!(
        "| {name} | {engine} | {seconds:.1} | {status} | {} | {:.0} | {:.0} % | {value:.0} % | {:.0} | {:.0} % | {} | {} | {:.2} | {:.1} % | {:.1} | {broken} |",
        gap.map_or("-".into(), |g| format!("{:.1} %", g * 100.0)),
        s.weighted_lateness,
        s.on_time_share * 100.0,
        s.consultant_cost,
        r.first_half_go_live_share * 100.0,
        r.unforced_waits,
        r.links_broken_at_go_live,
        r.stretch_p90,
        r.stall_share * 100.0,
        r.max_open_orders_per_fte,
    );
}

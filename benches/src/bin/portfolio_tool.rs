//! Generated portfolios for peer comparisons (`benches/peers/compare_portfolio.py`): writes
//! them, plans them with Leverans or one greedy pass, and checks a peer's plan with the
//! verifier. Every command prints one JSON object on standard output.
//!
//! ```text
//! portfolio_tool generate --orders 1000 --teams 10 --weeks 104 --load 0.7 --seed 1 --out DIR
//!     writes DIR/NAME.json (effort-driven), DIR/NAME.fixed.json (fixed pace) and
//!     DIR/NAME.fixed.flat.json (the fixed-pace problem resolved, for CP-SAT); with
//!     --decisions also DIR/NAME.decisions.json (optional orders, scope, consultants, a
//!     budget: `generate::decisions`)
//! portfolio_tool flat PORTFOLIO OUT.json      the resolved problem of any portfolio
//! portfolio_tool solve PORTFOLIO [--time-limit S] [--threads N] [--seed N] [--plan OUT.json]
//!     Leverans's solve, goal weighted tardiness then weighted completion
//! portfolio_tool greedy PORTFOLIO             one pass of the serial scheme (earliest due)
//! portfolio_tool check PORTFOLIO PLAN.json    a peer's plan: {"plan": [{"order", "start", "go_live"}]}
//! ```
//!
//! Weighted tardiness is always recomputed from the plan, and every plan goes through
//! `leverans::verify`.

use leverans::heuristic::{best_schedule, SearchEffort};
use leverans::problem::Windows;
use leverans::{solve, Goal, Objective, Portfolio, SolveOptions};
use leverans_benches::flag_value;
use leverans_benches::generate::peer::{
    check_plan, check_schedule, fixed_pace, flat_json, read_peer_plan, schedule_from_peer, Checked,
};
use leverans_benches::generate::{generate, GenParams};
use serde_json::{json, Value};
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

fn goal() -> Goal {
    Goal::Lexicographic(vec![
        Objective::WeightedLateness,
        Objective::WeightedCompletion,
    ])
}

fn read(path: &str) -> Result<Portfolio, String> {
    leverans::io::read_portfolio_file(Path::new(path)).map_err(|e| format!("{path}: {e}"))
}

fn write(path: &str, text: &str) -> Result<(), String> {
    std::fs::write(path, text).map_err(|e| format!("{path}: {e}"))
}

fn checked_json(c: &Checked) -> Value {
    json!({
        "weighted_lateness": c.weighted_lateness,
        "verified": c.verified,
        "violations": c.violations.len(),
        "first_violations": c.violations.iter().take(3).collect::<Vec<_>>(),
        "late_orders": c.plan.orders.iter().filter(|o| o.lateness > 0).count(),
    })
}

fn cmd_generate(args: &[String]) -> Result<Value, String> {
    let get = |name: &str| flag_value(args, name);
    let num = |name: &str, default: f64| -> Result<f64, String> {
        get(name).map_or(Ok(default), |x| {
            x.parse().map_err(|_| format!("{name}: not a number: {x}"))
        })
    };
    let params = GenParams {
        orders: num("--orders", 100.0)? as usize,
        teams: num("--teams", 10.0)? as usize,
        weeks: num("--weeks", 104.0)? as u32,
        load: num("--load", 0.7)?,
        seed: num("--seed", 1.0)? as u64,
    };
    let params_seed = params.seed;
    let dir = get("--out").unwrap_or_else(|| "target/gen".into());
    std::fs::create_dir_all(&dir).map_err(|e| format!("{dir}: {e}"))?;
    let started = Instant::now();
    let p = generate(params);
    let seconds = started.elapsed().as_secs_f64();
    let fixed = fixed_pace(&p);
    let problem = leverans::validate(&p).map_err(|e| format!("generated portfolio: {e}"))?;
    let fixed_problem =
        leverans::validate(&fixed).map_err(|e| format!("fixed-pace portfolio: {e}"))?;
    let base = format!("{dir}/{}", p.name);
    let (effort, fixed_path, flat) = (
        format!("{base}.json"),
        format!("{base}.fixed.json"),
        format!("{base}.fixed.flat.json"),
    );
    write(&effort, &leverans::io::portfolio_to_json(&p))?;
    write(&fixed_path, &leverans::io::portfolio_to_json(&fixed))?;
    write(&flat, &flat_json(&fixed, &fixed_problem).to_string())?;
    let decisions = if args.iter().any(|a| a == "--decisions") {
        let d = leverans_benches::generate::decisions::with_decisions(&p, params_seed);
        leverans::validate(&d).map_err(|e| format!("decision portfolio: {e}"))?;
        let path = format!("{base}.decisions.json");
        write(&path, &leverans::io::portfolio_to_json(&d))?;
        Some(path)
    } else {
        None
    };
    let hours = leverans_benches::generate::order_hours(&p);
    Ok(json!({
        "name": p.name,
        "portfolio": effort,
        "fixed": fixed_path,
        "flat": flat,
        "decisions": decisions,
        "orders": p.orders.len(),
        "jobs": problem.jobs.len(),
        "links": problem.links.len(),
        "team_hours_per_week": p.teams.iter().map(|t| t.hours_per_week).collect::<Vec<_>>(),
        "order_hours": hours,
        "generate_seconds": seconds,
    }))
}

fn cmd_flat(args: &[String]) -> Result<Value, String> {
    let (Some(input), Some(out)) = (args.first(), args.get(1)) else {
        return Err("usage: flat PORTFOLIO OUT.json".into());
    };
    let p = read(input)?;
    let problem = leverans::validate(&p).map_err(|e| e.to_string())?;
    write(out, &flat_json(&p, &problem).to_string())?;
    Ok(json!({"flat": out, "jobs": problem.jobs.len()}))
}

/// Validation, time windows and one pass of the serial scheme, earliest due first: the greedy
/// plan (the peers' levelling). Its time also stands for a solve's first plan where it places
/// every order: the solve's first list is one pass of its first rule, at the same cost.
fn greedy(p: &Portfolio) -> Result<(Option<Checked>, f64), String> {
    let started = Instant::now();
    let problem = leverans::validate(p).map_err(|e| e.to_string())?;
    let windows = Windows::compute(&problem, problem.periods).map_err(|c| c.reason)?;
    let s = leverans_benches::greedy::earliest_due_pass(&problem, &windows);
    let seconds = started.elapsed().as_secs_f64();
    Ok((s.map(|s| check_schedule(p, &problem, &s)), seconds))
}

/// When the solve holds its first plan, and from what: the greedy pass when it places every
/// order, else the heuristic's first population (one list per rule and its biased samples),
/// else its whole search (the solve's budget); `None` when only the MIP finds one (its time is
/// not observable from outside).
fn first_plan(p: &Portfolio, options: &SolveOptions) -> Option<(f64, &'static str)> {
    let (plan, seconds) = greedy(p).ok()?;
    if plan.is_some() {
        return Some((seconds, "greedy"));
    }
    let started = Instant::now();
    let problem = leverans::validate(p).ok()?;
    let windows = Windows::compute(&problem, problem.periods).ok()?;
    let full = options.heuristic_budget(&problem, &options.goal.levels());
    let first = SearchEffort {
        evaluations: full.samples + 4,
        ..full
    };
    let levels = options.goal.levels();
    if best_schedule(&problem, &windows, &levels, &first).is_some() {
        return Some((
            started.elapsed().as_secs_f64(),
            "heuristic first population",
        ));
    }
    best_schedule(&problem, &windows, &levels, &full)?;
    Some((started.elapsed().as_secs_f64(), "heuristic search"))
}

fn cmd_greedy(args: &[String]) -> Result<Value, String> {
    let input = args.first().ok_or("usage: greedy PORTFOLIO")?;
    let p = read(input)?;
    let (c, seconds) = greedy(&p)?;
    let mut v = match &c {
        Some(c) => checked_json(c),
        None => json!({"status": "no_plan", "verified": false}),
    };
    v["engine"] = json!("greedy");
    v["seconds"] = json!(seconds);
    v["first_plan_seconds"] = json!(c.is_some().then_some(seconds));
    Ok(v)
}

fn cmd_solve(args: &[String]) -> Result<Value, String> {
    let input = args
        .first()
        .ok_or("usage: solve PORTFOLIO [--time-limit S]")?;
    let get = |name: &str| flag_value(args, name);
    let limit: f64 = get("--time-limit")
        .and_then(|x| x.parse().ok())
        .unwrap_or(60.0);
    let threads: u32 = get("--threads").and_then(|x| x.parse().ok()).unwrap_or(1);
    let seed: u64 = get("--seed").and_then(|x| x.parse().ok()).unwrap_or(0);
    let p = read(input)?;
    let mut options = SolveOptions::default()
        .with_goal(goal())
        .with_time_limit(limit)
        .with_threads(threads)
        .with_seed(seed);
    if let Some(t) = get("--heuristic-time").and_then(|x| x.parse().ok()) {
        options.heuristic_time = Some(t);
    }
    // The solve starts with the same steps; timed on their own they give its first plan.
    let first_plan = if args.iter().any(|a| a == "--no-first-plan") {
        None
    } else {
        first_plan(&p, &options)
    };
    let started = Instant::now();
    let out = solve(&p, &options).map_err(|e| e.to_string())?;
    let seconds = started.elapsed().as_secs_f64();
    let mut v = match out.plan {
        Some(plan) => {
            if let Some(path) = get("--plan") {
                let text = serde_json::to_string(&plan).map_err(|e| e.to_string())?;
                write(&path, &text)?;
            }
            checked_json(&check_plan(&p, plan))
        }
        None => json!({"verified": false}),
    };
    v["engine"] = json!("leverans");
    v["status"] = json!(out.status.to_string());
    v["objective"] = json!(out.objective);
    v["bound"] = json!(out.bound);
    v["weighted_completion"] = json!(out.levels.get(1).map(|l| l.value));
    v["source"] = json!(format!("{:?}", out.source).to_lowercase());
    v["reason"] = json!(out.reason);
    v["seconds"] = json!(seconds);
    v["first_plan_seconds"] = json!(first_plan.map(|f| f.0));
    v["first_plan_from"] = json!(first_plan.map(|f| f.1));
    Ok(v)
}

fn cmd_check(args: &[String]) -> Result<Value, String> {
    let (Some(input), Some(plan_path)) = (args.first(), args.get(1)) else {
        return Err("usage: check PORTFOLIO PLAN.json".into());
    };
    let p = read(input)?;
    let problem = leverans::validate(&p).map_err(|e| e.to_string())?;
    let text = std::fs::read_to_string(plan_path).map_err(|e| format!("{plan_path}: {e}"))?;
    let times = read_peer_plan(&text)?;
    let s = schedule_from_peer(&p, &problem, &times)?;
    let c = check_schedule(&p, &problem, &s);
    let mut v = checked_json(&c);
    v["weighted_completion"] = json!(Objective::WeightedCompletion.evaluate(&problem, &s));
    Ok(v)
}

fn main() -> ExitCode {
    let _wait = leverans_benches::WaitForRunsAtExit;
    let args: Vec<String> = std::env::args().skip(1).collect();
    let rest = args.get(1..).unwrap_or_default();
    let result = match args.first().map(String::as_str) {
        Some("generate") => cmd_generate(rest),
        Some("flat") => cmd_flat(rest),
        Some("solve") => cmd_solve(rest),
        Some("greedy") => cmd_greedy(rest),
        Some("check") => cmd_check(rest),
        _ => Err(
            "usage: portfolio_tool generate|flat|solve|greedy|check … (see the source's doc)"
                .into(),
        ),
    };
    match result {
        Ok(v) => {
            println!("{v}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("portfolio_tool: {e}");
            println!("{}", json!({"error": e}));
            ExitCode::FAILURE
        }
    }
}

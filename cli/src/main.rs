//! The `leverans` command line: plan, explain, report, diff, simulate, compare scenarios, check
//! and verify portfolios given as JSON or PSPLIB `.sm`.
//!
//! Exit codes: 0 a plan was found (or the check/verification passed), 1 other error (a file
//! that cannot be read or written, a solver failure), 2 invalid input, 3 infeasible, 4 no plan
//! within the time limit, 5 the plan breaks rules (`verify`; `explain`, `report`, `simulate`
//! and `diff` refuse such a plan; `scenarios` when one of its plans does).

mod args;
mod diff;
mod explain;
mod plan;
mod progress;
mod report;
mod scenarios;
mod simulate;

use args::{Cli, Command};
use clap::Parser;
use leverans::io::{read_portfolio_file, read_text};
use leverans::plan::Plan;
use leverans::{validate, verify, Error, Goal, Outcome, Portfolio, SolveOptions, Status};
use std::path::Path;
use std::process::ExitCode;

const EXIT_ERROR: u8 = 1;
const EXIT_INVALID: u8 = 2;
const EXIT_INFEASIBLE: u8 = 3;
const EXIT_NO_PLAN: u8 = 4;
const EXIT_VIOLATIONS: u8 = 5;

fn main() -> ExitCode {
    // Piped into `head` and the like, stop quietly when the reader goes away, as command-line
    // tools do, instead of panicking on a failed print.
    #[cfg(unix)]
    // SAFETY: restoring the default action of SIGPIPE before any thread starts.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    let cli = Cli::parse();
    let code = match cli.command {
        Command::Plan {
            portfolio,
            time_limit,
            objective,
            gap,
            threads,
            seed,
            out,
            csv,
            verbose,
            baseline,
            move_weight,
            change_weight,
            frozen_until,
            save_portfolio,
            hours_percentile,
        } => {
            let frozen_until = match frozen_until
                .as_deref()
                .map(plan::parse_time_point)
                .transpose()
            {
                Ok(f) => f,
                Err(e) => {
                    eprintln!("error: --frozen-until: {e}");
                    return ExitCode::from(EXIT_INVALID);
                }
            };
            let goal = match goal_from(&objective) {
                Ok(g) => g,
                Err(e) => {
                    eprintln!("error: {e}");
                    return ExitCode::from(EXIT_INVALID);
                }
            };
            let baseline = match baseline.as_deref().map(read_plan).transpose() {
                Ok(b) => b.map(Box::new),
                Err(code) => return ExitCode::from(code),
            };
            let options = SolveOptions {
                goal,
                time_limit: Some(time_limit),
                gap,
                threads,
                seed,
                verbose,
                baseline,
                move_weight,
                change_weight,
                ..SolveOptions::default()
            };
            let files = plan::PlanFiles {
                out: out.as_deref(),
                csv: csv.as_deref(),
                portfolio: save_portfolio.as_deref(),
            };
            let reshape = plan::Reshape {
                frozen_until,
                hours_percentile,
            };
            plan::run(&portfolio, options, &reshape, &files)
        }
        Command::CapacityGap {
            portfolio,
            time_limit,
            out,
            all_orders,
            deadlines_only,
        } => {
            let gap_options = leverans::analysis::GapOptions {
                include_optional: all_orders,
                due_dates_as_deadlines: !deadlines_only,
            };
            run_gap(&portfolio, &gap_options, time_limit, out.as_deref())
        }
        Command::Frontier {
            portfolio,
            budgets,
            time_limit,
            csv,
        } => run_frontier(&portfolio, &budgets, time_limit, csv.as_deref()),
        Command::Check { portfolio } => run_check(&portfolio),
        Command::Verify { portfolio, plan } => run_verify(&portfolio, &plan),
        Command::Scenarios {
            base,
            scenarios,
            time_limit,
            threads,
            json,
            out,
        } => {
            let options = leverans::scenario::ScenarioOptions {
                time_limit,
                threads,
                ..Default::default()
            };
            scenarios::run(&base, &scenarios, &options, json, out.as_deref())
        }
        Command::Simulate {
            portfolio,
            plan,
            runs,
            seed,
            threads,
            json,
            csv,
            estimates,
        } => {
            let options = leverans::simulate::SimulateOptions {
                runs,
                seed,
                threads,
            };
            let files = simulate::Files {
                portfolio: &portfolio,
                plan: &plan,
                estimates: estimates.as_deref(),
                csv: csv.as_deref(),
            };
            simulate::run(&files, &options, json)
        }
        Command::Diff {
            before,
            after,
            portfolio,
            json,
        } => run_diff(&before, &after, portfolio.as_deref(), json),
        Command::Report {
            portfolio,
            plan,
            out,
            baseline,
            capacity_gap,
            frontier,
            time_limit,
            simulate,
            seed,
        } => run_report(
            &portfolio,
            &plan,
            &out,
            &ReportAsk {
                baseline: baseline.as_deref(),
                with_gap: capacity_gap,
                budgets: &frontier,
                time_limit,
                simulate: simulate.map(|runs| (runs, seed)),
            },
        ),
        Command::Explain {
            portfolio,
            plan,
            order,
            all,
            json,
        } => {
            let which = match (&order, all) {
                (Some(id), _) => explain::Which::One(id),
                (None, true) => explain::Which::All,
                (None, false) => explain::Which::Questions,
            };
            run_explain(&portfolio, &plan, &which, json)
        }
    };
    // A solve may have left a HiGHS run behind that is still stopping: exiting under it can
    // abort the process after the plan is printed (`leverans::solve::wait_for_background_runs`).
    if !leverans::solve::wait_for_background_runs(BACKGROUND_RUNS_WAIT) {
        use std::io::Write;
        let _ = std::io::stdout().flush();
        let _ = std::io::stderr().flush();
        // SAFETY: `_exit` ends the process without the exit handlers that would free HiGHS's
        // data under the run still going; all output is flushed above.
        unsafe { libc::_exit(i32::from(code)) }
    }
    ExitCode::from(code)
}

/// How long the command waits at its end for a HiGHS run a solve left behind (it stops at
/// HiGHS's next callback, usually within a second).
const BACKGROUND_RUNS_WAIT: std::time::Duration = std::time::Duration::from_secs(30);

/// The goal named on the command line (`auto` for the portfolio's default).
fn goal_from(text: &str) -> Result<Goal, String> {
    Goal::parse(text)
}

/// Prints an error and returns its exit code.
fn fail(e: &Error) -> u8 {
    match e {
        Error::Invalid(report) => {
            eprint!("{report}");
            EXIT_INVALID
        }
        Error::Parse { .. } | Error::InvalidOptions { .. } => {
            eprintln!("error: {e}");
            EXIT_INVALID
        }
        _ => {
            eprintln!("error: {e}");
            EXIT_ERROR
        }
    }
}

fn run_check(path: &Path) -> u8 {
    let portfolio = match read_portfolio_file(path) {
        Ok(p) => p,
        Err(e) => return fail(&e),
    };
    let warnings = leverans::validate::warnings(&portfolio);
    for w in &warnings {
        println!("warning: {w}");
    }
    match validate(&portfolio) {
        Ok(problem) => {
            let verdict = match warnings.len() {
                0 => "no problems found".to_string(),
                n => format!("no errors, {n} warning(s)"),
            };
            println!(
                "{}: {verdict} ({} orders to plan, {} teams, {} dependencies, {} periods).",
                path.display(),
                problem.jobs.len(),
                portfolio.teams.len(),
                portfolio.dependencies.len(),
                problem.periods
            );
            0
        }
        Err(report) => fail(&Error::Invalid(report)),
    }
}

/// Explaining or reporting a plan that breaks the rules would present the breakage as the
/// plan's reasons: such a plan is refused with the violations and exit 5.
fn keeps_rules(portfolio: &Portfolio, plan: &Plan, plan_path: &Path) -> Result<(), u8> {
    let report = verify(portfolio, plan);
    if report.is_ok() {
        return Ok(());
    }
    eprintln!(
        "error: {}: the plan breaks rules of this portfolio:",
        plan_path.display()
    );
    eprint!("{report}");
    Err(EXIT_VIOLATIONS)
}

/// Reads a portfolio and a plan file, or prints why not and gives the exit code.
fn portfolio_and_plan(portfolio_path: &Path, plan_path: &Path) -> Result<(Portfolio, Plan), u8> {
    let portfolio = read_portfolio_file(portfolio_path).map_err(|e| fail(&e))?;
    Ok((portfolio, read_plan(plan_path)?))
}

fn run_explain(
    portfolio_path: &Path,
    plan_path: &Path,
    which: &explain::Which<'_>,
    json: bool,
) -> u8 {
    let (portfolio, plan) = match portfolio_and_plan(portfolio_path, plan_path) {
        Ok(x) => x,
        Err(code) => return code,
    };
    if let explain::Which::One(id) = which {
        if portfolio.order(id).is_none() {
            eprintln!(
                "error: --order: no order `{id}` in {}",
                portfolio_path.display()
            );
            return EXIT_INVALID;
        }
    }
    // Explaining a plan that breaks the rules would explain the breakage as reasons.
    if let Err(code) = keeps_rules(&portfolio, &plan, plan_path) {
        return code;
    }
    let all = leverans::explain::explain(&portfolio, &plan);
    if json {
        let chosen: Vec<_> = all
            .iter()
            .filter(|e| match which {
                explain::Which::One(id) => e.order == *id,
                _ => true,
            })
            .collect();
        println!(
            "{}",
            serde_json::to_string_pretty(&chosen).expect("explanations always serialise")
        );
        return 0;
    }
    if explain::print(&portfolio, &all, which) == 0 {
        println!("Every order is on time and delivered in full: nothing to explain (--all explains every order).");
    }
    0
}

fn run_verify(portfolio_path: &Path, plan_path: &Path) -> u8 {
    let (portfolio, plan) = match portfolio_and_plan(portfolio_path, plan_path) {
        Ok(x) => x,
        Err(code) => return code,
    };
    let report = verify(&portfolio, &plan);
    if report.is_ok() {
        println!("{}: the plan satisfies every rule.", plan_path.display());
        0
    } else {
        print!("{report}");
        EXIT_VIOLATIONS
    }
}

/// What `leverans report` is asked to add to the plan.
struct ReportAsk<'a> {
    baseline: Option<&'a Path>,
    with_gap: bool,
    budgets: &'a [f64],
    time_limit: f64,
    /// Runs of the Monte Carlo dates (`--simulate`), with their seed.
    simulate: Option<(usize, u64)>,
}

fn run_report(portfolio_path: &Path, plan_path: &Path, out: &Path, ask: &ReportAsk) -> u8 {
    let (baseline, with_gap, budgets, time_limit) =
        (ask.baseline, ask.with_gap, ask.budgets, ask.time_limit);
    let portfolio = match read_portfolio_file(portfolio_path) {
        Ok(p) => p,
        Err(e) => return fail(&e),
    };
    // The outcome's status and levels come with the plan when the file is a whole outcome.
    let (plan, outcome) = match read_plan_file(plan_path) {
        Ok(x) => x,
        Err(code) => return code,
    };
    // Before any analysis is solved: a plan that breaks the rules is not reported.
    if let Err(code) = keeps_rules(&portfolio, &plan, plan_path) {
        return code;
    }
    if let Some(b) = budgets.iter().find(|b| !(b.is_finite() && **b >= 0.0)) {
        eprintln!("error: --frontier: {b} is not an amount of 0 or more");
        return EXIT_INVALID;
    }
    let base = match baseline.map(read_plan).transpose() {
        Ok(b) => b,
        Err(code) => return code,
    };
    let options = SolveOptions::default().with_time_limit(time_limit);
    let gap = if with_gap {
        let gap_options = leverans::analysis::GapOptions::default();
        match leverans::analysis::capacity_gap(&portfolio, &gap_options, &options) {
            Ok(g) => Some(g),
            Err(e) => return fail(&e),
        }
    } else {
        None
    };
    let frontier = if budgets.is_empty() {
        None
    } else {
        match leverans::analysis::budget_frontier(&portfolio, budgets, &options) {
            Ok(f) => Some(f),
            Err(e) => return fail(&e),
        }
    };
    let simulation = match ask.simulate {
        None => None,
        Some((runs, seed)) => {
            let options = leverans::simulate::SimulateOptions::new(runs, seed);
            match leverans::simulate::simulate(&portfolio, &plan, &options) {
                Ok(s) => Some(s),
                Err(e) => return fail(&e),
            }
        }
    };
    let extras = leverans::report::Extras {
        baseline: base.as_ref(),
        gap: gap.as_ref(),
        frontier: frontier.as_deref(),
        simulation: simulation.as_ref(),
    };
    let page = leverans::report::html_with(&portfolio, &plan, outcome.as_ref(), &extras);
    if let Err(e) = std::fs::write(out, page) {
        eprintln!("error: {}: {e}", out.display());
        return EXIT_ERROR;
    }
    println!(
        "{}: the plan report ({} orders).",
        out.display(),
        plan.orders.len()
    );
    0
}

fn read_plan(path: &Path) -> Result<Plan, u8> {
    read_plan_file(path).map(|(plan, _)| plan)
}

/// Reads the whole outcome written by `plan --out` (its plan, and the rest of it without the
/// plan), or a bare plan; prints why not and gives the exit code.
fn read_plan_file(path: &Path) -> Result<(Plan, Option<Outcome>), u8> {
    let text = read_text(path).map_err(|e| fail(&e))?;
    parse_plan(&text).map_err(|msg| {
        eprintln!("error: {}: {msg}", path.display());
        EXIT_INVALID
    })
}

fn run_diff(before: &Path, after: &Path, portfolio: Option<&Path>, json: bool) -> u8 {
    let (old, new) = match (read_plan(before), read_plan(after)) {
        (Ok(a), Ok(b)) => (a, b),
        (Err(code), _) | (_, Err(code)) => return code,
    };
    let mut labels: Vec<String> = Vec::new();
    if let Some(path) = portfolio {
        let p = match read_portfolio_file(path) {
            Ok(p) => p,
            Err(e) => return fail(&e),
        };
        // The plan after must be one of this portfolio; the plan before may predate a change
        // to it (a new priority, a moved due date), so it is only warned about.
        let report = verify(&p, &new);
        if !report.is_ok() {
            eprintln!(
                "error: {}: the plan breaks rules of {}:",
                after.display(),
                path.display()
            );
            eprint!("{report}");
            return EXIT_VIOLATIONS;
        }
        if !verify(&p, &old).is_ok() {
            eprintln!(
                "note: {} does not keep every rule of {} (it was made for an earlier version)",
                before.display(),
                path.display()
            );
        }
        if let Ok(tl) = leverans::Timeline::new(&p.calendar) {
            labels = tl.periods().iter().map(|x| x.label.clone()).collect();
        }
    }
    let d = leverans::plan::diff(&old, &new);
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&d).expect("a diff always serialises")
        );
        return 0;
    }
    let label = |t: u32| {
        labels
            .get(t as usize)
            .cloned()
            .unwrap_or_else(|| format!("P{t}"))
    };
    diff::print(&d, &label);
    0
}

/// Accepts the whole outcome written by `plan --out`, or a bare plan.
fn parse_plan(text: &str) -> Result<(Plan, Option<Outcome>), String> {
    if let Ok(mut outcome) = serde_json::from_str::<Outcome>(text) {
        return match outcome.plan.take() {
            Some(plan) => Ok((plan, Some(outcome))),
            None => Err(format!(
                "the outcome has no plan (status {})",
                outcome.status
            )),
        };
    }
    let plan = serde_json::from_str::<Plan>(text).map_err(|e| format!("not a plan: {e}"))?;
    Ok((plan, None))
}

fn run_gap(
    path: &Path,
    gap_options: &leverans::analysis::GapOptions,
    time_limit: f64,
    out: Option<&Path>,
) -> u8 {
    let portfolio = match read_portfolio_file(path) {
        Ok(p) => p,
        Err(e) => return fail(&e),
    };
    let options = SolveOptions::default().with_time_limit(time_limit);
    let progress = progress::Progress::start(Some(time_limit));
    let result = leverans::analysis::capacity_gap(&portfolio, gap_options, &options);
    progress.stop();
    let gap = match result {
        Ok(g) => g,
        Err(e) => return fail(&e),
    };
    report::print_gap(&portfolio, &gap);
    if let Some(out) = out {
        let json = serde_json::to_string_pretty(&gap).expect("a gap always serialises");
        if let Err(e) = std::fs::write(out, json) {
            eprintln!("error: {}: {e}", out.display());
            return EXIT_ERROR;
        }
    }
    match gap.status {
        Status::Optimal | Status::Feasible => 0,
        Status::Infeasible => EXIT_INFEASIBLE,
        Status::NoPlanInTime => EXIT_NO_PLAN,
    }
}

fn run_frontier(path: &Path, budgets: &[f64], time_limit: f64, csv: Option<&Path>) -> u8 {
    let portfolio = match read_portfolio_file(path) {
        Ok(p) => p,
        Err(e) => return fail(&e),
    };
    if let Some(b) = budgets.iter().find(|b| !(b.is_finite() && **b >= 0.0)) {
        eprintln!("error: --budgets: {b} is not an amount of 0 or more");
        return EXIT_INVALID;
    }
    let options = SolveOptions::default().with_time_limit(time_limit);
    let points = match leverans::analysis::budget_frontier(&portfolio, budgets, &options) {
        Ok(p) => p,
        Err(e) => return fail(&e),
    };
    let table = report::frontier_table(&points);
    print!("{table}");
    if let Some(csv) = csv {
        let mut text = String::from("budget,status,value_delivered,value_total,consultant_cost,orders_stopped,weighted_lateness,plan_budget\n");
        for p in &points {
            text.push_str(&format!(
                "{},{},{},{},{},{},{},{}\n",
                p.budget,
                p.status,
                p.value_delivered,
                p.value_total,
                p.consultant_cost,
                p.orders_stopped,
                p.weighted_lateness,
                p.plan_budget
            ));
        }
        if let Err(e) = std::fs::write(csv, text) {
            eprintln!("error: {}: {e}", csv.display());
            return EXIT_ERROR;
        }
    }
    0
}

//! `leverans._core`: the compiled half of the Python package `leverans`.
//!
//! The binding is thin on purpose. Every value crosses the boundary as the canonical JSON of
//! the core's serde types (the same text the CLI reads and writes), so this crate holds no
//! planning logic and no second schema:
//!
//! - `parse_portfolio`, `read_portfolio_file`: text or a file to canonical portfolio JSON;
//! - `validate`: every input problem, as a JSON list of issues;
//! - `solve`: portfolio JSON + options JSON to outcome JSON, off the GIL, interruptible;
//! - `verify`: portfolio JSON + plan JSON to a JSON list of violations;
//! - `default_options`: the core's default [`leverans::SolveOptions`] as JSON;
//! - `simulate`: portfolio JSON + plan JSON to Monte Carlo dates as JSON, off the GIL;
//! - `scenario`: one scenario of a sweep solved, its table row and plan as JSON.
//!
//! The Python layer (`python/src/leverans/`) builds the classes analysts use on top.
//! Errors are mapped in one place (`rust/error.rs`); no Rust panic crosses into Python.

mod error;
mod interruptible;

use error::{guard, Failure};
use leverans::io::read_portfolio_json;
use leverans::Portfolio;
use pyo3::prelude::*;

/// Parses portfolio JSON with the core's reader (a UTF-8 BOM is accepted).
fn portfolio(text: &str, source_name: &str) -> Result<Portfolio, Failure> {
    read_portfolio_json(text, source_name).map_err(Failure::Core)
}

/// Parses a core value from the Python layer's JSON; `what` names it in the error.
fn from_json<T: serde::de::DeserializeOwned>(text: &str, what: &'static str) -> Result<T, Failure> {
    serde_json::from_str(text).map_err(|e| Failure::Json { what, error: e })
}

/// Parses JSON that may be empty (for none).
fn maybe_json<T: serde::de::DeserializeOwned>(
    text: &str,
    what: &'static str,
) -> Result<Option<T>, Failure> {
    if text.trim().is_empty() {
        Ok(None)
    } else {
        from_json(text, what).map(Some)
    }
}

/// Serialises a core value as compact JSON.
fn to_json<T: serde::Serialize>(value: &T, what: &'static str) -> Result<String, Failure> {
    serde_json::to_string(value).map_err(|e| Failure::Internal(format!("{what}: {e}")))
}

/// Reads portfolio JSON and returns it in canonical form (defaults made explicit where the
/// core writes them, unknown fields rejected). Raises `ParseError` with line and column.
#[pyfunction]
#[pyo3(signature = (text, source_name = String::from("<string>")))]
fn parse_portfolio(py: Python<'_>, text: String, source_name: String) -> PyResult<String> {
    guard(py, || {
        to_json(&portfolio(&text, &source_name)?, "portfolio")
    })
}

/// Reads a portfolio file (`.json`, or PSPLIB `.sm`) and returns canonical portfolio JSON.
/// Raises `FileError` when the file cannot be read and `ParseError` when it is malformed.
#[pyfunction]
fn read_portfolio_file(py: Python<'_>, path: std::path::PathBuf) -> PyResult<String> {
    guard(py, || {
        let p = leverans::io::read_portfolio_file(&path).map_err(Failure::Core)?;
        to_json(&p, "portfolio")
    })
}

/// Checks a portfolio and returns a JSON list of issues (empty when it is valid). Each issue
/// has `code`, `entity`, `id`, `field`, `value` and `message`.
#[pyfunction]
fn validate(py: Python<'_>, portfolio_json: String) -> PyResult<String> {
    guard(py, || {
        let p = portfolio(&portfolio_json, "portfolio")?;
        let issues = match leverans::validate(&p) {
            Ok(_) => Vec::new(),
            Err(report) => report.issues,
        };
        to_json(&issues, "issues")
    })
}

/// What can be planned but looks wrong (`leverans::validate::warnings`): a JSON list of
/// issues with the same fields as `validate`'s (codes `no_work`, `zero_hours`,
/// `over_capacity`).
#[pyfunction]
fn warnings(py: Python<'_>, portfolio_json: String) -> PyResult<String> {
    guard(py, || {
        let p = portfolio(&portfolio_json, "portfolio")?;
        to_json(&leverans::validate::warnings(&p), "warnings")
    })
}

/// Checks a plan against a portfolio with the independent verifier and returns a JSON list of
/// violations (empty when the plan keeps every rule). Each violation has `rule`, `order`,
/// `team`, `period` and `message`.
#[pyfunction]
fn verify(py: Python<'_>, portfolio_json: String, plan_json: String) -> PyResult<String> {
    guard(py, || {
        let p = portfolio(&portfolio_json, "portfolio")?;
        let plan: leverans::plan::Plan = from_json(&plan_json, "plan")?;
        to_json(&leverans::verify(&p, &plan).violations, "violations")
    })
}

/// The portfolio to re-plan with a frozen horizon (`leverans::freeze_baseline`): everything
/// `plan_json` does before `until_json` (a JSON time point: a date string or a period number)
/// settled as pins and actual hours. Raises `ValidationError` for a date outside the calendar.
#[pyfunction]
fn freeze_baseline(
    py: Python<'_>,
    portfolio_json: String,
    plan_json: String,
    until_json: String,
) -> PyResult<String> {
    guard(py, || {
        let p = portfolio(&portfolio_json, "portfolio")?;
        let plan: leverans::plan::Plan = from_json(&plan_json, "plan")?;
        let until: leverans::TimePoint = from_json(&until_json, "frozen_until")?;
        let frozen = leverans::freeze_baseline(&p, &plan, until).map_err(Failure::Core)?;
        to_json(&frozen, "portfolio")
    })
}

/// Why each order of a plan stands where it does (`leverans::explain::explain`): a JSON list
/// of explanations, one per order, each with `order`, `decision`, `headline`, `causes` and
/// `remedies`.
#[pyfunction]
fn explain(py: Python<'_>, portfolio_json: String, plan_json: String) -> PyResult<String> {
    guard(py, || {
        let p = portfolio(&portfolio_json, "portfolio")?;
        let plan: leverans::plan::Plan = from_json(&plan_json, "plan")?;
        to_json(&leverans::explain::explain(&p, &plan), "explanations")
    })
}

/// The plan report as one self-contained HTML page (`leverans::report::html_with`).
/// `outcome_json` (status, seconds, levels; empty for none) adds the plan's quality to the
/// summary; `baseline_json` (a plan; empty for none) what changed against it;
/// `simulation_json` (a simulation; empty for none) how sure each date is.
#[pyfunction]
#[pyo3(signature = (portfolio_json, plan_json, outcome_json, baseline_json, simulation_json = String::new()))]
fn report(
    py: Python<'_>,
    portfolio_json: String,
    plan_json: String,
    outcome_json: String,
    baseline_json: String,
    simulation_json: String,
) -> PyResult<String> {
    guard(py, || {
        let p = portfolio(&portfolio_json, "portfolio")?;
        let plan: leverans::plan::Plan = from_json(&plan_json, "plan")?;
        let outcome: Option<leverans::Outcome> = maybe_json(&outcome_json, "outcome")?;
        let baseline: Option<leverans::plan::Plan> = maybe_json(&baseline_json, "baseline plan")?;
        let simulation: Option<leverans::simulate::Simulation> =
            maybe_json(&simulation_json, "simulation")?;
        let extras = leverans::report::Extras {
            baseline: baseline.as_ref(),
            simulation: simulation.as_ref(),
            ..Default::default()
        };
        Ok(leverans::report::html_with(
            &p,
            &plan,
            outcome.as_ref(),
            &extras,
        ))
    })
}

/// What changed between two plans (`leverans::plan::diff`), as JSON: `orders` (one change per
/// order of either plan) and the portfolio figures before and after.
#[pyfunction]
fn diff(py: Python<'_>, before_json: String, after_json: String) -> PyResult<String> {
    guard(py, || {
        let before: leverans::plan::Plan = from_json(&before_json, "plan")?;
        let after: leverans::plan::Plan = from_json(&after_json, "plan")?;
        to_json(&leverans::plan::diff(&before, &after), "diff")
    })
}

/// One of the report's charts as HTML with inline SVG (no script): `kind` is `gantt` (the
/// timeline by department) or `load` (load per team).
#[pyfunction]
fn chart(
    py: Python<'_>,
    portfolio_json: String,
    plan_json: String,
    kind: String,
) -> PyResult<String> {
    guard(py, || {
        let p = portfolio(&portfolio_json, "portfolio")?;
        let plan: leverans::plan::Plan = from_json(&plan_json, "plan")?;
        let html = match kind.as_str() {
            "gantt" => leverans::report::gantt_svg(&p, &plan),
            "load" => leverans::report::load_svg(&p, &plan),
            other => {
                return Err(Failure::Core(leverans::Error::InvalidOptions {
                    option: "kind".into(),
                    value: other.into(),
                    message: "a chart is `gantt` or `load`".into(),
                }))
            }
        };
        Ok(html.unwrap_or_default())
    })
}

/// The names of every enum of the contract, as JSON (`leverans::vocabulary::vocabulary`):
/// the Python constants take theirs from here.
#[pyfunction]
fn vocabulary(py: Python<'_>) -> PyResult<String> {
    guard(py, || {
        to_json(&leverans::vocabulary::vocabulary(), "vocabulary")
    })
}

/// The columns of the plan's CSV tables, as JSON: `{"orders": [...], "work": [...],
/// "team_load": [...], "simulation_orders": [...]}`; the Python tables take theirs from here.
#[pyfunction]
fn plan_columns(py: Python<'_>) -> PyResult<String> {
    guard(py, || {
        let columns = serde_json::json!({
            "orders": leverans::io::ORDER_COLUMNS,
            "work": leverans::io::WORK_COLUMNS,
            "team_load": leverans::io::LOAD_COLUMNS,
            "simulation_orders": leverans::io::SIMULATION_COLUMNS,
        });
        to_json(&columns, "columns")
    })
}

/// The core's default solve options as JSON: the Python layer starts from these and changes
/// only what the caller sets, so new core options keep their defaults.
#[pyfunction]
fn default_options(py: Python<'_>) -> PyResult<String> {
    guard(py, || {
        to_json(&leverans::SolveOptions::default(), "options")
    })
}

/// Solves a portfolio and returns the outcome as JSON (status, objective, bound, gap,
/// seconds, levels, source, reason, plan).
///
/// The solve runs on its own thread without the GIL; this thread waits in short sleeps and
/// checks for signals, so Ctrl-C raises `KeyboardInterrupt` at once. The interrupted solve
/// is then cancelled and stops at HiGHS's next interrupt check (HiGHS cannot be interrupted
/// during presolve, so a huge model may run on briefly in the background).
///
/// `progress`, when given, is called from this thread (with the GIL) about every half second
/// with one line saying what the solve is doing (`leverans::solve::Progress::line`), and once
/// more at the end; an exception it raises cancels the solve and is raised here.
#[pyfunction]
#[pyo3(signature = (portfolio_json, options_json, progress = None))]
fn solve(
    py: Python<'_>,
    portfolio_json: String,
    options_json: String,
    progress: Option<Py<PyAny>>,
) -> PyResult<String> {
    interruptible::solve(py, &portfolio_json, &options_json, progress)
}

/// Monte Carlo dates of a plan (`leverans::simulate::simulate`) as JSON: `runs`, `seed`,
/// `periods`, `orders` (per order its go-live percentiles and chances of meeting its due date
/// and deadline) and `summary`. Runs on `threads` threads (every core when none) without the
/// GIL; the figures do not depend on the thread count. Invalid options raise `ValueError`
/// naming the option and the valid values.
#[pyfunction]
#[pyo3(signature = (portfolio_json, plan_json, runs, seed, threads = None, estimates_json = String::new()))]
fn simulate(
    py: Python<'_>,
    portfolio_json: String,
    plan_json: String,
    runs: usize,
    seed: u64,
    threads: Option<usize>,
    estimates_json: String,
) -> PyResult<String> {
    guard(py, || {
        let p = portfolio(&portfolio_json, "portfolio")?;
        let plan: leverans::plan::Plan = from_json(&plan_json, "plan")?;
        let options = leverans::simulate::SimulateOptions {
            runs,
            seed,
            threads,
        };
        let sim = if estimates_json.is_empty() {
            leverans::simulate::simulate(&p, &plan, &options)
        } else {
            let estimates = portfolio(&estimates_json, "estimates")?;
            leverans::simulate::simulate_with_estimates(&p, &plan, &estimates, &options)
        }
        .map_err(Failure::Core)?;
        to_json(&sim, "simulation")
    })
}

/// The portfolio with every three-point estimate at its `q`-quantile
/// (`leverans::simulate::at_percentile`); `ValueError` for `q` outside (0, 1).
#[pyfunction]
fn at_percentile(py: Python<'_>, portfolio_json: String, q: f64) -> PyResult<String> {
    guard(py, || {
        let p = portfolio(&portfolio_json, "portfolio")?;
        let out = leverans::simulate::at_percentile(&p, q).map_err(Failure::Core)?;
        to_json(&out, "portfolio")
    })
}

/// One scenario of a sweep (`leverans::scenario::run_one`): `scenario_json` a scenario
/// (empty for the base itself), `base_plan_json` the base's plan to compare with (empty for
/// none). Returns `{"row": ..., "plan": ...}` as JSON; solves on one thread without the GIL.
#[pyfunction]
fn scenario(
    py: Python<'_>,
    base_json: String,
    scenario_json: String,
    base_plan_json: String,
    time_limit: f64,
) -> PyResult<String> {
    guard(py, || {
        let base = portfolio(&base_json, "portfolio")?;
        let s: Option<leverans::scenario::Scenario> = maybe_json(&scenario_json, "scenario")?;
        let base_plan: Option<leverans::plan::Plan> = maybe_json(&base_plan_json, "plan")?;
        let options = leverans::scenario::ScenarioOptions {
            time_limit,
            ..Default::default()
        };
        let (row, plan) =
            leverans::scenario::run_one(&base, s.as_ref(), base_plan.as_ref(), &options)
                .map_err(Failure::Core)?;
        to_json(&serde_json::json!({"row": row, "plan": plan}), "scenario")
    })
}

/// Waits without the GIL, at most `seconds`, until no MIP run a solve left behind is still
/// running; whether none is. The package calls it at interpreter exit: exiting while HiGHS
/// still runs can abort the process (`leverans::solve::wait_for_background_runs`).
#[pyfunction]
fn wait_for_background_runs(py: Python<'_>, seconds: f64) -> bool {
    let timeout = duration_within(seconds, 3600.0);
    py.detach(|| leverans::solve::wait_for_background_runs(timeout))
}

/// `seconds` as a duration: NaN and negative are none, beyond `most` (or infinite) `most`.
fn duration_within(seconds: f64, most: f64) -> std::time::Duration {
    let seconds = if seconds.is_nan() {
        0.0
    } else {
        seconds.clamp(0.0, most)
    };
    std::time::Duration::from_secs_f64(seconds)
}

/// Test hook: a thread counted as a MIP run left behind, which sleeps `seconds` and then
/// writes `done` to `path`; the tests check that the interpreter's exit waits for it.
#[pyfunction]
fn _hold_run_for_tests(path: std::path::PathBuf, seconds: f64) -> PyResult<()> {
    let pause = duration_within(seconds, 60.0);
    leverans::solve::spawn_counted_for_tests(move || {
        std::thread::sleep(pause);
        let _ = std::fs::write(&path, "done");
    })
    .map_err(|e| pyo3::exceptions::PyOSError::new_err(format!("no thread: {e}")))
}

/// Test hook: panics inside the boundary guard, so the tests can check that a Rust panic
/// reaches Python as `SolverError` and never as `pyo3_runtime.PanicException`.
#[pyfunction]
fn _panic_for_tests(py: Python<'_>, message: String) -> PyResult<()> {
    guard(py, move || -> Result<(), Failure> { panic!("{message}") })
}

/// The compiled half of `leverans`; use the `leverans` package instead.
#[pymodule]
fn _core(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_function(wrap_pyfunction!(parse_portfolio, m)?)?;
    m.add_function(wrap_pyfunction!(read_portfolio_file, m)?)?;
    m.add_function(wrap_pyfunction!(validate, m)?)?;
    m.add_function(wrap_pyfunction!(warnings, m)?)?;
    m.add_function(wrap_pyfunction!(verify, m)?)?;
    m.add_function(wrap_pyfunction!(explain, m)?)?;
    m.add_function(wrap_pyfunction!(at_percentile, m)?)?;
    m.add_function(wrap_pyfunction!(freeze_baseline, m)?)?;
    m.add_function(wrap_pyfunction!(report, m)?)?;
    m.add_function(wrap_pyfunction!(diff, m)?)?;
    m.add_function(wrap_pyfunction!(chart, m)?)?;
    m.add_function(wrap_pyfunction!(plan_columns, m)?)?;
    m.add_function(wrap_pyfunction!(vocabulary, m)?)?;
    m.add_function(wrap_pyfunction!(default_options, m)?)?;
    m.add_function(wrap_pyfunction!(solve, m)?)?;
    m.add_function(wrap_pyfunction!(simulate, m)?)?;
    m.add_function(wrap_pyfunction!(scenario, m)?)?;
    m.add_function(wrap_pyfunction!(wait_for_background_runs, m)?)?;
    m.add_function(wrap_pyfunction!(_panic_for_tests, m)?)?;
    m.add_function(wrap_pyfunction!(_hold_run_for_tests, m)?)?;
    Ok(())
}

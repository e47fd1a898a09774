//! `leverans plan`: solve a portfolio (re-planned against a baseline, with a frozen horizon,
//! where asked), print the plan and write its files.

use crate::{fail, progress, report, EXIT_ERROR, EXIT_INFEASIBLE, EXIT_NO_PLAN};
use leverans::io::{read_portfolio_file, write_plan_csv};
use leverans::{solve, Portfolio, SolveOptions, Status, TimePoint};
use std::path::Path;

/// Where `plan` writes what it made.
pub(crate) struct PlanFiles<'a> {
    pub out: Option<&'a Path>,
    pub csv: Option<&'a Path>,
    pub portfolio: Option<&'a Path>,
}

/// A time point as written on the command line: a period number or a date.
pub(crate) fn parse_time_point(s: &str) -> Result<TimePoint, String> {
    if let Ok(p) = s.trim().parse::<u32>() {
        return Ok(TimePoint::Period(p));
    }
    chrono::NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map(TimePoint::Date)
        .map_err(|_| format!("`{s}` is neither a date (YYYY-MM-DD) nor a period number"))
}

/// How the portfolio read is changed before it is planned.
pub(crate) struct Reshape {
    /// `--frozen-until`.
    pub frozen_until: Option<TimePoint>,
    /// `--hours-percentile`, in percent.
    pub hours_percentile: Option<f64>,
}

pub(crate) fn run(path: &Path, options: SolveOptions, reshape: &Reshape, files: &PlanFiles) -> u8 {
    let (out, csv) = (files.out, files.csv);
    let portfolio = match read_portfolio_file(path) {
        Ok(p) => p,
        Err(e) => return fail(&e),
    };
    let portfolio = match reshape.hours_percentile {
        None => portfolio,
        Some(q) => match leverans::simulate::at_percentile(&portfolio, q / 100.0) {
            Ok(p) => p,
            Err(leverans::Error::InvalidOptions { value, .. }) => {
                eprintln!(
                    "error: --hours-percentile {value}: give a percentile above 0 and below \
                     100, such as 85"
                );
                return crate::EXIT_INVALID;
            }
            Err(e) => return fail(&e),
        },
    };
    let portfolio = match (reshape.frozen_until, &options.baseline) {
        (None, _) => portfolio,
        (Some(until), Some(base)) => match leverans::freeze_baseline(&portfolio, base, until) {
            Ok(p) => p,
            Err(e) => return fail(&e),
        },
        (Some(until), None) => Portfolio {
            frozen_until: Some(until),
            ..portfolio
        },
    };
    if let Some(file) = files.portfolio {
        let json = serde_json::to_string_pretty(&portfolio).expect("a portfolio always serialises");
        if let Err(e) = std::fs::write(file, json) {
            eprintln!("error: {}: {e}", file.display());
            return EXIT_ERROR;
        }
    }
    // What looks wrong is said before the plan is read as if it were right.
    for w in leverans::validate::warnings(&portfolio) {
        eprintln!("warning: {w}");
    }
    // The solve reports its phase, level, best value and bound; the line shows them.
    let handle = leverans::solve::ProgressHandle::new();
    let options = &SolveOptions {
        progress: Some(handle.clone()),
        ..options
    };
    let progress = progress::Progress::start_with(options.time_limit, Some(handle));
    let result = solve(&portfolio, options);
    progress.stop();
    let outcome = match result {
        Ok(o) => o,
        Err(e) => return fail(&e),
    };
    report::print_outcome(&portfolio, &outcome);
    if let Some(out) = out {
        // The file carries the explanations too, for people and tools that read it.
        let mut outcome = outcome.clone();
        if let Some(plan) = &mut outcome.plan {
            plan.explanations = leverans::explain::explain(&portfolio, plan);
        }
        let json = serde_json::to_string_pretty(&outcome).expect("an outcome always serialises");
        if let Err(e) = std::fs::write(out, json) {
            eprintln!("error: {}: {e}", out.display());
            return EXIT_ERROR;
        }
    }
    if let (Some(dir), Some(plan)) = (csv, &outcome.plan) {
        if let Err(e) = write_plan_csv(plan, dir) {
            return fail(&e);
        }
    }
    match outcome.status {
        Status::Optimal | Status::Feasible => 0,
        Status::Infeasible => EXIT_INFEASIBLE,
        Status::NoPlanInTime => EXIT_NO_PLAN,
    }
}

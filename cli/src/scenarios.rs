//! `leverans scenarios`: named variants of a portfolio solved side by side.

use crate::{fail, EXIT_ERROR, EXIT_INVALID, EXIT_VIOLATIONS};
use leverans::io::{read_portfolio_file, read_text};
use leverans::scenario::{run_scenarios, ScenarioOptions, ScenarioOutcome, ScenarioSet};
use std::path::Path;

/// Solves the base portfolio and every scenario of the file, prints one table (or JSON) and
/// writes the rows as JSON to `out`; the exit code: 0, or 5 when a plan breaks a rule.
pub fn run(
    base: &Path,
    scenarios: &Path,
    options: &ScenarioOptions,
    json: bool,
    out: Option<&Path>,
) -> u8 {
    let portfolio = match read_portfolio_file(base) {
        Ok(p) => p,
        Err(e) => return fail(&e),
    };
    let text = match read_text(scenarios) {
        Ok(t) => t,
        Err(e) => return fail(&e),
    };
    let set: ScenarioSet =
        match serde_json::from_str(text.strip_prefix('\u{feff}').unwrap_or(&text)) {
            Ok(s) => s,
            Err(e) => {
                eprintln!("error: {}: {e}", scenarios.display());
                return EXIT_INVALID;
            }
        };
    let rows = match run_scenarios(&portfolio, &set, options) {
        Ok(r) => r,
        Err(e) => return fail(&e),
    };
    let text = serde_json::to_string_pretty(&rows).expect("scenario rows always serialise");
    if let Some(out) = out {
        if let Err(e) = std::fs::write(out, &text) {
            eprintln!("error: {}: {e}", out.display());
            return EXIT_ERROR;
        }
    }
    if json {
        println!("{text}");
    } else {
        print(&rows);
    }
    if rows.iter().any(|r| r.violations > 0) {
        eprintln!("error: a plan breaks rules (the `rules broken` column)");
        return EXIT_VIOLATIONS;
    }
    0
}

/// One row per scenario, the base first.
fn print(rows: &[ScenarioOutcome]) {
    println!(
        "{:<24} {:<16} {:>7} {:>6} {:>10} {:>8} {:>10} {:>12} {:<12} {:>6} {:>6}",
        "scenario",
        "status",
        "gap",
        "orders",
        "value",
        "on time",
        "w.late",
        "spend",
        "last live",
        "moved",
        "broken"
    );
    for r in rows {
        println!(
            "{:<24} {:<16} {:>7} {:>6} {:>10.0} {:>7.1}% {:>10.1} {:>12.0} {:<12} {:>6} {:>6}",
            r.name,
            r.status.to_string(),
            r.gap
                .map_or_else(|| "-".to_string(), |g| format!("{:.1}%", g * 100.0)),
            r.orders,
            r.value_delivered,
            r.on_time_share * 100.0,
            r.weighted_lateness,
            r.consultant_cost,
            r.last_go_live.as_deref().unwrap_or("-"),
            r.orders_moved
                .map_or_else(|| "-".to_string(), |m| m.to_string()),
            r.violations
        );
    }
}

//! The plan's tables as CSV files: `orders.csv`, `work.csv`, `team_load.csv`.

use crate::error::{Error, Result};
use crate::plan::Plan;
use std::path::Path;

/// A text cell as a spreadsheet should read it: a cell that starts with `=`, `+`, `-`, `@`, a
/// tab or a carriage return would run as a formula in Excel or LibreOffice (CSV injection), so
/// it gets a leading `'`, as Excel writes such text itself. Numbers and dates are never text
/// cells here.
///
/// ```
/// use leverans::io::csv_text;
/// assert_eq!(csv_text("=HYPERLINK(\"http://x\")"), "'=HYPERLINK(\"http://x\")");
/// assert_eq!(csv_text("@SUM(A1)"), "'@SUM(A1)");
/// assert_eq!(csv_text("e-archive"), "e-archive");
/// ```
pub fn csv_text(text: &str) -> String {
    match text.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{text}"),
        _ => text.to_string(),
    }
}

/// Writes `orders.csv` (one row per order), `work.csv` (hours per order, team and period) and
/// `team_load.csv` (load, own-staff utilisation and consultant hours per team and period) into
/// `dir`, creating it. Text cells (ids, titles, orderers, teams, labels) go through
/// [`csv_text`].
pub fn write_plan_csv(plan: &Plan, dir: &Path) -> Result<()> {
    let io = |source: std::io::Error| Error::Io {
        path: dir.display().to_string(),
        source,
    };
    std::fs::create_dir_all(dir).map_err(io)?;
    let csv_err = |e: csv::Error| Error::Io {
        path: dir.display().to_string(),
        source: std::io::Error::other(e.to_string()),
    };
    let opt = |x: Option<u32>| x.map(|v| v.to_string()).unwrap_or_default();
    let date = |x: Option<chrono::NaiveDate>| x.map(|v| v.to_string()).unwrap_or_default();

    let mut w = csv::Writer::from_path(dir.join("orders.csv")).map_err(csv_err)?;
    w.write_record([
        "id",
        "title",
        "orderer",
        "state",
        "start_period",
        "finish_period",
        "go_live_period",
        "start",
        "finish",
        "go_live",
        "due_period",
        "lateness",
    ])
    .map_err(csv_err)?;
    for o in &plan.orders {
        let state = serde_json::to_value(o.state)
            .ok()
            .and_then(|v| v.as_str().map(String::from))
            .unwrap_or_default();
        w.write_record([
            csv_text(&o.id),
            csv_text(&o.title),
            csv_text(&o.orderer),
            state,
            opt(o.start_period),
            opt(o.finish_period),
            opt(o.go_live_period),
            date(o.start),
            date(o.finish),
            date(o.go_live),
            opt(o.due_period),
            o.lateness.to_string(),
        ])
        .map_err(csv_err)?;
    }
    w.flush().map_err(io)?;

    let mut w = csv::Writer::from_path(dir.join("work.csv")).map_err(csv_err)?;
    w.write_record(["order", "team", "period", "hours"])
        .map_err(csv_err)?;
    for o in &plan.orders {
        for s in &o.work {
            w.write_record([
                csv_text(&o.id),
                csv_text(&s.team),
                s.period.to_string(),
                format!("{:.4}", s.hours),
            ])
            .map_err(csv_err)?;
        }
    }
    w.flush().map_err(io)?;

    let mut w = csv::Writer::from_path(dir.join("team_load.csv")).map_err(csv_err)?;
    w.write_record([
        "team",
        "period",
        "label",
        "load",
        "capacity",
        "utilisation",
        "external",
        "external_cost",
    ])
    .map_err(csv_err)?;
    for tp in &plan.team_periods {
        w.write_record([
            csv_text(&tp.team),
            tp.period.to_string(),
            csv_text(&tp.label),
            format!("{:.4}", tp.load),
            format!("{:.4}", tp.capacity),
            format!("{:.4}", tp.utilisation),
            format!("{:.4}", tp.external),
            format!("{:.2}", tp.external_cost),
        ])
        .map_err(csv_err)?;
    }
    w.flush().map_err(io)?;
    Ok(())
}

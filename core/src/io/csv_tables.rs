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

/// Columns of `orders.csv` and of the report's orders table.
pub const ORDER_COLUMNS: [&str; 12] = [
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
];

/// Columns of `work.csv`.
pub const WORK_COLUMNS: [&str; 4] = ["order", "team", "period", "hours"];

/// Columns of `team_load.csv`.
pub const LOAD_COLUMNS: [&str; 8] = [
    "team",
    "period",
    "label",
    "load",
    "capacity",
    "utilisation",
    "consultant_hours",
    "consultant_cost",
];

/// One of the plan's tables: its file name, its columns, which of them hold text, and its
/// rows as plain strings. The CSV files and the HTML report's tables are both made from these,
/// so they always have the same columns.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanTable {
    /// `orders`, `work` or `team_load` (the CSV file's name without `.csv`).
    pub name: &'static str,
    /// Column names.
    pub columns: Vec<&'static str>,
    /// Whether each column holds text (ids, titles, labels) rather than numbers or dates.
    pub text: Vec<bool>,
    /// The rows, one string per column, not escaped for any format.
    pub rows: Vec<Vec<String>>,
}

/// The plan's three tables: `orders` (one row per order), `work` (hours per order, team and
/// period) and `team_load` (load, own-staff utilisation and consultant hours per team and
/// period).
///
/// ```
/// use leverans::{solve, Calendar, Order, Portfolio, SolveOptions, Team};
/// let mut p = Portfolio::new(Calendar::units(4));
/// p.add_team(Team::new("dev", 10.0));
/// p.add_order(Order::effort("a", [("dev", 10.0)]));
/// let plan = solve(&p, &SolveOptions::default()).unwrap().plan.unwrap();
/// assert!(leverans::verify(&p, &plan).is_ok());
/// let tables = leverans::io::plan_tables(&plan);
/// assert_eq!(tables[0].name, "orders");
/// assert_eq!(tables[0].rows[0][0], "a");
/// ```
pub fn plan_tables(plan: &Plan) -> Vec<PlanTable> {
    let opt = |x: Option<u32>| x.map(|v| v.to_string()).unwrap_or_default();
    let date = |x: Option<chrono::NaiveDate>| x.map(|v| v.to_string()).unwrap_or_default();
    let orders = PlanTable {
        name: "orders",
        columns: ORDER_COLUMNS.to_vec(),
        text: vec![
            true, true, true, true, false, false, false, false, false, false, false, false,
        ],
        rows: plan
            .orders
            .iter()
            .map(|o| {
                let state = serde_json::to_value(o.state)
                    .ok()
                    .and_then(|v| v.as_str().map(String::from))
                    .unwrap_or_default();
                vec![
                    o.id.clone(),
                    o.title.clone(),
                    o.orderer.clone(),
                    state,
                    opt(o.start_period),
                    opt(o.finish_period),
                    opt(o.go_live_period),
                    date(o.start),
                    date(o.finish),
                    date(o.go_live),
                    opt(o.due_period),
                    o.lateness.to_string(),
                ]
            })
            .collect(),
    };
    let work = PlanTable {
        name: "work",
        columns: WORK_COLUMNS.to_vec(),
        text: vec![true, true, false, false],
        rows: plan
            .orders
            .iter()
            .flat_map(|o| {
                o.work.iter().map(|s| {
                    vec![
                        o.id.clone(),
                        s.team.clone(),
                        s.period.to_string(),
                        format!("{:.4}", s.hours),
                    ]
                })
            })
            .collect(),
    };
    let load = PlanTable {
        name: "team_load",
        columns: LOAD_COLUMNS.to_vec(),
        text: vec![true, false, true, false, false, false, false, false],
        rows: plan
            .team_periods
            .iter()
            .map(|tp| {
                vec![
                    tp.team.clone(),
                    tp.period.to_string(),
                    tp.label.clone(),
                    format!("{:.4}", tp.load),
                    format!("{:.4}", tp.capacity),
                    format!("{:.4}", tp.utilisation),
                    format!("{:.4}", tp.consultant_hours),
                    format!("{:.2}", tp.consultant_cost),
                ]
            })
            .collect(),
    };
    vec![orders, work, load]
}

/// Writes the [`plan_tables`] as `orders.csv`, `work.csv` and `team_load.csv` into `dir`,
/// creating it. Text cells (ids, titles, orderers, teams, labels) go through [`csv_text`].
pub fn write_plan_csv(plan: &Plan, dir: &Path) -> Result<()> {
    write_tables(&plan_tables(plan), dir)
}

/// Writes each table as `<name>.csv` in `dir` (created when missing), text cells guarded
/// against formula injection ([`csv_text`]).
pub(crate) fn write_tables(tables: &[PlanTable], dir: &Path) -> Result<()> {
    let io = |source: std::io::Error| Error::Io {
        path: dir.display().to_string(),
        source,
    };
    std::fs::create_dir_all(dir).map_err(io)?;
    let csv_err = |e: csv::Error| Error::Io {
        path: dir.display().to_string(),
        source: std::io::Error::other(e.to_string()),
    };
    for table in tables {
        let path = dir.join(format!("{}.csv", table.name));
        let mut w = csv::Writer::from_path(path).map_err(csv_err)?;
        w.write_record(&table.columns).map_err(csv_err)?;
        for row in &table.rows {
            let cells =
                row.iter().zip(&table.text).map(
                    |(cell, &text)| {
                        if text {
                            csv_text(cell)
                        } else {
                            cell.clone()
                        }
                    },
                );
            w.write_record(cells).map_err(csv_err)?;
        }
        w.flush().map_err(io)?;
    }
    Ok(())
}

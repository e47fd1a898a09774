//! A simulation's tables as CSV files: `simulation_orders.csv` (one row per order) and
//! `simulation_summary.csv` (one row per portfolio figure).

use super::csv_tables::{write_tables, PlanTable};
use crate::error::Result;
use crate::simulate::{Simulation, Spread};
use std::path::Path;

/// Columns of `simulation_orders.csv` (and of Python's `Simulation.orders`).
pub const SIMULATION_COLUMNS: [&str; 13] = [
    "id",
    "state",
    "planned",
    "p50",
    "p85",
    "p95",
    "planned_period",
    "p50_period",
    "p85_period",
    "p95_period",
    "mean_period",
    "on_time",
    "meets_deadline",
];

/// The simulation's two tables: `simulation_orders` (id, state, planned go-live, P50, P85,
/// P95 and mean go-live period and day, chance of meeting the due date and the deadline) and
/// `simulation_summary` (figure, P50, P85, P95, mean).
pub fn simulation_tables(sim: &Simulation) -> Vec<PlanTable> {
    let opt = |x: &Option<String>| x.clone().unwrap_or_default();
    let num = |x: Option<f64>| x.map(|x| format!("{x:.4}")).unwrap_or_default();
    let orders = PlanTable {
        name: "simulation_orders",
        columns: SIMULATION_COLUMNS.to_vec(),
        text: vec![
            true, true, false, false, false, false, false, false, false, false, false, false, false,
        ],
        rows: sim
            .orders
            .iter()
            .map(|o| {
                let g = o.go_live_period;
                vec![
                    o.id.clone(),
                    o.state.clone(),
                    opt(&o.planned),
                    opt(&o.p50),
                    opt(&o.p85),
                    opt(&o.p95),
                    o.planned_period.map(|t| t.to_string()).unwrap_or_default(),
                    g.map(|g| g.p50.to_string()).unwrap_or_default(),
                    g.map(|g| g.p85.to_string()).unwrap_or_default(),
                    g.map(|g| g.p95.to_string()).unwrap_or_default(),
                    num(g.map(|g| g.mean)),
                    num(o.on_time),
                    num(o.meets_deadline),
                ]
            })
            .collect(),
    };
    let s = &sim.summary;
    let row = |name: &str, x: Spread| {
        vec![
            name.to_string(),
            format!("{:.4}", x.p50),
            format!("{:.4}", x.p85),
            format!("{:.4}", x.p95),
            format!("{:.4}", x.mean),
        ]
    };
    let summary = PlanTable {
        name: "simulation_summary",
        columns: vec!["figure", "p50", "p85", "p95", "mean"],
        text: vec![true, false, false, false, false],
        rows: vec![
            row("value_on_time", s.value_on_time),
            row("weighted_lateness", s.weighted_lateness),
            row("consultant_spend", s.consultant_spend),
            row("last_go_live_period", s.last_go_live_period),
        ],
    };
    vec![orders, summary]
}

/// Writes [`simulation_tables`] as `simulation_orders.csv` and `simulation_summary.csv` in
/// `dir` (created when missing).
pub fn write_simulation_csv(sim: &Simulation, dir: &Path) -> Result<()> {
    write_tables(&simulation_tables(sim), dir)
}

//! Reading and writing: portfolios as JSON or PSPLIB `.sm`, plans as JSON and CSV tables.

mod csv_tables;
mod json;
pub mod psplib;
mod simulation_csv;

pub use csv_tables::{
    csv_text, plan_tables, write_plan_csv, PlanTable, LOAD_COLUMNS, ORDER_COLUMNS, WORK_COLUMNS,
};
pub use json::{portfolio_to_json, read_portfolio_file, read_portfolio_json, read_text};
pub use simulation_csv::{simulation_tables, write_simulation_csv, SIMULATION_COLUMNS};

//! Analyses built on the solve: the capacity gap (which competences are short, and when) and
//! the budget frontier (value delivered against consultant budget).

mod frontier;
mod gap;

pub use frontier::{budget_frontier, FrontierPoint};
pub use gap::{capacity_gap, CapacityGap, GapOptions, GapRow};

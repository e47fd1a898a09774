//! Analyses built on the solve: the capacity gap (which competences are short, and when), the
//! budget frontier (value delivered against consultant budget), and why a portfolio has no
//! plan (the clash and the least relaxations).

mod frontier;
mod gap;
mod infeasible;

pub use frontier::{budget_frontier, FrontierPoint};
pub use gap::{capacity_gap, CapacityGap, GapOptions, GapRow};
pub use infeasible::{diagnose, Infeasibility, Relaxation, RelaxationKind};

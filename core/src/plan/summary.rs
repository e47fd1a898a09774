//! Portfolio figures of a plan.

use serde::{Deserialize, Serialize};

/// Figures over the whole plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    /// Periods from the plan's start to the end of the last go-live period.
    pub makespan: u32,
    /// Orders with a due date.
    pub orders_with_due_date: usize,
    /// Orders going live after their due date.
    pub orders_late: usize,
    /// Share of orders with a due date that go live on time (1 when none has one).
    pub on_time_share: f64,
    /// Sum of lateness in periods.
    pub total_lateness: u32,
    /// Sum of weight × lateness.
    pub weighted_lateness: f64,
    /// Sum of weight × (go-live period + 1) over scheduled orders.
    pub weighted_completion: f64,
}

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
    /// Value of all orders not done before the plan.
    #[serde(default)]
    pub value_total: f64,
    /// Value delivered: full orders, plus the delivered share of reduced ones.
    #[serde(default)]
    pub value_delivered: f64,
    /// Orders stopped.
    #[serde(default)]
    pub orders_stopped: usize,
    /// Orders delivered at a reduced scope.
    #[serde(default)]
    pub orders_reduced: usize,
    /// Consultant hours bought (`external_hours` in plans written before, still read).
    #[serde(default, alias = "external_hours")]
    pub consultant_hours: f64,
    /// Money spent on consultants (`external_cost` in plans written before, still read).
    #[serde(default, alias = "external_cost")]
    pub consultant_cost: f64,
}

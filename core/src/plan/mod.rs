//! The plan: plain data describing when each order runs and goes live, who works on it, and
//! how loaded each team is. Serialisable to JSON; [`crate::io`] writes its tables as CSV.
//!
//! Periods are 0-based indices into the calendar's [`crate::Timeline`]; dates are given beside
//! them for date calendars.

mod build;
mod freeze;
mod realism;
mod summary;

mod diff;

pub use build::{budget_label, build_plan};
pub use diff::{diff, OrderChange, PlanDiff};
pub use freeze::freeze_baseline;
pub use realism::{realism, Realism};
pub use summary::Summary;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A deployment plan for a portfolio.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    /// One entry per order of the portfolio, in the portfolio's order.
    pub orders: Vec<PlannedOrder>,
    /// Load against capacity for every team and period.
    pub team_periods: Vec<TeamPeriod>,
    /// Portfolio figures.
    pub summary: Summary,
    /// Consultant spend against each budget span.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub budgets: Vec<BudgetUse>,
    /// Why each order stands where it does ([`crate::explain::explain`]); empty unless asked
    /// for (`leverans plan --out` writes them), as they are text for people, not part of what
    /// the verifier checks.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub explanations: Vec<crate::explain::Explanation>,
}

/// Consultant spend in one budget span.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BudgetUse {
    /// The budget's span kind (`total`, `year`, `quarter`, `month`).
    pub per: crate::model::BudgetSpan,
    /// The span: `2014`, `2014-Q2`, `2014-03`, or `total`.
    pub label: String,
    /// First period of the span.
    pub first_period: u32,
    /// Last period of the span.
    pub last_period: u32,
    /// Money spent on consultants in the span.
    pub spent: f64,
    /// The ceiling.
    pub amount: f64,
}

/// What the plan says about one order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlannedOrder {
    /// The order's id.
    pub id: String,
    /// The order's title.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub title: String,
    /// The ordering department.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub orderer: String,
    /// Whether the order is scheduled, was already running, or is done.
    pub state: PlannedState,
    /// First period of work (0 for an order in progress); none for a done order.
    pub start_period: Option<u32>,
    /// Last period of work.
    pub finish_period: Option<u32>,
    /// Period the order goes live.
    pub go_live_period: Option<u32>,
    /// First working day of the start period.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<NaiveDate>,
    /// Last working day of the finish period.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub finish: Option<NaiveDate>,
    /// Go-live day: the last working day of the go-live period.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub go_live: Option<NaiveDate>,
    /// Period of the due date, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due_period: Option<u32>,
    /// Periods the go-live comes after the due period (0 when on time or no due date).
    pub lateness: u32,
    /// Hours per team per period.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub work: Vec<WorkSlice>,
    /// Share of the scope delivered: 1 in full, less when reduced, 0 when stopped.
    #[serde(default = "one")]
    pub scope: f64,
    /// Why the order is stopped, when the plan knows a reason beyond the objective.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

fn one() -> f64 {
    1.0
}

impl PlannedOrder {
    /// The decision in the directive's words: `delivered`, `reduced`, `postponed` (goes live
    /// after its due date), `stopped`, or `done` (before the plan).
    pub fn decision(&self) -> &'static str {
        match self.state {
            PlannedState::Done => "done",
            PlannedState::Stopped => "stopped",
            _ if self.scope < 1.0 - 1e-9 => "reduced",
            _ if self.lateness > 0 => "postponed",
            _ => "delivered",
        }
    }
}

/// Where an order stands in the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlannedState {
    /// Scheduled by this plan.
    Scheduled,
    /// Was running when the plan was made; scheduled from period 0.
    InProgress,
    /// Delivered before the plan; takes no capacity.
    Done,
    /// Left out of the plan (an optional order): no work, no go-live.
    Stopped,
}

/// Hours one team spends on one order in one period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WorkSlice {
    /// Team id.
    pub team: String,
    /// Period index.
    pub period: u32,
    /// Hours.
    pub hours: f64,
}

/// One team's load in one period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TeamPeriod {
    /// Team id.
    pub team: String,
    /// Period index.
    pub period: u32,
    /// The period's label (`2014-W27`).
    pub label: String,
    /// Hours planned.
    pub load: f64,
    /// Hours available.
    pub capacity: f64,
    /// Utilisation of the team's own staff: `(load − consultant_hours) / capacity`, the hours
    /// the team's own people work over their capacity (0 when there is no capacity).
    /// Consultant hours are apart, in `consultant_hours`, so a team is never shown above
    /// 100 % because it bought help.
    pub utilisation: f64,
    /// Consultant hours bought (part of the load above `capacity`; `external` in plans
    /// written before, still read).
    #[serde(default, alias = "external")]
    pub consultant_hours: f64,
    /// What those hours cost (`external_cost` before, still read).
    #[serde(default, alias = "external_cost")]
    pub consultant_cost: f64,
}

impl Plan {
    /// The planned order with this id.
    pub fn order(&self, id: &str) -> Option<&PlannedOrder> {
        self.orders.iter().find(|o| o.id == id)
    }

    /// Every planned order by its id (the first where ids repeat), for lookups in a loop.
    pub fn orders_by_id(&self) -> std::collections::HashMap<&str, &PlannedOrder> {
        let mut out = std::collections::HashMap::with_capacity(self.orders.len());
        for o in &self.orders {
            out.entry(o.id.as_str()).or_insert(o);
        }
        out
    }
}

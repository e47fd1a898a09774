//! Orders: the requests on the order list, with their work, dates and status.

use super::{Actual, Pin, TimePoint};
use serde::{Deserialize, Serialize};
use std::fmt;

/// Priority class of an order. Each class has a default weight, used when the order gives no
/// `weight` of its own.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord, Serialize, Deserialize,
)]
#[serde(rename_all = "snake_case")]
pub enum Priority {
    /// Must not slip: default weight 8.
    Critical,
    /// Default weight 4.
    High,
    /// Default weight 2.
    #[default]
    Medium,
    /// Default weight 1.
    Low,
}

impl Priority {
    /// Every class, highest first.
    pub const ALL: [Priority; 4] = [
        Priority::Critical,
        Priority::High,
        Priority::Medium,
        Priority::Low,
    ];

    /// The weight an order of this class gets when it gives none.
    pub fn default_weight(self) -> f64 {
        match self {
            Priority::Critical => 8.0,
            Priority::High => 4.0,
            Priority::Medium => 2.0,
            Priority::Low => 1.0,
        }
    }

    /// The snake_case name used in JSON and CSV.
    pub fn as_str(self) -> &'static str {
        match self {
            Priority::Critical => "critical",
            Priority::High => "high",
            Priority::Medium => "medium",
            Priority::Low => "low",
        }
    }
}

impl fmt::Display for Priority {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Hours an effort-driven order needs from one team.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Effort {
    /// Team id.
    pub team: String,
    /// Total hours (for an order in progress: the hours that remain): the most likely
    /// figure when `hours_low` / `hours_high` make it a three-point estimate.
    pub hours: f64,
    /// Optimistic hours of a three-point estimate (`hours_low ≤ hours`); `hours` when omitted.
    /// Only [`crate::simulate`] reads it: plans are made on `hours`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hours_low: Option<f64>,
    /// Pessimistic hours of a three-point estimate (`hours ≤ hours_high`); `hours` when
    /// omitted. Only [`crate::simulate`] reads it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hours_high: Option<f64>,
    /// Most hours this order can take from the team in a full working week; the team's whole
    /// weekly capacity when omitted. Scaled by the working days of each period.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_hours_per_week: Option<f64>,
    /// Fewest hours a week while the order runs (keeps work from stalling); 0 when omitted.
    /// Scaled by the working days of each period.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_hours_per_week: Option<f64>,
}

/// Hours a fixed-duration order takes from one team in every period it runs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Demand {
    /// Team id.
    pub team: String,
    /// Hours in a full working week (per period in unit calendars), scaled by working days.
    pub hours_per_week: f64,
}

/// Where an order stands when the plan is made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum OrderStatus {
    /// Not started: the plan chooses its start.
    #[default]
    NotStarted,
    /// Started before the plan's first period: it runs from period 0, and its `effort`
    /// (or `duration`) is what remains.
    InProgress,
    /// Delivered: it takes no capacity and its dependants may start at once.
    Done,
}

impl OrderStatus {
    /// Every status.
    pub const ALL: [OrderStatus; 3] = [
        OrderStatus::NotStarted,
        OrderStatus::InProgress,
        OrderStatus::Done,
    ];

    /// The snake_case name used in JSON and CSV.
    pub fn as_str(self) -> &'static str {
        match self {
            OrderStatus::NotStarted => "not_started",
            OrderStatus::InProgress => "in_progress",
            OrderStatus::Done => "done",
        }
    }
}

/// One request on the order list.
///
/// The work is given in one of two forms:
/// - **effort-driven** (`effort`): hours per team; the plan decides how many hours go into each
///   period, within `max_hours_per_week` and the team's capacity, and so how long the order takes
///   (bounded by `min_duration` and `max_duration`);
/// - **fixed-duration** (`duration` with `demand`): the order runs exactly `duration` periods and
///   takes `hours_per_week` from each team in each of them (the RCPSP form, used for PSPLIB).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Order {
    /// The user's key, unique among orders.
    pub id: String,
    /// What is ordered.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub title: String,
    /// The department that ordered it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub orderer: String,
    /// Kind of order (project, system change, upgrade, ...): free text for reports.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub category: String,
    /// Priority class; medium when omitted.
    #[serde(default)]
    pub priority: Priority,
    /// Weight of one period of lateness or completion time; the class's default when omitted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weight: Option<f64>,
    /// Effort-driven work: hours per team.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub effort: Vec<Effort>,
    /// Fewest periods an effort-driven order may span.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_duration: Option<u32>,
    /// Most periods an effort-driven order may span.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_duration: Option<u32>,
    /// Fixed duration in periods (the fixed-duration form).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration: Option<u32>,
    /// Optimistic duration of a three-point estimate (`duration_low ≤ duration`), in periods;
    /// `duration` when omitted. Only [`crate::simulate`] reads it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration_low: Option<u32>,
    /// Pessimistic duration of a three-point estimate (`duration ≤ duration_high`), in
    /// periods; `duration` when omitted. Only [`crate::simulate`] reads it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration_high: Option<u32>,
    /// Hours per period per team for the fixed-duration form.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub demand: Vec<Demand>,
    /// Earliest start.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub release: Option<TimePoint>,
    /// Wanted go-live: going live later is allowed and costs lateness.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<TimePoint>,
    /// Latest go-live: a hard limit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deadline: Option<TimePoint>,
    /// Periods between the end of the work and the earliest go-live (acceptance, training); 0
    /// when omitted.
    #[serde(default, skip_serializing_if = "is_zero_u32")]
    pub go_live_lag: u32,
    /// Where the order stands.
    #[serde(default)]
    pub status: OrderStatus,
    /// Whether the plan may leave the order out ("stop" it). Mandatory when omitted.
    #[serde(default, skip_serializing_if = "is_false")]
    pub optional: bool,
    /// What delivering the order in full is worth (any unit, the same for all orders); the
    /// "result" the plan maximises. Defaults to the priority weight × 100 when omitted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<f64>,
    /// Smallest share of the scope the order may be delivered at (0 < share ≤ 1); its hours and
    /// value scale with the share chosen. Full scope only when omitted. Effort-driven orders only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_scope: Option<f64>,
    /// Fixed start and/or go-live ([`Pin`]); a pinned order is delivered.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pin: Option<Pin>,
    /// Hours already worked per team and period before the portfolio's `frozen_until`
    /// ([`Actual`]); they are part of `effort`. Effort-driven orders only.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub actuals: Vec<Actual>,
}

fn is_false(x: &bool) -> bool {
    !*x
}

fn is_zero_u32(x: &u32) -> bool {
    *x == 0
}

impl Order {
    /// An effort-driven order needing `hours` from each listed team.
    ///
    /// ```
    /// let o = leverans::Order::effort("e-archive", [("dev", 200.0), ("infra", 40.0)]);
    /// assert_eq!(o.effort.len(), 2);
    /// assert!(o.is_effort_driven());
    /// ```
    pub fn effort<I, S>(id: impl Into<String>, hours: I) -> Self
    where
        I: IntoIterator<Item = (S, f64)>,
        S: Into<String>,
    {
        let mut o = Order::empty(id.into());
        o.effort = hours
            .into_iter()
            .map(|(team, hours)| Effort {
                team: team.into(),
                hours,
                hours_low: None,
                hours_high: None,
                max_hours_per_week: None,
                min_hours_per_week: None,
            })
            .collect();
        o
    }

    /// A fixed-duration order running `duration` periods with the given hours per period.
    ///
    /// ```
    /// let o = leverans::Order::fixed("j2", 3, [("R1", 4.0)]);
    /// assert_eq!(o.duration, Some(3));
    /// ```
    pub fn fixed<I, S>(id: impl Into<String>, duration: u32, demand: I) -> Self
    where
        I: IntoIterator<Item = (S, f64)>,
        S: Into<String>,
    {
        let mut o = Order::empty(id.into());
        o.duration = Some(duration);
        o.demand = demand
            .into_iter()
            .map(|(team, hours_per_week)| Demand {
                team: team.into(),
                hours_per_week,
            })
            .collect();
        o
    }

    fn empty(id: String) -> Self {
        Order {
            id,
            title: String::new(),
            orderer: String::new(),
            category: String::new(),
            priority: Priority::Medium,
            weight: None,
            effort: Vec::new(),
            min_duration: None,
            max_duration: None,
            duration: None,
            duration_low: None,
            duration_high: None,
            demand: Vec::new(),
            release: None,
            due: None,
            deadline: None,
            go_live_lag: 0,
            status: OrderStatus::NotStarted,
            optional: false,
            value: None,
            min_scope: None,
            pin: None,
            actuals: Vec::new(),
        }
    }

    /// True for the effort-driven form (no fixed `duration`).
    pub fn is_effort_driven(&self) -> bool {
        self.duration.is_none()
    }

    /// The value of delivering the order in full: `value`, else 100 × the effective weight.
    pub fn effective_value(&self) -> f64 {
        self.value
            .unwrap_or_else(|| 100.0 * self.effective_weight())
    }

    /// The weight used in weighted objectives: `weight`, else the priority class's default.
    pub fn effective_weight(&self) -> f64 {
        self.weight
            .unwrap_or_else(|| self.priority.default_weight())
    }
}

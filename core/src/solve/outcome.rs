//! What a solve returns: a status, figures of quality and the plan.

use crate::objective::Objective;
use crate::plan::Plan;
use serde::{Deserialize, Serialize};
use std::fmt;

/// How good the answer is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Every level is proven optimal (within the requested gap).
    Optimal,
    /// A plan that satisfies every rule, with a gap to the best bound.
    Feasible,
    /// No plan can satisfy the rules; `Outcome::reason` says why when it is known.
    Infeasible,
    /// The time ran out before any plan was found.
    NoPlanInTime,
}

impl Status {
    /// Every status.
    pub const ALL: [Status; 4] = [
        Status::Optimal,
        Status::Feasible,
        Status::Infeasible,
        Status::NoPlanInTime,
    ];

    /// The snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Optimal => "optimal",
            Status::Feasible => "feasible",
            Status::Infeasible => "infeasible",
            Status::NoPlanInTime => "no_plan_in_time",
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where the returned plan came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PlanSource {
    /// The MIP found it (or proved the heuristic's plan optimal).
    Mip,
    /// The heuristic's plan (or a shorter one the makespan bounds' search found), which the
    /// MIP did not improve in time.
    Heuristic,
    /// No plan.
    None,
}

/// The result of one level of the goal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LevelOutcome {
    /// The weighted objectives of this level.
    pub objectives: Vec<(Objective, f64)>,
    /// The plan's value.
    pub value: f64,
    /// The best proven lower bound (None when none is known).
    pub bound: Option<f64>,
    /// Whether the level was proven optimal.
    pub optimal: bool,
}

impl LevelOutcome {
    /// The level's objectives for people: `lost_value + 2×weighted_tardiness`.
    ///
    /// ```
    /// use leverans::{LevelOutcome, Objective};
    /// let l = LevelOutcome {
    ///     objectives: vec![(Objective::LostValue, 1.0), (Objective::WeightedTardiness, 2.0)],
    ///     value: 0.0,
    ///     bound: None,
    ///     optimal: false,
    /// };
    /// assert_eq!(l.name(), "lost_value + 2×weighted_tardiness");
    /// ```
    pub fn name(&self) -> String {
        let names: Vec<String> = self
            .objectives
            .iter()
            .map(|(o, w)| {
                if *w == 1.0 {
                    o.to_string()
                } else {
                    format!("{w}×{o}")
                }
            })
            .collect();
        names.join(" + ")
    }
}

/// What [`crate::solve()`] returns.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Outcome {
    /// How good the answer is.
    pub status: Status,
    /// Value of the first level.
    pub objective: Option<f64>,
    /// Best lower bound on the first level.
    pub bound: Option<f64>,
    /// `(objective − bound) / |objective|` of the first level (0 when optimal).
    pub gap: Option<f64>,
    /// Wall-clock seconds spent.
    pub seconds: f64,
    /// Every level in order.
    pub levels: Vec<LevelOutcome>,
    /// Where the plan came from.
    pub source: PlanSource,
    /// Why there is no plan, when the solve is infeasible and the reason is known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// When the solve is infeasible because deadlines clash: which, and the least changes that
    /// make a plan possible ([`crate::analysis::diagnose`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub infeasibility: Option<crate::analysis::Infeasibility>,
    /// The plan, when one was found.
    pub plan: Option<Plan>,
}

/// Relative gap of a value against a bound, as reported everywhere in Leverans.
pub fn relative_gap(value: f64, bound: Option<f64>) -> Option<f64> {
    let b = bound?;
    if !b.is_finite() {
        return None;
    }
    let diff = (value - b).max(0.0);
    if diff <= 1e-9 {
        Some(0.0)
    } else if value.abs() < 1e-9 {
        None
    } else {
        Some(diff / value.abs())
    }
}

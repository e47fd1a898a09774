//! What a solve returns: a status, figures of quality and the plan.

use crate::model::{Portfolio, Timeline};
use crate::objective::{level_value, Objective};
use crate::plan::{build_plan, Plan};
use crate::problem::Problem;
use crate::schedule::Schedule;
use serde::{Deserialize, Serialize};
use std::fmt;
use std::time::Instant;

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
    /// The level's objectives for people: `lost_value + 2×weighted_lateness`.
    ///
    /// ```
    /// use leverans::{LevelOutcome, Objective};
    /// let l = LevelOutcome {
    ///     objectives: vec![(Objective::LostValue, 1.0), (Objective::WeightedLateness, 2.0)],
    ///     value: 0.0,
    ///     bound: None,
    ///     optimal: false,
    /// };
    /// assert_eq!(l.name(), "lost_value + 2×weighted_lateness");
    /// ```
    pub fn name(&self) -> String {
        crate::objective::spell_level(&self.objectives, "×", " + ")
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

/// What the levels left for the outcome: the plan, whether the MIP made it, each level's
/// outcome, whether every level was proven, and when the solve started.
pub(super) struct Solved {
    pub schedule: Schedule,
    pub from_mip: bool,
    pub level_outcomes: Vec<LevelOutcome>,
    pub all_optimal: bool,
    pub started: Instant,
}

/// The outcome of a solve that has a plan (settled and passed by `polish::finish`): every
/// level reports the plan returned, built for people, with the goal's reason on every order it
/// stops. `full` are the problem's windows, whose bound holds for every plan.
pub(super) fn finish(
    portfolio: &Portfolio,
    timeline: &Timeline,
    problem: &Problem,
    full: &crate::problem::Windows,
    levels: &[Vec<(crate::Objective, f64)>],
    solved: Solved,
) -> Outcome {
    let Solved {
        schedule,
        from_mip,
        mut level_outcomes,
        mut all_optimal,
        started,
    } = solved;
    // The last settle and pass, and the steps after them, may change the plan once more:
    // every level reports the plan it returns. A value below a level's bound means that bound
    // was conditional on an earlier level's held value, which the plan has since improved: it
    // no longer holds, and neither does the proof; the bound of the windows, which holds for
    // every plan, takes its place. A value above a proven level's bound (an earlier level
    // improved at its cost) is no longer proven.
    for lo in &mut level_outcomes {
        lo.value = level_value(&lo.objectives, problem, &schedule);
        if lo.bound.is_some_and(|b| lo.value < b - 1e-9) {
            let windows = crate::objective::level_lower_bound(&lo.objectives, problem, full, &[]);
            lo.bound = Some(windows.min(lo.value));
            lo.optimal = false;
        }
        // Within the slack a held level allows the later levels' MIP, the proof stands.
        if lo
            .bound
            .is_some_and(|b| lo.value > b + super::hold_slack(b))
        {
            lo.optimal = false;
        }
        all_optimal &= lo.optimal;
    }
    let mut plan = build_plan(portfolio, timeline, problem, &schedule);
    // A stopped order without a reason of its own was stopped by the goal: say how.
    let why = stop_reason(levels);
    for po in plan
        .orders
        .iter_mut()
        .filter(|po| po.state == crate::plan::PlannedState::Stopped && po.reason.is_none())
    {
        po.reason = Some(why.clone());
    }
    let first = level_outcomes.first();
    let objective = first.map(|l| l.value);
    let bound = first.and_then(|l| l.bound);
    Outcome {
        status: if all_optimal {
            Status::Optimal
        } else {
            Status::Feasible
        },
        objective,
        bound,
        gap: objective.and_then(|v| relative_gap(v, bound)),
        seconds: started.elapsed().as_secs_f64(),
        levels: level_outcomes,
        source: if from_mip {
            PlanSource::Mip
        } else {
            PlanSource::Heuristic
        },
        reason: None,
        infeasibility: None,
        plan: Some(plan),
    }
}

/// Why the goal stops an optional order that could be delivered, in words true for the goal:
/// value first, value weighed against lateness, lateness before value, or value not counted.
fn stop_reason(levels: &[Vec<(crate::Objective, f64)>]) -> String {
    use crate::Objective::LostValue;
    let rules = "within capacity, budget and shares";
    let Some(k) = levels
        .iter()
        .position(|l| l.iter().any(|&(o, w)| o == LostValue && w > 0.0))
    else {
        return format!("left out: the goal does not count the value of orders ({rules})");
    };
    if k > 0 {
        return format!("left out so that other orders go live earlier: the goal puts time before value ({rules})");
    }
    if levels[k].len() > 1 {
        return format!("left out: its value is less than the lateness and value it would cost other orders ({rules})");
    }
    format!("left out for orders of more value {rules}")
}

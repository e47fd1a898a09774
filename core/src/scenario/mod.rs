//! Scenarios: named variants of a base portfolio, solved side by side.
//!
//! A scenario file lists changes to the base: a total consultant `budget`, `team_hours`
//! (a team's hours per week), `priorities` and `due_dates` of orders, orders to `stop` (taken
//! off the list with their dependencies) and orders to add (`add_orders`), and the goal
//! (`objective`, as `leverans plan --objective` reads it). [`run_scenarios`] solves the base and
//! every variant in parallel (rayon, one HiGHS thread each: parallelism across solves, not
//! inside one), checks each plan with the verifier and compares it with the base plan
//! ([`crate::plan::diff`]): one [`ScenarioOutcome`] per row of a side-by-side table.
//!
//! ```
//! use leverans::scenario::{run_scenarios, ScenarioOptions, ScenarioSet};
//! use leverans::{Calendar, Order, Portfolio, Team, TimePoint};
//! let mut p = Portfolio::new(Calendar::units(10));
//! p.add_team(Team::new("dev", 10.0));
//! let mut a = Order::effort("a", [("dev", 30.0)]);
//! a.due = Some(TimePoint::Period(2));
//! p.add_order(a);
//! p.add_order(Order::effort("b", [("dev", 30.0)]));
//! let set: ScenarioSet = serde_json::from_str(r#"{"scenarios": [
//!     {"name": "hire", "team_hours": [{"team": "dev", "hours_per_week": 20}]},
//!     {"name": "drop b", "stop": ["b"]}
//! ]}"#).unwrap();
//! let rows = run_scenarios(&p, &set, &ScenarioOptions::default()).unwrap();
//! assert_eq!(rows.len(), 3);
//! assert_eq!(rows[0].name, "base");
//! assert!(rows.iter().all(|r| r.violations == 0));
//! assert_eq!(rows[2].orders, 1);
//! ```

mod apply;

pub use apply::apply;

use crate::error::{Error, Result, ValidationReport};
use crate::model::{Order, Portfolio, Priority, TimePoint};
use crate::objective::Goal;
use crate::solve::{solve, SolveOptions, Status};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

/// A scenario file: the variants of one base portfolio.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ScenarioSet {
    /// The variants, each solved on its own.
    pub scenarios: Vec<Scenario>,
}

/// One named variant of the base portfolio.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// Its name in the table; unique, not `base`.
    pub name: String,
    /// What it asks, for people.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub description: String,
    /// A total consultant budget in place of the portfolio's budgets.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget: Option<f64>,
    /// Teams' hours per full working week.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub team_hours: Vec<TeamHours>,
    /// Orders' priority classes (an explicit weight gives way to the class's).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub priorities: Vec<PriorityChange>,
    /// Orders' due dates (`null`: none).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub due_dates: Vec<DueChange>,
    /// Orders taken off the list.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub stop: Vec<String>,
    /// Orders added to the list.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub add_orders: Vec<Order>,
    /// The goal (`auto`, or levels as `leverans plan --objective` reads them); the base's
    /// goal when omitted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub objective: Option<String>,
}

/// A team's new hours per week.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TeamHours {
    /// Team id.
    pub team: String,
    /// Hours per full working week.
    pub hours_per_week: f64,
}

/// An order's new priority class.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PriorityChange {
    /// Order id.
    pub order: String,
    /// The class.
    pub priority: Priority,
}

/// An order's new due date.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DueChange {
    /// Order id.
    pub order: String,
    /// The due date (`null` for none).
    pub due: Option<TimePoint>,
}

/// How scenarios are solved.
#[derive(Debug, Clone, PartialEq)]
pub struct ScenarioOptions {
    /// Seconds for each solve. Default 30.
    pub time_limit: f64,
    /// Solves side by side (each on one thread). Default 1; more finish sooner, and each
    /// solve's result depends on its time limit, not on the others.
    pub threads: usize,
    /// The base's goal. Default [`Goal::Auto`].
    pub goal: Goal,
}

impl Default for ScenarioOptions {
    fn default() -> Self {
        ScenarioOptions {
            time_limit: 30.0,
            threads: 1,
            goal: Goal::Auto,
        }
    }
}

/// One row of the side-by-side table.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScenarioOutcome {
    /// `base`, or the scenario's name.
    pub name: String,
    /// How good the plan is.
    pub status: Status,
    /// Relative gap of the goal's first level (0 when proven optimal); none without a bound.
    pub gap: Option<f64>,
    /// Orders on the list.
    pub orders: usize,
    /// Value delivered.
    pub value_delivered: f64,
    /// Share of orders with a due date that go live on time.
    pub on_time_share: f64,
    /// Priority-weighted lateness.
    pub weighted_lateness: f64,
    /// Consultant spend.
    pub consultant_cost: f64,
    /// Day (or period label) of the last go-live.
    pub last_go_live: Option<String>,
    /// Orders whose dates or decision differ from the base plan (orders only one of them has
    /// count too); none for the base, or without a plan on either side.
    pub orders_moved: Option<usize>,
    /// Rules the plan breaks, by the independent verifier (0 for a sound plan).
    pub violations: usize,
}

/// Solves the base and every scenario, in parallel; the base first, then the scenarios in
/// file order. An error when a scenario names an unknown order or team, repeats a name, or
/// gives a goal that does not parse, or when a portfolio is invalid (each listed).
pub fn run_scenarios(
    base: &Portfolio,
    set: &ScenarioSet,
    options: &ScenarioOptions,
) -> Result<Vec<ScenarioOutcome>> {
    let mut report = ValidationReport::default();
    let mut jobs: Vec<(String, Portfolio, Goal)> =
        vec![("base".to_string(), base.clone(), options.goal.clone())];
    for s in &set.scenarios {
        if s.name.trim().is_empty() || s.name == "base" || jobs.iter().any(|j| j.0 == s.name) {
            report.push(
                "duplicate_id",
                "scenario",
                &s.name,
                "name",
                &s.name,
                "every scenario needs its own name, other than `base`",
            );
            continue;
        }
        let goal = match &s.objective {
            None => options.goal.clone(),
            Some(text) => match Goal::parse(text) {
                Ok(g) => g,
                Err(msg) => {
                    report.push("invalid_goal", "scenario", &s.name, "objective", text, msg);
                    continue;
                }
            },
        };
        match apply(base, s) {
            Ok(p) => jobs.push((s.name.clone(), p, goal)),
            Err(Error::Invalid(r)) => report.issues.extend(r.issues),
            Err(e) => return Err(e),
        }
    }
    if !report.is_empty() {
        return Err(Error::Invalid(report));
    }
    if !(options.time_limit.is_finite() && options.time_limit > 0.0) || options.threads == 0 {
        return Err(Error::InvalidOptions {
            option: if options.threads == 0 {
                "threads"
            } else {
                "time_limit"
            }
            .to_string(),
            value: if options.threads == 0 {
                "0".to_string()
            } else {
                options.time_limit.to_string()
            },
            message: "time_limit must be a number of seconds above 0, threads at least 1"
                .to_string(),
        });
    }
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(options.threads)
        .build()
        .map_err(|e| Error::Solver(format!("cannot start {} threads: {e}", options.threads)))?;
    let solved: Vec<Result<Solved>> = pool.install(|| {
        jobs.par_iter()
            .map(|(_, p, goal)| {
                let o = SolveOptions::default()
                    .with_goal(goal.clone())
                    .with_time_limit(options.time_limit)
                    .with_threads(1);
                solve(p, &o).map(|out| (out.plan, out.status, out.gap))
            })
            .collect()
    });
    let solved: Vec<Solved> = solved.into_iter().collect::<Result<_>>()?;
    let base_plan = solved[0].0.clone();
    Ok(jobs
        .iter()
        .zip(&solved)
        .enumerate()
        .map(|(k, ((name, p, _), solved))| {
            row(name, p, solved, base_plan.as_ref().filter(|_| k > 0))
        })
        .collect())
}

/// Solves one scenario (`None`: the base itself) on one thread within `options.time_limit`
/// and gives its row, compared with `base_plan` when given, and its plan: the unit of work of
/// a sweep that spreads scenarios over processes or machines (the Python `leverans.sweep`).
/// Errors as [`run_scenarios`].
pub fn run_one(
    base: &Portfolio,
    scenario: Option<&Scenario>,
    base_plan: Option<&crate::plan::Plan>,
    options: &ScenarioOptions,
) -> Result<(ScenarioOutcome, Option<crate::plan::Plan>)> {
    let (name, portfolio, goal) = match scenario {
        None => ("base", base.clone(), options.goal.clone()),
        Some(s) => {
            let goal = match &s.objective {
                None => options.goal.clone(),
                Some(text) => Goal::parse(text).map_err(|msg| {
                    let mut r = ValidationReport::default();
                    r.push("invalid_goal", "scenario", &s.name, "objective", text, msg);
                    Error::Invalid(r)
                })?,
            };
            (s.name.as_str(), apply(base, s)?, goal)
        }
    };
    let o = SolveOptions::default()
        .with_goal(goal)
        .with_time_limit(options.time_limit)
        .with_threads(1);
    let out = solve(&portfolio, &o)?;
    let solved = (out.plan, out.status, out.gap);
    let row = row(name, &portfolio, &solved, base_plan);
    Ok((row, solved.0))
}

/// What one solve gives: the plan, the status and the first level's gap.
type Solved = (Option<crate::plan::Plan>, Status, Option<f64>);

/// The table row of one solved portfolio.
fn row(
    name: &str,
    p: &Portfolio,
    (plan, status, gap): &Solved,
    base: Option<&crate::plan::Plan>,
) -> ScenarioOutcome {
    let plan = plan.as_ref();
    let s = plan.map(|x| &x.summary);
    ScenarioOutcome {
        name: name.to_string(),
        status: *status,
        gap: *gap,
        orders: p.orders.len(),
        value_delivered: s.map_or(0.0, |s| s.value_delivered),
        on_time_share: s.map_or(0.0, |s| s.on_time_share),
        weighted_lateness: s.map_or(0.0, |s| s.weighted_lateness),
        consultant_cost: s.map_or(0.0, |s| s.consultant_cost),
        last_go_live: plan.and_then(|x| {
            let last = x
                .orders
                .iter()
                .filter_map(|o| o.go_live_period.map(|g| (g, o)))
                .max_by_key(|(g, _)| *g)?;
            Some(
                last.1
                    .go_live
                    .map_or_else(|| format!("P{}", last.0), |d| d.to_string()),
            )
        }),
        orders_moved: match (base, plan) {
            (Some(b), Some(x)) => Some(crate::plan::diff(b, x).changed),
            _ => None,
        },
        violations: plan.map_or(0, |x| crate::verify(p, x).violations.len()),
    }
}

//! What a plan is optimised for.

use crate::problem::Problem;
use crate::schedule::Schedule;
use serde::{Deserialize, Serialize};
use std::fmt;

/// One measure of a plan, to be minimised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Objective {
    /// Periods until the last go-live (the RCPSP makespan when there are no go-live rules).
    Makespan,
    /// Sum over orders of weight × periods of go-live after the due period.
    WeightedTardiness,
    /// Sum over orders of weight × (go-live period + 1): deliver the heavy orders early.
    WeightedCompletion,
    /// Value not delivered: the value of stopped orders plus the unused share of reduced ones
    /// (the directive's "result"; minimising it maximises the value delivered).
    LostValue,
    /// Money spent on consultant hours (the directive's "cost").
    ExternalCost,
}

impl Objective {
    /// All objectives.
    pub const ALL: [Objective; 5] = [
        Objective::Makespan,
        Objective::WeightedTardiness,
        Objective::WeightedCompletion,
        Objective::LostValue,
        Objective::ExternalCost,
    ];

    /// The snake_case name used in JSON, Python and the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Objective::Makespan => "makespan",
            Objective::WeightedTardiness => "weighted_tardiness",
            Objective::WeightedCompletion => "weighted_completion",
            Objective::LostValue => "lost_value",
            Objective::ExternalCost => "external_cost",
        }
    }

    /// Parses a snake_case name; the error lists the valid ones.
    ///
    /// ```
    /// use leverans::Objective;
    /// assert_eq!(Objective::parse("makespan"), Ok(Objective::Makespan));
    /// assert!(Objective::parse("speed").unwrap_err().contains("weighted_tardiness"));
    /// ```
    pub fn parse(s: &str) -> Result<Objective, String> {
        Objective::ALL
            .into_iter()
            .find(|o| o.as_str() == s)
            .ok_or_else(|| {
                let names: Vec<_> = Objective::ALL.iter().map(|o| o.as_str()).collect();
                format!("unknown objective `{s}`; valid: {}", names.join(", "))
            })
    }

    /// The value of this objective for a schedule.
    pub fn evaluate(self, p: &Problem, s: &Schedule) -> f64 {
        let delivered = || p.jobs.iter().zip(&s.jobs).filter(|(_, jt)| jt.selected);
        match self {
            Objective::Makespan => {
                delivered().map(|(_, jt)| jt.go_live + 1).max().unwrap_or(0) as f64
            }
            Objective::WeightedTardiness => delivered()
                .map(|(job, jt)| match job.due {
                    Some(d) if jt.go_live > d => job.weight * (jt.go_live - d) as f64,
                    _ => 0.0,
                })
                .sum(),
            Objective::WeightedCompletion => delivered()
                .map(|(job, jt)| job.weight * (jt.go_live + 1) as f64)
                .sum(),
            Objective::LostValue => p
                .jobs
                .iter()
                .zip(&s.jobs)
                .map(|(job, jt)| job.value * (1.0 - if jt.selected { jt.scope } else { 0.0 }))
                .sum(),
            Objective::ExternalCost => s
                .external
                .iter()
                .map(|&(r, _, h)| h * p.external[r].as_ref().map_or(0.0, |e| e.cost_per_hour))
                .sum(),
        }
    }
}

impl fmt::Display for Objective {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// How several objectives combine.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Goal {
    /// Optimise the first, hold its value, then the next, and so on.
    Lexicographic(Vec<Objective>),
    /// Optimise one weighted sum.
    WeightedSum(Vec<(Objective, f64)>),
}

impl Goal {
    /// A goal of one objective.
    pub fn single(o: Objective) -> Goal {
        Goal::Lexicographic(vec![o])
    }

    /// The default for portfolios: priority-weighted lateness, then weighted completion time.
    pub fn portfolio_default() -> Goal {
        Goal::Lexicographic(vec![
            Objective::WeightedTardiness,
            Objective::WeightedCompletion,
        ])
    }

    /// The directive's order for portfolios with decisions to make: result (value delivered),
    /// then time (priority-weighted lateness), then cost (consultant spend), then weighted
    /// completion to pull everything as early as the rest allows.
    pub fn result_time_cost() -> Goal {
        Goal::Lexicographic(vec![
            Objective::LostValue,
            Objective::WeightedTardiness,
            Objective::ExternalCost,
            Objective::WeightedCompletion,
        ])
    }

    /// The default goal for a portfolio: [`Goal::result_time_cost`] when it has decisions to
    /// make (optional orders, reducible scope, consultants), else
    /// [`Goal::portfolio_default`].
    pub fn for_portfolio(p: &crate::Portfolio) -> Goal {
        let decisions = p.orders.iter().any(|o| o.optional || o.min_scope.is_some())
            || p.teams.iter().any(|t| t.external.is_some());
        if decisions {
            Goal::result_time_cost()
        } else {
            Goal::portfolio_default()
        }
    }

    /// The levels solved in turn: each a list of (objective, weight).
    pub fn levels(&self) -> Vec<Vec<(Objective, f64)>> {
        match self {
            Goal::Lexicographic(v) => v.iter().map(|&o| vec![(o, 1.0)]).collect(),
            Goal::WeightedSum(v) => vec![v.clone()],
        }
    }

    /// True when makespan comes first: then no plan longer than a known one is of interest,
    /// and the horizon can be cut to it.
    pub fn makespan_first(&self) -> bool {
        matches!(
            self.levels().first().map(|l| l.as_slice()),
            Some([(Objective::Makespan, _)])
        )
    }
}

/// Value of one level (a weighted sum of objectives) for a schedule.
pub fn level_value(level: &[(Objective, f64)], p: &Problem, s: &Schedule) -> f64 {
    level.iter().map(|&(o, w)| w * o.evaluate(p, s)).sum()
}

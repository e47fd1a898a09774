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
}

impl Objective {
    /// All objectives.
    pub const ALL: [Objective; 3] = [
        Objective::Makespan,
        Objective::WeightedTardiness,
        Objective::WeightedCompletion,
    ];

    /// The snake_case name used in JSON, Python and the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Objective::Makespan => "makespan",
            Objective::WeightedTardiness => "weighted_tardiness",
            Objective::WeightedCompletion => "weighted_completion",
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
        match self {
            Objective::Makespan => s.jobs.iter().map(|j| j.go_live + 1).max().unwrap_or(0) as f64,
            Objective::WeightedTardiness => p
                .jobs
                .iter()
                .zip(&s.jobs)
                .map(|(job, jt)| match job.due {
                    Some(d) if jt.go_live > d => job.weight * (jt.go_live - d) as f64,
                    _ => 0.0,
                })
                .sum(),
            Objective::WeightedCompletion => p
                .jobs
                .iter()
                .zip(&s.jobs)
                .map(|(job, jt)| job.weight * (jt.go_live + 1) as f64)
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

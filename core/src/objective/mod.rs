//! What a plan is optimised for.

mod bound;
mod capacity_floor;

use crate::problem::{Job, Problem};
use crate::schedule::{JobTimes, Schedule};
pub(crate) use bound::level_lower_bound;
use serde::{Deserialize, Serialize};
use std::fmt;

/// One measure of a plan, to be minimised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Objective {
    /// Periods until the last go-live (the RCPSP makespan when there are no go-live rules).
    Makespan,
    /// Sum over orders of weight × periods of go-live after the due period (their lateness,
    /// never negative; the scheduling literature calls this weighted tardiness, and
    /// `weighted_tardiness` is still read as this objective).
    #[serde(alias = "weighted_tardiness")]
    WeightedLateness,
    /// Sum over orders of weight × (go-live period + 1): deliver the heavy orders early.
    WeightedCompletion,
    /// Value not delivered: the value of stopped orders plus the unused share of reduced ones
    /// (the directive's "result"; minimising it maximises the value delivered).
    LostValue,
    /// Money spent on consultant hours (the directive's "cost"; `external_cost`, its name
    /// before, is still read as this objective).
    #[serde(alias = "external_cost")]
    ConsultantCost,
    /// Periods each delivered order is open, from its first to its last period of work,
    /// summed: less means teams finish what they start instead of trickling work over months.
    WorkInProgress,
    /// Against a baseline plan (`SolveOptions::baseline`): periods each order goes live after
    /// its baseline go-live, and for an order the baseline delivers and this plan stops, the
    /// periods from its baseline go-live to the end of the horizon. Earlier is free. A re-plan
    /// that adds it to its first level keeps the dates it promised unless moving them gains
    /// more than they cost.
    BaselineDelay,
    /// Against a baseline plan: orders whose promise changes, each counted once: it goes
    /// live later than in the baseline, the baseline delivers it and this plan stops it, or
    /// the baseline stops it and this plan delivers it. A re-plan adds it to its first level
    /// with `SolveOptions::change_weight`, so a small gain does not move many orders a little.
    BaselineChanges,
}

impl Objective {
    /// All objectives.
    pub const ALL: [Objective; 8] = [
        Objective::Makespan,
        Objective::WeightedLateness,
        Objective::WeightedCompletion,
        Objective::LostValue,
        Objective::ConsultantCost,
        Objective::WorkInProgress,
        Objective::BaselineDelay,
        Objective::BaselineChanges,
    ];

    /// The snake_case name used in JSON, Python and the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Objective::Makespan => "makespan",
            Objective::WeightedLateness => "weighted_lateness",
            Objective::WeightedCompletion => "weighted_completion",
            Objective::LostValue => "lost_value",
            Objective::ConsultantCost => "consultant_cost",
            Objective::WorkInProgress => "work_in_progress",
            Objective::BaselineDelay => "baseline_delay",
            Objective::BaselineChanges => "baseline_changes",
        }
    }

    /// Earlier names still read, with what they name now.
    pub const FORMER_NAMES: [(&'static str, Objective); 2] = [
        ("weighted_tardiness", Objective::WeightedLateness),
        ("external_cost", Objective::ConsultantCost),
    ];

    /// Parses a snake_case name (or a [former name](Objective::FORMER_NAMES)); the error
    /// lists the valid ones.
    ///
    /// ```
    /// use leverans::Objective;
    /// assert_eq!(Objective::parse("makespan"), Ok(Objective::Makespan));
    /// assert_eq!(Objective::parse("weighted_tardiness"), Ok(Objective::WeightedLateness));
    /// assert!(Objective::parse("speed").unwrap_err().contains("weighted_lateness"));
    /// ```
    pub fn parse(s: &str) -> Result<Objective, String> {
        Objective::ALL
            .into_iter()
            .find(|o| o.as_str() == s)
            .or_else(|| {
                Objective::FORMER_NAMES
                    .into_iter()
                    .find(|(name, _)| *name == s)
                    .map(|(_, o)| o)
            })
            .ok_or_else(|| {
                let names: Vec<_> = Objective::ALL.iter().map(|o| o.as_str()).collect();
                format!("unknown objective `{s}`; valid: {}", names.join(", "))
            })
    }

    /// The value of this objective for a schedule.
    pub fn evaluate(self, p: &Problem, s: &Schedule) -> f64 {
        match self {
            Objective::Makespan => p
                .jobs
                .iter()
                .zip(&s.jobs)
                .filter(|(_, jt)| jt.selected)
                .map(|(_, jt)| jt.go_live + 1)
                .max()
                .unwrap_or(0) as f64,
            Objective::ConsultantCost => s
                .external
                .iter()
                .map(|&(r, _, h)| h * p.external[r].as_ref().map_or(0.0, |e| e.cost_per_hour))
                .sum(),
            _ => p
                .jobs
                .iter()
                .zip(&s.jobs)
                .map(|(job, jt)| self.of_order(p, job, jt))
                .sum(),
        }
    }

    /// What the order `job` with times `jt` (delivered or stopped) adds to this objective, for
    /// the objectives that are sums over orders; 0 for makespan and consultant spend, which
    /// are not. [`Objective::evaluate`] sums it over the orders, and the bound without a
    /// solver takes it at each order's earliest times.
    pub(crate) fn of_order(self, p: &Problem, job: &Job, jt: &JobTimes) -> f64 {
        match self {
            Objective::Makespan | Objective::ConsultantCost => 0.0,
            Objective::LostValue => job.value * (1.0 - if jt.selected { jt.scope } else { 0.0 }),
            Objective::BaselineDelay => job.baseline.map_or(0.0, |b| {
                let late = if jt.selected {
                    jt.go_live.saturating_sub(b)
                } else {
                    p.periods.saturating_sub(b)
                };
                late as f64
            }),
            Objective::BaselineChanges => f64::from(match (job.baseline, job.baseline_stopped) {
                (Some(b), _) => !jt.selected || jt.go_live > b,
                (None, true) => jt.selected,
                (None, false) => false,
            }),
            // The rest count delivered orders only.
            _ if !jt.selected => 0.0,
            Objective::WeightedLateness => match job.due {
                Some(d) if jt.go_live > d => job.weight * (jt.go_live - d) as f64,
                _ => 0.0,
            },
            Objective::WeightedCompletion => job.weight * (jt.go_live + 1) as f64,
            Objective::WorkInProgress => (jt.finish + 1).saturating_sub(jt.start) as f64,
        }
    }
}

impl fmt::Display for Goal {
    /// The command line's notation ([`Goal::parse`]); `auto` for [`Goal::Auto`].
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if *self == Goal::Auto {
            return f.write_str("auto");
        }
        let levels: Vec<String> = self.levels().iter().map(|l| level_name(l)).collect();
        f.write_str(&levels.join(","))
    }
}

/// One level in the command line's notation: `lost_value+2*weighted_lateness`.
pub fn level_name(level: &[(Objective, f64)]) -> String {
    spell_level(level, "*", "+")
}

/// A level's objectives, each with its weight before `times` where it is not 1, joined by
/// `plus`.
pub(crate) fn spell_level(level: &[(Objective, f64)], times: &str, plus: &str) -> String {
    level
        .iter()
        .map(|(o, w)| {
            if *w == 1.0 {
                o.to_string()
            } else {
                format!("{w}{times}{o}")
            }
        })
        .collect::<Vec<_>>()
        .join(plus)
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
    /// The portfolio's default goal, decided by [`Goal::for_portfolio`] when the solve starts:
    /// the same for the command line, Rust and Python.
    Auto,
    /// Optimise the first, hold its value, then the next, and so on.
    Lexicographic(Vec<Objective>),
    /// Optimise one weighted sum.
    WeightedSum(Vec<(Objective, f64)>),
    /// Lexicographic over weighted sums: optimise the first level's sum, hold it, then the
    /// next level's, and so on.
    Levels(Vec<Vec<(Objective, f64)>>),
}

impl Goal {
    /// A goal of one objective.
    pub fn single(o: Objective) -> Goal {
        Goal::Lexicographic(vec![o])
    }

    /// The default for portfolios without decisions: priority-weighted lateness, then
    /// weighted completion time together with work in progress (every order live as early as
    /// the lateness allows, and no order open longer than needed).
    pub fn portfolio_default() -> Goal {
        Goal::Levels(vec![
            vec![(Objective::WeightedLateness, 1.0)],
            vec![
                (Objective::WeightedCompletion, 1.0),
                (Objective::WorkInProgress, 1.0),
            ],
        ])
    }

    /// The default for portfolios with decisions: what a steering group means by the
    /// directive's "result, then time, then cost". Result and time are weighed together in
    /// the first level, value delivered against priority-weighted lateness: a period of
    /// lateness of an order costs its weight, and an order's default value is 100 × its weight,
    /// so stopping a medium order (value 200) is worth it only if that saves more than 200
    /// weighted periods of lateness elsewhere, and a low optional extra (value 100) never
    /// outranks 13 weeks of delay on a critical order (weight 8). Then cost (consultant
    /// spend), then weighted completion with work in progress, as in
    /// [`Goal::portfolio_default`].
    ///
    /// [`Goal::result_time_cost`] keeps the strict order (any value first, whatever the
    /// lateness it causes) for those who want it.
    pub fn steering() -> Goal {
        Goal::Levels(vec![
            vec![
                (Objective::LostValue, 1.0),
                (Objective::WeightedLateness, 1.0),
            ],
            vec![(Objective::ConsultantCost, 1.0)],
            vec![
                (Objective::WeightedCompletion, 1.0),
                (Objective::WorkInProgress, 1.0),
            ],
        ])
    }

    /// The directive's order for portfolios with decisions to make: result (value delivered),
    /// then time (priority-weighted lateness), then cost (consultant spend), then weighted
    /// completion to pull everything as early as the rest allows.
    pub fn result_time_cost() -> Goal {
        Goal::Lexicographic(vec![
            Objective::LostValue,
            Objective::WeightedLateness,
            Objective::ConsultantCost,
            Objective::WeightedCompletion,
        ])
    }

    /// The default goal for a portfolio, the one [`Goal::Auto`] stands for:
    /// - [`Goal::steering`] when it has decisions to make (optional orders, reducible scope,
    ///   consultants);
    /// - the makespan for a scheduling instance (a unit calendar, fixed-duration orders only,
    ///   no dates, weights, priorities or values: a PSPLIB file);
    /// - else [`Goal::portfolio_default`].
    ///
    /// ```
    /// use leverans::{Calendar, Goal, Objective, Order, Portfolio, Team};
    /// let mut p = Portfolio::new(Calendar::units(10));
    /// p.add_team(Team::new("R1", 4.0));
    /// p.add_order(Order::fixed("j2", 3, [("R1", 2.0)]));
    /// assert_eq!(Goal::for_portfolio(&p), Goal::single(Objective::Makespan));
    /// p.orders[0].optional = true;
    /// assert_eq!(Goal::for_portfolio(&p), Goal::steering());
    /// ```
    pub fn for_portfolio(p: &crate::Portfolio) -> Goal {
        let decisions = p.orders.iter().any(|o| o.optional || o.min_scope.is_some())
            || p.teams.iter().any(|t| t.consultants.is_some());
        let scheduling_instance = p.calendar.period == crate::PeriodKind::Unit
            && !p.orders.is_empty()
            && p.orders.iter().all(|o| {
                !o.is_effort_driven()
                    && o.due.is_none()
                    && o.deadline.is_none()
                    && o.weight.is_none()
                    && o.value.is_none()
                    && o.priority == crate::Priority::default()
            });
        if decisions {
            Goal::steering()
        } else if scheduling_instance {
            Goal::single(Objective::Makespan)
        } else {
            Goal::portfolio_default()
        }
    }

    /// This goal with [`Goal::Auto`] replaced by the portfolio's default.
    pub fn resolve(&self, p: &crate::Portfolio) -> Goal {
        match self {
            Goal::Auto => Goal::for_portfolio(p),
            g => g.clone(),
        }
    }

    /// The levels solved in turn: each a list of (objective, weight). [`Goal::Auto`] has
    /// none until it is resolved for a portfolio ([`Goal::resolve`]).
    pub fn levels(&self) -> Vec<Vec<(Objective, f64)>> {
        match self {
            Goal::Auto => Vec::new(),
            Goal::Lexicographic(v) => v.iter().map(|&o| vec![(o, 1.0)]).collect(),
            Goal::WeightedSum(v) => vec![v.clone()],
            Goal::Levels(v) => v.clone(),
        }
    }

    /// The goal in the command line's notation: levels separated by `,`, the objectives of
    /// a level by `+`, a weight before `*` (`lost_value+weighted_lateness,consultant_cost`).
    ///
    /// ```
    /// use leverans::Goal;
    /// let g = Goal::parse("lost_value+2*weighted_lateness,consultant_cost").unwrap();
    /// assert_eq!(g.to_string(), "lost_value+2*weighted_lateness,consultant_cost");
    /// assert_eq!(Goal::parse("auto").unwrap(), Goal::Auto);
    /// assert!(Goal::parse("speed").unwrap_err().contains("valid"));
    /// ```
    pub fn parse(s: &str) -> Result<Goal, String> {
        if s.trim() == "auto" {
            return Ok(Goal::Auto);
        }
        let mut levels = Vec::new();
        for level in s.split(',') {
            let mut parts = Vec::new();
            for term in level.split('+') {
                let term = term.trim();
                let (w, name) = match term.split_once('*') {
                    Some((w, name)) => {
                        let w: f64 = w.trim().parse().map_err(|_| {
                            format!("`{term}`: the weight before `*` must be a number")
                        })?;
                        if !(w.is_finite() && w >= 0.0) {
                            return Err(format!("`{term}`: the weight must be finite, 0 or more"));
                        }
                        (w, name.trim())
                    }
                    None => (1.0, term),
                };
                parts.push((Objective::parse(name)?, w));
            }
            levels.push(parts);
        }
        let simple = levels.iter().all(|l| l.len() == 1 && l[0].1 == 1.0);
        Ok(if simple {
            Goal::Lexicographic(levels.into_iter().map(|l| l[0].0).collect())
        } else {
            Goal::Levels(levels)
        })
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

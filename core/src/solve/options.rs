//! Options of a solve, with their defaults, units and trade-offs.

use crate::objective::Goal;
use serde::{Deserialize, Serialize};

/// How to solve.
///
/// ```
/// use leverans::{Goal, Objective, SolveOptions};
/// let opts = SolveOptions::default()
///     .with_goal(Goal::single(Objective::Makespan))
///     .with_time_limit(5.0);
/// assert_eq!(opts.time_limit, Some(5.0));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SolveOptions {
    /// What to optimise. Default [`Goal::Auto`]: the portfolio's own default
    /// ([`Goal::for_portfolio`]), the same from the command line, Rust and Python.
    pub goal: Goal,
    /// Wall-clock limit in seconds for the whole solve, all levels together (each level gets
    /// half of the time left, the last level all of it). Default 60 s;
    /// `None` for no limit (only sensible for small portfolios).
    pub time_limit: Option<f64>,
    /// Relative gap at which a level counts as solved. Default 0: "optimal" means proven.
    /// A larger gap ends sooner with a plan that is at most that share worse than the bound.
    pub gap: f64,
    /// Threads for HiGHS, for the heuristic's local search and for the makespan bounds'
    /// search (two strategies race). Default 1, which keeps runs reproducible; HiGHS's own
    /// MIP parallelism is small, so run scenarios side by side instead. The heuristic's plan
    /// does not depend on the threads for a given number of runs, but the default number of
    /// runs grows with them; with two threads, which of the racing searches settles a makespan
    /// first may vary from run to run. The search that minimises weighted lateness of
    /// fixed-pace portfolios (`docs/cost_search.md`) ends by the clock unless it proves its
    /// plan optimal, so its plans may differ from run to run at any number of threads; its
    /// further threads search neighbourhoods of the same plan.
    pub threads: u32,
    /// Seed for HiGHS and the heuristic's random priority lists. Default 0. Same input, seed
    /// and threads give the same plan when every level is solved to the end.
    pub seed: u64,
    /// Hand the heuristic's plan to HiGHS as a starting point for the first level. Default
    /// false (see `docs/formulation.md` for the measurement); later levels always start from
    /// the previous level's plan.
    pub warm_start: bool,
    /// Randomised priority lists tried by the heuristic on top of its fixed rules. Default 64.
    pub heuristic_samples: usize,
    /// Most runs of the schedule-generation scheme in the heuristic's search (its unit of
    /// work; see [`crate::heuristic::SearchEffort`]). Default `None`: sized to the portfolio, the
    /// time limit and the threads: from 3 % of the limit on a problem the MIP can solve to
    /// 60 % on one too large for it, on this project's machine kind
    /// ([`crate::heuristic::SearchEffort::default_evaluations`]). More finds better plans at a linear
    /// cost in time; the plan is reproducible when this limit, not `heuristic_time`, ends the
    /// search. `Some(0)` turns the heuristic off (the MIP then starts from nothing).
    #[serde(default)]
    pub heuristic_evaluations: Option<usize>,
    /// Wall-clock cap on the heuristic in seconds. Default `None`: half again the time its
    /// runs should take ([`crate::heuristic::SearchEffort::share_of_limit`] of `time_limit`; 30 s
    /// without a limit), at most 80 % of the limit, at least a tenth of it up to 2 s. The MIP
    /// gets the rest of the time.
    #[serde(default)]
    pub heuristic_time: Option<f64>,
    /// Print HiGHS's log to standard output. Default false.
    pub verbose: bool,
    /// How the model is written (for experiments; the defaults are the measured best).
    #[serde(default)]
    pub formulation: crate::formulation::FormulationOptions,
    /// A plan being re-planned (the plan before a re-prioritisation): each period an order
    /// goes live after its go-live in this plan costs `move_weight` on the goal's first level
    /// (objective `baseline_delay`), so the re-plan keeps the dates already promised unless
    /// moving them gains more. Earlier is free. Orders are matched by id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline: Option<Box<crate::plan::Plan>>,
    /// Weight of a period of delay against the baseline, in the units of the first level
    /// (priority-weighted periods of lateness, or value); default 1: an order moves later
    /// only when that gains more than one weighted period elsewhere. 0 ignores the baseline.
    #[serde(default = "default_move_weight")]
    pub move_weight: f64,
    /// Weight of each order whose promise a re-plan changes (it goes live later than in the
    /// baseline, or is stopped or delivered the other way; objective `baseline_changes`), in
    /// the units of the first level; default 1. 0 counts only the periods of delay.
    #[serde(default = "default_move_weight")]
    pub change_weight: f64,
    /// Stops the solve when cancelled (from another thread); the best plan so far is kept.
    #[serde(skip)]
    pub cancel: Option<super::CancelToken>,
    /// Where the solve reports what it is doing (phase, level, best value and bound so far),
    /// for a progress line read from another thread ([`super::ProgressHandle::snapshot`]).
    #[serde(skip)]
    pub progress: Option<super::ProgressHandle>,
}

fn default_move_weight() -> f64 {
    1.0
}

impl Default for SolveOptions {
    fn default() -> Self {
        SolveOptions {
            goal: Goal::Auto,
            time_limit: Some(60.0),
            gap: 0.0,
            threads: 1,
            seed: 0,
            warm_start: false,
            heuristic_samples: 64,
            heuristic_evaluations: None,
            heuristic_time: None,
            verbose: false,
            formulation: Default::default(),
            baseline: None,
            move_weight: default_move_weight(),
            change_weight: default_move_weight(),
            cancel: None,
            progress: None,
        }
    }
}

impl SolveOptions {
    /// Re-plans against `baseline` (see [`SolveOptions::baseline`]).
    pub fn with_baseline(mut self, baseline: crate::plan::Plan) -> Self {
        self.baseline = Some(Box::new(baseline));
        self
    }

    /// Sets the goal.
    pub fn with_goal(mut self, goal: Goal) -> Self {
        self.goal = goal;
        self
    }

    /// Sets the time limit in seconds.
    pub fn with_time_limit(mut self, seconds: f64) -> Self {
        self.time_limit = Some(seconds);
        self
    }

    /// Sets the relative gap.
    pub fn with_gap(mut self, gap: f64) -> Self {
        self.gap = gap;
        self
    }

    /// Sets the seed.
    pub fn with_seed(mut self, seed: u64) -> Self {
        self.seed = seed;
        self
    }

    /// Sets the number of threads (HiGHS, the heuristic, the makespan bounds' search).
    pub fn with_threads(mut self, threads: u32) -> Self {
        self.threads = threads;
        self
    }

    /// The heuristic's budget for problem `p` and the goal's `levels`, defaults resolved.
    ///
    /// ```
    /// use leverans::{Calendar, Order, Portfolio, SolveOptions, Team};
    /// let mut p = Portfolio::new(Calendar::units(20));
    /// p.add_team(Team::new("dev", 2.0));
    /// p.add_order(Order::fixed("a", 2, [("dev", 1.0)]));
    /// let problem = leverans::validate(&p).unwrap();
    /// let levels = leverans::Goal::single(leverans::Objective::Makespan).levels();
    /// let b = SolveOptions::default().with_time_limit(1.0).heuristic_budget(&problem, &levels);
    /// assert_eq!(b.evaluations, 100_000);
    /// assert_eq!(b.seconds, Some(0.1));
    /// ```
    pub fn heuristic_budget(
        &self,
        p: &crate::problem::Problem,
        levels: &[Vec<(crate::Objective, f64)>],
    ) -> crate::heuristic::SearchEffort {
        crate::heuristic::SearchEffort {
            samples: self.heuristic_samples,
            evaluations: self.heuristic_evaluations.unwrap_or_else(|| {
                crate::heuristic::SearchEffort::default_evaluations(
                    p,
                    levels,
                    self.time_limit,
                    self.threads as usize,
                )
            }),
            seconds: Some(self.heuristic_time.unwrap_or_else(|| {
                // A safety net half again as long as the runs should take (at least a tenth of
                // the limit, up to 2 s, as for small problems), and never more than the cap.
                let share = crate::heuristic::SearchEffort::share_of_limit(p, levels);
                let t = self.time_limit.unwrap_or(30.0);
                let cap = crate::heuristic::SearchEffort::cap_of_limit(share, p.jobs.len(), t);
                (0.1 * t).min(2.0).max((1.5 * share * t).min(cap * t))
            })),
            seed: self.seed,
            threads: self.threads as usize,
        }
    }

    /// Most threads accepted: far beyond any machine this runs on, and a typo (`1000`) is an
    /// error instead of minutes of thread start-up.
    pub const MAX_THREADS: u32 = 256;

    /// Checks every option; the error ([`crate::Error::InvalidOptions`]) names the option, the
    /// value and what is allowed.
    ///
    /// ```
    /// use leverans::{Error, SolveOptions};
    /// let bad = SolveOptions { gap: 2.0, ..SolveOptions::default() };
    /// match bad.check() {
    ///     Err(Error::InvalidOptions { option, .. }) => assert_eq!(option, "gap"),
    ///     other => panic!("{other:?}"),
    /// }
    /// assert!(SolveOptions::default().check().is_ok());
    /// ```
    pub fn check(&self) -> Result<(), crate::Error> {
        let bad = |option: &str, value: String, message: &str| {
            Err(crate::Error::InvalidOptions {
                option: option.into(),
                value,
                message: message.into(),
            })
        };
        if let Some(t) = self.time_limit {
            if !(t.is_finite() && t > 0.0) {
                return bad(
                    "time_limit",
                    t.to_string(),
                    "a number of seconds above 0 (or none for no limit)",
                );
            }
        }
        if !(self.move_weight.is_finite() && self.move_weight >= 0.0) {
            return bad(
                "move_weight",
                self.move_weight.to_string(),
                "a weight of 0 or more per period of delay against the baseline",
            );
        }
        if !(self.change_weight.is_finite() && self.change_weight >= 0.0) {
            return bad(
                "change_weight",
                self.change_weight.to_string(),
                "a weight of 0 or more per order whose baseline promise changes",
            );
        }
        if !(self.gap.is_finite() && (0.0..=1.0).contains(&self.gap)) {
            return bad(
                "gap",
                self.gap.to_string(),
                "a share from 0 (prove optimality) to 1, such as 0.01 for 1 %",
            );
        }
        if let Some(t) = self.heuristic_time {
            if !(t.is_finite() && t >= 0.0) {
                return bad(
                    "heuristic_time",
                    t.to_string(),
                    "a number of seconds, 0 or more",
                );
            }
        }
        if self.threads == 0 || self.threads > Self::MAX_THREADS {
            return bad(
                "threads",
                self.threads.to_string(),
                &format!("a whole number from 1 to {}", Self::MAX_THREADS),
            );
        }
        let levels = self.goal.levels();
        if self.goal != Goal::Auto && levels.is_empty() || levels.iter().any(|l| l.is_empty()) {
            return bad(
                "goal",
                self.goal.to_string(),
                "at least one objective in every level",
            );
        }
        if let Some((o, w)) = levels
            .iter()
            .flatten()
            .find(|(_, w)| !(w.is_finite() && *w >= 0.0))
        {
            return bad(
                "goal",
                format!("{w}*{o}"),
                "objective weights must be finite, 0 or more",
            );
        }
        Ok(())
    }
}

//! One MIP solve of one level on HiGHS, with the statuses good_lp would lose.
//!
//! good_lp builds the model; we take the `highs::Model` out of it
//! (`HighsProblem::try_into_inner`) to set options ourselves and to read the full model
//! status, the dual bound and the incumbent after a time limit. Each solve runs on its own OS
//! thread (HiGHS ties its thread pool to the thread that first solves), owned rather than
//! scoped, so that the caller can leave a solve that overruns its limit
//! ([`super::watchdog`]).

use crate::formulation::Formulation;
use crate::objective::Objective;
use crate::problem::{Problem, Windows};
use crate::schedule::Schedule;
use highs::HighsModelStatus;

/// Settings of one MIP run.
#[derive(Debug, Clone)]
pub(crate) struct MipSettings {
    pub time_limit: Option<f64>,
    /// When the caller needs the run back, whatever its own limit (the level's or the
    /// search's deadline, which its steps keep): HiGHS gets no time past it, and the
    /// watchdog leaves the run [`super::watchdog::GRACE`] after it. `None`: the run's own
    /// `time_limit`, counted from HiGHS's start, is the deadline.
    pub deadline: Option<std::time::Instant>,
    pub gap: f64,
    pub threads: u32,
    pub seed: u64,
    pub verbose: bool,
    pub formulation: crate::formulation::FormulationOptions,
    pub cancel: Option<super::CancelToken>,
    pub progress: Option<super::ProgressHandle>,
    /// Solve the LP relaxation only, for the level's bound: the run then returns no plan, and
    /// a bound only when the LP is solved to optimality (`decision_search` uses it where the
    /// whole MIP would not get through its root in the time it has).
    pub relaxation: bool,
}

impl MipSettings {
    /// The settings `options` give, with `time_limit` (seconds; `None` for none) in place of
    /// its own: each run gets its share of what is left.
    pub(crate) fn from_options(options: &super::SolveOptions, time_limit: Option<f64>) -> Self {
        MipSettings {
            time_limit,
            deadline: time_limit.map(|t| {
                std::time::Instant::now() + std::time::Duration::from_secs_f64(t.max(0.0))
            }),
            gap: options.gap,
            threads: options.threads,
            seed: options.seed,
            verbose: options.verbose,
            formulation: options.formulation,
            cancel: options.cancel.clone(),
            progress: options.progress.clone(),
            relaxation: false,
        }
    }

    /// Whether the user's cancel has been given.
    pub(crate) fn cancelled(&self) -> bool {
        self.cancel.as_ref().is_some_and(|c| c.is_cancelled())
    }
}

/// How a MIP run ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum MipEnd {
    Optimal,
    Limit,
    Infeasible,
}

/// The result of a MIP run.
#[derive(Debug, Clone)]
pub(crate) struct MipRun {
    pub end: MipEnd,
    pub bound: Option<f64>,
    pub schedule: Option<Schedule>,
    /// What the relaxation's optimum leaves open (RENS), from a run of the relaxation only.
    pub relaxed: Option<crate::formulation::Relaxed>,
}

/// Minimises `level` subject to every rule and to `holds` (earlier levels kept at their
/// values), from an optional starting schedule.
///
/// The run goes on an owned thread watched by [`super::watchdog`]: it returns at most
/// [`super::watchdog::GRACE`] after its deadline (or after a cancel), with the best plan and
/// bound HiGHS had reported by then (the start where it had reported none), even where HiGHS
/// itself does not stop.
pub(crate) fn run(
    problem: &Problem,
    windows: &Windows,
    level: &[(Objective, f64)],
    holds: &[(Vec<(Objective, f64)>, f64)],
    start: Option<&Schedule>,
    settings: &MipSettings,
) -> Result<MipRun, String> {
    use super::watchdog::{wait, Waited, Watch};
    use std::sync::Arc;
    let watch = Arc::new(Watch::default());
    let (tx, rx) = std::sync::mpsc::channel();
    let owned = (
        problem.clone(),
        windows.clone(),
        level.to_vec(),
        holds.to_vec(),
        start.cloned(),
        settings.clone(),
        Arc::clone(&watch),
    );
    // Counted until the thread ends, so that a program can wait for a left run before it exits.
    super::watchdog::spawn_counted("leverans-mip", move || {
        let (problem, windows, level, holds, start, settings, watch) = owned;
        let run = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            run_here(
                &problem,
                &windows,
                &level,
                &holds,
                start.as_ref(),
                &settings,
                &watch,
            )
        }));
        // The caller may have left: nobody then receives the result.
        let _ = tx.send(run.unwrap_or_else(|_| Err("the MIP solve panicked".to_string())));
    })
    .map_err(|e| format!("no thread for the MIP solve: {e}"))?;
    let limit = super::watchdog::Limit {
        seconds: settings.time_limit,
        deadline: settings.deadline,
    };
    match wait(&rx, &watch, limit, settings.cancel.as_ref()) {
        Waited::Returned(run) => run,
        Waited::Panicked => Err("the MIP solve panicked".to_string()),
        Waited::Abandoned(columns, bound) => {
            // The best plan HiGHS reported; else the start it was given, which it keeps as its
            // incumbent and would have returned (it reports a start only once it has checked
            // it, which a run left early may not have reached).
            let schedule = match (columns, watch.layout()) {
                _ if settings.relaxation => None,
                (Some(c), Some(layout)) if c.len() == layout.num_columns() => {
                    Some(layout.read_schedule(problem, &c))
                }
                _ => start.cloned(),
            };
            Ok(MipRun {
                end: MipEnd::Limit,
                // A relaxation left before its optimum bounds nothing.
                bound: bound.filter(|_| !settings.relaxation),
                schedule,
                relaxed: None,
            })
        }
    }
}

fn run_here(
    problem: &Problem,
    windows: &Windows,
    level: &[(Objective, f64)],
    holds: &[(Vec<(Objective, f64)>, f64)],
    start: Option<&Schedule>,
    settings: &MipSettings,
    watch: &std::sync::Arc<super::watchdog::Watch>,
) -> Result<MipRun, String> {
    let mut f = Formulation::new(problem, windows, settings.formulation);
    let objective = f.objective(level);
    // HiGHS sees only the column costs: the expression's constant (periods every plan pays,
    // value no plan can deliver) is added back to the bound it reports.
    let offset = {
        use good_lp::IntoAffineExpression;
        objective.constant()
    };
    for (lvl, value) in holds {
        let e = f.objective(lvl);
        // Values are sums of weights times whole periods; the slack absorbs float noise only.
        f.add_row(e.leq(value + super::hold_slack(*value)));
    }
    if f.has_contradiction() {
        return Ok(MipRun {
            end: MipEnd::Infeasible,
            bound: None,
            schedule: None,
            relaxed: None,
        });
    }
    if f.num_columns() == 0 {
        // Everything is fixed by the windows (in-progress jobs, a single possible plan).
        let schedule = f.layout().read_schedule(problem, &[]);
        return Ok(MipRun {
            end: MipEnd::Optimal,
            bound: None,
            schedule: Some(schedule),
            relaxed: None,
        });
    }
    let start_cols = start.map(|s| f.layout().start_vector(s));
    let (highs_problem, layout) = f.into_highs(objective, Vec::new());
    let mut model = highs_problem
        .try_into_inner()
        .map_err(|e| format!("HiGHS refused the model: {e}"))?;
    model.set_option("output_flag", settings.verbose);
    model.set_option("log_to_console", settings.verbose);
    // HiGHS's limit counts from its start: no further than the caller's deadline.
    let time_limit = match (settings.time_limit, settings.deadline) {
        (Some(t), Some(d)) => Some(
            t.min(
                d.saturating_duration_since(std::time::Instant::now())
                    .as_secs_f64(),
            ),
        ),
        (t, _) => t,
    };
    if let Some(t) = time_limit {
        model.set_option("time_limit", t.max(0.01));
    }
    model.set_option("mip_rel_gap", settings.gap);
    model.set_option("threads", settings.threads as i32);
    model.set_option("random_seed", (settings.seed % i32::MAX as u64) as i32);
    if settings.relaxation {
        model.set_option("solve_relaxation", true);
    }
    if let Some(cols) = &start_cols {
        model
            .try_set_solution(Some(cols), None, None, None)
            .map_err(|e| format!("HiGHS refused the starting plan: {e:?}"))?;
    }
    let control = super::control::Control {
        cancel: settings.cancel.clone(),
        progress: settings.progress.clone(),
        offset,
        watch: Some(std::sync::Arc::clone(watch)),
        // A little slack over HiGHS's own limit, which it keeps where it can.
        deadline: time_limit.map(|t| {
            std::time::Instant::now() + std::time::Duration::from_secs_f64(t.max(0.01) + 0.05)
        }),
    };
    super::control::install(&mut model, &control);
    if watch.is_abandoned() {
        // Left while the model was being built: nobody waits for this run.
        return Err("the MIP run was left before it started".to_string());
    }
    watch.solving(layout);
    let solved = model.try_solve();
    watch.returned();
    let solved = solved.map_err(|e| format!("HiGHS failed: {e:?}"))?;
    let layout = watch.layout().expect("set before the solve");
    let status = solved.status();
    if settings.relaxation {
        // The LP's optimum bounds every plan; an LP stopped early bounds nothing.
        let optimal = status == HighsModelStatus::Optimal;
        let bound = optimal
            .then(|| solved.objective_value() + offset)
            .filter(|b| b.is_finite());
        let relaxed = bound.map(|_| {
            let sol = solved.get_solution();
            layout.relaxed(problem, windows, sol.columns())
        });
        return Ok(MipRun {
            end: MipEnd::Limit,
            bound,
            schedule: None,
            relaxed,
        });
    }
    let bound = solved
        .double_info_value(c"mip_dual_bound")
        .ok()
        .filter(|b| b.is_finite())
        .map(|b| b + offset);
    let has_solution = solved.primal_solution_status() == highs::HighsSolutionStatus::Feasible;
    let end = match status {
        HighsModelStatus::Optimal => MipEnd::Optimal,
        HighsModelStatus::Infeasible => MipEnd::Infeasible,
        HighsModelStatus::ReachedTimeLimit
        | HighsModelStatus::ReachedInterrupt
        | HighsModelStatus::ReachedSolutionLimit
        | HighsModelStatus::ReachedIterationLimit
        | HighsModelStatus::ReachedMemoryLimit
        | HighsModelStatus::ObjectiveBound
        | HighsModelStatus::ObjectiveTarget => MipEnd::Limit,
        other => return Err(format!("HiGHS ended with status {other:?}")),
    };
    let schedule = if has_solution && end != MipEnd::Infeasible {
        let sol = solved.get_solution();
        Some(layout.read_schedule(problem, sol.columns()))
    } else {
        None
    };
    Ok(MipRun {
        end,
        bound: if end == MipEnd::Optimal && bound.is_none() {
            None
        } else {
            bound
        },
        schedule,
        relaxed: None,
    })
}

//! One MIP solve of one level on HiGHS, with the statuses good_lp would lose.
//!
//! good_lp builds the model; we take the `highs::Model` out of it
//! (`HighsProblem::try_into_inner`) to set options ourselves and to read the full model
//! status, the dual bound and the incumbent after a time limit. Each solve runs on its own OS
//! thread: HiGHS ties its thread pool to the thread that first solves.

use crate::formulation::Formulation;
use crate::objective::Objective;
use crate::problem::{Problem, Windows};
use crate::schedule::Schedule;
use highs::HighsModelStatus;

/// Settings of one MIP run.
#[derive(Debug, Clone)]
pub(crate) struct MipSettings {
    pub time_limit: Option<f64>,
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
}

/// Minimises `level` subject to every rule and to `holds` (earlier levels kept at their
/// values), from an optional starting schedule.
pub(crate) fn run(
    problem: &Problem,
    windows: &Windows,
    level: &[(Objective, f64)],
    holds: &[(Vec<(Objective, f64)>, f64)],
    start: Option<&Schedule>,
    settings: &MipSettings,
) -> Result<MipRun, String> {
    std::thread::scope(|scope| {
        scope
            .spawn(|| run_here(problem, windows, level, holds, start, settings))
            .join()
            .unwrap_or_else(|_| Err("the MIP solve panicked".to_string()))
    })
}

fn run_here(
    problem: &Problem,
    windows: &Windows,
    level: &[(Objective, f64)],
    holds: &[(Vec<(Objective, f64)>, f64)],
    start: Option<&Schedule>,
    settings: &MipSettings,
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
        f.add_row(e.leq(value + 1e-6 * value.abs().max(1.0)));
    }
    if f.has_contradiction() {
        return Ok(MipRun {
            end: MipEnd::Infeasible,
            bound: None,
            schedule: None,
        });
    }
    if f.num_columns() == 0 {
        // Everything is fixed by the windows (in-progress jobs, a single possible plan).
        let schedule = f.layout().read_schedule(problem, &[]);
        return Ok(MipRun {
            end: MipEnd::Optimal,
            bound: None,
            schedule: Some(schedule),
        });
    }
    let start_cols = start.map(|s| f.layout().start_vector(s));
    let (highs_problem, layout) = f.into_highs(objective, Vec::new());
    let mut model = highs_problem
        .try_into_inner()
        .map_err(|e| format!("HiGHS refused the model: {e}"))?;
    model.set_option("output_flag", settings.verbose);
    model.set_option("log_to_console", settings.verbose);
    if let Some(t) = settings.time_limit {
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
        // A little slack over HiGHS's own limit, which it keeps where it can.
        deadline: settings.time_limit.map(|t| {
            std::time::Instant::now() + std::time::Duration::from_secs_f64(t.max(0.01) + 0.05)
        }),
    };
    super::control::install(&mut model, &control);
    let solved = model
        .try_solve()
        .map_err(|e| format!("HiGHS failed: {e:?}"))?;
    let status = solved.status();
    if settings.relaxation {
        // The LP's optimum bounds every plan; an LP stopped early bounds nothing.
        let bound = (status == HighsModelStatus::Optimal)
            .then(|| solved.objective_value() + offset)
            .filter(|b| b.is_finite());
        return Ok(MipRun {
            end: MipEnd::Limit,
            bound,
            schedule: None,
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
    })
}

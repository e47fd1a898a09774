//! Solving a small side model (such as a team's deal of its hours) with HiGHS from a known
//! feasible start, within a time limit, on one thread.

use good_lp::solvers::highs::HighsProblem;
use highs::HighsModelStatus;

/// Solves `model` from the starting columns `start` in at most `seconds`, on its own thread
/// (HiGHS keeps its thread count per OS thread), stopping once the best solution is within
/// `abs_gap` of the bound. The best solution found, or `None` when HiGHS found none, refused
/// the model, or failed.
pub(crate) fn solve(
    model: HighsProblem,
    start: &[f64],
    seconds: f64,
    abs_gap: f64,
) -> Option<Vec<f64>> {
    std::thread::scope(|scope| {
        scope
            .spawn(|| solve_here(model, start, seconds, abs_gap))
            .join()
            .ok()
            .flatten()
    })
}

fn solve_here(model: HighsProblem, start: &[f64], seconds: f64, abs_gap: f64) -> Option<Vec<f64>> {
    let mut model = model.try_into_inner().ok()?;
    model.set_option("output_flag", false);
    model.set_option("log_to_console", false);
    model.set_option("time_limit", seconds.max(0.01));
    model.set_option("threads", 1);
    model.set_option("mip_rel_gap", 0.0);
    model.set_option("mip_abs_gap", abs_gap.max(0.0));
    model.try_set_solution(Some(start), None, None, None).ok()?;
    let solved = model.try_solve().ok()?;
    let found = solved.primal_solution_status() == highs::HighsSolutionStatus::Feasible;
    match solved.status() {
        HighsModelStatus::Optimal
        | HighsModelStatus::ReachedTimeLimit
        | HighsModelStatus::ReachedInterrupt
        | HighsModelStatus::ReachedSolutionLimit
        | HighsModelStatus::ReachedIterationLimit
        | HighsModelStatus::ObjectiveBound
        | HighsModelStatus::ObjectiveTarget
            if found =>
        {
            Some(solved.get_solution().columns().to_vec())
        }
        _ => None,
    }
}

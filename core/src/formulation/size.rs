//! How large the model will be, before it is built: the one estimate that the time split
//! (heuristic or MIP), the choice between the whole model and neighbourhood steps, and the
//! guard against models too large to build all read.

use crate::problem::{JobWork, Problem, Windows};

/// Estimated columns of the whole model over `windows`: per job, the step columns of its
/// start, finish and go-live windows (`ls − es`, `lf − ef`, `lg − eg`: a step is a constant
/// outside its window), and for an effort-driven job one hours column per team and period it
/// may run in (`es..=lf`). Jobs left out of the plan count nothing. Decision and budget
/// columns are few beside these and are not counted.
///
/// ```
/// use leverans::formulation::estimated_columns;
/// use leverans::problem::Windows;
/// use leverans::{Calendar, Order, Portfolio, Team};
/// let mut p = Portfolio::new(Calendar::units(20));
/// p.add_team(Team::new("dev", 2.0));
/// p.add_order(Order::fixed("a", 2, [("dev", 1.0)]));
/// let problem = leverans::validate(&p).unwrap();
/// let windows = Windows::compute(&problem, problem.periods).unwrap();
/// // Start, finish and go-live may each fall in 18 or 19 periods of the 20.
/// assert!(estimated_columns(&problem, &windows) >= 3.0 * 18.0);
/// ```
pub fn estimated_columns(p: &Problem, windows: &Windows) -> f64 {
    p.jobs
        .iter()
        .zip(&windows.jobs)
        .filter(|(j, _)| j.excluded.is_none())
        .map(|(j, w)| {
            let steps = (w.ls - w.es) + (w.lf - w.ef) + (w.lg - w.eg);
            let hours = match &j.work {
                JobWork::Effort { loads, .. } => loads.len() * (w.lf + 1 - w.es),
                JobWork::Fixed { .. } => 0,
            };
            (steps + hours) as f64
        })
        .sum()
}

/// [`estimated_columns`] over the windows of the whole calendar. Where no windows exist (the
/// rules contradict each other, which the solve reports on its own), each job counts its
/// periods from release to the calendar's end, once for its steps and once per team.
pub fn estimated_columns_of(p: &Problem) -> f64 {
    match Windows::compute(p, p.periods) {
        Ok(w) => estimated_columns(p, &w),
        Err(_) => p
            .jobs
            .iter()
            .filter(|j| j.excluded.is_none())
            .map(|j| {
                let periods = p.periods.saturating_sub(j.release).max(1);
                let teams = match &j.work {
                    JobWork::Effort { loads, .. } => loads.len(),
                    JobWork::Fixed { .. } => 0,
                };
                (periods * (1 + teams)) as f64
            })
            .sum(),
    }
}

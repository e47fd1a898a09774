//! Lower bounds on the makespan without a solver, and the windows they tighten.
//!
//! The MIP's own bound grows slowly on resource-bound instances, so the solve adds bounds that
//! need no LP (`docs/bounds.md` has the measurements):
//!
//! - the **critical path**: windows from releases and dependencies alone;
//! - the **energy** of each team: all its compulsory hours must fit before the makespan;
//! - **destructive** bounds: "a plan finishing within `T` periods exists" is refuted by
//!   constraint propagation (`propagate`: dependencies, time-tabling on compulsory parts and
//!   energetic reasoning over intervals). Each refuted `T` raises the bound to `T + 1`.
//!
//! - a **search** over start times that learns clauses from its conflicts ([`test_horizon`]) settles
//!   the horizon one period below a known plan: refuted, the plan is optimal; or it finds
//!   starts of a shorter plan.
//!
//! - the same search with the objective as a rule (`minimise_cost`) looks for cheaper plans
//!   than a known one, where each job's cost grows with its start (weighted lateness of
//!   fixed-pace portfolios): it finds them, or proves there are none.
//!
//! Propagation also returns the windows it tightened: every plan within the horizon lies inside
//! them, so the MIP gets fewer columns and a stronger relaxation.
//!
//! Scope: the reasoning covers mandatory fixed-duration orders (the PSPLIB core and fixed-pace
//! portfolios). Effort-driven and optional orders keep the windows of [`Windows::compute`] and
//! add no energy: leaving rules out only weakens a bound, it never makes one wrong.

mod disjunctive;
mod edge_finding;
mod energetic;
mod lcg;
mod minimise;
mod propagate;

pub use lcg::SearchEnd;
pub use minimise::CostSearchEnd;
pub(crate) use minimise::{minimise_cost, Effort};
pub use propagate::Refuted;

use crate::problem::{JobWork, Problem, Windows};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

/// A lower bound on the makespan (periods up to the last go-live, included) and what proves it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MakespanBound {
    /// No plan has a smaller makespan.
    pub value: usize,
    /// What proved it.
    pub proof: BoundProof,
}

/// The reasoning behind a [`MakespanBound`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BoundProof {
    /// Releases, durations and dependencies alone.
    CriticalPath,
    /// The hours one team must work cannot fit in fewer periods.
    Energy,
    /// Propagation refuted every smaller makespan.
    Destructive,
}

/// The best lower bound on the makespan the three arguments give, testing makespans upward
/// from the simple bounds until one is not refuted, `upper` (a known plan's makespan) is
/// reached, or `deadline` passes.
///
/// ```
/// use leverans::bounds::{makespan_lower_bound, BoundProof};
/// use leverans::{Calendar, Order, Portfolio, Team};
/// // Three orders of 2 periods each need the single developer alone: 6 periods of work.
/// let mut p = Portfolio::new(Calendar::units(20));
/// p.add_team(Team::new("dev", 1.0));
/// for id in ["a", "b", "c"] {
///     p.add_order(Order::fixed(id, 2, [("dev", 1.0)]));
/// }
/// let problem = leverans::validate(&p).unwrap();
/// let b = makespan_lower_bound(&problem, 20, None).unwrap();
/// assert_eq!(b.value, 6);
/// assert_eq!(b.proof, BoundProof::Energy);
/// ```
///
/// `Err` when no plan exists at all within the calendar (the refutation says why).
pub fn makespan_lower_bound(
    p: &Problem,
    upper: usize,
    deadline: Option<Instant>,
) -> Result<MakespanBound, Refuted> {
    let windows = Windows::compute(p, p.periods).map_err(|c| Refuted {
        reason: c.reason,
        job: Some(c.job),
    })?;
    let critical = windows
        .jobs
        .iter()
        .zip(&p.jobs)
        .filter(|(_, j)| j.excluded.is_none() && !j.optional)
        .map(|(w, _)| w.eg + 1)
        .max()
        .unwrap_or(0);
    let energy = energy_bound(p);
    let mut best = if energy > critical {
        MakespanBound {
            value: energy,
            proof: BoundProof::Energy,
        }
    } else {
        MakespanBound {
            value: critical,
            proof: BoundProof::CriticalPath,
        }
    };
    // Test "makespan ≤ T" for T = bound, bound + 1, …: each refutation raises the bound.
    while best.value < upper.min(p.periods) {
        if deadline.is_some_and(|d| Instant::now() >= d)
            || propagate::tighten(p, best.value, None).is_ok()
        {
            break;
        }
        best = MakespanBound {
            value: best.value + 1,
            proof: BoundProof::Destructive,
        };
    }
    Ok(best)
}

/// Windows for `horizon` periods tightened by propagation: every plan whose go-lives all fall
/// before `horizon` lies inside them. `Err` when propagation proves no such plan exists.
pub fn tightened_windows(p: &Problem, horizon: usize) -> Result<Windows, Refuted> {
    propagate::tighten(p, horizon, None)
}

/// [`tightened_windows`] with shaving as well: each task's earliest and latest start is tried
/// on its own and dropped when propagation refutes it, until `deadline` passes. Stronger and
/// slower (a propagation per start tried).
pub fn shaved_windows(
    p: &Problem,
    horizon: usize,
    deadline: Option<Instant>,
) -> Result<Windows, Refuted> {
    propagate::tighten(p, horizon, Some(deadline))
}

/// The smallest makespan at which some team's compulsory hours fit in its capacity up to that
/// period (consultant hours included): mandatory fixed-duration orders only.
fn energy_bound(p: &Problem) -> usize {
    let teams = p.capacity.len();
    let mut need = vec![0.0f64; teams];
    for job in p
        .jobs
        .iter()
        .filter(|j| j.excluded.is_none() && !j.optional)
    {
        if let JobWork::Fixed { duration, demand } = &job.work {
            // A fixed order's hours per period scale with the period's working share; the
            // least it can need is its duration at the smallest share of the calendar.
            let least_share = p.share.iter().cloned().fold(f64::INFINITY, f64::min);
            for &(r, h) in demand {
                need[r] += h * *duration as f64 * least_share.max(0.0);
            }
        }
    }
    let mut bound = 0;
    for (r, &n) in need.iter().enumerate() {
        if n <= 1e-9 {
            continue;
        }
        let mut have = 0.0;
        let mut t = 0;
        while t < p.periods && have + 1e-6 < n {
            have += p.max_capacity(r, t);
            t += 1;
        }
        if have + 1e-6 >= n {
            bound = bound.max(t);
        }
    }
    bound
}

/// What [`test_horizon`] found.
#[derive(Debug, Clone)]
pub struct HorizonTest {
    /// Refuted, found or unknown.
    pub end: SearchEnd,
    /// The shaved windows of the horizon, unless it was refuted: every plan within it lies
    /// inside them.
    pub windows: Option<Windows>,
}

/// Settles whether a plan within `horizon` periods exists: propagation, shaving, then a
/// search that learns from its conflicts (`lcg`), all until `deadline`.
///
/// ```
/// use leverans::bounds::{test_horizon, SearchEnd};
/// use leverans::{Calendar, Order, Portfolio, Team};
/// // Two orders that cannot run side by side, 3 periods each: 6 periods, not 5.
/// let mut p = Portfolio::new(Calendar::units(10));
/// p.add_team(Team::new("dev", 2.0));
/// p.add_order(Order::fixed("a", 3, [("dev", 2.0)]));
/// p.add_order(Order::fixed("b", 3, [("dev", 1.5)]));
/// let problem = leverans::validate(&p).unwrap();
/// assert_eq!(test_horizon(&problem, 5, None).end, SearchEnd::Refuted);
/// assert!(matches!(test_horizon(&problem, 6, None).end, SearchEnd::Found(_)));
/// ```
pub fn test_horizon(p: &Problem, horizon: usize, deadline: Option<Instant>) -> HorizonTest {
    test_horizon_near(p, horizon, deadline, None, 1)
}

/// [`test_horizon`], trying each job's start in `near` (indexed by job, a known plan's; jobs
/// past its end have none) first where its window allows: a search for a shorter plan that stays close to that plan. With
/// `threads` ≥ 2, a second search with other branching races it on another thread and the
/// first to settle the question stops the other (so which starts are found may vary from run
/// to run; a refutation is a refutation either way).
pub fn test_horizon_near(
    p: &Problem,
    horizon: usize,
    deadline: Option<Instant>,
    near: Option<&[usize]>,
    threads: usize,
) -> HorizonTest {
    let refuted = HorizonTest {
        end: SearchEnd::Refuted,
        windows: None,
    };
    let Ok((propagator, mut tasks)) = propagate::Propagator::new(p, horizon) else {
        return refuted;
    };
    if propagator.shave(&mut tasks, deadline).is_err() {
        return refuted;
    }
    let Ok(windows) = propagator.windows(&tasks) else {
        return refuted;
    };
    HorizonTest {
        end: race(&propagator, &tasks, deadline, near, threads),
        windows: Some(windows),
    }
}

/// The search with the main strategy, raced by the second strategy on another thread when
/// `threads` ≥ 2.
fn race(
    propagator: &propagate::Propagator<'_>,
    tasks: &[propagate::Task],
    deadline: Option<Instant>,
    near: Option<&[usize]>,
    threads: usize,
) -> SearchEnd {
    let stop = AtomicBool::new(false);
    let run = |strategy| {
        let run = lcg::Run {
            deadline,
            stop: &stop,
            near,
            strategy,
            max_conflicts: None,
        };
        let end = lcg::search(propagator, tasks, &run);
        if end != SearchEnd::Unknown {
            stop.store(true, Ordering::Relaxed);
        }
        end
    };
    if threads < 2 {
        return run(lcg::MAIN);
    }
    std::thread::scope(|scope| {
        let second = scope.spawn(|| run(lcg::SECOND));
        let main = run(lcg::MAIN);
        let second = second.join().unwrap_or(SearchEnd::Unknown);
        debug_assert!(
            !matches!(
                (&main, &second),
                (SearchEnd::Refuted, SearchEnd::Found(_))
                    | (SearchEnd::Found(_), SearchEnd::Refuted)
            ),
            "two searches of one horizon disagree"
        );
        match main {
            SearchEnd::Unknown => second,
            settled => settled,
        }
    })
}

//! A level of a portfolio with decisions (optional orders, scope, consultant hours, budgets):
//! neighbourhood steps from the incumbent beside the relaxation, RENS and the whole model.
//!
//! The whole model gives the level its bound and, given time, its best plans; but on such
//! portfolios HiGHS takes seconds to find its first plan (Tyresö: none in 3 s), and its own
//! RENS, which finds the best ones, runs only after its root's cut rounds (Tyresö: after 27 s
//! on one thread). The steps (`lns`, with the kept orders' selection decided) improve the
//! incumbent from the start. With two threads or more:
//! - one thread runs steps all along;
//! - the others solve the level's LP relaxation (its first bound, 1.4 s on Tyresö; beside the
//!   whole model, where the steps wait for it, cut off at half the level), then RENS
//!   in the neighbourhood the LP's optimum leaves open ([`super::rens`]: Tyresö's 1 257 in 3 s,
//!   1 226 in 10 s), then the whole model from the best plan so far where the time left covers
//!   its root ([`ROOT_COLUMNS_PER_SECOND`]), else a second lane of steps.
//!
//! With one thread the whole model runs alone, as on other portfolios. The better plan by the
//! levels so far is kept (`docs/lns.md`, "Portfolios with decisions" and "RENS from the
//! relaxation").

use super::lns;
use super::mip::{self, MipEnd, MipRun, MipSettings};
use super::CancelToken;
use crate::objective::Objective;
use crate::problem::{Problem, Windows};
use crate::schedule::Schedule;
use std::time::{Duration, Instant};

/// Columns of the whole model whose MIP root (presolve and the first LP) HiGHS gets through in
/// a second on one thread, about. Measured on Tyresö (9 762 columns): the root took 3.0–3.3 s,
/// the LP relaxation alone 1.4–2.1 s. A whole model given less time than this predicts would
/// end without any bound (97 % gap on Tyresö at 5 s), so after RENS the time left goes to
/// steps instead. 3 000 until session 17: a trial that gave the first level at 5 s 3.3 s
/// instead of 2.8 s ran the whole model just past that estimate, and it ended before its root
/// (97 % gap again). At 2 000 the whole model needs 4.9 s on Tyresö, a margin of half its root.
const ROOT_COLUMNS_PER_SECOND: f64 = 2_000.0;

/// Share of a level's time the relaxation may take on the thread whose steps wait for it
/// (beside the whole model). Tyresö's relaxation (9 762 columns, 1.4–2.1 s) ends well within
/// it from the 5 s level on; the generated decision portfolios' (42 000 columns) did not end in
/// 35 s on one thread, and before this cut-off the steps meant to follow it never ran: seed 2's
/// first level stayed at the first plan's 663 at 60 s, where the 10 s solve, with steps on
/// another thread all along, found 563 (`docs/lns.md`, "RENS from the relaxation").
const STEPS_WAIT_SHARE: f64 = 0.5;

/// What one level's search starts from.
pub(super) struct DecisionLevel<'a> {
    pub problem: &'a Problem,
    pub windows: &'a Windows,
    /// The goal's levels up to and including the one searched (the last).
    pub levels: &'a [Vec<(Objective, f64)>],
    /// Earlier levels held at their values.
    pub holds: &'a [(Vec<(Objective, f64)>, f64)],
    pub incumbent: &'a Schedule,
    /// Whether the whole model starts from the incumbent.
    pub warm_start: bool,
}

impl DecisionLevel<'_> {
    /// A level after the first: earlier levels are held.
    fn is_later(&self) -> bool {
        !self.holds.is_empty()
    }
}

/// Searches `input`'s level for `seconds` with `settings` (threads, cancel, progress): the
/// bound is the stronger of the whole model's and its relaxation's, the end the whole
/// model's, the plan the best of the searches' (none when none beat the incumbent).
///
/// With two threads or more: where the whole model's root fits in the time
/// ([`ROOT_COLUMNS_PER_SECOND`]), it runs on all threads but one, and the last solves the
/// relaxation, then RENS in the neighbourhood it leaves open ([`super::rens`]), then steps.
/// Where it does not fit, one thread runs steps all along, and the others the relaxation, RENS,
/// then a second lane of steps. On a later level (earlier levels held) drift
/// ([`super::drift`]) takes the place of the relaxation and RENS, and where the whole model
/// does not fit, the first thread runs those before its steps.
pub(super) fn search(
    input: &DecisionLevel<'_>,
    seconds: f64,
    settings: &MipSettings,
) -> Result<MipRun, String> {
    let DecisionLevel {
        problem,
        windows,
        levels,
        holds,
        incumbent,
        warm_start,
    } = *input;
    let level = levels.last().expect("the level searched");
    let start = warm_start.then_some(incumbent);
    let columns = crate::formulation::estimated_columns(problem, windows);
    let whole_fits = seconds * ROOT_COLUMNS_PER_SECOND >= columns;
    let deadline = Instant::now() + Duration::from_secs_f64(seconds.max(0.0));
    if settings.threads < 2 {
        return one_thread(input, deadline, columns, settings);
    }
    // The first thread stops when the others are done: at the deadline, at the user's cancel,
    // or when the whole model proves the level.
    let stop = CancelToken::new();
    let one = MipSettings {
        threads: 1,
        ..settings.clone()
    };
    let first = MipSettings {
        cancel: Some(stop.clone()),
        ..one.clone()
    };
    let others = MipSettings {
        threads: settings.threads - 1,
        time_limit: Some(seconds),
        deadline: Some(deadline),
        ..settings.clone()
    };
    let search = lns::Search::new(problem, windows, levels, holds, incumbent);
    let (run, first_bound) = std::thread::scope(|scope| {
        let first_thread = scope.spawn(|| {
            // Beside the whole model this thread finds RENS's plan first (drift's on a later
            // level); the steps go on from it. Its relaxation's bound may be stronger than the
            // whole model's root so far. Beside drift on a later level, it gives the level its
            // relaxation's bound where that ends in time (Tyresö's consultant level at 60 s).
            // Beside the whole model the steps wait for this thread's relaxation: it gets at
            // most half the level ([`STEPS_WAIT_SHARE`]).
            let lp = if whole_fits {
                let lp_end = Instant::now() + Duration::from_secs_f64(STEPS_WAIT_SHARE * seconds);
                let ends = (lp_end.min(deadline), deadline);
                Some(relaxation_or_drift(&search, input, ends, &first))
            } else if input.is_later() {
                Some(relaxation_and_rens(
                    &search,
                    input,
                    (deadline, deadline),
                    &first,
                ))
            } else {
                None
            };
            search.lane(0, deadline, &first);
            lp.and_then(|r| r.ok()).and_then(|r| r.bound)
        });
        let run = if whole_fits {
            mip::run(problem, windows, level, holds, start, &others)
        } else {
            let lp = relaxation_or_drift(&search, input, (deadline, deadline), &others);
            // The relaxation proves nothing about plans: a second lane to the deadline.
            search.lane(1, deadline, &one);
            lp
        };
        stop.cancel();
        (run, first_thread.join().ok().flatten())
    });
    let steps = search.into_run().schedule;
    run.map(|mut run| {
        run.bound = stronger(run.bound, first_bound);
        better_of(problem, levels, run, steps)
    })
}

/// Roots' worth of time (`ROOT_COLUMNS_PER_SECOND`) from which the whole model alone, on one
/// thread, does better than the relaxation and RENS before it: it then gets through its root's
/// cut rounds to HiGHS's own RENS. Tyresö's first level, one thread (`leverans plan … --time-limit
/// T`): the whole model alone 2 070 at 5 s, 1 574 at 10 s, 1 199.7 at 30 s (24 s for the level,
/// 4.9 roots), 1 197.3 at 60 s; the relaxation and RENS first 1 253, 1 226, 1 226 and 1 203.7.
const ONE_THREAD_WHOLE_ROOTS: f64 = 4.0;

/// [`search`] on one thread. Where the level has time for the whole model's cut rounds
/// ([`ONE_THREAD_WHOLE_ROOTS`]), the whole model alone. Else the relaxation, RENS in what it
/// leaves open until it proves its neighbourhood or the deadline, then the whole model from the
/// best plan where the time left covers its root. No steps: taking turns on one thread costs
/// the whole model its search tree at each turn (on the Tyresö budget frontier, 30 s per
/// budget, the turns lost up to 1.1 % of the value the whole model alone delivers).
fn one_thread(
    input: &DecisionLevel<'_>,
    deadline: Instant,
    columns: f64,
    settings: &MipSettings,
) -> Result<MipRun, String> {
    let DecisionLevel {
        problem,
        windows,
        levels,
        holds,
        incumbent,
        warm_start,
    } = *input;
    let level = levels.last().expect("the level searched");
    let seconds = seconds_left(deadline);
    if seconds * ROOT_COLUMNS_PER_SECOND >= ONE_THREAD_WHOLE_ROOTS * columns {
        let start = warm_start.then_some(incumbent);
        return mip::run(problem, windows, level, holds, start, settings);
    }
    let search = lns::Search::new(problem, windows, levels, holds, incumbent);
    let lp = relaxation_or_drift(&search, input, (deadline, deadline), settings)?;
    let left = seconds_left(deadline);
    let cancelled = settings.cancelled();
    let improved = search.into_run().schedule;
    if cancelled || left * ROOT_COLUMNS_PER_SECOND < columns {
        return Ok(MipRun {
            schedule: improved,
            ..lp
        });
    }
    let start = improved.as_ref().or(warm_start.then_some(incumbent));
    let whole = MipSettings {
        time_limit: Some(left),
        deadline: Some(deadline),
        ..settings.clone()
    };
    let mut run = mip::run(problem, windows, level, holds, start, &whole)?;
    run.bound = stronger(run.bound, lp.bound);
    Ok(better_of(problem, levels, run, improved))
}

/// On the first level, [`relaxation_and_rens`]. On a later level (earlier levels held), drift
/// from the best plan ([`super::drift`]) instead: such a level gets little time, and its
/// relaxation takes longer than the first level's (Tyresö's consultant level: 4.1 s against
/// 1.4 s), so it would end with neither bound nor plan. Drift's run proves nothing about the
/// level: no bound.
fn relaxation_or_drift(
    search: &lns::Search<'_>,
    input: &DecisionLevel<'_>,
    (lp_end, deadline): (Instant, Instant),
    settings: &MipSettings,
) -> Result<MipRun, String> {
    if !input.is_later() {
        return relaxation_and_rens(search, input, (lp_end, deadline), settings);
    }
    super::drift::ladder(search, deadline, &mut 0.0, settings, None)?;
    Ok(MipRun {
        end: MipEnd::Limit,
        bound: None,
        schedule: None,
        relaxed: None,
    })
}

/// The level's relaxation (its bound, returned as a run without a plan) until `lp_end`, then
/// RENS in what it leaves open until `deadline`, from the search's best plan where that lies
/// in it; RENS's plan goes to `search`.
fn relaxation_and_rens(
    search: &lns::Search<'_>,
    input: &DecisionLevel<'_>,
    (lp_end, deadline): (Instant, Instant),
    settings: &MipSettings,
) -> Result<MipRun, String> {
    let DecisionLevel {
        problem,
        windows,
        levels,
        holds,
        ..
    } = *input;
    let level = levels.last().expect("the level searched");
    let until = |end: Instant, relaxation: bool| MipSettings {
        time_limit: Some(seconds_left(end)),
        deadline: Some(end),
        relaxation,
        ..settings.clone()
    };
    let lp = mip::run(problem, windows, level, holds, None, &until(lp_end, true))?;
    let cancelled = settings.cancelled();
    if let (Some(relaxed), false) = (&lp.relaxed, cancelled) {
        let rens = MipSettings {
            progress: None,
            ..until(deadline, false)
        };
        let best = search.best();
        let found = super::rens::run(problem, relaxed, level, holds, Some(&best), &rens)?;
        if let Some(s) = found.schedule {
            search.propose(s, settings);
        }
    }
    Ok(lp)
}

/// Seconds from now to `deadline`, 0 once it has passed.
pub(super) fn seconds_left(deadline: Instant) -> f64 {
    deadline
        .saturating_duration_since(Instant::now())
        .as_secs_f64()
}

/// The stronger (higher) of two lower bounds, either of which may be missing.
fn stronger(a: Option<f64>, b: Option<f64>) -> Option<f64> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    }
}

/// `run` with the steps' plan in place of its own where the steps' is better by `levels`.
fn better_of(
    p: &Problem,
    levels: &[Vec<(Objective, f64)>],
    mut run: MipRun,
    steps: Option<Schedule>,
) -> MipRun {
    if let Some(s) = steps {
        let steps_better = match &run.schedule {
            None => true,
            Some(m) => super::key_less(&super::key(levels, p, &s), &super::key(levels, p, m)),
        };
        if steps_better {
            // The whole model's proof covers its own plan only where that plan is kept.
            if run.end == MipEnd::Optimal {
                run.end = MipEnd::Limit;
            }
            run.schedule = Some(s);
        }
    }
    run
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::model::{Calendar, ConsultantCapacity, Order, Portfolio, Team, TimePoint};
    use crate::objective::level_value;
    use crate::solve::lns::tests::{assert_verified as verified, greedy};

    /// 8 orders on two teams, due early, every third optional (worth 100 × its weight), and
    /// consultants on the first team: a small portfolio with decisions.
    pub(in crate::solve) fn portfolio() -> Portfolio {
        let mut p = Portfolio::new(Calendar::units(14));
        p.add_team(Team::new("dev", 40.0));
        p.add_team(Team::new("ops", 30.0));
        for k in 0..8u32 {
            let (a, b) = if k % 2 == 0 {
                ("dev", "ops")
            } else {
                ("ops", "dev")
            };
            let mut o = Order::effort(
                format!("o{k}"),
                [(a, 50.0 + 10.0 * f64::from(k % 3)), (b, 15.0)],
            );
            o.due = Some(TimePoint::Period(2 + k % 5));
            o.weight = Some(1.0 + f64::from(k * 7 % 4));
            if k % 3 == 0 {
                o.optional = true;
                o.value = Some(100.0 * o.weight.unwrap_or(1.0));
            }
            p.add_order(o);
        }
        p.teams[0].consultants = Some(ConsultantCapacity {
            hours_per_week: 10.0,
            cost_per_hour: 1_000.0,
            max_hours: Some(60.0),
        });
        p
    }

    #[test]
    fn a_whole_model_short_of_time_for_its_root_gives_the_relaxations_bound_and_the_steps_plan() {
        let portfolio = portfolio();
        let levels = crate::SolveOptions::default()
            .goal
            .resolve(&portfolio)
            .levels();
        let level = &levels[0];
        let problem = crate::validate(&portfolio).unwrap();
        assert!(problem.has_decisions());
        let windows = Windows::compute(&problem, problem.periods).unwrap();
        let settings = MipSettings::from_options(&crate::SolveOptions::default(), Some(60.0));
        // The relaxation alone: a bound, no plan, and not a proof.
        let relaxed = MipSettings {
            relaxation: true,
            ..settings.clone()
        };
        let lp = mip::run(&problem, &windows, level, &[], None, &relaxed).unwrap();
        assert!(lp.schedule.is_none());
        assert_eq!(lp.end, MipEnd::Limit);
        let lp_bound = lp.bound.expect("the LP is solved");
        // It bounds the level: the MIP's optimum is no lower.
        let exact = mip::run(&problem, &windows, level, &[], None, &settings).unwrap();
        assert_eq!(exact.end, MipEnd::Optimal);
        let best = exact.schedule.expect("an optimal plan");
        verified(&portfolio, &problem, &best);
        let optimum = level_value(level, &problem, &best);
        assert!(lp_bound <= optimum + 1e-6, "{lp_bound} > {optimum}");
        assert!(lp_bound > 0.0, "lateness is forced, so the LP sees some");
        // The search with less time than the whole model's root needs: the relaxation's bound,
        // and the steps run to the deadline from the greedy plan.
        let greedy = greedy(&problem, &windows, &levels);
        let columns = crate::formulation::estimated_columns(&problem, &windows);
        let seconds = 0.5 * columns / ROOT_COLUMNS_PER_SECOND;
        let input = DecisionLevel {
            problem: &problem,
            windows: &windows,
            levels: &levels[..1],
            holds: &[],
            incumbent: &greedy,
            warm_start: true,
        };
        let two = MipSettings {
            threads: 2,
            ..settings
        };
        let run = search(&input, seconds, &two).unwrap();
        let bound = run.bound.expect("the relaxation's bound");
        assert!(
            (bound - lp_bound).abs() < 1e-6,
            "{bound} against {lp_bound}"
        );
        // The level keeps the steps' plan where they found a better one, else the greedy plan:
        // either way a plan that keeps every rule, at or above the bound.
        if let Some(s) = &run.schedule {
            assert!(level_value(level, &problem, s) < level_value(level, &problem, &greedy));
        }
        let kept = run.schedule.as_ref().unwrap_or(&greedy);
        verified(&portfolio, &problem, kept);
        assert!(level_value(level, &problem, kept) >= bound - 1e-6);
    }
}

//! A level of a portfolio with decisions (optional orders, scope, consultant hours, budgets):
//! the whole model and neighbourhood steps from the incumbent, side by side.
//!
//! The whole model gives the level its bound and, given time, its best plans; but on such
//! portfolios HiGHS takes seconds to find its first plan (Tyresö: none in 3 s). The steps
//! (`lns`, with the kept orders' selection decided) improve the incumbent from the start. With
//! two threads or more the two run at once, the whole model on all threads but one; with one
//! thread the whole model runs alone, as on other portfolios.
//! The better plan by the levels so far is kept (`docs/lns.md`, "Portfolios with decisions").

use super::lns;
use super::mip::{self, MipEnd, MipRun, MipSettings};
use super::CancelToken;
use crate::heuristic::lex_less;
use crate::objective::{level_value, Objective};
use crate::problem::{Problem, Windows};
use crate::schedule::Schedule;
use std::time::{Duration, Instant};

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

/// Searches `input`'s level for `seconds` with `settings` (threads, cancel, progress): the
/// bound and end are the whole model's, the plan the better of the two searches' (none when
/// neither beat the incumbent).
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
    if settings.threads < 2 {
        // Taking turns on one thread costs the whole model its search tree at each turn: on
        // the Tyresö budget frontier (30 s per budget, one thread each) the turns lost up to
        // 1.1 % of the value the whole model alone delivers.
        return mip::run(problem, windows, level, holds, start, settings);
    }
    // The steps stop when the whole model ends (proven, or the user's cancel), or at the
    // deadline.
    let deadline = Instant::now() + Duration::from_secs_f64(seconds.max(0.0));
    let stop = CancelToken::new();
    let step_settings = MipSettings {
        threads: 1,
        cancel: Some(stop.clone()),
        ..settings.clone()
    };
    let whole = MipSettings {
        threads: settings.threads - 1,
        time_limit: Some(seconds),
        ..settings.clone()
    };
    std::thread::scope(|scope| {
        let steps = scope.spawn(|| {
            lns::run(
                problem,
                windows,
                levels,
                holds,
                incumbent,
                deadline,
                &step_settings,
            )
        });
        let run = mip::run(problem, windows, level, holds, start, &whole);
        stop.cancel();
        let steps = steps.join().ok().and_then(|s| s.schedule);
        run.map(|run| better_of(problem, levels, run, steps))
    })
}

/// `run` with the steps' plan in place of its own where the steps' is better by `levels`.
fn better_of(
    p: &Problem,
    levels: &[Vec<(Objective, f64)>],
    mut run: MipRun,
    steps: Option<Schedule>,
) -> MipRun {
    let key = |s: &Schedule| -> Vec<f64> { levels.iter().map(|l| level_value(l, p, s)).collect() };
    if let Some(s) = steps {
        let steps_better = match &run.schedule {
            None => true,
            Some(m) => lex_less(&key(&s), &key(m)),
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

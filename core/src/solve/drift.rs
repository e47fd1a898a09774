//! Drift: the neighbourhood of a plan in which every delivered order may move a few periods
//! either way (its start, its finish and its go-live each within `reach` periods of where
//! they are) and every optional order keeps its selection. The whole model solves it like
//! RENS's neighbourhood ([`super::rens::run`]), from the plan itself.
//!
//! It serves the levels after the first on portfolios with decisions. Those get little time
//! (Tyresö at 10 s: under half a second each), their relaxation takes longer than the first
//! level's (the consultant level's LP with the first level held: 4.1 s against 1.4 s), and
//! the steps' neighbourhoods (a group of orders freed, the rest pinned) cannot shift hours
//! from one week to the next across the whole portfolio, which is what buys fewer consultant
//! hours. From Tyresö's 10 s plan (consultant spend 598 800 SEK, the first level held), one
//! thread: reach 1 gives 537 118 in 0.9 s, reach 2 505 198 in 5.7 s, reach 4 490 918 in
//! 5.9 s, each proven in its neighbourhood; the whole model gives 502 318 in 120 s on two
//! threads. A plan with more periods over the teams' targets of open orders than the best plan
//! is not offered: on Tyresö that keeps every drift plan out for now (`docs/lns.md`, "Later
//! levels: held values, drift, and the steps after the pass").

use super::decision_search::seconds_left;
use super::lns;
use super::lns::sub::near;
use super::mip::{MipEnd, MipSettings};
use super::rens;
use crate::formulation::Relaxed;
use crate::objective::Objective;
use crate::problem::{Problem, Windows};
use crate::schedule::Schedule;
use std::time::Instant;

/// Reaches tried in turn, each from the best plan so far, while the one before was proven.
const REACHES: [usize; 4] = [1, 2, 4, 8];

/// Fewest seconds worth a drift run.
const MIN_SECONDS: f64 = 0.05;

/// The neighbourhood of `s` within `full` in which each delivered order's start, finish and
/// go-live move at most `reach` periods, and each order keeps its selection (a stopped
/// order's windows stay whole: it stays stopped).
pub(super) fn neighbourhood(full: &Windows, s: &Schedule, reach: usize) -> Relaxed {
    let jobs = s
        .jobs
        .iter()
        .zip(&full.jobs)
        .map(|(t, w)| if t.selected { near(*w, t, reach) } else { *w })
        .collect();
    Relaxed {
        windows: Windows {
            horizon: full.horizon,
            jobs,
        },
        selection: s.jobs.iter().map(|t| Some(t.selected)).collect(),
    }
}

/// Drift runs from `search`'s best plan at each reach of [`REACHES`] in turn until
/// `deadline`, a cancel, or a run not proven in its neighbourhood; each plan found goes to
/// `search`, which keeps it where it is better by the levels.
pub(super) fn ladder(
    search: &lns::Search<'_>,
    p: &Problem,
    full: &Windows,
    level: &[(Objective, f64)],
    holds: &[(Vec<(Objective, f64)>, f64)],
    deadline: Instant,
    settings: &MipSettings,
) -> Result<(), String> {
    for reach in REACHES {
        let left = seconds_left(deadline);
        let cancelled = settings.cancel.as_ref().is_some_and(|c| c.is_cancelled());
        if cancelled || left < MIN_SECONDS {
            break;
        }
        let best = search.best();
        let relaxed = neighbourhood(full, &best, reach);
        let run_settings = MipSettings {
            time_limit: Some(left),
            deadline: Some(deadline),
            progress: None,
            ..settings.clone()
        };
        let run = rens::run(p, &relaxed, level, holds, Some(&best), &run_settings)?;
        // Moving every order's run may leave a team more orders open at once than the plan's
        // last pass can deal back to its target (Tyresö at 10 s: 4.2 open orders per FTE
        // after the pass, against 3.9): such a plan is not offered.
        if let Some(s) = run
            .schedule
            .filter(|s| s.open_excess(p) <= best.open_excess(p))
        {
            search.propose(s, settings);
        }
        if run.end != MipEnd::Optimal {
            break;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::objective::level_value;
    use crate::solve::lns::tests::{assert_verified, greedy};
    use crate::solve::mip;
    use std::time::Duration;

    /// The small portfolio with decisions, with its problem, windows, goal levels and greedy
    /// plan.
    struct Small {
        portfolio: crate::Portfolio,
        problem: Problem,
        full: Windows,
        levels: Vec<Vec<(Objective, f64)>>,
        plan: Schedule,
    }

    fn small() -> Small {
        let portfolio = crate::solve::decision_search::tests::portfolio();
        let problem = crate::validate(&portfolio).unwrap();
        let full = Windows::compute(&problem, problem.periods).unwrap();
        let levels = crate::SolveOptions::default()
            .goal
            .resolve(&portfolio)
            .levels();
        let plan = greedy(&problem, &full, &levels);
        Small {
            portfolio,
            problem,
            full,
            levels,
            plan,
        }
    }

    /// The small portfolio with decisions, its first level held at the greedy plan's value:
    /// the ladder's plan keeps every rule, holds the first level, lies within the largest
    /// reach of the greedy plan, and is no worse on the consultant level.
    #[test]
    fn drift_keeps_every_rule_and_the_levels_held() {
        let Small {
            portfolio,
            problem,
            full,
            levels,
            plan: start,
        } = small();
        assert!(levels[1].iter().any(|l| l.0 == Objective::ConsultantCost));
        let held = level_value(&levels[0], &problem, &start);
        let holds = vec![(levels[0].clone(), held)];
        let search = lns::Search::new(&problem, &full, &levels[..2], &holds, &start);
        let settings = MipSettings::from_options(&crate::SolveOptions::default(), Some(60.0));
        let deadline = Instant::now() + Duration::from_secs(60);
        ladder(
            &search, &problem, &full, &levels[1], &holds, deadline, &settings,
        )
        .unwrap();
        let best = search.best();
        assert_verified(&portfolio, &problem, &best);
        assert!(level_value(&levels[0], &problem, &best) <= held + 1e-6);
        assert!(
            level_value(&levels[1], &problem, &best)
                <= level_value(&levels[1], &problem, &start) + 1e-6
        );
        let widest = neighbourhood(&full, &start, REACHES[REACHES.len() - 1]);
        assert!(rens::contains(&widest, &best));
    }

    /// Reach 0 pins every delivered order to its periods: the whole model can then only
    /// re-deal hours within each order's run, and the plan itself is a solution.
    #[test]
    fn reach_zero_leaves_each_order_its_own_periods() {
        let Small {
            portfolio,
            problem,
            full,
            levels,
            plan,
        } = small();
        let pinned = neighbourhood(&full, &plan, 0);
        for (t, w) in plan.jobs.iter().zip(&pinned.windows.jobs) {
            if t.selected {
                assert_eq!(
                    (w.es, w.ls, w.ef, w.lf, w.eg, w.lg),
                    (t.start, t.start, t.finish, t.finish, t.go_live, t.go_live)
                );
            }
        }
        assert!(rens::contains(&pinned, &plan));
        let settings = MipSettings::from_options(&crate::SolveOptions::default(), Some(30.0));
        let run = rens::run(&problem, &pinned, &levels[0], &[], Some(&plan), &settings).unwrap();
        assert_eq!(run.end, mip::MipEnd::Optimal);
        let found = run.schedule.expect("the plan itself at least");
        assert_verified(&portfolio, &problem, &found);
        assert!(
            level_value(&levels[0], &problem, &found)
                <= level_value(&levels[0], &problem, &plan) + 1e-6
        );
    }
}

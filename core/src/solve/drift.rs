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
//! threads.
//!
//! Drift runs in each later level's own time ([`ladder`], from `decision_search`) and in the
//! time the plan's last pass leaves ([`later_levels`], from `polish`). Moving every run may
//! leave teams more orders open at once than the pass deals back, so each plan is judged as
//! the pass leaves it and kept only where it keeps the teams' shape. On Tyresö at 60 s that
//! brings consultant spend from 600 000 to 569 517 SEK with at most 3.9 open orders per FTE;
//! at 10 s the pass takes 0.5–2.5 s of the 2.5 s kept for it, often too little for drift and a
//! second pass (`docs/lns.md`, "Later levels: held values, drift, and the steps after the
//! pass", "Drift judged after the pass" and "A quicker last pass").

use super::decision_search::seconds_left;
use super::lns;
use super::lns::sub::near;
use super::mip::{MipEnd, MipSettings};
use super::polish::Finishing;
use super::rens;
use crate::formulation::Relaxed;
use crate::objective::{level_value, Objective};
use crate::problem::{Problem, Windows};
use crate::schedule::Schedule;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// Reaches tried in turn, each from the best plan so far, while the one before was proven.
const REACHES: [usize; 4] = [1, 2, 4, 8];

/// Fewest seconds worth a drift run.
const MIN_SECONDS: f64 = 0.05;

/// Most seconds the pass on the best plan may take (Tyresö: about 0.25 s).
const PASS_SECONDS: f64 = 1.0;

/// A drift plan's pass gets this many times the best plan's pass time, plus [`PASS_MARGIN`]
/// seconds, kept out of the run's time.
const PASS_AGAIN_FACTOR: f64 = 1.25;
const PASS_MARGIN: f64 = 0.05;

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

/// The time the plan's last pass leaves, on a portfolio with decisions: drift on each of
/// `input`'s levels after the first, in turn, where the level is not proven (each but the
/// last gets half the time left), the levels before it held at the plan's values. `plan` is
/// the plan as the last pass left it, with that pass's figures: it is not passed again. Each
/// plan drift finds is passed within the time until `end`. Returns the plan, and whether drift
/// moved it. A run HiGHS could not solve ends that level's drift without a plan, as a
/// neighbourhood step's does.
pub(super) fn later_levels(
    input: &Finishing<'_>,
    plan: Passed,
    end: Instant,
    settings: &MipSettings,
) -> (Schedule, bool) {
    let Finishing {
        problem: p,
        full,
        levels,
        outcomes,
        ..
    } = *input;
    let mut pass_seconds = plan.seconds;
    let mut current = Arc::clone(&plan.plan);
    let mut judged = Some(plan);
    let mut moved = false;
    for j in 1..levels.len() {
        if outcomes[j].optimal {
            continue;
        }
        let share = if j + 1 == levels.len() { 1.0 } else { 0.5 };
        let level_end = Instant::now() + secs(seconds_left(end) * share);
        let holds: Vec<(Vec<(Objective, f64)>, f64)> = levels[..j]
            .iter()
            .map(|l| (l.clone(), level_value(l, p, &current)))
            .collect();
        let search = lns::Search::new(p, full, &levels[..=j], &holds, &current);
        // A run that failed leaves the search's plan as it was, not passed by the ladder.
        judged = ladder(
            &search,
            level_end,
            &mut pass_seconds,
            settings,
            judged.take(),
        )
        .ok()
        .flatten();
        let best = search.best();
        if *best != *current {
            current = best;
            moved = true;
        }
    }
    (Arc::unwrap_or_clone(current), moved)
}

/// Drift runs from `search`'s best plan at each reach of [`REACHES`] in turn until
/// `deadline`, a cancel, or a run not proven in its neighbourhood. `start` is the search's
/// plan passed, where the caller has it (the plan's last pass); otherwise the ladder passes it
/// itself. Returns the search's best plan passed.
///
/// Moving every order's run may leave a team more orders open at once than the plan's last
/// pass can deal back to its target (Tyresö at 10 s, before plans were judged passed: 4.2
/// open orders per FTE after the pass, against 3.9). So each plan found is judged as the pass
/// leaves it, against the best plan as the pass leaves that, and goes to `search` passed,
/// which keeps it where it is better by the levels. The pass's time comes out of the run's:
/// [`PASS_AGAIN_FACTOR`] times the longest pass seen, which `pass_seconds` brings in and takes
/// out (a passed plan's pass has little left to do; a drift plan's takes as long as the first).
pub(super) fn ladder(
    search: &lns::Search<'_>,
    deadline: Instant,
    pass_seconds: &mut f64,
    settings: &MipSettings,
    start: Option<Passed>,
) -> Result<Option<Passed>, String> {
    let (p, full) = (search.problem(), search.windows());
    let (level, holds) = (search.level(), search.holds());
    // The plan last judged (as the search holds it), with its passed form.
    let mut reference: Option<(Arc<Schedule>, Passed)> = start.map(|j| (Arc::clone(&j.plan), j));
    for reach in REACHES {
        if settings.cancelled() || seconds_left(deadline) < MIN_SECONDS {
            break;
        }
        let best = search.best();
        let judged = match reference.take() {
            Some((of, j)) if Arc::ptr_eq(&of, &best) || *of == *best => j,
            _ => {
                let seconds = (seconds_left(deadline) / 3.0).min(PASS_SECONDS);
                Passed::of(
                    p,
                    (*best).clone(),
                    Instant::now() + secs(seconds),
                    settings.threads,
                )
            }
        };
        *pass_seconds = pass_seconds.max(judged.seconds);
        let run_end = deadline
            .checked_sub(secs(PASS_AGAIN_FACTOR * *pass_seconds + PASS_MARGIN))
            .unwrap_or(deadline);
        let left = seconds_left(run_end);
        if left < MIN_SECONDS {
            break;
        }
        let relaxed = neighbourhood(full, &best, reach);
        let run_settings = MipSettings {
            time_limit: Some(left),
            deadline: Some(run_end),
            progress: None,
            ..settings.clone()
        };
        let run = rens::run(p, &relaxed, level, holds, Some(&best), &run_settings)?;
        reference = Some((Arc::clone(&best), judged));
        if let Some(s) = run.schedule {
            let found = Passed::of(p, s, deadline, settings.threads);
            *pass_seconds = pass_seconds.max(found.seconds);
            let within = reference
                .as_ref()
                .is_some_and(|(_, j)| found.keeps_shape_of(j));
            if within && search.propose((*found.plan).clone(), settings) {
                reference = Some((Arc::clone(&found.plan), found));
            }
        }
        if run.end != MipEnd::Optimal {
            break;
        }
    }
    let best = search.best();
    Ok(reference.and_then(|(of, j)| (Arc::ptr_eq(&of, &best) || *of == *best).then_some(j)))
}

fn secs(seconds: f64) -> Duration {
    Duration::from_secs_f64(seconds.max(0.0))
}

/// A plan settled and passed (`Schedule::limit_open`), with its periods over the teams'
/// targets of open orders after the pass and the seconds the pass took.
pub(super) struct Passed {
    plan: Arc<Schedule>,
    excess: usize,
    seconds: f64,
    /// Whether the pass ended before its deadline: a pass cut short may have left periods
    /// over the targets that the plan's last pass, with more time, brings back.
    complete: bool,
}

impl Passed {
    /// `s` settled and passed until `pass_end`, on up to `threads` threads.
    fn of(p: &Problem, mut s: Schedule, pass_end: Instant, threads: u32) -> Passed {
        let started = Instant::now();
        s.settle(p);
        s.limit_open(p, Some(pass_end), threads as usize);
        Passed {
            excess: s.open_excess(p),
            plan: Arc::new(s),
            seconds: started.elapsed().as_secs_f64(),
            complete: Instant::now() < pass_end,
        }
    }

    /// `plan`, passed already, with the figures of the pass that left it so.
    pub(super) fn after_pass(p: &Problem, plan: Schedule, seconds: f64, complete: bool) -> Passed {
        Passed {
            excess: plan.open_excess(p),
            plan: Arc::new(plan),
            seconds,
            complete,
        }
    }

    /// Whether this plan, passed, keeps the shape of `reference`, passed: every team within
    /// its target, or both passes whole and no more periods over the targets than
    /// `reference`.
    fn keeps_shape_of(&self, reference: &Passed) -> bool {
        self.excess == 0 || self.complete && reference.complete && self.excess <= reference.excess
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::solve::lns::tests::{assert_verified, greedy};
    use crate::solve::mip;

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
        ladder(&search, deadline, &mut 0.0, &settings, None).unwrap();
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

    /// The time after the plan's last pass, on the small portfolio with decisions from its
    /// greedy plan passed: drift on the later levels keeps every rule, the first level, and
    /// the teams' shape, and finds a plan better by the levels.
    #[test]
    fn later_levels_keep_the_first_level_and_the_shape() {
        let Small {
            portfolio,
            problem,
            full,
            levels,
            plan,
        } = small();
        let start = Passed::of(&problem, plan, Instant::now() + Duration::from_secs(30), 1);
        let before = (*start.plan).clone();
        let start_again = Passed::after_pass(&problem, before.clone(), start.seconds, true);
        let outcomes: Vec<crate::solve::LevelOutcome> = levels
            .iter()
            .map(|l| crate::solve::LevelOutcome {
                objectives: l.clone(),
                value: level_value(l, &problem, &before),
                bound: None,
                optimal: false,
            })
            .collect();
        let options = crate::SolveOptions::default();
        let end = Instant::now() + Duration::from_secs(30);
        let input = Finishing {
            problem: &problem,
            full: &full,
            levels: &levels,
            outcomes: &outcomes,
            options: &options,
            deadline: Some(end),
        };
        let settings = MipSettings::from_options(&options, Some(30.0));
        let (after, moved) = later_levels(&input, start_again, end, &settings);
        assert_verified(&portfolio, &problem, &after);
        let value = |l: usize, s: &Schedule| level_value(&levels[l], &problem, s);
        assert!(
            value(0, &after) <= value(0, &before) + super::super::hold_slack(value(0, &before))
        );
        let key = |s: &Schedule| super::super::key(&levels, &problem, s);
        // The greedy plan leaves room: [42, 0, 141] by the levels before, [28, 0, 119] after.
        assert!(moved && after != before);
        assert!(super::super::key_less(&key(&after), &key(&before)));
        assert!(after.open_excess(&problem) <= start.excess || after.open_excess(&problem) == 0);
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

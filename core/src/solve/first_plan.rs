//! The first plan, before any MIP: the heuristic (serial schedule generation and its search),
//! the mandatory orders alone where the greedy plan of everything breaks a rule the heuristic
//! does not see, the bounds' search where deadlines or tight capacity defeat the greedy
//! placement, and the baseline being re-planned where it is still a valid plan. Plans from
//! searches that do not see pins and actual hours count only where they keep them.

use super::{baseline, consultants, from_search, key, SolveOptions};
use crate::heuristic::{best_schedule_watched, lex_less, Watch};
use crate::model::{Portfolio, Timeline};
use crate::objective::Objective;
use crate::problem::{Problem, Windows};
use crate::schedule::Schedule;
use std::time::Instant;

/// The best first plan there is, or none (the MIP then looks for one).
pub(super) fn first_plan(
    portfolio: &Portfolio,
    timeline: &Timeline,
    problem: &Problem,
    full: &Windows,
    levels: &[Vec<(Objective, f64)>],
    options: &SolveOptions,
    started: Instant,
) -> Option<Schedule> {
    let mut budget = options.heuristic_budget(problem, levels);
    super::cost_search::share_heuristic(problem, levels, options, &mut budget);
    // The heuristic and the bounds' search do not see pins and actual hours: their plans count
    // only where they happen to keep them.
    let usable = |s: Schedule| consultants::usable(problem, s).filter(|s| s.keeps_fixed(problem));
    // The search may take most of the limit (where it anneals): a cancel stops it too. Its
    // plans are reported as they improve where they are plans of the solve as they stand
    // (no decision, pin or settled past for `usable` to refuse them on).
    let settled = problem.frozen_until > 0 || problem.jobs.iter().any(|j| j.fixed.binds());
    let watch = Watch {
        cancel: options.cancel.clone(),
        progress: options
            .progress
            .clone()
            .filter(|_| !problem.has_decisions() && !settled),
    };
    let search = |p: &Problem, w: &Windows, seeds: &[Vec<usize>]| {
        best_schedule_watched(p, w, levels, &budget, seeds, &watch)
    };
    let mut heuristic = search(problem, full, &[]).and_then(usable);
    if heuristic.is_none() && problem.jobs.iter().any(|j| j.optional) {
        // The greedy plan of everything breaks a rule the heuristic does not see (a share, a
        // group, a deadline); the mandatory orders alone still make a first plan to improve.
        let mut core = problem.clone();
        for j in core.jobs.iter_mut().filter(|j| j.optional) {
            j.excluded
                .get_or_insert_with(|| "left out of the first plan".into());
        }
        if let Ok(w) = Windows::compute(&core, core.periods) {
            heuristic = search(&core, &w, &[]).and_then(usable);
        }
    }
    if heuristic.is_none() {
        // Deadlines or tight capacity the greedy placement misses: the bounds' search looks for
        // starts that keep every rule it sees, within part of the limit.
        heuristic = from_search::first_plan(problem, options, started)
            .filter(|s| s.keeps_fixed(problem))
            .map(|s| {
                // The heuristic again, from that plan's order: its local search now has a plan
                // to improve.
                let at: Vec<usize> = s.jobs.iter().map(|j| j.start).collect();
                let seed = from_search::list_by_starts(problem, &at);
                search(problem, full, &[seed])
                    .and_then(usable)
                    .filter(|h| !lex_less(&key(levels, problem, &s), &key(levels, problem, h)))
                    .unwrap_or(s)
            });
    }
    if let Some(base) = &options.baseline {
        // The plan being re-planned is a plan of this portfolio too where its rules still
        // hold (a priority changed, a frozen horizon written from it): the first plan to beat.
        if let Some(b) = baseline::as_first_plan(portfolio, timeline, problem, base) {
            let better = heuristic
                .as_ref()
                .is_none_or(|h| lex_less(&key(levels, problem, &b), &key(levels, problem, h)));
            if better {
                heuristic = Some(b);
            }
        }
    }
    heuristic
}

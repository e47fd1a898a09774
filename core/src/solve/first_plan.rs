//! The first plan, before any MIP: the heuristic (serial schedule generation and its search),
//! the mandatory orders alone where the greedy plan of everything breaks a rule the heuristic
//! does not see, the bounds' search where deadlines or tight capacity defeat the greedy
//! placement, and the baseline being re-planned where it is still a valid plan. Plans from
//! searches that do not see pins and actual hours count only where they keep them.

use super::{baseline, consultants, from_search, key, SolveOptions};
use crate::heuristic::{best_schedule_and_list, best_schedule_watched, lex_less, Watch};
use crate::model::{Portfolio, Timeline};
use crate::objective::Objective;
use crate::problem::{Problem, Windows};
use crate::schedule::Schedule;
use std::time::Instant;

/// The best first plan there is, or none (the MIP then looks for one). Where there is none,
/// `fallback` may get a plan that keeps every rule but was built with little regard for the
/// goal ([`fill`]): the plan when the MIP finds none of its own, since a poor incumbent
/// would take the first level's time from the MIP and steer it (Tyresö at 300 000 SEK, 10 s:
/// 2 398 from it against the MIP's own 1 708).
#[allow(clippy::too_many_arguments)]
pub(super) fn first_plan(
    portfolio: &Portfolio,
    timeline: &Timeline,
    problem: &Problem,
    full: &Windows,
    levels: &[Vec<(Objective, f64)>],
    options: &SolveOptions,
    started: Instant,
    fallback: &mut Option<Schedule>,
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
            let found = best_schedule_and_list(&core, &w, levels, &budget, &watch);
            if let Some((s, list)) = found {
                heuristic = usable(s);
                if heuristic.is_none() {
                    *fallback = fill(problem, full, &list, &usable);
                }
            }
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

/// A plan of `problem` from `list`, the job list of a plan of its mandatory orders alone that
/// some rule the heuristic does not see refuses (an orderer's share, say): the mandatory
/// orders placed as in that plan, then the optional orders in the hours left (each stopped
/// where it does not fit), those of orderers below their least share first and those above
/// their most share last. While an orderer has more than its share, its delivered optional
/// order with the most hours is left out and the list placed again. The first plan `usable`
/// accepts, if any.
fn fill(
    problem: &Problem,
    full: &Windows,
    list: &[usize],
    usable: &dyn Fn(Schedule) -> Option<Schedule>,
) -> Option<Schedule> {
    let share = |j: usize| {
        problem
            .shares
            .iter()
            .position(|(jobs, _, _)| jobs.contains(&j))
    };
    let hours = |s: &Schedule| super::decisions::job_hours(problem, s);
    let mut variant = problem.clone();
    let optional = problem.jobs.iter().filter(|j| j.optional).count();
    for _ in 0..=optional {
        let order = |s: Option<&Schedule>| -> Vec<usize> {
            let mut order: Vec<usize> = list
                .iter()
                .copied()
                .filter(|&j| !problem.jobs[j].optional)
                .collect();
            let h = s.map(hours);
            let total: f64 = h.as_ref().map_or(0.0, |h| h.iter().sum());
            let class = |j: usize| -> usize {
                match (share(j), &h) {
                    (Some(k), Some(h)) => {
                        let (jobs, min, max) = &problem.shares[k];
                        let own: f64 = jobs.iter().map(|&x| h[x]).sum();
                        if own < min * total {
                            0
                        } else if own >= max * total {
                            2
                        } else {
                            1
                        }
                    }
                    _ => 1,
                }
            };
            let mut rest: Vec<usize> = list
                .iter()
                .copied()
                .filter(|&j| problem.jobs[j].optional)
                .collect();
            rest.sort_by_key(|&j| class(j));
            order.extend(rest);
            // In that order as far as the links allow (an optional order may wait on
            // another, or a mandatory one on an optional one).
            let mut at = vec![0; order.len()];
            for (k, &j) in order.iter().enumerate() {
                at[j] = k;
            }
            from_search::list_by_starts(problem, &at)
        };
        let first = crate::heuristic::serial_sgs(&variant, &order(None), full.horizon)?;
        let s = crate::heuristic::serial_sgs(&variant, &order(Some(&first)), full.horizon)
            .unwrap_or(first);
        let h = hours(&s);
        let total: f64 = h.iter().sum();
        let over = problem
            .shares
            .iter()
            .enumerate()
            .map(|(k, (jobs, _, max))| (k, jobs.iter().map(|&j| h[j]).sum::<f64>() - max * total))
            .filter(|&(_, excess)| excess > 1e-6)
            .max_by(|a, b| a.1.total_cmp(&b.1))
            .map(|(k, _)| k);
        let Some(k) = over else {
            return usable(s);
        };
        // Delivered, so neither excluded from the portfolio nor left out here before.
        let drop = (0..problem.jobs.len())
            .filter(|&j| problem.jobs[j].optional && share(j) == Some(k) && s.jobs[j].selected)
            .max_by(|&a, &b| h[a].total_cmp(&h[b]))?;
        variant.jobs[drop]
            .excluded
            .get_or_insert_with(|| "left out of the first plan".into());
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::heuristic::SearchEffort;
    use crate::plan::build_plan;

    /// Tyresö with a consultant budget of 300 000 SEK: the heuristic finds no plan of every
    /// order, and its plan of the mandatory orders alone gives one department more than its
    /// share. The fill keeps the mandatory orders' places, adds optional orders until the
    /// shares hold, and its plan keeps every rule.
    #[test]
    fn the_fill_turns_a_plan_of_the_mandatory_orders_into_one_that_keeps_the_shares() {
        let mut portfolio = crate::solve::lns::tests::tyreso();
        portfolio.budgets[0].amount = 300_000.0;
        let problem = crate::validate(&portfolio).expect("valid");
        let full = Windows::compute(&problem, problem.periods).expect("windows");
        let levels = SolveOptions::default().goal.resolve(&portfolio).levels();
        let mut core = problem.clone();
        for j in core.jobs.iter_mut().filter(|j| j.optional) {
            j.excluded.get_or_insert_with(|| "left out".into());
        }
        let w = Windows::compute(&core, core.periods).expect("windows");
        let budget = SearchEffort {
            samples: 64,
            evaluations: 3_000,
            seconds: None,
            seed: 0,
            threads: 1,
        };
        let (mandatory, list) =
            best_schedule_and_list(&core, &w, &levels, &budget, &Watch::default())
                .expect("a plan of the mandatory orders");
        let usable = |s: Schedule| consultants::usable(&problem, s);
        assert!(
            usable(mandatory.clone()).is_none(),
            "the mandatory orders alone break a share here, or the test shows nothing"
        );
        let mut plan = fill(&problem, &full, &list, &usable).expect("a plan that keeps the shares");
        for (j, job) in problem.jobs.iter().enumerate() {
            if !job.optional {
                assert!(plan.jobs[j].selected, "mandatory job {j} delivered");
                assert_eq!(
                    plan.jobs[j].start, mandatory.jobs[j].start,
                    "job {j} kept its place"
                );
            }
        }
        plan.settle(&problem);
        let tl = Timeline::new(&portfolio.calendar).expect("a calendar");
        let report = crate::verify(&portfolio, &build_plan(&portfolio, &tl, &problem, &plan));
        assert!(report.is_ok(), "{report}");
    }
}

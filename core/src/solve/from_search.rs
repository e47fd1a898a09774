//! Plans from the starts the bounds' search finds (`bounds::test_horizon_near`): shorter plans
//! during the makespan search, and a first plan when the heuristic has none.

use super::makespan::makespan;
use super::{decisions, SolveOptions};
use crate::bounds::SearchEnd;
use crate::heuristic::serial_sgs;
use crate::problem::{JobWork, Problem};
use crate::schedule::Schedule;
use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::time::{Duration, Instant};

/// Share of the time limit the search for a first plan may take when the heuristic has none;
/// the MIP gets the rest.
const FIRST_PLAN_SHARE: f64 = 0.5;

/// A schedule from the starts the bounds' search found, when they cover every job: the serial
/// scheme on the jobs in order of those starts; if that plan breaks a rule (placing a job
/// early can push a later one past its deadline), the scheme again with every job held to
/// its found start at the earliest, which rebuilds the found plan itself with the rules the
/// search does not see (go-lives, consultant hours). None when neither plan is within
/// `horizon` and keeps every rule.
pub(super) fn decode(p: &Problem, starts: &[(usize, usize)], horizon: usize) -> Option<Schedule> {
    let planned = p
        .jobs
        .iter()
        .filter(|j| j.excluded.is_none() && !j.optional)
        .count();
    if starts.len() != planned || planned != p.jobs.len() {
        return None;
    }
    let mut at = vec![0usize; p.jobs.len()];
    for &(j, start) in starts {
        at[j] = start;
    }
    let list = list_by_starts(p, &at);
    let fits = |s: &Schedule| makespan(p, s) <= horizon && decisions::hold(p, s);
    serial_sgs(p, &list, horizon)
        .filter(fits)
        .or_else(|| serial_sgs(&held_to(p, starts), &list, horizon).filter(fits))
}

/// `p` with each job released no earlier than its start in `starts` (job, period): the serial
/// scheme on it rebuilds those starts, with the rules the search does not see.
pub(super) fn held_to(p: &Problem, starts: &[(usize, usize)]) -> Problem {
    let mut held = p.clone();
    for &(j, start) in starts {
        held.jobs[j].release = held.jobs[j].release.max(start);
    }
    held
}

/// Every job, each after the jobs it waits on, earliest start first among those ready (ties:
/// job order): the activity list of a plan with starts `at` (per job).
pub(super) fn list_by_starts(p: &Problem, at: &[usize]) -> Vec<usize> {
    let mut waiting = vec![0usize; p.jobs.len()];
    let mut next: Vec<Vec<usize>> = vec![Vec::new(); p.jobs.len()];
    for l in &p.links {
        waiting[l.to] += 1;
        next[l.from].push(l.to);
    }
    let mut ready: BinaryHeap<Reverse<(usize, usize)>> = (0..p.jobs.len())
        .filter(|&j| waiting[j] == 0)
        .map(|j| Reverse((at[j], j)))
        .collect();
    let mut list = Vec::with_capacity(p.jobs.len());
    while let Some(Reverse((_, j))) = ready.pop() {
        list.push(j);
        for &k in &next[j] {
            waiting[k] -= 1;
            if waiting[k] == 0 {
                ready.push(Reverse((at[k], k)));
            }
        }
    }
    list
}

/// A first plan when the heuristic has none (deadlines or capacity its greedy placement
/// misses): the bounds' search over the whole calendar, for portfolios whose jobs are all
/// mandatory and fixed-duration (the search places no other kind), within
/// [`FIRST_PLAN_SHARE`] of the time limit. None when it finds nothing in time or the portfolio
/// has other jobs.
pub(super) fn first_plan(
    p: &Problem,
    options: &SolveOptions,
    started: Instant,
) -> Option<Schedule> {
    let searchable = p
        .jobs
        .iter()
        .all(|j| j.excluded.is_none() && !j.optional && matches!(j.work, JobWork::Fixed { .. }));
    if !searchable || p.jobs.is_empty() {
        return None;
    }
    let deadline = options
        .time_limit
        .map(|t| started + Duration::from_secs_f64(t * FIRST_PLAN_SHARE));
    let threads = options.threads.max(1) as usize;
    match crate::bounds::test_horizon_near(p, p.periods, deadline, None, threads).end {
        SearchEnd::Found(starts) => decode(p, &starts, p.periods),
        SearchEnd::Refuted | SearchEnd::Unknown => None,
    }
}

#[cfg(test)]
mod tests {
    use super::{first_plan, list_by_starts};
    use crate::model::{Calendar, Order, Portfolio, Team, TimePoint};
    use crate::plan::build_plan;
    use crate::SolveOptions;
    use std::time::Instant;

    /// Eight orders that take the whole team in turn, each with a deadline that leaves one
    /// order of them: only the deadline order fits the calendar.
    fn deadlines() -> Portfolio {
        let mut p = Portfolio::new(Calendar::units(16));
        p.add_team(Team::new("dev", 2.0));
        for k in 0..8u32 {
            let mut o = Order::fixed(format!("o{k}"), 2, [("dev", 2.0)]);
            o.deadline = Some(TimePoint::Period(2 * (8 - k) - 1));
            p.add_order(o);
        }
        p
    }

    #[test]
    fn the_search_gives_a_first_plan_that_keeps_every_rule() {
        let portfolio = deadlines();
        let problem = crate::validate(&portfolio).unwrap();
        let s = first_plan(&problem, &SolveOptions::default(), Instant::now())
            .expect("the deadline order is a plan");
        let timeline = crate::Timeline::new(&portfolio.calendar).unwrap();
        let plan = build_plan(&portfolio, &timeline, &problem, &s);
        let report = crate::verify(&portfolio, &plan);
        assert!(report.is_ok(), "{report:?}");
        // o7 must come first, o0 last.
        assert_eq!(s.jobs[7].start, 0);
        assert_eq!(s.jobs[0].start, 14);
    }

    #[test]
    fn no_first_plan_from_the_search_where_it_cannot_place_every_order() {
        let mut portfolio = deadlines();
        portfolio.add_order(Order::effort("e", [("dev", 4.0)]));
        let problem = crate::validate(&portfolio).unwrap();
        assert!(first_plan(&problem, &SolveOptions::default(), Instant::now()).is_none());
    }

    /// A finish-to-finish link lets the later job start first; the list still puts it after
    /// the job it waits on (the serial scheme needs that), and otherwise follows the starts.
    #[test]
    fn the_list_of_a_plan_keeps_precedence_before_start_order() {
        let mut portfolio = Portfolio::new(Calendar::units(10));
        portfolio.add_team(Team::new("dev", 2.0));
        let a = portfolio.add_order(Order::fixed("a", 2, [("dev", 1.0)]));
        let b = portfolio.add_order(Order::fixed("b", 4, [("dev", 1.0)]));
        portfolio.add_order(Order::fixed("c", 1, [("dev", 1.0)]));
        portfolio.add_dependency(a, b, crate::DependencyKind::FinishToFinish, 0);
        let problem = crate::validate(&portfolio).unwrap();
        // b starts at 0 and finishes at 3, after a (2..3); c starts at 1.
        assert_eq!(list_by_starts(&problem, &[2, 0, 1]), [2, 0, 1]);
        assert_eq!(list_by_starts(&problem, &[0, 0, 1]), [0, 1, 2]);
    }
}

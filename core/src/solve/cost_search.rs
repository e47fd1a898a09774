//! The first level of a fixed-pace portfolio by the search that learns
//! (`bounds::minimise_cost`): where every order is mandatory and of fixed duration and the
//! level is a sum over orders that grows with each go-live (weighted lateness, weighted
//! completion), the search looks for a cheaper plan than the heuristic's, again below each
//! plan it finds, until none is left (the plan is then proven optimal) or its time is up.
//! `docs/cost_search.md` has the design and the measurements.

use super::from_search::{held_to, list_by_starts};
use super::{integral, SolveOptions};
use crate::bounds::{minimise_cost, CostSearchEnd, Effort};
use crate::heuristic::serial_sgs;
use crate::model::DependencyKind;
use crate::objective::{level_value, Objective};
use crate::problem::{first_open, JobWork, Problem};
use crate::schedule::{JobTimes, Schedule};
use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

/// Share of the time limit, from the solve's start, by which the search ends; the levels get
/// the rest.
const UNTIL_SHARE: f64 = 0.85;

/// Share of the time limit the heuristic gets before this search where it applies (instead
/// of most of it): measured on the generated fixed-pace portfolios (`docs/cost_search.md`).
const HEURISTIC_SHARE: f64 = 0.3;

/// Most orders for which the search runs: its rules keep a pair list and a load table that
/// grow with the orders (it still beats the heuristic's path at 1 000, `docs/cost_search.md`;
/// a limit, not a measured break-even).
const MAX_ORDERS: usize = 1_000;

/// Without a time limit, the search gets as long again as the solve has taken so far, and at
/// least this many seconds.
const UNLIMITED_SECONDS: f64 = 1.0;

/// Cost that stands for "not allowed": a start whose go-live would pass the order's deadline.
const FORBIDDEN: f64 = 1e12;

/// True when the search sees every rule of `p` that bears on `level`: every order mandatory
/// and of fixed duration with nothing pinned or settled, dependencies between work only, no
/// go-live slots, consultants, budgets, groups, shares or limits on open orders, and a level
/// made of sums over orders (not makespan or consultant spend).
pub(super) fn applies(p: &Problem, level: &[(Objective, f64)]) -> bool {
    let per_order = level
        .iter()
        .all(|&(o, w)| w >= 0.0 && !matches!(o, Objective::Makespan | Objective::ConsultantCost));
    let jobs = !p.jobs.is_empty()
        && p.jobs.iter().all(|j| {
            j.excluded.is_none()
                && !j.optional
                && !j.in_progress
                && !j.fixed.binds()
                && matches!(j.work, JobWork::Fixed { .. })
        });
    let links = p.links.iter().all(|l| {
        matches!(
            l.kind,
            DependencyKind::FinishToStart
                | DependencyKind::StartToStart
                | DependencyKind::FinishToFinish
        )
    });
    per_order
        && p.jobs.len() <= MAX_ORDERS
        && jobs
        && links
        && p.frozen_until == 0
        && p.max_go_lives.is_none()
        && p.external.iter().all(Option::is_none)
        && p.budgets.is_empty()
        && p.groups.is_empty()
        && p.shares.is_empty()
        && p.max_open.iter().all(Option::is_none)
}

/// Cuts the heuristic's wall-clock cap to [`HEURISTIC_SHARE`] of the limit where the search
/// follows it on the first level and the caller set no heuristic time of its own.
pub(super) fn share_heuristic(
    p: &Problem,
    levels: &[Vec<(Objective, f64)>],
    options: &SolveOptions,
    budget: &mut crate::heuristic::SearchEffort,
) {
    let applies = levels.first().is_some_and(|l| applies(p, l));
    if let (true, None, Some(t)) = (applies, options.heuristic_time, options.time_limit) {
        budget.seconds = Some(budget.seconds.map_or(t, |s| s.min(HEURISTIC_SHARE * t)));
    }
}

/// Cost on `level` of job `j` starting at `start`: its go-live is the first open period once
/// its work and go-live lag are done (no freeze window), as the serial scheme and the
/// settled plan have it.
fn cost_at(p: &Problem, level: &[(Objective, f64)], j: usize, start: usize) -> f64 {
    let job = &p.jobs[j];
    let JobWork::Fixed { duration, .. } = job.work else {
        return FORBIDDEN;
    };
    let finish = start + duration.max(1) - 1;
    let ready = finish + job.go_live_lag;
    let go_live = first_open(p, ready as i64, p.periods as i64).map_or(p.periods, |t| t as usize);
    if job.deadline.is_some_and(|d| go_live > d) || go_live >= p.periods {
        return FORBIDDEN;
    }
    let times = JobTimes::delivered(start, finish, go_live, Vec::new());
    level
        .iter()
        .map(|&(o, w)| w * o.of_order(p, job, &times))
        .sum()
}

/// The plan of `starts` (every job's start): the serial scheme on the jobs in order of those
/// starts, and again with each job held to its start; the cheaper on `level` of those that
/// keep every rule, settled.
fn decode(p: &Problem, level: &[(Objective, f64)], starts: &[(usize, usize)]) -> Option<Schedule> {
    let mut at = vec![0usize; p.jobs.len()];
    for &(j, s) in starts {
        at[j] = s;
    }
    let list = list_by_starts(p, &at);
    [
        serial_sgs(p, &list, p.periods),
        serial_sgs(&held_to(p, starts), &list, p.periods),
    ]
    .into_iter()
    .flatten()
    .map(|mut s| {
        s.settle(p);
        s
    })
    .filter(|s| super::decisions::hold(p, s))
    .min_by(|a, b| level_value(level, p, a).total_cmp(&level_value(level, p, b)))
}

/// Improves `incumbent` on the first level of `levels` where [`applies`]; true when it is
/// then proven optimal on that level.
pub(super) fn improve(
    p: &Problem,
    levels: &[Vec<(Objective, f64)>],
    incumbent: &mut Schedule,
    options: &SolveOptions,
    started: Instant,
) -> bool {
    let Some(level) = levels.first() else {
        return false;
    };
    if !applies(p, level) || !incumbent.keeps_fixed(p) {
        return false;
    }
    let deadline = match options.time_limit {
        Some(t) => started + Duration::from_secs_f64(t * UNTIL_SHARE),
        None => {
            Instant::now()
                + Duration::from_secs_f64(started.elapsed().as_secs_f64().max(UNLIMITED_SECONDS))
        }
    };
    if Instant::now() >= deadline {
        return false;
    }
    let whole = integral(level, p);
    let below = |v: f64| {
        if whole {
            v - 1.0
        } else {
            v - 1e-6 * v.abs().max(1.0)
        }
    };
    let mut best = level_value(level, p, incumbent);
    let first_limit = below(best);
    let near: Vec<usize> = incumbent.jobs.iter().map(|j| j.start).collect();
    let never = AtomicBool::new(false);
    let stop = options.cancel.as_ref().map_or(&never, |c| c.flag());
    let mut found = |starts: &[(usize, usize)], limit: f64| {
        let s = decode(p, level, starts)?;
        let v = level_value(level, p, &s);
        // The search's plan costs at most its limit; a decoded plan that does not is a rule
        // the search does not see: stop rather than search the same plan again.
        if v > limit + 1e-9 {
            return None;
        }
        if v < best {
            // Another thread may have found a cheaper plan since this search set its limit.
            best = v;
            *incumbent = s;
            if let Some(progress) = &options.progress {
                progress.improved(Some(v), None);
            }
        }
        Some((
            below(best),
            incumbent.jobs.iter().map(|j| j.start).collect(),
        ))
    };
    let cost_of = |j: usize, s: usize| cost_at(p, level, j, s);
    let effort = Effort {
        deadline,
        stop,
        threads: options.threads.max(1) as usize,
    };
    let end = minimise_cost(p, &cost_of, first_limit, &near, &effort, &mut found);
    end == CostSearchEnd::Proven
}

#[cfg(test)]
mod tests {
    use super::{applies, improve};
    use crate::model::{Calendar, DependencyKind, Order, Portfolio, Team, TimePoint};
    use crate::objective::{level_value, Goal, Objective};
    use crate::problem::Windows;
    use crate::solve::lns::tests::{assert_verified, greedy};
    use crate::SolveOptions;
    use std::time::Instant;

    /// 30 fixed-pace orders on 3 teams over 40 periods, due early with uneven weights, chains
    /// of three: a greedy plan leaves much lateness to take away.
    fn portfolio() -> Portfolio {
        let mut p = Portfolio::new(Calendar::units(40));
        for t in ["dev", "ops", "test"] {
            p.add_team(Team::new(t, 3.0));
        }
        let mut ids = Vec::new();
        for k in 0..30u32 {
            let team = ["dev", "ops", "test"][k as usize % 3];
            let other = ["ops", "test", "dev"][k as usize % 3];
            let mut o = Order::fixed(
                format!("o{k}"),
                1 + k % 4,
                [(team, 1.0 + (k % 3) as f64), (other, (k % 2) as f64)],
            );
            o.due = Some(TimePoint::Period(3 + (k * 5) % 17));
            o.weight = Some(1.0 + (k * 7 % 5) as f64);
            ids.push(p.add_order(o));
        }
        for k in (0..30usize).step_by(3) {
            p.add_dependency(ids[k], ids[k + 1], DependencyKind::FinishToStart, 0);
            p.add_dependency(ids[k + 1], ids[k + 2], DependencyKind::FinishToStart, 0);
        }
        p
    }

    #[test]
    fn the_search_improves_a_greedy_plan_and_its_plan_verifies() {
        let portfolio = portfolio();
        let problem = crate::validate(&portfolio).unwrap();
        let windows = Windows::compute(&problem, problem.periods).unwrap();
        let levels = Goal::single(Objective::WeightedLateness).levels();
        assert!(applies(&problem, &levels[0]));
        let mut plan = greedy(&problem, &windows, &levels);
        plan.settle(&problem);
        let before = level_value(&levels[0], &problem, &plan);
        let options = SolveOptions::default().with_time_limit(2.0).with_threads(2);
        let proven = improve(&problem, &levels, &mut plan, &options, Instant::now());
        let after = level_value(&levels[0], &problem, &plan);
        assert!(after < before, "{after} against the greedy plan's {before}");
        assert_verified(&portfolio, &problem, &plan);
        // A proof is the MIP's optimum too.
        if proven {
            let exact = crate::solve(
                &portfolio,
                &SolveOptions::default()
                    .with_goal(Goal::single(Objective::WeightedLateness))
                    .with_time_limit(60.0),
            )
            .unwrap();
            assert_eq!(exact.objective, Some(after));
        }
    }

    #[test]
    fn the_search_stays_out_of_rules_it_does_not_see() {
        let level = [(Objective::WeightedLateness, 1.0)];
        let mut p = portfolio();
        p.add_dependency(
            crate::OrderId(0),
            crate::OrderId(5),
            DependencyKind::LiveToLive,
            0,
        );
        assert!(!applies(&crate::validate(&p).unwrap(), &level));
        let mut p = portfolio();
        p.orders[3].optional = true;
        assert!(!applies(&crate::validate(&p).unwrap(), &level));
        let p = portfolio();
        let problem = crate::validate(&p).unwrap();
        assert!(!applies(&problem, &[(Objective::Makespan, 1.0)]));
        assert!(applies(&problem, &level));
    }
}

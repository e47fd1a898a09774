//! A step that re-plans the orders of a team the open-orders pass could not bring to its
//! target.
//!
//! The pass (`Schedule::limit_open`) re-deals a team's hours among its orders inside their
//! runs. On a team that works at its capacity week after week no deal helps: the runs
//! themselves overlap too much (Tyresö at 10 s on a slower machine: `servicedesk`, 1.2 FTE,
//! full from week 6 to week 55, five orders open in weeks 25–28 however its hours are dealt;
//! `sysmgmt` with eight in weeks 34–35). This step frees the orders the team has open in its
//! weeks over the target and re-plans them with the neighbourhood search's model
//! (`lns::sub`), with one rule more: the team has at most its target open at once, counted by
//! its own runs (`Problem::team_run_limit`, less what the orders left out have open). Every
//! level of the goal but the last is held at the plan's value; the last (weighted completion
//! and work in progress on the default goals) is the step's objective. The new plan is passed
//! again and kept when it has fewer periods over the teams' targets and is no worse on any
//! level but the last: the target ranks after the goal's levels, before its last one, which
//! prices open orders too, only at the orders' own runs (`docs/realism.md`).

use super::lns::sub::Sub;
use super::mip::{self, MipSettings};
use crate::objective::{level_value, Objective};
use crate::problem::{Problem, Windows};
use crate::schedule::Schedule;
use std::time::Instant;

/// One level of the goal: objectives and their weights.
type Level = Vec<(Objective, f64)>;

/// Periods a freed order may move either way.
const REACH: usize = 8;

/// Most orders one step frees: the ones the team has open in its periods over the target.
const MOST_FREED: usize = 14;

/// `s` with the orders of each team still over its target re-planned under the target (see
/// the module documentation): steps until `steps_end`, the pass of each step's plan until
/// `deadline`; `None` where no step helped. `levels` are the goal's levels, `full` the
/// problem's windows; `settings` the MIP's settings for a step that ends at the instant
/// given; `threads` for the pass.
pub(super) fn repair(
    p: &Problem,
    full: &Windows,
    levels: &[Vec<(Objective, f64)>],
    s: &Schedule,
    (steps_end, deadline): (Instant, Instant),
    settings: &dyn Fn(Instant) -> MipSettings,
    threads: usize,
) -> Option<Schedule> {
    let (last, held) = levels.split_last()?;
    let mut best = s.clone();
    let mut excess = best.open_excess(p);
    let mut improved = false;
    // Teams with the most periods over their target first.
    let mut teams: Vec<(usize, u32, usize)> = p
        .open_target
        .iter()
        .enumerate()
        .filter_map(|(r, k)| k.map(|k| (r, k, s.team_periods_over(p, r, k).len())))
        .filter(|&(_, _, over)| over > 0)
        .collect();
    teams.sort_by_key(|&(r, _, over)| (std::cmp::Reverse(over), r));
    for (i, &(r, k, _)) in teams.iter().enumerate() {
        // An earlier team's step may have changed this team's periods over its target.
        let over = best.team_periods_over(p, r, k);
        if over.is_empty() || excess == 0 {
            continue;
        }
        let now = Instant::now();
        if now >= steps_end {
            break;
        }
        // The time left, shared among the teams still to come.
        let share = steps_end.saturating_duration_since(now) / (teams.len() - i) as u32;
        let Some(next) = step(
            p,
            full,
            (held, last),
            &best,
            (r, k),
            &over,
            &settings(now + share),
        ) else {
            continue;
        };
        let mut next = next;
        next.settle(p);
        next.limit_open(p, Some(deadline), threads);
        let next_excess = next.open_excess(p);
        // Every held level at most at its value, within the slack the step held it to.
        let holds = held.iter().all(|l| {
            let (was, now) = (level_value(l, p, &best), level_value(l, p, &next));
            now <= was + super::hold_slack(was)
        });
        if next_excess < excess && holds && next.keeps_fixed(p) {
            best = next;
            excess = next_excess;
            improved = true;
        }
    }
    improved.then_some(best)
}

/// One step for team `r` (target `k`) over periods `over`: the orders it has open there freed,
/// re-planned on the last level with the earlier ones held and the team's runs limited.
fn step(
    p: &Problem,
    full: &Windows,
    (held, last): (&[Level], &Level),
    s: &Schedule,
    (r, k): (usize, u32),
    over: &[usize],
    settings: &MipSettings,
) -> Option<Schedule> {
    let spans = s.team_open_spans(p, r);
    let mut free: Vec<usize> = spans
        .iter()
        .filter(|(_, a, b)| over.iter().any(|t| (a..=b).contains(&t)))
        .map(|&(j, _, _)| j)
        .collect();
    free.sort_unstable();
    free.dedup();
    free.truncate(MOST_FREED);
    let holds: Vec<(Vec<(Objective, f64)>, f64)> = held
        .iter()
        .map(|l| (l.clone(), level_value(l, p, s)))
        .collect();
    let mut sub = Sub::build(p, full, s, &free, REACH, &holds)?;
    // The target less what the orders left out of the step have open on the team.
    let mut limit = vec![k; p.periods];
    for &(j, a, b) in &spans {
        if !sub.has_job(j) {
            limit[a..=b]
                .iter_mut()
                .for_each(|x| *x = x.saturating_sub(1));
        }
    }
    let mut team_run_limit = vec![None; p.capacity.len()];
    team_run_limit[r] = Some(limit);
    sub.problem.team_run_limit = team_run_limit;
    let start = sub.restrict(s);
    let run = mip::run(
        &sub.problem,
        &sub.windows,
        last,
        &sub.holds,
        Some(&start),
        settings,
    )
    .ok()?;
    run.schedule.map(|step| sub.merge(s, step))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schedule::JobTimes;
    use crate::solve::lns::tests::assert_verified;
    use crate::solve::SolveOptions;
    use crate::{Goal, Portfolio, WorkRules};
    use std::time::Duration;

    /// Team `dev` (40 h, 1 FTE, one order at a time) with three orders of 40 h, each at most
    /// 20 h a week, all three run over weeks 0–3 at 10 h a week each.
    fn overlapping() -> (Portfolio, Problem, Schedule) {
        let mut portfolio = crate::schedule::test_portfolio::three_orders_on_one_team();
        portfolio.work_rules = WorkRules {
            target_open_per_fte: Some(1.0),
            ..WorkRules::default()
        };
        let problem = crate::validate(&portfolio).expect("valid");
        let run = || JobTimes::delivered(0, 3, 3, (0..4).map(|t| (0, t, 10.0)).collect());
        let s = Schedule {
            jobs: vec![run(), run(), run()],
            external: Vec::new(),
        };
        (portfolio, problem, s)
    }

    /// `repair` of `s` on `portfolio`'s default goal, steps until `seconds`, the pass a
    /// second longer.
    fn repaired_in(
        portfolio: &Portfolio,
        p: &Problem,
        s: &Schedule,
        seconds: u64,
    ) -> Option<Schedule> {
        let full = Windows::compute(p, p.periods).expect("windows");
        let levels = Goal::for_portfolio(portfolio).levels();
        let options = SolveOptions::default();
        let settings = |end: Instant| {
            MipSettings::from_options(
                &options,
                Some(super::super::decision_search::seconds_left(end)),
            )
        };
        let now = Instant::now();
        let ends = (
            now + Duration::from_secs(seconds),
            now + Duration::from_secs(seconds + 1),
        );
        repair(p, &full, &levels, s, ends, &settings, 1)
    }

    #[test]
    fn orders_whose_runs_overlap_are_re_planned_one_after_the_other() {
        let (portfolio, p, s) = overlapping();
        assert_eq!(p.open_target, vec![Some(1)]);
        // Each order needs two weeks at its pace, so within their runs (weeks 0–3) no deal of
        // the team's hours keeps one order open at a time: the pass cannot help.
        let mut passed = s.clone();
        passed.limit_open(&p, None, 1);
        assert!(passed.open_excess(&p) > 0, "{passed:?}");
        let repaired = repaired_in(&portfolio, &p, &s, 20)
            .expect("the step re-plans the three orders one after the other");
        assert_eq!(repaired.open_excess(&p), 0, "{repaired:?}");
        // Every order keeps its 40 h; the runs no longer overlap.
        let mut runs: Vec<(usize, usize)> = repaired
            .jobs
            .iter()
            .map(|j| {
                let h: f64 = j.work.iter().map(|w| w.2).sum();
                assert!((h - 40.0).abs() < 1e-6, "{j:?}");
                let ts = j.work.iter().filter(|w| w.2 > 1e-7).map(|w| w.1);
                (ts.clone().min().unwrap(), ts.max().unwrap())
            })
            .collect();
        runs.sort_unstable();
        assert!(runs.windows(2).all(|w| w[0].1 < w[1].0), "{runs:?}");
        // No level but the last is worse: here the first (weighted lateness) stays 0.
        let levels = Goal::for_portfolio(&portfolio).levels();
        assert_eq!(level_value(&levels[0], &p, &repaired), 0.0);
        assert_verified(&portfolio, &p, &repaired);
    }

    #[test]
    fn a_plan_within_its_targets_is_left_alone() {
        let (portfolio, p, _) = overlapping();
        let one =
            |a: usize| JobTimes::delivered(a, a + 1, a + 1, vec![(0, a, 20.0), (0, a + 1, 20.0)]);
        let s = Schedule {
            jobs: vec![one(0), one(2), one(4)],
            external: Vec::new(),
        };
        assert_eq!(s.open_excess(&p), 0);
        assert!(repaired_in(&portfolio, &p, &s, 5).is_none());
    }

    #[test]
    fn the_model_keeps_a_team_to_its_limit_on_runs_where_nothing_else_asks_for_it() {
        // Weighted lateness alone, and no order has a due date: every plan costs 0, so only
        // the rows on the team's runs keep it to one order at a time.
        let (portfolio, mut p, _) = overlapping();
        p.team_run_limit = vec![Some(vec![1; p.periods])];
        let full = Windows::compute(&p, p.periods).expect("windows");
        let options = SolveOptions::default();
        let settings = MipSettings::from_options(&options, Some(20.0));
        let level = [(Objective::WeightedLateness, 1.0)];
        let run = mip::run(&p, &full, &level, &[], None, &settings).expect("solved");
        let s = run.schedule.expect("a plan");
        let mut open = vec![0; p.periods];
        for (_, a, b) in s.team_open_spans(&p, 0) {
            open[a..=b].iter_mut().for_each(|n| *n += 1);
        }
        assert!(open.iter().all(|&n| n <= 1), "{open:?} {s:?}");
        assert_eq!(s.team_open_spans(&p, 0).len(), 3);
        assert_verified(&portfolio, &p, &s);
    }
}

//! The greedy peer: a plan as levelling tools make it (Jira Plans, MS Project), for
//! comparisons side by side with Leverans.

use leverans::heuristic::{rule_list, serial_sgs, Rule};
use leverans::plan::{build_plan, Plan};
use leverans::problem::{Problem, Windows};
use leverans::schedule::Schedule;
use leverans::{Portfolio, Timeline};
use std::collections::BTreeSet;

/// One pass of the serial scheme with the earliest due date first (rank-first levelling, the
/// benches' greedy baseline for lateness), whatever rule Leverans's own heuristic tries first;
/// `None` where the pass misses a deadline or the horizon.
pub fn earliest_due_pass(problem: &Problem, windows: &Windows) -> Option<Schedule> {
    let list = rule_list(problem, windows, Rule::EarliestDue);
    serial_sgs(problem, &list, windows.horizon)
}

/// Priority first at full pace: the orders by priority weight (then due date, then their
/// place in the list), each after its predecessors, placed by one pass of the serial scheme on
/// the teams' own capacity, deadlines ignored (levelling tools report them, they do not plan
/// for them) and no consultants bought. Orders that do not fit in the horizon are left out.
pub fn greedy_plan(p: &Portfolio) -> Option<Plan> {
    let q = greedy_portfolio(p);
    let problem = leverans::validate(&q).ok()?;
    let n = problem.jobs.len();
    let key = |j: usize| {
        let job = &problem.jobs[j];
        (
            std::cmp::Reverse((job.weight * 1000.0) as i64),
            job.due.unwrap_or(usize::MAX),
            j,
        )
    };
    // A topological order that takes the most urgent ready job first.
    let mut indeg = vec![0usize; n];
    for l in &problem.links {
        indeg[l.to] += 1;
    }
    let succs = problem.succs();
    let mut ready: BTreeSet<_> = (0..n).filter(|&j| indeg[j] == 0).map(key).collect();
    let mut list = Vec::with_capacity(n);
    while let Some(k) = ready.pop_first() {
        let j = k.2;
        list.push(j);
        for l in &succs[j] {
            indeg[l.to] -= 1;
            if indeg[l.to] == 0 {
                ready.insert(key(l.to));
            }
        }
    }
    let mut s = serial_sgs(&problem, &list, problem.periods)?;
    s.go_live_early(&problem);
    let tl = Timeline::new(&q.calendar).ok()?;
    Some(build_plan(p, &tl, &problem, &s))
}

/// The portfolio a greedy plan is a plan of: deadlines lifted (levelling tools report them,
/// they do not plan for them), every order optional (what does not fit in the horizon is left
/// out, as a levelling tool pushes it past the end), no consultants, groups or orderer shares.
/// The budgets stay: the plan's budget table names them, and nothing is bought against them.
pub fn greedy_portfolio(p: &Portfolio) -> Portfolio {
    let mut q = p.clone();
    for o in &mut q.orders {
        o.deadline = None;
        o.optional = true;
    }
    q.groups.clear();
    for t in &mut q.teams {
        t.consultants = None;
    }
    q.orderer_shares.clear();
    q
}

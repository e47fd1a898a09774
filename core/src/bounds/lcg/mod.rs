//! A search over start times that learns from its failures (lazy clause generation): each
//! conflict is traced back through the explained rules to a clause over start bounds, which
//! prunes every later part of the search where the same reason for failure holds. The search
//! ends when every branch is refuted (no plan fits the horizon: a proof) or a full assignment
//! survives (starts of a plan of the relaxation the rules see: dependencies, disjunctive
//! pairs and team capacity among the mandatory fixed-duration jobs).
//!
//! Branching picks the task with the earliest start until the first restart, then the task most
//! involved in recent conflicts, and tries its start in a given plan (clamped into its window),
//! else its earliest start; a learned clause moves it on when that fails. `docs/bounds.md` has
//! the figures.

mod analyze;
mod clauses;
pub(super) mod cost;
mod domain;
mod rules;

use super::propagate::{Propagator, Task};
use analyze::{analyze, conflict_level};
use clauses::Clauses;
use cost::CostRule;
use domain::{Conflict, Domains, Lit, Reason};
use rules::Rules;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

/// How a search branches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Strategy {
    /// Pick by activity on every other run between restarts (else on every run after the
    /// first).
    pub alternate: bool,
    /// Try the given plan's starts first (else the earliest start).
    pub follow_near: bool,
}

/// The measured best single strategy (`docs/bounds.md`).
pub(super) const MAIN: Strategy = Strategy {
    alternate: false,
    follow_near: true,
};

/// A different one, for a second thread: earliest starts, activity on alternate runs.
pub(super) const SECOND: Strategy = Strategy {
    alternate: true,
    follow_near: false,
};

/// How a search ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SearchEnd {
    /// Every branch was refuted: no plan fits the horizon.
    Refuted,
    /// Start period per job (job index, start) of the fixed-duration mandatory jobs in a
    /// plan of the relaxation (dependencies and capacity among those jobs).
    Found(Vec<(usize, usize)>),
    /// The deadline passed first.
    Unknown,
}

/// Conflicts (and decisions) between two looks at the clock.
const CLOCK_EVERY: u64 = 32;
/// Conflicts in the first run before a restart; later runs follow the Luby sequence.
const RESTART_BASE: u64 = 100;
/// Learned clauses kept before the older long half is dropped at a restart: bounds memory on
/// long searches.
const MAX_CLAUSES: usize = 20_000;
/// Activity decay per conflict (as a growing bump).
const DECAY: f64 = 1.0 / 0.95;

/// Where a search starts and when it stops.
pub(super) struct Run<'a> {
    /// The deadline.
    pub deadline: Option<Instant>,
    /// Set by another search that has settled the same question: stop at the next look at
    /// the clock.
    pub stop: &'a AtomicBool,
    /// A start per job to try first (a known plan's), with `Strategy::follow_near`.
    pub near: Option<&'a [usize]>,
    /// How to branch.
    pub strategy: Strategy,
    /// Most conflicts before the search gives up (`Unknown`); none: no such limit.
    pub max_conflicts: Option<u64>,
}

/// What a search does with the starts it found.
pub(super) type OnFound<'a> = dyn FnMut(&[(usize, usize)]) -> Next + 'a;

/// What to do with the starts a search found.
pub(super) enum Next {
    /// Stop: the search ends with them.
    Stop,
    /// Go on for plans of cost at most `limit`, trying the starts `near` (per job) first.
    Tighten { limit: f64, near: Vec<usize> },
}

/// Searches the start windows of `tasks` (already propagated).
pub(super) fn search(propagator: &Propagator<'_>, tasks: &[Task], run: &Run<'_>) -> SearchEnd {
    search_with(propagator, tasks, run, MAX_CLAUSES, None, &mut |_| {
        Next::Stop
    })
}

/// Searches the start windows of `tasks` for plans within the cost rule's limit; each plan
/// found goes to `found`, which may lower the limit (the search then goes on below it,
/// keeping what it learned: a clause learned under a higher limit holds under a lower one).
/// `Refuted` means no plan within the last limit exists.
pub(super) fn minimise(
    propagator: &Propagator<'_>,
    tasks: &[Task],
    run: &Run<'_>,
    cost: CostRule,
    found: &mut OnFound<'_>,
) -> SearchEnd {
    search_with(propagator, tasks, run, MAX_CLAUSES, Some(cost), found)
}

/// [`search`] keeping at most about `max_clauses` learned clauses, with the cost rule where
/// one is given.
fn search_with(
    propagator: &Propagator<'_>,
    tasks: &[Task],
    settings: &Run<'_>,
    max_clauses: usize,
    cost: Option<CostRule>,
    found: &mut OnFound<'_>,
) -> SearchEnd {
    let (deadline, strategy) = (settings.deadline, settings.strategy);
    let near = settings.near.filter(|_| strategy.follow_near);
    let rules = Rules::new(tasks, propagator);
    let mut s = Search {
        d: Domains::new(tasks.iter().map(|t| (t.es, t.ls))),
        clauses: Clauses::new(tasks.len()),
        rules,
        activity: vec![0.0; tasks.len()],
        bump: 1.0,
        max_clauses,
        cost,
        phase: phases(tasks, near),
    };
    let out_of_time =
        || settings.stop.load(Ordering::Relaxed) || deadline.is_some_and(|d| Instant::now() >= d);
    let mut conflicts = 0u64;
    let mut decisions = 0u64;
    let mut run = 0u32;
    let mut run_left = RESTART_BASE;
    loop {
        match s.propagate() {
            Err(conflict) => {
                conflicts += 1;
                if settings.max_conflicts.is_some_and(|m| conflicts > m) {
                    return SearchEnd::Unknown;
                }
                if conflicts.is_multiple_of(CLOCK_EVERY) && out_of_time() {
                    return SearchEnd::Unknown;
                }
                if s.learn(conflict).is_err() {
                    return SearchEnd::Refuted;
                }
                run_left = run_left.saturating_sub(1);
            }
            Ok(()) => {
                if run_left == 0 {
                    run += 1;
                    run_left = RESTART_BASE * luby(run + 1);
                    s.restart();
                    continue;
                }
                let by_activity = if strategy.alternate {
                    run % 2 == 1
                } else {
                    run > 0
                };
                let Some(k) = s.pick(by_activity) else {
                    let starts: Vec<(usize, usize)> = tasks
                        .iter()
                        .zip(&s.d.lb)
                        .map(|(t, &start)| (t.job, start as usize))
                        .collect();
                    match (&mut s.cost, found(&starts)) {
                        (Some(rule), Next::Tighten { limit, near }) => {
                            rule.limit = limit;
                            s.phase = phases(tasks, Some(&near));
                            s.restart();
                            continue;
                        }
                        _ => return SearchEnd::Found(starts),
                    }
                };
                // A long dive without conflicts (many tasks, each propagation slow) looks at
                // the clock too.
                decisions += 1;
                if decisions.is_multiple_of(CLOCK_EVERY) && out_of_time() {
                    return SearchEnd::Unknown;
                }
                s.d.push_level();
                let decision = s.decision(k);
                s.d.set(decision, Reason::Decision, &s.clauses.lits)
                    .expect("a decision is on an unfixed start within its bounds");
            }
        }
    }
}

struct Search<'a> {
    d: Domains,
    clauses: Clauses,
    rules: Rules<'a>,
    activity: Vec<f64>,
    bump: f64,
    max_clauses: usize,
    /// The objective's rule, in a search for plans within a cost.
    cost: Option<CostRule>,
    /// Preferred start per task (a known plan's), where one is given.
    phase: Vec<Option<i32>>,
}

impl Search<'_> {
    /// Clauses, dependencies, disjunctive pairs and time-tabling until nothing changes.
    fn propagate(&mut self) -> Result<(), Conflict> {
        loop {
            self.clauses.propagate(&mut self.d)?;
            let mut changed = self.rules.precedence(&mut self.d)?;
            if let Some(cost) = &self.cost {
                changed |= cost.propagate(&mut self.d)?;
            }
            changed |= self.rules.disjunctive(&mut self.d)?;
            if !changed {
                changed = self.rules.time_table(&mut self.d)?;
            }
            if !changed && self.clauses.head == self.d.trail.len() {
                return Ok(());
            }
        }
    }

    /// Learns a clause from `conflict` and jumps back to where it asserts; `Err` when the
    /// conflict holds at the root (every branch refuted).
    fn learn(&mut self, conflict: Conflict) -> Result<(), ()> {
        let level = conflict_level(&self.d, &conflict);
        if level == 0 {
            return Err(());
        }
        self.backtrack(level);
        let (activity, bump) = (&mut self.activity, self.bump);
        let learned = analyze(&self.d, &self.clauses.lits, conflict, |v| {
            activity[v] += bump
        });
        self.bump *= DECAY;
        if self.bump > 1e100 {
            self.activity.iter_mut().for_each(|a| *a /= 1e100);
            self.bump /= 1e100;
        }
        self.backtrack(learned.level);
        let first = learned.clause[0];
        let result = if learned.clause.len() == 1 {
            self.d.explain(first, &[])
        } else {
            let c = self.clauses.add(learned.clause);
            self.d.set(first, Reason::Clause(c), &self.clauses.lits)
        };
        match result {
            Ok(_) => Ok(()),
            // The asserted literal was already false: learn from that conflict in turn.
            Err(conflict) => self.learn(conflict),
        }
    }

    fn backtrack(&mut self, level: u32) {
        self.d.backtrack(level);
        self.clauses.head = self.clauses.head.min(self.d.trail.len());
    }

    /// The bound to try on task `k`: its preferred start (clamped into its window) where one
    /// is given, else its earliest start.
    fn decision(&self, k: usize) -> Lit {
        let (lb, ub) = (self.d.lb[k], self.d.ub[k]);
        match self.phase[k] {
            Some(v) if v > lb && v < ub => Lit::ge(k, v as i64),
            Some(v) if v >= ub => Lit::ge(k, ub as i64),
            _ => Lit::le(k, lb as i64),
        }
    }

    fn restart(&mut self) {
        self.backtrack(0);
        if self.clauses.lits.len() > self.max_clauses {
            self.clauses.reduce(&self.d, self.max_clauses);
        }
    }

    /// The unfixed task to branch on: the earliest start first (ties: the earliest latest
    /// start), or the most active in recent conflicts.
    fn pick(&self, by_activity: bool) -> Option<usize> {
        let open = (0..self.d.lb.len()).filter(|&k| self.d.lb[k] < self.d.ub[k]);
        if by_activity {
            open.max_by(|&a, &b| {
                self.activity[a]
                    .total_cmp(&self.activity[b])
                    .then((self.d.lb[b], self.d.ub[b]).cmp(&(self.d.lb[a], self.d.ub[a])))
            })
        } else {
            open.min_by_key(|&k| (self.d.lb[k], self.d.ub[k]))
        }
    }
}

/// The start to try first per task: its start in `near` (per job), where given.
fn phases(tasks: &[Task], near: Option<&[usize]>) -> Vec<Option<i32>> {
    tasks
        .iter()
        .map(|t| {
            near.and_then(|starts| starts.get(t.job))
                .map(|&start| start.min(i32::MAX as usize) as i32)
        })
        .collect()
}

/// The Luby sequence 1, 1, 2, 1, 1, 2, 4, … (`i` from 1).
fn luby(i: u32) -> u64 {
    let mut i = i as u64;
    loop {
        let mut k = 1u32;
        while (1u64 << k) - 1 < i {
            k += 1;
        }
        if i == (1u64 << k) - 1 {
            return 1u64 << (k - 1);
        }
        i -= (1u64 << (k - 1)) - 1;
    }
}

#[cfg(test)]
mod tests {
    use super::{search_with, Run, SearchEnd, MAIN};

    use crate::bounds::propagate::Propagator;
    use crate::{Calendar, Order, Portfolio, Team};
    use std::sync::atomic::AtomicBool;

    const TASKS: u32 = 22;

    /// Tasks packed on two teams of capacity 4, two chains among them: enough conflicts for
    /// several restarts.
    fn packing() -> crate::problem::Problem {
        let mut p = Portfolio::new(Calendar::units(80));
        p.add_team(Team::new("a", 4.0));
        p.add_team(Team::new("b", 4.0));
        let mut ids = Vec::new();
        for k in 0..TASKS {
            let (da, db) = (f64::from(1 + (k * 7) % 4), f64::from(1 + (k * 5) % 4));
            let demand = if k % 3 == 0 {
                vec![("a", da), ("b", db)]
            } else if k % 3 == 1 {
                vec![("a", da)]
            } else {
                vec![("b", db)]
            };
            ids.push(p.add_order(Order::fixed(format!("o{k}"), 1 + (k * 3) % 5, demand)));
        }
        for k in [0usize, 3, 6, 1, 4] {
            p.add_dependency(ids[k], ids[k + 1], crate::DependencyKind::FinishToStart, 0);
        }
        crate::validate(&p).expect("a valid portfolio")
    }

    /// The shortest horizon the search does not refute, with and without a tiny clause limit
    /// (so that clauses are dropped at restarts): the same, and its starts check out.
    #[test]
    fn dropping_clauses_keeps_the_search_exact() {
        let p = packing();
        let settle = |max_clauses: usize| {
            (1..=p.periods)
                .find(|&h| {
                    let Ok((prop, tasks)) = Propagator::new(&p, h) else {
                        return false;
                    };
                    let run = Run {
                        deadline: None,
                        stop: &AtomicBool::new(false),
                        near: None,
                        strategy: MAIN,
                        max_conflicts: None,
                    };
                    match search_with(&prop, &tasks, &run, max_clauses, None, &mut |_| {
                        super::Next::Stop
                    }) {
                        SearchEnd::Found(starts) => {
                            assert_eq!(starts.len(), TASKS as usize);
                            true
                        }
                        SearchEnd::Refuted => false,
                        SearchEnd::Unknown => unreachable!("no deadline"),
                    }
                })
                .expect("a horizon fits")
        };
        assert_eq!(settle(usize::MAX), settle(4));
    }

    #[test]
    fn luby_sequence_starts_as_published() {
        let got: Vec<u64> = (1..=15).map(super::luby).collect();
        assert_eq!(got, [1, 1, 2, 1, 1, 2, 4, 1, 1, 2, 1, 1, 2, 4, 8]);
    }
}

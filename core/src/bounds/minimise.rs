//! Cheaper plans by the search that learns (`lcg`): the objective becomes one more explained
//! rule (`lcg::cost`), and each plan found lowers its limit below that plan's cost.
//!
//! Two searches take turns on the first thread until the time is up (further threads search
//! neighbourhoods only, from the same best plan):
//! - the **whole search** over every start, which ends in a proof when no cheaper plan is
//!   left;
//! - **neighbourhoods**: most starts held at the best plan's, a group of tasks free (those
//!   whose starts lie nearest a period of the plan, or drawn at random), searched for a few
//!   hundred conflicts each. A group searched through without a cheaper plan grows the next
//!   one; a group cut short shrinks it.
//!
//! Both try the best plan's starts first, so each explores around it.

use super::lcg::{self, cost::CostRule, Next, Run, SearchEnd};
use super::propagate::{Propagator, Task};
use crate::heuristic::SplitMix;
use crate::problem::Problem;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Mutex;
use std::time::Instant;

/// How a search for cheaper plans ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CostSearchEnd {
    /// No plan of the rules the search sees costs at most the last limit: with a limit just
    /// below the best plan's cost, that plan is optimal.
    Proven,
    /// The deadline passed, `stop` was set, or `found` asked to stop.
    Stopped,
}

/// Share of the search's time in the first whole search, and in each later one.
const WHOLE_SHARE: f64 = 0.15;
/// Share of the search's time in each round of neighbourhoods between whole searches.
const NEIGHBOURHOOD_SHARE: f64 = 0.35;
/// Conflicts one neighbourhood may take.
const NEIGHBOURHOOD_CONFLICTS: u64 = 300;
/// Fewest tasks a neighbourhood frees.
const MIN_FREE: usize = 4;

/// What a search does with a plan it found: `found(starts, limit)` gets the starts (job,
/// period) of a plan that costs at most `limit` by the search's rules, and returns the limit
/// below the best plan known now and that plan's starts (per job), or `None` to stop the
/// search (the plan is not what the rules promised: a rule they do not see).
pub(crate) type OnFound<'a> =
    dyn FnMut(&[(usize, usize)], f64) -> Option<(f64, Vec<usize>)> + Send + 'a;

/// When a search ends and how many threads it takes.
#[derive(Clone, Copy)]
pub(crate) struct Effort<'a> {
    /// The search ends then.
    pub deadline: Instant,
    /// Set from outside: the search ends at its next look.
    pub stop: &'a AtomicBool,
    /// Threads to search on (at least one).
    pub threads: usize,
}

/// Searches for plans of the mandatory fixed-duration jobs of `p` within its calendar that
/// cost at most `limit`, where job `j` starting at period `s` costs `cost_of(j, s)`
/// (non-decreasing in `s`), on `effort.threads` threads: the first takes turns between the whole
/// search and neighbourhoods, the others search neighbourhoods only. Starts `near` (per job, a
/// known plan's) are tried first. Each plan found goes to `found` ([`OnFound`]). `Stopped` at
/// once where a cost decreases with a later start or the rules refute the calendar itself (the
/// caller holds a plan, so that would be a fault of the rules, not a proof).
pub(crate) fn minimise_cost(
    p: &Problem,
    cost_of: &dyn Fn(usize, usize) -> f64,
    limit: f64,
    near: &[usize],
    effort: &Effort<'_>,
    found: &mut OnFound<'_>,
) -> CostSearchEnd {
    let Effort {
        deadline,
        stop,
        threads,
    } = *effort;
    let Ok((propagator, tasks)) = Propagator::new(p, p.periods) else {
        return CostSearchEnd::Stopped;
    };
    let tables = tasks
        .iter()
        .map(|t| {
            let table = (t.es..=t.ls.max(t.es))
                .map(|s| cost_of(t.job, s as usize))
                .collect();
            (t.es, table)
        })
        .collect();
    let Some(rule) = CostRule::new(tables, limit) else {
        return CostSearchEnd::Stopped;
    };
    let shared = Shared {
        propagator: &propagator,
        tasks: &tasks,
        rule,
        stop,
        deadline,
        best: Mutex::new(Best {
            limit,
            near: near.to_vec(),
            found,
        }),
        over: AtomicBool::new(false),
    };
    let proven = std::thread::scope(|scope| {
        for k in 1..threads.max(1) {
            let shared = &shared;
            scope.spawn(move || shared.neighbourhoods(deadline, k as u64, &mut None));
        }
        let proven = shared.take_turns();
        shared.over.store(true, Ordering::Relaxed);
        proven
    });
    if proven {
        CostSearchEnd::Proven
    } else {
        CostSearchEnd::Stopped
    }
}

/// The best plan's limit and starts, and what to tell of each plan found.
struct Best<'f, 'a> {
    limit: f64,
    near: Vec<usize>,
    found: &'f mut OnFound<'a>,
}

/// What every thread of one search shares.
struct Shared<'s, 'p, 'f, 'a> {
    propagator: &'s Propagator<'p>,
    tasks: &'s [Task],
    rule: CostRule,
    stop: &'s AtomicBool,
    deadline: Instant,
    best: Mutex<Best<'f, 'a>>,
    /// The search is over: proven, `found` asked to stop, or the first thread ended.
    over: AtomicBool,
}

impl<'f, 'a> Shared<'_, '_, 'f, 'a> {
    /// True when the search must end by `until`.
    fn over(&self, until: Instant) -> bool {
        self.over.load(Ordering::Relaxed)
            || self.stop.load(Ordering::Relaxed)
            || Instant::now() >= until
    }

    /// The first thread: the whole search and rounds of neighbourhoods in turn; true when the
    /// whole search proves that no cheaper plan exists.
    fn take_turns(&self) -> bool {
        let total = self.deadline.saturating_duration_since(Instant::now());
        let slice = |share: f64| (Instant::now() + total.mul_f64(share)).min(self.deadline);
        let mut free = None;
        loop {
            let whole = self.run(self.tasks, self.best_now(), slice(WHOLE_SHARE), None);
            if whole == SearchEnd::Refuted && !self.over.load(Ordering::Relaxed) {
                return true;
            }
            self.neighbourhoods(slice(NEIGHBOURHOOD_SHARE), 0, &mut free);
            if self.over(self.deadline) {
                return false;
            }
        }
    }

    /// Neighbourhoods until `until`, drawn with `seed`, from `free` tasks freed (carried over
    /// between rounds).
    fn neighbourhoods(&self, until: Instant, seed: u64, free: &mut Option<usize>) {
        let n = self.tasks.len();
        let mut rng = SplitMix(0x5eed_c057 ^ seed.wrapping_mul(0x9e37_79b9_7f4a_7c15));
        let free = free.get_or_insert((n / 5).max(MIN_FREE).min(n));
        while !self.over(until) {
            let best = self.best_now();
            let sub = neighbourhood(self.tasks, &best.1, *free, &mut rng);
            match self.run(&sub, best, until, Some(NEIGHBOURHOOD_CONFLICTS)) {
                // Searched through: a larger group next time.
                SearchEnd::Refuted => *free = (*free + 1).min(n),
                SearchEnd::Unknown => *free = free.saturating_sub(1).max(MIN_FREE),
                SearchEnd::Found(_) => {}
            }
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Best<'f, 'a>> {
        self.best.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The best plan's limit and starts now.
    fn best_now(&self) -> (f64, Vec<usize>) {
        let best = self.lock();
        (best.limit, best.near.clone())
    }

    /// One search of `tasks` (their windows as given) below `best`'s limit, from its starts.
    fn run(
        &self,
        tasks: &[Task],
        best: (f64, Vec<usize>),
        until: Instant,
        max_conflicts: Option<u64>,
    ) -> SearchEnd {
        if self.over(until) {
            return SearchEnd::Unknown;
        }
        let (limit, near) = best;
        let mut rule = self.rule.clone();
        rule.limit = limit;
        let run = Run {
            deadline: Some(until),
            stop: self.stop,
            near: Some(&near),
            strategy: lcg::MAIN,
            max_conflicts,
        };
        let mut used = limit;
        let mut next = |starts: &[(usize, usize)]| {
            let mut best = self.lock();
            match (best.found)(starts, used) {
                Some((l, n)) => {
                    used = l;
                    best.limit = l;
                    best.near.clone_from(&n);
                    Next::Tighten { limit: l, near: n }
                }
                None => {
                    self.over.store(true, Ordering::Relaxed);
                    Next::Stop
                }
            }
        };
        lcg::minimise(self.propagator, tasks, &run, rule, &mut next)
    }
}

/// `tasks` with all but `free` of them held at their starts in `near`: those whose starts lie
/// nearest a period drawn from the plan (two times in three), else drawn at random.
fn neighbourhood(tasks: &[Task], near: &[usize], free: usize, rng: &mut SplitMix) -> Vec<Task> {
    let at = |t: &Task| (near.get(t.job).map_or(t.es, |&s| s as i64)).clamp(t.es, t.ls);
    let mut order: Vec<usize> = (0..tasks.len()).collect();
    if rng.below(3) < 2 {
        let centre = at(&tasks[rng.below(tasks.len())]);
        order.sort_by_cached_key(|&k| ((at(&tasks[k]) - centre).abs(), rng.next_u64()));
    } else {
        for k in (1..order.len()).rev() {
            order.swap(k, rng.below(k + 1));
        }
    }
    let mut sub = tasks.to_vec();
    for &k in &order[free.min(order.len())..] {
        let s = at(&tasks[k]);
        sub[k].es = s;
        sub[k].ls = s;
    }
    sub
}

//! A genetic search on activity lists (Hartmann 1998), with the serial scheme as decoder and,
//! when makespan comes first, forward-backward improvement of every child (Valls et al. 2005).
//!
//! - **Genome**: a precedence-feasible job list; [`super::sgs::Sgs`] turns it into a schedule,
//!   so every rule the scheme enforces holds for every member, whatever the problem.
//! - **First population**: one list per priority rule, then lists drawn with a bias toward the
//!   rules (regret-based sampling), best first.
//! - **Children**: two-point crossover (keeps precedence feasibility: each part keeps its
//!   parent's relative order), then mutation: adjacent swaps of unlinked jobs and one shift of
//!   a job within the positions its links allow.
//! - **Survivors**: the best distinct members of parents and children together (distinct by
//!   objective values and total finish, a cheap stand-in for "a different schedule").
//! - **Restarts**: after some generations without a better plan, all but the best quarter are
//!   replaced by fresh biased lists.
//! - **Pull-forward moves** (goals other than makespan, where no justification runs): a job
//!   drawn in proportion to its share of the cost moves earlier in the best list.
//! - **Annealing** (where [`super::anneals`]: goals other than makespan, no open decision, at
//!   most 600 jobs; `anneal`): after 5 % of the budget, simulated annealing from the best
//!   list (or the best list that failed: it may pass through lists that miss deadlines) up
//!   to 90 % of the budget, one chain per thread.
//! - **Local search** (goals other than makespan; `local`): then the best list is improved by
//!   batches of such moves until the budget is spent; then the genetic search goes on if
//!   budget is left.
//! - **Phases** end at their share of the budget by positions decoded, or, where the search
//!   anneals, by the wall-clock cap when that is nearer.
//! - **SearchEffort**: scheme runs counted in positions decoded (a partial decode counts what it
//!   decodes; deterministic: same seed, same plan) and a wall-clock
//!   cap (a safety net for large portfolios; when it ends the search, runs may differ). The
//!   search also ends when every level reaches a simple lower bound.

mod anneal;
mod local;

use super::justify::Justifier;
use super::rules::{build_list, rules_for, Rule, SplitMix};
use super::sgs::Sgs;
use super::{anneals, lex_less, SearchEffort};
use crate::objective::{level_value, Objective};
use crate::problem::{Link, Problem, Windows};
use crate::schedule::Schedule;
use std::time::Instant;

/// Swap probability per list position in mutation (Hartmann's 0.05).
const SWAP_RATE: f64 = 0.05;
/// Generations without a better plan before a restart.
const STALL: usize = 15;
/// Share of the budget for the genetic search before the local search takes over (goals
/// other than makespan).
const GENETIC_SHARE: f64 = 0.05;
/// Share of the budget spent when the annealing (where it runs) hands over to the local
/// search.
const ANNEAL_UNTIL: f64 = 0.9;

/// One member: a list and its key: the number of jobs the scheme could not place (0 for a
/// feasible list), then the objective values by level and the total finish.
#[derive(Clone)]
struct Member {
    list: Vec<usize>,
    key: Vec<f64>,
    /// Position in the list of the job the scheme could not place.
    failed: Option<usize>,
}

/// The best plan so far, with its key and the list it came from (the schedule without the
/// hours of effort-driven jobs: they are decoded once at the end).
#[derive(Clone)]
struct Best {
    key: Vec<f64>,
    schedule: Schedule,
    list: Vec<usize>,
}

/// The state of one search.
pub(crate) struct Search<'a> {
    p: &'a Problem,
    windows: &'a Windows,
    levels: &'a [Vec<(Objective, f64)>],
    budget: SearchEffort,
    sgs: Sgs,
    justifier: Option<Justifier>,
    /// Jobs linked to each job (either way), sorted.
    linked: Vec<Vec<usize>>,
    /// Predecessor links of each job.
    preds: Vec<Vec<Link>>,
    rules: Vec<Rule>,
    rng: SplitMix,
    started: Instant,
    /// Positions decoded by the mirror of forward-backward improvement.
    mirror_positions: u64,
    /// Positions charged to the local search (see `local`).
    local_positions: u64,
    /// Lower bound of each level (every plan is at least this).
    bounds: Vec<f64>,
    best: Option<Best>,
    /// Lists to evaluate before the rules' (a known plan's order).
    seeds: Vec<Vec<usize>>,
    /// Stops the search at the next look when set (the solve's cancel token).
    cancel: Option<crate::CancelToken>,
    /// Whether the search anneals ([`anneals`]), decided once.
    anneals: bool,
    /// Where each better plan's first-level value is reported (the solve's progress).
    progress: Option<crate::solve::ProgressHandle>,
    /// Hashes of the lists decoded so far, and how many lists in a row were among them.
    seen: std::collections::HashSet<u64>,
    repeats: usize,
}

/// Lists in a row that the search had decoded before, after which it stops: its moves reach
/// no list it has not tried (a portfolio of a few orders). A 2-order portfolio searched for 8 s
/// of a 10 s limit before this, on a core the solve's other searches needed.
const REPEATS_EXHAUSTED: usize = 2_000;

impl<'a> Search<'a> {
    /// Prepares a search on `p` within the windows' horizon.
    pub(crate) fn new(
        p: &'a Problem,
        windows: &'a Windows,
        levels: &'a [Vec<(Objective, f64)>],
        budget: SearchEffort,
    ) -> Search<'a> {
        let makespan_first = matches!(
            levels.first().map(|l| l.as_slice()),
            Some([(Objective::Makespan, _)])
        );
        let mut linked = vec![Vec::new(); p.jobs.len()];
        for l in &p.links {
            linked[l.from].push(l.to);
            linked[l.to].push(l.from);
        }
        for v in &mut linked {
            v.sort_unstable();
            v.dedup();
        }
        Search {
            p,
            windows,
            levels,
            budget,
            sgs: Sgs::new(p, windows.horizon),
            justifier: makespan_first.then(|| Justifier::new(p, windows.horizon)),
            linked,
            preds: p.preds(),
            rules: rules_for(levels),
            rng: SplitMix(budget.seed ^ 0x9e37_79b9_7f4a_7c15),
            started: Instant::now(),
            mirror_positions: 0,
            local_positions: 0,
            bounds: levels
                .iter()
                .map(|l| crate::objective::level_lower_bound(l, p, windows, &[]))
                .collect(),
            best: None,
            seeds: Vec::new(),
            cancel: None,
            anneals: anneals(p, levels),
            progress: None,
            seen: std::collections::HashSet::new(),
            repeats: 0,
        }
    }

    /// Adds precedence-feasible lists to the first population, evaluated before the rules'.
    pub(crate) fn with_seeds(mut self, seeds: &[Vec<usize>]) -> Self {
        self.seeds = seeds.to_vec();
        self
    }

    /// Stops the search, with the best plan so far, as soon as `cancel` is set.
    pub(crate) fn with_cancel(mut self, cancel: Option<crate::CancelToken>) -> Self {
        self.cancel = cancel;
        self
    }

    /// Reports each better plan's first-level value to `progress`.
    pub(crate) fn with_progress(mut self, progress: Option<crate::solve::ProgressHandle>) -> Self {
        self.progress = progress;
        self
    }

    /// Tells the progress a plan of this key is the best so far (key: see `list_key`).
    fn report(&self, key: &[f64]) {
        if let Some(p) = &self.progress {
            p.improved(key.get(1).copied(), None);
        }
    }

    /// Runs the search; the best schedule found, None when no list gave a feasible one.
    pub(crate) fn run(self) -> Option<Schedule> {
        self.run_with_list().map(|(s, _)| s)
    }

    /// [`Search::run`] with the list the best schedule decodes from.
    pub(crate) fn run_with_list(mut self) -> Option<(Schedule, Vec<usize>)> {
        let mut pop: Vec<Member> = Vec::new();
        // One list per rule, then the biased samples; the first population keeps the best.
        for list in std::mem::take(&mut self.seeds) {
            pop.extend(self.evaluate(list));
        }
        let rules = self.rules.clone();
        for &rule in &rules {
            if self.done() {
                break;
            }
            let list = build_list(self.p, self.windows, rule, None);
            pop.extend(self.evaluate(list));
        }
        for k in 0..self.budget.samples {
            if self.done() {
                break;
            }
            let list = self.sample(k);
            pop.extend(self.evaluate(list));
        }
        // Hartmann's sizes: about 40 members for a few thousand runs, fewer for small budgets.
        let size = (self.budget.evaluations / 125).clamp(8, 40);
        survive(&mut pop, size);
        let mut fresh = self.budget.samples;
        if self.justifier.is_some() {
            self.evolve(&mut pop, size, &mut fresh, 1.0);
        } else {
            // The genetic search finds the shape of a good plan, the local search on its best
            // list the details; then the genetic search again if budget is left.
            self.evolve(&mut pop, size, &mut fresh, GENETIC_SHARE);
            if self.anneals {
                // Annealing from the best list (or the best that failed: it may miss
                // deadlines on the way), then the local search polishes its best plan.
                let start = match &self.best {
                    Some(b) => Some(b.list.clone()),
                    None => pop.first().map(|m| m.list.clone()),
                };
                if let Some(start) = start {
                    self.anneal_chains(&start, ANNEAL_UNTIL);
                }
            }
            self.climb(1.0);
            if let Some(b) = &self.best {
                pop.push(Member {
                    list: b.list.clone(),
                    key: b.key.clone(),
                    failed: None,
                });
                survive(&mut pop, size);
            }
            self.evolve(&mut pop, size, &mut fresh, 1.0);
        }
        // The best list once more, with the hours of effort-driven jobs this time.
        let best = self.best.take()?;
        let s = self.sgs.try_run(self.p, &best.list).ok()?;
        Some((s, best.list))
    }

    /// Generations of the genetic search on `pop` (of `size` members) until [`Search::progress`]
    /// reaches `until` (a share of the budget) or the budget is spent; `fresh` counts the
    /// biased samples drawn so far.
    fn evolve(&mut self, pop: &mut Vec<Member>, size: usize, fresh: &mut usize, until: f64) {
        let mut stall = 0;
        while !self.done() && self.progress() < until && self.p.jobs.len() > 1 && !pop.is_empty() {
            let before = self.best_key();
            let mut order: Vec<usize> = (0..pop.len()).collect();
            self.shuffle(&mut order);
            let mut children = Vec::new();
            for pair in order.chunks(2) {
                let (a, b) = (&pop[pair[0]].list, &pop[pair[pair.len() - 1]].list);
                let (c1, c2) = self.crossover(a, b);
                for mut c in [c1, c2] {
                    if self.done() {
                        break;
                    }
                    self.mutate(&mut c);
                    children.extend(self.evaluate(c));
                }
            }
            if self.best.is_none() {
                // No feasible list yet: move the jobs that did not fit forward.
                let stuck: Vec<Member> =
                    pop.iter().filter(|m| m.failed.is_some()).cloned().collect();
                for m in &stuck {
                    if self.done() {
                        break;
                    }
                    children.extend(self.repair(m));
                }
            } else if self.justifier.is_none() {
                // Without justification, pull costly jobs forward in the best list instead.
                for _ in 0..size {
                    if self.done() {
                        break;
                    }
                    children.extend(self.pull_forward());
                }
            }
            pop.extend(children);
            survive(pop, size);
            let improved = match (&before, self.best_key()) {
                (Some(b), Some(a)) => lex_less(&a, b),
                (None, a) => a.is_some(),
                _ => false,
            };
            stall = if improved { 0 } else { stall + 1 };
            if stall >= STALL {
                stall = 0;
                pop.truncate((size / 4).max(1));
                while pop.len() < size && !self.done() {
                    let list = self.sample(*fresh);
                    *fresh += 1;
                    pop.extend(self.evaluate(list));
                }
                survive(pop, size);
            }
        }
    }

    /// The `k`-th biased sample, cycling through the rules.
    fn sample(&mut self, k: usize) -> Vec<usize> {
        let rule = self.rules[k % self.rules.len()];
        build_list(self.p, self.windows, rule, Some(&mut self.rng))
    }

    fn best_key(&self) -> Option<Vec<f64>> {
        self.best.as_ref().map(|b| b.key.clone())
    }

    /// True when the budget is spent or the best plan meets the lower bound on every level.
    fn done(&self) -> bool {
        if self.spent() >= self.limit()
            || self.repeats >= REPEATS_EXHAUSTED
            || self.cancel.as_ref().is_some_and(|c| c.is_cancelled())
        {
            return true;
        }
        if self
            .budget
            .seconds
            .is_some_and(|s| self.started.elapsed().as_secs_f64() >= s)
        {
            return true;
        }
        self.best.as_ref().is_some_and(|b| {
            b.key[1..]
                .iter()
                .zip(&self.bounds)
                .all(|(v, b)| *v <= b + 1e-9 * b.abs().max(1.0))
        })
    }

    /// Decodes `list` (and justifies it when makespan comes first). A list the scheme cannot
    /// finish is kept too, ranked behind every feasible one by how many jobs it left out, so
    /// that the search can work its way to feasibility (a heavily loaded portfolio where most
    /// orders go first, say).
    fn evaluate(&mut self, list: Vec<usize>) -> Option<Member> {
        let n = self.p.jobs.len() as u64;
        let hash = {
            use std::hash::{Hash, Hasher};
            let mut h = std::collections::hash_map::DefaultHasher::new();
            list.hash(&mut h);
            h.finish()
        };
        self.repeats = if self.seen.insert(hash) {
            0
        } else {
            self.repeats + 1
        };
        let (key, s) = match decode_key(self.p, self.levels, &mut self.sgs, &list) {
            Ok(x) => x,
            Err(k) => {
                let mut key = vec![0.0; self.levels.len() + 2];
                key[0] = (list.len() - k) as f64;
                return Some(Member {
                    list,
                    key,
                    failed: Some(k),
                });
            }
        };
        let mut member = Member {
            key,
            list,
            failed: None,
        };
        let mut schedule = s;
        let room = self.spent() + 2 * n <= self.limit();
        if let Some(j) = self.justifier.as_mut().filter(|_| room) {
            self.mirror_positions += n;
            if let Some(l2) = j.backward(self.p, &schedule, &member.list) {
                if let Ok((k2, s2)) = decode_key(self.p, self.levels, &mut self.sgs, &l2) {
                    if !lex_less(&member.key, &k2) {
                        member = Member {
                            list: l2,
                            key: k2,
                            failed: None,
                        };
                        schedule = s2;
                    }
                }
            }
        }
        let better = self
            .best
            .as_ref()
            .is_none_or(|b| lex_less(&member.key, &b.key));
        if better {
            self.report(&member.key);
            self.best = Some(Best {
                key: member.key.clone(),
                schedule,
                list: member.list.clone(),
            });
        }
        Some(member)
    }

    /// How much of the budget is spent, 0 to 1: by positions decoded, or by the wall-clock
    /// cap when that is nearer (then the phases keep their shares of the time).
    fn progress(&self) -> f64 {
        let by_work = self.spent() as f64 / self.limit().max(1) as f64;
        if !self.anneals {
            return by_work;
        }
        let by_clock = self
            .budget
            .seconds
            .map_or(0.0, |s| self.started.elapsed().as_secs_f64() / s.max(1e-9));
        by_work.max(by_clock)
    }

    /// Positions decoded so far (a full run of the scheme counts one per job).
    fn spent(&self) -> u64 {
        self.sgs.positions + self.mirror_positions + self.local_positions
    }

    /// The budget in positions: [`SearchEffort::evaluations`] full runs.
    fn limit(&self) -> u64 {
        self.budget.evaluations as u64 * self.p.jobs.len().max(1) as u64
    }

    /// A move on the best list: a job drawn in proportion to its share of the cost moves to a
    /// random earlier position (after its last predecessor), so it is placed sooner. The cost
    /// is the first level with a positive value (lateness, say, and once every order is on
    /// time, weighted completion).
    fn pull_forward(&mut self) -> Option<Member> {
        let best = self.best.as_ref()?;
        let blame = self.cost_shares(&best.schedule)?;
        let mut list = best.list.clone();
        let j = self.draw(&blame);
        let i = list.iter().position(|&k| k == j)?;
        if !self.move_earlier(&mut list, i) {
            return None;
        }
        self.evaluate(list)
    }

    /// Each job's part of the cost of `s` on the first level where it is positive (lateness,
    /// say, and once every order is on time, weighted completion); None when every level is 0.
    fn cost_shares(&self, s: &Schedule) -> Option<Vec<f64>> {
        self.level_shares(s).next()
    }

    /// Each job's part of the cost of `s`, level by level from the first level where it is
    /// positive ([`Search::cost_shares`]) on, each level computed as it is asked for.
    fn level_shares<'s>(&'s self, s: &'s Schedule) -> impl Iterator<Item = Vec<f64>> + 's {
        self.levels
            .iter()
            .map(move |l| blame(l, self.p, s))
            .skip_while(|b| b.iter().sum::<f64>() <= 0.0)
    }

    /// A move on an infeasible list: the job that could not be placed moves to a random
    /// earlier position (and when a predecessor stands right before it, that predecessor
    /// moves instead).
    fn repair(&mut self, m: &Member) -> Option<Member> {
        let mut i = m.failed?;
        let mut list = m.list.clone();
        while !self.move_earlier(&mut list, i) {
            i = i.checked_sub(1)?;
        }
        self.evaluate(list)
    }

    /// Moves the job at position `i` to a random earlier position after its last linked
    /// job (its last predecessor in a precedence-feasible list); false when there is none.
    fn move_earlier(&mut self, list: &mut [usize], i: usize) -> bool {
        let j = list[i];
        let mut lo = i;
        while lo > 0 && self.linked[j].binary_search(&list[lo - 1]).is_err() {
            lo -= 1;
        }
        if lo == i {
            return false;
        }
        let to = lo + self.rng.below(i - lo);
        list[to..=i].rotate_right(1);
        true
    }

    fn shuffle(&mut self, v: &mut [usize]) {
        for i in (1..v.len()).rev() {
            let k = self.rng.below(i + 1);
            v.swap(i, k);
        }
    }

    /// Two-point crossover: each child takes its head from one parent, its middle from the
    /// other (in that parent's order) and its tail from the first again.
    fn crossover(&mut self, a: &[usize], b: &[usize]) -> (Vec<usize>, Vec<usize>) {
        let n = a.len();
        let mut q1 = self.rng.below(n + 1);
        let mut q2 = self.rng.below(n + 1);
        if q1 > q2 {
            std::mem::swap(&mut q1, &mut q2);
        }
        (cross(a, b, q1, q2), cross(b, a, q1, q2))
    }

    /// The positions the job at position `i` of a precedence-feasible list may move to, first
    /// and last: in such a list, linked jobs before it are its predecessors and linked jobs
    /// after it its successors, so it may go anywhere between them.
    fn free_range(&self, list: &[usize], i: usize) -> (usize, usize) {
        let j = list[i];
        let mut lo = i;
        while lo > 0 && self.linked[j].binary_search(&list[lo - 1]).is_err() {
            lo -= 1;
        }
        let mut hi = i;
        while hi + 1 < list.len() && self.linked[j].binary_search(&list[hi + 1]).is_err() {
            hi += 1;
        }
        (lo, hi)
    }

    /// Adjacent swaps of unlinked jobs, then one job shifted within its feasible range.
    fn mutate(&mut self, list: &mut [usize]) {
        let n = list.len();
        for i in 0..n.saturating_sub(1) {
            if self.rng.next_f64() < SWAP_RATE
                && self.linked[list[i]].binary_search(&list[i + 1]).is_err()
            {
                list.swap(i, i + 1);
            }
        }
        if n < 2 {
            return;
        }
        let i = self.rng.below(n);
        let (lo, hi) = self.free_range(list, i);
        let to = lo + self.rng.below(hi - lo + 1);
        if to < i {
            list[to..=i].rotate_right(1);
        } else {
            list[i..=to].rotate_left(1);
        }
    }
}

/// Decodes `list` with `sgs` into its key and its schedule (without the hours of
/// effort-driven jobs, which no objective of the search reads); `Err` with the position of the
/// job that could not be placed. The key: 0 (no job left out), the objective values by level,
/// then the sum of finish periods (a tie-break that prefers compact schedules).
fn decode_key(
    p: &Problem,
    levels: &[Vec<(Objective, f64)>],
    sgs: &mut Sgs,
    list: &[usize],
) -> Result<(Vec<f64>, Schedule), usize> {
    sgs.decode(p, list)?;
    let s = sgs.schedule(false);
    Ok((list_key(p, levels, &s), s))
}

/// The key of a schedule a list decoded into in full: 0 (no job left out), the objective
/// values by level, then the sum of finish periods.
fn list_key(p: &Problem, levels: &[Vec<(Objective, f64)>], s: &Schedule) -> Vec<f64> {
    let mut k = vec![0.0];
    k.extend(levels.iter().map(|l| level_value(l, p, s)));
    k.push(s.jobs.iter().map(|j| j.finish as f64).sum());
    k
}

/// Each job's part of the value of `level` in `s` (jobs at the end for makespan).
fn blame(level: &[(Objective, f64)], p: &Problem, s: &Schedule) -> Vec<f64> {
    let end = s
        .jobs
        .iter()
        .filter(|j| j.selected)
        .map(|j| j.go_live)
        .max()
        .unwrap_or(0);
    p.jobs
        .iter()
        .zip(&s.jobs)
        .map(|(job, jt)| {
            if !jt.selected {
                return 0.0;
            }
            level
                .iter()
                .map(|&(o, w)| {
                    w * match o {
                        Objective::Makespan => f64::from(u8::from(jt.go_live == end)),
                        Objective::WeightedLateness => job
                            .due
                            .map_or(0.0, |d| job.weight * jt.go_live.saturating_sub(d) as f64),
                        Objective::WeightedCompletion => job.weight * (jt.go_live + 1) as f64,
                        _ => 0.0,
                    }
                })
                .sum()
        })
        .collect()
}

fn cross(a: &[usize], b: &[usize], q1: usize, q2: usize) -> Vec<usize> {
    let mut taken = vec![false; a.len()];
    let mut child = Vec::with_capacity(a.len());
    for &j in &a[..q1] {
        taken[j] = true;
        child.push(j);
    }
    for &j in b {
        if child.len() >= q2 {
            break;
        }
        if !taken[j] {
            taken[j] = true;
            child.push(j);
        }
    }
    for &j in a {
        if !taken[j] {
            taken[j] = true;
            child.push(j);
        }
    }
    child
}

/// Keeps the `size` best members with distinct keys, best first (a stable sort, so ties keep
/// their order and runs are reproducible).
fn survive(pop: &mut Vec<Member>, size: usize) {
    pop.sort_by(|a, b| {
        a.key
            .iter()
            .zip(&b.key)
            .map(|(x, y)| x.total_cmp(y))
            .find(|o| o.is_ne())
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    pop.dedup_by(|a, b| a.key == b.key);
    pop.truncate(size);
}

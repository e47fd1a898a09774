//! Priority rules: the order in which the schedule-generation scheme places jobs.

use crate::model::DependencyKind;
use crate::objective::Objective;
use crate::problem::{Problem, Windows};

/// A priority rule; smaller key first among the jobs whose predecessors are placed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// Latest finish time (the classic RCPSP rule).
    LatestFinish,
    /// Latest start time.
    LatestStart,
    /// Earliest due period (latest finish when none), heavier weight first on ties.
    EarliestDue,
    /// Slack to the due period per unit of weight.
    WeightedSlack,
    /// Earliest due period with the dependants' due periods carried back along the links
    /// (`dependants_due` in this module): an order that others wait on is due when they need
    /// it, even without a due date of its own. Latest finish when neither it nor anything after
    /// it has a due period; heavier weight first on ties.
    DependantsDue,
}

impl Rule {
    /// The rules tried for goals that do not put lateness first.
    const CLASSIC: [Rule; 4] = [
        Rule::LatestFinish,
        Rule::LatestStart,
        Rule::EarliestDue,
        Rule::WeightedSlack,
    ];

    /// The key of every job.
    fn keys(self, p: &Problem, w: &Windows) -> Vec<f64> {
        // The due periods the rule reads: each job's own, or with its dependants' carried back.
        let due: Vec<Option<i64>> = match self {
            Rule::DependantsDue => dependants_due(p, w),
            _ => p.jobs.iter().map(|j| j.due.map(|d| d as i64)).collect(),
        };
        (0..p.jobs.len())
            .map(|j| self.key(p, w, j, due[j]))
            .collect()
    }

    fn key(self, p: &Problem, w: &Windows, j: usize, due: Option<i64>) -> f64 {
        let win = w.jobs[j];
        let job = &p.jobs[j];
        let due = due.map_or(win.lf as f64, |d| d as f64);
        match self {
            Rule::LatestFinish => win.lf as f64,
            Rule::LatestStart => win.ls as f64,
            Rule::EarliestDue | Rule::DependantsDue => due - job.weight * 1e-6,
            Rule::WeightedSlack => (due - win.ef as f64) / job.weight.max(1e-3),
        }
    }
}

/// The go-live period by which each job must go live for every job that waits on it, directly
/// or through others, to be able to go live by its due period: its own due period where that is
/// earlier; `None` where neither it nor any job after it has a due period.
///
/// A backward pass over the links in reverse topological order. A dependant's go-live by `g`
/// means its start by `g` less its shortest start-to-go-live span, and its finish by `g` less
/// its shortest finish-to-go-live span (both from the time windows: the fastest pace the
/// calendar and the go-live rules allow); each link kind then turns the dependant's latest
/// start, finish or go-live into the predecessor's, with the link's lag, and the predecessor's
/// own shortest spans turn that into a go-live. Periods may come out negative (already too
/// late): they only rank jobs.
///
/// EDD ranks an order without a due date last, even when a critical order waits on it; on
/// generated portfolios with dependencies this pass is most of the difference to the optimum
/// (`docs/heuristic.md`, "Dues carried back along the links").
pub(crate) fn dependants_due(p: &Problem, w: &Windows) -> Vec<Option<i64>> {
    let mut due: Vec<Option<i64>> = p.jobs.iter().map(|j| j.due.map(|d| d as i64)).collect();
    let succs = p.succs();
    let span = |j: usize| {
        let win = w.jobs[j];
        (win.eg as i64 - win.es as i64, win.eg as i64 - win.ef as i64)
    };
    for j in p.topological_order().into_iter().rev() {
        let (start_to_live, finish_to_live) = span(j);
        for l in &succs[j] {
            let Some(g) = due[l.to] else { continue };
            let (s_start, s_finish) = span(l.to);
            let lag = l.lag;
            let needed = match l.kind {
                DependencyKind::FinishToStart => g - s_start - 1 - lag + finish_to_live,
                DependencyKind::LiveToStart => g - s_start - 1 - lag,
                DependencyKind::StartToStart => g - s_start - lag + start_to_live,
                DependencyKind::FinishToFinish => g - s_finish - lag + finish_to_live,
                DependencyKind::LiveToLive => g - lag,
            };
            due[j] = Some(due[j].map_or(needed, |d| d.min(needed)));
        }
    }
    due
}

/// The precedence-feasible list `rule` gives: the smallest key first among the jobs whose
/// predecessors are listed. With [`crate::heuristic::serial_sgs`] it is one greedy pass, such
/// as the earliest-due levelling of desktop planning tools ([`Rule::EarliestDue`]).
///
/// ```
/// use leverans::heuristic::{rule_list, serial_sgs, Rule};
/// use leverans::problem::Windows;
/// let text = r#"{"calendar": {"period": "unit", "periods": 8},
///   "teams": [{"id": "dev", "hours_per_week": 1}],
///   "orders": [
///     {"id": "a", "due": 6, "duration": 2, "demand": [{"team": "dev", "hours_per_week": 1}]},
///     {"id": "b", "due": 2, "duration": 2, "demand": [{"team": "dev", "hours_per_week": 1}]}]}"#;
/// let portfolio = leverans::io::read_portfolio_json(text, "two").unwrap();
/// let problem = leverans::validate(&portfolio).unwrap();
/// let windows = Windows::compute(&problem, problem.periods).unwrap();
/// let list = rule_list(&problem, &windows, Rule::EarliestDue);
/// assert_eq!(list, vec![1, 0]); // `b` is due first
/// assert!(serial_sgs(&problem, &list, windows.horizon).is_some());
/// ```
pub fn rule_list(p: &Problem, w: &Windows, rule: Rule) -> Vec<usize> {
    build_list(p, w, rule, None)
}

/// Precedence-feasible job lists: one per rule, then `samples` lists drawn at random with a bias
/// toward each rule's choice (regret-based biased sampling), from `seed`.
pub fn priority_lists(
    p: &Problem,
    w: &Windows,
    levels: &[Vec<(Objective, f64)>],
    samples: usize,
    seed: u64,
) -> Vec<Vec<usize>> {
    let rules = rules_for(levels);
    let mut lists: Vec<Vec<usize>> = rules.iter().map(|&r| build_list(p, w, r, None)).collect();
    let mut rng = SplitMix(seed ^ 0x9e37_79b9_7f4a_7c15);
    for k in 0..samples {
        let rule = rules[k % rules.len()];
        lists.push(build_list(p, w, rule, Some(&mut rng)));
    }
    lists
}

/// The rules worth trying for a goal, the most promising first.
pub(crate) fn rules_for(levels: &[Vec<(Objective, f64)>]) -> Vec<Rule> {
    let tardiness_first = matches!(
        levels.first().map(|l| l.as_slice()),
        Some([(Objective::WeightedLateness, _), ..])
    );
    if tardiness_first {
        vec![
            Rule::DependantsDue,
            Rule::EarliestDue,
            Rule::WeightedSlack,
            Rule::LatestFinish,
            Rule::LatestStart,
        ]
    } else {
        Rule::CLASSIC.to_vec()
    }
}

/// A precedence-feasible list by `rule`: the smallest key first among the jobs whose
/// predecessors are listed, or drawn with a bias toward it when `rng` is given.
///
/// Both in O(n log n): the rule's list by a heap, the draw by a Fenwick tree over the jobs
/// (regret-based sampling weighs a job by `(max − key + 1)²`, `max` over the eligible jobs,
/// which is a sum of three terms in 1, `key` and `key²`; the tree keeps their sums, so a draw
/// is one descent). A list of 5 000 jobs took 30 ms with a scan of the eligible jobs per pick.
pub(crate) fn build_list(
    p: &Problem,
    w: &Windows,
    rule: Rule,
    rng: Option<&mut SplitMix>,
) -> Vec<usize> {
    let n = p.jobs.len();
    let succs = p.succs();
    let mut indeg = vec![0; n];
    for l in &p.links {
        indeg[l.to] += 1;
    }
    let keys = rule.keys(p, w);
    let Some(rng) = rng else {
        let ordered: Vec<u64> = keys.iter().map(|&k| total_order(k)).collect();
        return precedence_list(&succs, &indeg, &ordered);
    };
    let mut missing = indeg;
    let mut tree = Fenwick::new(n);
    // The largest key among the eligible jobs: a heap of (key, job) with stale entries skipped.
    let mut maxes = std::collections::BinaryHeap::new();
    let mut eligible = vec![false; n];
    for j in (0..n).filter(|&j| missing[j] == 0) {
        tree.add(j, keys[j]);
        maxes.push((total_order(keys[j]), j));
        eligible[j] = true;
    }
    let mut list = Vec::with_capacity(n);
    while let Some(&(_, top)) = maxes.peek() {
        if !eligible[top] {
            maxes.pop();
            continue;
        }
        let c = keys[top] + 1.0;
        // Weight of a set of jobs with sums (s0, s1, s2) of 1, key and key²: c²·s0 − 2c·s1 + s2.
        let weight = |s: [f64; 3]| (c * c * s[0] - 2.0 * c * s[1] + s[2]).max(0.0);
        let j = tree.find(rng.next_f64() * weight(tree.total()), &weight);
        let j = if eligible[j] { j } else { top };
        tree.add_sums(j, [-1.0, -keys[j], -keys[j] * keys[j]]);
        eligible[j] = false;
        list.push(j);
        for l in &succs[j] {
            missing[l.to] -= 1;
            if missing[l.to] == 0 {
                tree.add(l.to, keys[l.to]);
                maxes.push((total_order(keys[l.to]), l.to));
                eligible[l.to] = true;
            }
        }
    }
    list
}

/// A whole number in the order of `f64::total_cmp`.
fn total_order(x: f64) -> u64 {
    let b = x.to_bits();
    if b >> 63 == 1 {
        !b
    } else {
        b | 1 << 63
    }
}

/// A Fenwick tree of the sums of 1, key and key² over the eligible jobs.
struct Fenwick {
    sums: Vec<[f64; 3]>,
}

impl Fenwick {
    fn new(n: usize) -> Fenwick {
        Fenwick {
            sums: vec![[0.0; 3]; n + 1],
        }
    }

    fn add(&mut self, j: usize, key: f64) {
        self.add_sums(j, [1.0, key, key * key]);
    }

    fn add_sums(&mut self, j: usize, d: [f64; 3]) {
        let mut i = j + 1;
        while i < self.sums.len() {
            for (s, x) in self.sums[i].iter_mut().zip(d) {
                *s += x;
            }
            i += i & i.wrapping_neg();
        }
    }

    fn total(&self) -> [f64; 3] {
        let mut out = [0.0; 3];
        let mut i = self.sums.len() - 1;
        while i > 0 {
            for (o, x) in out.iter_mut().zip(self.sums[i]) {
                *o += x;
            }
            i -= i & i.wrapping_neg();
        }
        out
    }

    /// The job where the running weight passes `x` (the last job when rounding overshoots).
    fn find(&self, mut x: f64, weight: &dyn Fn([f64; 3]) -> f64) -> usize {
        let n = self.sums.len() - 1;
        let mut pos = 0;
        let mut step = n.next_power_of_two();
        while step > 0 {
            let next = pos + step;
            if next <= n {
                let w = weight(self.sums[next]);
                if x >= w {
                    x -= w;
                    pos = next;
                }
            }
            step /= 2;
        }
        pos.min(n - 1)
    }
}

/// A precedence-feasible list of all jobs: among the jobs whose predecessors are listed, the one
/// with the smallest `key` comes next (ties by job index). `succs` and `indeg` describe the
/// links (successor lists and predecessor counts).
pub(crate) fn precedence_list<K: Ord + Copy>(
    succs: &[Vec<crate::problem::Link>],
    indeg: &[usize],
    key: &[K],
) -> Vec<usize> {
    use std::cmp::Reverse;
    use std::collections::BinaryHeap;
    let mut missing = indeg.to_vec();
    let mut heap: BinaryHeap<Reverse<(K, usize)>> = (0..indeg.len())
        .filter(|&j| missing[j] == 0)
        .map(|j| Reverse((key[j], j)))
        .collect();
    let mut list = Vec::with_capacity(indeg.len());
    while let Some(Reverse((_, j))) = heap.pop() {
        list.push(j);
        for l in &succs[j] {
            missing[l.to] -= 1;
            if missing[l.to] == 0 {
                heap.push(Reverse((key[l.to], l.to)));
            }
        }
    }
    list
}

/// A small deterministic generator (SplitMix64), so that the same seed gives the same plan.
pub(crate) struct SplitMix(pub u64);

impl SplitMix {
    pub(crate) fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    pub(crate) fn next_f64(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    /// A whole number in `0..n` (`n` > 0; the modulo bias is negligible for list lengths).
    pub(crate) fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
}

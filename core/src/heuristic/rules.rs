//! Priority rules: the order in which the schedule-generation scheme places jobs.

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
}

impl Rule {
    const ALL: [Rule; 4] = [
        Rule::LatestFinish,
        Rule::LatestStart,
        Rule::EarliestDue,
        Rule::WeightedSlack,
    ];

    fn key(self, p: &Problem, w: &Windows, j: usize) -> f64 {
        let win = w.jobs[j];
        let job = &p.jobs[j];
        let due = job.due.map_or(win.lf as f64, |d| d as f64);
        match self {
            Rule::LatestFinish => win.lf as f64,
            Rule::LatestStart => win.ls as f64,
            Rule::EarliestDue => due - job.weight * 1e-6,
            Rule::WeightedSlack => (due - win.ef as f64) / job.weight.max(1e-3),
        }
    }
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
        Some([(Objective::WeightedTardiness, _), ..])
    );
    if tardiness_first {
        vec![
            Rule::EarliestDue,
            Rule::WeightedSlack,
            Rule::LatestFinish,
            Rule::LatestStart,
        ]
    } else {
        Rule::ALL.to_vec()
    }
}

/// A precedence-feasible list by `rule`: the smallest key first among the jobs whose
/// predecessors are listed, or drawn with a bias toward it when `rng` is given.
pub(crate) fn build_list(
    p: &Problem,
    w: &Windows,
    rule: Rule,
    mut rng: Option<&mut SplitMix>,
) -> Vec<usize> {
    let n = p.jobs.len();
    let preds = p.preds();
    let succs = p.succs();
    let mut missing: Vec<usize> = preds.iter().map(|v| v.len()).collect();
    let keys: Vec<f64> = (0..n).map(|j| rule.key(p, w, j)).collect();
    let mut eligible: Vec<usize> = (0..n).filter(|&j| missing[j] == 0).collect();
    let mut list = Vec::with_capacity(n);
    while !eligible.is_empty() {
        let pick = match rng.as_deref_mut() {
            None => (0..eligible.len())
                .min_by(|&a, &b| {
                    keys[eligible[a]]
                        .total_cmp(&keys[eligible[b]])
                        .then(eligible[a].cmp(&eligible[b]))
                })
                .expect("eligible is not empty"),
            Some(rng) => {
                // Regret-based biased random sampling: weight (max key - key + 1)^2.
                let max = eligible.iter().map(|&j| keys[j]).fold(f64::MIN, f64::max);
                let weights: Vec<f64> = eligible
                    .iter()
                    .map(|&j| (max - keys[j] + 1.0).powi(2))
                    .collect();
                let total: f64 = weights.iter().sum();
                let mut x = rng.next_f64() * total;
                let mut k = 0;
                while k + 1 < weights.len() && x >= weights[k] {
                    x -= weights[k];
                    k += 1;
                }
                k
            }
        };
        let j = eligible.swap_remove(pick);
        list.push(j);
        for l in &succs[j] {
            missing[l.to] -= 1;
            if missing[l.to] == 0 {
                eligible.push(l.to);
            }
        }
    }
    list
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

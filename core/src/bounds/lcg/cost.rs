//! The objective as an explained rule: the plans still searched must cost at most `limit`,
//! where each task's cost is a non-decreasing function of its start (weighted lateness or
//! completion of its go-live, for instance).
//!
//! - The least cost of the current bounds is the sum of each task's cost at its earliest
//!   start. Above `limit` it is a conflict, explained by the earliest starts of the costliest
//!   tasks, as few as it takes: `[s_j ≥ v_j]`, each `v_j` lowered to the first start with the
//!   same cost (a lifted explanation holds in more of the search).
//! - A task whose cost at a later start would lift the sum above `limit` cannot start there:
//!   its latest start comes down, explained by the other tasks' earliest starts the same way.

use super::domain::{Conflict, Domains, Lit};

/// Cost slack when comparing sums of floats.
const EPS: f64 = 1e-6;

/// Per-task costs by start and the limit on their sum.
#[derive(Clone)]
pub(in crate::bounds) struct CostRule {
    /// Per task: the first start its table covers.
    first: Vec<i32>,
    /// Per task: cost by start from `first` (non-decreasing); starts past the table cost its
    /// last entry.
    cost: Vec<Vec<f64>>,
    /// Per task and start: the first start with the same cost.
    same_from: Vec<Vec<i32>>,
    /// Most cost a plan searched may have.
    pub(in crate::bounds) limit: f64,
}

impl CostRule {
    /// The rule for tasks with the cost tables `tables` (per task: the first start and the
    /// cost of each start from it, non-decreasing); `None` when a table decreases somewhere.
    pub(in crate::bounds) fn new(tables: Vec<(i64, Vec<f64>)>, limit: f64) -> Option<CostRule> {
        let mut first = Vec::with_capacity(tables.len());
        let mut cost = Vec::with_capacity(tables.len());
        let mut same_from = Vec::with_capacity(tables.len());
        for (start, table) in tables {
            if table.is_empty() || table.windows(2).any(|w| w[1] < w[0] - EPS || w[0].is_nan()) {
                return None;
            }
            let mut same = Vec::with_capacity(table.len());
            for (k, c) in table.iter().enumerate() {
                let from = match same.last() {
                    Some(&prev) if (table[k - 1] - c).abs() <= EPS => prev,
                    _ => start as i32 + k as i32,
                };
                same.push(from);
            }
            first.push(start as i32);
            cost.push(table);
            same_from.push(same);
        }
        Some(CostRule {
            first,
            cost,
            same_from,
            limit,
        })
    }

    /// Cost of task `i` starting at `s`.
    fn at(&self, i: usize, s: i32) -> f64 {
        let t = &self.cost[i];
        t[(s - self.first[i]).clamp(0, t.len() as i32 - 1) as usize]
    }

    /// The first start of task `i` with the cost of start `s`.
    fn lifted(&self, i: usize, s: i32) -> i32 {
        let t = &self.same_from[i];
        let k = s - self.first[i];
        if k < 0 {
            return s;
        }
        t[(k as usize).min(t.len() - 1)].min(s)
    }

    /// Applies the rule once over every task; true when a bound changed.
    pub(super) fn propagate(&self, d: &mut Domains) -> Result<bool, Conflict> {
        let n = self.cost.len();
        let least: Vec<f64> = (0..n).map(|i| self.at(i, d.lb[i])).collect();
        let total: f64 = least.iter().sum();
        // The costliest tasks first: the shortest explanations.
        let mut costly: Vec<usize> = (0..n).filter(|&i| least[i] > EPS).collect();
        costly.sort_by(|&a, &b| least[b].total_cmp(&least[a]).then(a.cmp(&b)));
        if total > self.limit + EPS {
            return Err(self.explain(d, &least, &costly, None, self.limit));
        }
        let mut changed = false;
        for i in 0..n {
            let (lb, ub) = (d.lb[i], d.ub[i]);
            if lb >= ub {
                continue;
            }
            let slack = self.limit - (total - least[i]);
            if self.at(i, ub) <= slack + EPS {
                continue;
            }
            // The last start within the slack: costs do not decrease, so bisect.
            let (mut ok, mut bad) = (lb, ub);
            while bad - ok > 1 {
                let mid = ok + (bad - ok) / 2;
                if self.at(i, mid) <= slack + EPS {
                    ok = mid;
                } else {
                    bad = mid;
                }
            }
            // Starting at `bad` would cost more than the others leave: they cost more than
            // `limit − cost(bad)`.
            let why = self.explain(d, &least, &costly, Some(i), self.limit - self.at(i, bad));
            changed |= d.explain(Lit::le(i, ok as i64), &why)?;
        }
        Ok(changed)
    }

    /// Earliest-start literals of the costliest tasks other than `except` whose costs sum to
    /// more than `over`.
    fn explain(
        &self,
        d: &Domains,
        least: &[f64],
        costly: &[usize],
        except: Option<usize>,
        over: f64,
    ) -> Vec<Lit> {
        let mut why = Vec::new();
        let mut sum = 0.0;
        for &j in costly.iter().filter(|&&j| Some(j) != except) {
            if sum > over + EPS {
                break;
            }
            sum += least[j];
            why.push(Lit::ge(j, self.lifted(j, d.lb[j]) as i64));
        }
        why
    }
}

#[cfg(test)]
mod tests {
    use super::CostRule;
    use crate::bounds::lcg::domain::{Domains, Lit};

    /// Three tasks, each costing 0 up to start 2, then 1 a period later; at most 2 in all.
    fn rule(limit: f64) -> CostRule {
        let table = vec![0.0, 0.0, 0.0, 1.0, 2.0, 3.0];
        CostRule::new(
            vec![(0, table.clone()), (0, table.clone()), (0, table)],
            limit,
        )
        .expect("non-decreasing tables")
    }

    #[test]
    fn latest_starts_come_down_to_what_the_limit_leaves() {
        let r = rule(2.0);
        let mut d = Domains::new([(0, 5), (4, 5), (0, 5)].into_iter());
        // Task 1 costs 2 at its earliest start: the others must cost nothing.
        assert_eq!(r.propagate(&mut d), Ok(true));
        assert_eq!((d.ub[0], d.ub[2]), (2, 2));
        // Explained by task 1's earliest start, lifted to the first start costing as much.
        let why = &d.explanations[..];
        assert!(why.contains(&Lit::ge(1, 4)), "{why:?}");
    }

    #[test]
    fn a_sum_above_the_limit_is_a_conflict_of_the_costliest_starts() {
        let r = rule(2.0);
        let mut d = Domains::new([(5, 5), (3, 5), (0, 5)].into_iter());
        let conflict = r.propagate(&mut d).expect_err("3 + 1 > 2");
        // Task 0 alone costs 3: the explanation needs nothing else.
        assert_eq!(conflict, vec![Lit::ge(0, 5)]);
    }

    /// Every bound the rule narrows and every conflict it reports follows from its explanation
    /// alone: the rule applied to the initial bounds plus the explanation's literals narrows
    /// the same bound (or fails). An explanation that leaves out a literal it needs breaks
    /// the learned clauses; this is where that shows.
    #[test]
    fn explanations_suffice_on_their_own() {
        use crate::bounds::lcg::domain::Reason;
        use crate::heuristic::SplitMix;
        let mut rng = SplitMix(7);
        let mut narrowed = 0;
        for _ in 0..2_000 {
            let n = 2 + rng.below(5);
            let tables: Vec<(i64, Vec<f64>)> = (0..n)
                .map(|_| {
                    let mut c = rng.below(3) as f64;
                    let table = (0..8)
                        .map(|_| {
                            c += [0.0, 0.0, 1.0, 2.5][rng.below(4)];
                            c
                        })
                        .collect();
                    (rng.below(3) as i64, table)
                })
                .collect();
            let initial: Vec<(i64, i64)> = tables
                .iter()
                .map(|(f, t)| (*f, f + t.len() as i64 - 1))
                .collect();
            let limit = rng.below(12) as f64;
            let rule = CostRule::new(tables, limit).expect("non-decreasing tables");
            let mut d = Domains::new(initial.iter().copied());
            for (k, &(lo, hi)) in initial.iter().enumerate() {
                let lb = lo + rng.below((hi - lo + 1) as usize) as i64;
                d.set(Lit::ge(k, lb), Reason::Decision, &[]).unwrap();
            }
            let replay = |because: &[Lit]| {
                let mut fresh = Domains::new(initial.iter().copied());
                for &l in because {
                    fresh
                        .set(l, Reason::Decision, &[])
                        .expect("explanation literals hold together");
                }
                let out = rule.propagate(&mut fresh);
                (fresh, out)
            };
            match rule.propagate(&mut d) {
                Err(conflict) => {
                    assert!(
                        replay(&conflict).1.is_err(),
                        "conflict {conflict:?} does not fail alone"
                    );
                }
                Ok(_) => {
                    for e in d.trail.iter() {
                        let Reason::Lits(a, b) = e.reason else {
                            continue;
                        };
                        narrowed += 1;
                        let because = &d.explanations[a as usize..b as usize];
                        let (fresh, out) = replay(because);
                        assert!(
                            out.is_err() || fresh.is_true(e.lit),
                            "{:?} does not follow from {because:?}",
                            e.lit
                        );
                    }
                }
            }
        }
        assert!(
            narrowed > 100,
            "only {narrowed} bounds narrowed: the cases test little"
        );
    }

    #[test]
    fn a_decreasing_table_is_refused() {
        assert!(CostRule::new(vec![(0, vec![1.0, 0.0])], 1.0).is_none());
    }
}

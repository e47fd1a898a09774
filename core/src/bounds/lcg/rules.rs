//! The scheduling rules as explained propagators: each narrowed bound and each conflict comes
//! with the bound literals that imply it, so that conflicts can be analysed into clauses.
//!
//! - dependencies `s_b ≥ s_a + δ`;
//! - disjunctive pairs (two tasks that never fit side by side on a team): when one order of
//!   the pair is ruled out, the other holds;
//! - time-tabling: the compulsory parts of tasks are certain load, and a task cannot cover a
//!   period where its demand on top of the others' certain load exceeds capacity. The
//!   explanation of a period's load is pointwise: the tasks whose compulsory parts cover it,
//!   `[s_j ≤ t] ∧ [s_j ≥ t − p_j + 1]`, as few as it takes to exceed capacity.

use super::domain::{Conflict, Domains, Lit};
use crate::bounds::propagate::{Capacity, Propagator, Task, EPS};

/// The rules of one horizon, over task indices.
pub(super) struct Rules<'a> {
    pub duration: Vec<i64>,
    pub demand: Vec<&'a [(usize, f64)]>,
    /// `s_to ≥ s_from + delta`.
    pub arcs: &'a [(usize, usize, i64)],
    pub pairs: &'a [(usize, usize)],
    pub share: &'a [f64],
    pub cap: &'a Capacity,
}

impl<'a> Rules<'a> {
    /// The rules `propagator` applies to `tasks`, explained.
    pub fn new(tasks: &'a [Task], propagator: &'a Propagator<'_>) -> Rules<'a> {
        Rules {
            duration: tasks.iter().map(|t| t.duration).collect(),
            demand: tasks.iter().map(|t| &t.demand[..]).collect(),
            arcs: &propagator.arcs,
            pairs: &propagator.pairs,
            share: &propagator.p.share,
            cap: &propagator.cap,
        }
    }

    /// Dependencies, once over every arc; true when a bound changed.
    pub fn precedence(&self, d: &mut Domains) -> Result<bool, Conflict> {
        let mut changed = false;
        for &(a, b, delta) in self.arcs {
            let lb = d.lb[a] as i64;
            if lb + delta > d.lb[b] as i64 {
                changed |= d.explain(Lit::ge(b, lb + delta), &[Lit::ge(a, lb)])?;
            }
            let ub = d.ub[b] as i64;
            if ub - delta < d.ub[a] as i64 {
                changed |= d.explain(Lit::le(a, ub - delta), &[Lit::le(b, ub)])?;
            }
        }
        Ok(changed)
    }

    /// Disjunctive pairs, once over every pair; true when a bound changed.
    pub fn disjunctive(&self, d: &mut Domains) -> Result<bool, Conflict> {
        let mut changed = false;
        for &(a, b) in self.pairs {
            let a_first = self.possible_first(d, a, b);
            let b_first = self.possible_first(d, b, a);
            let (first, then) = match (a_first, b_first) {
                (true, true) => continue,
                (false, false) => {
                    let mut conflict = self.not_first(d, a, b);
                    conflict.extend(self.not_first(d, b, a));
                    return Err(conflict);
                }
                (true, false) => (a, b),
                (false, true) => (b, a),
            };
            let mut why = self.not_first(d, then, first);
            let (pf, lb_first) = (self.duration[first], d.lb[first] as i64);
            why.push(Lit::ge(first, lb_first));
            changed |= d.explain(Lit::ge(then, lb_first + pf), &why)?;
            why.pop();
            let ub_then = d.ub[then] as i64;
            why.push(Lit::le(then, ub_then));
            changed |= d.explain(Lit::le(first, ub_then - pf), &why)?;
        }
        Ok(changed)
    }

    /// Whether `x` can still finish before `y` starts.
    fn possible_first(&self, d: &Domains, x: usize, y: usize) -> bool {
        d.lb[x] as i64 + self.duration[x] <= d.ub[y] as i64
    }

    /// Why `x` cannot finish before `y` starts: `[s_y ≤ ub_y] ∧ [s_x ≥ ub_y − p_x + 1]`.
    fn not_first(&self, d: &Domains, x: usize, y: usize) -> Vec<Lit> {
        let ub_y = d.ub[y] as i64;
        vec![Lit::le(y, ub_y), Lit::ge(x, ub_y - self.duration[x] + 1)]
    }

    /// Time-tabling, once over every task; true when a bound changed.
    pub fn time_table(&self, d: &mut Domains) -> Result<bool, Conflict> {
        let horizon = self.cap.share_before.len() - 1;
        let teams = self.cap.hours.len();
        let mut load = vec![0.0f64; teams * horizon];
        let n = self.duration.len();
        for j in 0..n {
            let (c0, c1) = self.compulsory(d, j);
            for t in c0..c1 {
                for &(r, h) in self.demand[j] {
                    load[r * horizon + t as usize] += h * self.share[t as usize];
                }
            }
        }
        for r in 0..teams {
            for t in 0..horizon {
                if load[r * horizon + t] > self.cap.hours[r][t] + EPS {
                    return Err(self.load_reason(d, None, r, t as i64, 0.0));
                }
            }
        }
        let mut changed = false;
        for i in 0..n {
            if self.demand[i].is_empty() || d.lb[i] == d.ub[i] {
                continue;
            }
            let p = self.duration[i];
            let (c0, c1) = self.compulsory(d, i);
            let clash = |t: i64| -> Option<(usize, f64)> {
                let u = t as usize;
                self.demand[i].iter().find_map(|&(r, h)| {
                    let need = h * self.share[u];
                    let own = if t >= c0 && t < c1 { need } else { 0.0 };
                    let others = load[r * horizon + u] - own;
                    (others + need > self.cap.hours[r][u] + EPS).then_some((r, need))
                })
            };
            // Earliest start: past the latest clash inside the run, until none is left.
            loop {
                let s = d.lb[i] as i64;
                if s > d.ub[i] as i64 {
                    break;
                }
                let Some((t, (r, need))) = (s..s + p).rev().find_map(|t| clash(t).map(|c| (t, c)))
                else {
                    break;
                };
                let mut why = self.load_reason(d, Some(i), r, t, need);
                why.push(Lit::ge(i, t - p + 1));
                changed |= d.explain(Lit::ge(i, t + 1), &why)?;
            }
            // Latest start: before the earliest clash inside the run.
            loop {
                let e = d.ub[i] as i64;
                if e < d.lb[i] as i64 {
                    break;
                }
                let Some((t, (r, need))) = (e..e + p).find_map(|t| clash(t).map(|c| (t, c))) else {
                    break;
                };
                let mut why = self.load_reason(d, Some(i), r, t, need);
                why.push(Lit::le(i, t));
                changed |= d.explain(Lit::le(i, t - p), &why)?;
            }
        }
        Ok(changed)
    }

    /// The compulsory part `[ub, lb + p)` of task `j` (empty when `ub ≥ lb + p`).
    fn compulsory(&self, d: &Domains, j: usize) -> (i64, i64) {
        (d.ub[j] as i64, d.lb[j] as i64 + self.duration[j])
    }

    /// Tasks other than `except` whose compulsory parts cover period `t` on team `r`, heaviest
    /// first, until their load plus `need` exceeds capacity; as literals.
    fn load_reason(
        &self,
        d: &Domains,
        except: Option<usize>,
        r: usize,
        t: i64,
        need: f64,
    ) -> Vec<Lit> {
        let u = t as usize;
        let mut covering: Vec<(usize, f64)> = (0..self.duration.len())
            .filter(|&j| Some(j) != except)
            .filter_map(|j| {
                let (c0, c1) = self.compulsory(d, j);
                if t < c0 || t >= c1 {
                    return None;
                }
                let h = self.demand[j].iter().find(|x| x.0 == r)?.1;
                Some((j, h * self.share[u]))
            })
            .collect();
        covering.sort_by(|a, b| b.1.total_cmp(&a.1));
        let mut why = Vec::new();
        let mut sum = need;
        for (j, h) in covering {
            if sum > self.cap.hours[r][u] + EPS {
                break;
            }
            sum += h;
            why.push(Lit::le(j, t));
            why.push(Lit::ge(j, t - self.duration[j] + 1));
        }
        why
    }
}

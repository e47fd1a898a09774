//! Start-time bounds, the trail of their changes and the reason for each change.
//!
//! A literal is a bound on one start: `[s ≥ v]` or `[s ≤ v]`. A literal is true when the
//! current bounds imply it and false when they rule it out. Every change of a bound is a trail
//! entry with its decision level and its reason, so that a conflict can be traced back to the
//! decisions and bounds that caused it.

/// A bound on one task's start: `[s ≥ val]` when `ge`, else `[s ≤ val]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) struct Lit {
    pub var: u32,
    pub ge: bool,
    pub val: i32,
}

impl Lit {
    /// `[s_var ≥ val]`.
    pub fn ge(var: usize, val: i64) -> Lit {
        Lit {
            var: var as u32,
            ge: true,
            val: val as i32,
        }
    }

    /// `[s_var ≤ val]`.
    pub fn le(var: usize, val: i64) -> Lit {
        Lit {
            var: var as u32,
            ge: false,
            val: val as i32,
        }
    }

    /// The negation: `¬[s ≥ v] = [s ≤ v − 1]` and `¬[s ≤ v] = [s ≥ v + 1]`.
    pub fn neg(self) -> Lit {
        if self.ge {
            Lit {
                ge: false,
                val: self.val - 1,
                ..self
            }
        } else {
            Lit {
                ge: true,
                val: self.val + 1,
                ..self
            }
        }
    }
}

/// Why a bound changed.
#[derive(Debug, Clone, Copy)]
pub(super) enum Reason {
    /// A branching decision.
    Decision,
    /// Unit propagation of a learned clause (index): the negations of its false literals.
    Clause(u32),
    /// A rule's explanation: a range of `Domains::explanations`, literals true at the time
    /// that together imply the new bound.
    Lits(u32, u32),
}

#[derive(Debug, Clone, Copy)]
pub(super) struct Entry {
    /// The bound set: `[s ≥ new lb]` or `[s ≤ new ub]`.
    pub lit: Lit,
    /// The bound before.
    prev: i32,
    pub reason: Reason,
    pub level: u32,
}

/// Conjunction of true literals that cannot all hold: what a conflict is.
pub(super) type Conflict = Vec<Lit>;

/// Bounds of every start with their history.
pub(super) struct Domains {
    pub lb: Vec<i32>,
    pub ub: Vec<i32>,
    pub trail: Vec<Entry>,
    /// The bounds before any change.
    initial: Vec<(i32, i32)>,
    /// Trail positions of each variable's lower-bound (upper-bound) changes, oldest first.
    lb_entries: Vec<Vec<u32>>,
    ub_entries: Vec<Vec<u32>>,
    /// Trail length and explanation length when each decision level began.
    level_starts: Vec<(usize, usize)>,
    pub explanations: Vec<Lit>,
}

impl Domains {
    pub fn new(bounds: impl Iterator<Item = (i64, i64)>) -> Domains {
        let (lb, ub): (Vec<i32>, Vec<i32>) = bounds.map(|(a, b)| (a as i32, b as i32)).unzip();
        let n = lb.len();
        Domains {
            initial: lb.iter().copied().zip(ub.iter().copied()).collect(),
            lb,
            ub,
            trail: Vec::new(),
            lb_entries: vec![Vec::new(); n],
            ub_entries: vec![Vec::new(); n],
            level_starts: Vec::new(),
            explanations: Vec::new(),
        }
    }

    /// The current decision level (0: the root).
    pub fn level(&self) -> u32 {
        self.level_starts.len() as u32
    }

    pub fn is_true(&self, l: Lit) -> bool {
        if l.ge {
            self.lb[l.var as usize] >= l.val
        } else {
            self.ub[l.var as usize] <= l.val
        }
    }

    pub fn is_false(&self, l: Lit) -> bool {
        if l.ge {
            self.ub[l.var as usize] < l.val
        } else {
            self.lb[l.var as usize] > l.val
        }
    }

    /// Opens a new decision level.
    pub fn push_level(&mut self) {
        self.level_starts
            .push((self.trail.len(), self.explanations.len()));
    }

    /// Makes `l` true for `reason`; `Ok(true)` when a bound changed, `Ok(false)` when `l`
    /// already held, `Err` with the conflict when `l` is false.
    pub fn set(&mut self, l: Lit, reason: Reason, clauses: &[Vec<Lit>]) -> Result<bool, Conflict> {
        if self.is_true(l) {
            return Ok(false);
        }
        if self.is_false(l) {
            let mut conflict = self.reason_lits(reason, l, clauses);
            conflict.push(l.neg());
            return Err(conflict);
        }
        let v = l.var as usize;
        let position = self.trail.len() as u32;
        let prev = if l.ge {
            std::mem::replace(&mut self.lb[v], l.val)
        } else {
            std::mem::replace(&mut self.ub[v], l.val)
        };
        if l.ge {
            self.lb_entries[v].push(position);
        } else {
            self.ub_entries[v].push(position);
        }
        self.trail.push(Entry {
            lit: l,
            prev,
            reason,
            level: self.level(),
        });
        Ok(true)
    }

    /// Makes `l` true with the explanation `because` (literals true now).
    pub fn explain(&mut self, l: Lit, because: &[Lit]) -> Result<bool, Conflict> {
        if self.is_true(l) {
            return Ok(false);
        }
        let start = self.explanations.len() as u32;
        self.explanations.extend_from_slice(because);
        let reason = Reason::Lits(start, self.explanations.len() as u32);
        let out = self.set(l, reason, &[]);
        if !matches!(out, Ok(true)) {
            self.explanations.truncate(start as usize);
        }
        out
    }

    /// The literals that implied `lit` for `reason`, all true.
    pub fn reason_lits(&self, reason: Reason, lit: Lit, clauses: &[Vec<Lit>]) -> Vec<Lit> {
        match reason {
            Reason::Decision => Vec::new(),
            Reason::Lits(a, b) => self.explanations[a as usize..b as usize].to_vec(),
            Reason::Clause(c) => clauses[c as usize]
                .iter()
                .filter(|&&x| x != lit && self.is_false(x))
                .map(|x| x.neg())
                .collect(),
        }
    }

    /// The trail position where the true literal `l` became true; `None` when the initial
    /// bounds imply it.
    pub fn entry_of(&self, l: Lit) -> Option<usize> {
        let v = l.var as usize;
        let (lb, ub) = self.initial[v];
        if (l.ge && lb >= l.val) || (!l.ge && ub <= l.val) {
            return None;
        }
        let entries = if l.ge {
            &self.lb_entries[v]
        } else {
            &self.ub_entries[v]
        };
        let k = entries.partition_point(|&e| {
            let val = self.trail[e as usize].lit.val;
            if l.ge {
                val < l.val
            } else {
                val > l.val
            }
        });
        entries.get(k).map(|&e| e as usize)
    }

    /// Undoes every change made above decision level `level`.
    pub fn backtrack(&mut self, level: u32) {
        let Some(&(trail_len, explained)) = self.level_starts.get(level as usize) else {
            return;
        };
        while self.trail.len() > trail_len {
            let e = self.trail.pop().expect("trail longer than its level start");
            let v = e.lit.var as usize;
            if e.lit.ge {
                self.lb[v] = e.prev;
                self.lb_entries[v].pop();
            } else {
                self.ub[v] = e.prev;
                self.ub_entries[v].pop();
            }
        }
        self.explanations.truncate(explained);
        self.level_starts.truncate(level as usize);
    }
}

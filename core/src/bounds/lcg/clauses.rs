//! Learned clauses (disjunctions of bound literals) with two watched literals each.
//!
//! A clause's first two literals are watched. A literal `[s ≥ v]` can only become false when
//! the upper bound of `s` drops and `[s ≤ v]` when the lower bound rises, so each variable has
//! one watch list per direction; a clause is visited only when one of its watched literals may
//! have become false.

use super::domain::{Conflict, Domains, Lit, Reason};

/// Clauses this long or shorter are kept when the database is reduced.
const SHORT: usize = 4;

pub(super) struct Clauses {
    pub lits: Vec<Vec<Lit>>,
    /// Per variable: clauses watching one of its `[s ≥ v]` literals (visited when the upper
    /// bound drops) and one of its `[s ≤ v]` literals (visited when the lower bound rises).
    watch_ge: Vec<Vec<u32>>,
    watch_le: Vec<Vec<u32>>,
    /// Trail position up to which bound changes have been propagated through the clauses.
    pub head: usize,
}

impl Clauses {
    pub fn new(vars: usize) -> Clauses {
        Clauses {
            lits: Vec::new(),
            watch_ge: vec![Vec::new(); vars],
            watch_le: vec![Vec::new(); vars],
            head: 0,
        }
    }

    fn watches(&mut self, l: Lit) -> &mut Vec<u32> {
        if l.ge {
            &mut self.watch_ge[l.var as usize]
        } else {
            &mut self.watch_le[l.var as usize]
        }
    }

    /// Adds a clause whose first literal is the one to assert and whose second is the false
    /// literal of the highest decision level (both watched); returns its index.
    pub fn add(&mut self, clause: Vec<Lit>) -> u32 {
        let c = self.lits.len() as u32;
        for &l in clause.iter().take(2) {
            self.watches(l).push(c);
        }
        self.lits.push(clause);
        c
    }

    /// At the root (decision level 0, where no clause is the reason of a bound that analysis
    /// visits): drops the clauses a root bound satisfies and the literals it falsifies, and,
    /// when more than `keep` clauses remain, the older half of the long ones; then watches
    /// the rest afresh.
    pub fn reduce(&mut self, d: &Domains, keep: usize) {
        debug_assert_eq!(d.level(), 0, "clauses are reduced at the root only");
        let old = std::mem::take(&mut self.lits);
        let (n, crowded) = (old.len(), old.len() > keep);
        for (k, mut clause) in old.into_iter().enumerate() {
            if clause.iter().any(|&l| d.is_true(l))
                || (crowded && k < n / 2 && clause.len() > SHORT)
            {
                continue;
            }
            clause.retain(|&l| !d.is_false(l));
            // At the root fixpoint a clause left with one literal would have made it true.
            debug_assert!(clause.len() >= 2, "clause unit at the root fixpoint");
            if clause.len() >= 2 {
                self.lits.push(clause);
            }
        }
        self.watch_ge.iter_mut().for_each(Vec::clear);
        self.watch_le.iter_mut().for_each(Vec::clear);
        for c in 0..self.lits.len() {
            for l in [self.lits[c][0], self.lits[c][1]] {
                self.watches(l).push(c as u32);
            }
        }
        self.head = d.trail.len();
    }

    /// Propagates the bound changes on the trail since the last call through the clauses.
    pub fn propagate(&mut self, d: &mut Domains) -> Result<(), Conflict> {
        while self.head < d.trail.len() {
            let changed = d.trail[self.head].lit;
            self.head += 1;
            // A rising lower bound can falsify `[s ≤ v]` literals, a dropping upper bound
            // `[s ≥ v]` ones.
            let list = if changed.ge {
                std::mem::take(&mut self.watch_le[changed.var as usize])
            } else {
                std::mem::take(&mut self.watch_ge[changed.var as usize])
            };
            let mut keep = Vec::with_capacity(list.len());
            let mut result = Ok(());
            for (k, &c) in list.iter().enumerate() {
                if result.is_err() {
                    keep.extend_from_slice(&list[k..]);
                    break;
                }
                match self.visit(c, changed, d) {
                    Visit::Keep => keep.push(c),
                    Visit::Moved => {}
                    Visit::Conflict(conflict) => {
                        keep.push(c);
                        result = Err(conflict);
                    }
                }
            }
            // Watches moved to another literal of the same variable and direction went into
            // the (taken) list; put them back together.
            let slot = if changed.ge {
                &mut self.watch_le[changed.var as usize]
            } else {
                &mut self.watch_ge[changed.var as usize]
            };
            keep.append(slot);
            *slot = keep;
            result?;
        }
        Ok(())
    }

    fn visit(&mut self, c: u32, changed: Lit, d: &mut Domains) -> Visit {
        let clause = &mut self.lits[c as usize];
        let on_var = |l: &Lit| l.var == changed.var && l.ge != changed.ge;
        // Put the watched literal that may have become false second.
        if on_var(&clause[0]) && d.is_false(clause[0]) {
            clause.swap(0, 1);
        }
        if !(on_var(&clause[1]) && d.is_false(clause[1])) || d.is_true(clause[0]) {
            return Visit::Keep;
        }
        if let Some(k) = (2..clause.len()).find(|&k| !d.is_false(clause[k])) {
            clause.swap(1, k);
            let l = clause[1];
            self.watches(l).push(c);
            return Visit::Moved;
        }
        let first = clause[0];
        match d.set(first, Reason::Clause(c), &self.lits) {
            Ok(_) => Visit::Keep,
            Err(conflict) => Visit::Conflict(conflict),
        }
    }
}

enum Visit {
    Keep,
    Moved,
    Conflict(Conflict),
}

//! Conflict analysis: from a conflict (true literals that cannot all hold) to a learned clause
//! with exactly one literal of the current decision level (the first unique implication point),
//! and the level to jump back to, where that literal becomes a new bound.

use super::domain::{Conflict, Domains, Lit, Reason};
use std::collections::HashMap;

/// A learned clause, asserting literal first and the highest-level other literal second, and
/// the decision level at which it asserts.
pub(super) struct Learned {
    pub clause: Vec<Lit>,
    pub level: u32,
}

/// Analyses `conflict`, whose literals include one of the current (non-root) decision level
/// (see [`conflict_level`]). `bump` is called on
/// every variable met, for the branching's activity.
pub(super) fn analyze(
    d: &Domains,
    clauses: &[Vec<Lit>],
    conflict: Conflict,
    mut bump: impl FnMut(usize),
) -> Learned {
    let level = d.level();
    // Needed literal per trail entry of the current level, and per (variable, direction) for
    // entries of lower levels: the strongest bound needed.
    let mut current: HashMap<usize, Lit> = HashMap::new();
    let mut lower: HashMap<(u32, bool), (Lit, u32)> = HashMap::new();
    let mut add = |l: Lit, current: &mut HashMap<usize, Lit>| {
        let Some(e) = d.entry_of(l) else {
            return;
        };
        let entry_level = d.trail[e].level;
        if entry_level == 0 {
            return;
        }
        bump(l.var as usize);
        if entry_level == level {
            let need = current.entry(e).or_insert(l);
            *need = stronger(*need, l);
        } else {
            let need = lower.entry((l.var, l.ge)).or_insert((l, entry_level));
            if stronger(need.0, l) != need.0 {
                *need = (l, entry_level);
            }
        }
    };
    for l in conflict {
        add(l, &mut current);
    }
    let mut position = d.trail.len();
    let uip = loop {
        position -= 1;
        let Some(need) = current.remove(&position) else {
            continue;
        };
        if current.is_empty() {
            break need;
        }
        let entry = d.trail[position];
        debug_assert!(!matches!(entry.reason, Reason::Decision));
        for l in d.reason_lits(entry.reason, entry.lit, clauses) {
            add(l, &mut current);
        }
    };
    // A lower-level bound on the UIP's variable and direction that is weaker is implied by the
    // UIP's negation's alternative; drop it.
    if let Some(&(l, _)) = lower.get(&(uip.var, uip.ge)) {
        if stronger(l, uip) == uip {
            lower.remove(&(uip.var, uip.ge));
        }
    }
    let mut rest: Vec<(Lit, u32)> = lower.into_values().collect();
    rest.sort_by_key(|&(_, lvl)| std::cmp::Reverse(lvl));
    let back = rest.first().map_or(0, |&(_, lvl)| lvl);
    let mut clause = vec![uip.neg()];
    clause.extend(rest.into_iter().map(|(l, _)| l.neg()));
    Learned {
        clause,
        level: back,
    }
}

/// The highest decision level among the entries that made the literals of `conflict` true.
pub(super) fn conflict_level(d: &Domains, conflict: &[Lit]) -> u32 {
    conflict
        .iter()
        .filter_map(|&l| d.entry_of(l))
        .map(|e| d.trail[e].level)
        .max()
        .unwrap_or(0)
}

/// The stronger of two literals on the same variable and direction.
fn stronger(a: Lit, b: Lit) -> Lit {
    match (a.ge, a.val >= b.val) {
        (true, true) | (false, false) => a,
        _ => b,
    }
}

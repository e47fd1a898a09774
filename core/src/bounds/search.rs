//! A depth-first search over start times with propagation at every node: either every branch
//! is refuted (no plan fits the horizon: a proof) or a full assignment survives (starts of a
//! plan of the relaxation the propagation sees).
//!
//! Branching fixes the unfixed task with the earliest possible start at that start, or else
//! moves its earliest start one period on; the left branch first, so the search dives towards
//! left-justified plans. There is no learning: this is for the small, tight horizons where
//! shaving has already removed most starts.

use super::propagate::{Propagator, Task};
use std::time::Instant;

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

/// Nodes between two looks at the clock.
const CLOCK_EVERY: u64 = 64;

/// Searches below the propagated `tasks` until `deadline`.
pub(super) fn dfs(
    propagator: &Propagator<'_>,
    tasks: Vec<Task>,
    deadline: Option<Instant>,
) -> SearchEnd {
    let mut stack = vec![tasks];
    let mut nodes = 0u64;
    while let Some(mut node) = stack.pop() {
        nodes += 1;
        if nodes.is_multiple_of(CLOCK_EVERY) && deadline.is_some_and(|d| Instant::now() >= d) {
            return SearchEnd::Unknown;
        }
        if propagator.settle(&mut node).is_err() {
            continue;
        }
        let branch = node
            .iter()
            .enumerate()
            .filter(|(_, t)| t.es < t.ls)
            .min_by_key(|(_, t)| (t.ls - t.es, t.es))
            .map(|(k, _)| k);
        let Some(k) = branch else {
            return SearchEnd::Found(node.iter().map(|t| (t.job, t.es as usize)).collect());
        };
        let mut later = node.clone();
        later[k].es += 1;
        stack.push(later);
        node[k].ls = node[k].es;
        stack.push(node);
    }
    SearchEnd::Refuted
}

//! Edge finding on sets of tasks no two of which can overlap (cliques of the disjunctions):
//! such a set runs one task at a time, so a task that cannot fit before, or among, a group of
//! the others within their window must come after all of them (or before, symmetrically).
//!
//! Groups are task intervals: the tasks of the set whose windows lie between an earliest start
//! `E` and a latest end `L`.

use super::propagate::{empty, Refuted, Task};

/// Most cliques kept; the greedy cover seldom finds more than a few per team.
const MAX_CLIQUES: usize = 64;

/// Maximal sets of mutually disjunctive tasks (size 3 or more), found greedily from each task.
pub(super) fn cliques(n: usize, pairs: &[(usize, usize)]) -> Vec<Vec<usize>> {
    let mut adjacent = vec![vec![false; n]; n];
    for &(a, b) in pairs {
        adjacent[a][b] = true;
        adjacent[b][a] = true;
    }
    let degree: Vec<usize> = adjacent
        .iter()
        .map(|r| r.iter().filter(|&&x| x).count())
        .collect();
    let mut by_degree: Vec<usize> = (0..n).collect();
    by_degree.sort_by_key(|&k| std::cmp::Reverse(degree[k]));
    let mut out: Vec<Vec<usize>> = Vec::new();
    for &seed in &by_degree {
        if degree[seed] < 2 || out.len() >= MAX_CLIQUES {
            continue;
        }
        let mut clique = vec![seed];
        for &k in &by_degree {
            if k != seed && clique.iter().all(|&m| adjacent[k][m]) {
                clique.push(k);
            }
        }
        clique.sort_unstable();
        if clique.len() >= 3 && !out.contains(&clique) {
            out.push(clique);
        }
    }
    out
}

/// Applies edge finding on every clique; true when a window changed.
pub(super) fn propagate(tasks: &mut [Task], cliques: &[Vec<usize>]) -> Result<bool, Refuted> {
    let mut changed = false;
    for clique in cliques {
        changed |= on_clique(tasks, clique)?;
    }
    Ok(changed)
}

fn on_clique(tasks: &mut [Task], clique: &[usize]) -> Result<bool, Refuted> {
    let end = |t: &Task| t.ls + t.duration; // latest end, exclusive
    let mut changed = false;
    let starts: Vec<i64> = clique.iter().map(|&k| tasks[k].es).collect();
    let ends: Vec<i64> = clique.iter().map(|&k| end(&tasks[k])).collect();
    for &e in &starts {
        for &l in ends.iter().filter(|&&l| l > e) {
            // The task interval Ω(E, L) and its total duration.
            let inside: Vec<usize> = clique
                .iter()
                .copied()
                .filter(|&k| tasks[k].es >= e && end(&tasks[k]) <= l)
                .collect();
            let work: i64 = inside.iter().map(|&k| tasks[k].duration).sum();
            if inside.is_empty() {
                continue;
            }
            if e + work > l {
                return Err(empty(&tasks[inside[0]], "the tasks it cannot run beside"));
            }
            for &i in clique.iter().filter(|k| !inside.contains(k)) {
                let t = &tasks[i];
                // `i` cannot end by L together with Ω: it ends after all of Ω.
                if t.es.min(e) + work + t.duration > l && t.es < e + work {
                    tasks[i].es = e + work;
                    changed = true;
                }
                let t = &tasks[i];
                // `i` cannot start at E or later together with Ω: it starts before all of Ω.
                if end(t).max(l) - work - t.duration < e && end(t) > l - work {
                    tasks[i].ls = l - work - t.duration;
                    changed = true;
                }
                if tasks[i].es > tasks[i].ls {
                    return Err(empty(&tasks[i], "edge finding"));
                }
            }
        }
    }
    Ok(changed)
}

//! Disjunctions: two tasks whose demands on one team together exceed its capacity in every
//! period can never run side by side, so one comes wholly before the other. When one order is
//! ruled out by the windows (the first cannot finish before the second's latest start), the
//! other is a precedence, and the windows follow it ("detectable precedences").

use super::propagate::{empty, Capacity, Task, EPS};
use crate::problem::Problem;

/// Most tasks for which the pairs are computed (the table is quadratic).
const MAX_TASKS: usize = 400;

/// Pairs of tasks (indices into the task list) that cannot overlap.
pub(super) fn pairs(p: &Problem, cap: &Capacity, tasks: &[Task]) -> Vec<(usize, usize)> {
    if tasks.len() > MAX_TASKS {
        return Vec::new();
    }
    let horizon = cap.share_before.len() - 1;
    let mut out = Vec::new();
    for a in 0..tasks.len() {
        for b in a + 1..tasks.len() {
            let clash = tasks[a].demand.iter().any(|&(r, ha)| {
                let Some(&(_, hb)) = tasks[b].demand.iter().find(|d| d.0 == r) else {
                    return false;
                };
                // Over capacity in every period where both could work, share and all.
                (0..horizon).all(|t| (ha + hb) * p.share[t] > cap.hours[r][t] + EPS)
            });
            if clash {
                out.push((a, b));
            }
        }
    }
    out
}

/// Orders each disjunctive pair the windows decide and narrows the windows by it; true when a
/// window changed.
pub(super) fn propagate(
    tasks: &mut [Task],
    pairs: &[(usize, usize)],
) -> Result<bool, super::Refuted> {
    let mut changed = false;
    for &(a, b) in pairs {
        // `x` before `y` is possible only if x can finish before y's latest start.
        let a_first = tasks[a].es + tasks[a].duration <= tasks[b].ls;
        let b_first = tasks[b].es + tasks[b].duration <= tasks[a].ls;
        let (first, then) = match (a_first, b_first) {
            (true, true) => continue,
            (false, false) => {
                return Err(empty(
                    &tasks[a],
                    "a task it cannot run beside (on either side)",
                ))
            }
            (true, false) => (a, b),
            (false, true) => (b, a),
        };
        let es = tasks[first].es + tasks[first].duration;
        if es > tasks[then].es {
            tasks[then].es = es;
            changed = true;
        }
        let ls = tasks[then].ls - tasks[first].duration;
        if ls < tasks[first].ls {
            tasks[first].ls = ls;
            changed = true;
        }
        for k in [first, then] {
            if tasks[k].es > tasks[k].ls {
                return Err(empty(&tasks[k], "a task it cannot run beside"));
            }
        }
    }
    Ok(changed)
}

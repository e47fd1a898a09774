//! Energetic reasoning: in any interval of periods, the hours each task must work there
//! whatever its start (its least overlap with the interval) must fit the team's capacity in
//! the interval.
//!
//! Intervals run from an earliest or latest start to an earliest or latest end, the points
//! where the least overlaps change slope; that is O(n²) intervals of O(n) tasks per team, so
//! the check is skipped above [`MAX_TASKS`] tasks on a team.

use super::propagate::{Capacity, Refuted, Task, EPS};
use crate::problem::Problem;

/// Most tasks on one team for which the cubic check runs (j60-sized projects take a few
/// milliseconds; portfolios of thousands of orders would take seconds per horizon).
const MAX_TASKS: usize = 160;

/// `Err` when some team's interval holds more unavoidable work than capacity.
pub(super) fn check(p: &Problem, cap: &Capacity, tasks: &[Task]) -> Result<(), Refuted> {
    let horizon = cap.share_before.len() as i64 - 1;
    for r in 0..cap.hours.len() {
        let on: Vec<(&Task, f64)> = tasks
            .iter()
            .filter_map(|t| t.demand.iter().find(|d| d.0 == r).map(|d| (t, d.1)))
            .collect();
        if on.len() < 2 || on.len() > MAX_TASKS {
            continue;
        }
        let mut starts: Vec<i64> = on.iter().flat_map(|(t, _)| [t.es, t.ls]).collect();
        let mut ends: Vec<i64> = on
            .iter()
            .flat_map(|(t, _)| [t.es + t.duration, t.ls + t.duration])
            .collect();
        starts.sort_unstable();
        starts.dedup();
        ends.sort_unstable();
        ends.dedup();
        for &a in &starts {
            for &b in ends.iter().filter(|&&b| b > a && b <= horizon) {
                let capacity = cap.hours_before[r][b as usize] - cap.hours_before[r][a as usize];
                let mut need = 0.0;
                for &(t, h) in &on {
                    need += h * least_overlap(p, cap, t, a, b);
                    if need > capacity + EPS {
                        return Err(Refuted {
                            job: None,
                            reason: format!(
                                "team {r} must work more hours in periods {a}..{} than it has",
                                b - 1
                            ),
                        });
                    }
                }
            }
        }
    }
    Ok(())
}

/// Working share (in full periods) of `[a, b)` that task `t` covers whatever its start.
///
/// The overlap of a run with a fixed interval rises, stays flat and falls as the start moves,
/// so with a uniform working share its least value is at the earliest or the latest start;
/// where the share varies, every start is tried.
fn least_overlap(p: &Problem, cap: &Capacity, t: &Task, a: i64, b: i64) -> f64 {
    let covered = |s: i64| {
        let lo = s.max(a);
        let hi = (s + t.duration).min(b);
        if hi <= lo {
            0.0
        } else {
            cap.share_before[hi as usize] - cap.share_before[lo as usize]
        }
    };
    let span = t.es as usize..(t.ls + t.duration) as usize;
    let first = p.share[span.start];
    if p.share[span].iter().all(|&s| s == first) {
        covered(t.es).min(covered(t.ls))
    } else {
        (t.es..=t.ls).map(covered).fold(f64::INFINITY, f64::min)
    }
}

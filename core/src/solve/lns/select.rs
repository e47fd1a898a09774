//! Which orders a step frees: around a costly order, or a band of periods.

use crate::objective::Objective;
use crate::problem::{JobWork, Problem};
use crate::schedule::Schedule;

/// Delivered jobs by what they cost on `level`, most first; jobs that cost nothing left out.
pub(super) fn costly(p: &Problem, level: &[(Objective, f64)], s: &Schedule) -> Vec<usize> {
    let makespan = s
        .jobs
        .iter()
        .filter(|t| t.selected)
        .map(|t| t.go_live)
        .max();
    let mut cost: Vec<(f64, usize)> = (0..p.jobs.len())
        .filter(|&j| p.jobs[j].excluded.is_none())
        .map(|j| {
            let (job, t) = (&p.jobs[j], &s.jobs[j]);
            let c: f64 = level
                .iter()
                .map(|&(o, w)| {
                    w * match o {
                        Objective::LostValue => {
                            job.value * (1.0 - if t.selected { t.scope } else { 0.0 })
                        }
                        // A stopped order costs its value lost, nothing else.
                        _ if !t.selected => 0.0,
                        Objective::WeightedLateness => {
                            job.due.map_or(0.0, |d| t.go_live.saturating_sub(d) as f64) * job.weight
                        }
                        Objective::WeightedCompletion => job.weight * (t.go_live + 1) as f64,
                        Objective::Makespan => f64::from(Some(t.go_live) == makespan),
                        Objective::WorkInProgress => (t.finish + 1).saturating_sub(t.start) as f64,
                        Objective::BaselineDelay => job
                            .baseline
                            .map_or(0.0, |b| t.go_live.saturating_sub(b) as f64),
                        Objective::BaselineChanges => {
                            f64::from(job.baseline.is_some_and(|b| t.go_live > b))
                        }
                        Objective::ConsultantCost => 0.0,
                    }
                })
                .sum();
            (c, j)
        })
        .filter(|&(c, _)| c > 0.0)
        .collect();
    cost.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    cost.into_iter().map(|(_, j)| j).collect()
}

/// Teams a job works for.
fn teams(p: &Problem, j: usize) -> Vec<usize> {
    match &p.jobs[j].work {
        JobWork::Effort { loads, .. } => loads.iter().map(|l| l.team).collect(),
        JobWork::Fixed { demand, .. } => demand.iter().map(|d| d.0).collect(),
    }
}

/// `centre` and up to `size − 1` delivered jobs whose runs overlap its run widened to its
/// start's distance from its due date, those sharing a team first, then by distance in time.
pub(super) fn around_order(p: &Problem, s: &Schedule, centre: usize, size: usize) -> Vec<usize> {
    let c = &s.jobs[centre];
    let (from, to, at) = if c.selected {
        let reach = p.jobs[centre]
            .due
            .map_or(c.go_live - c.start, |d| c.go_live.saturating_sub(d))
            .max(c.go_live - c.start)
            .max(2);
        (c.start.saturating_sub(reach), c.go_live, c.start)
    } else {
        // A stopped order has no run: the orders that could make room for it are those after
        // its release, nearest to it first.
        let r = p.jobs[centre].release;
        (r, p.periods, r)
    };
    let mine = teams(p, centre);
    let mut near: Vec<(bool, usize, usize)> = (0..p.jobs.len())
        .filter(|&j| j != centre && s.jobs[j].selected && p.jobs[j].excluded.is_none())
        .filter(|&j| s.jobs[j].start <= to && s.jobs[j].go_live >= from)
        .map(|j| {
            let shares = teams(p, j).iter().any(|r| mine.contains(r));
            (!shares, s.jobs[j].start.abs_diff(at), j)
        })
        .collect();
    near.sort_unstable();
    std::iter::once(centre)
        .chain(near.into_iter().take(size.saturating_sub(1)).map(|x| x.2))
        .collect()
}

/// Up to `size` delivered jobs starting from period `from` on, earliest first; and the period
/// the next band starts at (back to 0 after the last job).
pub(super) fn band(p: &Problem, s: &Schedule, from: usize, size: usize) -> (Vec<usize>, usize) {
    let mut starts: Vec<(usize, usize)> = (0..p.jobs.len())
        .filter(|&j| s.jobs[j].selected && p.jobs[j].excluded.is_none())
        .map(|j| (s.jobs[j].start, j))
        .filter(|&(t, _)| t >= from)
        .collect();
    starts.sort_unstable();
    starts.truncate(size);
    let next = match starts.last() {
        Some(&(t, _)) if starts.len() == size => t + 1,
        _ => 0,
    };
    (starts.into_iter().map(|x| x.1).collect(), next)
}

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
        // its release, nearest first to where its teams have the most own hours to spare.
        let r = p.jobs[centre].release;
        (r, p.periods, roomiest(p, s, centre))
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

/// The first period of the run (at its fewest periods, from its release on) in which the
/// teams of job `j` have the most own hours left over in `s`.
fn roomiest(p: &Problem, s: &Schedule, j: usize) -> usize {
    let mine = teams(p, j);
    let mut left: Vec<f64> = (0..p.periods)
        .map(|t| mine.iter().map(|&r| p.capacity[r][t]).sum())
        .collect();
    for (k, x) in s.jobs.iter().enumerate() {
        if !x.selected {
            continue;
        }
        match &p.jobs[k].work {
            JobWork::Effort { .. } => {
                for &(r, t, h) in &x.work {
                    if t < p.periods && mine.contains(&r) {
                        left[t] -= h;
                    }
                }
            }
            JobWork::Fixed { demand, .. } => {
                let h: f64 = demand
                    .iter()
                    .filter(|d| mine.contains(&d.0))
                    .map(|d| d.1)
                    .sum();
                let last = x.finish.min(p.periods.saturating_sub(1));
                for (t, l) in left.iter_mut().enumerate().take(last + 1).skip(x.start) {
                    *l -= h * p.share[t];
                }
            }
        }
    }
    let span = match &p.jobs[j].work {
        JobWork::Effort { min_duration, .. } => *min_duration,
        JobWork::Fixed { duration, .. } => *duration,
    }
    .max(1);
    let from = p.jobs[j].release.min(p.periods.saturating_sub(1));
    (from..p.periods.saturating_sub(span - 1).max(from + 1))
        .max_by(|&a, &b| {
            let room = |t: usize| -> f64 { left[t..(t + span).min(p.periods)].iter().sum() };
            room(a).total_cmp(&room(b)).then(b.cmp(&a))
        })
        .unwrap_or(from)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Calendar, Order, Portfolio, Team};
    use crate::schedule::JobTimes;

    /// A stopped order's neighbourhood centres where its teams have hours to spare: the
    /// orders nearest that window come first.
    #[test]
    fn a_stopped_order_looks_for_room_where_its_teams_have_hours_left() {
        let mut p = Portfolio::new(Calendar::units(12));
        p.add_team(Team::new("t", 10.0));
        p.add_order(Order::fixed("a", 4, [("t", 10.0)]));
        p.add_order(Order::fixed("b", 4, [("t", 10.0)]));
        let mut x = Order::effort("x", [("t", 20.0)]);
        x.optional = true;
        x.min_duration = Some(2);
        p.add_order(x);
        let problem = crate::validate(&p).expect("a valid portfolio");
        let s = Schedule {
            jobs: vec![
                JobTimes::delivered(0, 3, 3, Vec::new()),
                JobTimes::delivered(4, 7, 7, Vec::new()),
                JobTimes::stopped(),
            ],
            external: Vec::new(),
        };
        assert_eq!(roomiest(&problem, &s, 2), 8);
        assert_eq!(around_order(&problem, &s, 2, 2), vec![2, 1]);
        // With `b` early and `a` late, the room is in the middle.
        let s = Schedule {
            jobs: vec![
                JobTimes::delivered(8, 11, 11, Vec::new()),
                JobTimes::delivered(0, 3, 3, Vec::new()),
                JobTimes::stopped(),
            ],
            external: Vec::new(),
        };
        assert_eq!(roomiest(&problem, &s, 2), 4);
    }
}

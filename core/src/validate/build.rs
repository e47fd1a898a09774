//! Resolves a checked portfolio into [`Problem`] data, and checks that each order's work can
//! fit the horizon at its allowed pace.

use crate::error::ValidationReport;
use crate::model::{OrderStatus, Portfolio, Timeline};
use crate::problem::{Job, JobWork, Link, Load, Problem};
use std::collections::HashMap;

/// Builds problem data from a portfolio whose ids, numbers and dates have been checked.
pub(super) fn problem(p: &Portfolio, tl: &Timeline) -> Problem {
    let n = tl.len();
    let team_index: HashMap<&str, usize> = p
        .teams
        .iter()
        .enumerate()
        .map(|(k, t)| (t.id.as_str(), k))
        .collect();
    let capacity = p
        .teams
        .iter()
        .map(|team| (0..n).map(|t| tl.team_capacity(team, t)).collect())
        .collect();
    let mut job_of = vec![None; p.orders.len()];
    let mut jobs = Vec::new();
    for (k, o) in p.orders.iter().enumerate() {
        if o.status == OrderStatus::Done {
            continue;
        }
        let in_progress = o.status == OrderStatus::InProgress;
        let at = |tp: Option<crate::TimePoint>| tp.and_then(|tp| tl.resolve(tp));
        let work = match o.duration {
            Some(d) => JobWork::Fixed {
                duration: d as usize,
                demand: o
                    .demand
                    .iter()
                    .filter(|dm| dm.hours_per_week > 0.0)
                    .map(|dm| (team_index[dm.team.as_str()], dm.hours_per_week))
                    .collect(),
            },
            None => JobWork::Effort {
                loads: o
                    .effort
                    .iter()
                    .filter(|e| e.hours > 0.0)
                    .map(|e| {
                        let team = team_index[e.team.as_str()];
                        Load {
                            team,
                            hours: e.hours,
                            max_rate: e.max_hours_per_week.unwrap_or(p.teams[team].hours_per_week),
                            min_rate: e.min_hours_per_week.unwrap_or(0.0),
                        }
                    })
                    .collect(),
                min_duration: o.min_duration.unwrap_or(1) as usize,
                max_duration: o.max_duration.map(|d| d as usize),
            },
        };
        job_of[k] = Some(jobs.len());
        jobs.push(Job {
            order: k,
            weight: o.effective_weight(),
            in_progress,
            release: if in_progress {
                0
            } else {
                at(o.release).unwrap_or(0)
            },
            due: at(o.due),
            deadline: at(o.deadline),
            go_live_lag: o.go_live_lag as usize,
            work,
        });
    }
    let order_index: HashMap<&str, usize> = p
        .orders
        .iter()
        .enumerate()
        .map(|(k, o)| (o.id.as_str(), k))
        .collect();
    let links = p
        .dependencies
        .iter()
        .filter_map(|d| {
            let from = job_of[order_index[d.from.as_str()]]?;
            let to = job_of[order_index[d.to.as_str()]]?;
            Some(Link {
                from,
                to,
                kind: d.kind,
                lag: d.lag as i64,
            })
        })
        .collect();
    Problem {
        periods: n,
        share: (0..n).map(|t| tl.working_share(t)).collect(),
        capacity,
        frozen: (0..n).map(|t| tl.is_frozen(t, &p.freeze_windows)).collect(),
        max_go_lives: p.max_go_lives_per_period,
        jobs,
        links,
    }
}

/// Reports orders whose work cannot be done between their release and their deadline (or the
/// end of the horizon), even with the whole team to themselves.
pub(super) fn check_fit(
    p: &Portfolio,
    tl: &Timeline,
    prob: &Problem,
    report: &mut ValidationReport,
) {
    for job in &prob.jobs {
        let o = &p.orders[job.order];
        let last = job.deadline.unwrap_or(prob.periods - 1);
        let range = job.release..=last;
        match &job.work {
            JobWork::Effort { loads, .. } => {
                for l in loads {
                    let team = &p.teams[l.team];
                    let cap: f64 = range.clone().map(|t| prob.capacity[l.team][t]).sum();
                    let avail: f64 = range.clone().map(|t| prob.effort_cap(l, t)).sum();
                    if cap <= 0.0 {
                        report.push(
                            "team_without_capacity",
                            "order",
                            &o.id,
                            "effort.team",
                            &team.id,
                            format!(
                                "team `{}` has no hours between {} and {}",
                                team.id,
                                tl.period(job.release).label,
                                tl.period(last).label
                            ),
                        );
                    } else if avail + 1e-9 < l.hours {
                        report.push("work_does_not_fit", "order", &o.id, "effort.hours", l.hours, format!("team `{}` can give this order at most {avail:.1} h between {} and {} at its allowed pace", team.id, tl.period(job.release).label, tl.period(last).label));
                    }
                }
            }
            JobWork::Fixed { duration, demand } => {
                let fits = |s: usize| {
                    (s..s + duration).all(|t| {
                        t <= last
                            && demand
                                .iter()
                                .all(|&(r, h)| h * prob.share[t] <= prob.capacity[r][t] + 1e-9)
                    })
                };
                if !range.clone().any(fits) {
                    let team = demand
                        .iter()
                        .find(|&&(r, h)| {
                            range
                                .clone()
                                .all(|t| h * prob.share[t] > prob.capacity[r][t] + 1e-9)
                        })
                        .map(|&(r, _)| p.teams[r].id.clone());
                    let msg = match &team {
                        Some(t) => format!("it needs more of team `{t}` per period than the team ever has"),
                        None => format!("{duration} periods do not fit between {} and {} with the teams' capacity", tl.period(job.release).label, tl.period(last).label),
                    };
                    report.push(
                        "work_does_not_fit",
                        "order",
                        &o.id,
                        "duration",
                        duration,
                        msg,
                    );
                }
            }
        }
    }
}

//! Resolves a checked portfolio into [`Problem`] data, and checks that each order's work can
//! fit the horizon at its allowed pace.

use crate::error::ValidationReport;
use crate::model::BudgetSpan;
use crate::model::{OrderStatus, Portfolio, Timeline};
use crate::problem::{External, Fixed, Job, JobWork, Link, Load, Problem};
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
    let frozen_until = p.frozen_until.and_then(|tp| tl.resolve(tp)).unwrap_or(0);
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
            None => {
                // The work rules' stretch cap, unless the order's own is tighter; its
                // minimum duration wins over the cap.
                let cap = p.work_rules.max_span_of(o, p.calendar.period, |id| {
                    p.team(id).map(|t| t.hours_per_week)
                });
                let max_duration = match (o.max_duration, cap) {
                    (Some(a), Some(b)) => Some(a.min(b)),
                    (a, b) => a.or(b),
                };
                JobWork::Effort {
                    loads: o
                        .effort
                        .iter()
                        .filter(|e| e.hours > 0.0)
                        .map(|e| {
                            let team = team_index[e.team.as_str()];
                            let max_rate = e
                                .max_hours_per_week
                                .unwrap_or_else(|| default_pace(&p.teams[team]));
                            // The steady pace of the work rules, never above the order's
                            // own pace limit.
                            let steady = max_duration
                                .and_then(|m| p.work_rules.min_hours_per_week(e.hours, m))
                                .unwrap_or(0.0)
                                .min(max_rate);
                            Load {
                                team,
                                hours: e.hours,
                                max_rate,
                                min_rate: e.min_hours_per_week.unwrap_or(steady),
                            }
                        })
                        .collect(),
                    min_duration: o.min_duration.unwrap_or(1) as usize,
                    max_duration: max_duration.map(|d| d as usize),
                }
            }
        };
        let fixed = fixed(o, tl, &team_index);
        // Nothing unsettled starts in the frozen periods.
        let release = at(o.release).unwrap_or(0);
        let release = match (in_progress, fixed.start) {
            (true, _) => 0,
            (false, Some(_)) => release,
            (false, None) => release.max(frozen_until),
        };
        job_of[k] = Some(jobs.len());
        jobs.push(Job {
            order: k,
            weight: o.effective_weight(),
            in_progress,
            release,
            due: at(o.due),
            baseline: None,
            baseline_stopped: false,
            deadline: at(o.deadline),
            go_live_lag: o.go_live_lag as usize,
            work,
            // Something settled (a pin, hours worked) is delivered.
            optional: o.optional && !fixed.binds(),
            value: o.effective_value(),
            min_scope: if o.is_effort_driven() {
                o.min_scope.unwrap_or(1.0)
            } else {
                1.0
            },
            excluded: None,
            fixed,
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
    let external = p
        .teams
        .iter()
        .map(|team| {
            team.consultants.as_ref().map(|e| External {
                hours: (0..n)
                    .map(|t| e.hours_per_week * tl.working_share(t))
                    .collect(),
                cost_per_hour: e.cost_per_hour,
                max_hours: e.max_hours,
            })
        })
        .collect();
    let budgets = p
        .budgets
        .iter()
        .flat_map(|b| {
            budget_spans(tl, b.per)
                .into_iter()
                .map(move |periods| (periods, b.amount))
        })
        .collect();
    let groups = p
        .groups
        .iter()
        .map(|g| {
            (
                g.kind,
                g.orders
                    .iter()
                    .map(|id| job_of[order_index[id.as_str()]])
                    .collect(),
            )
        })
        .collect();
    let shares = p
        .orderer_shares
        .iter()
        .map(|s| {
            let jobs = jobs_of_orderer(p, &job_of, &s.orderer);
            (jobs, s.min_share.unwrap_or(0.0), s.max_share.unwrap_or(1.0))
        })
        .collect();
    let mut frozen: Vec<bool> = (0..n).map(|t| tl.is_frozen(t, &p.freeze_windows)).collect();
    let mut max_go_lives = p.max_go_lives_per_period;
    if let Some(train) = &p.release_train {
        // With a train, an order goes live on a train date, so that date (not the period's
        // last working day) must be outside the freeze windows.
        for (t, f) in frozen.iter_mut().enumerate() {
            *f = !tl.train_allows(t, &train.dates, &p.freeze_windows);
        }
        max_go_lives = match (max_go_lives, train.max_changes) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
    }
    let mut problem = Problem {
        periods: n,
        max_open: Vec::new(),
        open_target: Vec::new(),
        team_run_limit: Vec::new(),
        outside: Default::default(),
        share: (0..n).map(|t| tl.working_share(t)).collect(),
        capacity,
        frozen,
        max_go_lives,
        jobs,
        links,
        external,
        budgets,
        groups,
        shares,
        frozen_until,
    };
    // The work rules' limit on open orders per team; orders in progress count, and where they
    // alone are more, they are the limit.
    let mut in_progress_on = vec![0u32; p.teams.len()];
    for j in (0..problem.jobs.len()).filter(|&j| problem.jobs[j].in_progress) {
        for r in problem.teams_of(j) {
            in_progress_on[r] += 1;
        }
    }
    problem.max_open = p
        .teams
        .iter()
        .zip(&in_progress_on)
        .map(|(team, &running)| {
            p.work_rules
                .max_open(team, p.calendar.period)
                .map(|k| vec![k.max(running); n])
        })
        .collect();
    problem.open_target = p
        .teams
        .iter()
        .map(|team| p.work_rules.target_open(team, p.calendar.period))
        .collect();
    problem
}

/// What is settled of an order: its pins and actual hours in problem indices. Actual hours
/// fix the start at their first period unless the start is pinned (validation makes the two
/// agree) or the order is in progress: it started before the plan, whenever its first hours
/// in the plan fall (a re-plan froze a plan whose in-progress order began work in week 5).
fn fixed(o: &crate::model::Order, tl: &Timeline, team_index: &HashMap<&str, usize>) -> Fixed {
    let at = |tp: Option<crate::TimePoint>| tp.and_then(|tp| tl.resolve(tp));
    let actuals: Vec<(usize, usize, f64)> = o
        .actuals
        .iter()
        .filter_map(|a| Some((team_index[a.team.as_str()], tl.resolve(a.period)?, a.hours)))
        .collect();
    let first = actuals.iter().filter(|a| a.2 > 0.0).map(|a| a.1).min();
    Fixed {
        start: at(o.pin.and_then(|p| p.start))
            .or(first.filter(|_| o.status != crate::model::OrderStatus::InProgress)),
        go_live: at(o.pin.and_then(|p| p.go_live)),
        actuals,
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
    for job in prob.jobs.iter().filter(|j| !j.optional) {
        let o = &p.orders[job.order];
        let last = job.deadline.unwrap_or(prob.periods - 1);
        let range = job.release..=last;
        match &job.work {
            JobWork::Effort { loads, .. } => {
                for l in loads {
                    let team = &p.teams[l.team];
                    let cap: f64 = range.clone().map(|t| prob.max_capacity(l.team, t)).sum();
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
                    } else if avail + 1e-9 < l.hours * job.min_scope {
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
                                .all(|&(r, h)| h * prob.share[t] <= prob.max_capacity(r, t) + 1e-9)
                    })
                };
                if !range.clone().any(fits) {
                    let team = demand
                        .iter()
                        .find(|&&(r, h)| {
                            range
                                .clone()
                                .all(|t| h * prob.share[t] > prob.max_capacity(r, t) + 1e-9)
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

/// The jobs of one orderer.
fn jobs_of_orderer(p: &Portfolio, job_of: &[Option<usize>], orderer: &str) -> Vec<usize> {
    p.orders
        .iter()
        .enumerate()
        .filter(|(_, o)| o.orderer == orderer)
        .filter_map(|(k, _)| job_of[k])
        .collect()
}

/// The periods of each span of a budget: all periods for `Total`, else grouped by the year,
/// quarter or month of each period's first day (unit calendars: one span).
pub(crate) fn budget_spans(tl: &Timeline, per: BudgetSpan) -> Vec<Vec<usize>> {
    use chrono::Datelike;
    let mut spans: Vec<(i32, u32, Vec<usize>)> = Vec::new();
    for t in 0..tl.len() {
        let key = match (per, tl.period(t).first_day) {
            (BudgetSpan::Total, _) | (_, None) => (0, 0),
            (BudgetSpan::Year, Some(d)) => (d.year(), 0),
            (BudgetSpan::Quarter, Some(d)) => (d.year(), d.month0() / 3),
            (BudgetSpan::Month, Some(d)) => (d.year(), d.month0()),
        };
        match spans.last_mut() {
            Some((y, m, v)) if (*y, *m) == key => v.push(t),
            _ => spans.push((key.0, key.1, vec![t])),
        }
    }
    spans.into_iter().map(|(_, _, v)| v).collect()
}

/// The most hours a week an effort-driven order may take from a team when it sets no limit:
/// everything the team has, consultants included.
pub fn default_pace(team: &crate::model::Team) -> f64 {
    team.hours_per_week + team.consultants.as_ref().map_or(0.0, |e| e.hours_per_week)
}

//! Turns a schedule (job and period indices) into a [`Plan`] with ids, dates and figures.

use super::{Plan, PlannedOrder, PlannedState, Summary, TeamPeriod, WorkSlice};
use crate::model::{OrderStatus, Portfolio, Timeline};
use crate::problem::Problem;
use crate::schedule::Schedule;

/// Hours below this are solver noise and left out of the plan.
const HOURS_EPS: f64 = 1e-7;

/// Builds the plan of `schedule` for `portfolio`. `problem` must come from the same portfolio.
pub fn build_plan(
    portfolio: &Portfolio,
    tl: &Timeline,
    problem: &Problem,
    schedule: &Schedule,
) -> Plan {
    let mut job_of = vec![None; portfolio.orders.len()];
    for (j, job) in problem.jobs.iter().enumerate() {
        job_of[job.order] = Some(j);
    }
    let mut load = vec![vec![0.0; tl.len()]; portfolio.teams.len()];
    let date = |d: Option<chrono::NaiveDate>| d;
    let orders = portfolio
        .orders
        .iter()
        .enumerate()
        .map(|(k, o)| {
            let due_period = o.due.and_then(|d| tl.resolve(d)).map(|d| d as u32);
            let Some(j) = job_of[k] else {
                return PlannedOrder {
                    id: o.id.clone(),
                    title: o.title.clone(),
                    orderer: o.orderer.clone(),
                    state: PlannedState::Done,
                    start_period: None,
                    finish_period: None,
                    go_live_period: None,
                    start: None,
                    finish: None,
                    go_live: None,
                    due_period: None,
                    lateness: 0,
                    work: Vec::new(),
                };
            };
            let jt = &schedule.jobs[j];
            let mut work: Vec<WorkSlice> = schedule
                .hours(problem, j)
                .into_iter()
                .filter(|&(_, _, h)| h > HOURS_EPS)
                .map(|(r, t, h)| {
                    load[r][t] += h;
                    WorkSlice {
                        team: portfolio.teams[r].id.clone(),
                        period: t as u32,
                        hours: h,
                    }
                })
                .collect();
            work.sort_by(|a, b| (a.period, &a.team).cmp(&(b.period, &b.team)));
            let lateness = due_period.map_or(0, |d| (jt.go_live as u32).saturating_sub(d));
            PlannedOrder {
                id: o.id.clone(),
                title: o.title.clone(),
                orderer: o.orderer.clone(),
                state: if o.status == OrderStatus::InProgress {
                    PlannedState::InProgress
                } else {
                    PlannedState::Scheduled
                },
                start_period: Some(jt.start as u32),
                finish_period: Some(jt.finish as u32),
                go_live_period: Some(jt.go_live as u32),
                start: date(tl.start_day(jt.start)),
                finish: date(tl.end_day(jt.finish)),
                go_live: tl.go_live_day(jt.go_live),
                due_period,
                lateness,
                work,
            }
        })
        .collect::<Vec<_>>();
    let team_periods = portfolio
        .teams
        .iter()
        .enumerate()
        .flat_map(|(r, team)| {
            let load = &load;
            (0..tl.len()).map(move |t| {
                let capacity = problem.capacity[r][t];
                let l = load[r][t];
                TeamPeriod {
                    team: team.id.clone(),
                    period: t as u32,
                    label: tl.period(t).label.clone(),
                    load: l,
                    capacity,
                    utilisation: if capacity > 0.0 { l / capacity } else { 0.0 },
                }
            })
        })
        .collect();
    let summary = summarise(portfolio, &orders);
    Plan {
        orders,
        team_periods,
        summary,
    }
}

fn summarise(portfolio: &Portfolio, orders: &[PlannedOrder]) -> Summary {
    let mut s = Summary {
        makespan: 0,
        orders_with_due_date: 0,
        orders_late: 0,
        on_time_share: 1.0,
        total_lateness: 0,
        weighted_lateness: 0.0,
        weighted_completion: 0.0,
    };
    for (o, po) in portfolio.orders.iter().zip(orders) {
        let Some(g) = po.go_live_period else { continue };
        let w = o.effective_weight();
        s.makespan = s.makespan.max(g + 1);
        s.weighted_completion += w * (g + 1) as f64;
        if po.due_period.is_some() {
            s.orders_with_due_date += 1;
            if po.lateness > 0 {
                s.orders_late += 1;
                s.total_lateness += po.lateness;
                s.weighted_lateness += w * po.lateness as f64;
            }
        }
    }
    if s.orders_with_due_date > 0 {
        s.on_time_share = 1.0 - s.orders_late as f64 / s.orders_with_due_date as f64;
    }
    s
}

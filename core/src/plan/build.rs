//! Turns a schedule (job and period indices) into a [`Plan`] with ids, dates and figures.

use super::{BudgetUse, Plan, PlannedOrder, PlannedState, Summary, TeamPeriod, WorkSlice};
use crate::model::{BudgetSpan, OrderStatus, Portfolio, Timeline};
use crate::problem::Problem;
use crate::schedule::Schedule;
use chrono::{Datelike, NaiveDate};

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
    let orders: Vec<PlannedOrder> = portfolio
        .orders
        .iter()
        .enumerate()
        .map(|(k, o)| {
            let due_period = o.due.and_then(|d| tl.resolve(d)).map(|d| d as u32);
            let mut po = PlannedOrder {
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
                scope: 1.0,
                reason: None,
            };
            let Some(j) = job_of[k] else { return po };
            let jt = &schedule.jobs[j];
            if !jt.selected {
                po.state = PlannedState::Stopped;
                po.scope = 0.0;
                po.due_period = due_period;
                po.reason = problem.jobs[j].excluded.clone();
                return po;
            }
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
            po.state = if o.status == OrderStatus::InProgress {
                PlannedState::InProgress
            } else {
                PlannedState::Scheduled
            };
            po.start_period = Some(jt.start as u32);
            po.finish_period = Some(jt.finish as u32);
            po.go_live_period = Some(jt.go_live as u32);
            po.start = tl.start_day(jt.start);
            po.finish = tl.end_day(jt.finish);
            po.go_live = go_live_day(portfolio, tl, jt.go_live);
            po.due_period = due_period;
            po.lateness = due_period.map_or(0, |d| (jt.go_live as u32).saturating_sub(d));
            po.work = work;
            po.scope = if o.min_scope.is_some() { jt.scope } else { 1.0 };
            po
        })
        .collect();
    let mut bought = vec![vec![0.0; tl.len()]; portfolio.teams.len()];
    for &(r, t, h) in &schedule.external {
        bought[r][t] += h;
    }
    let team_periods: Vec<TeamPeriod> = portfolio
        .teams
        .iter()
        .enumerate()
        .flat_map(|(r, team)| {
            let (load, bought) = (&load, &bought);
            let price = team.consultants.as_ref().map_or(0.0, |e| e.cost_per_hour);
            (0..tl.len()).map(move |t| {
                let capacity = problem.capacity[r][t];
                let l = load[r][t];
                // Consultants are bought for what the team's own hours cannot carry.
                let external = if bought[r][t] > HOURS_EPS {
                    (l - capacity).max(0.0).min(bought[r][t])
                } else {
                    0.0
                };
                TeamPeriod {
                    team: team.id.clone(),
                    period: t as u32,
                    label: tl.period(t).label.clone(),
                    load: l,
                    capacity,
                    // Own staff only: consultant hours are shown apart.
                    utilisation: if capacity > 0.0 {
                        (l - external) / capacity
                    } else {
                        0.0
                    },
                    consultant_hours: external,
                    consultant_cost: external * price,
                }
            })
        })
        .collect();
    let budgets = budget_uses(portfolio, tl, &team_periods);
    let summary = summarise(portfolio, &orders, &team_periods);
    Plan {
        orders,
        team_periods,
        summary,
        budgets,
        explanations: Vec::new(),
    }
}

/// The go-live day of period `t`: the release-train date in it, else its last working day.
fn go_live_day(p: &Portfolio, tl: &Timeline, t: usize) -> Option<NaiveDate> {
    match &p.release_train {
        Some(train) if tl.kind() != crate::model::PeriodKind::Unit => {
            tl.train_day(t, &train.dates, &p.freeze_windows)
        }
        _ => tl.go_live_day(t),
    }
}

/// The label of the budget span holding a period's first day.
pub fn budget_label(per: BudgetSpan, first_day: Option<NaiveDate>) -> String {
    match (per, first_day) {
        (BudgetSpan::Total, _) | (_, None) => "total".into(),
        (BudgetSpan::Year, Some(d)) => d.year().to_string(),
        (BudgetSpan::Quarter, Some(d)) => format!("{}-Q{}", d.year(), d.month0() / 3 + 1),
        (BudgetSpan::Month, Some(d)) => format!("{}-{:02}", d.year(), d.month()),
    }
}

fn budget_uses(p: &Portfolio, tl: &Timeline, team_periods: &[TeamPeriod]) -> Vec<BudgetUse> {
    let mut spend = vec![0.0; tl.len()];
    for tp in team_periods {
        spend[tp.period as usize] += tp.consultant_cost;
    }
    let mut out = Vec::new();
    for b in &p.budgets {
        let mut current: Option<BudgetUse> = None;
        for (t, spent) in spend.iter().enumerate() {
            let label = budget_label(b.per, tl.period(t).first_day);
            match &mut current {
                Some(u) if u.label == label => {
                    u.last_period = t as u32;
                    u.spent += spent;
                }
                _ => {
                    out.extend(current.take());
                    current = Some(BudgetUse {
                        per: b.per,
                        label,
                        first_period: t as u32,
                        last_period: t as u32,
                        spent: *spent,
                        amount: b.amount,
                    });
                }
            }
        }
        out.extend(current);
    }
    out
}

fn summarise(
    portfolio: &Portfolio,
    orders: &[PlannedOrder],
    team_periods: &[TeamPeriod],
) -> Summary {
    let mut s = Summary {
        makespan: 0,
        orders_with_due_date: 0,
        orders_late: 0,
        on_time_share: 1.0,
        total_lateness: 0,
        weighted_lateness: 0.0,
        weighted_completion: 0.0,
        value_total: 0.0,
        value_delivered: 0.0,
        orders_stopped: 0,
        orders_reduced: 0,
        consultant_hours: team_periods.iter().map(|t| t.consultant_hours).sum(),
        consultant_cost: team_periods.iter().map(|t| t.consultant_cost).sum(),
    };
    for (o, po) in portfolio.orders.iter().zip(orders) {
        if po.state == PlannedState::Done {
            continue;
        }
        s.value_total += o.effective_value();
        if po.state == PlannedState::Stopped {
            s.orders_stopped += 1;
            continue;
        }
        s.value_delivered += o.effective_value() * po.scope;
        if po.scope < 1.0 - 1e-9 {
            s.orders_reduced += 1;
        }
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

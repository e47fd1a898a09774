//! Tests of the verifier: for each rule, a correct plan passes and a plan broken in one place
//! yields exactly that rule. Plans are written by hand; [`complete`] fills in the fields that
//! follow from the rest (dates, due periods, lateness, the load table with its consultant
//! hours, the budget table, the summary) so that each test breaks one thing only.

mod capacity;
mod consultants;
mod decisions;
mod links;
mod orders;
mod robust;
mod settled;
mod work;

use super::{verify, Rule, VerifyReport};
use crate::model::{BudgetSpan, Calendar, OrderStatus, Portfolio, TimePoint, Timeline};
use crate::plan::{BudgetUse, Plan, PlannedOrder, PlannedState, Summary, TeamPeriod, WorkSlice};
use chrono::{Datelike, NaiveDate};

/// A date from `YYYY-MM-DD`.
fn day(s: &str) -> NaiveDate {
    s.parse().expect("test date")
}

/// An empty portfolio on a unit calendar of `n` periods.
fn units(n: u32) -> Portfolio {
    Portfolio::new(Calendar::units(n))
}

/// Weeks 2013-W50 to 2014-W02: period 2 is Christmas week, 2013-W52, with two working days
/// (Christmas Eve, Christmas Day and Boxing Day are closed days, on top of the Swedish holidays,
/// so this holds whatever holiday tables are compiled in).
fn christmas() -> Portfolio {
    let mut cal = Calendar::weeks(day("2013-12-09"), day("2014-01-12"));
    cal.closed_days = vec![day("2013-12-24"), day("2013-12-25"), day("2013-12-26")];
    Portfolio::new(cal)
}

/// A scheduled order with start, finish and go-live periods and no work.
fn at(id: &str, s: u32, f: u32, g: u32) -> PlannedOrder {
    PlannedOrder {
        id: id.to_string(),
        title: String::new(),
        orderer: String::new(),
        state: PlannedState::Scheduled,
        start_period: Some(s),
        finish_period: Some(f),
        go_live_period: Some(g),
        start: None,
        finish: None,
        go_live: None,
        due_period: None,
        lateness: 0,
        work: Vec::new(),
        scope: 1.0,
        reason: None,
    }
}

/// A stopped order as the plan shows it.
fn stopped(id: &str) -> PlannedOrder {
    PlannedOrder {
        state: PlannedState::Stopped,
        scope: 0.0,
        ..done(id)
    }
}

/// A done order as the plan shows it.
fn done(id: &str) -> PlannedOrder {
    PlannedOrder {
        state: PlannedState::Done,
        start_period: None,
        finish_period: None,
        go_live_period: None,
        ..at(id, 0, 0, 0)
    }
}

/// Adds work slices `(team, period, hours)`.
fn with(mut po: PlannedOrder, work: &[(&str, u32, f64)]) -> PlannedOrder {
    po.work
        .extend(work.iter().map(|&(team, period, hours)| WorkSlice {
            team: team.to_string(),
            period,
            hours,
        }));
    po
}

/// A plan of these orders with the derived fields filled in: state from the order's status
/// (a stopped order stays stopped), dates from the timeline (a release-train date for the
/// go-live when its period has one), due period and lateness, the load table with the
/// consultant hours above capacity, the budget table and the summary.
fn complete(p: &Portfolio, mut orders: Vec<PlannedOrder>) -> Plan {
    let tl = Timeline::new(&p.calendar).expect("test calendar");
    let n = tl.len();
    let dated = p.calendar.period != crate::model::PeriodKind::Unit;
    let mut summary = Summary {
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
        consultant_hours: 0.0,
        consultant_cost: 0.0,
    };
    for o in p.orders.iter().filter(|o| o.status != OrderStatus::Done) {
        summary.value_total += o.effective_value();
    }
    for po in &mut orders {
        let Some(o) = p.order(&po.id) else { continue };
        po.due_period = o.due.and_then(|d| tl.resolve(d)).map(|t| t as u32);
        if po.state == PlannedState::Stopped && o.status != OrderStatus::Done {
            summary.orders_stopped += 1;
            continue;
        }
        po.state = match o.status {
            OrderStatus::Done => PlannedState::Done,
            OrderStatus::InProgress => PlannedState::InProgress,
            OrderStatus::NotStarted => PlannedState::Scheduled,
        };
        if o.status == OrderStatus::Done {
            po.due_period = None;
            continue;
        }
        summary.value_delivered += o.effective_value() * po.scope;
        if po.scope < 1.0 {
            summary.orders_reduced += 1;
        }
        let Some(g) = po.go_live_period else { continue };
        let inside = |t: Option<u32>| t.map(|t| t as usize).filter(|&t| t < n);
        if dated {
            po.start = inside(po.start_period).and_then(|t| tl.start_day(t));
            po.finish = inside(po.finish_period).and_then(|t| tl.end_day(t));
            po.go_live = inside(Some(g)).and_then(|t| train_day(p, &tl, t).or(tl.go_live_day(t)));
        }
        po.lateness = po.due_period.map_or(0, |d| g.saturating_sub(d));
        let w = o.effective_weight();
        summary.makespan = summary.makespan.max(g.saturating_add(1));
        summary.weighted_completion += w * (f64::from(g) + 1.0);
        if po.due_period.is_some() {
            summary.orders_with_due_date += 1;
            if po.lateness > 0 {
                summary.orders_late += 1;
                summary.total_lateness = summary.total_lateness.saturating_add(po.lateness);
                summary.weighted_lateness += w * f64::from(po.lateness);
            }
        }
    }
    if summary.orders_with_due_date > 0 {
        summary.on_time_share =
            1.0 - summary.orders_late as f64 / summary.orders_with_due_date as f64;
    }
    let mut team_periods = Vec::new();
    let mut spend = vec![0.0; n];
    for team in &p.teams {
        for (t, spent) in spend.iter_mut().enumerate() {
            let load: f64 = orders
                .iter()
                .flat_map(|po| &po.work)
                .filter(|w| w.team == team.id && w.period as usize == t && w.hours.is_finite())
                .filter(|w| w.hours >= 0.0)
                .map(|w| w.hours)
                .sum();
            let capacity = tl.team_capacity(team, t);
            let (external, price) = match &team.consultants {
                Some(e) => ((load - capacity).max(0.0), e.cost_per_hour),
                None => (0.0, 0.0),
            };
            summary.consultant_hours += external;
            summary.consultant_cost += external * price;
            *spent += external * price;
            team_periods.push(TeamPeriod {
                team: team.id.clone(),
                period: t as u32,
                label: tl.period(t).label.clone(),
                load,
                capacity,
                // The own staff's: consultant hours apart.
                utilisation: if capacity > 0.0 {
                    (load - external) / capacity
                } else {
                    0.0
                },
                consultant_hours: external,
                consultant_cost: external * price,
            });
        }
    }
    let budgets = budget_rows(p, &tl, &spend);
    Plan {
        orders,
        team_periods,
        summary,
        budgets,
        explanations: Vec::new(),
    }
}

/// The first release-train date falling in period `t`, if any.
fn train_day(p: &Portfolio, tl: &Timeline, t: usize) -> Option<NaiveDate> {
    p.release_train
        .as_ref()?
        .dates
        .iter()
        .find_map(|d| match *d {
            TimePoint::Date(d) if tl.period_of_date(d) == Some(t) => Some(d),
            _ => None,
        })
}

/// One row per budget and span, spans named after the first day of their periods.
fn budget_rows(p: &Portfolio, tl: &Timeline, spend: &[f64]) -> Vec<BudgetUse> {
    let mut rows: Vec<BudgetUse> = Vec::new();
    for b in &p.budgets {
        let start = rows.len();
        for (t, &s) in spend.iter().enumerate() {
            let label = match (b.per, tl.period(t).first_day) {
                (BudgetSpan::Total, _) | (_, None) => "total".to_string(),
                (BudgetSpan::Year, Some(d)) => d.year().to_string(),
                (BudgetSpan::Quarter, Some(d)) => format!("{}-Q{}", d.year(), d.month0() / 3 + 1),
                (BudgetSpan::Month, Some(d)) => format!("{}-{:02}", d.year(), d.month()),
            };
            match rows[start..].last_mut() {
                Some(row) if row.label == label => {
                    row.last_period = t as u32;
                    row.spent += s;
                }
                _ => rows.push(BudgetUse {
                    per: b.per,
                    label,
                    first_period: t as u32,
                    last_period: t as u32,
                    spent: s,
                    amount: b.amount,
                }),
            }
        }
    }
    rows
}

/// Verifies and shows the report when a test fails.
fn check(p: &Portfolio, plan: &Plan) -> VerifyReport {
    let report = verify(p, plan);
    eprintln!("{report}");
    report
}

/// The plan keeps every rule.
fn assert_ok(p: &Portfolio, plan: &Plan) {
    let report = check(p, plan);
    assert!(report.is_ok(), "expected no violations, got:\n{report}");
}

/// The plan breaks exactly these rules (each at least once) and nothing else.
fn assert_rules(p: &Portfolio, plan: &Plan, rules: &[Rule]) -> VerifyReport {
    let report = check(p, plan);
    let mut got = report.rules();
    got.sort();
    got.dedup();
    let mut want = rules.to_vec();
    want.sort();
    assert_eq!(got, want, "expected exactly {want:?}, got:\n{report}");
    report
}

/// The plan breaks `rule` and nothing else; returns the report for further checks.
fn assert_only(p: &Portfolio, plan: &Plan, rule: Rule) -> VerifyReport {
    let report = check(p, plan);
    assert!(!report.is_ok(), "expected a {rule} violation, got none");
    assert!(
        report.violations.iter().all(|v| v.rule == rule),
        "expected only {rule} violations, got:\n{report}"
    );
    report
}

#[test]
fn a_calendar_that_cannot_be_unrolled_is_one_violation() {
    let p = units(0);
    let plan = Plan {
        orders: vec![],
        team_periods: vec![],
        summary: complete(&units(1), vec![]).summary,
        budgets: vec![],
        explanations: vec![],
    };
    let report = verify(&p, &plan);
    assert_eq!(report.rules(), [Rule::Calendar]);
    assert!(report.violations[0].message.contains("periods"));
}

#[test]
fn an_empty_portfolio_with_an_empty_plan_passes() {
    let p = units(3);
    let plan = complete(&p, vec![]);
    assert_ok(&p, &plan);
    assert_eq!(plan.summary.makespan, 0);
}

#[test]
fn report_serialises_rules_in_snake_case_and_prints_one_line_each() {
    assert_eq!(
        serde_json::to_value(Rule::GoLiveSlots).expect("json"),
        serde_json::json!("go_live_slots")
    );
    for rule in Rule::ALL {
        assert_eq!(
            serde_json::to_value(rule).expect("json"),
            serde_json::json!(rule.as_str())
        );
    }
    let mut p = units(4);
    p.add_team(crate::model::Team::new("dev", 10.0));
    p.add_order(crate::model::Order::fixed("a", 1, [("dev", 1.0)]));
    p.add_order(crate::model::Order::fixed("b", 1, [("dev", 1.0)]));
    let plan = complete(&p, vec![]);
    let report = verify(&p, &plan);
    assert_eq!(report.violations.len(), 2);
    assert_eq!(report.to_string().lines().count(), 2);
    assert!(report.to_string().starts_with("[plan_shape] order `a`"));
    let json = serde_json::to_value(&report).expect("json");
    assert_eq!(json["violations"][0]["rule"], "plan_shape");
    assert_eq!(json["violations"][0]["order"], "a");
    assert_eq!(
        verify(&units(1), &complete(&units(1), vec![])).to_string(),
        "no violations\n"
    );
}

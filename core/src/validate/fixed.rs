//! Checks on what is settled: pins, actual hours and the frozen horizon.

use super::{check_point, is_amount};
use crate::error::ValidationReport;
use crate::model::{OrderStatus, Portfolio, Timeline};
use std::collections::HashMap;

pub(super) fn check(p: &Portfolio, tl: Option<&Timeline>, report: &mut ValidationReport) {
    let frozen = p
        .frozen_until
        .and_then(|tp| check_point(tl, "portfolio", "", "frozen_until", tp, report));
    for o in &p.orders {
        let id = o.id.as_str();
        if let Some(pin) = o.pin {
            if o.status == OrderStatus::Done && !pin.is_empty() {
                report.push(
                    "pin_on_done_order",
                    "order",
                    id,
                    "pin",
                    "",
                    "the order is done: it has no dates left to pin",
                );
            }
            let start = pin
                .start
                .and_then(|tp| check_point(tl, "order", id, "pin.start", tp, report));
            let live = pin
                .go_live
                .and_then(|tp| check_point(tl, "order", id, "pin.go_live", tp, report));
            if let (Some(s), Some(g)) = (start, live) {
                if g < s {
                    report.push(
                        "pin_out_of_order",
                        "order",
                        id,
                        "pin.go_live",
                        pin.go_live.map(|x| x.to_string()).unwrap_or_default(),
                        format!(
                            "comes before the pinned start {}",
                            pin.start.map(|x| x.to_string()).unwrap_or_default()
                        ),
                    );
                }
            }
            if o.status == OrderStatus::InProgress && start.is_some_and(|s| s > 0) {
                report.push(
                    "pin_on_started_order",
                    "order",
                    id,
                    "pin.start",
                    pin.start.map(|x| x.to_string()).unwrap_or_default(),
                    "the order is in progress: it started before the plan, so its start cannot be pinned later",
                );
            }
        }
        if o.actuals.is_empty() {
            continue;
        }
        if !o.is_effort_driven() || o.status == OrderStatus::Done {
            report.push(
                "actuals_not_allowed",
                "order",
                id,
                "actuals",
                o.actuals.len(),
                "only effort-driven orders still to deliver record actual hours (pin the start of a fixed-duration order instead)",
            );
            continue;
        }
        let Some(f) = (match p.frozen_until {
            Some(_) => frozen,
            None => {
                report.push(
                    "actuals_without_frozen_until",
                    "order",
                    id,
                    "actuals",
                    o.actuals.len(),
                    "actual hours need the portfolio's `frozen_until`: the date up to which the plan is settled",
                );
                None
            }
        }) else {
            continue;
        };
        let effort: HashMap<&str, f64> = o
            .effort
            .iter()
            .map(|e| (e.team.as_str(), e.hours))
            .collect();
        let mut spent: HashMap<&str, f64> = HashMap::new();
        for (k, a) in o.actuals.iter().enumerate() {
            let field = format!("actuals[{k}]");
            if !effort.contains_key(a.team.as_str()) {
                report.push(
                    "unknown_team",
                    "order",
                    id,
                    &format!("{field}.team"),
                    &a.team,
                    "not one of the order's effort teams",
                );
            }
            if !is_amount(a.hours) {
                report.push(
                    "invalid_number",
                    "order",
                    id,
                    &format!("{field}.hours"),
                    a.hours,
                    "must be a finite number of hours, 0 or more",
                );
            } else {
                *spent.entry(a.team.as_str()).or_default() += a.hours;
            }
            let t = check_point(
                tl,
                "order",
                id,
                &format!("{field}.period"),
                a.period,
                report,
            );
            if t.is_some_and(|t| t >= f) {
                report.push(
                    "actual_after_frozen_until",
                    "order",
                    id,
                    &format!("{field}.period"),
                    a.period,
                    "actual hours are for periods before `frozen_until`; later hours are the plan's to choose",
                );
            }
        }
        let first = o
            .actuals
            .iter()
            .filter(|a| a.hours > 0.0)
            .filter_map(|a| tl.and_then(|tl| tl.resolve(a.period)))
            .min();
        let pinned = o
            .pin
            .and_then(|p| p.start)
            .and_then(|tp| tl.and_then(|tl| tl.resolve(tp)));
        if let (Some(a), Some(s)) = (first, pinned) {
            if a != s {
                report.push(
                    "pin_conflicts_actuals",
                    "order",
                    id,
                    "pin.start",
                    o.pin
                        .and_then(|p| p.start)
                        .map(|x| x.to_string())
                        .unwrap_or_default(),
                    format!("the first actual hours are in period {a}: the work started there"),
                );
            }
        }
        for (team, hours) in spent {
            if let Some(&total) = effort.get(team) {
                if hours > total + 1e-6 {
                    report.push(
                        "actuals_exceed_effort",
                        "order",
                        id,
                        "actuals",
                        format!("{team}: {hours} h"),
                        format!("more than the order's effort of {total} h for team `{team}` (effort counts worked and remaining hours)"),
                    );
                }
            }
        }
    }
}

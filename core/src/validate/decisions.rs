//! Checks on portfolio decisions: optional orders, scope, consultants, groups, budgets, shares
//! and release trains.

use super::{check_point, is_amount};
use crate::error::ValidationReport;
use crate::model::{BudgetSpan, PeriodKind, Portfolio, Timeline};
use std::collections::HashSet;

pub(super) fn check(p: &Portfolio, tl: Option<&Timeline>, report: &mut ValidationReport) {
    for o in &p.orders {
        if let Some(v) = o.value {
            if !is_amount(v) {
                report.push(
                    "invalid_number",
                    "order",
                    &o.id,
                    "value",
                    v,
                    "must be a finite value, 0 or more",
                );
            }
        }
        if let Some(s) = o.min_scope {
            if !(s.is_finite() && s > 0.0 && s <= 1.0) {
                report.push(
                    "invalid_number",
                    "order",
                    &o.id,
                    "min_scope",
                    s,
                    "must be a share above 0 and at most 1",
                );
            } else if !o.is_effort_driven() {
                report.push(
                    "invalid_work",
                    "order",
                    &o.id,
                    "min_scope",
                    s,
                    "scope can be reduced on effort-driven orders only",
                );
            }
        }
    }
    for team in &p.teams {
        if let Some(e) = &team.consultants {
            for (field, v) in [
                ("consultants.hours_per_week", Some(e.hours_per_week)),
                ("consultants.cost_per_hour", Some(e.cost_per_hour)),
                ("consultants.max_hours", e.max_hours),
            ] {
                if let Some(v) = v {
                    if !is_amount(v) {
                        report.push(
                            "invalid_number",
                            "team",
                            &team.id,
                            field,
                            v,
                            "must be a finite number, 0 or more",
                        );
                    }
                }
            }
        }
    }
    let ids: HashSet<&str> = p.orders.iter().map(|o| o.id.as_str()).collect();
    for (k, g) in p.groups.iter().enumerate() {
        let id = if g.name.is_empty() {
            format!("#{}", k + 1)
        } else {
            g.name.clone()
        };
        if g.orders.len() < 2 {
            report.push(
                "invalid_group",
                "group",
                &id,
                "orders",
                g.orders.len(),
                format!("a `{}` group needs at least two orders", g.kind),
            );
        }
        for o in &g.orders {
            if !ids.contains(o.as_str()) {
                report.push(
                    "unknown_order",
                    "group",
                    &id,
                    "orders",
                    o,
                    "no order has this id",
                );
            }
        }
    }
    let unit = tl.is_some_and(|t| t.kind() == PeriodKind::Unit);
    for b in &p.budgets {
        let per = serde_json::to_value(b.per)
            .ok()
            .and_then(|v| v.as_str().map(String::from))
            .unwrap_or_default();
        if !is_amount(b.amount) {
            report.push(
                "invalid_number",
                "budget",
                &per,
                "amount",
                b.amount,
                "must be a finite amount, 0 or more",
            );
        }
        if unit && b.per != BudgetSpan::Total {
            report.push(
                "budget_needs_dates",
                "budget",
                &per,
                "per",
                &per,
                "a unit calendar has no years, quarters or months: use `total`",
            );
        }
    }
    let orderers: HashSet<&str> = p.orders.iter().map(|o| o.orderer.as_str()).collect();
    for s in &p.orderer_shares {
        if !orderers.contains(s.orderer.as_str()) {
            report.push(
                "unknown_orderer",
                "orderer_share",
                &s.orderer,
                "orderer",
                &s.orderer,
                "no order has this orderer",
            );
        }
        for (field, v) in [("min_share", s.min_share), ("max_share", s.max_share)] {
            if let Some(v) = v {
                if !(v.is_finite() && (0.0..=1.0).contains(&v)) {
                    report.push(
                        "invalid_number",
                        "orderer_share",
                        &s.orderer,
                        field,
                        v,
                        "must be a share from 0 to 1",
                    );
                }
            }
        }
        if let (Some(a), Some(b)) = (s.min_share, s.max_share) {
            if a > b {
                report.push(
                    "invalid_range",
                    "orderer_share",
                    &s.orderer,
                    "max_share",
                    b,
                    format!("below min_share {a}"),
                );
            }
        }
    }
    if let Some(train) = &p.release_train {
        if train.dates.is_empty() {
            report.push(
                "invalid_release_train",
                "release_train",
                "",
                "dates",
                "[]",
                "give at least one deployment date",
            );
        }
        if train.max_changes == Some(0) {
            report.push(
                "invalid_release_train",
                "release_train",
                "",
                "max_changes",
                0,
                "must be at least 1 (omit it for no limit)",
            );
        }
        for d in &train.dates {
            check_point(tl, "release_train", "", "dates", *d, report);
        }
    }
}

//! Checks on orders: ids, work, numbers and dates.

use super::{check_point, is_amount};
use crate::error::ValidationReport;
use crate::model::{Order, OrderStatus, Portfolio, Timeline};
use std::collections::HashSet;

pub(super) fn check(p: &Portfolio, tl: Option<&Timeline>, report: &mut ValidationReport) {
    let teams: HashSet<&str> = p.teams.iter().map(|t| t.id.as_str()).collect();
    let mut seen = HashSet::new();
    for (k, o) in p.orders.iter().enumerate() {
        let id = o.id.as_str();
        if id.trim().is_empty() {
            report.push(
                "empty_id",
                "order",
                &format!("#{}", k + 1),
                "id",
                "\"\"",
                "every order needs an id",
            );
        } else if !seen.insert(id) {
            report.push(
                "duplicate_id",
                "order",
                id,
                "id",
                id,
                "another order has the same id",
            );
        }
        if let Some(w) = o.weight {
            if !is_amount(w) {
                report.push(
                    "invalid_number",
                    "order",
                    id,
                    "weight",
                    w,
                    "must be a finite weight, 0 or more",
                );
            }
        }
        check_work(o, &teams, report);
        super::estimates::check(o, report);
        check_dates(o, tl, report);
    }
}

fn check_work(o: &Order, teams: &HashSet<&str>, report: &mut ValidationReport) {
    let id = o.id.as_str();
    let mut used = HashSet::new();
    let mut team_ref = |team: &str, field: &str, report: &mut ValidationReport| {
        if !teams.contains(team) {
            report.push(
                "unknown_team",
                "order",
                id,
                field,
                team,
                "no team has this id",
            );
        } else if !used.insert(team.to_string()) {
            report.push(
                "duplicate_team",
                "order",
                id,
                field,
                team,
                "the same team is listed twice; give its hours once",
            );
        }
    };
    match o.duration {
        None => {
            if !o.demand.is_empty() {
                report.push(
                    "invalid_work",
                    "order",
                    id,
                    "demand",
                    format!("{} entries", o.demand.len()),
                    "`demand` needs a fixed `duration`; effort-driven orders list `effort`",
                );
            }
            for e in &o.effort {
                team_ref(&e.team, "effort.team", report);
                if !is_amount(e.hours) {
                    report.push(
                        "invalid_number",
                        "order",
                        id,
                        "effort.hours",
                        e.hours,
                        format!(
                            "hours for team `{}` must be a finite number, 0 or more",
                            e.team
                        ),
                    );
                }
                for (field, v) in [
                    ("effort.max_hours_per_week", e.max_hours_per_week),
                    ("effort.min_hours_per_week", e.min_hours_per_week),
                ] {
                    if let Some(v) = v {
                        if !is_amount(v) {
                            report.push(
                                "invalid_number",
                                "order",
                                id,
                                field,
                                v,
                                format!(
                                    "team `{}`: must be a finite number of hours, 0 or more",
                                    e.team
                                ),
                            );
                        }
                    }
                }
                if let Some(max) = e.max_hours_per_week {
                    if max == 0.0 && e.hours > 0.0 {
                        report.push(
                            "invalid_number",
                            "order",
                            id,
                            "effort.max_hours_per_week",
                            max,
                            format!(
                                "team `{}` has {} h to do but may do none a week",
                                e.team, e.hours
                            ),
                        );
                    }
                    if let Some(min) = e.min_hours_per_week {
                        if min > max {
                            report.push(
                                "invalid_range",
                                "order",
                                id,
                                "effort.min_hours_per_week",
                                min,
                                format!("team `{}`: above max_hours_per_week {max}", e.team),
                            );
                        }
                    }
                }
            }
            if o.min_duration == Some(0) {
                report.push(
                    "invalid_number",
                    "order",
                    id,
                    "min_duration",
                    0,
                    "must be at least 1 period",
                );
            }
            if let Some(max) = o.max_duration {
                if max == 0 {
                    report.push(
                        "invalid_number",
                        "order",
                        id,
                        "max_duration",
                        0,
                        "must be at least 1 period",
                    );
                } else if o.min_duration.is_some_and(|min| min > max) {
                    report.push(
                        "invalid_range",
                        "order",
                        id,
                        "max_duration",
                        max,
                        format!("below min_duration {}", o.min_duration.unwrap_or(0)),
                    );
                }
            }
        }
        Some(d) => {
            if d == 0 {
                report.push(
                    "invalid_number",
                    "order",
                    id,
                    "duration",
                    0,
                    "must be at least 1 period",
                );
            }
            if !o.effort.is_empty() {
                report.push("invalid_work", "order", id, "effort", format!("{} entries", o.effort.len()), "give either `effort` (effort-driven) or `duration` with `demand` (fixed), not both");
            }
            for (field, v) in [
                ("min_duration", o.min_duration),
                ("max_duration", o.max_duration),
            ] {
                if let Some(v) = v {
                    report.push("invalid_work", "order", id, field, v, "duration bounds apply to effort-driven orders; this one has a fixed `duration`");
                }
            }
            for dm in &o.demand {
                team_ref(&dm.team, "demand.team", report);
                if !is_amount(dm.hours_per_week) {
                    report.push(
                        "invalid_number",
                        "order",
                        id,
                        "demand.hours_per_week",
                        dm.hours_per_week,
                        format!(
                            "team `{}`: must be a finite number of hours, 0 or more",
                            dm.team
                        ),
                    );
                }
            }
        }
    }
}

fn check_dates(o: &Order, tl: Option<&Timeline>, report: &mut ValidationReport) {
    let id = o.id.as_str();
    let mut at = |field: &str, tp: Option<crate::TimePoint>| {
        tp.and_then(|tp| check_point(tl, "order", id, field, tp, report))
    };
    let release = at("release", o.release);
    let due = at("due", o.due);
    let deadline = at("deadline", o.deadline);
    if o.status != OrderStatus::NotStarted {
        return;
    }
    if let (Some(r), Some(d)) = (release, deadline) {
        if d < r {
            report.push(
                "deadline_before_release",
                "order",
                id,
                "deadline",
                o.deadline.map(|x| x.to_string()).unwrap_or_default(),
                format!(
                    "comes before the release {}",
                    o.release.map(|x| x.to_string()).unwrap_or_default()
                ),
            );
        }
    }
    if let (Some(r), Some(d)) = (release, due) {
        if d < r {
            report.push(
                "due_before_release",
                "order",
                id,
                "due",
                o.due.map(|x| x.to_string()).unwrap_or_default(),
                format!(
                    "comes before the release {}",
                    o.release.map(|x| x.to_string()).unwrap_or_default()
                ),
            );
        }
    }
}

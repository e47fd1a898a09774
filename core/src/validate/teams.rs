//! Checks on teams and their capacity overrides.

use super::{check_span, is_amount};
use crate::error::ValidationReport;
use crate::model::{Portfolio, Timeline};
use std::collections::HashSet;

pub(super) fn check(p: &Portfolio, tl: Option<&Timeline>, report: &mut ValidationReport) {
    let mut seen = HashSet::new();
    for (k, team) in p.teams.iter().enumerate() {
        let id = team.id.as_str();
        if id.trim().is_empty() {
            report.push(
                "empty_id",
                "team",
                &format!("#{}", k + 1),
                "id",
                "\"\"",
                "every team needs an id",
            );
        } else if !seen.insert(id) {
            report.push(
                "duplicate_id",
                "team",
                id,
                "id",
                id,
                "another team has the same id",
            );
        }
        if !is_amount(team.hours_per_week) {
            report.push(
                "invalid_number",
                "team",
                id,
                "hours_per_week",
                team.hours_per_week,
                "must be a finite number of hours, 0 or more",
            );
        }
        if !is_amount(team.cost_per_hour) {
            report.push(
                "invalid_number",
                "team",
                id,
                "cost_per_hour",
                team.cost_per_hour,
                "must be a finite amount, 0 or more",
            );
        }
        for o in &team.capacity_overrides {
            match (o.factor, o.hours_per_week) {
                (Some(f), None) if !is_amount(f) => {
                    report.push(
                        "invalid_number",
                        "team",
                        id,
                        "capacity_overrides.factor",
                        f,
                        "must be a finite share, 0 or more",
                    );
                }
                (None, Some(h)) if !is_amount(h) => {
                    report.push(
                        "invalid_number",
                        "team",
                        id,
                        "capacity_overrides.hours_per_week",
                        h,
                        "must be a finite number of hours, 0 or more",
                    );
                }
                (Some(_), None) | (None, Some(_)) => {}
                (f, h) => report.push(
                    "invalid_override",
                    "team",
                    id,
                    "capacity_overrides",
                    match (f, h) {
                        (Some(f), Some(h)) => format!("factor {f}, hours_per_week {h}"),
                        _ => "neither".to_string(),
                    },
                    "give exactly one of `factor` and `hours_per_week`",
                ),
            }
            check_span(tl, "team", id, o.from, o.to, report);
        }
    }
}

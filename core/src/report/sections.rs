//! The report's text sections: summary, stopped and reduced orders, why late, and tables.

use super::esc;
use crate::explain::explain;
use crate::io::plan_tables;
use crate::model::Portfolio;
use crate::plan::{Plan, PlannedState};
use crate::solve::relative_gap;
use crate::Outcome;

/// Status, every level's gap, and the figures a steering group asks for first.
pub(super) fn summary(portfolio: &Portfolio, plan: &Plan, outcome: Option<&Outcome>) -> String {
    let s = &plan.summary;
    let mut out = String::from("<section id=\"summary\">\n<h2>Summary</h2>\n");
    out.push_str("<table class=\"figures\">\n");
    let mut row = |k: &str, v: String| {
        out.push_str(&format!("<tr><td>{}</td><td>{v}</td></tr>\n", esc(k)));
    };
    if let Some(o) = outcome {
        row(
            "Status",
            format!("{} ({:.1} s)", esc(&o.status.to_string()), o.seconds),
        );
        for (k, l) in o.levels.iter().enumerate() {
            let gap = relative_gap(l.value, l.bound).map_or_else(
                || "no bound".to_string(),
                |g| format!("gap {:.1} %", g * 100.0),
            );
            row(
                &format!("Goal, level {}", k + 1),
                format!(
                    "{}: {:.0} ({gap}{})",
                    esc(&l.name()),
                    l.value,
                    if l.optimal { ", optimal" } else { "" }
                ),
            );
        }
    }
    let count = |state: PlannedState| plan.orders.iter().filter(|o| o.state == state).count();
    row(
        "Orders",
        format!(
            "{} scheduled, {} in progress, {} done before the plan, {} stopped, {} reduced",
            count(PlannedState::Scheduled),
            count(PlannedState::InProgress),
            count(PlannedState::Done),
            s.orders_stopped,
            s.orders_reduced
        ),
    );
    if s.value_total > 0.0 {
        row(
            "Value delivered",
            format!(
                "{:.0} of {:.0} ({:.0} %)",
                s.value_delivered,
                s.value_total,
                100.0 * s.value_delivered / s.value_total
            ),
        );
    }
    row(
        "On time",
        format!(
            "{:.0} % ({} of {} orders with a due date; {} late)",
            s.on_time_share * 100.0,
            s.orders_with_due_date - s.orders_late,
            s.orders_with_due_date,
            s.orders_late
        ),
    );
    row(
        "Lateness",
        format!(
            "{} in all, {:.0} weighted by priority",
            portfolio.calendar.period.count(s.total_lateness as usize),
            s.weighted_lateness
        ),
    );
    row(
        "Consultants",
        format!(
            "{:.0} h bought, {:.0} spent",
            s.consultant_hours, s.consultant_cost
        ),
    );
    for b in &plan.budgets {
        let share = if b.amount > 0.0 {
            format!(" ({:.0} %)", 100.0 * b.spent / b.amount)
        } else {
            String::new()
        };
        row(
            &format!("Budget {}", b.label),
            format!("{:.0} of {:.0}{share}", b.spent, b.amount),
        );
    }
    out.push_str("</table>\n</section>\n");
    out
}

/// Stopped and reduced orders with their reasons.
pub(super) fn decisions(portfolio: &Portfolio, plan: &Plan) -> String {
    let mut out = String::from("<section id=\"decisions\">\n<h2>Stopped and reduced orders</h2>\n");
    let cut: Vec<_> = plan
        .orders
        .iter()
        .filter(|o| o.state == PlannedState::Stopped || (o.scope < 1.0 - 1e-9 && o.scope > 0.0))
        .collect();
    if cut.is_empty() {
        out.push_str("<p>Every order is delivered in full.</p>\n</section>\n");
        return out;
    }
    out.push_str(
        "<table class=\"sortable\"><thead><tr><th>order</th><th>orderer</th><th>priority</th>\
         <th>decision</th><th class=\"n\">value</th><th>reason</th></tr></thead><tbody>\n",
    );
    let by_id = portfolio.orders_by_id();
    for o in cut {
        let order = by_id.get(o.id.as_str()).copied();
        let decision = if o.state == PlannedState::Stopped {
            "stopped".to_string()
        } else {
            format!("reduced to {:.0} %", o.scope * 100.0)
        };
        out.push_str(&format!(
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"n\">{:.0}</td><td>{}</td></tr>\n",
            esc(&o.id),
            esc(&o.orderer),
            order.map_or("", |x| x.priority.as_str()),
            decision,
            order.map_or(0.0, |x| x.effective_value()),
            esc(o.reason.as_deref().unwrap_or("")),
        ));
    }
    out.push_str("</tbody></table>\n</section>\n");
    out
}

/// Why each late, stopped or reduced order stands where it does, and what would change it.
pub(super) fn why_late(portfolio: &Portfolio, plan: &Plan) -> String {
    // Always from the plan itself: a plan file may carry explanations of an older version.
    let all = explain(portfolio, plan);
    let asked: Vec<_> = all
        .iter()
        .filter(|e| matches!(e.decision.as_str(), "postponed" | "stopped" | "reduced"))
        .collect();
    let mut out = String::from("<section id=\"why\">\n<h2>Why late, stopped or reduced</h2>\n");
    if asked.is_empty() {
        out.push_str("<p>Every order is on time and delivered in full.</p>\n</section>\n");
        return out;
    }
    for e in asked {
        out.push_str(&format!(
            "<div class=\"order-why\"><b>{}</b> <span class=\"{}\">{}</span>: {}\n<ul class=\"why\">\n",
            esc(&e.order),
            if e.decision == "postponed" { "late" } else { "muted" },
            esc(&e.decision),
            esc(&e.headline)
        ));
        for c in &e.causes {
            out.push_str(&format!("<li>{}</li>\n", prose(&c.text)));
        }
        out.push_str("</ul>\n");
        if !e.remedies.is_empty() {
            let head = if e.decision == "postponed" {
                "To be on time"
            } else {
                "To deliver it in full"
            };
            out.push_str(&format!("<div>{head}:</div><ul class=\"why\">\n"));
            for r in &e.remedies {
                out.push_str(&format!("<li>{}</li>\n", prose(&r.text)));
            }
            out.push_str("</ul>\n");
        }
        out.push_str("</div>\n");
    }
    out.push_str("</section>\n");
    out
}

/// An explanation's text as HTML: escaped, and the `ids` it quotes in code type.
fn prose(text: &str) -> String {
    let mut out = String::new();
    for (k, part) in text.split('`').enumerate() {
        if k % 2 == 1 {
            out.push_str(&format!("<code>{}</code>", esc(part)));
        } else {
            out.push_str(&esc(part));
        }
    }
    out
}

/// The plan's tables, with the CSV files' columns; sortable by a click on a column.
pub(super) fn tables(plan: &Plan) -> String {
    let mut out = String::from("<section id=\"tables\">\n<h2>Tables</h2>\n");
    for (k, t) in plan_tables(plan).into_iter().enumerate() {
        // The orders table open; the long ones folded.
        if k == 0 {
            out.push_str(&format!("<h3>{}</h3>\n", t.name));
        } else {
            out.push_str(&format!(
                "<details><summary>{} ({} rows)</summary>\n",
                t.name,
                t.rows.len()
            ));
        }
        out.push_str(&format!(
            "<table class=\"sortable\" id=\"table-{}\"><thead><tr>",
            t.name
        ));
        for (c, text) in t.columns.iter().zip(&t.text) {
            out.push_str(&format!(
                "<th{}>{c}</th>",
                if *text { "" } else { " class=\"n\"" }
            ));
        }
        out.push_str("</tr></thead><tbody>\n");
        for row in &t.rows {
            out.push_str("<tr>");
            for (cell, text) in row.iter().zip(&t.text) {
                if *text {
                    out.push_str(&format!("<td>{}</td>", esc(cell)));
                } else {
                    out.push_str(&format!("<td class=\"n\">{}</td>", esc(cell)));
                }
            }
            out.push_str("</tr>\n");
        }
        out.push_str("</tbody></table>\n");
        if k > 0 {
            out.push_str("</details>\n");
        }
    }
    out.push_str("</section>\n");
    out
}

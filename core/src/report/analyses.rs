//! The report's optional sections: what changed against a baseline plan, the capacity gap
//! (which competences are short, when, at what cost) and the budget frontier.

use super::esc;
use crate::analysis::{CapacityGap, FrontierPoint};
use crate::model::Timeline;
use crate::plan::{diff, Plan};

/// The orders that changed against `baseline`, and the figures before and after.
pub(super) fn changes(baseline: &Plan, plan: &Plan, tl: Option<&Timeline>) -> String {
    let d = diff(baseline, plan);
    let label = |t: Option<u32>| match (t, tl) {
        (Some(t), Some(tl)) if (t as usize) < tl.len() => tl.period(t as usize).label.clone(),
        (Some(t), _) => format!("P{t}"),
        (None, _) => "-".into(),
    };
    let mut out = String::from("<section id=\"changes\">\n<h2>Changes against the baseline</h2>\n");
    out.push_str(&format!(
        "<p>{} of {} orders changed: {} go live earlier, {} later, {} decisions changed. {}.</p>\n",
        d.changed,
        d.orders.len(),
        d.earlier,
        d.later,
        d.decisions_changed,
        esc(&d.figures("→"))
    ));
    if d.changed == 0 {
        out.push_str("</section>\n");
        return out;
    }
    out.push_str(
        "<table class=\"sortable\"><thead><tr><th>order</th><th>decision</th><th>start</th>\
         <th>go-live</th><th class=\"n\">moved</th><th>lateness</th></tr></thead><tbody>\n",
    );
    for o in d.orders.iter().filter(|o| o.changed) {
        let decision = if o.decision_before == o.decision_after {
            esc(&o.decision_after)
        } else {
            format!("{} → {}", esc(&o.decision_before), esc(&o.decision_after))
        };
        out.push_str(&format!(
            "<tr><td>{}</td><td>{decision}</td><td>{} → {}</td><td>{} → {}</td>\
             <td class=\"n\">{}</td><td>{} → {}</td></tr>\n",
            esc(&o.id),
            label(o.start_period_before),
            label(o.start_period_after),
            label(o.go_live_period_before),
            label(o.go_live_period_after),
            o.go_live_shift.map_or(String::new(), |s| format!("{s:+}")),
            o.lateness_before,
            o.lateness_after
        ));
    }
    out.push_str("</tbody></table>\n</section>\n");
    out
}

/// Extra hours per team (own staff or consultants) that deliver the mandatory orders on time.
pub(super) fn gap(gap: &CapacityGap) -> String {
    let mut out = String::from(
        "<section id=\"gap\">\n<h2>Capacity gap</h2>\n<p>The least extra hours, per team and \
         period, that deliver every mandatory order by its due date and deadline.</p>\n",
    );
    if let Some(r) = &gap.reason {
        out.push_str(&format!("<p>{}</p>\n", esc(r)));
    }
    out.push_str(&format!(
        "<p>Status {}: {:.0} extra hours in all, {:.0} at consultant prices.</p>\n",
        esc(&gap.status.to_string()),
        gap.total_hours,
        gap.total_cost
    ));
    let short: Vec<_> = gap.per_team.iter().filter(|t| t.1 > 1e-6).collect();
    if !short.is_empty() {
        out.push_str(
            "<table class=\"sortable\"><thead><tr><th>team</th><th class=\"n\">hours</th>\
             <th class=\"n\">cost</th><th>when</th></tr></thead><tbody>\n",
        );
        for (team, hours, cost) in short {
            let rows: Vec<_> = gap.rows.iter().filter(|r| &r.team == team).collect();
            let when = match (rows.first(), rows.last()) {
                (Some(a), Some(b)) if a.period == b.period => esc(&a.label),
                (Some(a), Some(b)) => format!(
                    "{} – {} ({} periods)",
                    esc(&a.label),
                    esc(&b.label),
                    rows.len()
                ),
                _ => String::new(),
            };
            out.push_str(&format!(
                "<tr><td>{}</td><td class=\"n\">{hours:.0}</td><td class=\"n\">{cost:.0}</td><td>{when}</td></tr>\n",
                esc(team)
            ));
        }
        out.push_str("</tbody></table>\n");
    }
    for (id, why) in &gap.unreachable {
        out.push_str(&format!(
            "<p class=\"muted\">{}: no amount of hours meets its due date ({}).</p>\n",
            esc(id),
            esc(why)
        ));
    }
    out.push_str("</section>\n");
    out
}

/// Value delivered against consultant budget, one plan per budget.
pub(super) fn frontier(points: &[FrontierPoint]) -> String {
    let mut out = String::from(
        "<section id=\"frontier\">\n<h2>Budget frontier</h2>\n<table class=\"sortable\"><thead><tr>\
         <th class=\"n\">budget</th><th>status</th><th class=\"n\">value delivered</th>\
         <th class=\"n\">orders stopped</th><th class=\"n\">weighted lateness</th>\
         <th class=\"n\">consultant spend</th></tr></thead><tbody>\n",
    );
    for p in points {
        out.push_str(&format!(
            "<tr><td class=\"n\">{:.0}</td><td>{}</td><td class=\"n\">{:.0} of {:.0}</td>\
             <td class=\"n\">{}</td><td class=\"n\">{:.0}</td><td class=\"n\">{:.0}</td></tr>\n",
            p.budget,
            esc(&p.status.to_string()),
            p.value_delivered,
            p.value_total,
            p.orders_stopped,
            p.weighted_lateness,
            p.consultant_cost
        ));
    }
    out.push_str("</tbody></table>\n</section>\n");
    out
}

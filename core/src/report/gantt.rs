//! The timeline by department: one row per order under its orderer, a bar for its work, a
//! diamond at its go-live, a tick at its due date, its lateness beside late orders, and the
//! freeze windows shaded.

use super::esc;
use crate::model::{Portfolio, Timeline};
use crate::plan::{Plan, PlannedState};

/// Width of the label column, pixels.
const LABEL: f64 = 230.0;
/// Height of the axis at the top.
const AXIS: f64 = 30.0;
/// Height of one row.
const ROW: f64 = 15.0;

/// Pixels per period: the chart about 900 pixels wide, 3 to 16 a period.
pub(super) fn period_width(periods: usize) -> f64 {
    (900.0 / periods.max(1) as f64).clamp(3.0, 16.0)
}

/// Labels along the time axis: the month where it changes (date calendars), or every tenth
/// period.
pub(super) fn axis(tl: &Timeline, left: f64, px: f64, height: f64) -> String {
    let mut out = String::new();
    let mut last = None;
    for t in 0..tl.len() {
        let info = tl.period(t);
        let mark = match info.first_day {
            Some(d) => {
                let m = d.format("%Y-%m").to_string();
                (last.as_ref() != Some(&m)).then(|| {
                    last = Some(m);
                    d.format("%b %y").to_string()
                })
            }
            None => (t % 10 == 0).then(|| info.label.clone()),
        };
        if let Some(text) = mark {
            let x = left + t as f64 * px;
            out.push_str(&format!(
                "<line x1=\"{x:.1}\" y1=\"{}\" x2=\"{x:.1}\" y2=\"{height:.1}\" stroke=\"#e3e7ec\"/>\
                 <text x=\"{:.1}\" y=\"{}\" font-size=\"10\" fill=\"#56606b\">{}</text>\n",
                AXIS - 6.0,
                x + 2.0,
                AXIS - 10.0,
                esc(&text)
            ));
        }
    }
    out
}

pub(super) fn section(portfolio: &Portfolio, plan: &Plan, tl: &Timeline) -> String {
    let n = tl.len();
    let px = period_width(n);
    // Orderers in the portfolio's order; within each, orders by go-live.
    let mut orderers: Vec<&str> = Vec::new();
    for o in &plan.orders {
        if o.state != PlannedState::Done && !orderers.contains(&o.orderer.as_str()) {
            orderers.push(&o.orderer);
        }
    }
    let by_id = portfolio.orders_by_id();
    let mut rows = 0usize;
    let mut body = String::new();
    for orderer in &orderers {
        let y = AXIS + rows as f64 * ROW;
        body.push_str(&format!(
            "<rect x=\"0\" y=\"{y:.1}\" width=\"{:.1}\" height=\"{ROW}\" fill=\"#f2f4f7\"/>\
             <text x=\"4\" y=\"{:.1}\" font-size=\"11\" font-weight=\"600\">{}</text>\n",
            LABEL + n as f64 * px,
            y + 11.0,
            esc(if orderer.is_empty() {
                "(no orderer)"
            } else {
                orderer
            })
        ));
        rows += 1;
        let mut mine: Vec<_> = plan
            .orders
            .iter()
            .filter(|o| o.orderer == *orderer && o.state != PlannedState::Done)
            .collect();
        mine.sort_by_key(|o| (o.go_live_period.unwrap_or(u32::MAX), o.start_period));
        for o in mine {
            let y = AXIS + rows as f64 * ROW;
            rows += 1;
            let prio = by_id.get(o.id.as_str()).map_or("", |x| x.priority.as_str());
            let mut label: String = o.id.chars().take(30).collect();
            if label.len() < o.id.len() {
                label.push('…');
            }
            body.push_str(&format!(
                "<g><title>{} ({prio}){}</title><text x=\"12\" y=\"{:.1}\" font-size=\"10.5\">{}</text>\n",
                esc(&o.id),
                esc(&dates(o)),
                y + 11.0,
                esc(&label)
            ));
            match (o.start_period, o.finish_period, o.go_live_period) {
                (Some(s), Some(f), Some(g)) if o.state != PlannedState::Stopped => {
                    let colour = if o.lateness > 0 {
                        "#d9534f"
                    } else if o.state == PlannedState::InProgress {
                        "#8a99a8"
                    } else {
                        "#3f7cbf"
                    };
                    let x = LABEL + s as f64 * px;
                    let w = (f.saturating_sub(s) + 1) as f64 * px;
                    body.push_str(&format!(
                        "<rect x=\"{x:.1}\" y=\"{:.1}\" width=\"{w:.1}\" height=\"9\" rx=\"2\" fill=\"{colour}\"/>\n",
                        y + 3.0
                    ));
                    let gx = LABEL + (g as f64 + 0.5) * px;
                    let gy = y + 7.5;
                    body.push_str(&format!(
                        "<polygon points=\"{:.1},{gy:.1} {gx:.1},{:.1} {:.1},{gy:.1} {gx:.1},{:.1}\" fill=\"#1d2733\"/>\n",
                        gx - 4.5,
                        gy - 4.5,
                        gx + 4.5,
                        gy + 4.5
                    ));
                    if let Some(d) = o.due_period {
                        let dx = LABEL + (d as f64 + 1.0) * px;
                        body.push_str(&format!(
                            "<line x1=\"{dx:.1}\" y1=\"{:.1}\" x2=\"{dx:.1}\" y2=\"{:.1}\" stroke=\"{}\" stroke-width=\"2\"/>\n",
                            y + 1.0,
                            y + ROW - 1.0,
                            if o.lateness > 0 { "#b3261e" } else { "#2e7d32" }
                        ));
                    }
                    if o.lateness > 0 {
                        body.push_str(&format!(
                            "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"10\" fill=\"#b3261e\">+{} (due {})</text>\n",
                            gx + 7.0,
                            y + 11.0,
                            o.lateness,
                            esc(&o.due_period.map_or(String::new(), |d| tl.period(d as usize).label.clone()))
                        ));
                    }
                }
                _ => {
                    body.push_str(&format!(
                        "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"10\" fill=\"#6b7580\">stopped{}</text>\n",
                        LABEL + 4.0,
                        y + 11.0,
                        esc(&o.reason.as_deref().map_or(String::new(), |r| format!(": {r}")))
                    ));
                }
            }
            body.push_str("</g>\n");
        }
    }
    let height = AXIS + rows as f64 * ROW + 6.0;
    let width = LABEL + n as f64 * px + 150.0;
    let mut svg = format!(
        "<svg viewBox=\"0 0 {width:.0} {height:.0}\" width=\"{width:.0}\" height=\"{height:.0}\" role=\"img\" aria-label=\"Timeline by department\">\n"
    );
    // Freeze windows: no go-live in these periods.
    for t in 0..n {
        if tl.is_frozen(t, &portfolio.freeze_windows) {
            svg.push_str(&format!(
                "<rect x=\"{:.1}\" y=\"{AXIS}\" width=\"{px:.1}\" height=\"{:.1}\" fill=\"#dbe8f5\"><title>freeze: {}</title></rect>\n",
                LABEL + t as f64 * px,
                height - AXIS,
                esc(&tl.period(t).label)
            ));
        }
    }
    svg.push_str(&axis(tl, LABEL, px, height));
    svg.push_str(&body);
    svg.push_str("</svg>\n");
    format!(
        "<section id=\"gantt\">\n<h2>Timeline by department</h2>\n<p class=\"legend\">\
         <span><i style=\"background:#3f7cbf\"></i>work</span>\
         <span><i style=\"background:#d9534f\"></i>work of a late order</span>\
         <span><i style=\"background:#8a99a8\"></i>in progress</span>\
         <span>◆ go-live</span><span><i style=\"background:#2e7d32;width:3px\"></i>due date</span>\
         <span><i style=\"background:#dbe8f5\"></i>freeze window</span></p>\n{svg}</section>\n"
    )
}

/// `: 2014-01-07 – go-live 2014-03-28` for the tooltip.
fn dates(o: &crate::plan::PlannedOrder) -> String {
    match (o.start, o.go_live) {
        (Some(s), Some(g)) => format!(": {s} – go-live {g}"),
        _ => match (o.start_period, o.go_live_period) {
            (Some(s), Some(g)) => format!(": period {s} – go-live {g}"),
            _ => String::new(),
        },
    }
}

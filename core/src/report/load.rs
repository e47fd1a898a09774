//! Load per team and period: the team's own hours and consultant hours stacked, against its
//! own capacity (holidays and the summer dip show as dips in the line).

use super::esc;
use super::gantt::{axis, period_width};
use crate::model::{Portfolio, Timeline};
use crate::plan::Plan;

/// Width of the label column, pixels.
const LABEL: f64 = 120.0;
/// Height of one team's chart.
const HEIGHT: f64 = 70.0;

pub(super) fn section(portfolio: &Portfolio, plan: &Plan, tl: &Timeline) -> String {
    let n = tl.len();
    let px = period_width(n);
    let mut out = String::from(
        "<section id=\"load\">\n<h2>Load per team</h2>\n<p class=\"legend\">\
         <span><i style=\"background:#3f7cbf\"></i>own staff</span>\
         <span><i style=\"background:#e08a2e\"></i>consultants</span>\
         <span><i style=\"background:#1d2733;height:2px\"></i>own capacity</span></p>\n",
    );
    for team in &portfolio.teams {
        let mut load = vec![(0.0f64, 0.0f64, 0.0f64); n];
        for tp in plan.team_periods.iter().filter(|tp| tp.team == team.id) {
            if let Some(x) = load.get_mut(tp.period as usize) {
                *x = (
                    tp.load - tp.consultant_hours,
                    tp.consultant_hours,
                    tp.capacity,
                );
            }
        }
        let top = load
            .iter()
            .map(|x| (x.0 + x.1).max(x.2))
            .fold(0.0, f64::max)
            .max(1.0);
        let scale = (HEIGHT - 8.0) / top;
        let base = 28.0 + HEIGHT;
        let width = LABEL + n as f64 * px + 10.0;
        let height = base + 4.0;
        let own_hours: f64 = load.iter().map(|x| x.0).sum();
        let capacity: f64 = load.iter().map(|x| x.2).sum();
        let bought: f64 = load.iter().map(|x| x.1).sum();
        let mut svg = format!(
            "<svg viewBox=\"0 0 {width:.0} {height:.0}\" width=\"{width:.0}\" height=\"{height:.0}\" role=\"img\" aria-label=\"Load of {}\">\n\
             <text x=\"4\" y=\"{:.1}\" font-size=\"11\" font-weight=\"600\">{}</text>\
             <text x=\"4\" y=\"{:.1}\" font-size=\"10\" fill=\"#56606b\">{:.0} % of own hours</text>\
             <text x=\"4\" y=\"{:.1}\" font-size=\"10\" fill=\"#56606b\">{:.0} h consultants</text>\n",
            esc(&team.id),
            base - HEIGHT + 14.0,
            esc(&team.id),
            base - HEIGHT + 28.0,
            if capacity > 0.0 { 100.0 * own_hours / capacity } else { 0.0 },
            base - HEIGHT + 41.0,
            bought
        );
        svg.push_str(&axis(tl, LABEL, px, base));
        for (t, &(own, ext, _)) in load.iter().enumerate() {
            let x = LABEL + t as f64 * px;
            let w = (px - 0.6).max(1.0);
            let h_own = own.max(0.0) * scale;
            let h_ext = ext.max(0.0) * scale;
            if h_own > 0.0 {
                svg.push_str(&format!(
                    "<rect x=\"{x:.1}\" y=\"{:.1}\" width=\"{w:.1}\" height=\"{h_own:.1}\" fill=\"#3f7cbf\"><title>{}: {own:.0} h own</title></rect>",
                    base - h_own,
                    esc(&tl.period(t).label)
                ));
            }
            if h_ext > 0.0 {
                svg.push_str(&format!(
                    "<rect x=\"{x:.1}\" y=\"{:.1}\" width=\"{w:.1}\" height=\"{h_ext:.1}\" fill=\"#e08a2e\"><title>{}: {ext:.0} h consultants</title></rect>",
                    base - h_own - h_ext,
                    esc(&tl.period(t).label)
                ));
            }
        }
        // Own capacity as a step line.
        let mut path = String::new();
        for (t, &(_, _, cap)) in load.iter().enumerate() {
            let x = LABEL + t as f64 * px;
            let y = base - cap * scale;
            path.push_str(&format!(
                "{}{x:.1},{y:.1} L{:.1},{y:.1} ",
                if t == 0 { "M" } else { "L" },
                x + px
            ));
        }
        svg.push_str(&format!(
            "\n<path d=\"{path}\" fill=\"none\" stroke=\"#1d2733\" stroke-width=\"1.2\"/>\n</svg>\n"
        ));
        out.push_str(&svg);
    }
    out.push_str("</section>\n");
    out
}

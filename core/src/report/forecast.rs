//! How sure each date is: the Monte Carlo dates of [`crate::simulate`] beside the plan. One
//! row per delivered order, by planned go-live: a bar from the go-live half the runs reach
//! (P50) to the one 95 runs of 100 reach (P95), a tick at P85, the planned go-live as a
//! diamond and the due date as a tick; the bar is red where the P85 go-live is past the due
//! date. The portfolio's figures over the runs follow in a table.

use super::esc;
use super::gantt::{axis, period_width};
use crate::model::{Portfolio, Timeline};
use crate::simulate::Simulation;

/// Width of the label column, pixels.
const LABEL: f64 = 230.0;
/// Height of the axis at the top.
const AXIS: f64 = 30.0;
/// Height of one row.
const ROW: f64 = 15.0;

/// The section: chart and figures.
pub(super) fn section(portfolio: &Portfolio, sim: &Simulation, tl: &Timeline) -> String {
    let due: std::collections::HashMap<&str, Option<usize>> = portfolio
        .orders
        .iter()
        .map(|o| (o.id.as_str(), o.due.and_then(|d| tl.resolve(d))))
        .collect();
    let mut rows: Vec<_> = sim
        .orders
        .iter()
        .filter_map(|o| Some((o, o.go_live_period?, o.planned_period?)))
        .collect();
    rows.sort_by(|a, b| a.2.cmp(&b.2).then(a.0.id.cmp(&b.0.id)));
    // The runs may go past the horizon: the chart runs on to the latest P95.
    let last = rows
        .iter()
        .map(|r| r.1.p95.ceil() as usize + 1)
        .max()
        .unwrap_or(0)
        .max(tl.len());
    let px = period_width(last);
    let height = AXIS + rows.len() as f64 * ROW + 6.0;
    let width = LABEL + last as f64 * px + 10.0;
    let x = |t: f64| LABEL + t * px;
    let mut svg = format!(
        "<svg id=\"forecast\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{width:.0}\" \
         height=\"{height:.0}\" viewBox=\"0 0 {width:.0} {height:.0}\" role=\"img\" \
         aria-label=\"Go-live ranges over the simulated runs\">\n"
    );
    if last > tl.len() {
        svg.push_str(&format!(
            "<rect x=\"{:.1}\" y=\"{AXIS}\" width=\"{:.1}\" height=\"{:.1}\" fill=\"#f3f0e8\">\
             <title>after the plan's horizon</title></rect>\n",
            x(tl.len() as f64),
            (last - tl.len()) as f64 * px,
            height - AXIS
        ));
    }
    svg.push_str(&axis(tl, LABEL, px, height));
    for (k, (o, g, planned)) in rows.iter().enumerate() {
        let y = AXIS + k as f64 * ROW;
        let late = due
            .get(o.id.as_str())
            .copied()
            .flatten()
            .is_some_and(|d| g.p85 > d as f64);
        let colour = if late { "#c0392b" } else { "#2e86c1" };
        let label: String = o.id.chars().take(30).collect();
        svg.push_str(&format!(
            "<g class=\"order\" data-order=\"{id}\"><title>{id}: planned {p}, P50 {p50}, P85 {p85}, \
             P95 {p95}{on_time}</title>\
             <text x=\"4\" y=\"{ty:.1}\" font-size=\"11\">{label}</text>\
             <rect x=\"{x50:.1}\" y=\"{by:.1}\" width=\"{w:.1}\" height=\"7\" fill=\"{colour}\" \
             fill-opacity=\"0.45\"/>\
             <line x1=\"{x85:.1}\" y1=\"{by:.1}\" x2=\"{x85:.1}\" y2=\"{b2:.1}\" stroke=\"{colour}\" \
             stroke-width=\"2\"/>\
             <path d=\"M{xp:.1} {my:.1} l4 4 l-4 4 l-4 -4 z\" fill=\"#1b2631\"/>",
            id = esc(&o.id),
            p = esc(o.planned.as_deref().unwrap_or("")),
            p50 = esc(&tl_label(tl, g.p50)),
            p85 = esc(&tl_label(tl, g.p85)),
            p95 = esc(&tl_label(tl, g.p95)),
            on_time = o
                .on_time
                .map(|p| format!(", on time in {:.0} % of runs", 100.0 * p))
                .unwrap_or_default(),
            ty = y + 11.0,
            label = esc(&label),
            x50 = x(g.p50),
            by = y + 4.0,
            b2 = y + 11.0,
            w = ((g.p95 - g.p50 + 1.0) * px).max(2.0),
            x85 = x(g.p85 + 0.5),
            xp = x(f64::from(*planned) + 0.5),
            my = y + 3.5,
        ));
        if let Some(d) = due.get(o.id.as_str()).copied().flatten() {
            svg.push_str(&format!(
                "<line x1=\"{xd:.1}\" y1=\"{a:.1}\" x2=\"{xd:.1}\" y2=\"{b:.1}\" stroke=\"#7d3c98\" \
                 stroke-width=\"1.5\"/>",
                xd = x(d as f64 + 1.0),
                a = y + 2.0,
                b = y + 13.0
            ));
        }
        svg.push_str("</g>\n");
    }
    svg.push_str("</svg>\n");
    let s = &sim.summary;
    let money = |x: f64| format!("{:.0}", x + 0.0);
    format!(
        "<section id=\"how-sure\"><h2>How sure each date is</h2>\n\
         <p>{runs} runs of the three-point estimates (seed {seed}), the plan followed as a team \
         would follow it. Each bar runs from the go-live half the runs reach (P50) to the one 95 \
         runs of 100 reach (P95); the stroke is P85, the diamond the planned go-live, the purple \
         tick the due date. Red: the P85 go-live is past the due date.</p>\n\
         <div class=\"chart\">{svg}</div>\n\
         <table><thead><tr><th>over the runs</th><th class=\"n\">P50</th><th class=\"n\">P85</th>\
         <th class=\"n\">P95</th></tr></thead><tbody>\n\
         <tr><td>weighted lateness</td><td class=\"n\">{wl50:.0}</td><td class=\"n\">{wl85:.0}</td>\
         <td class=\"n\">{wl95:.0}</td></tr>\n\
         <tr><td>value delivered on time</td><td class=\"n\">{v50:.0}</td><td class=\"n\">{v85:.0}</td>\
         <td class=\"n\">{v95:.0}</td></tr>\n\
         <tr><td>consultant spend</td><td class=\"n\">{c50}</td><td class=\"n\">{c85}</td>\
         <td class=\"n\">{c95}</td></tr>\n\
         <tr><td>last go-live</td><td class=\"n\">{l50}</td><td class=\"n\">{l85}</td>\
         <td class=\"n\">{l95}</td></tr>\n\
         </tbody></table>\n<p>Every deadline holds together in {all:.0} % of runs.</p></section>\n",
        runs = sim.runs,
        seed = sim.seed,
        wl50 = s.weighted_lateness.p50,
        wl85 = s.weighted_lateness.p85,
        wl95 = s.weighted_lateness.p95,
        v50 = s.value_on_time.p50,
        v85 = s.value_on_time.p85,
        v95 = s.value_on_time.p95,
        c50 = money(s.consultant_spend.p50),
        c85 = money(s.consultant_spend.p85),
        c95 = money(s.consultant_spend.p95),
        l50 = esc(&s.last_go_live[0]),
        l85 = esc(&s.last_go_live[1]),
        l95 = esc(&s.last_go_live[2]),
        all = 100.0 * s.all_deadlines_met,
    )
}

/// A period (a percentile, whole in practice) by its label, or its number past the horizon.
fn tl_label(tl: &Timeline, t: f64) -> String {
    let k = t.round().max(0.0) as usize;
    if k < tl.len() {
        tl.period(k).label.clone()
    } else {
        format!("period {k} (after the horizon)")
    }
}

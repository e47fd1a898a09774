//! The plan report for a steering group: one self-contained HTML file.
//!
//! [`html`] writes everything inline (styles, charts as SVG, a few lines of script to sort
//! tables), with no URL to fetch, so the file opens offline in any browser, prints on A4
//! landscape and can be mailed as it is. Sections: a summary (status and every level's gap,
//! value delivered, on time, consultant spend against each budget), the timeline by department
//! (a Gantt with go-lives, due dates, lateness and freeze windows), the stopped and reduced
//! orders with their reasons, why each late order is late ([`crate::explain`]), load per team
//! and week (own hours and consultant hours apart, against capacity), and the plan's tables
//! with the same columns as the CSV files ([`crate::io::plan_tables`]).
//!
//! ```
//! use leverans::{solve, Calendar, Order, Portfolio, SolveOptions, Team};
//! let mut p = Portfolio::new(Calendar::units(6));
//! p.add_team(Team::new("dev", 10.0));
//! p.add_order(Order::effort("e-archive", [("dev", 20.0)]));
//! let out = solve(&p, &SolveOptions::default()).unwrap();
//! let plan = out.plan.as_ref().unwrap();
//! assert!(leverans::verify(&p, plan).is_ok());
//! let page = leverans::report::html(&p, plan, Some(&out));
//! assert!(page.starts_with("<!DOCTYPE html>"));
//! assert!(page.contains("e-archive"));
//! assert!(!page.contains("http://") && !page.contains("https://"));
//! ```

mod analyses;
mod forecast;
mod gantt;
mod load;
mod sections;

use crate::model::{Portfolio, Timeline};
use crate::plan::Plan;
use crate::Outcome;

/// What else a report may show besides the plan.
#[derive(Debug, Clone, Copy, Default)]
pub struct Extras<'a> {
    /// The plan before (a baseline): what changed against it.
    pub baseline: Option<&'a Plan>,
    /// The capacity gap ([`crate::analysis::capacity_gap`]).
    pub gap: Option<&'a crate::analysis::CapacityGap>,
    /// The budget frontier ([`crate::analysis::budget_frontier`]).
    pub frontier: Option<&'a [crate::analysis::FrontierPoint]>,
    /// Monte Carlo dates of the plan ([`crate::simulate::simulate`]): how sure each date is.
    pub simulation: Option<&'a crate::simulate::Simulation>,
}

/// The report of `plan` for `portfolio` as one HTML page; `outcome` (the solve's status and
/// levels) adds the plan's quality to the summary when given.
pub fn html(portfolio: &Portfolio, plan: &Plan, outcome: Option<&Outcome>) -> String {
    html_with(portfolio, plan, outcome, &Extras::default())
}

/// [`html`] with the sections of `extras`: changes against a baseline (after the summary),
/// the capacity gap and the budget frontier (after the load).
pub fn html_with(
    portfolio: &Portfolio,
    plan: &Plan,
    outcome: Option<&Outcome>,
    extras: &Extras<'_>,
) -> String {
    let timeline = Timeline::new(&portfolio.calendar).ok();
    let name = if portfolio.name.is_empty() {
        "Portfolio"
    } else {
        &portfolio.name
    };
    let mut page = String::with_capacity(64 * 1024);
    page.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    page.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    page.push_str(&format!("<title>Leverans plan: {}</title>\n", esc(name)));
    page.push_str("<style>\n");
    page.push_str(STYLE);
    page.push_str("</style>\n</head>\n<body>\n");
    page.push_str(&format!("<h1>Leverans plan: {}</h1>\n", esc(name)));
    page.push_str(&sections::summary(portfolio, plan, outcome));
    if let Some(b) = extras.baseline {
        page.push_str(&analyses::changes(b, plan, timeline.as_ref()));
    }
    if let Some(tl) = &timeline {
        page.push_str(&gantt::section(portfolio, plan, tl));
        if let Some(sim) = extras.simulation {
            page.push_str(&forecast::section(portfolio, sim, tl));
        }
    }
    page.push_str(&sections::decisions(portfolio, plan));
    page.push_str(&sections::why_late(portfolio, plan));
    if let Some(tl) = &timeline {
        page.push_str(&load::section(portfolio, plan, tl));
    }
    if let Some(g) = extras.gap {
        page.push_str(&analyses::gap(g));
    }
    if let Some(f) = extras.frontier {
        page.push_str(&analyses::frontier(f));
    }
    page.push_str(&sections::tables(plan));
    page.push_str("<script>\n");
    page.push_str(SCRIPT);
    page.push_str("</script>\n</body>\n</html>\n");
    page
}

/// The timeline by department alone (the report's Gantt section, legend included), for a
/// notebook or a page of one's own: HTML with an inline SVG, no script. `None` when the
/// calendar cannot be unrolled.
pub fn gantt_svg(portfolio: &Portfolio, plan: &Plan) -> Option<String> {
    let tl = Timeline::new(&portfolio.calendar).ok()?;
    Some(gantt::section(portfolio, plan, &tl))
}

/// Load per team alone (the report's load section): own hours and consultant hours stacked
/// against own capacity, as HTML with inline SVG. `None` when the calendar cannot be unrolled.
pub fn load_svg(portfolio: &Portfolio, plan: &Plan) -> Option<String> {
    let tl = Timeline::new(&portfolio.calendar).ok()?;
    Some(load::section(portfolio, plan, &tl))
}

/// Text made safe for HTML content and attribute values.
pub(crate) fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

const STYLE: &str = r#"
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 1.5rem;
       color: #1d2733; font-size: 14px; }
h1 { font-size: 1.5rem; margin: 0 0 .5rem; }
h2 { font-size: 1.15rem; margin: 1.8rem 0 .5rem; border-bottom: 1px solid #ccd3db; }
table { border-collapse: collapse; margin: .4rem 0; }
th, td { padding: 2px 8px; border-bottom: 1px solid #e3e7ec; text-align: left;
         vertical-align: top; }
th { background: #f2f4f7; cursor: pointer; white-space: nowrap; }
td.n, th.n { text-align: right; }
.figures td:first-child { color: #56606b; }
.late { color: #b3261e; font-weight: 600; }
.muted { color: #6b7580; }
.why li { margin: .1rem 0; }
.order-why { margin: .6rem 0 .9rem; }
.order-why b { font-family: ui-monospace, monospace; }
svg { max-width: 100%; height: auto; }
svg text { font-family: system-ui, sans-serif; }
details summary { cursor: pointer; margin: .4rem 0; }
.legend span { display: inline-block; margin-right: 1rem; }
.legend i { display: inline-block; width: 12px; height: 10px; margin-right: 4px; }
@media print {
  @page { size: A4 landscape; margin: 10mm; }
  body { margin: 0; font-size: 10px; }
  details { display: block; }
  h2 { break-after: avoid; }
  tr, .order-why { break-inside: avoid; }
  /* The timeline on a page of its own, scaled to fit it; each team's load kept whole. */
  #gantt { break-before: page; }
  #gantt svg { max-height: 150mm; width: auto; }
  #load svg { break-inside: avoid; }
}
"#;

const SCRIPT: &str = r#"
document.querySelectorAll("table.sortable").forEach(function (table) {
  table.querySelectorAll("th").forEach(function (th, i) {
    th.title = "Sort";
    th.addEventListener("click", function () {
      var body = table.tBodies[0];
      var rows = Array.prototype.slice.call(body.rows);
      var up = th.getAttribute("data-up") !== "1";
      table.querySelectorAll("th").forEach(function (h) { h.removeAttribute("data-up"); });
      th.setAttribute("data-up", up ? "1" : "0");
      rows.sort(function (a, b) {
        var x = a.cells[i].textContent, y = b.cells[i].textContent;
        var nx = parseFloat(x), ny = parseFloat(y);
        var d = (!isNaN(nx) && !isNaN(ny)) ? nx - ny : x.localeCompare(y);
        return up ? d : -d;
      });
      rows.forEach(function (r) { body.appendChild(r); });
    });
  });
});
"#;

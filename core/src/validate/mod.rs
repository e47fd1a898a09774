//! Input checks: every problem in a portfolio, found at once, each naming the thing, the field
//! and the value. A portfolio that passes becomes [`Problem`] data for the solver.
//!
//! Issue codes are stable snake_case identifiers:
//!
//! | code | what |
//! |---|---|
//! | `invalid_calendar` | the calendar cannot be unrolled (missing start, end before start, ...) |
//! | `empty_id`, `duplicate_id` | ids must be present and unique among orders, among teams |
//! | `invalid_number` | NaN, infinite or negative hours, rates, weights, costs, factors |
//! | `invalid_override` | a capacity override without exactly one of `factor`, `hours_per_week` |
//! | `invalid_range` | a span whose end comes before its start; a three-point estimate out of order (`hours_low ≤ hours ≤ hours_high`) |
//! | `date_outside_horizon` | a date or period outside the calendar |
//! | `date_in_unit_calendar` | a date where the calendar has only abstract periods |
//! | `invalid_work` | an order with both or neither work form, or duration bounds on the wrong form |
//! | `unknown_team` | work on a team that does not exist |
//! | `duplicate_team` | the same team twice in one order's work |
//! | `team_without_capacity` | work on a team that has no hours in the order's window |
//! | `work_does_not_fit` | work that cannot be done in the horizon at the allowed pace |
//! | `deadline_before_release`, `due_before_release` | dates in the wrong order |
//! | `unknown_order` | a dependency naming an order that does not exist |
//! | `self_dependency` | an order depending on itself |
//! | `dependency_cycle` | dependencies that loop (the loop is printed as a path) |
//! | `started_before_predecessor` | an order in progress or done waiting on one not yet done |
//! | `invalid_go_live_limit` | `max_go_lives_per_period` of 0 |
//! | `invalid_group`, `unknown_orderer` | a group of fewer than two orders; a share for an orderer no order has |
//! | `budget_needs_dates` | a yearly, quarterly or monthly budget on a unit calendar |
//! | `invalid_release_train` | a release train without dates, or with `max_changes` 0 |

mod build;
mod decisions;
mod estimates;
mod fixed;
mod links;
mod orders;
mod teams;
mod warnings;

use crate::error::ValidationReport;
use crate::model::{Portfolio, TimePoint, Timeline};
use crate::problem::Problem;

pub use build::default_pace;
pub use warnings::warnings;

/// Checks a portfolio and resolves it into problem data.
///
/// ```
/// use leverans::{validate, Calendar, Order, Portfolio, Team};
/// let mut p = Portfolio::new(Calendar::units(5));
/// p.add_team(Team::new("dev", 1.0));
/// p.add_order(Order::fixed("a", 2, [("ops", 1.0)]));
/// let report = validate(&p).unwrap_err();
/// assert_eq!(report.codes(), ["unknown_team"]);
/// ```
pub fn validate(portfolio: &Portfolio) -> Result<Problem, ValidationReport> {
    let mut report = ValidationReport::default();
    let timeline = match Timeline::new(&portfolio.calendar) {
        Ok(t) => Some(t),
        Err(msg) => {
            report.push("invalid_calendar", "calendar", "", "calendar", "", msg);
            None
        }
    };
    if portfolio.max_go_lives_per_period == Some(0) {
        report.push(
            "invalid_go_live_limit",
            "portfolio",
            "",
            "max_go_lives_per_period",
            0,
            "must be at least 1 (omit it for no limit)",
        );
    }
    teams::check(portfolio, timeline.as_ref(), &mut report);
    orders::check(portfolio, timeline.as_ref(), &mut report);
    links::check(portfolio, &mut report);
    fixed::check(portfolio, timeline.as_ref(), &mut report);
    if let Some(s) = portfolio.work_rules.max_stretch {
        if !s.is_finite() || s < 1.0 {
            report.push(
                "invalid_max_stretch",
                "work_rules",
                "",
                "max_stretch",
                s,
                "must be a number of at least 1 (an order spans at least the periods it needs at full pace), or null to turn the rule off",
            );
        }
    }
    if let Some(s) = portfolio.work_rules.min_pace {
        if !(s.is_finite() && s > 0.0 && s <= 1.0) {
            report.push(
                "invalid_min_pace",
                "work_rules",
                "",
                "min_pace",
                s,
                "must be a share above 0 and at most 1 of the average pace, or null to turn the rule off",
            );
        }
    }
    // Orders per full-time equivalent: the rule and the target.
    for (field, value, what) in [
        (
            "max_open_per_fte",
            portfolio.work_rules.max_open_per_fte,
            "rule",
        ),
        (
            "target_open_per_fte",
            portfolio.work_rules.target_open_per_fte,
            "pass",
        ),
    ] {
        if let Some(k) = value.filter(|k| !(k.is_finite() && *k > 0.0)) {
            report.push(
                &format!("invalid_{field}"),
                "work_rules",
                "",
                field,
                k,
                format!(
                    "must be a number of orders above 0 per full-time equivalent, or null to turn the {what} off"
                ),
            );
        }
    }
    decisions::check(portfolio, timeline.as_ref(), &mut report);
    for (k, w) in portfolio.freeze_windows.iter().enumerate() {
        let id = if w.name.is_empty() {
            format!("#{}", k + 1)
        } else {
            w.name.clone()
        };
        check_span(
            timeline.as_ref(),
            "freeze_window",
            &id,
            w.from,
            w.to,
            &mut report,
        );
    }
    let Some(timeline) = timeline else {
        return Err(report);
    };
    if !report.is_empty() {
        return Err(report);
    }
    check_some_go_live_period(portfolio, &timeline, &mut report);
    if !report.is_empty() {
        return Err(report);
    }
    let problem = build::problem(portfolio, &timeline);
    build::check_fit(portfolio, &timeline, &problem, &mut report);
    if report.is_empty() {
        Ok(problem)
    } else {
        Err(report)
    }
}

/// Checks that a time point fits the calendar; reports and returns None otherwise.
pub(crate) fn check_point(
    timeline: Option<&Timeline>,
    entity: &str,
    id: &str,
    field: &str,
    tp: TimePoint,
    report: &mut ValidationReport,
) -> Option<usize> {
    let tl = timeline?;
    if let (crate::model::PeriodKind::Unit, TimePoint::Date(_)) = (tl.kind(), tp) {
        report.push(
            "date_in_unit_calendar",
            entity,
            id,
            field,
            tp,
            "this calendar has abstract periods: give a period number",
        );
        return None;
    }
    match tl.resolve(tp) {
        Some(t) => Some(t),
        None => {
            report.push(
                "date_outside_horizon",
                entity,
                id,
                field,
                tp,
                format!(
                    "outside the calendar ({} periods: {} to {})",
                    tl.len(),
                    tl.period(0).label,
                    tl.period(tl.len() - 1).label
                ),
            );
            None
        }
    }
}

/// Checks a `from`..`to` span that may stick out of the horizon (it is clipped) but must
/// overlap it and be in order.
pub(crate) fn check_span(
    timeline: Option<&Timeline>,
    entity: &str,
    id: &str,
    from: TimePoint,
    to: TimePoint,
    report: &mut ValidationReport,
) {
    let Some(tl) = timeline else { return };
    let unit = tl.kind() == crate::model::PeriodKind::Unit;
    for (field, tp) in [("from", from), ("to", to)] {
        if unit && matches!(tp, TimePoint::Date(_)) {
            report.push(
                "date_in_unit_calendar",
                entity,
                id,
                field,
                tp,
                "this calendar has abstract periods: give a period number",
            );
            return;
        }
    }
    let key = |tp: TimePoint| -> (i64, i64) {
        match tp {
            TimePoint::Period(p) => {
                let first = tl.periods().get(p as usize).and_then(|i| i.first_day);
                (p as i64, first.map_or(0, |d| d.num_days_from_ce() as i64))
            }
            TimePoint::Date(d) => (
                tl.period_of_date(d).map_or(-1, |x| x as i64),
                d.num_days_from_ce() as i64,
            ),
        }
    };
    use chrono::Datelike;
    let (a, b) = (key(from), key(to));
    let ordered = if unit { a.0 <= b.0 } else { a.1 <= b.1 };
    if !ordered {
        report.push(
            "invalid_range",
            entity,
            id,
            "to",
            to,
            format!("comes before `from` {from}"),
        );
        return;
    }
    let overlaps = if unit {
        (a.0 as usize) < tl.len()
    } else {
        let first = tl
            .period(0)
            .first_day
            .map_or(0, |d| d.num_days_from_ce() as i64);
        let last = tl
            .period(tl.len() - 1)
            .last_day
            .map_or(0, |d| d.num_days_from_ce() as i64);
        b.1 >= first && a.1 <= last
    };
    if !overlaps {
        report.push(
            "date_outside_horizon",
            entity,
            id,
            "from",
            from,
            format!("the span {from} to {to} lies outside the calendar"),
        );
    }
}

/// True for a finite number ≥ 0.
pub(crate) fn is_amount(x: f64) -> bool {
    x.is_finite() && x >= 0.0
}

/// An order to plan needs a period open for go-live: freeze windows that cover the whole
/// horizon leave none, and no plan can exist (the check says so before any solve does).
fn check_some_go_live_period(p: &Portfolio, tl: &Timeline, report: &mut ValidationReport) {
    let to_plan = p
        .orders
        .iter()
        .any(|o| o.status != crate::model::OrderStatus::Done);
    if !to_plan || p.freeze_windows.is_empty() || tl.is_empty() {
        return;
    }
    if (0..tl.len()).all(|t| tl.is_frozen(t, &p.freeze_windows)) {
        let names: Vec<&str> = p.freeze_windows.iter().map(|w| w.name.as_str()).collect();
        report.push(
            "no_go_live_period",
            "freeze_window",
            &names.join(", "),
            "from",
            format!("{} – {}", tl.period(0).label, tl.period(tl.len() - 1).label),
            "the freeze windows cover every period of the plan, so no order can go live; \
             shorten them or extend the calendar",
        );
    }
}

/// Problem data of a portfolio already known to be valid, on its unrolled calendar `tl`,
/// without checking it again: for [`crate::simulate`], which builds one problem per run from
/// a checked portfolio whose hours and durations it has re-drawn within validated bounds.
pub(crate) fn problem_unchecked(portfolio: &Portfolio, tl: &Timeline) -> Problem {
    build::problem(portfolio, tl)
}

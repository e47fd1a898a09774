//! A frozen horizon written from a baseline plan: the portfolio to re-plan with, in which
//! everything the baseline does before a date is settled.

use super::{Plan, PlannedState};
use crate::error::{Error, Result, ValidationReport};
use crate::model::{Actual, OrderStatus, Portfolio, TimePoint, Timeline};
use std::collections::BTreeMap;

/// `portfolio` with `frozen_until` set to `until` and, from `baseline`, every delivered
/// order's start pinned where it falls before that period, its go-live pinned where that
/// does, and its effort-driven hours before it recorded as actual hours. A plan of the result
/// therefore works and goes live before `until` exactly as the baseline does, and starts or
/// moves nothing else there.
///
/// Pins the portfolio already has are kept; an order the portfolio lists as done is left as
/// it is. An `until` outside the calendar is invalid input.
///
/// ```
/// use leverans::{freeze_baseline, solve, verify, Calendar, Order, Portfolio, SolveOptions, Team};
/// let mut p = Portfolio::new(Calendar::units(12));
/// p.add_team(Team::new("dev", 10.0));
/// p.add_order(Order::effort("a", [("dev", 30.0)]));
/// p.add_order(Order::effort("b", [("dev", 30.0)]));
/// let base = solve(&p, &SolveOptions::default()).unwrap().plan.unwrap();
/// let frozen = freeze_baseline(&p, &base, 2u32.into()).unwrap();
/// let again = solve(&frozen, &SolveOptions::default().with_baseline(base.clone())).unwrap();
/// let plan = again.plan.unwrap();
/// assert!(verify(&frozen, &plan).is_ok());
/// let before = |pl: &leverans::plan::Plan| -> Vec<_> {
///     pl.orders.iter().flat_map(|o| o.work.iter().filter(|w| w.period < 2).map(|w| (o.id.clone(), w.period, w.hours))).collect()
/// };
/// assert_eq!(before(&plan), before(&base));
/// ```
pub fn freeze_baseline(
    portfolio: &Portfolio,
    baseline: &Plan,
    until: TimePoint,
) -> Result<Portfolio> {
    let tl = Timeline::new(&portfolio.calendar).map_err(Error::Solver)?;
    let Some(f) = tl.resolve(until) else {
        let mut report = ValidationReport::default();
        report.push(
            "date_outside_horizon",
            "portfolio",
            "",
            "frozen_until",
            until,
            format!("outside the calendar ({} periods)", tl.len()),
        );
        return Err(Error::Invalid(report));
    };
    let planned = baseline.orders_by_id();
    let mut out = portfolio.clone();
    out.frozen_until = Some(until);
    for o in &mut out.orders {
        if o.status == OrderStatus::Done {
            continue;
        }
        let Some(po) = planned.get(o.id.as_str()) else {
            continue;
        };
        if !matches!(po.state, PlannedState::Scheduled | PlannedState::InProgress) {
            continue;
        }
        let mut pin = o.pin.unwrap_or_default();
        if let Some(s) = po.start_period.filter(|&s| (s as usize) < f) {
            if o.status != OrderStatus::InProgress {
                pin.start.get_or_insert(TimePoint::Period(s));
            }
        }
        if let Some(g) = po.go_live_period.filter(|&g| (g as usize) < f) {
            pin.go_live.get_or_insert(TimePoint::Period(g));
        }
        if !pin.is_empty() {
            o.pin = Some(pin);
        }
        if o.is_effort_driven() {
            let mut hours: BTreeMap<(u32, &str), f64> = BTreeMap::new();
            for w in po
                .work
                .iter()
                .filter(|w| (w.period as usize) < f && w.hours > 0.0)
            {
                *hours.entry((w.period, w.team.as_str())).or_default() += w.hours;
            }
            o.actuals = hours
                .into_iter()
                .map(|((period, team), hours)| Actual {
                    team: team.to_string(),
                    period: TimePoint::Period(period),
                    hours,
                })
                .collect();
        }
    }
    Ok(out)
}

//! The release train: when the portfolio has one, every delivered order goes live in a period
//! holding one of its deployment dates (or named by it, in unit calendars), on that date, and
//! no more than `max_changes` orders go live in one such period.

use super::{id_list, Ctx, Rule, Violation};
use crate::plan::PlannedOrder;
use chrono::NaiveDate;
use std::collections::BTreeMap;

/// The release train's deployment dates that fall in period `g` (date calendars only), in the
/// train's order; none without a train.
pub(super) fn dates_in(ctx: &Ctx<'_>, g: usize) -> Vec<NaiveDate> {
    let Some(train) = &ctx.portfolio.release_train else {
        return Vec::new();
    };
    if ctx.is_units() {
        return Vec::new();
    }
    train
        .dates
        .iter()
        .filter_map(|tp| match *tp {
            crate::model::TimePoint::Date(d) if ctx.tl.period_of_date(d) == Some(g) => Some(d),
            _ => None,
        })
        .collect()
}

/// Whether the release train departs in period `g`: one of its dates falls in it, or it names
/// the period itself.
pub(super) fn departs_in(ctx: &Ctx<'_>, g: usize) -> bool {
    ctx.portfolio
        .release_train
        .as_ref()
        .is_some_and(|train| train.dates.iter().any(|&tp| ctx.tl.resolve(tp) == Some(g)))
}

/// The day an order planned as `po` goes live in period `g` (inside the calendar): a
/// release-train date in the period when there is one (the plan's own go-live date when it is
/// one of them, else the first), else the period's last working day (none in unit calendars).
pub(super) fn go_live_day(ctx: &Ctx<'_>, po: &PlannedOrder, g: usize) -> Option<NaiveDate> {
    let dates = dates_in(ctx, g);
    match dates.first() {
        None => ctx.tl.go_live_day(g),
        Some(&first) => po.go_live.filter(|d| dates.contains(d)).or(Some(first)),
    }
}

/// Checks every delivered order's go-live against the release train, then the changes per
/// train period.
pub(super) fn check(ctx: &Ctx<'_>, out: &mut Vec<Violation>) {
    let Some(train) = &ctx.portfolio.release_train else {
        return;
    };
    let mut by_period: BTreeMap<usize, Vec<&str>> = BTreeMap::new();
    for (k, o) in ctx.portfolio.orders.iter().enumerate() {
        let (Some(g), Some(po)) = (ctx.go_live(k), ctx.planned_order(k)) else {
            continue;
        };
        let id = o.id.as_str();
        if !departs_in(ctx, g) {
            out.push(
                Violation::new(
                    Rule::ReleaseTrain,
                    format!(
                        "order `{id}` goes live in {}, where the release train has no deployment \
                         date",
                        ctx.when(g)
                    ),
                )
                .order(id)
                .period(g),
            );
            continue;
        }
        by_period.entry(g).or_default().push(id);
        let dates = dates_in(ctx, g);
        if dates.is_empty() || po.go_live.is_some_and(|d| dates.contains(&d)) {
            continue;
        }
        let got = po.go_live.map_or("no date".to_string(), |d| d.to_string());
        let want: Vec<String> = dates.iter().map(|d| d.to_string()).collect();
        out.push(
            Violation::new(
                Rule::ReleaseTrain,
                format!(
                    "order `{id}` goes live on {got}, but the release train leaves {} on {}",
                    ctx.when(g),
                    want.join(" or ")
                ),
            )
            .order(id)
            .period(g),
        );
    }
    let Some(max) = train.max_changes else {
        return;
    };
    for (t, ids) in by_period {
        if ids.len() as u64 <= u64::from(max) {
            continue;
        }
        out.push(
            Violation::new(
                Rule::ReleaseTrain,
                format!(
                    "{} changes go live with the release train in {} ({}), above its limit of \
                     {max}",
                    ids.len(),
                    ctx.when(t),
                    id_list(&ids)
                ),
            )
            .period(t),
        );
    }
}

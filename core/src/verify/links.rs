//! Rules between orders and on go-live periods: dependencies, freeze windows and the number
//! of go-lives per period.

use super::{Ctx, Rule, Span, Violation};
use crate::model::{DependencyKind, FreezeWindow, TimePoint};
use chrono::NaiveDate;
use std::collections::{BTreeMap, HashMap};

/// Checks dependencies, freeze windows and go-live slots.
pub(super) fn check(ctx: &Ctx<'_>, out: &mut Vec<Violation>) {
    check_dependencies(ctx, out);
    check_freeze(ctx, out);
    check_slots(ctx, out);
}

/// The span of the order with id `id`, if it is neither done nor stopped and its periods are in
/// the calendar.
pub(super) fn span_of(ctx: &Ctx<'_>, index: &HashMap<&str, usize>, id: &str) -> Option<Span> {
    let k = *index.get(id)?;
    ctx.spans.get(k).copied().flatten()
}

/// Each dependency between two delivered orders holds for their planned periods. Dependencies
/// on unknown, done or stopped orders (a delivered order waiting on a stopped one is a
/// selection error), or on orders whose periods are missing or outside the calendar (reported
/// elsewhere), are not checked.
fn check_dependencies(ctx: &Ctx<'_>, out: &mut Vec<Violation>) {
    let mut index = HashMap::new();
    for (k, o) in ctx.portfolio.orders.iter().enumerate() {
        index.entry(o.id.as_str()).or_insert(k);
    }
    for d in &ctx.portfolio.dependencies {
        let (Some(from), Some(to)) = (span_of(ctx, &index, &d.from), span_of(ctx, &index, &d.to))
        else {
            continue;
        };
        let lag = i64::from(d.lag);
        let (what, got, bound, from_what, from_at) = match d.kind {
            DependencyKind::LiveToStart => (
                "starts",
                to.start,
                from.go_live as i64 + 1 + lag,
                "goes live",
                from.go_live,
            ),
            DependencyKind::LiveToLive => (
                "goes live",
                to.go_live,
                from.go_live as i64 + lag,
                "goes live",
                from.go_live,
            ),
            DependencyKind::FinishToStart => (
                "starts",
                to.start,
                from.finish as i64 + 1 + lag,
                "finishes",
                from.finish,
            ),
            DependencyKind::StartToStart => (
                "starts",
                to.start,
                from.start as i64 + lag,
                "starts",
                from.start,
            ),
            DependencyKind::FinishToFinish => (
                "finishes",
                to.finish,
                from.finish as i64 + lag,
                "finishes",
                from.finish,
            ),
        };
        if got as i64 >= bound {
            continue;
        }
        out.push(
            Violation::new(
                Rule::Precedence,
                format!(
                    "order `{}` {what} in {}, but `{}` {from_what} in {} and the {} link with \
                     lag {} needs period {bound} or later",
                    d.to,
                    ctx.when(got),
                    d.from,
                    ctx.when(from_at),
                    d.kind,
                    d.lag
                ),
            )
            .order(&d.to)
            .period(got),
        );
    }
}

/// A freeze window as a span of days (date calendars) or periods (unit calendars), both ends
/// included. A window ending in a period after the calendar runs to its end.
pub(super) enum Frozen {
    Days(NaiveDate, NaiveDate),
    Periods(u32, u32),
    /// Cannot be read in this calendar (dates in a unit calendar), or lies after it.
    Nothing,
}

pub(super) fn frozen(ctx: &Ctx<'_>, w: &FreezeWindow) -> Frozen {
    let n = ctx.tl.len();
    if ctx.is_units() {
        return match (w.from, w.to) {
            (TimePoint::Period(a), TimePoint::Period(b)) => Frozen::Periods(a, b),
            _ => Frozen::Nothing,
        };
    }
    let from = match w.from {
        TimePoint::Date(d) => d,
        TimePoint::Period(p) if (p as usize) < n => match ctx.tl.period(p as usize).first_day {
            Some(d) => d,
            None => return Frozen::Nothing,
        },
        TimePoint::Period(_) => return Frozen::Nothing,
    };
    let to = match w.to {
        TimePoint::Date(d) => d,
        TimePoint::Period(p) if (p as usize) < n => match ctx.tl.period(p as usize).last_day {
            Some(d) => d,
            None => return Frozen::Nothing,
        },
        TimePoint::Period(_) => NaiveDate::MAX,
    };
    Frozen::Days(from, to)
}

impl Frozen {
    /// Whether going live in period `g` on `day` (date calendars) falls inside this window.
    pub(super) fn holds(&self, g: usize, day: Option<NaiveDate>) -> bool {
        match *self {
            Frozen::Periods(a, b) => (a as usize..=b as usize).contains(&g),
            Frozen::Days(a, b) => day.is_some_and(|d| a <= d && d <= b),
            Frozen::Nothing => false,
        }
    }
}

/// No order goes live inside a freeze window: its go-live day (date calendars: the release-train
/// date of its go-live period when there is one, else the period's last working day) or its
/// go-live period (unit calendars) lies outside every window. Windows are read from their own
/// time points: a date is that day, a period stands for all its days.
fn check_freeze(ctx: &Ctx<'_>, out: &mut Vec<Violation>) {
    let windows: Vec<(String, Frozen)> = ctx
        .portfolio
        .freeze_windows
        .iter()
        .enumerate()
        .map(|(k, w)| {
            let name = if w.name.is_empty() {
                format!("#{}", k + 1)
            } else {
                format!("`{}`", w.name)
            };
            (format!("{name} ({} to {})", w.from, w.to), frozen(ctx, w))
        })
        .collect();
    if windows.is_empty() {
        return;
    }
    for (k, o) in ctx.portfolio.orders.iter().enumerate() {
        let (Some(g), Some(po)) = (ctx.go_live(k), ctx.planned_order(k)) else {
            continue;
        };
        let day = super::train::go_live_day(ctx, po, g);
        for (name, w) in &windows {
            let hit = w.holds(g, day);
            if !hit {
                continue;
            }
            let on = match (day, ctx.is_units()) {
                (Some(d), false) => format!(" on {d}"),
                _ => String::new(),
            };
            out.push(
                Violation::new(
                    Rule::Freeze,
                    format!(
                        "order `{}` goes live in {}{on}, inside freeze window {name}",
                        o.id,
                        ctx.when(g)
                    ),
                )
                .order(&o.id)
                .period(g),
            );
        }
    }
}

/// At most `max_go_lives_per_period` orders go live in any one period.
fn check_slots(ctx: &Ctx<'_>, out: &mut Vec<Violation>) {
    let Some(max) = ctx.portfolio.max_go_lives_per_period else {
        return;
    };
    let mut by_period: BTreeMap<usize, Vec<&str>> = BTreeMap::new();
    for (k, o) in ctx.portfolio.orders.iter().enumerate() {
        if let Some(g) = ctx.go_live(k) {
            by_period.entry(g).or_default().push(&o.id);
        }
    }
    for (t, ids) in by_period {
        if ids.len() as u64 <= u64::from(max) {
            continue;
        }
        out.push(
            Violation::new(
                Rule::GoLiveSlots,
                format!(
                    "{} orders go live in {} ({}), above the limit of {max} a period",
                    ids.len(),
                    ctx.when(t),
                    super::id_list(&ids)
                ),
            )
            .period(t),
        );
    }
}

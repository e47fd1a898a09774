//! What is settled before the plan ([`Rule::Pin`], [`Rule::Actuals`], [`Rule::Frozen`]):
//!
//! - an order with a `pin` is delivered, starts in the period of its pinned start and goes
//!   live in the period of its pinned go-live;
//! - in every period before the one holding the portfolio's `frozen_until`, an effort-driven
//!   order's hours per team are exactly its `actuals` there (none where it has none), and an
//!   order with actual hours is delivered;
//! - no order starts before that period unless it is in progress, its start is pinned or it
//!   has actual hours; none goes live before it unless its go-live is pinned there.

use super::{hours_equal, Ctx, Rule, Violation};
use crate::model::OrderStatus;
use std::collections::BTreeMap;

pub(super) fn check(ctx: &Ctx<'_>, out: &mut Vec<Violation>) {
    let p = ctx.portfolio;
    let frozen = p
        .frozen_until
        .and_then(|tp| ctx.tl.resolve(tp))
        .unwrap_or(0);
    for (k, o) in p.orders.iter().enumerate() {
        if o.status == OrderStatus::Done {
            continue;
        }
        let pin = o.pin.unwrap_or_default();
        let pinned_start = pin.start.and_then(|tp| ctx.tl.resolve(tp));
        let pinned_live = pin.go_live.and_then(|tp| ctx.tl.resolve(tp));
        let has_actuals = o.actuals.iter().any(|a| a.hours > 0.0);
        if ctx.is_stopped(k) && (!pin.is_empty() || has_actuals) {
            let what = if pin.is_empty() {
                "has actual hours"
            } else {
                "is pinned"
            };
            out.push(
                Violation::new(
                    Rule::Pin,
                    format!("order `{}` {what} but the plan stops it", o.id),
                )
                .order(&o.id),
            );
        }
        let Some(span) = ctx.spans.get(k).copied().flatten() else {
            continue;
        };
        if let Some(s) = pinned_start.filter(|&s| s != span.start) {
            out.push(
                Violation::new(
                    Rule::Pin,
                    format!(
                        "order `{}` is pinned to start in {} but starts in {}",
                        o.id,
                        ctx.when(s),
                        ctx.when(span.start)
                    ),
                )
                .order(&o.id)
                .period(span.start),
            );
        }
        if let Some(g) = pinned_live.filter(|&g| g != span.go_live) {
            out.push(
                Violation::new(
                    Rule::Pin,
                    format!(
                        "order `{}` is pinned to go live in {} but goes live in {}",
                        o.id,
                        ctx.when(g),
                        ctx.when(span.go_live)
                    ),
                )
                .order(&o.id)
                .period(span.go_live),
            );
        }
        if frozen == 0 {
            continue;
        }
        let may_start =
            o.status == OrderStatus::InProgress || pinned_start.is_some() || has_actuals;
        if span.start < frozen && !may_start {
            out.push(
                Violation::new(
                    Rule::Frozen,
                    format!(
                        "order `{}` starts in {}, before the frozen horizon ends in {}, without a pinned start or actual hours",
                        o.id,
                        ctx.when(span.start),
                        ctx.when(frozen)
                    ),
                )
                .order(&o.id)
                .period(span.start),
            );
        }
        if span.go_live < frozen && pinned_live.is_none() {
            out.push(
                Violation::new(
                    Rule::Frozen,
                    format!(
                        "order `{}` goes live in {}, before the frozen horizon ends in {}, without a pinned go-live",
                        o.id,
                        ctx.when(span.go_live),
                        ctx.when(frozen)
                    ),
                )
                .order(&o.id)
                .period(span.go_live),
            );
        }
        if !o.is_effort_driven() {
            continue;
        }
        // Hours per (team, period) before the frozen horizon: the plan's against the actuals.
        let mut want: BTreeMap<(usize, usize), f64> = BTreeMap::new();
        for a in &o.actuals {
            if let (Some(&r), Some(t)) = (ctx.teams.get(a.team.as_str()), ctx.tl.resolve(a.period))
            {
                if t < frozen {
                    *want.entry((r, t)).or_default() += a.hours;
                }
            }
        }
        let mut have: BTreeMap<(usize, usize), f64> = BTreeMap::new();
        if let Some(work) = ctx.order_work(k) {
            for (&(r, t), &h) in work.range((0, 0)..) {
                if t < frozen {
                    *have.entry((r, t)).or_default() += h;
                }
            }
        }
        let keys: std::collections::BTreeSet<_> = want.keys().chain(have.keys()).copied().collect();
        for (r, t) in keys {
            let (a, h) = (
                want.get(&(r, t)).copied().unwrap_or(0.0),
                have.get(&(r, t)).copied().unwrap_or(0.0),
            );
            if !hours_equal(a, h) {
                let team = &p.teams[r].id;
                out.push(
                    Violation::new(
                        Rule::Actuals,
                        format!(
                            "order `{}` has {h:.2} h of team `{team}` in {}, before the frozen horizon ends, where its actual hours are {a:.2} h",
                            o.id,
                            ctx.when(t)
                        ),
                    )
                    .order(&o.id)
                    .team(team)
                    .period(t),
                );
            }
        }
    }
}

//! Go-live as the rules allow, in dependency order:
//!
//! - no order goes live before an order it depends on, whatever the link's kind
//!   ([`Rule::GoLiveOrder`]): a dependant live while its base is not is no plan to run;
//! - no order waits to go live longer than the rules force ([`Rule::GoLiveWait`]): from the
//!   period its work and go-live lag allow (and its predecessors are live) up to its go-live,
//!   every period must be closed to it: inside a freeze window, without a release-train date,
//!   without a working day to go live on, with its go-live slots (or train changes) full, or
//!   before the frozen horizon ends; a pinned go-live is checked against its pin instead.
//!   Finished work that is kept waiting delivers no value; a plan that does so is not one a
//!   unit would run.
//!
//! Everything is re-derived from the portfolio: freeze windows from their dates, the train
//! from its dates, the slots from the plan's own go-lives.

use super::links::{frozen, span_of, Frozen};
use super::{Ctx, Rule, Violation};
use crate::model::DependencyKind;
use std::collections::HashMap;

/// Checks the go-live order along dependencies and that no go-live waits unforced.
pub(super) fn check(ctx: &Ctx<'_>, out: &mut Vec<Violation>) {
    let mut index = HashMap::new();
    for (k, o) in ctx.portfolio.orders.iter().enumerate() {
        index.entry(o.id.as_str()).or_insert(k);
    }
    // Earliest go-live each order's predecessors allow.
    let mut after_preds: HashMap<&str, (usize, String)> = HashMap::new();
    for d in &ctx.portfolio.dependencies {
        let (Some(from), Some(to)) = (span_of(ctx, &index, &d.from), span_of(ctx, &index, &d.to))
        else {
            continue;
        };
        let lag = if d.kind == DependencyKind::LiveToLive {
            i64::from(d.lag).max(0) as usize
        } else {
            0
        };
        let need = from.go_live + lag;
        let e = after_preds
            .entry(d.to.as_str())
            .or_insert((0, String::new()));
        if need > e.0 {
            *e = (need, d.from.clone());
        }
        if to.go_live < from.go_live {
            out.push(
                Violation::new(
                    Rule::GoLiveOrder,
                    format!(
                        "order `{}` goes live in {}, before `{}` it depends on ({} link), which \
                         goes live in {}",
                        d.to,
                        ctx.when(to.go_live),
                        d.from,
                        d.kind,
                        ctx.when(from.go_live)
                    ),
                )
                .order(&d.to)
                .period(to.go_live),
            );
        }
    }
    let windows: Vec<Frozen> = ctx
        .portfolio
        .freeze_windows
        .iter()
        .map(|w| frozen(ctx, w))
        .collect();
    // Go-lives per period, as planned.
    let mut per_period: HashMap<usize, u64> = HashMap::new();
    for k in 0..ctx.portfolio.orders.len() {
        if let Some(g) = ctx.go_live(k) {
            *per_period.entry(g).or_default() += 1;
        }
    }
    let slots = ctx
        .portfolio
        .max_go_lives_per_period
        .map(u64::from)
        .into_iter()
        .chain(
            ctx.portfolio
                .release_train
                .as_ref()
                .and_then(|t| t.max_changes)
                .map(u64::from),
        )
        .min();
    // Before the frozen horizon ends only pinned go-lives fall: the periods there are closed.
    let frozen_until = ctx
        .portfolio
        .frozen_until
        .and_then(|tp| ctx.tl.resolve(tp))
        .unwrap_or(0);
    let closed = |t: usize| -> bool {
        if t < frozen_until {
            return true;
        }
        if ctx.portfolio.release_train.is_some() && !super::train::departs_in(ctx, t) {
            return true;
        }
        let dates = super::train::dates_in(ctx, t);
        let day = match dates.first() {
            Some(&d) => Some(d),
            None => ctx.tl.go_live_day(t),
        };
        if day.is_none() && !ctx.is_units() {
            return true;
        }
        if windows.iter().any(|w| w.holds(t, day)) {
            return true;
        }
        slots.is_some_and(|m| per_period.get(&t).copied().unwrap_or(0) >= m)
    };
    for (k, o) in ctx.portfolio.orders.iter().enumerate() {
        let Some(span) = ctx.spans.get(k).copied().flatten() else {
            continue;
        };
        if span.start > span.finish || span.go_live < span.finish + o.go_live_lag as usize {
            // The periods are out of order (a sequence violation): no ready time to speak of.
            continue;
        }
        if o.pin.is_some_and(|p| p.go_live.is_some()) {
            // A pinned go-live is a rule of its own ([`Rule::Pin`]).
            continue;
        }
        let ready_work = span.finish + o.go_live_lag as usize;
        let (ready, why) = match after_preds.get(o.id.as_str()) {
            Some((g, from)) if *g > ready_work => (*g, format!(", when `{from}` is live")),
            _ => (ready_work, String::new()),
        };
        if span.go_live <= ready {
            continue;
        }
        if let Some(t) = (ready..span.go_live).find(|&t| !closed(t)) {
            out.push(
                Violation::new(
                    Rule::GoLiveWait,
                    format!(
                        "order `{}` could go live in {} (its work ends in {}{why}) but waits until \
                         {}: no freeze window, release train or full go-live slot forces the wait",
                        o.id,
                        ctx.when(t),
                        ctx.when(span.finish),
                        ctx.when(span.go_live)
                    ),
                )
                .order(&o.id)
                .period(t),
            );
        }
    }
}

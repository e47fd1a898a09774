//! Portfolio decisions: which orders are stopped, what waits on a stopped order, the groups
//! tying orders together, and each orderer's share of the planned hours.
//!
//! An order counts as delivered for groups when the plan has it scheduled or in progress, or
//! when it was done before the plan; it is stopped when the plan says so.

use super::orders::{check_left_out, state_name};
use super::{figure, hours_pair, id_list, Ctx, Rule, Violation};
use crate::model::{GroupKind, Order, OrderStatus};
use crate::plan::{PlannedOrder, PlannedState};
use std::collections::HashMap;

/// Tolerance for an orderer's share of the hours, a ratio from 0 to 1.
const SHARE_TOL: f64 = 1e-6;

/// A stopped order that is not done: it must be optional, and it has no periods, dates or
/// work, no lateness, and a due period that is none or its due date's.
pub(super) fn check_stopped(o: &Order, po: &PlannedOrder, ctx: &Ctx<'_>, out: &mut Vec<Violation>) {
    if !o.optional {
        let status = match o.status {
            OrderStatus::InProgress => PlannedState::InProgress,
            _ => PlannedState::Scheduled,
        };
        out.push(
            Violation::new(
                Rule::Selection,
                format!(
                    "order `{}` is mandatory, so the plan cannot stop it: it must be {}",
                    o.id,
                    state_name(status)
                ),
            )
            .order(&o.id),
        );
    }
    check_left_out(o, po, ctx, Rule::Selection, "stopped", out);
}

/// Checks what waits on stopped orders, the groups and the orderer shares.
pub(super) fn check(ctx: &Ctx<'_>, out: &mut Vec<Violation>) {
    let mut index: HashMap<&str, usize> = HashMap::new();
    for (k, o) in ctx.portfolio.orders.iter().enumerate() {
        index.entry(o.id.as_str()).or_insert(k);
    }
    check_waits(ctx, &index, out);
    check_groups(ctx, &index, out);
    check_shares(ctx, out);
}

/// No delivered order waits on a stopped one, whatever the kind of the dependency.
fn check_waits(ctx: &Ctx<'_>, index: &HashMap<&str, usize>, out: &mut Vec<Violation>) {
    for d in &ctx.portfolio.dependencies {
        let (Some(&a), Some(&b)) = (index.get(d.from.as_str()), index.get(d.to.as_str())) else {
            continue;
        };
        if !(ctx.is_stopped(a) && ctx.is_delivering(b)) {
            continue;
        }
        out.push(
            Violation::new(
                Rule::Selection,
                format!(
                    "order `{}` is delivered, but it waits on a stopped order: `{}` ({} link)",
                    d.to, d.from, d.kind
                ),
            )
            .order(&d.to),
        );
    }
}

/// Whether portfolio order `k` is delivered, as groups count it: done before the plan, or not
/// stopped by it. None when the plan does not hold the order.
fn delivered(ctx: &Ctx<'_>, k: usize) -> Option<bool> {
    let po = ctx.planned_order(k)?;
    let done = ctx.portfolio.orders.get(k)?.status == OrderStatus::Done;
    Some(done || po.state != PlannedState::Stopped)
}

/// Every group holds: all or none of an `all_or_none` group delivered, at most one of an
/// `at_most_one` group, and the first of a `requires` group only with all the others. Groups
/// naming orders the portfolio or the plan does not hold are not checked.
fn check_groups(ctx: &Ctx<'_>, index: &HashMap<&str, usize>, out: &mut Vec<Violation>) {
    for (i, g) in ctx.portfolio.groups.iter().enumerate() {
        let members: Option<Vec<(&str, bool)>> = g
            .orders
            .iter()
            .map(|id| {
                let k = *index.get(id.as_str())?;
                Some((id.as_str(), delivered(ctx, k)?))
            })
            .collect();
        let Some(members) = members else {
            continue;
        };
        let name = if g.name.is_empty() {
            format!("#{}", i + 1)
        } else {
            format!("`{}`", g.name)
        };
        let ids = |want: bool| -> Vec<&str> {
            members
                .iter()
                .filter(|m| m.1 == want)
                .map(|m| m.0)
                .collect()
        };
        let (yes, no) = (ids(true), ids(false));
        let (msg, order) = match g.kind {
            GroupKind::AllOrNone if !yes.is_empty() && !no.is_empty() => (
                format!(
                    "group {name} delivers all of its orders or none, but the plan delivers {} \
                     and stops {}",
                    id_list(&yes),
                    id_list(&no)
                ),
                None,
            ),
            GroupKind::AtMostOne if yes.len() > 1 => (
                format!(
                    "group {name} delivers at most one of its orders, but the plan delivers {}",
                    id_list(&yes)
                ),
                None,
            ),
            GroupKind::Requires => {
                let Some(&(first, true)) = members.first() else {
                    continue;
                };
                let missing: Vec<&str> = no.into_iter().filter(|&id| id != first).collect();
                if missing.is_empty() {
                    continue;
                }
                (
                    format!(
                        "group {name}: order `{first}` requires {}, but the plan delivers it and \
                         stops {}",
                        id_list(&members[1..].iter().map(|m| m.0).collect::<Vec<_>>()),
                        id_list(&missing)
                    ),
                    Some(first),
                )
            }
            _ => continue,
        };
        let mut v = Violation::new(Rule::Group, msg);
        if let Some(id) = order {
            v = v.order(id);
        }
        out.push(v);
    }
}

/// Each orderer's hours (the work of its delivered orders) lie within its share bounds of all
/// the hours delivered orders are given. Without any hours planned there are no shares.
fn check_shares(ctx: &Ctx<'_>, out: &mut Vec<Violation>) {
    if ctx.portfolio.orderer_shares.is_empty() {
        return;
    }
    let mut total = 0.0;
    let mut by_orderer: HashMap<&str, f64> = HashMap::new();
    for (k, o) in ctx.portfolio.orders.iter().enumerate() {
        if !ctx.is_delivering(k) {
            continue;
        }
        let hours: f64 = ctx.order_work(k).map_or(0.0, |w| w.values().sum());
        total += hours;
        *by_orderer.entry(o.orderer.as_str()).or_insert(0.0) += hours;
    }
    if !(total > 0.0 && total.is_finite()) {
        return;
    }
    for s in &ctx.portfolio.orderer_shares {
        let own = by_orderer.get(s.orderer.as_str()).copied().unwrap_or(0.0);
        let share = own / total;
        let bounds = [
            (s.min_share.filter(|&m| share < m - SHARE_TOL), "at least"),
            (s.max_share.filter(|&m| share > m + SHARE_TOL), "at most"),
        ];
        for (bound, word) in bounds {
            let Some(m) = bound else {
                continue;
            };
            let (a, b) = hours_pair(share, m);
            out.push(Violation::new(
                Rule::Share,
                format!(
                    "orderer `{}` has {} h of the {} h planned, a share of {a}, but its share must \
                     be {word} {b}",
                    s.orderer,
                    figure(own),
                    figure(total)
                ),
            ));
        }
    }
}

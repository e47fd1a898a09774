//! Work in progress per team ([`Rule::OpenOrders`]): where the portfolio's work rules set
//! `max_open_per_fte`, no team has more orders open in a period than that many per full-time
//! equivalent of its hours (`hours_per_week / 40`, rounded down, at least 1), or than the
//! orders already in progress that need it, when they alone are more. An order is open on
//! every team it needs (effort hours or fixed demand above zero) from its start period to
//! its finish period. Unit calendars have no such limit.

use super::{id_list, Ctx, Rule, Violation};
use crate::model::{OrderStatus, PeriodKind};

pub(super) fn check(ctx: &Ctx<'_>, out: &mut Vec<Violation>) {
    let p = ctx.portfolio;
    let Some(per_fte) = p.work_rules.max_open_per_fte else {
        return;
    };
    if p.calendar.period == PeriodKind::Unit {
        return;
    }
    let n = ctx.tl.len();
    for team in &p.teams {
        if team.hours_per_week <= 0.0 {
            continue;
        }
        let needs = |o: &crate::Order| {
            o.effort.iter().any(|e| e.team == team.id && e.hours > 0.0)
                || o.demand
                    .iter()
                    .any(|d| d.team == team.id && d.hours_per_week > 0.0)
        };
        let in_progress = p
            .orders
            .iter()
            .filter(|o| o.status == OrderStatus::InProgress && needs(o))
            .count();
        let limit = ((per_fte * team.hours_per_week / 40.0 + 1e-9).floor() as usize)
            .max(1)
            .max(in_progress);
        let mut open: Vec<Vec<&str>> = vec![Vec::new(); n];
        for (k, o) in p.orders.iter().enumerate() {
            let Some(span) = ctx.spans.get(k).copied().flatten() else {
                continue;
            };
            if !needs(o) || span.start > span.finish {
                continue;
            }
            for ids in &mut open[span.start..=span.finish.min(n - 1)] {
                ids.push(&o.id);
            }
        }
        for (t, ids) in open.iter().enumerate() {
            if ids.len() > limit {
                out.push(
                    Violation::new(
                        Rule::OpenOrders,
                        format!(
                            "team `{}` has {} orders open in {} ({}), above its limit of {limit} \
                             ({} per full-time equivalent)",
                            team.id,
                            ids.len(),
                            ctx.when(t),
                            id_list(ids),
                            super::figure(per_fte)
                        ),
                    )
                    .team(&team.id)
                    .period(t),
                );
            }
        }
    }
}

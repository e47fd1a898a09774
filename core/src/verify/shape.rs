//! The plan's shape: planned orders matched to portfolio orders by id, and work slices read
//! into per-order maps of valid hours.

use super::{Ctx, Rule, Violation, WorkMap};
use crate::model::Portfolio;
use crate::plan::Plan;
use std::collections::{BTreeMap, HashMap, HashSet};

/// Matches each portfolio order to the first planned order with its id, reporting missing,
/// extra and repeated ids.
pub(super) fn match_orders(
    portfolio: &Portfolio,
    plan: &Plan,
    out: &mut Vec<Violation>,
) -> Vec<Option<usize>> {
    let mut first: HashMap<&str, usize> = HashMap::new();
    let mut count: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, po) in plan.orders.iter().enumerate() {
        first.entry(po.id.as_str()).or_insert(i);
        *count.entry(po.id.as_str()).or_insert(0) += 1;
    }
    let known: HashSet<&str> = portfolio.orders.iter().map(|o| o.id.as_str()).collect();
    let planned: Vec<Option<usize>> = portfolio
        .orders
        .iter()
        .map(|o| first.get(o.id.as_str()).copied())
        .collect();
    for (o, i) in portfolio.orders.iter().zip(&planned) {
        if i.is_none() {
            out.push(
                Violation::new(
                    Rule::PlanShape,
                    format!("order `{}` is missing from the plan", o.id),
                )
                .order(&o.id),
            );
        }
    }
    for (i, po) in plan.orders.iter().enumerate() {
        let id = po.id.as_str();
        if !known.contains(id) {
            out.push(
                Violation::new(
                    Rule::PlanShape,
                    format!("the plan has order `{id}`, which is not in the portfolio"),
                )
                .order(id),
            );
        } else if first.get(id) == Some(&i) && count.get(id).copied().unwrap_or(0) > 1 {
            let n = count.get(id).copied().unwrap_or(0);
            out.push(
                Violation::new(
                    Rule::PlanShape,
                    format!("order `{id}` appears {n} times in the plan; the first is checked"),
                )
                .order(id),
            );
        }
    }
    planned
}

/// Reads every planned order's work slices, reporting hours that are not a finite number of 0
/// or more, unknown teams and periods outside the calendar; the remaining slices are summed per
/// team and period.
pub(super) fn collect_work(ctx: &Ctx<'_>, out: &mut Vec<Violation>) -> Vec<WorkMap> {
    let n = ctx.tl.len();
    ctx.plan
        .orders
        .iter()
        .map(|po| {
            let mut map = WorkMap::new();
            for w in &po.work {
                let t = w.period as usize;
                if !w.hours.is_finite() || w.hours < 0.0 {
                    out.push(
                        Violation::new(
                            Rule::BadNumber,
                            format!(
                                "order `{}`: team `{}` has {} h in {}, not a finite number of 0 \
                                 or more",
                                po.id,
                                w.team,
                                w.hours,
                                ctx.when(t)
                            ),
                        )
                        .order(&po.id)
                        .team(&w.team)
                        .period(t),
                    );
                    continue;
                }
                let Some(&r) = ctx.teams.get(w.team.as_str()) else {
                    out.push(
                        Violation::new(
                            Rule::PlanShape,
                            format!(
                                "order `{}`: team `{}` works {:.2} h in {}, but the portfolio \
                                 has no such team",
                                po.id,
                                w.team,
                                w.hours,
                                ctx.when(t)
                            ),
                        )
                        .order(&po.id)
                        .team(&w.team)
                        .period(t),
                    );
                    continue;
                };
                if t >= n {
                    out.push(
                        Violation::new(
                            Rule::Horizon,
                            format!(
                                "order `{}`: team `{}` works {:.2} h in period {t}, but {}",
                                po.id,
                                w.team,
                                w.hours,
                                ctx.calendar_end()
                            ),
                        )
                        .order(&po.id)
                        .team(&w.team)
                        .period(t),
                    );
                    continue;
                }
                *map.entry((r, t)).or_insert(0.0) += w.hours;
            }
            map
        })
        .collect()
}

//! Work rules: the scope of every order; effort totals scaled by the scope, pace limits and
//! duration bounds of effort-driven orders; the exact demand of fixed-duration orders.

use super::{figure, hours_at_most, hours_equal, hours_pair, Ctx, Rule, Span, Violation, WorkMap};
use crate::model::{Order, OrderStatus};
use crate::plan::PlannedOrder;
use std::collections::BTreeMap;

/// Tolerance for the scope, a share from 0 to 1.
const SCOPE_TOL: f64 = 1e-6;

/// Checks the scope of every order the plan holds that is not done (a done order's scope is
/// not a decision of the plan), then the work of every order that is neither done nor stopped
/// (their work is a state or selection error).
pub(super) fn check(ctx: &Ctx<'_>, out: &mut Vec<Violation>) {
    for (k, o) in ctx.portfolio.orders.iter().enumerate() {
        let Some(po) = ctx.planned_order(k) else {
            continue;
        };
        if o.status == OrderStatus::Done {
            continue;
        }
        check_scope(o, po, ctx.is_stopped(k), out);
        if ctx.is_stopped(k) {
            continue;
        }
        let Some(work) = ctx.order_work(k) else {
            continue;
        };
        let span = ctx.spans.get(k).copied().flatten();
        match o.duration {
            None => {
                let scope = Some(po.scope).filter(|s| s.is_finite());
                check_effort(o, scope, work, span, ctx, out);
            }
            Some(d) => check_fixed(o, d, work, span, ctx, out),
        }
    }
}

/// The scope is 0 for a stopped order, from `min_scope` to 1 for an effort-driven order that
/// allows a reduced scope, and 1 otherwise (a fixed-duration order cannot be reduced).
fn check_scope(o: &Order, po: &PlannedOrder, stopped: bool, out: &mut Vec<Violation>) {
    let s = po.scope;
    let reducible = o.min_scope.filter(|_| o.is_effort_driven());
    let (low, high, why) = match (stopped, reducible) {
        (true, _) => (0.0, 0.0, "it is stopped".to_string()),
        (false, Some(m)) => (
            m,
            1.0,
            format!("its scope may be reduced to {} at the least", figure(m)),
        ),
        (false, None) if o.min_scope.is_some() => (
            1.0,
            1.0,
            "a fixed-duration order cannot be reduced".to_string(),
        ),
        (false, None) => (1.0, 1.0, "it has no `min_scope`".to_string()),
    };
    let ok = s.is_finite() && s >= low - SCOPE_TOL && s <= high + SCOPE_TOL;
    if ok {
        return;
    }
    let want = if low == high {
        format!("must be {}", figure(low))
    } else {
        format!("must lie from {} to {}", figure(low), figure(high))
    };
    out.push(
        Violation::new(
            Rule::Scope,
            format!(
                "order `{}` has scope {}, but it {want}: {why}",
                o.id,
                figure(s)
            ),
        )
        .order(&o.id),
    );
}

/// One team's effort on an order, repeated entries merged.
struct Need {
    hours: f64,
    max: Option<f64>,
    min: Option<f64>,
}

/// The effort of each team, times the scope when it is a number, is worked inside the run,
/// within the pace limits and the duration bounds.
fn check_effort(
    o: &Order,
    scope: Option<f64>,
    work: &WorkMap,
    span: Option<Span>,
    ctx: &Ctx<'_>,
    out: &mut Vec<Violation>,
) {
    let id = o.id.as_str();
    let mut needs: BTreeMap<&str, Need> = BTreeMap::new();
    let mut listed: Vec<&str> = Vec::new();
    for e in &o.effort {
        let need = needs.entry(e.team.as_str()).or_insert_with(|| {
            listed.push(e.team.as_str());
            Need {
                hours: 0.0,
                max: e.max_hours_per_week,
                min: e.min_hours_per_week,
            }
        });
        need.hours += e.hours;
    }
    for team_id in listed {
        let Some(need) = needs.get(team_id) else {
            continue;
        };
        let r = ctx.teams.get(team_id).copied();
        let done: f64 = work
            .iter()
            .filter(|((wr, _), _)| Some(*wr) == r)
            .map(|(_, h)| h)
            .sum();
        let wanted = scope.map(|s| need.hours * s);
        if let Some(wanted) = wanted.filter(|&w| !hours_equal(done, w)) {
            let (a, b) = hours_pair(done, wanted);
            let of = match scope {
                Some(s) if s != 1.0 => {
                    format!(" ({} h at scope {})", figure(need.hours), figure(s))
                }
                _ => String::new(),
            };
            out.push(
                Violation::new(
                    Rule::Effort,
                    format!(
                        "order `{id}`: team `{team_id}` works {a} h in total, but the order needs \
                         {b} h{of}"
                    ),
                )
                .order(id)
                .team(team_id),
            );
        }
        let Some(r) = r else {
            continue;
        };
        let Some(team) = ctx.portfolio.teams.get(r) else {
            continue;
        };
        let max = need.max.unwrap_or(
            team.hours_per_week + team.consultants.as_ref().map_or(0.0, |e| e.hours_per_week),
        );
        for (&(_, t), &h) in work.range((r, 0)..=(r, usize::MAX)) {
            let limit = max * ctx.tl.working_share(t);
            if !hours_at_most(h, limit) {
                let (a, b) = hours_pair(h, limit);
                out.push(
                    Violation::new(
                        Rule::Intensity,
                        format!(
                            "order `{id}`: team `{team_id}` works {a} h in {}, above its {b} h \
                             limit ({} h a full week)",
                            ctx.when(t),
                            figure(max)
                        ),
                    )
                    .order(id)
                    .team(team_id)
                    .period(t),
                );
            }
        }
        let (Some(min), Some(span)) = (need.min, span) else {
            continue;
        };
        if wanted.unwrap_or(need.hours) <= 0.0 {
            continue;
        }
        for t in span.start..=span.finish {
            let h = work.get(&(r, t)).copied().unwrap_or(0.0);
            let floor = min * ctx.tl.working_share(t);
            if !hours_at_most(floor, h) {
                let (a, b) = hours_pair(h, floor);
                out.push(
                    Violation::new(
                        Rule::Intensity,
                        format!(
                            "order `{id}`: team `{team_id}` works {a} h in {}, below its {b} h \
                             minimum ({} h a full week) while the order runs",
                            ctx.when(t),
                            figure(min)
                        ),
                    )
                    .order(id)
                    .team(team_id)
                    .period(t),
                );
            }
        }
    }
    for (&(r, t), &h) in work {
        let team_id = ctx.portfolio.teams.get(r).map_or("?", |t| t.id.as_str());
        if hours_equal(h, 0.0) {
            continue;
        }
        let place = if !needs.contains_key(team_id) {
            "but the order has no effort for that team".to_string()
        } else if let Some(s) = span.filter(|s| t < s.start || t > s.finish) {
            format!(
                "outside the order's run from {} to {}",
                ctx.when(s.start),
                ctx.when(s.finish)
            )
        } else {
            continue;
        };
        out.push(
            Violation::new(
                Rule::Effort,
                format!(
                    "order `{id}`: team `{team_id}` works {h:.2} h in {}, {place}",
                    ctx.when(t)
                ),
            )
            .order(id)
            .team(team_id)
            .period(t),
        );
    }
    if let Some(span) = span.filter(|s| s.start <= s.finish) {
        let len = (span.finish - span.start + 1) as u64;
        // The portfolio's work rules cap the span at max_stretch × the periods the order
        // needs at full pace (the model's definition of the rule), unless its minimum
        // duration is longer.
        let rules = &ctx.portfolio.work_rules;
        let stretch_cap = rules
            .max_span_of(o, ctx.portfolio.calendar.period, |t| {
                ctx.portfolio.team(t).map(|t| t.hours_per_week)
            })
            .filter(|&m| len > u64::from(m));
        let bounds = [
            (
                o.min_duration.filter(|&m| len < u64::from(m)),
                "at least",
                "",
            ),
            (
                o.max_duration.filter(|&m| len > u64::from(m)),
                "at most",
                "",
            ),
            (
                stretch_cap,
                "at most",
                " (the work rules' max_stretch × its periods at full pace)",
            ),
        ];
        for (bound, word, why) in bounds {
            if let Some(m) = bound {
                out.push(
                    Violation::new(
                        Rule::Duration,
                        format!(
                            "order `{id}` runs {len} periods, from {} to {}, but must run {word} \
                             {m}{why}",
                            ctx.when(span.start),
                            ctx.when(span.finish)
                        ),
                    )
                    .order(id)
                    .period(span.start),
                );
            }
        }
    }
}

/// A fixed-duration order runs exactly its duration and takes exactly its demand, scaled by
/// each period's working share, from each team in each period it runs.
fn check_fixed(
    o: &Order,
    duration: u32,
    work: &WorkMap,
    span: Option<Span>,
    ctx: &Ctx<'_>,
    out: &mut Vec<Violation>,
) {
    let id = o.id.as_str();
    let Some(span) = span else {
        return;
    };
    let (s, f) = (span.start, span.finish);
    let want_finish = s as i64 + i64::from(duration) - 1;
    if f as i64 != want_finish {
        out.push(
            Violation::new(
                Rule::Duration,
                format!(
                    "order `{id}` runs from {} to {}, but its duration of {duration} periods makes \
                     it finish in period {want_finish}",
                    ctx.when(s),
                    ctx.when(f)
                ),
            )
            .order(id)
            .period(f),
        );
    }
    let mut demand: BTreeMap<&str, f64> = BTreeMap::new();
    let mut listed: Vec<&str> = Vec::new();
    for d in &o.demand {
        let e = demand.entry(d.team.as_str()).or_insert_with(|| {
            listed.push(d.team.as_str());
            0.0
        });
        *e += d.hours_per_week;
    }
    for team_id in listed {
        let per_week = demand.get(team_id).copied().unwrap_or(0.0);
        let r = ctx.teams.get(team_id).copied();
        for t in s..=f {
            let want = per_week * ctx.tl.working_share(t);
            let got = r.and_then(|r| work.get(&(r, t))).copied().unwrap_or(0.0);
            if !hours_equal(got, want) {
                let (a, b) = hours_pair(got, want);
                out.push(
                    Violation::new(
                        Rule::FixedDemand,
                        format!(
                            "order `{id}`: team `{team_id}` works {a} h in {}, but its fixed \
                             demand there is {b} h ({} h a full week)",
                            ctx.when(t),
                            figure(per_week)
                        ),
                    )
                    .order(id)
                    .team(team_id)
                    .period(t),
                );
            }
        }
    }
    for (&(r, t), &h) in work {
        let team_id = ctx.portfolio.teams.get(r).map_or("?", |t| t.id.as_str());
        if hours_equal(h, 0.0) {
            continue;
        }
        let reason = if !demand.contains_key(team_id) {
            "but the order has no demand on that team".to_string()
        } else if t < s || t > f {
            format!(
                "outside the order's run from {} to {}",
                ctx.when(s),
                ctx.when(f)
            )
        } else {
            continue;
        };
        out.push(
            Violation::new(
                Rule::FixedDemand,
                format!(
                    "order `{id}`: team `{team_id}` works {h:.2} h in {}, {reason}",
                    ctx.when(t)
                ),
            )
            .order(id)
            .team(team_id)
            .period(t),
        );
    }
}

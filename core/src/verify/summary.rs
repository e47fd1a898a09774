//! The plan's summary figures, recomputed from the portfolio and the planned go-live periods.
//!
//! Due periods and lateness are derived from the portfolio here, not read from the plan, so a
//! wrong `lateness` field is reported once (as [`Rule::Lateness`]) and not again here.

use super::{hours_pair, Ctx, Rule, Violation};
use crate::model::OrderStatus;

/// Tolerance for the weighted figures and the on-time share, relative to their size and
/// absolute below 1.
const FIGURE_TOL: f64 = 1e-6;

/// The figures as the plan's orders imply them.
struct Figures {
    makespan: u64,
    with_due: u64,
    late: u64,
    total_lateness: u64,
    weighted_lateness: f64,
    weighted_completion: f64,
    on_time_share: f64,
}

fn figures(ctx: &Ctx<'_>) -> Figures {
    let mut s = Figures {
        makespan: 0,
        with_due: 0,
        late: 0,
        total_lateness: 0,
        weighted_lateness: 0.0,
        weighted_completion: 0.0,
        on_time_share: 1.0,
    };
    for (k, o) in ctx.portfolio.orders.iter().enumerate() {
        if o.status == OrderStatus::Done {
            continue;
        }
        let Some(g) = ctx.planned_order(k).and_then(|po| po.go_live_period) else {
            continue;
        };
        let g = u64::from(g);
        let w = o.effective_weight();
        s.makespan = s.makespan.max(g + 1);
        s.weighted_completion += w * (g + 1) as f64;
        if let Some(due) = o.due.and_then(|d| ctx.tl.resolve(d)) {
            s.with_due += 1;
            let lateness = g.saturating_sub(due as u64);
            if lateness > 0 {
                s.late += 1;
                s.total_lateness += lateness;
                s.weighted_lateness += w * lateness as f64;
            }
        }
    }
    if s.with_due > 0 {
        s.on_time_share = 1.0 - s.late as f64 / s.with_due as f64;
    }
    s
}

fn close(a: f64, b: f64) -> bool {
    a.is_finite() && b.is_finite() && (a - b).abs() <= FIGURE_TOL * a.abs().max(b.abs()).max(1.0)
}

/// Every summary figure matches the one implied by the orders: makespan is the latest go-live
/// period + 1 (0 without scheduled orders), counts and lateness use the due dates' periods and
/// weights are the orders' effective weights.
pub(super) fn check(ctx: &Ctx<'_>, out: &mut Vec<Violation>) {
    let want = figures(ctx);
    let got = &ctx.plan.summary;
    let counts = [
        ("makespan", u64::from(got.makespan), want.makespan),
        (
            "orders_with_due_date",
            got.orders_with_due_date as u64,
            want.with_due,
        ),
        ("orders_late", got.orders_late as u64, want.late),
        (
            "total_lateness",
            u64::from(got.total_lateness),
            want.total_lateness,
        ),
    ];
    for (name, got, want) in counts {
        if got != want {
            out.push(Violation::new(
                Rule::Summary,
                format!("summary: {name} is {got}, but the orders give {want}"),
            ));
        }
    }
    let reals = [
        (
            "weighted_lateness",
            got.weighted_lateness,
            want.weighted_lateness,
        ),
        (
            "weighted_completion",
            got.weighted_completion,
            want.weighted_completion,
        ),
        ("on_time_share", got.on_time_share, want.on_time_share),
    ];
    for (name, got, want) in reals {
        if !close(got, want) {
            let (a, b) = hours_pair(got, want);
            out.push(Violation::new(
                Rule::Summary,
                format!("summary: {name} is {a}, but the orders give {b}"),
            ));
        }
    }
}

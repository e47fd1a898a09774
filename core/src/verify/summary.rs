//! The plan's summary figures, recomputed from the portfolio, the planned go-live periods and
//! scopes, and the consultant hours the work needs.
//!
//! Due periods and lateness are derived from the portfolio here, not read from the plan, so a
//! wrong `lateness` field is reported once (as [`Rule::Lateness`]) and not again here. The
//! consultant figures come from the verifier's own derivation (see [`super::capacity::Loads`]),
//! not from the plan's load table.

use super::capacity::price_of;
use super::{hours_equal, hours_pair, money_equal, Ctx, Rule, Violation};
use crate::model::OrderStatus;
use crate::plan::PlannedState;

/// Tolerance for the weighted figures, values and the on-time share, relative to their size
/// and absolute below 1.
const FIGURE_TOL: f64 = 1e-6;

/// A scope below 1 by more than this is a reduced one.
const REDUCED_TOL: f64 = 1e-9;

/// The figures as the plan's orders imply them.
struct Figures {
    makespan: u64,
    with_due: u64,
    late: u64,
    total_lateness: u64,
    weighted_lateness: f64,
    weighted_completion: f64,
    on_time_share: f64,
    value_total: f64,
    /// None when a delivered order's scope is not a number (a scope error).
    value_delivered: Option<f64>,
    stopped: u64,
    reduced: u64,
    consultant_hours: f64,
    consultant_cost: f64,
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
        value_total: 0.0,
        value_delivered: Some(0.0),
        stopped: 0,
        reduced: 0,
        consultant_hours: 0.0,
        consultant_cost: 0.0,
    };
    for (k, o) in ctx.portfolio.orders.iter().enumerate() {
        if o.status == OrderStatus::Done {
            continue;
        }
        s.value_total += o.effective_value();
        let Some(po) = ctx.planned_order(k) else {
            continue;
        };
        if po.state == PlannedState::Stopped {
            s.stopped += 1;
            continue;
        }
        s.value_delivered = s
            .value_delivered
            .filter(|_| po.scope.is_finite())
            .map(|v| v + o.effective_value() * po.scope);
        if po.scope < 1.0 - REDUCED_TOL {
            s.reduced += 1;
        }
        let Some(g) = po.go_live_period else {
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
    for (r, row) in ctx.loads.external.iter().enumerate() {
        let hours: f64 = row.iter().sum();
        s.consultant_hours += hours;
        s.consultant_cost += hours * price_of(ctx, r);
    }
    s
}

fn close(a: f64, b: f64) -> bool {
    a.is_finite() && b.is_finite() && (a - b).abs() <= FIGURE_TOL * a.abs().max(b.abs()).max(1.0)
}

/// Every summary figure matches the one implied by the orders: makespan is the latest go-live
/// period + 1 over delivered orders (0 without any), counts and lateness use the due dates'
/// periods and weights are the orders' effective weights, all over delivered orders; the value
/// in total is that of every order not done, the value delivered that of each delivered order
/// times its scope; stopped and reduced orders are counted; the consultant hours and their cost
/// are those the work needs.
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
        ("orders_stopped", got.orders_stopped as u64, want.stopped),
        ("orders_reduced", got.orders_reduced as u64, want.reduced),
    ];
    let mut wrong = |name: &str, a: String, b: String| {
        out.push(Violation::new(
            Rule::Summary,
            format!("summary: {name} is {a}, but the orders give {b}"),
        ));
    };
    for (name, got, want) in counts {
        if got != want {
            wrong(name, got.to_string(), want.to_string());
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
        ("value_total", got.value_total, want.value_total),
    ];
    let delivered = want
        .value_delivered
        .map(|want| ("value_delivered", got.value_delivered, want));
    for (name, got, want) in reals.into_iter().chain(delivered) {
        if !close(got, want) {
            let (a, b) = hours_pair(got, want);
            wrong(name, a, b);
        }
    }
    if !hours_equal(got.consultant_hours, want.consultant_hours) {
        let (a, b) = hours_pair(got.consultant_hours, want.consultant_hours);
        wrong("consultant_hours", a, b);
    }
    let price = (0..ctx.portfolio.teams.len())
        .map(|r| price_of(ctx, r))
        .fold(0.0f64, f64::max);
    if !money_equal(got.consultant_cost, want.consultant_cost, price) {
        let (a, b) = hours_pair(got.consultant_cost, want.consultant_cost);
        wrong("consultant_cost", a, b);
    }
}

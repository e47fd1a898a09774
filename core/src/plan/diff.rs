//! What changed between two plans of the same portfolio (before and after a re-prioritisation,
//! a new budget, a re-plan from a baseline): orders moved, by how much and which way,
//! decisions changed, and the portfolio figures before and after.

use super::{Plan, PlannedOrder};
use serde::{Deserialize, Serialize};

/// How one order differs between two plans.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrderChange {
    /// The order's id.
    pub id: String,
    /// Its title (from the plan after, or before when it is gone).
    pub title: String,
    /// The decision before (`delivered`, `reduced`, `postponed`, `stopped`, `done`), or
    /// `absent` when the plan before has no such order.
    pub decision_before: String,
    /// The decision after, or `absent`.
    pub decision_after: String,
    /// Start period before.
    pub start_period_before: Option<u32>,
    /// Start period after.
    pub start_period_after: Option<u32>,
    /// Go-live period before.
    pub go_live_period_before: Option<u32>,
    /// Go-live period after.
    pub go_live_period_after: Option<u32>,
    /// `start_after − start_before` in periods, when both plans start it.
    pub start_shift: Option<i64>,
    /// `go_live_after − go_live_before` in periods (positive: later), when both go live.
    pub go_live_shift: Option<i64>,
    /// Lateness before, periods.
    pub lateness_before: u32,
    /// Lateness after, periods.
    pub lateness_after: u32,
    /// Share of the scope before.
    pub scope_before: f64,
    /// Share of the scope after.
    pub scope_after: f64,
    /// Whether anything a planner sees moved: the decision, the start or the go-live.
    pub changed: bool,
}

/// What changed between two plans.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlanDiff {
    /// Every order of either plan: those of the plan before in its order, then new ones.
    pub orders: Vec<OrderChange>,
    /// Orders whose decision, start or go-live changed.
    pub changed: usize,
    /// Orders going live earlier.
    pub earlier: usize,
    /// Orders going live later.
    pub later: usize,
    /// Orders whose decision changed (delivered, reduced, postponed, stopped).
    pub decisions_changed: usize,
    /// Weighted lateness before and after.
    pub weighted_lateness: (f64, f64),
    /// Orders with a due date on time, share, before and after.
    pub on_time_share: (f64, f64),
    /// Value delivered before and after.
    pub value_delivered: (f64, f64),
    /// Consultant spend before and after.
    pub consultant_cost: (f64, f64),
}

impl PlanDiff {
    /// The portfolio figures before and after in one line, `arrow` between them (`->` for a
    /// terminal, `→` for a page).
    pub fn figures(&self, arrow: &str) -> String {
        format!(
            "Weighted lateness {:.0} {arrow} {:.0}; on time {:.0} % {arrow} {:.0} %; value \
             delivered {:.0} {arrow} {:.0}; consultant spend {:.0} {arrow} {:.0}",
            self.weighted_lateness.0,
            self.weighted_lateness.1,
            self.on_time_share.0 * 100.0,
            self.on_time_share.1 * 100.0,
            self.value_delivered.0,
            self.value_delivered.1,
            self.consultant_cost.0,
            self.consultant_cost.1
        )
    }
}

/// The changes from `before` to `after`, order by order (matched by id).
///
/// ```
/// use leverans::{solve, Calendar, Order, Portfolio, Priority, SolveOptions, Team, TimePoint};
/// let mut p = Portfolio::new(Calendar::units(12));
/// p.add_team(Team::new("dev", 10.0));
/// for id in ["x", "y"] {
///     let mut o = Order::effort(id, [("dev", 30.0)]);
///     o.due = Some(TimePoint::Period(2));
///     p.add_order(o);
/// }
/// p.orders[1].priority = Priority::High;
/// let options = SolveOptions::default().with_time_limit(10.0);
/// let before = solve(&p, &options).unwrap().plan.unwrap();
/// assert!(leverans::verify(&p, &before).is_ok());
/// p.orders[0].priority = Priority::Critical;
/// let after = solve(&p, &options).unwrap().plan.unwrap();
/// assert!(leverans::verify(&p, &after).is_ok());
/// let d = leverans::plan::diff(&before, &after);
/// assert_eq!((d.changed, d.earlier, d.later), (2, 1, 1));
/// let x = d.orders.iter().find(|o| o.id == "x").unwrap();
/// assert_eq!(x.go_live_shift, Some(-3));
/// ```
pub fn diff(before: &Plan, after: &Plan) -> PlanDiff {
    let by_id = after.orders_by_id();
    let known: std::collections::HashSet<&str> =
        before.orders.iter().map(|o| o.id.as_str()).collect();
    let mut orders: Vec<OrderChange> = before
        .orders
        .iter()
        .map(|b| change(Some(b), by_id.get(b.id.as_str()).copied()))
        .collect();
    orders.extend(
        after
            .orders
            .iter()
            .filter(|a| !known.contains(a.id.as_str()))
            .map(|a| change(None, Some(a))),
    );
    let count = |f: &dyn Fn(&OrderChange) -> bool| orders.iter().filter(|o| f(o)).count();
    let (b, a) = (&before.summary, &after.summary);
    PlanDiff {
        changed: count(&|o| o.changed),
        earlier: count(&|o| o.go_live_shift.is_some_and(|s| s < 0)),
        later: count(&|o| o.go_live_shift.is_some_and(|s| s > 0)),
        decisions_changed: count(&|o| o.decision_before != o.decision_after),
        weighted_lateness: (b.weighted_lateness, a.weighted_lateness),
        on_time_share: (b.on_time_share, a.on_time_share),
        value_delivered: (b.value_delivered, a.value_delivered),
        consultant_cost: (b.consultant_cost, a.consultant_cost),
        orders,
    }
}

fn change(b: Option<&PlannedOrder>, a: Option<&PlannedOrder>) -> OrderChange {
    let decision = |o: Option<&PlannedOrder>| o.map_or("absent", |o| o.decision()).to_string();
    let shift = |x: Option<u32>, y: Option<u32>| Some(i64::from(y?) - i64::from(x?));
    let start = |o: Option<&PlannedOrder>| o.and_then(|o| o.start_period);
    let live = |o: Option<&PlannedOrder>| o.and_then(|o| o.go_live_period);
    let (decision_before, decision_after) = (decision(b), decision(a));
    let start_shift = shift(start(b), start(a));
    let go_live_shift = shift(live(b), live(a));
    OrderChange {
        id: a.or(b).map(|o| o.id.clone()).unwrap_or_default(),
        title: a.or(b).map(|o| o.title.clone()).unwrap_or_default(),
        changed: decision_before != decision_after || start(b) != start(a) || live(b) != live(a),
        decision_before,
        decision_after,
        start_period_before: start(b),
        start_period_after: start(a),
        go_live_period_before: live(b),
        go_live_period_after: live(a),
        start_shift,
        go_live_shift,
        lateness_before: b.map_or(0, |o| o.lateness),
        lateness_after: a.map_or(0, |o| o.lateness),
        scope_before: b.map_or(0.0, |o| o.scope),
        scope_after: a.map_or(0.0, |o| o.scope),
    }
}

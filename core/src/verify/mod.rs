//! The independent plan verifier: every rule a [`Plan`] must keep, checked from the
//! [`Portfolio`] alone.
//!
//! [`verify`] lists every violated rule, each naming the order, team and period involved:
//!
//! - the plan's shape: one planned order per portfolio order, matched by id ([`Rule::PlanShape`]);
//! - each order's state, start, finish and go-live periods, their dates, release, deadline,
//!   due date and lateness ([`Rule::State`], [`Rule::Release`], [`Rule::Horizon`],
//!   [`Rule::Sequence`], [`Rule::Dates`], [`Rule::Deadline`], [`Rule::Lateness`]);
//! - which orders are stopped, and the groups tying optional orders together
//!   ([`Rule::Selection`], [`Rule::Group`]);
//! - each order's scope and work: effort totals scaled by the scope, pace limits, duration
//!   bounds and fixed demand ([`Rule::Scope`], [`Rule::Effort`], [`Rule::Intensity`],
//!   [`Rule::Duration`], [`Rule::FixedDemand`]);
//! - team capacity per period with the consultants that can be bought, their ceiling, and the
//!   plan's load table ([`Rule::Capacity`], [`Rule::ConsultantLimit`], [`Rule::LoadTable`]);
//! - consultant spend against each budget span, and the plan's budget table
//!   ([`Rule::Budget`]); each orderer's share of the planned hours ([`Rule::Share`]);
//! - dependencies, freeze windows, go-live slots and the release train ([`Rule::Precedence`],
//!   [`Rule::Freeze`], [`Rule::GoLiveSlots`], [`Rule::ReleaseTrain`]);
//! - go-live as soon as those rules allow after the work, never before what an order depends
//!   on ([`Rule::GoLiveWait`], [`Rule::GoLiveOrder`]);
//! - the work rules' limit on orders open at once per team ([`Rule::OpenOrders`]);
//! - what is settled before the plan: pinned starts and go-lives, actual hours and the frozen
//!   horizon ([`Rule::Pin`], [`Rule::Actuals`], [`Rule::Frozen`]);
//! - the portfolio figures ([`Rule::Summary`]) and the numbers themselves ([`Rule::BadNumber`]).
//!
//! The verifier is the check on the solver, so it shares no code with it: it reads only
//! [`crate::model`] and [`crate::plan`] types, never the resolved problem data, the formulation
//! or the heuristic, and re-derives every rule from the portfolio's own fields. Of the
//! [`Timeline`] it uses only the unrolled calendar (periods, working days, capacities); freeze
//! windows in particular are re-derived from their dates, not taken from
//! `Timeline::is_frozen`. The consultant hours a team buys are derived from the work too, as
//! what its load exceeds its own capacity by, and the budgets are checked against that
//! derivation, not against the plan's own figures. A bug in the rule logic of the solver
//! therefore cannot hide itself here.
//!
//! An order is delivered when the plan has it scheduled or in progress (an order done before
//! the plan counts as delivered for groups); a stopped order has no periods, dates or work,
//! and the dependency checks skip it (a delivered order waiting on it is a selection error).
//! Work slices repeated for the same order, team and period are summed. Hours, and money
//! against a budget, are compared with the tolerance [`HOURS_ABS_TOL`] + [`HOURS_REL_TOL`] ×
//! the larger magnitude (see [`hours_equal`]); money in the plan's tables is allowed the same
//! hours' rounding at the team's price. No input makes the verifier panic: plans naming unknown
//! teams or periods outside the horizon are reported, not indexed.

mod budget;
mod capacity;
mod decisions;
mod go_live;
mod links;
mod open_orders;
mod orders;
mod report;
mod rule;
mod settled;
mod shape;
mod summary;
mod train;
mod work;

#[cfg(test)]
mod tests;

use crate::model::{OrderStatus, PeriodKind, Portfolio, TimePoint, Timeline};
use crate::plan::{Plan, PlannedOrder, PlannedState};
use std::collections::{BTreeMap, HashMap};

pub use report::{VerifyReport, Violation};
pub use rule::Rule;

/// Absolute part of the tolerance for comparing hours: differences up to this many hours are
/// rounding, not violations.
pub const HOURS_ABS_TOL: f64 = 1e-4;

/// Relative part of the tolerance for comparing hours, applied to the larger magnitude.
pub const HOURS_REL_TOL: f64 = 1e-6;

/// The tolerance for comparing `a` with `b`: `HOURS_ABS_TOL + HOURS_REL_TOL * max(|a|, |b|)`.
pub fn hours_tolerance(a: f64, b: f64) -> f64 {
    HOURS_ABS_TOL + HOURS_REL_TOL * a.abs().max(b.abs())
}

/// Whether two amounts of hours are equal within [`hours_tolerance`] (false when either is
/// not finite).
///
/// ```
/// use leverans::verify::hours_equal;
/// assert!(hours_equal(40.0, 40.00001));
/// assert!(!hours_equal(40.0, 40.01));
/// ```
pub fn hours_equal(a: f64, b: f64) -> bool {
    a.is_finite() && b.is_finite() && (a - b).abs() <= hours_tolerance(a, b)
}

/// Whether `a` is at most `limit` within [`hours_tolerance`] (false when either is not
/// finite).
pub fn hours_at_most(a: f64, limit: f64) -> bool {
    a.is_finite() && limit.is_finite() && a <= limit + hours_tolerance(a, limit)
}

/// Whether two amounts of money are equal: within [`HOURS_ABS_TOL`] hours at `price` an hour
/// (at least one unit) plus [`HOURS_REL_TOL`] × the larger magnitude, so that rounding in
/// the hours behind them is not a violation (false when either is not finite).
fn money_equal(a: f64, b: f64, price: f64) -> bool {
    let tol = HOURS_ABS_TOL * price.abs().max(1.0) + HOURS_REL_TOL * a.abs().max(b.abs());
    a.is_finite() && b.is_finite() && (a - b).abs() <= tol
}

/// Checks `plan` against every rule of `portfolio` and lists what is broken.
///
/// ```
/// use leverans::plan::{Plan, Summary};
/// use leverans::verify::{verify, Rule};
/// use leverans::{Calendar, Order, Portfolio, Team};
/// let mut p = Portfolio::new(Calendar::units(3));
/// p.add_team(Team::new("dev", 1.0));
/// p.add_order(Order::fixed("a", 1, [("dev", 1.0)]));
/// let empty = Plan {
///     orders: vec![],
///     team_periods: vec![],
///     summary: Summary {
///         makespan: 0,
///         orders_with_due_date: 0,
///         orders_late: 0,
///         on_time_share: 1.0,
///         total_lateness: 0,
///         weighted_lateness: 0.0,
///         weighted_completion: 0.0,
///         value_total: 200.0,
///         value_delivered: 0.0,
///         orders_stopped: 0,
///         orders_reduced: 0,
///         consultant_hours: 0.0,
///         consultant_cost: 0.0,
///     },
///     budgets: vec![],
///     explanations: vec![],
/// };
/// let report = verify(&p, &empty);
/// assert!(!report.is_ok());
/// // Order `a` is missing, and the load table has no rows for `dev`.
/// assert_eq!(report.rules(), [Rule::PlanShape, Rule::LoadTable]);
/// ```
pub fn verify(portfolio: &Portfolio, plan: &Plan) -> VerifyReport {
    let tl = match Timeline::new(&portfolio.calendar) {
        Ok(tl) => tl,
        Err(msg) => {
            let v = Violation::new(
                Rule::Calendar,
                format!("the calendar cannot be unrolled, so the plan cannot be checked: {msg}"),
            );
            return VerifyReport {
                violations: vec![v],
            };
        }
    };
    let mut out = Vec::new();
    let ctx = Ctx::new(portfolio, plan, &tl, &mut out);
    orders::check(&ctx, &mut out);
    work::check(&ctx, &mut out);
    capacity::check(&ctx, &mut out);
    decisions::check(&ctx, &mut out);
    budget::check(&ctx, &mut out);
    train::check(&ctx, &mut out);
    links::check(&ctx, &mut out);
    go_live::check(&ctx, &mut out);
    open_orders::check(&ctx, &mut out);
    settled::check(&ctx, &mut out);
    summary::check(&ctx, &mut out);
    VerifyReport { violations: out }
}

/// The periods of a scheduled order, all present and inside the calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Span {
    start: usize,
    finish: usize,
    go_live: usize,
}

/// Valid work of one planned order: hours by (team index, period), repeated slices summed.
type WorkMap = BTreeMap<(usize, usize), f64>;

/// What every check needs: the inputs, the unrolled calendar and the plan matched to the
/// portfolio.
struct Ctx<'a> {
    portfolio: &'a Portfolio,
    plan: &'a Plan,
    tl: &'a Timeline,
    /// Team id to index in `portfolio.teams` (first one when ids repeat).
    teams: HashMap<&'a str, usize>,
    /// For each portfolio order, the index of its planned order.
    planned: Vec<Option<usize>>,
    /// For each planned order, its valid work.
    work: Vec<WorkMap>,
    /// For each portfolio order that is not done or stopped, its periods when present and in
    /// range.
    spans: Vec<Option<Span>>,
    /// Hours booked, own capacity and consultant hours needed, per team and period.
    loads: capacity::Loads,
}

impl<'a> Ctx<'a> {
    fn new(
        portfolio: &'a Portfolio,
        plan: &'a Plan,
        tl: &'a Timeline,
        out: &mut Vec<Violation>,
    ) -> Self {
        let mut teams = HashMap::new();
        for (r, t) in portfolio.teams.iter().enumerate() {
            teams.entry(t.id.as_str()).or_insert(r);
        }
        let planned = shape::match_orders(portfolio, plan, out);
        let mut ctx = Ctx {
            portfolio,
            plan,
            tl,
            teams,
            planned,
            work: Vec::new(),
            spans: Vec::new(),
            loads: capacity::Loads::default(),
        };
        ctx.work = shape::collect_work(&ctx, out);
        ctx.spans = (0..portfolio.orders.len()).map(|k| ctx.span(k)).collect();
        ctx.loads = capacity::loads(&ctx);
        ctx
    }

    fn span(&self, k: usize) -> Option<Span> {
        if !self.is_delivering(k) {
            return None;
        }
        let po = self.planned_order(k)?;
        let n = self.tl.len();
        let inside = |p: Option<u32>| p.map(|p| p as usize).filter(|&p| p < n);
        Some(Span {
            start: inside(po.start_period)?,
            finish: inside(po.finish_period)?,
            go_live: inside(po.go_live_period)?,
        })
    }

    /// Whether portfolio order `k` is not done and the plan holds it and does not stop it: the
    /// plan delivers it (scheduled or in progress, whatever state it names).
    fn is_delivering(&self, k: usize) -> bool {
        let not_done = self
            .portfolio
            .orders
            .get(k)
            .is_some_and(|o| o.status != OrderStatus::Done);
        not_done
            && self
                .planned_order(k)
                .is_some_and(|po| po.state != PlannedState::Stopped)
    }

    /// Whether portfolio order `k` is not done and the plan stops it.
    fn is_stopped(&self, k: usize) -> bool {
        let not_done = self
            .portfolio
            .orders
            .get(k)
            .is_some_and(|o| o.status != OrderStatus::Done);
        not_done
            && self
                .planned_order(k)
                .is_some_and(|po| po.state == PlannedState::Stopped)
    }

    /// The go-live period of portfolio order `k` when it is not done or stopped and the plan gives it one
    /// inside the calendar (its other periods may be wrong).
    fn go_live(&self, k: usize) -> Option<usize> {
        if !self.is_delivering(k) {
            return None;
        }
        let g = self.planned_order(k)?.go_live_period? as usize;
        (g < self.tl.len()).then_some(g)
    }

    /// The planned order matched to portfolio order `k`.
    fn planned_order(&self, k: usize) -> Option<&'a PlannedOrder> {
        let i = (*self.planned.get(k)?)?;
        self.plan.orders.get(i)
    }

    /// The valid work of the planned order matched to portfolio order `k`.
    fn order_work(&self, k: usize) -> Option<&WorkMap> {
        let i = (*self.planned.get(k)?)?;
        self.work.get(i)
    }

    fn is_units(&self) -> bool {
        self.portfolio.calendar.period == PeriodKind::Unit
    }

    /// Names period `t` for messages: `2014-W03 (period 14)`, or `period 14` in unit calendars
    /// and outside the horizon.
    fn when(&self, t: usize) -> String {
        if t < self.tl.len() && !self.is_units() {
            format!("{} (period {t})", self.tl.period(t).label)
        } else {
            format!("period {t}")
        }
    }

    /// The first day of the calendar (none in unit calendars).
    fn first_day(&self) -> Option<chrono::NaiveDate> {
        if self.tl.is_empty() {
            return None;
        }
        self.tl.period(0).first_day
    }

    /// A time point that falls in period `t`, for messages: `in period 3`, or
    /// `on 2014-01-01, in 2014-W01 (period 3)` for a date.
    fn point_at(&self, tp: TimePoint, t: usize) -> String {
        match tp {
            TimePoint::Period(_) => format!("in {}", self.when(t)),
            TimePoint::Date(d) => format!("on {d}, in {}", self.when(t)),
        }
    }

    /// The calendar's end for messages: `the calendar ends with period 9`.
    fn calendar_end(&self) -> String {
        format!(
            "the calendar ends with {}",
            self.when(self.tl.len().saturating_sub(1))
        )
    }

    /// Where a time point falls relative to the calendar.
    fn place(&self, tp: TimePoint) -> Place {
        if let Some(t) = self.tl.resolve(tp) {
            return Place::At(t);
        }
        match tp {
            TimePoint::Period(_) => Place::After,
            TimePoint::Date(_) if self.is_units() => Place::Unknown,
            TimePoint::Date(d) => match self.first_day() {
                Some(first) if d < first => Place::Before,
                Some(_) => Place::After,
                None => Place::Unknown,
            },
        }
    }
}

/// Where a time point falls relative to the calendar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    /// Before the first period.
    Before,
    /// In this period.
    At(usize),
    /// After the last period.
    After,
    /// A date in a unit calendar: it cannot be placed.
    Unknown,
}

/// `1 period`, `2 periods`.
fn plural(n: impl Into<u64>, word: &str) -> String {
    let n = n.into();
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// Two amounts of hours formatted with enough decimals to tell them apart (2 when that does).
fn hours_pair(a: f64, b: f64) -> (String, String) {
    for digits in [2usize, 4, 6] {
        let (x, y) = (format!("{a:.digits$}"), format!("{b:.digits$}"));
        if x != y {
            return (x, y);
        }
    }
    (format!("{a:.9}"), format!("{b:.9}"))
}

/// A weight or figure for messages: up to 4 decimals, trailing zeros dropped.
fn figure(x: f64) -> String {
    if !x.is_finite() {
        return x.to_string();
    }
    let s = format!("{x:.4}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    s.to_string()
}

/// Order ids for messages: the first five quoted, the rest counted (`` `a`, `b` and 3 more ``).
fn id_list(ids: &[&str]) -> String {
    const NAMED: usize = 5;
    let named: Vec<String> = ids.iter().take(NAMED).map(|id| format!("`{id}`")).collect();
    let more = ids.len().saturating_sub(NAMED);
    if more > 0 {
        format!("{} and {more} more", named.join(", "))
    } else {
        named.join(", ")
    }
}

//! The independent plan verifier: every rule a [`Plan`] must keep, checked from the
//! [`Portfolio`] alone.
//!
//! [`verify`] lists every violated rule, each naming the order, team and period involved:
//!
//! - the plan's shape: one planned order per portfolio order, matched by id ([`Rule::PlanShape`]);
//! - each order's state, start, finish and go-live periods, their dates, release, deadline,
//!   due date and lateness ([`Rule::State`], [`Rule::Release`], [`Rule::Horizon`],
//!   [`Rule::Sequence`], [`Rule::Dates`], [`Rule::Deadline`], [`Rule::Lateness`]);
//! - each order's work: effort totals, pace limits, duration bounds and fixed demand
//!   ([`Rule::Effort`], [`Rule::Intensity`], [`Rule::Duration`], [`Rule::FixedDemand`]);
//! - team capacity per period and the plan's load table ([`Rule::Capacity`],
//!   [`Rule::LoadTable`]);
//! - dependencies, freeze windows and go-live slots ([`Rule::Precedence`], [`Rule::Freeze`],
//!   [`Rule::GoLiveSlots`]);
//! - the portfolio figures ([`Rule::Summary`]) and the numbers themselves ([`Rule::BadNumber`]).
//!
//! The verifier is the check on the solver, so it shares no code with it: it reads only
//! [`crate::model`] and [`crate::plan`] types, never the resolved problem data, the formulation
//! or the heuristic, and re-derives every rule from the portfolio's own fields. Of the
//! [`Timeline`] it uses only the unrolled calendar (periods, working days, capacities); freeze
//! windows in particular are re-derived from their dates, not taken from
//! `Timeline::is_frozen`. A bug in the rule logic of the solver therefore cannot hide itself
//! here.
//!
//! Work slices repeated for the same order, team and period are summed. Hours are compared
//! with the tolerance [`HOURS_ABS_TOL`] + [`HOURS_REL_TOL`] × the larger magnitude (see
//! [`hours_equal`]). No input makes the verifier panic: plans naming unknown teams or
//! periods outside the horizon are reported, not indexed.

mod capacity;
mod links;
mod orders;
mod rule;
mod shape;
mod summary;
mod work;

#[cfg(test)]
mod tests;

use crate::model::{PeriodKind, Portfolio, TimePoint, Timeline};
use crate::plan::{Plan, PlannedOrder};
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use std::fmt;

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

/// One broken rule.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Violation {
    /// The rule broken.
    pub rule: Rule,
    /// The order concerned, if one is.
    pub order: Option<String>,
    /// The team concerned, if one is.
    pub team: Option<String>,
    /// The period concerned, if one is (0-based index into the calendar).
    pub period: Option<u32>,
    /// A sentence for people, naming the order, team, period and values.
    pub message: String,
}

impl Violation {
    fn new(rule: Rule, message: impl Into<String>) -> Self {
        Violation {
            rule,
            order: None,
            team: None,
            period: None,
            message: message.into(),
        }
    }

    fn order(mut self, id: &str) -> Self {
        self.order = Some(id.to_string());
        self
    }

    fn team(mut self, id: &str) -> Self {
        self.team = Some(id.to_string());
        self
    }

    fn period(mut self, t: usize) -> Self {
        self.period = Some(u32::try_from(t).unwrap_or(u32::MAX));
        self
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "[{}] {}", self.rule, self.message)
    }
}

/// Everything wrong with a plan; empty when the plan keeps every rule.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VerifyReport {
    /// The violations, grouped by kind of check and in portfolio order within each.
    pub violations: Vec<Violation>,
}

impl VerifyReport {
    /// True when the plan keeps every rule.
    pub fn is_ok(&self) -> bool {
        self.violations.is_empty()
    }

    /// The rules broken, one entry per violation, in report order.
    pub fn rules(&self) -> Vec<Rule> {
        self.violations.iter().map(|v| v.rule).collect()
    }
}

/// One violation per line, `[rule] message`; `no violations` when there are none.
impl fmt::Display for VerifyReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.violations.is_empty() {
            return writeln!(f, "no violations");
        }
        for v in &self.violations {
            writeln!(f, "{v}")?;
        }
        Ok(())
    }
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
///     },
/// };
/// let report = verify(&p, &empty);
/// assert!(!report.is_ok());
/// assert!(report.rules().contains(&Rule::PlanShape));
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
    links::check(&ctx, &mut out);
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
    /// For each portfolio order that is not done, its periods when present and in range.
    spans: Vec<Option<Span>>,
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
        };
        ctx.work = shape::collect_work(&ctx, out);
        ctx.spans = (0..portfolio.orders.len()).map(|k| ctx.span(k)).collect();
        ctx
    }

    fn span(&self, k: usize) -> Option<Span> {
        let o = self.portfolio.orders.get(k)?;
        if o.status == crate::model::OrderStatus::Done {
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

    /// The go-live period of portfolio order `k` when it is not done and the plan gives it one
    /// inside the calendar (its other periods may be wrong).
    fn go_live(&self, k: usize) -> Option<usize> {
        if self.portfolio.orders.get(k)?.status == crate::model::OrderStatus::Done {
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

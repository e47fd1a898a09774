//! Capacity-gap analysis: the least extra hours per team and period that deliver every
//! mandatory order on time, and what they cost.
//!
//! "On time" means by the due date (or the deadline when it is earlier); with
//! [`GapOptions::due_dates_as_deadlines`] off, by the deadline only. The portfolio is solved with
//! its optional orders left out (unless [`GapOptions::include_optional`]), budgets lifted, and
//! unlimited extra hours on every team priced at one unit an hour: the first objective is the
//! extra hours, so the answer is the smallest gap (proven when the status is optimal).

use crate::error::Result;
use crate::model::{ConsultantCapacity, Portfolio};
use crate::objective::{Goal, Objective};
use crate::solve::{solve_inner, SolveOptions, Status};
use serde::{Deserialize, Serialize};

/// Extra hours one team needs in one period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GapRow {
    /// Team id.
    pub team: String,
    /// Period index.
    pub period: u32,
    /// Period label (`2014-W12`).
    pub label: String,
    /// Extra hours needed.
    pub hours: f64,
    /// What they cost at the team's consultant price (or its own hourly cost when it has none).
    pub cost: f64,
}

/// The answer to "which competences do we lack, and when".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CapacityGap {
    /// How good the answer is: optimal means no smaller total gap exists.
    pub status: Status,
    /// Why no answer exists (a deadline no amount of hours can meet), when infeasible.
    pub reason: Option<String>,
    /// Extra hours by team and period (only where some are needed).
    pub rows: Vec<GapRow>,
    /// Extra hours per team over the horizon: (team, hours, cost).
    pub per_team: Vec<(String, f64, f64)>,
    /// All extra hours.
    pub total_hours: f64,
    /// Their cost.
    pub total_cost: f64,
    /// Orders that cannot be on time whatever the capacity (their own pace, release or
    /// dependencies forbid it), with the reason; their due dates stay soft in the analysis.
    #[serde(default)]
    pub unreachable: Vec<(String, String)>,
}

/// What the gap is measured against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct GapOptions {
    /// Count optional orders as mandatory. Default false.
    pub include_optional: bool,
    /// Treat due dates as deadlines. Default true: "on time" is what a planner asks for.
    pub due_dates_as_deadlines: bool,
}

impl Default for GapOptions {
    fn default() -> Self {
        GapOptions {
            include_optional: false,
            due_dates_as_deadlines: true,
        }
    }
}

/// How many times its weekly hours a team could at most add: generous enough never to bind.
const UNLIMITED: f64 = 10.0;

/// Finds the capacity gap of the mandatory orders.
///
/// ```
/// use leverans::{analysis::capacity_gap, Calendar, Order, Portfolio, SolveOptions, Team, TimePoint};
/// let mut p = Portfolio::new(Calendar::units(2));
/// p.add_team(Team::new("dev", 10.0));
/// let mut o = Order::effort("a", [("dev", 30.0)]);
/// o.effort[0].max_hours_per_week = Some(20.0); // the order could go faster than the team
/// o.deadline = Some(TimePoint::Period(1));
/// p.add_order(o);
/// let gap = capacity_gap(&p, &Default::default(), &SolveOptions::default()).unwrap();
/// assert!((gap.total_hours - 10.0).abs() < 1e-6);
/// ```
pub fn capacity_gap(
    portfolio: &Portfolio,
    gap_options: &GapOptions,
    options: &SolveOptions,
) -> Result<CapacityGap> {
    let mut p = portfolio.clone();
    if gap_options.include_optional {
        for o in &mut p.orders {
            o.optional = false;
            o.min_scope = None;
        }
    }
    if gap_options.due_dates_as_deadlines {
        if let Ok(tl) = crate::Timeline::new(&p.calendar) {
            for o in &mut p.orders {
                let due = o.due.and_then(|d| tl.resolve(d));
                let deadline = o.deadline.and_then(|d| tl.resolve(d));
                if due.is_some() && (deadline.is_none() || due < deadline) {
                    o.deadline = o.due;
                }
            }
        }
    }
    let kept: Vec<String> = p
        .orders
        .iter()
        .filter(|o| !o.optional)
        .map(|o| o.id.clone())
        .collect();
    p.orders.retain(|o| !o.optional);
    p.dependencies
        .retain(|d| kept.contains(&d.from) && kept.contains(&d.to));
    p.groups.clear();
    p.budgets.clear();
    p.orderer_shares.clear();
    let prices: Vec<f64> = p
        .teams
        .iter()
        .map(|t| {
            t.consultants
                .as_ref()
                .map_or(t.cost_per_hour, |e| e.cost_per_hour)
        })
        .collect();
    // Keep each order's own pace: extra hours widen the team, not the order.
    let paces: Vec<f64> = p.teams.iter().map(crate::validate::default_pace).collect();
    for o in &mut p.orders {
        for e in &mut o.effort {
            if e.max_hours_per_week.is_none() {
                e.max_hours_per_week = p
                    .teams
                    .iter()
                    .position(|t| t.id == e.team)
                    .map(|r| paces[r]);
            }
        }
    }
    for t in &mut p.teams {
        t.consultants = Some(ConsultantCapacity {
            hours_per_week: UNLIMITED * t.hours_per_week.max(40.0),
            cost_per_hour: 1.0,
            max_hours: None,
        });
    }
    let goal = Goal::Lexicographic(vec![Objective::ConsultantCost, Objective::WeightedLateness]);
    let options = options.clone().with_goal(goal);
    // A due date no amount of capacity can meet stays soft: drop it as a deadline, note why,
    // and try again.
    let mut unreachable: Vec<(String, String)> = Vec::new();
    let out = loop {
        let culprit = match solve_inner(&p, &options, false) {
            Ok(out) if out.status == Status::Infeasible && gap_options.due_dates_as_deadlines => {
                out.reason.as_deref().and_then(named_order)
            }
            Ok(out) => break out,
            Err(crate::Error::Invalid(report)) if gap_options.due_dates_as_deadlines => report
                .issues
                .iter()
                .find(|i| i.code == "work_does_not_fit" && i.entity == "order")
                .map(|i| (i.id.clone(), i.message.clone())),
            Err(e) => return Err(e),
        };
        let Some((id, why)) = culprit else {
            break solve_inner(&p, &options, false)?;
        };
        let original = portfolio.order(&id).and_then(|o| o.deadline);
        match p.orders.iter_mut().find(|o| o.id == id) {
            Some(o) if o.deadline != original => {
                o.deadline = original;
                unreachable.push((id, why));
            }
            _ => break solve_inner(&p, &options, false)?,
        }
    };
    let mut gap = CapacityGap {
        status: out.status,
        reason: out.reason.clone(),
        rows: Vec::new(),
        per_team: p.teams.iter().map(|t| (t.id.clone(), 0.0, 0.0)).collect(),
        total_hours: 0.0,
        total_cost: 0.0,
        unreachable,
    };
    let Some(plan) = out.plan else { return Ok(gap) };
    for tp in plan
        .team_periods
        .iter()
        .filter(|tp| tp.consultant_hours > 1e-6)
    {
        let r = p
            .teams
            .iter()
            .position(|t| t.id == tp.team)
            .expect("the plan's teams are the portfolio's");
        let cost = tp.consultant_hours * prices[r];
        gap.rows.push(GapRow {
            team: tp.team.clone(),
            period: tp.period,
            label: tp.label.clone(),
            hours: tp.consultant_hours,
            cost,
        });
        gap.per_team[r].1 += tp.consultant_hours;
        gap.per_team[r].2 += cost;
        gap.total_hours += tp.consultant_hours;
        gap.total_cost += cost;
    }
    Ok(gap)
}

/// The order a reason starts with ("order `id`: why"), and the why.
fn named_order(reason: &str) -> Option<(String, String)> {
    let rest = reason.strip_prefix("order `")?;
    let end = rest.find('`')?;
    let why = rest[end + 1..].trim_start_matches(':').trim();
    Some((rest[..end].to_string(), why.to_string()))
}

//! Figures a planner reads to judge whether a plan is one the unit would run: go-lives spread
//! through the horizon, finished work going live, teams finishing what they start.
//!
//! Computed from the portfolio and the plan alone (like the verifier), so they describe any
//! plan: Leverans's own, a greedy one, or one written by hand.

use crate::model::{OrderStatus, Portfolio, Timeline, WorkRules};
use crate::plan::{Plan, PlannedState};
use crate::verify::{verify, Rule};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// Realism figures of a plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Realism {
    /// Orders that go live in the plan (scheduled or in progress, not stopped).
    pub go_lives: usize,
    /// Share of those go-lives in the first half of the horizon.
    pub first_half_go_live_share: f64,
    /// Orders whose go-live waits longer than any rule forces (the verifier's
    /// `go_live_wait`).
    pub unforced_waits: usize,
    /// Dependants that go live before what they depend on (the verifier's `go_live_order`).
    pub links_broken_at_go_live: usize,
    /// Stretch of each effort-driven order: its span over the periods it needs at full pace
    /// ([`WorkRules::full_pace_periods`]); the 90th percentile (nearest rank).
    pub stretch_p90: f64,
    /// The largest stretch.
    pub stretch_max: f64,
    /// Periods inside an order's span (with working days) in which nothing is done on it.
    pub stall_periods: usize,
    /// All periods inside the spans of delivered effort-driven orders.
    pub order_periods: usize,
    /// `stall_periods / order_periods` (0 without orders).
    pub stall_share: f64,
    /// Stall periods in which some team the order needs still had own hours to spare: the
    /// stalls no full team forces.
    pub stalls_with_spare_capacity: usize,
    /// Most orders open at once on one team, per full-time equivalent of its order capacity
    /// (`hours_per_week / 40`), over all teams and periods. A team has an order open from its
    /// own first to its own last hour on it (an order in progress: from its start, since it
    /// has begun; fixed-duration orders: their whole run).
    pub max_open_orders_per_fte: f64,
    /// The team and period label where that maximum is reached.
    pub max_open_orders_at: String,
    /// Orders with a due date that go live by it, over those with a due date and delivered.
    pub on_time_share: f64,
}

/// Computes the realism figures of `plan` for `portfolio`.
///
/// ```
/// use leverans::{solve, Calendar, Order, Portfolio, SolveOptions, Team};
/// let mut p = Portfolio::new(Calendar::units(12));
/// p.add_team(Team::new("dev", 40.0));
/// p.add_order(Order::effort("a", [("dev", 80.0)]));
/// p.add_order(Order::effort("b", [("dev", 40.0)]));
/// let out = solve(&p, &SolveOptions::default().with_time_limit(5.0)).unwrap();
/// let plan = out.plan.unwrap();
/// assert!(leverans::verify(&p, &plan).is_ok());
/// let r = leverans::plan::realism(&p, &plan);
/// assert_eq!(r.go_lives, 2);
/// assert_eq!(r.unforced_waits, 0);
/// assert_eq!(r.stall_periods, 0);
/// ```
pub fn realism(portfolio: &Portfolio, plan: &Plan) -> Realism {
    let report = verify(portfolio, plan);
    let count = |rule: Rule| {
        report
            .violations
            .iter()
            .filter(|v| v.rule == rule)
            .filter_map(|v| v.order.clone())
            .collect::<BTreeSet<_>>()
            .len()
    };
    let periods = Timeline::new(&portfolio.calendar)
        .map(|tl| {
            (0..tl.len())
                .map(|t| tl.working_share(t))
                .collect::<Vec<f64>>()
        })
        .unwrap_or_default();
    let horizon = periods.len() as u32;
    let live: Vec<_> = plan
        .orders
        .iter()
        .filter(|o| matches!(o.state, PlannedState::Scheduled | PlannedState::InProgress))
        .collect();
    let go_live_periods: Vec<u32> = live.iter().filter_map(|o| o.go_live_period).collect();
    let first_half = go_live_periods.iter().filter(|&&g| 2 * g < horizon).count();

    // Own hours to spare per (team, period), from the plan's load table.
    let spare: BTreeMap<(&str, u32), f64> = plan
        .team_periods
        .iter()
        .map(|tp| {
            (
                (tp.team.as_str(), tp.period),
                tp.capacity - (tp.load - tp.consultant_hours),
            )
        })
        .collect();
    let mut stretches = Vec::new();
    let (mut stalls, mut order_periods, mut with_spare) = (0usize, 0usize, 0usize);
    // (team, period) -> open orders on that team.
    let mut open: BTreeMap<(&str, u32), usize> = BTreeMap::new();
    let by_id = portfolio.orders_by_id();
    for po in &live {
        let Some(&order) = by_id.get(po.id.as_str()) else {
            continue;
        };
        let (Some(s), Some(f)) = (po.start_period, po.finish_period) else {
            continue;
        };
        if f < s || order.status == OrderStatus::Done {
            continue;
        }
        // A team has an order open from its own first to its own last hour on it; an order
        // in progress has started, so from its start.
        let started = (po.state == PlannedState::InProgress).then_some(s);
        let mut by_team: BTreeMap<&str, (u32, u32)> = BTreeMap::new();
        for w in po.work.iter().filter(|w| w.hours > 1e-6) {
            let first = started.unwrap_or(w.period);
            let e = by_team.entry(w.team.as_str()).or_insert((first, w.period));
            e.0 = e.0.min(w.period);
            e.1 = e.1.max(w.period);
        }
        for (team, (a, b)) in by_team {
            for t in a..=b {
                *open.entry((team, t)).or_default() += 1;
            }
        }
        for d in &order.demand {
            for t in s..=f {
                *open.entry((d.team.as_str(), t)).or_default() += 1;
            }
        }
        if !order.is_effort_driven() || order.effort.iter().all(|e| e.hours <= 0.0) {
            continue;
        }
        let full = WorkRules::full_pace_periods(order, portfolio.calendar.period, |id| {
            portfolio.team(id).map(|t| t.hours_per_week)
        });
        stretches.push(f64::from(f - s + 1) / f64::from(full.max(1)));
        let worked: BTreeSet<u32> = po
            .work
            .iter()
            .filter(|w| w.hours > 1e-6)
            .map(|w| w.period)
            .collect();
        for t in s..=f {
            let working = periods.get(t as usize).is_some_and(|&d| d > 0.0);
            if working {
                order_periods += 1;
                if !worked.contains(&t) {
                    stalls += 1;
                    let some_spare = order
                        .effort
                        .iter()
                        .filter(|e| e.hours > 0.0)
                        .any(|e| spare.get(&(e.team.as_str(), t)).is_some_and(|&h| h > 1e-6));
                    if some_spare {
                        with_spare += 1;
                    }
                }
            }
        }
    }
    stretches.sort_by(f64::total_cmp);
    let p90 = if stretches.is_empty() {
        0.0
    } else {
        let rank = ((0.9 * stretches.len() as f64).ceil() as usize).clamp(1, stretches.len());
        stretches[rank - 1]
    };
    let mut max_open = (0.0, String::new());
    for (&(team, t), &n) in &open {
        let Some(fte) = portfolio
            .team(team)
            .map(|x| x.hours_per_week / 40.0)
            .filter(|f| *f > 0.0)
        else {
            continue;
        };
        let per_fte = n as f64 / fte;
        if per_fte > max_open.0 {
            let label = plan
                .team_periods
                .iter()
                .find(|tp| tp.team == team && tp.period == t)
                .map_or_else(|| format!("period {t}"), |tp| tp.label.clone());
            max_open = (per_fte, format!("{team} in {label}"));
        }
    }
    Realism {
        go_lives: go_live_periods.len(),
        first_half_go_live_share: share(first_half, go_live_periods.len()),
        unforced_waits: count(Rule::GoLiveWait),
        links_broken_at_go_live: count(Rule::GoLiveOrder),
        stretch_p90: p90,
        stretch_max: stretches.last().copied().unwrap_or(0.0),
        stall_periods: stalls,
        order_periods,
        stall_share: share(stalls, order_periods),
        stalls_with_spare_capacity: with_spare,
        max_open_orders_per_fte: max_open.0,
        max_open_orders_at: max_open.1,
        on_time_share: plan.summary.on_time_share,
    }
}

fn share(part: usize, all: usize) -> f64 {
    if all == 0 {
        0.0
    } else {
        part as f64 / all as f64
    }
}

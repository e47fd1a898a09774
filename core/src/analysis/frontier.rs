//! The budget frontier: value delivered against consultant budget, one solve per budget, in
//! parallel.

use crate::error::Result;
use crate::model::{Budget, BudgetSpan, Portfolio};
use crate::objective::Goal;
use crate::solve::{solve, SolveOptions, Status};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

/// The plan's figures at one budget.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FrontierPoint {
    /// The total consultant budget.
    pub budget: f64,
    /// How good the plan is.
    pub status: Status,
    /// Value delivered.
    pub value_delivered: f64,
    /// Value of all orders.
    pub value_total: f64,
    /// Consultant spend.
    pub external_cost: f64,
    /// Orders stopped.
    pub orders_stopped: usize,
    /// Priority-weighted lateness.
    pub weighted_lateness: f64,
}

/// Solves the portfolio once per total consultant budget (replacing its own budgets), with the
/// goal result, time, cost, in parallel on rayon's pool. Each solve uses `options` (its time
/// limit applies to each).
///
/// ```
/// use leverans::{analysis::budget_frontier, Calendar, ExternalCapacity, Order, Portfolio, SolveOptions, Team};
/// let mut p = Portfolio::new(Calendar::units(2));
/// let mut dev = Team::new("dev", 10.0);
/// dev.external = Some(ExternalCapacity { hours_per_week: 10.0, cost_per_hour: 100.0, max_hours: None });
/// p.add_team(dev);
/// let mut o = Order::effort("a", [("dev", 30.0)]);
/// o.optional = true;
/// o.value = Some(50.0);
/// p.add_order(o);
/// let points = budget_frontier(&p, &[0.0, 1000.0], &SolveOptions::default()).unwrap();
/// assert_eq!(points[0].value_delivered, 0.0);
/// assert_eq!(points[1].value_delivered, 50.0);
/// ```
pub fn budget_frontier(
    portfolio: &Portfolio,
    budgets: &[f64],
    options: &SolveOptions,
) -> Result<Vec<FrontierPoint>> {
    budgets
        .par_iter()
        .map(|&budget| {
            let mut p = portfolio.clone();
            p.budgets = vec![Budget {
                per: BudgetSpan::Total,
                amount: budget,
            }];
            let out = solve(&p, &options.clone().with_goal(Goal::result_time_cost()))?;
            let s = out.plan.as_ref().map(|pl| pl.summary.clone());
            Ok(FrontierPoint {
                budget,
                status: out.status,
                value_delivered: s.as_ref().map_or(0.0, |s| s.value_delivered),
                value_total: s.as_ref().map_or(0.0, |s| s.value_total),
                external_cost: s.as_ref().map_or(0.0, |s| s.external_cost),
                orders_stopped: s.as_ref().map_or(0, |s| s.orders_stopped),
                weighted_lateness: s.as_ref().map_or(0.0, |s| s.weighted_lateness),
            })
        })
        .collect()
}

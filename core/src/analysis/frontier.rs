//! The budget frontier: value delivered against consultant budget, one solve per budget, in
//! parallel.
//!
//! **Monotone by construction.** A plan that keeps a budget keeps every larger one, so the
//! best value at a budget is never below the best value at a smaller one; but each solve
//! stops at its time limit, and a solve at the larger budget (a larger search space) may end
//! with a worse plan. The solve has no way to start from a given plan, so the frontier is made
//! monotone afterwards: going up the budgets, a point whose own plan delivers less value than
//! the best plan found at a smaller budget takes that plan instead, after the verifier has
//! checked it against the portfolio at the larger budget. `plan_budget` says whose plan each
//! point shows.

use crate::error::Result;
use crate::model::{Budget, BudgetSpan, Portfolio};
use crate::objective::Goal;
use crate::plan::Plan;
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
    pub consultant_cost: f64,
    /// Orders stopped.
    pub orders_stopped: usize,
    /// Priority-weighted lateness.
    pub weighted_lateness: f64,
    /// The budget whose solve found the plan shown: this point's own budget, or a smaller one
    /// whose plan delivers more value (see the module doc).
    #[serde(default)]
    pub plan_budget: f64,
}

/// Solves the portfolio once per total consultant budget (replacing its own budgets), with the
/// goal result, time, cost, in parallel on rayon's pool. Each solve uses `options` (its time
/// limit applies to each). Value delivered never falls as the budget grows (module doc).
///
/// ```
/// use leverans::{analysis::budget_frontier, Calendar, ConsultantCapacity, Order, Portfolio, SolveOptions, Team};
/// let mut p = Portfolio::new(Calendar::units(2));
/// let mut dev = Team::new("dev", 10.0);
/// dev.consultants = Some(ConsultantCapacity { hours_per_week: 10.0, cost_per_hour: 100.0, max_hours: None });
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
    let at = |budget: f64| {
        let mut p = portfolio.clone();
        p.budgets = vec![Budget {
            per: BudgetSpan::Total,
            amount: budget,
        }];
        p
    };
    let solved: Vec<(Status, Option<Plan>)> = budgets
        .par_iter()
        .map(|&budget| {
            let out = solve(
                &at(budget),
                &options.clone().with_goal(Goal::result_time_cost()),
            )?;
            Ok((out.status, out.plan))
        })
        .collect::<Result<_>>()?;
    let mut points: Vec<FrontierPoint> = budgets
        .iter()
        .zip(&solved)
        .map(|(&budget, (status, plan))| point(budget, *status, plan.as_ref(), budget))
        .collect();
    let values: Vec<Option<f64>> = solved.iter().map(|x| x.1.as_ref().map(value)).collect();
    for (k, from) in carry(budgets, &values).into_iter().enumerate() {
        if from == k {
            continue;
        }
        let plan = restated(
            solved[from].1.as_ref().expect("a carried point has a plan"),
            budgets[k],
        );
        // A plan within a smaller budget keeps the larger one; the verifier confirms it.
        if crate::verify(&at(budgets[k]), &plan).is_ok() {
            points[k] = point(budgets[k], solved[from].0, Some(&plan), budgets[from]);
        }
    }
    Ok(points)
}

fn value(plan: &Plan) -> f64 {
    plan.summary.value_delivered
}

/// `plan` under a total budget of `amount`: its budget table states the new ceiling.
fn restated(plan: &Plan, amount: f64) -> Plan {
    let mut plan = plan.clone();
    for b in &mut plan.budgets {
        b.amount = amount;
    }
    plan
}

/// For each budget, the index of the plan to show: its own, or that of the smaller (or equal)
/// budget with the most value when that is more than its own (`None`: no plan).
fn carry(budgets: &[f64], values: &[Option<f64>]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..budgets.len()).collect();
    order.sort_by(|&a, &b| budgets[a].total_cmp(&budgets[b]));
    let mut from: Vec<usize> = (0..budgets.len()).collect();
    let mut best: Option<usize> = None;
    for &k in &order {
        match (best, values[k]) {
            (Some(b), own)
                if own.is_none_or(|v| v + 1e-9 < values[b].unwrap_or(f64::NEG_INFINITY)) =>
            {
                from[k] = b;
            }
            (_, Some(_)) => best = Some(k),
            (_, None) => {}
        }
    }
    from
}

/// The point at `budget` showing `plan` (found at `plan_budget`).
fn point(budget: f64, status: Status, plan: Option<&Plan>, plan_budget: f64) -> FrontierPoint {
    let s = plan.map(|pl| &pl.summary);
    FrontierPoint {
        budget,
        status,
        value_delivered: s.map_or(0.0, |s| s.value_delivered),
        value_total: s.map_or(0.0, |s| s.value_total),
        consultant_cost: s.map_or(0.0, |s| s.consultant_cost),
        orders_stopped: s.map_or(0, |s| s.orders_stopped),
        weighted_lateness: s.map_or(0.0, |s| s.weighted_lateness),
        plan_budget,
    }
}

#[cfg(test)]
mod tests {
    use super::{carry, restated};
    use crate::model::{Budget, BudgetSpan, ConsultantCapacity, Order, Portfolio, Team};
    use crate::{solve, verify, Calendar, SolveOptions};

    #[test]
    fn a_plan_carried_to_a_larger_budget_keeps_every_rule_there() {
        // 30 h on a team of 10 h a period over 2 periods: 10 h bought at 100, so 1 000 spent.
        let at = |amount: f64| {
            let mut p = Portfolio::new(Calendar::units(2));
            let mut dev = Team::new("dev", 10.0);
            dev.consultants = Some(ConsultantCapacity {
                hours_per_week: 10.0,
                cost_per_hour: 100.0,
                max_hours: None,
            });
            p.add_team(dev);
            p.add_order(Order::effort("a", [("dev", 30.0)]));
            p.budgets = vec![Budget {
                per: BudgetSpan::Total,
                amount,
            }];
            p
        };
        let small = at(1000.0);
        let plan = solve(&small, &SolveOptions::default().with_time_limit(10.0))
            .unwrap()
            .plan
            .unwrap();
        assert!(verify(&small, &plan).is_ok());
        // As it stands the plan's budget table states the old ceiling: the verifier objects.
        assert!(!verify(&at(5000.0), &plan).is_ok());
        assert!(verify(&at(5000.0), &restated(&plan, 5000.0)).is_ok());
    }

    #[test]
    fn a_point_below_a_smaller_budget_takes_its_plan() {
        // Budgets out of order: 0 → 10, 200 → 5 (a worse solve), 100 → none, 300 → 12.
        let budgets = [0.0, 200.0, 100.0, 300.0];
        let values = [Some(10.0), Some(5.0), None, Some(12.0)];
        assert_eq!(carry(&budgets, &values), [0, 0, 0, 3]);
        // Equal values keep their own plan; nothing before the first plan is carried.
        assert_eq!(carry(&[0.0, 1.0], &[None, Some(3.0)]), [0, 1]);
        assert_eq!(carry(&[0.0, 1.0], &[Some(3.0), Some(3.0)]), [0, 1]);
    }
}

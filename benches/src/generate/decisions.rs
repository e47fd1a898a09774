//! Decision portfolios in the shape of the Tyresö example: a generated portfolio (see
//! [`super::generate`]) whose orders cannot all be delivered on time with the unit's own
//! hours, so the plan has to decide what to deliver, at what scope and with how many consultant
//! hours.
//!
//! What [`with_decisions`] adds, in Tyresö's proportions (53 orders: 16 optional, 5 of them
//! reducible to half their scope, consultants on every team at twice the team's price, a budget
//! of 500 consultant hours, three go-lives a week):
//! - about 30 % of the medium and low orders become optional; a third of those may be reduced
//!   to half their scope;
//! - every team may buy consultant hours: a fifth of its own weekly hours, at twice its price;
//! - one budget over the whole horizon buys about 4 % of the orders' hours;
//! - at most one go-live a week per 20 orders (at least 2);
//! - one orderer may take at most 30 % of the planned hours.
//!
//! The same portfolio and seed always give the same decision portfolio.

use leverans::{Budget, BudgetSpan, ConsultantCapacity, OrdererShare, Portfolio, Priority};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// Price of a consultant hour against the team's own (Tyresö: 1 200 against 600 SEK).
const CONSULTANT_PRICE_FACTOR: f64 = 2.0;

/// Consultant hours a team may buy in a week, as a share of its own weekly hours.
const CONSULTANT_SHARE: f64 = 0.2;

/// The budget buys this share of all orders' hours.
const BUDGET_SHARE: f64 = 0.04;

/// Share of medium and low orders that become optional.
const OPTIONAL_SHARE: f64 = 0.3;

/// The decision portfolio made from `p` with `seed` (see the module's doc). Its name gets a
/// `.decisions` suffix.
///
/// ```
/// use leverans_benches::generate::{decisions::with_decisions, generate, GenParams};
/// let p = generate(GenParams { orders: 40, teams: 4, weeks: 52, load: 0.9, seed: 3 });
/// let d = with_decisions(&p, 3);
/// assert!(d.orders.iter().any(|o| o.optional));
/// assert!(d.teams.iter().all(|t| t.consultants.is_some()));
/// assert_eq!(d.budgets.len(), 1);
/// assert!(leverans::validate(&d).is_ok());
/// assert_eq!(d, with_decisions(&p, 3));
/// ```
pub fn with_decisions(p: &Portfolio, seed: u64) -> Portfolio {
    let mut rng = ChaCha8Rng::seed_from_u64(seed ^ 0x00de_c1de);
    let mut d = p.clone();
    d.name = format!("{}.decisions", p.name);
    for o in &mut d.orders {
        let may_drop = matches!(o.priority, Priority::Medium | Priority::Low);
        if may_drop && rng.random_bool(OPTIONAL_SHARE) {
            o.optional = true;
            if rng.random_bool(1.0 / 3.0) {
                o.min_scope = Some(0.5);
            }
        }
    }
    for t in &mut d.teams {
        t.consultants = Some(ConsultantCapacity {
            hours_per_week: (CONSULTANT_SHARE * t.hours_per_week).round().max(4.0),
            cost_per_hour: CONSULTANT_PRICE_FACTOR * t.cost_per_hour,
            max_hours: None,
        });
    }
    let hours = super::order_hours(&d);
    let price = d.teams.iter().map(|t| t.cost_per_hour).fold(0.0, f64::max);
    d.budgets = vec![Budget {
        per: BudgetSpan::Total,
        amount: (BUDGET_SHARE * hours * CONSULTANT_PRICE_FACTOR * price / 1000.0).round() * 1000.0,
    }];
    d.max_go_lives_per_period = Some((d.orders.len() as u32).div_ceil(20).max(2));
    if let Some(first) = d.orders.first().map(|o| o.orderer.clone()) {
        d.orderer_shares = vec![OrdererShare {
            orderer: first,
            min_share: None,
            max_share: Some(0.3),
        }];
    }
    d
}

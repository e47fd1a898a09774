//! A portfolio the tests of the open-orders pass and of the repair after it share.

use crate::{Calendar, Order, Portfolio, Team};

/// Ten weeks from Monday 6 January 2025, none with a holiday; team `dev` (40 h a week, one
/// full-time equivalent) and three orders `a`, `b`, `c` of 40 h on it, each at most 20 h a
/// week.
pub(crate) fn three_orders_on_one_team() -> Portfolio {
    let day = |d| chrono::NaiveDate::from_ymd_opt(2025, 1, d).expect("date");
    let mut portfolio = Portfolio::new(Calendar::weeks(day(6), day(6) + chrono::Days::new(69)));
    portfolio.add_team(Team::new("dev", 40.0));
    for id in ["a", "b", "c"] {
        let mut o = Order::effort(id, [("dev", 40.0)]);
        o.effort[0].max_hours_per_week = Some(20.0);
        portfolio.add_order(o);
    }
    portfolio
}

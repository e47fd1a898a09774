//! What can be planned but looks wrong: [`warnings`] lists it for `leverans check` and the
//! planner, so a typo (an order without hours, a team's hours a tenth of what was meant) is
//! seen before a plan is read as if it were right.

use crate::error::{Issue, ValidationReport};
use crate::model::{OrderStatus, Portfolio, Timeline};
use std::collections::HashMap;

/// Work at this many times a team's hours over the horizon is worth a warning even where
/// every order is optional.
const FAR_OVER: f64 = 2.0;

/// Everything in `portfolio` that can be planned but looks wrong, as issues (the same fields
/// as errors; codes `no_work`, `zero_hours`, `over_capacity`). Empty for a calendar that
/// cannot be unrolled (that is an error of [`crate::validate()`]).
///
/// ```
/// use leverans::{Calendar, Order, Portfolio, Team};
/// let mut p = Portfolio::new(Calendar::units(4));
/// p.add_team(Team::new("dev", 10.0));
/// p.add_order(Order::effort("big", [("dev", 400.0)]));
/// let w = leverans::validate::warnings(&p);
/// assert_eq!(w[0].code, "over_capacity");
/// assert!(w[0].message.contains("10.0 times"), "{}", w[0].message);
/// ```
pub fn warnings(portfolio: &Portfolio) -> Vec<Issue> {
    let mut report = ValidationReport::default();
    let Ok(tl) = Timeline::new(&portfolio.calendar) else {
        return Vec::new();
    };
    let mut mandatory: HashMap<&str, f64> = HashMap::new();
    let mut all: HashMap<&str, f64> = HashMap::new();
    for o in portfolio
        .orders
        .iter()
        .filter(|o| o.status != OrderStatus::Done)
    {
        let hours: Vec<(&str, f64)> = match o.duration {
            Some(d) => o
                .demand
                .iter()
                .map(|x| (x.team.as_str(), x.hours_per_week * f64::from(d)))
                .collect(),
            None => o
                .effort
                .iter()
                .map(|e| (e.team.as_str(), e.hours))
                .collect(),
        };
        if o.effort.is_empty() && o.duration.is_none() {
            report.push(
                "no_work",
                "order",
                &o.id,
                "effort",
                "none",
                "the order has no work (no effort and no duration): it would go live at once",
            );
        } else if o.duration.is_none() && hours.iter().all(|h| h.1 <= 0.0) {
            report.push(
                "zero_hours",
                "order",
                &o.id,
                "effort.hours",
                0,
                "every team's hours are 0: the order would go live at once",
            );
        }
        for (team, h) in hours.into_iter().filter(|h| h.1.is_finite() && h.1 > 0.0) {
            *all.entry(team).or_default() += h;
            if !o.optional {
                *mandatory.entry(team).or_default() += h;
            }
        }
    }
    for team in &portfolio.teams {
        let own: f64 = (0..tl.len()).map(|t| tl.team_capacity(team, t)).sum();
        let bought: f64 = team.consultants.as_ref().map_or(0.0, |e| {
            let per_period: f64 = (0..tl.len())
                .map(|t| e.hours_per_week * tl.working_share(t))
                .sum();
            e.max_hours.map_or(per_period, |m| per_period.min(m))
        });
        let have = own + bought;
        let need = mandatory.get(team.id.as_str()).copied().unwrap_or(0.0);
        let wanted = all.get(team.id.as_str()).copied().unwrap_or(0.0);
        let (what, hours, limit) = if need > have {
            ("mandatory orders", need, 1.0)
        } else {
            ("orders", wanted, FAR_OVER)
        };
        if hours > limit * have && hours > 0.0 {
            let times = if have > 0.0 {
                format!("{:.1} times", hours / have)
            } else {
                "with none".into()
            };
            report.push(
                "over_capacity",
                "team",
                &team.id,
                "hours_per_week",
                team.hours_per_week,
                format!(
                    "its {what} need {hours:.0} h and it has {have:.0} h over the whole horizon \
                     (own staff and consultants), {times}: orders will be late or stopped, or \
                     there is no plan; check the team's hours and the orders' estimates"
                ),
            );
        }
    }
    report.issues
}

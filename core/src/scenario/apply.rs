//! Applying a scenario's changes to a copy of the base portfolio, every unknown order or team
//! reported at once.

use super::Scenario;
use crate::error::{Error, Result, ValidationReport};
use crate::model::{Budget, BudgetSpan, Portfolio};

/// The base portfolio with `s`'s changes, in this order: budget, team hours, priorities, due
/// dates, orders stopped, orders added. An error listing every order or team the scenario
/// names that the portfolio lacks, and every bad number.
pub fn apply(base: &Portfolio, s: &Scenario) -> Result<Portfolio> {
    let mut p = base.clone();
    let mut report = ValidationReport::default();
    let name = s.name.as_str();
    if let Some(amount) = s.budget {
        if amount.is_finite() && amount >= 0.0 {
            // A total ceiling in place of the portfolio's own budgets, as the frontier does.
            p.budgets = vec![Budget {
                per: BudgetSpan::Total,
                amount,
            }];
        } else {
            report.push(
                "invalid_number",
                "scenario",
                name,
                "budget",
                amount,
                "must be a finite amount, 0 or more",
            );
        }
    }
    for t in &s.team_hours {
        match p.teams.iter_mut().find(|x| x.id == t.team) {
            Some(team) if t.hours_per_week.is_finite() && t.hours_per_week >= 0.0 => {
                team.hours_per_week = t.hours_per_week;
            }
            Some(_) => report.push(
                "invalid_number",
                "scenario",
                name,
                "team_hours.hours_per_week",
                t.hours_per_week,
                format!(
                    "team `{}`: must be a finite number of hours, 0 or more",
                    t.team
                ),
            ),
            None => report.push(
                "unknown_team",
                "scenario",
                name,
                "team_hours.team",
                &t.team,
                "no team has this id",
            ),
        }
    }
    for c in &s.priorities {
        match p.orders.iter_mut().find(|o| o.id == c.order) {
            Some(o) => {
                // The class's weight (and value) apply: an explicit weight would hide the change.
                o.priority = c.priority;
                o.weight = None;
            }
            None => unknown_order(&mut report, name, "priorities.order", &c.order),
        }
    }
    for c in &s.due_dates {
        match p.orders.iter_mut().find(|o| o.id == c.order) {
            Some(o) => o.due = c.due,
            None => unknown_order(&mut report, name, "due_dates.order", &c.order),
        }
    }
    for id in &s.stop {
        if p.order(id).is_none() {
            unknown_order(&mut report, name, "stop", id);
            continue;
        }
        stop(&mut p, id);
    }
    p.orders.extend(s.add_orders.iter().cloned());
    if report.is_empty() {
        Ok(p)
    } else {
        Err(Error::Invalid(report))
    }
}

fn unknown_order(report: &mut ValidationReport, scenario: &str, field: &str, id: &str) {
    report.push(
        "unknown_order",
        "scenario",
        scenario,
        field,
        id,
        "no order of the base portfolio has this id",
    );
}

/// Takes order `id` off the order list: its dependencies go (the orders that waited on it no
/// longer wait), and so do its places in groups (a group left with fewer than two orders goes)
/// and the share bounds of an orderer left without orders.
fn stop(p: &mut Portfolio, id: &str) {
    p.orders.retain(|o| o.id != id);
    p.dependencies.retain(|d| d.from != id && d.to != id);
    for g in &mut p.groups {
        g.orders.retain(|o| o != id);
    }
    p.groups.retain(|g| g.orders.len() >= 2);
    let orderers: Vec<String> = p.orders.iter().map(|o| o.orderer.clone()).collect();
    p.orderer_shares.retain(|s| orderers.contains(&s.orderer));
}

#[cfg(test)]
mod tests {
    use super::apply;
    use crate::model::{Calendar, Dependency, Order, Portfolio, Priority, Team, TimePoint};
    use crate::scenario::{DueChange, PriorityChange, Scenario, TeamHours};

    fn base() -> Portfolio {
        let mut p = Portfolio::new(Calendar::units(10));
        p.add_team(Team::new("dev", 10.0));
        let mut a = Order::effort("a", [("dev", 10.0)]);
        a.weight = Some(6.0);
        p.add_order(a);
        p.add_order(Order::effort("b", [("dev", 10.0)]));
        p.dependencies.push(Dependency::finish_to_start("a", "b"));
        p
    }

    #[test]
    fn changes_apply_and_a_stopped_order_takes_its_links_along() {
        let s = Scenario {
            name: "s".into(),
            budget: Some(100.0),
            team_hours: vec![TeamHours {
                team: "dev".into(),
                hours_per_week: 20.0,
            }],
            priorities: vec![PriorityChange {
                order: "a".into(),
                priority: Priority::Critical,
            }],
            due_dates: vec![DueChange {
                order: "b".into(),
                due: Some(TimePoint::Period(3)),
            }],
            stop: vec!["a".into()],
            add_orders: vec![Order::effort("c", [("dev", 5.0)])],
            ..Scenario::default()
        };
        let p = apply(&base(), &s).unwrap();
        assert_eq!(p.budgets.len(), 1);
        assert_eq!(p.teams[0].hours_per_week, 20.0);
        let ids: Vec<&str> = p.orders.iter().map(|o| o.id.as_str()).collect();
        assert_eq!(ids, ["b", "c"]);
        assert_eq!(p.orders[0].due, Some(TimePoint::Period(3)));
        assert!(p.dependencies.is_empty());
        assert!(crate::validate(&p).is_ok());
        let s = Scenario {
            name: "s".into(),
            priorities: s.priorities,
            ..Scenario::default()
        };
        let p = apply(&base(), &s).unwrap();
        assert_eq!(
            (p.orders[0].priority, p.orders[0].weight),
            (Priority::Critical, None)
        );
    }

    #[test]
    fn every_unknown_id_and_bad_number_is_reported() {
        let s = Scenario {
            name: "typo".into(),
            budget: Some(f64::NAN),
            team_hours: vec![TeamHours {
                team: "ops".into(),
                hours_per_week: 1.0,
            }],
            stop: vec!["x".into()],
            ..Scenario::default()
        };
        let crate::Error::Invalid(r) = apply(&base(), &s).unwrap_err() else {
            panic!("an invalid scenario")
        };
        assert_eq!(
            r.codes(),
            ["invalid_number", "unknown_team", "unknown_order"]
        );
        assert!(r.issues.iter().all(|i| i.id == "typo"));
    }
}

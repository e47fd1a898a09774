//! The words of the contract, in one place: every name an enum of the portfolio, the goal or
//! the outcome takes in JSON. The command line and the Python package take their lists from
//! here ([`vocabulary`]), so the three surfaces cannot drift apart.

use crate::model::{BudgetSpan, DependencyKind, GroupKind, HolidayRules, OrderStatus};
use crate::model::{PeriodKind, Priority};
use crate::{Objective, Status};
use serde::Serialize;
use std::collections::BTreeMap;

/// The JSON name of an enum value (its serde name; every enum listed here has unit variants,
/// which serialise as strings).
fn name<T: Serialize>(x: &T) -> String {
    serde_json::to_value(x)
        .ok()
        .and_then(|v| v.as_str().map(String::from))
        .unwrap_or_default()
}

fn names<T: Serialize>(all: &[T]) -> Vec<String> {
    all.iter().map(name).collect()
}

/// Every list of names, by what it names: `priorities`, `order_statuses`,
/// `dependency_kinds`, `period_kinds`, `holiday_rules`, `group_kinds`, `budget_spans`,
/// `objectives`, `statuses`.
///
/// ```
/// let v = leverans::vocabulary::vocabulary();
/// assert_eq!(v["priorities"], ["critical", "high", "medium", "low"]);
/// assert!(v["objectives"].contains(&"weighted_lateness".to_string()));
/// ```
pub fn vocabulary() -> BTreeMap<&'static str, Vec<String>> {
    BTreeMap::from([
        ("priorities", names(&Priority::ALL)),
        ("order_statuses", names(&OrderStatus::ALL)),
        ("dependency_kinds", names(&DependencyKind::ALL)),
        ("period_kinds", names(&PeriodKind::ALL)),
        ("holiday_rules", names(&HolidayRules::ALL)),
        ("group_kinds", names(&GroupKind::ALL)),
        ("budget_spans", names(&BudgetSpan::ALL)),
        ("objectives", names(&Objective::ALL)),
        ("statuses", names(&Status::ALL)),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A new variant that is not in its `ALL` list fails to compile here.
    #[allow(dead_code)]
    fn every_variant_is_listed(p: Priority, s: OrderStatus, k: PeriodKind, g: GroupKind) {
        match p {
            Priority::Critical | Priority::High | Priority::Medium | Priority::Low => {}
        }
        match s {
            OrderStatus::NotStarted | OrderStatus::InProgress | OrderStatus::Done => {}
        }
        match k {
            PeriodKind::Week | PeriodKind::Day | PeriodKind::Unit => {}
        }
        match g {
            GroupKind::AllOrNone | GroupKind::AtMostOne | GroupKind::Requires => {}
        }
    }

    #[test]
    fn names_are_distinct_and_round_trip() {
        for (what, list) in vocabulary() {
            let mut seen = std::collections::HashSet::new();
            for n in &list {
                assert!(seen.insert(n.clone()), "{what}: `{n}` twice");
            }
        }
        for p in Priority::ALL {
            let back: Priority = serde_json::from_value(serde_json::json!(name(&p))).unwrap();
            assert_eq!(back, p);
        }
        assert_eq!(vocabulary()["statuses"], names(&Status::ALL));
    }
}

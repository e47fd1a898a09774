//! Portfolio decisions beyond sequencing: groups of optional orders, budgets on consultant
//! spend, orderer shares of capacity, and release trains.

use super::TimePoint;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::fmt;

/// How the orders of a group are tied together.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum GroupKind {
    /// Either every order of the group is delivered or none is.
    AllOrNone,
    /// At most one order of the group is delivered.
    AtMostOne,
    /// The first order may be delivered only if all the others are.
    Requires,
}

impl GroupKind {
    /// Every kind of group.
    pub const ALL: [GroupKind; 3] = [
        GroupKind::AllOrNone,
        GroupKind::AtMostOne,
        GroupKind::Requires,
    ];
}

impl fmt::Display for GroupKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            GroupKind::AllOrNone => "all_or_none",
            GroupKind::AtMostOne => "at_most_one",
            GroupKind::Requires => "requires",
        })
    }
}

/// A rule over which orders are delivered together.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrderGroup {
    /// A label for reports.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// The rule.
    pub kind: GroupKind,
    /// Order ids (for `requires`: the dependent order first).
    pub orders: Vec<String>,
}

/// The span a budget covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BudgetSpan {
    /// The whole horizon.
    Total,
    /// Each calendar year.
    Year,
    /// Each calendar quarter.
    Quarter,
    /// Each calendar month.
    Month,
}

impl BudgetSpan {
    /// Every span.
    pub const ALL: [BudgetSpan; 4] = [
        BudgetSpan::Total,
        BudgetSpan::Year,
        BudgetSpan::Quarter,
        BudgetSpan::Month,
    ];
}

/// A ceiling on consultant spend (sum over teams of consultant hours × price).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Budget {
    /// The span each ceiling covers; a period belongs to the span of its first day.
    pub per: BudgetSpan,
    /// The ceiling, in the currency of the teams' prices.
    pub amount: f64,
}

/// Bounds on one orderer's share of the hours planned.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrdererShare {
    /// The orderer (department), as written on its orders.
    pub orderer: String,
    /// Least share of all planned hours (0 to 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_share: Option<f64>,
    /// Most share of all planned hours (0 to 1).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_share: Option<f64>,
}

/// Deployment dates: when given, orders go live only on these dates, at most `max_changes` on
/// each.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReleaseTrain {
    /// The deployment dates (or periods in unit calendars).
    pub dates: Vec<TimePoint>,
    /// Most changes going live on one date (unlimited when omitted).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_changes: Option<u32>,
}

impl ReleaseTrain {
    /// Every second Tuesday from `first` up to `last`.
    ///
    /// ```
    /// let t = leverans::ReleaseTrain::every_second_week("2014-01-07".parse().unwrap(), "2014-02-28".parse().unwrap(), Some(3));
    /// assert_eq!(t.dates.len(), 4);
    /// ```
    pub fn every_second_week(first: NaiveDate, last: NaiveDate, max_changes: Option<u32>) -> Self {
        let mut dates = Vec::new();
        let mut d = first;
        while d <= last {
            dates.push(TimePoint::Date(d));
            d = d + chrono::Days::new(14);
        }
        ReleaseTrain { dates, max_changes }
    }
}

//! Teams and competences: who does the work, and how many hours they have.

use super::TimePoint;
use serde::{Deserialize, Serialize};

/// A team or competence that orders draw hours from.
///
/// Capacity is `hours_per_week` in a full working week and scales with the working days of each
/// period (a week with two public holidays has 3/5 of it). In a unit calendar (PSPLIB) it is the
/// capacity of every period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Team {
    /// The user's key, unique among teams.
    pub id: String,
    /// A readable name; the id is shown where it is empty.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// Hours available in a full working week (in a unit calendar: per period).
    pub hours_per_week: f64,
    /// Internal cost of one hour, in the portfolio's currency (0 when not tracked).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub cost_per_hour: f64,
    /// Changes to capacity over time (vacation, summer dip, a new hire); the last matching
    /// override wins.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub capacity_overrides: Vec<CapacityOverride>,
    /// Consultant hours that can be bought for this competence, on top of the team's own
    /// (`external` in portfolios written before, still read).
    #[serde(default, skip_serializing_if = "Option::is_none", alias = "external")]
    pub consultants: Option<ConsultantCapacity>,
}

/// Consultant capacity for a competence: bought by the hour, within a weekly and a total ceiling.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConsultantCapacity {
    /// Most consultant hours in a full working week (scaled by working days).
    pub hours_per_week: f64,
    /// Price of one consultant hour.
    pub cost_per_hour: f64,
    /// Most consultant hours over the whole horizon (no ceiling when omitted).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_hours: Option<f64>,
}

fn is_zero(x: &f64) -> bool {
    *x == 0.0
}

/// A change of a team's capacity between two points in time, both included.
///
/// Exactly one of `factor` (a share of the normal capacity, e.g. `0.4` in summer) and
/// `hours_per_week` (a new absolute capacity) is given.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CapacityOverride {
    /// First day (or period) the override applies to.
    pub from: TimePoint,
    /// Last day (or period) the override applies to.
    pub to: TimePoint,
    /// Share of the team's normal capacity, from 0 up.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub factor: Option<f64>,
    /// Absolute capacity in a full working week (per period in unit calendars).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hours_per_week: Option<f64>,
}

impl Team {
    /// A team with the given id and weekly hours, no name, cost or overrides.
    ///
    /// ```
    /// let t = leverans::Team::new("infra", 120.0);
    /// assert_eq!(t.display_name(), "infra");
    /// ```
    pub fn new(id: impl Into<String>, hours_per_week: f64) -> Self {
        Team {
            id: id.into(),
            name: String::new(),
            hours_per_week,
            cost_per_hour: 0.0,
            capacity_overrides: Vec::new(),
            consultants: None,
        }
    }

    /// The name when given, else the id.
    pub fn display_name(&self) -> &str {
        if self.name.is_empty() {
            &self.id
        } else {
            &self.name
        }
    }
}

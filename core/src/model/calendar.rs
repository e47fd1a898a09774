//! The planning calendar as the user gives it: horizon, period length and days off.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::fmt;

/// The length of one planning period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PeriodKind {
    /// ISO weeks, Monday to Sunday; five nominal working days.
    #[default]
    Week,
    /// Single days; a day off is a period with no capacity.
    Day,
    /// Abstract periods without dates (PSPLIB instances); every period has full capacity.
    Unit,
}

impl PeriodKind {
    /// Every kind of period.
    pub const ALL: [PeriodKind; 3] = [PeriodKind::Week, PeriodKind::Day, PeriodKind::Unit];

    /// The snake_case name used in JSON and CSV.
    pub fn as_str(self) -> &'static str {
        match self {
            PeriodKind::Week => "week",
            PeriodKind::Day => "day",
            PeriodKind::Unit => "unit",
        }
    }
}

impl PeriodKind {
    /// The period in words, as messages and reports count it: `week`, `day` or `period`.
    ///
    /// ```
    /// assert_eq!(leverans::PeriodKind::Unit.noun(), "period");
    /// ```
    pub fn noun(self) -> &'static str {
        match self {
            PeriodKind::Week => "week",
            PeriodKind::Day => "day",
            PeriodKind::Unit => "period",
        }
    }

    /// `1 week`, `3 weeks`.
    ///
    /// ```
    /// use leverans::PeriodKind;
    /// assert_eq!(PeriodKind::Week.count(1), "1 week");
    /// assert_eq!(PeriodKind::Day.count(3), "3 days");
    /// ```
    pub fn count(self, n: usize) -> String {
        if n == 1 {
            format!("1 {}", self.noun())
        } else {
            format!("{n} {}s", self.noun())
        }
    }
}

impl fmt::Display for PeriodKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Which public holidays are days off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HolidayRules {
    /// Swedish public holidays, computed for every year of the horizon.
    #[default]
    Swedish,
    /// No public holidays; only weekends and `closed_days` are off.
    None,
}

impl HolidayRules {
    /// Every rule.
    pub const ALL: [HolidayRules; 2] = [HolidayRules::Swedish, HolidayRules::None];
}

/// The planning horizon and its working days.
///
/// Date calendars (`week`, `day`) need `start` and `end`; unit calendars need `periods`.
///
/// ```
/// use leverans::{Calendar, PeriodKind};
/// let cal = Calendar::weeks("2013-10-07".parse().unwrap(), "2014-12-31".parse().unwrap());
/// assert_eq!(cal.period, PeriodKind::Week);
/// let units = Calendar::units(40);
/// assert_eq!(units.periods, Some(40));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Calendar {
    /// Period length; weeks when omitted.
    #[serde(default)]
    pub period: PeriodKind,
    /// First day of the plan (date calendars).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<NaiveDate>,
    /// Last day of the plan, included (date calendars).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<NaiveDate>,
    /// Number of periods (unit calendars).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub periods: Option<u32>,
    /// Public holidays that are days off; Swedish when omitted.
    #[serde(default)]
    pub holidays: HolidayRules,
    /// Whether Midsummer Eve, Christmas Eve and New Year's Eve are days off (customary in
    /// Sweden though not public holidays); true when omitted.
    #[serde(default = "default_true")]
    pub eves_off: bool,
    /// Further days off (a closing day, a training day).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub closed_days: Vec<NaiveDate>,
}

fn default_true() -> bool {
    true
}

impl Calendar {
    /// A weekly calendar with Swedish holidays and eves off.
    pub fn weeks(start: NaiveDate, end: NaiveDate) -> Self {
        Calendar {
            period: PeriodKind::Week,
            start: Some(start),
            end: Some(end),
            periods: None,
            holidays: HolidayRules::Swedish,
            eves_off: true,
            closed_days: Vec::new(),
        }
    }

    /// A daily calendar with Swedish holidays and eves off.
    pub fn days(start: NaiveDate, end: NaiveDate) -> Self {
        Calendar {
            period: PeriodKind::Day,
            ..Calendar::weeks(start, end)
        }
    }

    /// An abstract calendar of `periods` periods without dates (PSPLIB).
    pub fn units(periods: u32) -> Self {
        Calendar {
            period: PeriodKind::Unit,
            start: None,
            end: None,
            periods: Some(periods),
            holidays: HolidayRules::None,
            eves_off: false,
            closed_days: Vec::new(),
        }
    }
}

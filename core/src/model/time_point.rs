//! A point in planning time, given by the user either as a calendar date or as a period index.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::fmt;

/// A point in planning time as the user wrote it.
///
/// In JSON a date is written `"2014-03-01"` and a period index as a bare number (`12`, counted
/// from 0 at the planning start). Date calendars accept both; unit calendars (such as PSPLIB
/// instances) accept only period indices.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(untagged)]
pub enum TimePoint {
    /// A period index, 0 being the first period of the plan.
    Period(u32),
    /// A calendar date.
    Date(NaiveDate),
}

impl fmt::Display for TimePoint {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TimePoint::Period(p) => write!(f, "period {p}"),
            TimePoint::Date(d) => write!(f, "{d}"),
        }
    }
}

impl From<NaiveDate> for TimePoint {
    fn from(d: NaiveDate) -> Self {
        TimePoint::Date(d)
    }
}

impl From<u32> for TimePoint {
    fn from(p: u32) -> Self {
        TimePoint::Period(p)
    }
}

//! Deployment freeze windows and go-live rules.

use super::TimePoint;
use serde::{Deserialize, Serialize};

/// A span in which nothing may go live (work may go on). Both ends are included.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FreezeWindow {
    /// A label for reports ("Christmas 2013").
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// First frozen day (or period).
    pub from: TimePoint,
    /// Last frozen day (or period).
    pub to: TimePoint,
}

//! Dependencies between orders.

use serde::{Deserialize, Serialize};
use std::fmt;

/// How a dependency ties two orders together.
///
/// Periods are whole: an order that starts in period `S` and finishes in period `F` works in
/// `S..=F`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DependencyKind {
    /// The successor starts after the predecessor has finished: `S_to >= F_from + 1 + lag`.
    #[default]
    FinishToStart,
    /// The successor starts no earlier than `lag` periods after the predecessor starts:
    /// `S_to >= S_from + lag`.
    StartToStart,
    /// The successor finishes no earlier than `lag` periods after the predecessor finishes:
    /// `F_to >= F_from + lag`.
    FinishToFinish,
}

impl DependencyKind {
    /// All kinds, in the order they are documented.
    pub const ALL: [DependencyKind; 3] = [
        DependencyKind::FinishToStart,
        DependencyKind::StartToStart,
        DependencyKind::FinishToFinish,
    ];

    /// The snake_case name used in JSON and CSV.
    pub fn as_str(self) -> &'static str {
        match self {
            DependencyKind::FinishToStart => "finish_to_start",
            DependencyKind::StartToStart => "start_to_start",
            DependencyKind::FinishToFinish => "finish_to_finish",
        }
    }
}

impl fmt::Display for DependencyKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// `to` waits on `from`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dependency {
    /// The predecessor's order id.
    pub from: String,
    /// The successor's order id.
    pub to: String,
    /// The kind of link; finish-to-start when omitted.
    #[serde(default)]
    pub kind: DependencyKind,
    /// Lag in periods (negative is a lead); 0 when omitted.
    #[serde(default)]
    pub lag: i32,
}

impl Dependency {
    /// A finish-to-start dependency without lag.
    ///
    /// ```
    /// let d = leverans::Dependency::finish_to_start("net", "school-admin");
    /// assert_eq!(d.lag, 0);
    /// ```
    pub fn finish_to_start(from: impl Into<String>, to: impl Into<String>) -> Self {
        Dependency {
            from: from.into(),
            to: to.into(),
            kind: DependencyKind::FinishToStart,
            lag: 0,
        }
    }
}

//! Dependencies between orders.

use serde::{Deserialize, Serialize};
use std::fmt;

/// How a dependency ties two orders together.
///
/// Periods are whole: an order that starts in period `S` and finishes in period `F` works in
/// `S..=F`, and goes live in period `G` (`G ≥ F + go_live_lag`).
///
/// Whatever its kind, a dependency also keeps the go-lives in order: the successor never goes
/// live before its predecessor (`G_to ≥ G_from`). Work may overlap as the kind allows, but a
/// dependant that is live while what it depends on is not is no plan a unit would run.
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
    /// The successor starts after the predecessor has gone live: `S_to >= G_from + 1 + lag`.
    /// For a pilot before its rollout, a procurement before the system it buys, or a platform
    /// before what runs on it: the successor builds on the predecessor in production.
    LiveToStart,
    /// The successor goes live no earlier than `lag` periods after the predecessor goes live:
    /// `G_to >= G_from + lag` (with lag 0 this is the order every dependency keeps anyway).
    LiveToLive,
}

impl DependencyKind {
    /// All kinds, in the order they are documented.
    pub const ALL: [DependencyKind; 5] = [
        DependencyKind::FinishToStart,
        DependencyKind::StartToStart,
        DependencyKind::FinishToFinish,
        DependencyKind::LiveToStart,
        DependencyKind::LiveToLive,
    ];

    /// The snake_case name used in JSON and CSV.
    pub fn as_str(self) -> &'static str {
        match self {
            DependencyKind::FinishToStart => "finish_to_start",
            DependencyKind::StartToStart => "start_to_start",
            DependencyKind::FinishToFinish => "finish_to_finish",
            DependencyKind::LiveToStart => "live_to_start",
            DependencyKind::LiveToLive => "live_to_live",
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

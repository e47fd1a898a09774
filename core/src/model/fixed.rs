//! What is already settled when a plan is made: pinned dates and the hours already worked.
//!
//! A planner re-planning in the middle of the year cannot move last month. Three fields say
//! what is settled, and every plan keeps them (the verifier checks each):
//!
//! - [`Pin`] on an order: its start and/or go-live are agreed and fixed (a signed contract, a
//!   date announced to the citizens). A pinned order is delivered.
//! - [`Actual`] hours on an order: the hours each team has worked on it in a period before the
//!   portfolio's `frozen_until`. The plan books exactly these hours there; the order's effort
//!   still counts them (effort is the whole order, worked and remaining).
//! - `frozen_until` on the portfolio: periods before the one holding this date are the past
//!   (or too close to change). Before it, only orders with actuals (or a pinned start) do
//!   work, and only orders with a pinned go-live go live.
//!
//! `leverans plan --baseline OLD --frozen-until DATE` writes these from the old plan
//! ([`crate::freeze_baseline`]).

use super::TimePoint;
use serde::{Deserialize, Serialize};

/// Fixed dates of an order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pin {
    /// The period (or a date in it) the work starts in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub start: Option<TimePoint>,
    /// The period (or a date in it) the order goes live in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub go_live: Option<TimePoint>,
}

impl Pin {
    /// True when nothing is pinned.
    pub fn is_empty(&self) -> bool {
        self.start.is_none() && self.go_live.is_none()
    }
}

/// Hours a team has worked on an order in one period before `frozen_until`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Actual {
    /// Team id (one of the order's effort teams).
    pub team: String,
    /// The period (or a date in it).
    pub period: TimePoint,
    /// Hours worked.
    pub hours: f64,
}

//! The domain: what a planner is given, in the words planners use.
//!
//! A [`Portfolio`] holds a [`Calendar`], [`Team`]s, [`Order`]s, [`Dependency`]s and
//! [`FreezeWindow`]s. [`Timeline`] unrolls the calendar into periods with working days and
//! capacities. Nothing here knows about solvers.

mod calendar;
mod decisions;
mod dependency;
mod fixed;
mod freeze;
pub mod holidays;
mod order;
mod portfolio;
mod team;
mod time_point;
mod timeline;
mod work_rules;

pub use calendar::{Calendar, HolidayRules, PeriodKind};
pub use decisions::{Budget, BudgetSpan, GroupKind, OrderGroup, OrdererShare, ReleaseTrain};
pub use dependency::{Dependency, DependencyKind};
pub use fixed::{Actual, Pin};
pub use freeze::FreezeWindow;
pub use order::{Demand, Effort, Order, OrderStatus, Priority};
pub use portfolio::{OrderId, Portfolio, TeamId};
pub use team::{CapacityOverride, ConsultantCapacity, Team};
pub use time_point::TimePoint;
pub use timeline::{PeriodInfo, Timeline, MAX_PERIODS};
pub use work_rules::WorkRules;

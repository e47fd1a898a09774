//! The rules a plan can break, with their stable snake_case names.

use serde::Serialize;
use std::fmt;

/// The rule a [`super::Violation`] breaks. Serialised in snake_case (`go_live_slots`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    /// The calendar cannot be unrolled into periods, so nothing could be checked.
    Calendar,
    /// The plan does not hold exactly one planned order per portfolio order (missing, extra or
    /// repeated ids), or its work names a team the portfolio does not have.
    PlanShape,
    /// The planned state does not match the order's status: a done order planned, stopped or
    /// given work, an order in progress not running from period 0.
    State,
    /// A not-started order starts before its release.
    Release,
    /// A start, finish or go-live period is missing or lies outside the calendar, or work is
    /// planned in a period outside it.
    Horizon,
    /// The periods come in the wrong order: start after finish, or go-live before the finish
    /// plus the order's go-live lag.
    Sequence,
    /// The start, finish or go-live date does not match its period, or the go-live period has
    /// no working day to go live on.
    Dates,
    /// An effort-driven order's hours per team do not add up to its effort × its scope, or
    /// fall on a team without effort or outside the order's start to finish.
    Effort,
    /// An effort-driven order works a team faster than its `max_hours_per_week` or slower than
    /// its `min_hours_per_week` (both scaled by the period's working share).
    Intensity,
    /// An order spans fewer or more periods than its `min_duration`/`max_duration` or the
    /// portfolio's work rules allow (`max_stretch`), or a fixed-duration order does not run
    /// exactly `duration` periods.
    Duration,
    /// A fixed-duration order does not take exactly its demand from each team in each period
    /// it runs, or has other work.
    FixedDemand,
    /// A team works more hours in a period than it has, its consultants included.
    Capacity,
    /// The plan's `team_periods` table does not agree with its work and the calendar: load,
    /// capacity, label, utilisation, or the consultant hours bought and their cost.
    LoadTable,
    /// A team buys more consultant hours over the horizon than its `consultants.max_hours`.
    ConsultantLimit,
    /// An order is stopped that may not be (a mandatory or done order), a stopped order still
    /// has periods, dates or work, or a delivered order waits on a stopped one.
    Selection,
    /// A group of orders is broken: not all or none delivered, more than one of an
    /// `at_most_one` group, or the first of a `requires` group without all the others.
    Group,
    /// An order's scope is outside what it allows: 1 without `min_scope`, from `min_scope` to
    /// 1 with it, 0 when stopped.
    Scope,
    /// Consultant spend in a budget span exceeds the budget, or the plan's `budgets` table
    /// does not agree with the spend.
    Budget,
    /// An orderer's share of the planned hours lies outside its `min_share`/`max_share`.
    Share,
    /// An order goes live off the release train: in a period without a deployment date, on
    /// another day than the date, or with more changes on one date than `max_changes`.
    ReleaseTrain,
    /// A dependency between two orders is broken.
    Precedence,
    /// An order goes live after its deadline.
    Deadline,
    /// An order's `due_period` or `lateness` is wrong.
    Lateness,
    /// An order goes live inside a freeze window.
    Freeze,
    /// More orders go live in one period than `max_go_lives_per_period` allows.
    GoLiveSlots,
    /// An order goes live before an order it depends on (any kind of dependency).
    GoLiveOrder,
    /// An order waits to go live although a period between its ready time (work done, go-live
    /// lag passed, predecessors live) and its go-live was open: no freeze window, release
    /// train or full go-live slot forced the wait.
    GoLiveWait,
    /// A team has more orders open at once than the work rules' `max_open_per_fte` allows.
    OpenOrders,
    /// A pinned order is stopped, or starts or goes live off its pin.
    Pin,
    /// Before the frozen horizon ends, an order's hours differ from its actual hours.
    Actuals,
    /// Before the frozen horizon ends, an order starts without a pinned start or actual
    /// hours, or goes live without a pinned go-live.
    Frozen,
    /// A figure of the plan's summary does not match its orders.
    Summary,
    /// Hours in the plan that are not a finite number of 0 or more.
    BadNumber,
}

impl Rule {
    /// Every rule, in the order they are documented.
    pub const ALL: [Rule; 33] = [
        Rule::Calendar,
        Rule::PlanShape,
        Rule::State,
        Rule::Release,
        Rule::Horizon,
        Rule::Sequence,
        Rule::Dates,
        Rule::Effort,
        Rule::Intensity,
        Rule::Duration,
        Rule::FixedDemand,
        Rule::Capacity,
        Rule::LoadTable,
        Rule::ConsultantLimit,
        Rule::Selection,
        Rule::Group,
        Rule::Scope,
        Rule::Budget,
        Rule::Share,
        Rule::ReleaseTrain,
        Rule::Precedence,
        Rule::Deadline,
        Rule::Lateness,
        Rule::Freeze,
        Rule::GoLiveSlots,
        Rule::GoLiveOrder,
        Rule::GoLiveWait,
        Rule::OpenOrders,
        Rule::Pin,
        Rule::Actuals,
        Rule::Frozen,
        Rule::Summary,
        Rule::BadNumber,
    ];

    /// The snake_case name used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Rule::Calendar => "calendar",
            Rule::PlanShape => "plan_shape",
            Rule::State => "state",
            Rule::Release => "release",
            Rule::Horizon => "horizon",
            Rule::Sequence => "sequence",
            Rule::Dates => "dates",
            Rule::Effort => "effort",
            Rule::Intensity => "intensity",
            Rule::Duration => "duration",
            Rule::FixedDemand => "fixed_demand",
            Rule::Capacity => "capacity",
            Rule::LoadTable => "load_table",
            Rule::ConsultantLimit => "consultant_limit",
            Rule::Selection => "selection",
            Rule::Group => "group",
            Rule::Scope => "scope",
            Rule::Budget => "budget",
            Rule::Share => "share",
            Rule::ReleaseTrain => "release_train",
            Rule::Precedence => "precedence",
            Rule::Deadline => "deadline",
            Rule::Lateness => "lateness",
            Rule::Freeze => "freeze",
            Rule::GoLiveSlots => "go_live_slots",
            Rule::GoLiveOrder => "go_live_order",
            Rule::GoLiveWait => "go_live_wait",
            Rule::OpenOrders => "open_orders",
            Rule::Pin => "pin",
            Rule::Actuals => "actuals",
            Rule::Frozen => "frozen",
            Rule::Summary => "summary",
            Rule::BadNumber => "bad_number",
        }
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

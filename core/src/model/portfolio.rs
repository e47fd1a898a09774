//! The portfolio: everything the planner is given.

use super::{
    Budget, Calendar, Dependency, DependencyKind, FreezeWindow, Order, OrderGroup, OrdererShare,
    ReleaseTrain, Team, TimePoint, WorkRules,
};
use serde::{Deserialize, Serialize};

/// Handle of a team in a [`Portfolio`]: its index in `teams`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TeamId(pub usize);

/// Handle of an order in a [`Portfolio`]: its index in `orders`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct OrderId(pub usize);

/// An order list with its teams, calendar and deployment rules.
///
/// Build one in code with the `add_*` methods, or read one from JSON with
/// [`crate::io::read_portfolio_json`].
///
/// ```
/// use leverans::{Calendar, Order, Portfolio, Team, DependencyKind};
/// let mut p = Portfolio::new(Calendar::units(10));
/// p.add_team(Team::new("dev", 2.0));
/// let a = p.add_order(Order::fixed("a", 2, [("dev", 1.0)]));
/// let b = p.add_order(Order::fixed("b", 1, [("dev", 2.0)]));
/// p.add_dependency(a, b, DependencyKind::FinishToStart, 0);
/// assert_eq!(p.dependencies[0].to, "b");
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Portfolio {
    /// A name for reports.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// Horizon and working days.
    pub calendar: Calendar,
    /// Teams and competences.
    pub teams: Vec<Team>,
    /// The order list.
    pub orders: Vec<Order>,
    /// Dependencies between orders.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dependencies: Vec<Dependency>,
    /// Spans in which nothing goes live.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub freeze_windows: Vec<FreezeWindow>,
    /// Most go-lives in one period (unlimited when omitted).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_go_lives_per_period: Option<u32>,
    /// Rules over which optional orders are delivered together.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<OrderGroup>,
    /// Ceilings on consultant spend.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub budgets: Vec<Budget>,
    /// Bounds on each orderer's share of the planned hours.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub orderer_shares: Vec<OrdererShare>,
    /// Deployment dates, when go-live is only allowed on them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub release_train: Option<ReleaseTrain>,
    /// How teams work on an order once started (the defaults when omitted).
    #[serde(default, skip_serializing_if = "WorkRules::is_default")]
    pub work_rules: WorkRules,
    /// The plan is settled before the period holding this date (see [`crate::model::Pin`]):
    /// before it only orders with `actuals` work and only orders with a pinned go-live go live.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub frozen_until: Option<TimePoint>,
}

impl Portfolio {
    /// An empty portfolio on the given calendar.
    pub fn new(calendar: Calendar) -> Self {
        Portfolio {
            name: String::new(),
            calendar,
            teams: Vec::new(),
            orders: Vec::new(),
            dependencies: Vec::new(),
            freeze_windows: Vec::new(),
            max_go_lives_per_period: None,
            groups: Vec::new(),
            budgets: Vec::new(),
            orderer_shares: Vec::new(),
            release_train: None,
            work_rules: WorkRules::default(),
            frozen_until: None,
        }
    }

    /// Adds a team and returns its handle.
    pub fn add_team(&mut self, team: Team) -> TeamId {
        self.teams.push(team);
        TeamId(self.teams.len() - 1)
    }

    /// Adds an order and returns its handle.
    pub fn add_order(&mut self, order: Order) -> OrderId {
        self.orders.push(order);
        OrderId(self.orders.len() - 1)
    }

    /// Adds a dependency `to` waits on `from`, with a lag in periods.
    pub fn add_dependency(&mut self, from: OrderId, to: OrderId, kind: DependencyKind, lag: i32) {
        let dep = Dependency {
            from: self.orders[from.0].id.clone(),
            to: self.orders[to.0].id.clone(),
            kind,
            lag,
        };
        self.dependencies.push(dep);
    }

    /// Adds a freeze window.
    pub fn add_freeze_window(&mut self, window: FreezeWindow) {
        self.freeze_windows.push(window);
    }

    /// The order with this id (a scan: for lookups in a loop, use [`Portfolio::orders_by_id`]).
    pub fn order(&self, id: &str) -> Option<&Order> {
        self.orders.iter().find(|o| o.id == id)
    }

    /// Every order by its id (the first where ids repeat), for lookups in a loop.
    ///
    /// ```
    /// use leverans::{Calendar, Order, Portfolio};
    /// let mut p = Portfolio::new(Calendar::units(4));
    /// p.add_order(Order::effort("a", [("dev", 1.0)]));
    /// assert_eq!(p.orders_by_id()["a"].id, "a");
    /// ```
    pub fn orders_by_id(&self) -> std::collections::HashMap<&str, &Order> {
        let mut out = std::collections::HashMap::with_capacity(self.orders.len());
        for o in &self.orders {
            out.entry(o.id.as_str()).or_insert(o);
        }
        out
    }

    /// The team with this id.
    pub fn team(&self, id: &str) -> Option<&Team> {
        self.teams.iter().find(|t| t.id == id)
    }
}

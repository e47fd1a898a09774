//! Why each order goes live when it does, why it is late, stopped or reduced, and what would
//! change that, in the words of the people who read the plan.
//!
//! [`explain`] reads the portfolio and a plan (Leverans's own, or any plan the verifier
//! accepts) and gives every order an [`Explanation`]: a headline, a chain of [`Cause`]s from
//! its start to its go-live, and, for an order that is late, stopped or reduced, the
//! [`Remedy`]s that would change it. Every cause names what can be checked in the plan: the
//! order it waits for and until when, the team that is fully booked in which weeks and the
//! orders taking its hours (by priority), the freeze window, the go-live slots of a week, its
//! release, its pace limit.
//!
//! Like the verifier, it reads only the model and the plan, never the solver's data.
//!
//! ```
//! use leverans::{solve, Calendar, Order, Portfolio, SolveOptions, Team, TimePoint};
//! let mut p = Portfolio::new(Calendar::units(10));
//! p.add_team(Team::new("dev", 10.0));
//! // `a` needs dev's four periods 0-3 for its deadline.
//! let mut a = Order::effort("a", [("dev", 40.0)]);
//! a.deadline = Some(TimePoint::Period(3));
//! p.add_order(a);
//! let mut b = Order::effort("b", [("dev", 20.0)]);
//! b.due = Some(TimePoint::Period(2));
//! p.add_order(b);
//! let out = solve(&p, &SolveOptions::default().with_time_limit(5.0)).unwrap();
//! let plan = out.plan.unwrap();
//! assert!(leverans::verify(&p, &plan).is_ok());
//! let why = leverans::explain::explain_order(&p, &plan, "b").unwrap();
//! assert_eq!(why.decision, "postponed");
//! // `b` waits for dev, which works on `a` first.
//! let full = why.causes.iter().find(|c| c.kind == leverans::explain::CauseKind::TeamFull).unwrap();
//! assert_eq!(full.team.as_deref(), Some("dev"));
//! assert_eq!(full.orders, vec!["a".to_string()]);
//! // On time would need dev's hours earlier: 20 hours in periods 0-2.
//! assert!(why.remedies.iter().any(|r| r.team.as_deref() == Some("dev")));
//! ```

mod context;
mod delivered;
mod on_time;
mod stopped;

use crate::model::Portfolio;
use crate::plan::{Plan, PlannedState};
use context::Ctx;
use serde::{Deserialize, Serialize};

/// What kind of reason a [`Cause`] gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum CauseKind {
    /// Already running when the plan starts.
    InProgress,
    /// Cannot start before its release date.
    Release,
    /// Waits for another order (to finish, start or go live; `orders` names it).
    Dependency,
    /// A team the order needs is fully booked in these periods (`orders`: who takes its hours).
    TeamFull,
    /// A team has fewer hours to spare where the order could run than it needs (`hours`: how
    /// many short; `orders`: who takes the team's hours there).
    TeamShort,
    /// Fewer hours than usual in these periods: holidays, the summer dip, a capacity override.
    Calendar,
    /// The order works at its pace limit (`max_hours_per_week`) or its team's full week.
    PaceLimit,
    /// The order's own minimum duration.
    Duration,
    /// Not held back by a full team, a dependency or its release: the plan placed it so.
    Placed,
    /// Acceptance testing or training between the end of work and go-live.
    GoLiveLag,
    /// A freeze window: no go-live in these periods.
    Freeze,
    /// Every go-live slot of these periods is taken (`orders`: who takes them).
    GoLiveSlots,
    /// No release-train date in these periods.
    ReleaseTrain,
    /// Left out or cut by the goal: its value against what it would cost other orders.
    Goal,
    /// The consultant budget is spent.
    Budget,
    /// Done before the plan.
    Done,
}

/// One link in the chain of reasons for an order's dates or decision.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Cause {
    /// What kind of reason.
    pub kind: CauseKind,
    /// The reason in words, with dates and names.
    pub text: String,
    /// The team involved, if any.
    pub team: Option<String>,
    /// First period the reason covers.
    pub first_period: Option<u32>,
    /// Last period the reason covers.
    pub last_period: Option<u32>,
    /// Other orders involved: the one waited for, those taking a team's hours or a week's
    /// go-live slots (highest priority first).
    pub orders: Vec<String>,
    /// Hours involved (a team's hours taken by others, hours short), if any.
    pub hours: Option<f64>,
}

/// What would change an order's date or decision.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Remedy {
    /// The change in words.
    pub text: String,
    /// The team whose hours it needs, if any.
    pub team: Option<String>,
    /// Extra hours of that team, if any.
    pub hours: Option<f64>,
    /// The periods in which they are needed.
    pub first_period: Option<u32>,
    /// Last of those periods.
    pub last_period: Option<u32>,
    /// Orders that would have to move or give up hours.
    pub orders: Vec<String>,
    /// What it costs (consultant hours at the team's price, or budget), if money.
    pub cost: Option<f64>,
}

/// Why one order stands where it does in the plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Explanation {
    /// The order's id.
    pub order: String,
    /// The decision: `delivered`, `reduced`, `postponed`, `stopped` or `done`.
    pub decision: String,
    /// One sentence: when it goes live against its due date, or what happened to it.
    pub headline: String,
    /// The reasons, from its start to its go-live (or for its decision).
    pub causes: Vec<Cause>,
    /// What would make it on time, or deliver it in full (empty when nothing is missing).
    pub remedies: Vec<Remedy>,
}

/// An explanation for every order of `portfolio` in `plan`, in portfolio order. Orders the
/// plan does not list (a plan of another portfolio) are left out.
pub fn explain(portfolio: &Portfolio, plan: &Plan) -> Vec<Explanation> {
    let Some(ctx) = Ctx::new(portfolio, plan) else {
        return Vec::new();
    };
    portfolio
        .orders
        .iter()
        .filter_map(|o| ctx.explain(&o.id))
        .collect()
}

/// The explanation for order `id`, or `None` when the portfolio or the plan has no such order.
pub fn explain_order(portfolio: &Portfolio, plan: &Plan, id: &str) -> Option<Explanation> {
    Ctx::new(portfolio, plan)?.explain(id)
}

impl Ctx<'_> {
    fn explain(&self, id: &str) -> Option<Explanation> {
        let (order, po) = (self.order(id)?, self.planned(id)?);
        let decision = po.decision().to_string();
        let (headline, causes, remedies) = match po.state {
            PlannedState::Done => (
                "done before the plan".to_string(),
                vec![Cause::new(
                    CauseKind::Done,
                    "delivered before the plan starts; takes no hours".into(),
                )],
                Vec::new(),
            ),
            PlannedState::Stopped => self.stopped(order, po),
            PlannedState::Scheduled | PlannedState::InProgress => {
                let (h, c, mut r) = self.delivered(order, po);
                if po.scope < 1.0 - 1e-9 {
                    let (_, rc, rr) = self.stopped(order, po);
                    let mut c = c;
                    c.extend(rc);
                    r.extend(rr);
                    (h, c, r)
                } else {
                    (h, c, r)
                }
            }
        };
        Some(Explanation {
            order: id.to_string(),
            decision,
            headline,
            causes,
            remedies,
        })
    }
}

impl Cause {
    fn new(kind: CauseKind, text: String) -> Self {
        Cause {
            kind,
            text,
            team: None,
            first_period: None,
            last_period: None,
            orders: Vec::new(),
            hours: None,
        }
    }

    fn team(mut self, team: &str) -> Self {
        self.team = Some(team.to_string());
        self
    }

    fn periods(mut self, first: usize, last: usize) -> Self {
        self.first_period = Some(first as u32);
        self.last_period = Some(last as u32);
        self
    }

    fn orders(mut self, orders: Vec<String>) -> Self {
        self.orders = orders;
        self
    }

    fn hours(mut self, hours: f64) -> Self {
        self.hours = Some(hours);
        self
    }
}

impl Remedy {
    fn new(text: String) -> Self {
        Remedy {
            text,
            team: None,
            hours: None,
            first_period: None,
            last_period: None,
            orders: Vec::new(),
            cost: None,
        }
    }
}

//! The plan's shape, bad numbers, and plans made of garbage: reported, never a panic.

use super::{assert_ok, assert_only, at, christmas, complete, units, with};
use crate::model::{
    Budget, BudgetSpan, Calendar, ConsultantCapacity, Dependency, DependencyKind, FreezeWindow,
    GroupKind, Order, OrderGroup, OrderStatus, OrdererShare, Portfolio, ReleaseTrain, Team,
    TimePoint,
};
use crate::plan::{Plan, PlannedState, TeamPeriod};
use crate::verify::{verify, Rule};

/// Five unit periods, a team `dev` of 10 h and two one-period orders of 2 h.
fn two() -> Portfolio {
    let mut p = units(5);
    p.add_team(Team::new("dev", 10.0));
    p.add_order(Order::fixed("a", 1, [("dev", 2.0)]));
    p.add_order(Order::fixed("b", 1, [("dev", 2.0)]));
    p
}

fn one(id: &str, t: u32) -> super::PlannedOrder {
    with(at(id, t, t, t), &[("dev", t, 2.0)])
}

#[test]
fn the_plan_holds_each_order_once() {
    let p = two();
    assert_ok(&p, &complete(&p, vec![one("a", 0), one("b", 1)]));

    let report = assert_only(&p, &complete(&p, vec![one("a", 0)]), Rule::PlanShape);
    assert_eq!(report.violations[0].order.as_deref(), Some("b"));
    assert!(report.violations[0].message.contains("missing"));

    let extra = complete(&p, vec![one("a", 0), one("b", 1), at("zz", 0, 0, 0)]);
    let report = assert_only(&p, &extra, Rule::PlanShape);
    assert!(report.violations[0]
        .message
        .contains("not in the portfolio"));

    let mut twice = complete(&p, vec![one("a", 0), one("b", 1)]);
    twice.orders.push(at("a", 3, 3, 3));
    let report = assert_only(&p, &twice, Rule::PlanShape);
    assert_eq!(report.violations.len(), 1);
    assert!(report.violations[0].message.contains("2 times"));

    // Matched by id, not by position.
    assert_ok(&p, &complete(&p, vec![one("b", 1), one("a", 0)]));
}

#[test]
fn work_on_an_unknown_team_is_reported_and_left_out() {
    let p = two();
    let plan = complete(&p, vec![with(one("a", 0), &[("qa", 0, 1.0)]), one("b", 1)]);
    let report = assert_only(&p, &plan, Rule::PlanShape);
    assert_eq!(report.violations[0].team.as_deref(), Some("qa"));
}

#[test]
fn hours_must_be_finite_and_not_negative() {
    let p = two();
    for bad in [f64::NAN, f64::INFINITY, -1.0] {
        let plan = complete(&p, vec![with(one("a", 0), &[("dev", 0, bad)]), one("b", 1)]);
        let report = assert_only(&p, &plan, Rule::BadNumber);
        assert_eq!(report.violations.len(), 1);
        assert_eq!(report.violations[0].period, Some(0));
    }
}

/// A tiny deterministic generator (xorshift), so the garbage is the same on every run.
struct Noise(u64);

impl Noise {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[(self.next() % items.len() as u64) as usize]
    }
}

/// Portfolios with odd inputs: unknown ids in dependencies and groups, windows outside the
/// calendar, dates in a unit calendar, repeated ids, consultants and budgets with odd numbers,
/// impossible shares, a reduced fixed-duration order, a release train outside the calendar.
fn odd_portfolios() -> Vec<Portfolio> {
    let mut out = Vec::new();
    for base in [two(), christmas()] {
        let mut p = base;
        p.add_team(Team::new("ops", 5.0));
        p.add_team(Team::new("ops", 7.0));
        let mut e = Order::effort("e", [("dev", 3.0), ("ghost", 2.0)]);
        e.effort[0].min_hours_per_week = Some(1.0);
        e.min_duration = Some(2);
        e.max_duration = Some(1);
        e.release = Some(TimePoint::Period(99));
        e.due = Some(TimePoint::Date("2000-01-01".parse().expect("date")));
        e.deadline = Some(TimePoint::Date("1999-01-01".parse().expect("date")));
        p.add_order(e);
        let mut d = Order::fixed("d", 0, [("ghost", 1.0), ("dev", f64::NAN)]);
        d.status = OrderStatus::InProgress;
        d.go_live_lag = u32::MAX;
        p.add_order(d);
        p.add_order(Order::fixed("a", 2, [("dev", 1.0)]));
        p.dependencies.push(Dependency {
            from: "nobody".into(),
            to: "a".into(),
            kind: DependencyKind::FinishToStart,
            lag: i32::MIN,
        });
        p.dependencies.push(Dependency {
            from: "e".into(),
            to: "d".into(),
            kind: DependencyKind::FinishToFinish,
            lag: i32::MAX,
        });
        p.add_freeze_window(FreezeWindow {
            name: String::new(),
            from: TimePoint::Period(3),
            to: TimePoint::Period(u32::MAX),
        });
        p.add_freeze_window(FreezeWindow {
            name: String::new(),
            from: TimePoint::Date("2013-12-30".parse().expect("date")),
            to: TimePoint::Period(1),
        });
        p.max_go_lives_per_period = Some(0);
        p.orders[0].optional = true;
        p.orders[1].min_scope = Some(0.5);
        p.teams[0].consultants = Some(ConsultantCapacity {
            hours_per_week: f64::NAN,
            cost_per_hour: 1e300,
            max_hours: Some(-1.0),
        });
        p.teams[1].consultants = Some(ConsultantCapacity {
            hours_per_week: 3.0,
            cost_per_hour: 2.0,
            max_hours: None,
        });
        for kind in [
            GroupKind::AllOrNone,
            GroupKind::AtMostOne,
            GroupKind::Requires,
        ] {
            p.groups.push(OrderGroup {
                name: String::new(),
                kind,
                orders: vec!["a".into(), "e".into(), "nobody".into()],
            });
            p.groups.push(OrderGroup {
                name: "g".into(),
                kind,
                orders: vec!["b".into(), "a".into(), "a".into()],
            });
        }
        for per in [BudgetSpan::Total, BudgetSpan::Month, BudgetSpan::Year] {
            p.budgets.push(Budget { per, amount: 0.0 });
        }
        p.orderer_shares.push(OrdererShare {
            orderer: String::new(),
            min_share: Some(2.0),
            max_share: Some(-1.0),
        });
        p.orderer_shares.push(OrdererShare {
            orderer: "nobody".into(),
            min_share: None,
            max_share: Some(f64::NAN),
        });
        p.release_train = Some(ReleaseTrain {
            dates: vec![
                TimePoint::Period(2),
                TimePoint::Period(u32::MAX),
                TimePoint::Date("2013-12-17".parse().expect("date")),
                TimePoint::Date("2013-12-18".parse().expect("date")),
            ],
            max_changes: Some(0),
        });
        out.push(p);
    }
    out.push(Portfolio::new(Calendar::weeks(
        "2014-01-05".parse().expect("date"),
        "2014-01-05".parse().expect("date"),
    )));
    out
}

#[test]
fn garbage_plans_are_reported_without_panicking() {
    let mut noise = Noise(0x9e37_79b9_7f4a_7c15);
    let periods = [
        None,
        Some(0),
        Some(1),
        Some(3),
        Some(4),
        Some(5),
        Some(u32::MAX),
    ];
    let hours = [
        0.0,
        1.0,
        2.0,
        -0.0,
        -3.0,
        1e300,
        f64::NAN,
        f64::INFINITY,
        f64::MIN,
    ];
    let teams = ["dev", "ops", "qa", ""];
    let ids = ["a", "b", "d", "e", "zz", ""];
    let states = [
        PlannedState::Scheduled,
        PlannedState::InProgress,
        PlannedState::Done,
        PlannedState::Stopped,
    ];
    let scopes = [0.0, 0.5, 1.0, -1.0, 2.0, f64::NAN];
    let mut broken = 0;
    for p in odd_portfolios() {
        for _ in 0..300 {
            let mut orders = Vec::new();
            for _ in 0..noise.next() % 6 {
                let mut po = at(noise.pick(&ids), 0, 0, 0);
                po.state = noise.pick(&states);
                po.start_period = noise.pick(&periods);
                po.finish_period = noise.pick(&periods);
                po.go_live_period = noise.pick(&periods);
                po.due_period = noise.pick(&periods);
                po.lateness = noise.pick(&[0, 1, u32::MAX]);
                po.scope = noise.pick(&scopes);
                for _ in 0..noise.next() % 5 {
                    let t = noise.pick(&periods).unwrap_or(2);
                    po = with(po, &[(noise.pick(&teams), t, noise.pick(&hours))]);
                }
                orders.push(po);
            }
            let mut plan: Plan = complete(&p, orders.clone());
            if noise.pick(&[true, false]) {
                plan.orders = orders;
            }
            for _ in 0..noise.next() % 3 {
                plan.team_periods.push(TeamPeriod {
                    team: noise.pick(&teams).to_string(),
                    period: noise.pick(&periods).unwrap_or(0),
                    label: String::new(),
                    load: noise.pick(&hours),
                    capacity: noise.pick(&hours),
                    utilisation: noise.pick(&hours),
                    consultant_hours: noise.pick(&hours),
                    consultant_cost: noise.pick(&hours),
                });
            }
            if noise.pick(&[true, false, false]) {
                plan.summary.makespan = u32::MAX;
                plan.summary.weighted_completion = f64::NAN;
            }
            if noise.pick(&[true, false, false]) {
                plan.budgets.reverse();
                if let Some(b) = plan.budgets.first_mut() {
                    b.spent = noise.pick(&hours);
                    b.last_period = u32::MAX;
                }
            }
            let report = verify(&p, &plan);
            if !report.is_ok() {
                broken += 1;
            }
            let _ = report.to_string();
            assert!(serde_json::to_string(&report).is_ok());
        }
    }
    assert!(broken > 0);
}

#[test]
fn dates_in_a_unit_calendar_are_not_placed() {
    let mut p = two();
    p.orders[0].release = Some(TimePoint::Date("2014-01-01".parse().expect("date")));
    p.orders[0].deadline = Some(TimePoint::Date("2014-01-01".parse().expect("date")));
    p.add_freeze_window(FreezeWindow {
        name: "dated".into(),
        from: TimePoint::Date("2014-01-01".parse().expect("date")),
        to: TimePoint::Date("2014-12-31".parse().expect("date")),
    });
    assert_ok(&p, &complete(&p, vec![one("a", 0), one("b", 1)]));
}

//! Monte Carlo dates: percentiles in order, the same figures for any thread count, wider
//! estimates giving wider ranges, and every re-levelled run a plan the verifier accepts.

mod common;

use common::planned;
use leverans::io::read_portfolio_json;
use leverans::plan::Plan;
use leverans::simulate::{simulate, SimulateOptions, Simulator};
use leverans::{verify, Calendar, Dependency, Order, Portfolio, SolveOptions, Team, TimePoint};
use std::path::Path;
use std::sync::OnceLock;

fn tyreso() -> Portfolio {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/tyreso-2013/portfolio.json");
    let text = std::fs::read_to_string(&path).expect("the Tyresö example is in the repository");
    read_portfolio_json(&text, "portfolio.json").expect("the Tyresö example is valid")
}

/// The Tyresö portfolio and a verified plan of it (30 s at most, 1 thread: robust on a busy
/// machine), made once for this file.
fn tyreso_plan() -> &'static (Portfolio, Plan) {
    static PLAN: OnceLock<(Portfolio, Plan)> = OnceLock::new();
    PLAN.get_or_init(|| {
        let p = tyreso();
        let options = SolveOptions::default()
            .with_time_limit(30.0)
            .with_threads(1);
        let (_, plan) = planned(&p, &options);
        (p, plan)
    })
}

/// Re-levels runs `0..n` of seed `seed` into full plans and checks each with the verifier
/// against its run portfolio (drawn hours, deadlines lifted, calendar extended).
fn verify_runs(p: &Portfolio, plan: &Plan, seed: u64, n: u64) {
    let sim = Simulator::new(p, plan).expect("a plan of this portfolio");
    for run in 0..n {
        let (run_portfolio, run_plan) = sim.run_plan(seed, run).expect("the run is placed");
        let report = verify(&run_portfolio, &run_plan);
        assert!(report.is_ok(), "run {run} breaks rules:\n{report}");
    }
}

#[test]
fn tyreso_1000_runs_give_ordered_percentiles_whatever_the_threads() {
    let (p, plan) = tyreso_plan();
    let one = simulate(p, plan, &SimulateOptions::new(1000, 1).with_threads(1)).unwrap();
    let two = simulate(p, plan, &SimulateOptions::new(1000, 1).with_threads(2)).unwrap();
    assert_eq!(one, two, "the figures depend on the thread count");
    let mut spread = 0;
    for o in &one.orders {
        let Some(g) = o.go_live_period else {
            assert_ne!(o.state, "simulated", "{}", o.id);
            continue;
        };
        assert!(g.p50 <= g.p85 && g.p85 <= g.p95, "{}: {g:?}", o.id);
        assert!(
            o.p50 <= o.p85 && o.p85 <= o.p95,
            "{}: dates out of order",
            o.id
        );
        if g.p95 > g.p50 {
            spread += 1;
        }
    }
    // The large projects carry wide estimates: their go-lives, and those behind them, spread.
    assert!(spread >= 5, "only {spread} orders have P95 after P50");
    let s = &one.summary;
    for x in [
        s.value_on_time,
        s.weighted_lateness,
        s.consultant_spend,
        s.last_go_live_period,
    ] {
        assert!(x.p50 <= x.p85 && x.p85 <= x.p95, "{x:?}");
    }
    let other_seed = simulate(p, plan, &SimulateOptions::new(1000, 2).with_threads(2)).unwrap();
    assert_ne!(one.orders, other_seed.orders, "the seed changes nothing");
}

#[test]
fn exact_estimates_repeat_the_tyreso_plan_order_for_order() {
    let (p, plan) = tyreso_plan();
    let mut exact = p.clone();
    for e in exact.orders.iter_mut().flat_map(|o| o.effort.iter_mut()) {
        e.hours_low = None;
        e.hours_high = None;
    }
    let sim = simulate(&exact, plan, &SimulateOptions::new(3, 1)).unwrap();
    for (f, po) in sim.orders.iter().zip(&plan.orders) {
        let planned = po.go_live_period.map(f64::from);
        assert_eq!(
            f.go_live_period.map(|g| g.p95),
            planned.filter(|_| f.state == "simulated"),
            "{}",
            f.id
        );
    }
    let s = &sim.summary;
    assert_eq!(s.weighted_lateness.p50, plan.summary.weighted_lateness);
    assert!((s.consultant_spend.p95 - plan.summary.consultant_cost).abs() < 1e-3);
    assert!((s.consultant_spend.p50 - plan.summary.consultant_cost).abs() < 1e-3);
}

#[test]
fn tyreso_runs_are_plans_the_verifier_accepts() {
    let (p, plan) = tyreso_plan();
    verify_runs(p, plan, 1, 20);
}

/// Two teams of 10 h a period, each with one order of 100 h (10 periods at full pace): `a`
/// estimated 90–110 h, `b` 60–250 h.
fn twins() -> Portfolio {
    let mut p = Portfolio::new(Calendar::units(40));
    p.add_team(Team::new("ta", 10.0));
    p.add_team(Team::new("tb", 10.0));
    let mut a = Order::effort("a", [("ta", 100.0)]);
    a.effort[0].hours_low = Some(90.0);
    a.effort[0].hours_high = Some(110.0);
    a.due = Some(TimePoint::Period(10));
    let mut b = Order::effort("b", [("tb", 100.0)]);
    b.effort[0].hours_low = Some(60.0);
    b.effort[0].hours_high = Some(250.0);
    b.due = Some(TimePoint::Period(10));
    p.add_order(a);
    p.add_order(b);
    p
}

#[test]
fn a_wider_estimate_gives_a_wider_range_of_go_lives() {
    let p = twins();
    let (_, plan) = planned(&p, &SolveOptions::default().with_time_limit(10.0));
    let sim = simulate(&p, &plan, &SimulateOptions::new(1000, 7)).unwrap();
    let range = |k: usize| {
        let g = sim.orders[k].go_live_period.unwrap();
        g.p95 - g.p50
    };
    // `a`: 9 to 11 periods of work, go-live in period 8 to 10; `b`: 6 to 25 periods, its
    // PERT mean (60 + 400 + 250) / 6 ≈ 118 h skews it late.
    assert!(range(0) <= 1.0, "a: {:?}", sim.orders[0].go_live_period);
    assert!(range(1) >= 3.0, "b: {:?}", sim.orders[1].go_live_period);
    assert!(sim.orders[0].on_time.unwrap() > sim.orders[1].on_time.unwrap());
    verify_runs(&p, &plan, 7, 5);
}

#[test]
fn exact_estimates_rerun_the_plan_period_for_period() {
    // One team of 10 h a period: `first` (40 h) in periods 0–3 goes live in 3, `second`
    // (30 h, waiting for it) in periods 4–6 goes live in 6; due in 2 for `first`, so every
    // run is one period late there.
    let mut p = Portfolio::new(Calendar::units(12));
    p.add_team(Team::new("dev", 10.0));
    let mut first = Order::effort("first", [("dev", 40.0)]);
    first.due = Some(TimePoint::Period(2));
    first.deadline = Some(TimePoint::Period(5));
    p.add_order(first);
    p.add_order(Order::effort("second", [("dev", 30.0)]));
    p.dependencies
        .push(Dependency::finish_to_start("first", "second"));
    let (_, plan) = planned(&p, &SolveOptions::default().with_time_limit(10.0));
    let sim = simulate(&p, &plan, &SimulateOptions::new(50, 3)).unwrap();
    for (o, at) in sim.orders.iter().zip([3.0, 6.0]) {
        let g = o.go_live_period.unwrap();
        assert_eq!((g.p50, g.p85, g.p95, g.mean), (at, at, at, at), "{}", o.id);
    }
    assert_eq!(sim.orders[0].on_time, Some(0.0));
    assert_eq!(sim.orders[0].meets_deadline, Some(1.0));
    assert_eq!(sim.orders[1].on_time, None);
    // Weight 2 (medium) × 1 period late, in every run.
    assert_eq!(sim.summary.weighted_lateness.p95, 2.0);
    assert_eq!(sim.summary.last_go_live_period.p50, 6.0);
    verify_runs(&p, &plan, 3, 2);
}

#[test]
fn bad_options_and_a_foreign_plan_are_errors_naming_what_is_wrong() {
    let p = twins();
    let (_, plan) = planned(&p, &SolveOptions::default().with_time_limit(10.0));
    let e = simulate(&p, &plan, &SimulateOptions::new(0, 1)).unwrap_err();
    assert!(e.to_string().contains("`runs` = 0"), "{e}");
    let e = simulate(&p, &plan, &SimulateOptions::new(10, 1).with_threads(0)).unwrap_err();
    assert!(e.to_string().contains("`threads` = 0"), "{e}");
    let mut other = p.clone();
    other.orders[1].id = "c".into();
    let e = simulate(&other, &plan, &SimulateOptions::new(10, 1)).unwrap_err();
    assert!(e.to_string().contains("`b`"), "{e}");
    // A plan that breaks a rule (a work slice far past the calendar) is refused, not run.
    let mut broken = plan.clone();
    broken.orders[0].work[0].period = 4_000_000_000;
    let e = simulate(&p, &broken, &SimulateOptions::new(10, 1)).unwrap_err();
    assert!(e.to_string().contains("breaks"), "{e}");
}

#[test]
fn fixed_durations_are_drawn_and_their_runs_keep_every_rule() {
    // Two fixed-duration orders in a row on one team of 4 h: `first` takes the whole team for
    // 2 to 6 periods (3 most likely), `then` 2 periods after it; planned go-lives 2 and 4.
    let mut p = Portfolio::new(Calendar::units(30));
    p.add_team(Team::new("dev", 4.0));
    let mut first = Order::fixed("first", 3, [("dev", 4.0)]);
    first.duration_low = Some(2);
    first.duration_high = Some(6);
    p.add_order(first);
    p.add_order(Order::fixed("then", 2, [("dev", 4.0)]));
    p.dependencies
        .push(Dependency::finish_to_start("first", "then"));
    let (_, plan) = planned(&p, &SolveOptions::default().with_time_limit(10.0));
    let sim = simulate(&p, &plan, &SimulateOptions::new(500, 5)).unwrap();
    let (a, b) = (
        sim.orders[0].go_live_period.unwrap(),
        sim.orders[1].go_live_period.unwrap(),
    );
    // `first` goes live at the end of its drawn duration (period 1 to 5), `then` two later.
    assert!(a.p50 >= 1.0 && a.p95 <= 5.0 && a.p50 < a.p95, "{a:?}");
    assert_eq!(
        (b.p50, b.p85, b.p95),
        (a.p50 + 2.0, a.p85 + 2.0, a.p95 + 2.0)
    );
    verify_runs(&p, &plan, 5, 10);
}

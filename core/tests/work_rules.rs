//! The work rules: teams finish what they start (stretch cap, steady pace, orders open at once
//! per team), checked on plans the verifier accepts.

mod common;

use common::{d, solve_verified};
use leverans::plan::realism;
use leverans::{Calendar, Order, Portfolio, SolveOptions, Team, TimePoint};

/// One team of one full-time person and four orders of 40 h each, at most 10 h a week: at
/// full pace four weeks each (five from New Year's Day week), all wanted in week 5.
fn four_orders() -> Portfolio {
    let mut p = Portfolio::new(Calendar::weeks(d("2024-01-01"), d("2024-06-30")));
    p.add_team(Team::new("dev", 40.0));
    for id in ["a", "b", "c", "d"] {
        let mut o = Order::effort(id, [("dev", 40.0)]);
        o.effort[0].max_hours_per_week = Some(10.0);
        o.due = Some(TimePoint::Period(4));
        p.add_order(o);
    }
    p
}

fn most_open(p: &Portfolio, plan: &leverans::plan::Plan) -> usize {
    let spans: Vec<(u32, u32)> = plan
        .orders
        .iter()
        .filter_map(|o| Some((o.start_period?, o.finish_period?)))
        .collect();
    (0..26u32)
        .map(|t| spans.iter().filter(|&&(s, f)| s <= t && t <= f).count())
        .max()
        .unwrap_or(0)
        .min(p.orders.len())
}

#[test]
fn without_a_limit_every_order_runs_at_once() {
    let p = four_orders();
    let out = solve_verified(&p, &SolveOptions::default().with_time_limit(20.0));
    let plan = out.plan.expect("a plan");
    assert_eq!(most_open(&p, &plan), 4);
    assert_eq!(plan.summary.weighted_lateness, 0.0);
}

#[test]
fn max_open_per_fte_keeps_a_team_to_its_limit_in_mip_and_heuristic() {
    let mut p = four_orders();
    p.work_rules.max_open_per_fte = Some(2.0);
    let out = solve_verified(&p, &SolveOptions::default().with_time_limit(20.0));
    let plan = out.plan.expect("a plan");
    assert_eq!(most_open(&p, &plan), 2);
    // Two at a time: the second pair finishes four weeks after the first.
    assert!(plan.summary.orders_late >= 2, "{:?}", plan.summary);
    let r = realism(&p, &plan);
    assert!(r.max_open_orders_per_fte <= 2.0 + 1e-9, "{r:?}");

    // The heuristic alone keeps the limit too.
    let problem = leverans::validate(&p).expect("valid");
    let windows = leverans::problem::Windows::compute(&problem, problem.periods).expect("windows");
    let levels = leverans::Goal::portfolio_default().levels();
    let budget = leverans::heuristic::SearchEffort::default();
    let s = leverans::heuristic::best_schedule(&problem, &windows, &levels, &budget)
        .expect("a heuristic plan");
    let tl = leverans::Timeline::new(&p.calendar).expect("calendar");
    let plan = leverans::plan::build_plan(&p, &tl, &problem, &s);
    let report = leverans::verify(&p, &plan);
    assert!(report.is_ok(), "{report}");
    assert_eq!(most_open(&p, &plan), 2);
}

#[test]
fn max_stretch_caps_a_trickling_order() {
    // 40 h at 10 h a week needs 4 weeks; the plan may not spread it over more than 8.
    let mut p = Portfolio::new(Calendar::weeks(d("2024-01-01"), d("2024-06-30")));
    p.add_team(Team::new("dev", 40.0));
    let mut o = Order::effort("slow", [("dev", 40.0)]);
    o.effort[0].max_hours_per_week = Some(10.0);
    p.add_order(o);
    let out = solve_verified(&p, &SolveOptions::default().with_time_limit(10.0));
    let po = out.plan.expect("a plan").orders[0].clone();
    let span = po.finish_period.unwrap() - po.start_period.unwrap() + 1;
    assert!(span <= 8, "{po:?}");
}

#[test]
fn work_rules_out_of_range_are_reported_by_field() {
    let mut p = four_orders();
    p.work_rules.max_stretch = Some(0.5);
    p.work_rules.min_pace = Some(f64::NAN);
    p.work_rules.max_open_per_fte = Some(-1.0);
    p.work_rules.target_open_per_fte = Some(f64::INFINITY);
    let report = leverans::validate(&p).expect_err("four bad rules");
    let codes = report.codes();
    for code in [
        "invalid_max_stretch",
        "invalid_min_pace",
        "invalid_max_open_per_fte",
        "invalid_target_open_per_fte",
    ] {
        assert!(codes.contains(&code), "{report}");
    }
    assert!(
        report.to_string().contains("target_open_per_fte"),
        "{report}"
    );
}

/// A deadline the own team cannot meet and consultants within the budget can: 240 h by the
/// end of week 4, a team of 40 h a week, 20 consultant hours a week at 1 000 a hour, a
/// budget of 100 000.
fn needs_consultants() -> Portfolio {
    let mut p = Portfolio::new(Calendar::weeks(d("2024-01-08"), d("2024-03-31")));
    let mut dev = Team::new("dev", 40.0);
    dev.consultants = Some(leverans::ConsultantCapacity {
        hours_per_week: 20.0,
        cost_per_hour: 1000.0,
        max_hours: None,
    });
    p.add_team(dev);
    let mut o = Order::effort("urgent", [("dev", 240.0)]);
    o.deadline = Some(TimePoint::Period(3));
    p.add_order(o);
    p.budgets.push(leverans::Budget {
        per: leverans::BudgetSpan::Total,
        amount: 100_000.0,
    });
    p
}

#[test]
fn the_heuristic_buys_consultants_for_a_deadline_the_team_cannot_meet() {
    let p = needs_consultants();
    let problem = leverans::validate(&p).expect("valid");
    let windows = leverans::problem::Windows::compute(&problem, problem.periods).expect("windows");
    let levels = leverans::Goal::steering().levels();
    let s = leverans::heuristic::best_schedule(
        &problem,
        &windows,
        &levels,
        &leverans::heuristic::SearchEffort::default(),
    )
    .expect("a first plan with consultant hours");
    let hours: f64 = s.jobs[0].work.iter().map(|w| w.2).sum();
    assert!((hours - 240.0).abs() < 1e-6);
    assert!(s.jobs[0].go_live <= 3);
    // Through the solve: 80 consultant hours, the least that meets the deadline.
    let out = solve_verified(&p, &SolveOptions::default().with_time_limit(20.0));
    let plan = out.plan.expect("a plan");
    assert!(
        (plan.summary.consultant_hours - 80.0).abs() < 1e-6,
        "{:?}",
        plan.summary
    );
}

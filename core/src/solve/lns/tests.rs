//! The neighbourhood search on a small, tight portfolio: it improves a greedy plan, every plan
//! it returns keeps every rule (checked by the independent verifier), and a step's reduced
//! problem maps back exactly.

use super::sub::Sub;
use super::*;
use crate::heuristic::{best_schedule, SearchEffort};
use crate::model::{Calendar, Order, Portfolio, Team, TimePoint};
use crate::objective::{level_value, Goal};
use crate::plan::build_plan;

/// 24 effort-driven orders on 3 teams over 30 periods, due early so that many are late, with
/// weights that a due-date-first plan ignores.
pub(crate) fn portfolio() -> Portfolio {
    let mut p = Portfolio::new(Calendar::units(30));
    for t in ["dev", "ops", "test"] {
        p.add_team(Team::new(t, 40.0));
    }
    for k in 0..24u32 {
        let team = ["dev", "ops", "test"][k as usize % 3];
        let other = ["ops", "test", "dev"][k as usize % 3];
        let mut o = Order::effort(
            format!("o{k}"),
            [(team, 40.0 + 10.0 * (k % 4) as f64), (other, 20.0)],
        );
        o.due = Some(TimePoint::Period(2 + k % 6));
        o.weight = Some(1.0 + (k * 7 % 5) as f64);
        p.add_order(o);
    }
    p
}

/// The Tyresö 2013–2014 example portfolio, read from the repository.
pub(crate) fn tyreso() -> Portfolio {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../examples/tyreso-2013/portfolio.json");
    let text = std::fs::read_to_string(&path).expect("the Tyresö example is in the repository");
    crate::io::read_portfolio_json(&text, "portfolio.json").expect("a valid example")
}

fn settings() -> MipSettings {
    MipSettings::from_options(&crate::SolveOptions::default(), None)
}

/// The plan of one run of the serial scheme (no samples, no search) on the first level.
pub(crate) fn greedy(
    problem: &Problem,
    windows: &Windows,
    levels: &[Vec<(Objective, f64)>],
) -> Schedule {
    let one_run = SearchEffort {
        samples: 0,
        evaluations: 1,
        seconds: None,
        seed: 0,
        threads: 1,
    };
    best_schedule(problem, windows, &levels[..1], &one_run).expect("a greedy plan")
}

#[test]
fn improves_a_greedy_plan_and_every_plan_verifies() {
    let portfolio = portfolio();
    let problem = crate::validate(&portfolio).unwrap();
    let windows = Windows::compute(&problem, problem.periods).unwrap();
    let levels = Goal::portfolio_default().levels();
    let start = greedy(&problem, &windows, &levels);
    let better = searched(&problem, &windows, &levels, &start);
    assert_verified(&portfolio, &problem, &better);
}

#[test]
fn two_lanes_share_the_best_plan_and_every_plan_verifies() {
    let portfolio = portfolio();
    let problem = crate::validate(&portfolio).unwrap();
    let windows = Windows::compute(&problem, problem.periods).unwrap();
    let levels = Goal::portfolio_default().levels();
    let start = greedy(&problem, &windows, &levels);
    let before = level_value(&levels[0], &problem, &start);
    let deadline = Instant::now() + std::time::Duration::from_secs(3);
    let two = MipSettings {
        threads: 2,
        ..settings()
    };
    let search = Search::new(&problem, &windows, &levels[..1], &[], &start);
    search.lanes(deadline, &two);
    let out = search.into_run();
    let better = out.schedule.expect("two lanes improve a greedy plan");
    let after = level_value(&levels[0], &problem, &better);
    assert!(after < before, "{after} not below the greedy {before}");
    assert_verified(&portfolio, &problem, &better);
    // Lanes offer their plans to one best: a plan no better than it is refused (a lane whose
    // step began from an older best), and a search nothing improved returns no plan.
    let search = Search::new(&problem, &windows, &levels[..1], &[], &better);
    assert!(!search.offer(start.clone(), vec![before]));
    assert!(search.into_run().schedule.is_none());
}

/// The search's plan from `start` on the first level within 3 s, which must beat `start`.
fn searched(
    problem: &Problem,
    windows: &Windows,
    levels: &[Vec<(Objective, f64)>],
    start: &Schedule,
) -> Schedule {
    let before = level_value(&levels[0], problem, start);
    let deadline = Instant::now() + std::time::Duration::from_secs(3);
    let out = run(
        problem,
        windows,
        &levels[..1],
        &[],
        start,
        deadline,
        &settings(),
    );
    let better = out.schedule.expect("the search improves a greedy plan");
    let after = level_value(&levels[0], problem, &better);
    assert!(after < before, "{after} not below the greedy {before}");
    better
}

/// The step problem freeing `free` (3 periods either way) with `level` held at its value in
/// `s`.
fn step_of(
    problem: &Problem,
    windows: &Windows,
    s: &Schedule,
    free: &[usize],
    level: &[(Objective, f64)],
) -> Sub {
    let held = level_value(level, problem, s);
    Sub::build(problem, windows, s, free, 3, &[(level.to_vec(), held)])
        .expect("an exact step problem")
}

/// `s`, settled as every plan leaves the solve (go-lives the MIP left waiting come forward),
/// passes the independent verifier.
pub(crate) fn assert_verified(portfolio: &Portfolio, problem: &Problem, s: &Schedule) {
    let mut s = s.clone();
    s.settle(problem);
    let timeline = crate::Timeline::new(&portfolio.calendar).unwrap();
    let plan = build_plan(portfolio, &timeline, problem, &s);
    let report = crate::verify(portfolio, &plan);
    assert!(report.is_ok(), "{report:?}");
}

#[test]
fn a_step_problem_maps_back_to_the_same_plan() {
    let portfolio = portfolio();
    let problem = crate::validate(&portfolio).unwrap();
    let windows = Windows::compute(&problem, problem.periods).unwrap();
    let levels = Goal::portfolio_default().levels();
    let s = greedy(&problem, &windows, &levels);
    let sub = step_of(&problem, &windows, &s, &[0, 5, 11], &levels[0]);
    // The step's orders keep their periods, the rest leave the capacity.
    assert_eq!(sub.merge(&s, sub.restrict(&s)), s);
    let hours = |p: &Problem| p.capacity.iter().flatten().sum::<f64>();
    let planned: f64 = (0..problem.jobs.len())
        .map(|j| s.hours(&problem, j).iter().map(|h| h.2).sum::<f64>())
        .sum();
    let in_step: f64 = (0..sub.problem.jobs.len())
        .map(|k| {
            sub.restrict(&s)
                .hours(&sub.problem, k)
                .iter()
                .map(|h| h.2)
                .sum::<f64>()
        })
        .sum();
    assert!((hours(&problem) - hours(&sub.problem) - (planned - in_step)).abs() < 1e-6);
    // The held level loses exactly what the orders left out cost.
    let step_cost = level_value(&levels[0], &sub.problem, &sub.restrict(&s));
    assert!((sub.holds[0].1 - step_cost).abs() < 1e-6);
}

/// [`portfolio`] with every third order optional (worth its weight × 100, a few at 60 % scope)
/// and consultants for `dev` within a ceiling: a portfolio with decisions open.
fn with_decisions() -> Portfolio {
    let mut p = portfolio();
    for (k, o) in p.orders.iter_mut().enumerate() {
        if k % 3 == 0 {
            o.optional = true;
            o.value = Some(100.0 * o.weight.unwrap_or(1.0));
        }
        if k % 6 == 3 {
            o.min_scope = Some(0.6);
        }
    }
    p.teams[0].consultants = Some(crate::model::ConsultantCapacity {
        hours_per_week: 20.0,
        cost_per_hour: 1_000.0,
        max_hours: Some(120.0),
    });
    p
}

#[test]
fn with_decisions_improves_a_greedy_plan_and_keeps_the_kept_orders_selection() {
    let portfolio = with_decisions();
    let problem = crate::validate(&portfolio).unwrap();
    assert!(problem.has_decisions());
    let windows = Windows::compute(&problem, problem.periods).unwrap();
    let levels = crate::SolveOptions::default()
        .goal
        .resolve(&portfolio)
        .levels();
    let start = greedy(&problem, &windows, &levels);
    assert_verified(&portfolio, &problem, &start);
    // One step: the orders outside the step keep their selection, and the plan keeps every
    // rule.
    let stopped: Vec<usize> = (0..problem.jobs.len())
        .filter(|&j| !start.jobs[j].selected)
        .collect();
    let free = around_order(&problem, &start, stopped.first().copied().unwrap_or(0), 4);
    let (_, stepped) = solve_step(
        &problem,
        &windows,
        &start,
        &free,
        &levels[0],
        &[],
        &settings(),
    );
    let stepped = stepped.expect("the incumbent is a plan of the step");
    assert_verified(&portfolio, &problem, &stepped);
    for j in (0..problem.jobs.len()).filter(|j| !free.contains(j)) {
        assert_eq!(stepped.jobs[j].selected, start.jobs[j].selected, "job {j}");
    }
    // The search as a whole improves the greedy plan on the first level.
    let better = searched(&problem, &windows, &levels, &start);
    assert_verified(&portfolio, &problem, &better);
}

/// [`with_decisions`] with every limit that couples orders: go-live slots, a consultant
/// budget and an orderer's share of the hours.
fn coupled() -> Portfolio {
    let mut p = with_decisions();
    p.max_go_lives_per_period = Some(3);
    p.budgets.push(crate::model::Budget {
        per: crate::model::BudgetSpan::Total,
        amount: 80_000.0,
    });
    for (k, o) in p.orders.iter_mut().enumerate() {
        o.orderer = if k % 2 == 0 { "a" } else { "b" }.into();
    }
    p.orderer_shares.push(crate::model::OrdererShare {
        orderer: "a".into(),
        min_share: Some(0.3),
        max_share: None,
    });
    p
}

#[test]
fn a_step_with_decisions_takes_the_orders_left_out_off_every_shared_limit() {
    let portfolio = coupled();
    let problem = crate::validate(&portfolio).unwrap();
    let windows = Windows::compute(&problem, problem.periods).unwrap();
    let levels = crate::SolveOptions::default()
        .goal
        .resolve(&portfolio)
        .levels();
    let start_settings = MipSettings {
        time_limit: Some(5.0),
        ..settings()
    };
    let s = mip::run(&problem, &windows, &levels[0], &[], None, &start_settings)
        .unwrap()
        .schedule
        .expect("a first plan of the coupled portfolio");
    let free = around_order(&problem, &s, 0, 6);
    let held = level_value(&levels[0], &problem, &s);
    let sub = step_of(&problem, &windows, &s, &free, &levels[0]);
    let inside = sub.restrict(&s);
    // The held level loses exactly what the orders left out cost on it.
    let step_cost = level_value(&levels[0], &sub.problem, &inside);
    assert!((sub.holds[0].1 - step_cost).abs() < 1e-6);
    // Go-lives per period: the step's and those left out add up to the plan's.
    let outside = &sub.problem.outside;
    for t in 0..problem.periods {
        let all = s
            .jobs
            .iter()
            .filter(|j| j.selected && j.go_live == t)
            .count();
        let here = inside
            .jobs
            .iter()
            .filter(|j| j.selected && j.go_live == t)
            .count();
        assert_eq!(all, here + outside.go_lives[t] as usize, "period {t}");
    }
    // Hours: the step's and those left out add up to the plan's, in total and in the share.
    let hours = |p: &Problem, s: &Schedule, j: usize| -> f64 {
        s.hours(p, j).iter().map(|h| h.2).sum::<f64>()
    };
    let all: f64 = (0..problem.jobs.len())
        .map(|j| hours(&problem, &s, j))
        .sum();
    let here: f64 = (0..sub.problem.jobs.len())
        .map(|k| hours(&sub.problem, &inside, k))
        .sum();
    assert!((all - here - outside.total_hours).abs() < 1e-6);
    // Mapping back gives the plan again; a step's plan keeps every rule.
    let back = sub.merge(&s, inside);
    assert_eq!(back.jobs, s.jobs);
    let (_, stepped) = solve_step(&problem, &windows, &s, &free, &levels[0], &[], &settings());
    let stepped = stepped.expect("the incumbent is a plan of the step");
    assert!(level_value(&levels[0], &problem, &stepped) <= held + 1e-6);
    assert_verified(&portfolio, &problem, &stepped);
}

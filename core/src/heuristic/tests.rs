//! The heuristic on its own: every schedule it returns keeps every rule of the independent
//! verifier, on random portfolios with every feature the scheme handles; the search is
//! reproducible; justification never lengthens a plain RCPSP schedule.

use super::justify::Justifier;
use super::rules::{build_list, SplitMix};
use super::sgs::Sgs;
use super::{best_schedule, SearchEffort};
use crate::model::{
    Calendar, DependencyKind, FreezeWindow, Order, OrderId, OrderStatus, Portfolio, Team,
    TimePoint, Timeline,
};
use crate::objective::{Goal, Objective};
use crate::plan::build_plan;
use crate::problem::{Problem, Windows};

/// A budget that only the evaluation count ends (so runs are reproducible).
fn budget(evaluations: usize, seed: u64) -> SearchEffort {
    SearchEffort {
        samples: 8,
        evaluations,
        seconds: None,
        seed,
        threads: 1,
    }
}

/// A random portfolio on a unit calendar: fixed and effort-driven orders, dependencies of every
/// kind with lags and leads, releases, due dates, deadlines, go-live lags, a freeze window, a
/// go-live limit and an order in progress, each drawn or not.
fn random_portfolio(seed: u64, fixed_only: bool) -> Portfolio {
    let mut rng = SplitMix(seed);
    let mut pick = |n: usize| rng.below(n);
    let n = 12 + pick(12) as u32;
    let mut p = Portfolio::new(Calendar::units(n));
    let teams = 1 + pick(2);
    for r in 0..teams {
        p.add_team(Team::new(format!("t{r}"), (2 + pick(4)) as f64));
    }
    let orders = 3 + pick(6);
    for k in 0..orders {
        let team = format!("t{}", pick(teams));
        let mut o = if fixed_only || pick(2) == 0 {
            Order::fixed(
                format!("o{k}"),
                1 + pick(3) as u32,
                [(team, (1 + pick(2)) as f64)],
            )
        } else {
            let mut o = Order::effort(format!("o{k}"), [(team, (2 + pick(8)) as f64)]);
            if pick(2) == 0 {
                o.effort[0].max_hours_per_week = Some((1 + pick(3)) as f64);
            }
            if pick(3) == 0 {
                o.min_duration = Some(1 + pick(3) as u32);
            }
            o
        };
        if !fixed_only {
            if pick(4) == 0 {
                o.release = Some(TimePoint::Period(pick(n as usize / 2) as u32));
            }
            if pick(2) == 0 {
                o.due = Some(TimePoint::Period(pick(n as usize) as u32));
            }
            if pick(5) == 0 {
                o.deadline = Some(TimePoint::Period(
                    (n as usize / 2 + pick(n as usize / 2)) as u32,
                ));
            }
            o.go_live_lag = u32::from(pick(4) == 0);
            o.weight = Some((1 + pick(4)) as f64);
        }
        p.add_order(o);
    }
    for _ in 0..pick(6) {
        let (a, b) = (pick(orders), pick(orders));
        if a != b {
            let kind = if fixed_only {
                DependencyKind::FinishToStart
            } else {
                DependencyKind::ALL[pick(3)]
            };
            let lag = if fixed_only { 0 } else { pick(4) as i32 - 1 };
            p.add_dependency(OrderId(a.min(b)), OrderId(a.max(b)), kind, lag);
        }
    }
    if !fixed_only {
        if pick(3) == 0 {
            let from = pick(n as usize) as u32;
            p.add_freeze_window(FreezeWindow {
                name: String::new(),
                from: TimePoint::Period(from),
                to: TimePoint::Period((from + 1).min(n - 1)),
            });
        }
        if pick(3) == 0 {
            p.max_go_lives_per_period = Some(1 + pick(2) as u32);
        }
        if pick(4) == 0 {
            // Only an order nothing waits before can already run.
            let first = OrderId(0);
            if !p.dependencies.iter().any(|d| d.to == p.orders[first.0].id) {
                p.orders[0].status = OrderStatus::InProgress;
            }
        }
    }
    p
}

/// The heuristic's schedule for `goal`, checked by the verifier; None when the portfolio is
/// invalid or the heuristic finds nothing.
fn verified(p: &Portfolio, goal: &Goal, b: &SearchEffort) -> Option<crate::schedule::Schedule> {
    let problem = crate::validate(p).ok()?;
    let windows = Windows::compute(&problem, problem.periods).ok()?;
    let s = best_schedule(&problem, &windows, &goal.levels(), b)?;
    let tl = Timeline::new(&p.calendar).expect("a unit calendar");
    let plan = build_plan(p, &tl, &problem, &s);
    let report = crate::verify(p, &plan);
    assert!(
        report.is_ok(),
        "{goal:?}: the heuristic's plan breaks rules:\n{report}\n{}",
        serde_json::to_string(p).unwrap_or_default()
    );
    Some(s)
}

#[test]
fn every_heuristic_plan_verifies() {
    let mut planned = 0;
    for seed in 0..400 {
        let p = random_portfolio(seed, false);
        for o in [
            Objective::Makespan,
            Objective::WeightedLateness,
            Objective::WeightedCompletion,
        ] {
            planned += usize::from(verified(&p, &Goal::single(o), &budget(200, seed)).is_some());
        }
    }
    // Most random portfolios have a plan; the test must not pass by finding none.
    assert!(planned > 600, "only {planned} plans");
}

#[test]
fn same_seed_same_schedule() {
    for seed in 0..20 {
        let p = random_portfolio(seed, false);
        for goal in [Goal::single(Objective::Makespan), Goal::portfolio_default()] {
            let a = verified(&p, &goal, &budget(300, 7));
            let b = verified(&p, &goal, &budget(300, 7));
            assert_eq!(a, b, "seed {seed}, {goal:?}");
        }
    }
}

#[test]
fn the_search_finds_the_small_optimum() {
    // a alone (both units of dev), then b and c side by side: makespan 5; list order a, b, c
    // would run b beside nothing and c after it.
    let mut p = Portfolio::new(Calendar::units(12));
    p.add_team(Team::new("dev", 2.0));
    p.add_order(Order::fixed("b", 3, [("dev", 1.0)]));
    p.add_order(Order::fixed("a", 2, [("dev", 2.0)]));
    p.add_order(Order::fixed("c", 3, [("dev", 1.0)]));
    let goal = Goal::single(Objective::Makespan);
    let s = verified(&p, &goal, &budget(500, 0)).expect("a plan");
    let problem = crate::validate(&p).expect("valid");
    assert_eq!(Objective::Makespan.evaluate(&problem, &s), 5.0);
}

/// Decodes a random list of a plain RCPSP and its double justification.
fn justify_once(problem: &Problem, windows: &Windows, rng: &mut SplitMix) -> Option<(f64, f64)> {
    let mut sgs = Sgs::new(problem, windows.horizon);
    let mut j = Justifier::new(problem, windows.horizon);
    let list = build_list(problem, windows, super::Rule::LatestFinish, Some(rng));
    let s = sgs.run(problem, &list)?;
    let back = j.backward(problem, &s, &list)?;
    let s2 = sgs.run(problem, &back)?;
    Some((
        Objective::Makespan.evaluate(problem, &s),
        Objective::Makespan.evaluate(problem, &s2),
    ))
}

#[test]
fn justification_never_lengthens_a_plain_rcpsp_schedule() {
    let mut shorter = 0;
    let mut rng = SplitMix(11);
    for seed in 0..200 {
        let p = random_portfolio(seed, true);
        let Ok(problem) = crate::validate(&p) else {
            continue;
        };
        let Ok(windows) = Windows::compute(&problem, problem.periods) else {
            continue;
        };
        for _ in 0..5 {
            let Some((before, after)) = justify_once(&problem, &windows, &mut rng) else {
                continue;
            };
            assert!(after <= before, "seed {seed}: {before} -> {after}");
            shorter += usize::from(after < before);
        }
    }
    assert!(shorter > 0, "justification never helped");
}

#[test]
fn the_search_works_its_way_to_feasibility() {
    // Lists the scheme cannot finish stay in the population, ranked by the jobs they leave
    // out, and the job that did not fit moves forward: random portfolios where every priority
    // rule misses a deadline (or the horizon) still get a plan.
    let mut rescued = 0;
    for seed in 0..2000 {
        let p = random_portfolio(seed, false);
        for o in [Objective::Makespan, Objective::WeightedLateness] {
            let goal = Goal::single(o);
            let rules_only = SearchEffort {
                samples: 0,
                evaluations: 4,
                ..budget(0, seed)
            };
            let search = SearchEffort {
                samples: 0,
                ..budget(2000, seed)
            };
            let (a, b) = (
                verified(&p, &goal, &rules_only),
                verified(&p, &goal, &search),
            );
            assert!(
                a.is_none() || b.is_some(),
                "seed {seed}: the search lost a plan"
            );
            rescued += usize::from(a.is_none() && b.is_some());
        }
    }
    assert!(
        rescued > 0,
        "no portfolio where the search found what the rules missed"
    );
}

#[test]
fn incremental_decoding_equals_a_full_decode() {
    // One scheme decodes a stream of lists, each a small change of the one before (so most
    // decodes start from a checkpoint); a fresh scheme decodes each from scratch. Same result,
    // hours included, failures at the same position.
    let mut rng = SplitMix(5);
    let mut compared = 0;
    for seed in 0..150 {
        let p = random_portfolio(seed, false);
        let Ok(problem) = crate::validate(&p) else {
            continue;
        };
        let Ok(windows) = Windows::compute(&problem, problem.periods) else {
            continue;
        };
        let mut inc = Sgs::new(&problem, windows.horizon);
        let mut list = build_list(&problem, &windows, super::Rule::EarliestDue, Some(&mut rng));
        let n = list.len();
        for _ in 0..40 {
            // A random move of one job (any list, precedence-feasible or not), or a fresh list.
            if n > 1 && rng.below(5) > 0 {
                let (a, b) = (rng.below(n), rng.below(n));
                let x = list.remove(a);
                list.insert(b, x);
            } else {
                list = build_list(
                    &problem,
                    &windows,
                    super::Rule::WeightedSlack,
                    Some(&mut rng),
                );
            }
            let full = Sgs::new(&problem, windows.horizon).try_run(&problem, &list);
            assert_eq!(
                inc.try_run(&problem, &list),
                full,
                "seed {seed}, list {list:?}"
            );
            compared += 1;
        }
    }
    assert!(compared > 2000);
}

#[test]
fn skipping_starts_that_cannot_fit_changes_no_placement() {
    // Effort-driven orders on one to three teams under the default work rules (a longest
    // span), half of them with a steady pace too, on loaded teams: the scheme that skips the
    // starts a failed run rules out places every job where the one trying every start in turn
    // does.
    let mut rng = SplitMix(11);
    let mut placed_any = false;
    let mut compared = 0;
    for seed in 0..200 {
        let mut g = SplitMix(seed);
        let periods = 16 + g.below(16) as u32;
        let mut p = Portfolio::new(Calendar::units(periods));
        if g.below(2) == 0 {
            p.work_rules.min_pace = Some(0.5);
        }
        let teams = 1 + g.below(3);
        for r in 0..teams {
            p.add_team(Team::new(format!("t{r}"), (4 + g.below(8)) as f64));
        }
        for k in 0..(6 + g.below(10)) {
            let loads: Vec<(String, f64)> = (0..1 + g.below(teams))
                .map(|r| (format!("t{r}"), (4 + g.below(30)) as f64))
                .collect();
            let mut o = Order::effort(format!("o{k}"), loads);
            for e in &mut o.effort {
                if g.below(2) == 0 {
                    e.max_hours_per_week = Some((2 + g.below(6)) as f64);
                }
            }
            if g.below(3) == 0 {
                o.release = Some(TimePoint::Period(g.below(periods as usize / 2) as u32));
            }
            p.add_order(o);
        }
        let Ok(problem) = crate::validate(&p) else {
            continue;
        };
        let Ok(windows) = Windows::compute(&problem, problem.periods) else {
            continue;
        };
        for _ in 0..5 {
            let list = build_list(&problem, &windows, super::Rule::EarliestDue, Some(&mut rng));
            let with = Sgs::new(&problem, windows.horizon).try_run(&problem, &list);
            super::sgs::NO_SKIPS.with(|c| c.set(true));
            let without = Sgs::new(&problem, windows.horizon).try_run(&problem, &list);
            super::sgs::NO_SKIPS.with(|c| c.set(false));
            placed_any |= with.is_ok();
            assert_eq!(with, without, "seed {seed}, list {list:?}");
            compared += 1;
        }
    }
    // Some lists decode in full, so whole plans are compared, not only failures.
    assert!(compared > 500 && placed_any, "{compared} lists compared");
}

#[test]
fn incremental_decoding_on_a_long_list() {
    // Enough jobs for many checkpoints; moves at every depth of the list.
    let mut p = Portfolio::new(Calendar::units(400));
    p.add_team(Team::new("a", 5.0));
    p.add_team(Team::new("b", 3.0));
    let mut rng = SplitMix(9);
    for k in 0..300 {
        let team = if rng.below(2) == 0 { "a" } else { "b" };
        let mut o = if rng.below(3) == 0 {
            Order::fixed(
                format!("o{k}"),
                1 + rng.below(3) as u32,
                [(team, 1.0 + rng.below(3) as f64)],
            )
        } else {
            let mut o = Order::effort(format!("o{k}"), [(team, 2.0 + rng.below(9) as f64)]);
            o.effort[0].max_hours_per_week = Some(1.0 + rng.below(3) as f64);
            o
        };
        o.due = Some(TimePoint::Period(rng.below(300) as u32));
        p.add_order(o);
    }
    p.max_go_lives_per_period = Some(3);
    let problem = crate::validate(&p).expect("valid");
    let windows = Windows::compute(&problem, problem.periods).expect("windows");
    let mut inc = Sgs::new(&problem, windows.horizon);
    let mut list = build_list(&problem, &windows, super::Rule::EarliestDue, None);
    for _ in 0..200 {
        let (a, b) = (rng.below(300), rng.below(300));
        let x = list.remove(a);
        list.insert(b, x);
        let full = Sgs::new(&problem, windows.horizon).try_run(&problem, &list);
        assert!(full.is_ok());
        assert_eq!(inc.try_run(&problem, &list), full);
    }
    // The decodes after the first were partial.
    assert!(inc.positions < 200 * 300);
}

#[test]
fn the_plan_does_not_depend_on_the_threads() {
    for seed in 0..30 {
        let p = random_portfolio(seed, false);
        let goal = Goal::portfolio_default();
        let one = verified(&p, &goal, &budget(400, seed));
        let two = verified(
            &p,
            &goal,
            &SearchEffort {
                threads: 2,
                ..budget(400, seed)
            },
        );
        assert_eq!(one, two, "seed {seed}");
    }
}

#[test]
fn soft_decoding_prices_what_a_strict_one_refuses() {
    // One unit of dev a period. `a` (3 periods) listed first pushes `b` past its deadline, and
    // `c` (6 periods) cannot finish within the 8 periods at all.
    let mut p = Portfolio::new(Calendar::units(8));
    p.add_team(Team::new("dev", 1.0));
    p.add_order(Order::fixed("a", 3, [("dev", 1.0)]));
    let mut b = Order::fixed("b", 2, [("dev", 1.0)]);
    b.deadline = Some(TimePoint::Period(2));
    p.add_order(b);
    p.add_order(Order::fixed("c", 6, [("dev", 1.0)]));
    let problem = crate::validate(&p).expect("valid");
    let mut strict = Sgs::new(&problem, problem.periods);
    assert_eq!(strict.try_run(&problem, &[0, 1, 2]).err(), Some(1));
    let mut soft = Sgs::new(&problem, problem.periods);
    soft.soft = true;
    let s = soft
        .try_run(&problem, &[0, 1, 2])
        .expect("a soft decode never fails");
    assert!(
        s.jobs[1].selected && s.jobs[1].go_live > 2,
        "b placed past its deadline"
    );
    assert!(!s.jobs[2].selected, "c left out, not failed");
}

#[test]
fn annealing_plans_keep_every_rule_on_fixed_pace_portfolios() {
    // Fixed-pace portfolios with deadlines and links, lateness first: the search anneals
    // (lists that miss deadlines on the way), and only plans that keep every rule come out.
    let goal = Goal::single(Objective::WeightedLateness);
    let mut planned = 0;
    for seed in 0..150 {
        let p = random_portfolio(seed, true);
        let problem = crate::validate(&p).expect("valid");
        assert!(super::anneals(&problem, &goal.levels()), "seed {seed}");
        for threads in [1, 2] {
            let b = SearchEffort {
                threads,
                ..budget(500, seed)
            };
            planned += usize::from(verified(&p, &goal, &b).is_some());
        }
    }
    assert!(planned > 200, "only {planned} plans");
}

#[test]
fn dues_carried_back_put_what_a_due_order_waits_on_first() {
    // One team, one order at a time. `b` (critical, due 4) waits on `a` (no due date); `c`
    // (due 5) competes with `a` for the team. Earliest due first places `c` before `a`, so `b`
    // goes live late; with `b`'s due carried back to `a`, `a` comes first and all are on time.
    let text = r#"{"calendar": {"period": "unit", "periods": 12},
      "teams": [{"id": "dev", "hours_per_week": 1}],
      "orders": [
        {"id": "a", "duration": 2, "demand": [{"team": "dev", "hours_per_week": 1}]},
        {"id": "b", "priority": "critical", "due": 4, "duration": 2,
         "demand": [{"team": "dev", "hours_per_week": 1}]},
        {"id": "c", "due": 5, "duration": 2, "demand": [{"team": "dev", "hours_per_week": 1}]}],
      "dependencies": [{"from": "a", "to": "b", "kind": "finish_to_start", "lag": 0}]}"#;
    let portfolio = crate::io::read_portfolio_json(text, "chain").unwrap();
    let problem = crate::validate(&portfolio).unwrap();
    let windows = Windows::compute(&problem, problem.periods).unwrap();
    let due = super::rules::dependants_due(&problem, &windows);
    let b_due = problem.jobs[1].due.unwrap() as i64;
    // `b` starts by its due less its start-to-go-live span; `a` goes live (here: finishes) the
    // period before that.
    let b_win = windows.jobs[1];
    let a_win = windows.jobs[0];
    let b_start = b_due - (b_win.eg as i64 - b_win.es as i64);
    assert_eq!(
        due[0],
        Some(b_start - 1 + (a_win.eg as i64 - a_win.ef as i64))
    );
    assert_eq!(due[1], Some(b_due));
    assert_eq!(due[2], problem.jobs[2].due.map(|d| d as i64));
    let lateness = |rule| {
        let list = super::rule_list(&problem, &windows, rule);
        let s = super::serial_sgs(&problem, &list, windows.horizon).expect("a plan");
        let plan = build_plan(
            &portfolio,
            &Timeline::new(&portfolio.calendar).unwrap(),
            &problem,
            &s,
        );
        assert!(crate::verify(&portfolio, &plan).is_ok());
        Objective::WeightedLateness.evaluate(&problem, &s)
    };
    assert!(lateness(super::Rule::EarliestDue) > 0.0);
    assert_eq!(lateness(super::Rule::DependantsDue), 0.0);
}

#[test]
fn dues_carry_back_along_every_link_kind() {
    // Each kind turns the dependant's latest start, finish or go-live into the predecessor's
    // latest go-live; with a go-live lag of 1 on both, spans are visible in every case.
    for (kind, lag) in [
        ("finish_to_start", 1),
        ("start_to_start", 0),
        ("finish_to_finish", 2),
        ("live_to_start", 0),
        ("live_to_live", 1),
    ] {
        let text = format!(
            r#"{{"calendar": {{"period": "unit", "periods": 30}},
              "teams": [{{"id": "dev", "hours_per_week": 2}}],
              "orders": [
                {{"id": "p", "duration": 3, "go_live_lag": 1, "demand": [{{"team": "dev", "hours_per_week": 1}}]}},
                {{"id": "s", "due": 20, "duration": 4, "go_live_lag": 1, "demand": [{{"team": "dev", "hours_per_week": 1}}]}}],
              "dependencies": [{{"from": "p", "to": "s", "kind": "{kind}", "lag": {lag}}}]}}"#
        );
        let portfolio = crate::io::read_portfolio_json(&text, kind).unwrap();
        let problem = crate::validate(&portfolio).unwrap();
        let windows = Windows::compute(&problem, problem.periods).unwrap();
        let due = super::rules::dependants_due(&problem, &windows)[0].unwrap();
        // A plan with `s` live exactly at its due and `p` live at `due`, each at its fastest,
        // keeps the link; one period later for `p` breaks it.
        let (p, s) = (windows.jobs[0], windows.jobs[1]);
        let (p_live_after_start, p_live_after_finish) =
            ((p.eg - p.es) as i64, (p.eg - p.ef) as i64);
        let (s_live_after_start, s_live_after_finish) =
            ((s.eg - s.es) as i64, (s.eg - s.ef) as i64);
        let s_go = 20_i64;
        let (s_start, s_finish) = (s_go - s_live_after_start, s_go - s_live_after_finish);
        let keeps = |p_go: i64| {
            let (p_start, p_finish) = (p_go - p_live_after_start, p_go - p_live_after_finish);
            match kind {
                "finish_to_start" => s_start > p_finish + lag,
                "start_to_start" => s_start >= p_start + lag,
                "finish_to_finish" => s_finish >= p_finish + lag,
                "live_to_start" => s_start > p_go + lag,
                _ => s_go >= p_go + lag,
            }
        };
        assert!(keeps(due), "{kind}: {due}");
        assert!(!keeps(due + 1), "{kind}: {due}");
    }
}

//! Property tests on random small portfolios.
//!
//! - `every_plan_verifies`: whatever the solver returns for a random portfolio (fixed and
//!   effort-driven orders, dependencies of every kind, dates, freeze windows, go-live limits,
//!   orders in progress and done) keeps every rule of the independent verifier, and its status
//!   and objective agree with the plan.
//! - `optimum_matches_exhaustive_search`: on tiny fixed-duration portfolios a brute-force search
//!   written here, from the public model types only, finds the same optimum (or the same
//!   infeasibility) as the MIP.

mod common;
use leverans::plan::PlannedOrder;
use leverans::{
    solve, verify, Calendar, Dependency, DependencyKind, Error, FreezeWindow, Goal, Objective,
    Order, OrderId, OrderStatus, Outcome, Portfolio, Priority, SolveOptions, Status, Team,
    TimePoint,
};
use proptest::prelude::*;
use proptest::sample::Index;

/// Validation codes a generated portfolio may legitimately earn: work too big for its window,
/// dates in the wrong order, duration bounds in the wrong order.
const EXPECTED_CODES: [&str; 5] = [
    "work_does_not_fit",
    "team_without_capacity",
    "deadline_before_release",
    "due_before_release",
    "invalid_range",
];

fn kind() -> impl Strategy<Value = DependencyKind> {
    prop::sample::select(DependencyKind::ALL.to_vec())
}

fn objective() -> impl Strategy<Value = Objective> {
    // `baseline_delay` needs a baseline plan: it has tests of its own (`baseline.rs`).
    prop::sample::select(
        Objective::ALL
            .into_iter()
            .filter(|o| !matches!(o, Objective::BaselineDelay | Objective::BaselineChanges))
            .collect::<Vec<_>>(),
    )
}

fn priority() -> impl Strategy<Value = Priority> {
    use Priority::*;
    prop::sample::select(vec![Critical, High, Medium, Low])
}

/// The work of one order (id "x", renamed later): fixed, or (unless `fixed_only`) effort-driven.
fn work(caps: Vec<u32>, fixed_only: bool) -> BoxedStrategy<Order> {
    let teams = caps.len();
    let demand: Vec<_> = caps.iter().map(|&c| 0..=c).collect();
    let fixed = (1..=3u32, demand)
        .prop_map(|(d, dem)| {
            Order::fixed(
                "x",
                d,
                dem.iter().enumerate().map(|(r, &h)| (team(r), h as f64)),
            )
        })
        .boxed();
    if fixed_only {
        return fixed;
    }
    let effort = (
        prop::collection::vec((1..=12u32, prop::option::of(1..=4u32)), teams),
        1..(1u32 << teams),
        prop::option::of(1..=3u32),
        prop::option::of(0..=3u32),
    )
        .prop_map(|(loads, mask, min, extra)| {
            let chosen = loads
                .iter()
                .enumerate()
                .filter(|(r, _)| mask & (1 << r) != 0);
            let mut o = Order::effort("x", chosen.clone().map(|(r, l)| (team(r), l.0 as f64)));
            for (e, (_, l)) in o.effort.iter_mut().zip(chosen) {
                e.max_hours_per_week = l.1.map(f64::from);
            }
            o.min_duration = min;
            o.max_duration = extra.map(|x| min.unwrap_or(1) + x);
            o
        })
        .boxed();
    prop_oneof![fixed, effort].boxed()
}

/// One order: its work plus dates (a release in the first half), weight and go-live lag on a
/// calendar of `n` periods.
fn order(n: u32, caps: Vec<u32>, fixed_only: bool) -> impl Strategy<Value = Order> {
    let point = |p: f64, end: u32| prop::option::weighted(p, (0..end).prop_map(TimePoint::Period));
    (
        work(caps, fixed_only),
        (point(0.25, n / 2), point(0.5, n), point(0.3, n)),
        priority(),
        prop::option::weighted(0.3, 1..=5u32),
        prop::bool::weighted(0.2),
    )
        .prop_map(|(mut o, (release, due, deadline), pr, w, lag)| {
            (o.release, o.due, o.deadline) = (release, due, deadline);
            o.priority = pr;
            o.weight = w.map(f64::from);
            o.go_live_lag = u32::from(lag);
            o
        })
}

/// A portfolio that proptest prints as JSON (its minimal failing input is ready to report).
#[derive(Clone)]
struct Json(Portfolio);

impl std::fmt::Debug for Json {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&serde_json::to_string(&self.0).map_err(|_| std::fmt::Error)?)
    }
}

fn team(r: usize) -> String {
    format!("t{r}")
}

/// Dependencies as (from, to, kind, lag) index pairs, a freeze window (first period, extra
/// length), a go-live limit, and the orders to mark in progress and done.
type Extras = (
    Vec<(Index, Index, DependencyKind, i32)>,
    Option<(u32, u32)>,
    Option<u32>,
    Option<Index>,
    Option<Index>,
);

/// A random portfolio on a unit calendar; `fixed_only` leaves out effort-driven orders and
/// status changes.
fn portfolio(
    periods: std::ops::RangeInclusive<u32>,
    orders: std::ops::RangeInclusive<usize>,
    fixed_only: bool,
) -> impl Strategy<Value = Json> {
    (periods, prop::collection::vec(1..=4u32, 1..=2))
        .prop_flat_map(move |(n, caps)| {
            let order = order(n, caps.clone(), fixed_only);
            let extras = (
                prop::collection::vec((any::<Index>(), any::<Index>(), kind(), -1..=2i32), 0..=4),
                prop::option::weighted(0.3, (0..n, 0..=2u32)),
                prop::option::weighted(0.3, 1..=2u32),
                prop::option::weighted(0.3, any::<Index>()),
                prop::option::weighted(0.3, any::<Index>()),
            );
            let orders = prop::collection::vec(order, orders.clone());
            (Just(n), Just(caps), orders, extras)
        })
        .prop_map(move |(n, caps, orders, extras)| {
            Json(assemble(n, &caps, orders, extras, fixed_only))
        })
}

fn assemble(
    n: u32,
    caps: &[u32],
    orders: Vec<Order>,
    extras: Extras,
    fixed_only: bool,
) -> Portfolio {
    let (deps, freeze, limit, in_progress, done) = extras;
    let mut p = Portfolio::new(Calendar::units(n));
    for (r, &c) in caps.iter().enumerate() {
        p.add_team(Team::new(team(r), c as f64));
    }
    for (k, mut o) in orders.into_iter().enumerate() {
        o.id = format!("o{k}");
        p.add_order(o);
    }
    let k = p.orders.len();
    for (a, b, kind, lag) in deps {
        let (a, b) = (a.index(k), b.index(k));
        if a != b {
            // Only from a lower to a higher index: never a cycle.
            let (from, to) = (OrderId(a.min(b)), OrderId(a.max(b)));
            p.add_dependency(from, to, kind, lag);
        }
    }
    if let Some((a, len)) = freeze {
        let (from, to) = (
            TimePoint::Period(a),
            TimePoint::Period((a + len).min(n - 1)),
        );
        p.add_freeze_window(FreezeWindow {
            name: String::new(),
            from,
            to,
        });
    }
    p.max_go_lives_per_period = limit;
    let preds = |to: usize| -> Vec<(usize, DependencyKind)> {
        let id = &p.orders[to].id;
        let of = |d: &Dependency| (d.from[1..].parse().unwrap(), d.kind);
        p.dependencies
            .iter()
            .filter(|d| &d.to == id)
            .map(of)
            .collect()
    };
    let pick = |i: Option<Index>| i.filter(|_| !fixed_only).map(|i| i.index(k));
    // Done: only an order with no predecessors (none may be pending before it).
    let done = pick(done).filter(|&d| preds(d).is_empty());
    // In progress: only an order whose finish-to-start and live-to-start predecessors are
    // all done.
    let in_progress = pick(in_progress).filter(|&j| {
        let ready = |&(a, kind): &(usize, DependencyKind)| {
            !matches!(
                kind,
                DependencyKind::FinishToStart | DependencyKind::LiveToStart
            ) || Some(a) == done
        };
        Some(j) != done && preds(j).iter().all(ready)
    });
    if let Some(d) = done {
        p.orders[d].status = OrderStatus::Done;
    }
    if let Some(j) = in_progress {
        p.orders[j].status = OrderStatus::InProgress;
    }
    p
}

/// Seconds each solve may take, unless a test says otherwise.
const TIME_LIMIT: f64 = 20.0;

fn options(obj: Objective, time_limit: f64) -> SolveOptions {
    let options = SolveOptions::default()
        .with_goal(Goal::single(obj))
        .with_time_limit(time_limit);
    if time_limit < TIME_LIMIT {
        // The short runs test what follows the heuristic: it gives its first plan and no more.
        return SolveOptions {
            heuristic_samples: 1,
            heuristic_evaluations: Some(1),
            ..options
        };
    }
    options
}

/// Solves; `None` for invalid input (whose codes must be ones the generator can cause).
fn solve_checked(p: &Portfolio, obj: Objective) -> Option<Outcome> {
    solve_checked_within(p, obj, TIME_LIMIT)
}

/// [`solve_checked`] with a time limit of `time_limit` seconds.
fn solve_checked_within(p: &Portfolio, obj: Objective, time_limit: f64) -> Option<Outcome> {
    let json = serde_json::to_string(p).unwrap();
    match solve(p, &options(obj, time_limit)) {
        Err(Error::Invalid(report)) => {
            let expected = report.codes().iter().all(|c| EXPECTED_CODES.contains(c));
            assert!(expected, "unexpected validation codes: {report}\n{json}");
            None
        }
        Err(e) => panic!("solve failed: {e}\n{json}"),
        Ok(out) => {
            let has_plan = matches!(out.status, Status::Optimal | Status::Feasible);
            assert_eq!(
                has_plan,
                out.plan.is_some(),
                "status {} vs plan\n{json}",
                out.status
            );
            if let Some(plan) = &out.plan {
                let report = verify(p, plan);
                let periods =
                    |o: &PlannedOrder| (o.start_period, o.finish_period, o.go_live_period);
                let periods: Vec<_> = plan.orders.iter().map(periods).collect();
                let msg = format!("{report}{json}\n(start, finish, go-live): {periods:?}");
                assert!(report.is_ok(), "{obj}: the plan breaks rules:\n{msg}");
                let s = &plan.summary;
                let recomputed = match obj {
                    Objective::Makespan => s.makespan as f64,
                    Objective::WeightedLateness => s.weighted_lateness,
                    Objective::WeightedCompletion => s.weighted_completion,
                    Objective::LostValue => s.value_total - s.value_delivered,
                    Objective::ConsultantCost => s.consultant_cost,
                    Objective::WorkInProgress => plan
                        .orders
                        .iter()
                        .filter_map(|o| Some(o.finish_period? + 1 - o.start_period?))
                        .map(f64::from)
                        .sum(),
                    Objective::BaselineDelay | Objective::BaselineChanges => {
                        unreachable!("not drawn: it needs a baseline")
                    }
                };
                let value = out.objective.expect("a plan has an objective value");
                assert!(
                    (value - recomputed).abs() < 1e-6,
                    "{obj}: objective {value} but plan gives {recomputed}\n{json}"
                );
                if let Some(b) = out.bound {
                    assert!(
                        b <= value + 1e-6,
                        "{obj}: bound {b} above objective {value}\n{json}"
                    );
                }
            }
            Some(out)
        }
    }
}

/// A fixed-duration order as the brute force sees it.
struct Job {
    duration: usize,
    demand: Vec<f64>,
    release: usize,
    due: Option<usize>,
    deadline: Option<usize>,
    lag: usize,
    weight: f64,
    /// (predecessor, kind, lag); predecessors always have lower indices.
    preds: Vec<(usize, DependencyKind, i64)>,
}

/// Exhaustive search over start and go-live periods of fixed-duration orders, independent of
/// the engine: branch and bound on the (monotone) objective.
struct Brute {
    n: usize,
    caps: Vec<f64>,
    frozen: Vec<bool>,
    limit: usize,
    jobs: Vec<Job>,
    obj: Objective,
}

fn period(tp: TimePoint) -> usize {
    match tp {
        TimePoint::Period(p) => p as usize,
        TimePoint::Date(_) => unreachable!("unit calendars only"),
    }
}

impl Brute {
    fn new(p: &Portfolio, obj: Objective) -> Brute {
        let n = p.calendar.periods.unwrap() as usize;
        let at = |id: &str| p.orders.iter().position(|o| o.id == id).unwrap();
        let hours = |o: &Order, team: &str| -> f64 {
            let of_team = o.demand.iter().filter(|d| d.team == team);
            of_team.map(|d| d.hours_per_week).sum()
        };
        let mut frozen = vec![false; n];
        for w in &p.freeze_windows {
            (period(w.from)..=period(w.to)).for_each(|t| frozen[t] = true);
        }
        let jobs = p
            .orders
            .iter()
            .enumerate()
            .map(|(k, o)| Job {
                duration: o.duration.unwrap() as usize,
                demand: p.teams.iter().map(|t| hours(o, &t.id)).collect(),
                release: o.release.map_or(0, period),
                due: o.due.map(period),
                deadline: o.deadline.map(period),
                lag: o.go_live_lag as usize,
                weight: o.effective_weight(),
                preds: p
                    .dependencies
                    .iter()
                    .filter(|d| at(&d.to) == k)
                    .map(|d| (at(&d.from), d.kind, d.lag as i64))
                    .collect(),
            })
            .collect();
        Brute {
            n,
            caps: p.teams.iter().map(|t| t.hours_per_week).collect(),
            frozen,
            limit: p.max_go_lives_per_period.map_or(usize::MAX, |l| l as usize),
            jobs,
            obj,
        }
    }

    /// The optimum, or None when no assignment keeps every rule.
    fn optimum(&self) -> Option<f64> {
        let mut best = None;
        let mut load = vec![vec![0.0; self.n]; self.caps.len()];
        let mut golives = vec![0; self.n];
        let mut sf = Vec::new();
        self.dfs(&mut sf, &mut load, &mut golives, 0.0, &mut best);
        best
    }

    fn dfs(
        &self,
        sf: &mut Vec<(usize, usize, usize)>,
        load: &mut [Vec<f64>],
        golives: &mut [usize],
        partial: f64,
        best: &mut Option<f64>,
    ) {
        if best.is_some_and(|b| partial >= b) {
            return;
        }
        let i = sf.len();
        let Some(job) = self.jobs.get(i) else {
            *best = Some(partial);
            return;
        };
        let d = job.duration;
        for s in job.release..=self.n.saturating_sub(d) {
            let f = s + d - 1;
            if f >= self.n {
                break;
            }
            let precedes = job.preds.iter().all(|&(a, kind, lag)| {
                let (sa, fa, ga) = (sf[a].0 as i64, sf[a].1 as i64, sf[a].2 as i64);
                match kind {
                    DependencyKind::FinishToStart => s as i64 >= fa + 1 + lag,
                    DependencyKind::StartToStart => s as i64 >= sa + lag,
                    DependencyKind::FinishToFinish => f as i64 >= fa + lag,
                    DependencyKind::LiveToStart => s as i64 >= ga + 1 + lag,
                    DependencyKind::LiveToLive => true,
                }
            });
            // No dependant goes live before what it depends on; live-to-live adds its lag.
            let g_min = job
                .preds
                .iter()
                .map(|&(a, kind, lag)| {
                    let ga = sf[a].2 as i64;
                    if kind == DependencyKind::LiveToLive {
                        ga + lag.max(0)
                    } else {
                        ga
                    }
                })
                .max()
                .unwrap_or(0)
                .max(0) as usize;
            let fits = (s..=f).all(|t| {
                (0..self.caps.len()).all(|r| load[r][t] + job.demand[r] <= self.caps[r] + 1e-9)
            });
            if !precedes || !fits {
                continue;
            }
            (s..=f).for_each(|t| (0..self.caps.len()).for_each(|r| load[r][t] += job.demand[r]));
            let last = job.deadline.unwrap_or(self.n - 1).min(self.n - 1);
            for g in (f + job.lag).max(g_min)..=last {
                if self.frozen[g] || golives[g] >= self.limit {
                    continue;
                }
                let value = match self.obj {
                    Objective::Makespan => partial.max((g + 1) as f64),
                    Objective::WeightedLateness => {
                        partial + job.weight * job.due.map_or(0, |u| g.saturating_sub(u)) as f64
                    }
                    Objective::WeightedCompletion => partial + job.weight * (g + 1) as f64,
                    Objective::WorkInProgress => partial + d as f64,
                    Objective::LostValue | Objective::ConsultantCost => partial,
                    Objective::BaselineDelay | Objective::BaselineChanges => {
                        unreachable!("not drawn: it needs a baseline")
                    }
                };
                golives[g] += 1;
                sf.push((s, f, g));
                self.dfs(sf, load, golives, value, best);
                sf.pop();
                golives[g] -= 1;
            }
            (s..=f).for_each(|t| (0..self.caps.len()).for_each(|r| load[r][t] -= job.demand[r]));
        }
    }
}

/// Compares the solver with the brute force on a fixed-duration portfolio.
fn check_against_brute_force(p: &Portfolio, obj: Objective) {
    check_against_brute_force_within(p, obj, TIME_LIMIT);
}

/// [`check_against_brute_force`] with a time limit of `time_limit` seconds.
fn check_against_brute_force_within(p: &Portfolio, obj: Objective, time_limit: f64) {
    let json = serde_json::to_string(p).unwrap();
    let brute = Brute::new(p, obj).optimum();
    let Some(out) = solve_checked_within(p, obj, time_limit) else {
        // Invalid: work that cannot fit or dates in the wrong order; of these only a due date
        // before the release leaves the portfolio schedulable.
        let report = leverans::validate(p).unwrap_err();
        if !report.codes().contains(&"due_before_release") {
            assert!(
                brute.is_none(),
                "{obj}: invalid ({report}) but brute force finds {brute:?}\n{json}"
            );
        }
        return;
    };
    let value = out.objective;
    match (out.status, brute) {
        (Status::Infeasible, None) => {}
        (Status::Optimal, Some(b)) => assert!(
            value.is_some_and(|v| (v - b).abs() < 1e-6),
            "{obj}: solver optimum {value:?}, brute force {b}\n{json}"
        ),
        (Status::Feasible, Some(b)) => assert!(
            value.is_some_and(|v| v >= b - 1e-6),
            "{obj}: solver {value:?} beats brute force {b}\n{json}"
        ),
        (status, b) => panic!(
            "{obj}: solver {status} ({:?}), brute force {b:?}\n{json}",
            out.reason
        ),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn every_plan_verifies(p in portfolio(6..=14, 2..=6, false), obj in objective()) {
        solve_checked(&p.0, obj);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn optimum_matches_exhaustive_search(p in portfolio(6..=9, 2..=4, true), obj in objective()) {
        check_against_brute_force(&p.0, obj);
    }
}

/// The bounds without a solver against the brute force: never above the optimum, and the
/// optimum's own horizon is never refuted.
fn check_bounds_against_brute_force(p: &Portfolio) {
    let json = serde_json::to_string(p).unwrap();
    let Ok(problem) = leverans::validate(p) else {
        return;
    };
    let Some(optimum) = Brute::new(p, Objective::Makespan).optimum() else {
        return;
    };
    let optimum = optimum as usize;
    let lower = leverans::bounds::makespan_lower_bound(&problem, problem.periods, None)
        .expect("a plan exists, so the calendar is not refuted outright");
    assert!(
        lower.value <= optimum,
        "bound {lower:?} above the optimum {optimum}\n{json}"
    );
    let at_optimum = leverans::bounds::test_horizon(&problem, optimum, None);
    assert_ne!(
        at_optimum.end,
        leverans::bounds::SearchEnd::Refuted,
        "the optimum's horizon {optimum} refuted\n{json}"
    );
    if let leverans::bounds::SearchEnd::Found(starts) = &at_optimum.end {
        common::check_relaxed_plan(&problem, starts, optimum, &json);
    }
    // Where the search sees every rule, the horizon below the optimum must be refuted.
    if optimum > 0 && search_sees_everything(&problem) {
        let below = leverans::bounds::test_horizon(&problem, optimum - 1, None);
        assert_eq!(
            below.end,
            leverans::bounds::SearchEnd::Refuted,
            "horizon {} below the optimum not refuted\n{json}",
            optimum - 1
        );
    }
    let w = at_optimum
        .windows
        .expect("windows of a horizon not refuted");
    assert!(w
        .jobs
        .iter()
        .all(|w| w.es <= w.ls && w.ef <= w.lf && w.eg <= w.lg));
}

/// True when the bounds' search sees every rule of `p`: mandatory fixed-duration jobs not yet
/// started, without freeze windows, go-live limits or lags, consultants, budgets, groups or
/// orderer shares.
fn search_sees_everything(p: &leverans::problem::Problem) -> bool {
    use leverans::problem::JobWork;
    p.jobs.iter().all(|j| {
        matches!(j.work, JobWork::Fixed { .. })
            && !j.optional
            && j.excluded.is_none()
            && !j.in_progress
            && j.go_live_lag == 0
    }) && p.frozen.iter().all(|f| !f)
        && p.max_go_lives.is_none()
        && p.external.iter().all(Option::is_none)
        && p.budgets.is_empty()
        && p.groups.is_empty()
        && p.shares.is_empty()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn makespan_bounds_never_cut_off_the_optimum(p in portfolio(6..=9, 2..=5, true)) {
        check_bounds_against_brute_force(&p.0);
    }
}

fn sum_over_orders() -> impl Strategy<Value = Objective> {
    prop::sample::select(vec![
        Objective::WeightedLateness,
        Objective::WeightedCompletion,
    ])
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    /// Fixed-pace portfolios with a sum over orders as the goal: the search with the objective
    /// as a rule (`solve/cost_search.rs`) proves most of their optima; every optimum it
    /// claims is the exhaustive search's.
    #[test]
    fn cost_search_optima_match_exhaustive_search(
        p in portfolio(6..=9, 2..=5, true),
        obj in sum_over_orders(),
    ) {
        // A short limit and a heuristic cut to its first plan: the search proves these in
        // milliseconds, from a plan it has to improve.
        check_against_brute_force_within(&p.0, obj, 2.0);
    }
}

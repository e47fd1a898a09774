//! Generated portfolios for peers: the fixed-pace conversion, the resolved problem as flat
//! JSON (for solvers outside Rust, such as CP-SAT), and the way back: a peer's start and
//! go-live periods turned into a [`Schedule`], a [`Plan`] and the verifier's verdict.

use leverans::plan::{build_plan, Plan};
use leverans::problem::{JobWork, Problem};
use leverans::schedule::{JobTimes, Schedule};
use leverans::{Order, Portfolio, Timeline};
use serde_json::{json, Value};
use std::collections::HashMap;

/// Turns every effort-driven order into a fixed-duration one that works at its full pace from
/// start to finish (one "mode", as desktop tools model work).
///
/// The duration is the longest of `ceil(hours / max_hours_per_week)` over the order's teams
/// (40 h a week where no pace is set), and each team's demand is its hours over that duration,
/// per full week: in Leverans a fixed order takes `demand × working share` in each week it
/// runs. Everything else about the order (dates, priority, weight, go-live lag, status) is
/// kept.
///
/// ```
/// use leverans::{Calendar, Order, Portfolio, Team};
/// let mut p = Portfolio::new(Calendar::units(10));
/// p.add_team(Team::new("dev", 40.0));
/// let mut o = Order::effort("a", [("dev", 90.0)]);
/// o.effort[0].max_hours_per_week = Some(20.0);
/// p.add_order(o);
/// let q = leverans_benches::generate::peer::fixed_pace(&p);
/// assert_eq!(q.orders[0].duration, Some(5));
/// assert_eq!(q.orders[0].demand[0].hours_per_week, 18.0);
/// ```
pub fn fixed_pace(p: &Portfolio) -> Portfolio {
    let mut q = p.clone();
    for o in &mut q.orders {
        if !o.is_effort_driven() || o.effort.is_empty() {
            continue;
        }
        let rate = |e: &leverans::Effort| e.max_hours_per_week.unwrap_or(40.0);
        let d = o
            .effort
            .iter()
            .map(|e| (e.hours / rate(e)).ceil() as u32)
            .max()
            .unwrap_or(1)
            .max(1);
        let fixed = Order::fixed(
            o.id.clone(),
            d,
            o.effort
                .iter()
                .map(|e| (e.team.clone(), e.hours / d as f64)),
        );
        o.effort.clear();
        o.min_duration = None;
        o.max_duration = None;
        o.min_scope = None;
        o.duration = fixed.duration;
        o.demand = fixed.demand;
    }
    q
}

/// The resolved problem of `portfolio` (from [`leverans::validate()`]) as JSON: periods, working
/// share, capacity per team and period, frozen periods, the go-live limit, the jobs (order id,
/// weight, release, due, deadline, go-live lag, work) and the links (job indices, kind, lag).
///
/// Team and job indices are positions in `teams` and `jobs`. Work is either
/// `{"fixed": {"duration", "demand": [[team, hours per full week], …]}}` or
/// `{"effort": {"loads": [{"team", "hours", "max_rate", "min_rate"}], "min_duration",
/// "max_duration"}}`.
pub fn flat_json(portfolio: &Portfolio, problem: &Problem) -> Value {
    let teams: Vec<Value> = portfolio
        .teams
        .iter()
        .enumerate()
        .map(|(r, t)| {
            json!({
                "id": t.id,
                "capacity": problem.capacity[r],
                "external": problem.external[r].is_some(),
            })
        })
        .collect();
    let jobs: Vec<Value> = problem
        .jobs
        .iter()
        .map(|j| {
            let work = match &j.work {
                JobWork::Fixed { duration, demand } => json!({"fixed": {
                    "duration": duration,
                    "demand": demand.iter().map(|&(r, h)| json!([r, h])).collect::<Vec<_>>(),
                }}),
                JobWork::Effort {
                    loads,
                    min_duration,
                    max_duration,
                } => json!({"effort": {
                    "loads": loads.iter().map(|l| json!({
                        "team": l.team, "hours": l.hours, "max_rate": l.max_rate, "min_rate": l.min_rate,
                    })).collect::<Vec<_>>(),
                    "min_duration": min_duration,
                    "max_duration": max_duration,
                }}),
            };
            json!({
                "order": portfolio.orders[j.order].id,
                "weight": j.weight,
                "in_progress": j.in_progress,
                "release": j.release,
                "due": j.due,
                "deadline": j.deadline,
                "go_live_lag": j.go_live_lag,
                "optional": j.optional,
                "min_scope": j.min_scope,
                "work": work,
            })
        })
        .collect();
    let links: Vec<Value> = problem
        .links
        .iter()
        .map(|l| json!({"from": l.from, "to": l.to, "kind": l.kind.as_str(), "lag": l.lag}))
        .collect();
    json!({
        "name": portfolio.name,
        "periods": problem.periods,
        "share": problem.share,
        "frozen": problem.frozen,
        "max_go_lives": problem.max_go_lives,
        "has_decisions": problem.has_decisions() || !problem.groups.is_empty()
            || !problem.budgets.is_empty() || !problem.shares.is_empty(),
        "teams": teams,
        "jobs": jobs,
        "links": links,
    })
}

/// One order's periods as a peer planned them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PeerTimes {
    /// First period of work.
    pub start: usize,
    /// Go-live period.
    pub go_live: usize,
}

/// The schedule of a fixed-duration problem from each order's start and go-live (by order
/// id): the finish is `start + duration − 1`. Errors name an order that is missing or not
/// fixed-duration.
pub fn schedule_from_peer(
    portfolio: &Portfolio,
    problem: &Problem,
    times: &HashMap<String, PeerTimes>,
) -> Result<Schedule, String> {
    let jobs = problem
        .jobs
        .iter()
        .map(|j| {
            let id = &portfolio.orders[j.order].id;
            let t = times
                .get(id)
                .ok_or_else(|| format!("the plan has no times for order `{id}`"))?;
            let JobWork::Fixed { duration, .. } = &j.work else {
                return Err(format!("order `{id}` is effort-driven; only fixed-duration orders can be read from start periods"));
            };
            Ok(JobTimes::delivered(
                t.start,
                t.start + duration.max(&1) - 1,
                t.go_live,
                Vec::new(),
            ))
        })
        .collect::<Result<Vec<_>, String>>()?;
    Ok(Schedule {
        jobs,
        external: Vec::new(),
    })
}

/// Reads a peer's plan: `{"plan": [{"order": id, "start": period, "go_live": period}, …]}`.
pub fn read_peer_plan(text: &str) -> Result<HashMap<String, PeerTimes>, String> {
    let v: Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
    let rows = v["plan"].as_array().ok_or("the file has no `plan` list")?;
    let mut out = HashMap::new();
    for r in rows {
        let id = r["order"].as_str().ok_or("a plan row without `order`")?;
        let num = |k: &str| {
            r[k].as_u64()
                .map(|x| x as usize)
                .ok_or_else(|| format!("order `{id}`: `{k}` is not a period"))
        };
        out.insert(
            id.to_string(),
            PeerTimes {
                start: num("start")?,
                go_live: num("go_live")?,
            },
        );
    }
    Ok(out)
}

/// Priority-weighted tardiness recomputed from a plan: each order's lateness (periods of
/// go-live after the due period, as the plan states it) times its weight.
pub fn plan_weighted_tardiness(portfolio: &Portfolio, plan: &Plan) -> f64 {
    let weight: HashMap<&str, f64> = portfolio
        .orders
        .iter()
        .map(|o| (o.id.as_str(), o.effective_weight()))
        .collect();
    plan.orders
        .iter()
        .map(|po| po.lateness as f64 * weight.get(po.id.as_str()).copied().unwrap_or(0.0))
        .sum()
}

/// What the verifier says of a schedule: the plan, whether it passed, how many rules it
/// breaks (and the first few, in words), and its weighted tardiness recomputed from the plan.
#[derive(Debug, Clone)]
pub struct Checked {
    /// The plan built from the schedule.
    pub plan: Plan,
    /// Whether [`leverans::verify()`] found nothing.
    pub verified: bool,
    /// Violations found.
    pub violations: Vec<String>,
    /// [`plan_weighted_tardiness`] of the plan.
    pub weighted_lateness: f64,
}

/// Builds the plan of `schedule` and verifies it against `portfolio`.
pub fn check_schedule(portfolio: &Portfolio, problem: &Problem, schedule: &Schedule) -> Checked {
    let timeline = Timeline::new(&portfolio.calendar).expect("a validated calendar");
    let plan = build_plan(portfolio, &timeline, problem, schedule);
    check_plan(portfolio, plan)
}

/// Verifies `plan` against `portfolio` and recomputes its weighted tardiness.
pub fn check_plan(portfolio: &Portfolio, plan: Plan) -> Checked {
    let violations: Vec<String> = leverans::verify(portfolio, &plan)
        .violations
        .iter()
        .map(|v| v.to_string())
        .collect();
    Checked {
        weighted_lateness: plan_weighted_tardiness(portfolio, &plan),
        verified: violations.is_empty(),
        violations,
        plan,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::{generate, GenParams};
    use leverans::heuristic::{best_schedule, SearchEffort};
    use leverans::problem::Windows;
    use leverans::Goal;

    /// A greedy plan of a fixed-pace portfolio, written as a peer's starts and go-lives and
    /// read back, gives the same schedule, a verified plan and the same weighted tardiness.
    #[test]
    fn peer_times_round_trip() {
        let p = fixed_pace(&generate(GenParams {
            orders: 30,
            teams: 4,
            weeks: 52,
            load: 0.5,
            seed: 2,
        }));
        let problem = leverans::validate(&p).unwrap();
        let flat = flat_json(&p, &problem);
        assert_eq!(flat["jobs"].as_array().unwrap().len(), problem.jobs.len());
        let windows = Windows::compute(&problem, problem.periods).unwrap();
        let budget = SearchEffort {
            samples: 0,
            evaluations: 1,
            ..SearchEffort::default()
        };
        let levels = Goal::portfolio_default().levels();
        let s = best_schedule(&problem, &windows, &levels, &budget).unwrap();
        let rows: Vec<Value> = problem
            .jobs
            .iter()
            .zip(&s.jobs)
            .map(|(j, t)| {
                json!({"order": p.orders[j.order].id, "start": t.start, "go_live": t.go_live})
            })
            .collect();
        let times = read_peer_plan(&json!({ "plan": rows }).to_string()).unwrap();
        let back = schedule_from_peer(&p, &problem, &times).unwrap();
        assert_eq!(back, s);
        let c = check_schedule(&p, &problem, &back);
        assert!(c.verified, "{:?}", c.violations);
        let wt = leverans::Objective::WeightedLateness.evaluate(&problem, &s);
        assert_eq!(c.weighted_lateness, wt);
    }
}

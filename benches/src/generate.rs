//! A seeded generator of realistic IT portfolios: weekly periods with Swedish holidays and a
//! summer dip, effort-driven orders on 1–4 teams, dependency chains, releases, due dates and
//! Christmas freeze windows.
//!
//! The same parameters and seed always give the same portfolio.
//!
//! Orders have sizes of their own (8 to 800 hours per team, whatever the portfolio's size), and
//! the teams are staffed to carry them: each team's weekly hours are its share of the orders'
//! hours divided by `load` and by the full weeks the calendar gives it (holidays and the summer
//! dip counted). So 100, 1 000 and 5 000 orders over the same weeks are equally loaded: bigger
//! portfolios get bigger teams, not longer queues. Dependency chains are at most
//! [`MAX_CHAIN`] orders long at any size, so they never outgrow the horizon.

pub mod decisions;
pub mod peer;

use chrono::{Datelike, NaiveDate};
use leverans::{
    Calendar, CapacityOverride, Dependency, DependencyKind, FreezeWindow, Order, Portfolio,
    Priority, Team, TimePoint, Timeline,
};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// What to generate.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GenParams {
    /// Number of orders.
    pub orders: usize,
    /// Number of teams.
    pub teams: usize,
    /// Number of weeks in the horizon.
    pub weeks: u32,
    /// Share of the teams' capacity over the horizon that the orders need (0.5–0.9 is realistic).
    pub load: f64,
    /// Seed.
    pub seed: u64,
}

impl Default for GenParams {
    fn default() -> Self {
        GenParams {
            orders: 100,
            teams: 8,
            weeks: 104,
            load: 0.7,
            seed: 1,
        }
    }
}

/// Hours of one order on one team are `HOURS_PER_UNIT × u²`, `u` uniform in [1, 10): 8 to 800 h,
/// about 300 h on average.
pub const HOURS_PER_UNIT: f64 = 8.0;

/// Most orders in one dependency chain (an order and everything it waits on, transitively).
pub const MAX_CHAIN: usize = 5;

/// Hours of effort all the orders of `p` need, over every team.
pub fn order_hours(p: &Portfolio) -> f64 {
    p.orders
        .iter()
        .flat_map(|o| &o.effort)
        .map(|e| e.hours)
        .sum()
}

/// Generates a portfolio.
///
/// ```
/// use leverans_benches::generate::{generate, GenParams};
/// let p = generate(GenParams { orders: 20, teams: 4, weeks: 26, load: 0.6, seed: 7 });
/// assert_eq!(p.orders.len(), 20);
/// assert!(leverans::validate(&p).is_ok());
/// assert_eq!(p, generate(GenParams { orders: 20, teams: 4, weeks: 26, load: 0.6, seed: 7 }));
/// ```
pub fn generate(params: GenParams) -> Portfolio {
    let mut rng = ChaCha8Rng::seed_from_u64(params.seed);
    let start = NaiveDate::from_ymd_opt(2025, 1, 6).expect("a valid date");
    let end = start + chrono::Days::new(params.weeks as u64 * 7 - 1);
    let mut p = Portfolio::new(Calendar::weeks(start, end));
    p.name = format!(
        "generated-{}x{}x{}w-seed{}",
        params.orders, params.teams, params.weeks, params.seed
    );

    // Size classes 1-5: a team of class 4 gets about four times the orders of one of class 1,
    // and is staffed accordingly.
    let classes: Vec<u32> = (0..params.teams)
        .map(|_| rng.random_range(1..=5u32))
        .collect();
    let total_class: u32 = classes.iter().sum();
    let pick_team = |rng: &mut ChaCha8Rng| {
        let mut x = rng.random_range(0..total_class);
        for (t, &c) in classes.iter().enumerate() {
            if x < c {
                return t;
            }
            x -= c;
        }
        classes.len() - 1
    };

    let mut raw: Vec<Vec<(usize, f64)>> = Vec::with_capacity(params.orders);
    for _ in 0..params.orders {
        let n_teams = rng.random_range(1..=4.min(params.teams));
        let mut teams: Vec<usize> = Vec::new();
        while teams.len() < n_teams {
            let t = pick_team(&mut rng);
            if !teams.contains(&t) {
                teams.push(t);
            }
        }
        raw.push(
            teams
                .into_iter()
                .map(|t| {
                    let h = HOURS_PER_UNIT * rng.random_range(1.0f64..10.0).powi(2);
                    (t, h.round())
                })
                .collect(),
        );
    }
    let mut demand = vec![0.0; params.teams];
    let mut largest = vec![0.0f64; params.teams];
    for o in &raw {
        for &(t, h) in o {
            demand[t] += h;
            largest[t] = largest[t].max(h);
        }
    }

    // Full weeks a team has over the horizon: working days / 5, halved in the summer weeks.
    let summers = summer_overrides(start, end);
    let mut unit = Team::new("unit", 1.0);
    unit.capacity_overrides = summers.clone();
    let timeline = Timeline::new(&p.calendar).expect("a valid calendar");
    let full_weeks: f64 = (0..timeline.len())
        .map(|t| timeline.team_capacity(&unit, t))
        .sum();
    for (k, &d) in demand.iter().enumerate() {
        // At least enough for the largest order to be done at half the team's hours in 80 % of
        // the horizon; this only binds for teams that one order dominates (small portfolios).
        let floor = 2.5 * largest[k] / full_weeks;
        let hours = if d > 0.0 {
            (d / (params.load * full_weeks)).max(floor).ceil().max(4.0)
        } else {
            40.0 * classes[k] as f64
        };
        let mut team = Team::new(format!("team{k}"), hours);
        team.cost_per_hour = 600.0;
        team.capacity_overrides = summers.clone();
        p.add_team(team);
    }

    let weeks = params.weeks as usize;
    for (k, loads) in raw.into_iter().enumerate() {
        let mut o = Order::effort(
            format!("o{k}"),
            loads.iter().map(|&(t, h)| (format!("team{t}"), h)),
        );
        // Pace: the order takes 2-16 weeks at full speed, never more than half the team (whole
        // hours), so that even at a fixed pace it fits the summer weeks.
        let weeks_wanted = rng.random_range(2..=16) as f64;
        let mut fastest = 1.0f64;
        for (e, &(t, _)) in o.effort.iter_mut().zip(&loads) {
            let half_team = (p.teams[t].hours_per_week * 0.5).floor().max(1.0);
            let pace = (e.hours / weeks_wanted).max(4.0).ceil().min(half_team);
            e.max_hours_per_week = Some(pace);
            fastest = fastest.max((e.hours / pace).ceil());
        }
        o.priority = match rng.random_range(0..10) {
            0 => Priority::Critical,
            1..=3 => Priority::High,
            4..=7 => Priority::Medium,
            _ => Priority::Low,
        };
        o.orderer = format!("dept{}", rng.random_range(0..6));
        let release = if rng.random_bool(0.3) {
            rng.random_range(0..weeks / 2)
        } else {
            0
        };
        if release > 0 {
            o.release = Some(TimePoint::Period(release as u32));
        }
        // The wanted date allows 1.2-4 times the weeks the work takes at full pace, plus up to
        // a third of the horizon.
        if rng.random_bool(0.6) {
            let due = release
                + (fastest * rng.random_range(1.2..4.0)) as usize
                + rng.random_range(0..weeks / 3);
            if due < weeks {
                o.due = Some(TimePoint::Period(due as u32));
            }
        }
        p.add_order(o);
    }
    // Chains: an order waits on one of the 20 before it, unless that would make its chain
    // longer than MAX_CHAIN orders.
    let mut chain = vec![1usize; params.orders];
    for k in 1..params.orders {
        if rng.random_bool(0.3) {
            let from = rng.random_range(k.saturating_sub(20)..k);
            let lag = rng.random_range(0..=1);
            if chain[from] >= MAX_CHAIN {
                continue;
            }
            chain[k] = chain[from] + 1;
            p.dependencies.push(Dependency {
                from: format!("o{from}"),
                to: format!("o{k}"),
                kind: DependencyKind::FinishToStart,
                lag,
            });
        }
    }
    for year in start.year()..end.year() {
        let from = NaiveDate::from_ymd_opt(year, 12, 19).expect("a valid date");
        if from + chrono::Days::new(28) <= end {
            p.add_freeze_window(FreezeWindow {
                name: format!("Christmas {year}"),
                from: TimePoint::Date(from),
                to: TimePoint::Date(NaiveDate::from_ymd_opt(year + 1, 1, 6).expect("a valid date")),
            });
        }
    }
    repair(&mut p);
    p
}

/// The summer dip of every year the horizon touches: half capacity in weeks 27–32.
fn summer_overrides(start: NaiveDate, end: NaiveDate) -> Vec<CapacityOverride> {
    (start.year()..=end.year())
        .map(summer)
        .filter(|&(from, _)| from <= end)
        .map(|(from, to)| CapacityOverride {
            from: TimePoint::Date(from),
            to: TimePoint::Date(to),
            factor: Some(0.5),
            hours_per_week: None,
        })
        .collect()
}

/// Weeks 27–32 of a year, the usual Swedish summer vacation.
fn summer(year: i32) -> (NaiveDate, NaiveDate) {
    let from = NaiveDate::from_isoywd_opt(year, 27, chrono::Weekday::Mon).expect("week 27 exists");
    let to = NaiveDate::from_isoywd_opt(year, 32, chrono::Weekday::Sun).expect("week 32 exists");
    (from, to)
}

/// Makes the portfolio feasible in time: while an order's work cannot fit after its release,
/// or the time windows show an order that cannot be placed, drop its release and the
/// dependencies it waits on (as a planner would renegotiate).
fn repair(p: &mut Portfolio) {
    for _ in 0..p.orders.len() {
        let problem = match leverans::validate(p) {
            Ok(problem) => problem,
            Err(report) => {
                let late: Vec<String> = report
                    .issues
                    .iter()
                    .filter(|i| i.code == "work_does_not_fit" && i.entity == "order")
                    .map(|i| i.id.clone())
                    .collect();
                let mut changed = false;
                for o in p.orders.iter_mut().filter(|o| late.contains(&o.id)) {
                    changed |= o.release.take().is_some();
                }
                if !changed {
                    return;
                }
                continue;
            }
        };
        match leverans::problem::Windows::compute(&problem, problem.periods) {
            Ok(_) => return,
            Err(c) => {
                let k = problem.jobs[c.job].order;
                let id = p.orders[k].id.clone();
                p.orders[k].release = None;
                p.dependencies.retain(|d| d.to != id);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Hours the orders need from a team over its hours over the horizon.
    fn load_share(p: &Portfolio, team: usize) -> f64 {
        let tl = Timeline::new(&p.calendar).unwrap();
        let id = &p.teams[team].id;
        let need: f64 = p
            .orders
            .iter()
            .flat_map(|o| &o.effort)
            .filter(|e| &e.team == id)
            .map(|e| e.hours)
            .sum();
        let have: f64 = (0..tl.len())
            .map(|t| tl.team_capacity(&p.teams[team], t))
            .sum();
        need / have
    }

    #[test]
    fn load_holds_at_every_size() {
        for orders in [100, 1000] {
            let p = generate(GenParams {
                orders,
                teams: 10,
                weeks: 104,
                load: 0.7,
                seed: 3,
            });
            assert!(leverans::validate(&p).is_ok());
            let shares: Vec<f64> = (0..p.teams.len()).map(|t| load_share(&p, t)).collect();
            // Whole hours round the teams up; a team that one order dominates gets more.
            assert!(shares.iter().all(|&s| s <= 0.7), "{orders}: {shares:?}");
            let mean = shares.iter().sum::<f64>() / shares.len() as f64;
            assert!(mean > 0.6, "{orders}: {shares:?}");
        }
    }

    /// 5 000 orders over two years: valid, and one greedy pass plans every order.
    #[test]
    fn five_thousand_orders_plan() {
        use leverans::heuristic::{best_schedule, SearchEffort};
        let p = generate(GenParams {
            orders: 5000,
            teams: 10,
            weeks: 104,
            load: 0.7,
            seed: 1,
        });
        let problem = leverans::validate(&p).unwrap();
        let windows = leverans::problem::Windows::compute(&problem, problem.periods).unwrap();
        let budget = SearchEffort {
            samples: 0,
            evaluations: 1,
            ..SearchEffort::default()
        };
        let levels = leverans::Goal::portfolio_default().levels();
        let s = best_schedule(&problem, &windows, &levels, &budget).unwrap();
        let plan =
            leverans::plan::build_plan(&p, &Timeline::new(&p.calendar).unwrap(), &problem, &s);
        assert!(leverans::verify(&p, &plan).is_ok());
        let late = plan.orders.iter().filter(|o| o.lateness > 0).count();
        assert!(late < 1000, "{late} of 5000 orders late");
    }

    #[test]
    fn chains_stay_short() {
        let p = generate(GenParams {
            orders: 1000,
            teams: 10,
            weeks: 52,
            load: 0.7,
            seed: 1,
        });
        let problem = leverans::validate(&p).unwrap();
        let mut depth = vec![1usize; problem.jobs.len()];
        for j in problem.topological_order() {
            for l in problem.links.iter().filter(|l| l.to == j) {
                depth[j] = depth[j].max(depth[l.from] + 1);
            }
        }
        assert!(depth.iter().all(|&d| d <= MAX_CHAIN));
        assert!(problem.links.len() > 200);
    }
}

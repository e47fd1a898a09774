//! A seeded generator of realistic IT portfolios: weekly periods with Swedish holidays and a
//! summer dip, effort-driven orders on 1–4 teams, dependency chains, releases and due dates.
//!
//! The same parameters and seed always give the same portfolio.

use chrono::{Datelike, NaiveDate};
use leverans::{
    Calendar, CapacityOverride, Dependency, DependencyKind, FreezeWindow, Order, Portfolio,
    Priority, Team, TimePoint,
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

    for k in 0..params.teams {
        let mut team = Team::new(format!("team{k}"), 40.0 * rng.random_range(1..=5) as f64);
        team.cost_per_hour = 600.0;
        for year in start.year()..=end.year() {
            let (from, to) = summer(year);
            if from > end {
                continue;
            }
            team.capacity_overrides.push(CapacityOverride {
                from: TimePoint::Date(from),
                to: TimePoint::Date(to),
                factor: Some(0.5),
                hours_per_week: None,
            });
        }
        p.add_team(team);
    }

    // Raw order sizes first; scaled afterwards so that each team's demand meets `load`.
    let weeks = params.weeks as usize;
    let mut raw: Vec<Vec<(usize, f64)>> = Vec::new();
    for _ in 0..params.orders {
        let n_teams = rng.random_range(1..=4.min(params.teams));
        let mut teams: Vec<usize> = Vec::new();
        while teams.len() < n_teams {
            let t = rng.random_range(0..params.teams);
            if !teams.contains(&t) {
                teams.push(t);
            }
        }
        raw.push(
            teams
                .into_iter()
                .map(|t| (t, rng.random_range(1.0f64..10.0).powi(2)))
                .collect(),
        );
    }
    let mut demand = vec![0.0; params.teams];
    for o in &raw {
        for &(t, h) in o {
            demand[t] += h;
        }
    }
    let full_weeks = params.weeks as f64 * 0.92; // holidays and summer
    let scale: Vec<f64> = (0..params.teams)
        .map(|t| params.load * p.teams[t].hours_per_week * full_weeks / demand[t].max(1.0))
        .collect();

    for (k, loads) in raw.into_iter().enumerate() {
        let mut o = Order::effort(
            format!("o{k}"),
            loads
                .iter()
                .map(|&(t, h)| (format!("team{t}"), (h * scale[t]).round().max(4.0))),
        );
        // Pace: the order takes 2-16 weeks at full speed, never more than half the team.
        let weeks_wanted = rng.random_range(2..=16) as f64;
        for e in &mut o.effort {
            let team = &p.teams[e
                .team
                .trim_start_matches("team")
                .parse::<usize>()
                .expect("generated id")];
            e.max_hours_per_week = Some(
                (e.hours / weeks_wanted)
                    .max(4.0)
                    .min(team.hours_per_week * 0.5)
                    .ceil(),
            );
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
        if rng.random_bool(0.6) {
            let due = release
                + (weeks_wanted * rng.random_range(1.2..4.0)) as usize
                + rng.random_range(0..weeks / 3);
            if due < weeks {
                o.due = Some(TimePoint::Period(due as u32));
            }
        }
        p.add_order(o);
    }
    for k in 1..params.orders {
        if rng.random_bool(0.3) {
            let from = rng.random_range(k.saturating_sub(20)..k);
            p.dependencies.push(Dependency {
                from: format!("o{from}"),
                to: format!("o{k}"),
                kind: DependencyKind::FinishToStart,
                lag: rng.random_range(0..=1),
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

/// Weeks 27–32 of a year, the usual Swedish summer vacation.
fn summer(year: i32) -> (NaiveDate, NaiveDate) {
    let from = NaiveDate::from_isoywd_opt(year, 27, chrono::Weekday::Mon).expect("week 27 exists");
    let to = NaiveDate::from_isoywd_opt(year, 32, chrono::Weekday::Sun).expect("week 32 exists");
    (from, to)
}

/// Makes the portfolio feasible in time: while the time windows show an order that cannot be
/// placed, drop its release and the dependencies it waits on (as a planner would renegotiate).
fn repair(p: &mut Portfolio) {
    for _ in 0..p.orders.len() {
        let Ok(problem) = leverans::validate(p) else {
            return;
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

//! Monte Carlo dates: how sure is each go-live of a plan when the hour estimates are guesses?
//!
//! An effort may give a three-point estimate (`hours_low`, `hours`, `hours_high`; a
//! fixed-duration order `duration_low`, `duration`, `duration_high`). [`simulate`] draws every
//! estimate ([`sampling`]: PERT-beta, a counter-based seed per run), re-runs the plan on the
//! drawn figures as a team would ([`Simulator`]: the plan's decisions and priorities kept, the
//! work re-levelled within capacity, dependencies, freeze windows, go-live slots and lags
//! obeyed, nothing re-optimised) and sums the runs up ([`statistics`]): per order the P50,
//! P85 and P95 go-live and the chance of meeting its due date and deadline; for the portfolio
//! the spread of value delivered on time, weighted lateness, consultant spend and the last
//! go-live.
//!
//! Runs are independent and computed in parallel (rayon); each run's draws depend only on
//! the seed and the run's index, so the figures are the same for any thread count.
//! `docs/simulation.md` gives the reasoning and the measured times.
//!
//! ```
//! use leverans::simulate::{simulate, SimulateOptions};
//! use leverans::{solve, verify, Calendar, Order, Portfolio, SolveOptions, Team, TimePoint};
//! let mut p = Portfolio::new(Calendar::units(30));
//! p.add_team(Team::new("dev", 10.0));
//! let mut a = Order::effort("a", [("dev", 40.0)]);
//! a.effort[0].hours_low = Some(30.0);
//! a.effort[0].hours_high = Some(80.0);
//! a.due = Some(TimePoint::Period(4));
//! p.add_order(a);
//! let plan = solve(&p, &SolveOptions::default().with_time_limit(10.0)).unwrap().plan.unwrap();
//! assert!(verify(&p, &plan).is_ok());
//! let sim = simulate(&p, &plan, &SimulateOptions::new(200, 1)).unwrap();
//! let a = &sim.orders[0];
//! let g = a.go_live_period.unwrap();
//! assert!(g.p50 <= g.p85 && g.p85 <= g.p95);
//! // 30 to 80 hours at 10 a period: 3 to 8 periods of work, go-live in period 2 to 7.
//! assert!(g.p50 >= 2.0 && g.p95 <= 7.0);
//! assert!(a.on_time.unwrap() < 1.0);
//! ```

mod follow;
mod percentile;
mod relevel;
pub mod sampling;
pub mod statistics;

pub use percentile::{at_percentile, pert_quantile, simulate_with_estimates};
pub use relevel::{RunResult, Simulator};
pub use sampling::{pert, run_rng, sample_portfolio};
pub use statistics::{OrderForecast, PortfolioForecast, Spread};

use crate::error::{Error, Result};
use crate::model::Portfolio;
use crate::plan::Plan;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

/// Most runs one simulation may ask for (each costs one schedule of the portfolio).
pub const MAX_RUNS: usize = 1_000_000;

/// How a simulation runs.
///
/// ```
/// use leverans::simulate::SimulateOptions;
/// let o = SimulateOptions::new(1000, 1).with_threads(2);
/// assert_eq!((o.runs, o.seed, o.threads), (1000, 1, Some(2)));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct SimulateOptions {
    /// Runs, 1 to [`MAX_RUNS`]. More runs give steadier percentiles (the P95 of 1 000 runs
    /// rests on the 50 worst) at a proportional cost.
    pub runs: usize,
    /// Seed of the draws: the same seed gives the same figures, whatever the threads.
    pub seed: u64,
    /// Threads computing runs side by side; `None` for rayon's pool (every core). The figures
    /// do not depend on it.
    pub threads: Option<usize>,
}

impl SimulateOptions {
    /// `runs` runs seeded with `seed`, on rayon's pool.
    pub fn new(runs: usize, seed: u64) -> Self {
        SimulateOptions {
            runs,
            seed,
            threads: None,
        }
    }

    /// Runs on `threads` threads (at least 1).
    pub fn with_threads(mut self, threads: usize) -> Self {
        self.threads = Some(threads);
        self
    }

    /// An error naming the option, its value and the valid values when one is out of range.
    pub fn check(&self) -> Result<()> {
        if !(1..=MAX_RUNS).contains(&self.runs) {
            return Err(Error::InvalidOptions {
                option: "runs".to_string(),
                value: self.runs.to_string(),
                message: format!("must be a whole number from 1 to {MAX_RUNS}"),
            });
        }
        if self.threads == Some(0) {
            return Err(Error::InvalidOptions {
                option: "threads".to_string(),
                value: "0".to_string(),
                message: "must be at least 1 (omit it for every core)".to_string(),
            });
        }
        Ok(())
    }
}

/// The figures of a simulation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Simulation {
    /// Runs made.
    pub runs: usize,
    /// Seed of the draws.
    pub seed: u64,
    /// Periods of the portfolio's calendar; go-lives past it fall in the extension the runs
    /// may overrun into.
    pub periods: usize,
    /// One entry per order of the portfolio, in its order.
    pub orders: Vec<OrderForecast>,
    /// The portfolio's figures.
    pub summary: PortfolioForecast,
}

/// Simulates `plan` (a plan of `portfolio`) `options.runs` times on drawn estimates and sums
/// the runs up. Errors: invalid options or portfolio, a plan of another portfolio, or a run
/// in which an order finds no place even in the extended calendar.
pub fn simulate(
    portfolio: &Portfolio,
    plan: &Plan,
    options: &SimulateOptions,
) -> Result<Simulation> {
    options.check()?;
    let sim = Simulator::new(portfolio, plan)?;
    run_all(portfolio, plan, &sim, options)
}

/// Every run of `sim`, in parallel as `options` says, summed up.
fn run_all(
    portfolio: &Portfolio,
    plan: &Plan,
    sim: &Simulator,
    options: &SimulateOptions,
) -> Result<Simulation> {
    let work = || -> Result<Vec<RunResult>> {
        (0..options.runs as u64)
            .into_par_iter()
            .map(|k| sim.run(options.seed, k))
            .collect()
    };
    let runs = match options.threads {
        None => work()?,
        Some(n) => rayon::ThreadPoolBuilder::new()
            .num_threads(n)
            .build()
            .map_err(|e| Error::Solver(format!("cannot start {n} simulation threads: {e}")))?
            .install(work)?,
    };
    let (orders, summary) = statistics::summarise(portfolio, plan, sim.timeline(), &runs);
    Ok(Simulation {
        runs: options.runs,
        seed: options.seed,
        periods: sim.periods(),
        orders,
        summary,
    })
}

//! The command line's arguments: every subcommand and option, with the help text clap prints.

use clap::{Parser, Subcommand};
use std::path::PathBuf;

/// The whole command line.
#[derive(Parser)]
#[command(
    name = "leverans",
    version,
    about = "Plan an IT delivery portfolio: what goes live when, who works on it, what is late."
)]
pub struct Cli {
    /// The subcommand.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands; each variant's doc comment is its `--help` text.
#[derive(Subcommand)]
pub enum Command {
    /// Plan a portfolio (JSON, or PSPLIB .sm by its extension) and print the plan.
    Plan {
        /// The portfolio file.
        portfolio: PathBuf,
        /// Stop after this many seconds with the best plan found.
        #[arg(long, default_value_t = 60.0, allow_negative_numbers = true)]
        time_limit: f64,
        /// The goal: levels in priority order, comma-separated; the objectives of one level
        /// joined by `+`, each with an optional weight (`2*weighted_lateness`). Objectives:
        /// makespan, weighted_lateness, weighted_completion, lost_value, consultant_cost,
        /// work_in_progress, baseline_delay and baseline_changes (both with --baseline). Default `auto`, the portfolio's own default (the same as from Rust
        /// and Python): for portfolios with decisions
        /// lost_value+weighted_lateness,consultant_cost,weighted_completion+work_in_progress;
        /// makespan for PSPLIB instances; else
        /// weighted_lateness,weighted_completion+work_in_progress. The directive's strict
        /// order is lost_value,weighted_lateness,consultant_cost,weighted_completion.
        #[arg(long, default_value = "auto")]
        objective: String,
        /// Relative gap at which to stop (0 = prove optimality).
        #[arg(long, default_value_t = 0.0, allow_negative_numbers = true)]
        gap: f64,
        /// Threads for HiGHS, the heuristic and the searches that learn (1 keeps runs
        /// reproducible where no search ends by the clock).
        #[arg(long, default_value_t = 1)]
        threads: u32,
        /// Random seed.
        #[arg(long, default_value_t = 0)]
        seed: u64,
        /// Write the outcome (status, objective, bound, gap, plan) as JSON to this file.
        #[arg(long)]
        out: Option<PathBuf>,
        /// Write the plan's tables as CSV files into this directory.
        #[arg(long)]
        csv: Option<PathBuf>,
        /// Show HiGHS's log.
        #[arg(long)]
        verbose: bool,
        /// Re-plan against this plan (written by `plan --out`): each week an order goes live
        /// later than in it costs --move-weight on the goal's first level, so the dates already
        /// promised hold unless moving them gains more; earlier is free. `leverans diff` shows
        /// what moved.
        #[arg(long)]
        baseline: Option<PathBuf>,
        /// Weight of a week of delay against --baseline, in the first level's units.
        #[arg(long, default_value_t = 1.0, allow_negative_numbers = true)]
        move_weight: f64,
        /// Weight of each order whose --baseline promise changes (it goes live later, or is
        /// stopped or delivered the other way), in the first level's units.
        #[arg(long, default_value_t = 1.0, allow_negative_numbers = true)]
        change_weight: f64,
        /// Settle the plan before this date (YYYY-MM-DD, or a period number): with
        /// --baseline, every order keeps the baseline's work and go-lives before it (its start
        /// and go-live pinned, its hours there recorded as actual hours); nothing else starts
        /// or goes live before it.
        #[arg(long)]
        frozen_until: Option<String>,
        /// Write the portfolio as planned (with --frozen-until: the frozen horizon, pins and
        /// actual hours) to this file, for `verify`, `explain` and `report` of the new plan.
        #[arg(long)]
        save_portfolio: Option<PathBuf>,
        /// Plan against this percentile of the three-point estimates (85: the hours the work
        /// stays within in 85 runs of 100) instead of the most likely hours; later promised
        /// dates that hold more often. `simulate --estimates PORTFOLIO` runs the plan on the
        /// most likely hours again.
        #[arg(long, allow_negative_numbers = true)]
        hours_percentile: Option<f64>,
    },
    /// Which competences are short, and when: the least extra hours per team and period that
    /// deliver every mandatory order by its deadline, and their cost (the capacity gap; `gap`,
    /// its former name, still works).
    #[command(alias = "gap")]
    CapacityGap {
        /// The portfolio file.
        portfolio: PathBuf,
        /// Stop after this many seconds with the best answer found.
        #[arg(long, default_value_t = 60.0, allow_negative_numbers = true)]
        time_limit: f64,
        /// Write the capacity gap as JSON to this file.
        #[arg(long)]
        out: Option<PathBuf>,
        /// Count optional orders as mandatory.
        #[arg(long)]
        all_orders: bool,
        /// Only deadlines are hard (due dates may slip).
        #[arg(long)]
        deadlines_only: bool,
    },
    /// Value delivered against consultant budget, one plan per budget, solved in parallel.
    Frontier {
        /// The portfolio file.
        portfolio: PathBuf,
        /// Total consultant budgets, comma-separated.
        #[arg(long, value_delimiter = ',', required = true)]
        budgets: Vec<f64>,
        /// Seconds for each plan.
        #[arg(long, default_value_t = 30.0)]
        time_limit: f64,
        /// Write the table as CSV to this file.
        #[arg(long)]
        csv: Option<PathBuf>,
    },
    /// Check a portfolio and list every problem in it.
    Check {
        /// The portfolio file.
        portfolio: PathBuf,
    },
    /// Why orders are late, stopped or reduced in a plan (the JSON written by `plan --out`),
    /// and what would make them on time or deliver them: the dependency waited for, the team
    /// fully booked and with what, the freeze window, the go-live slots, the pace limit.
    Explain {
        /// The portfolio file.
        portfolio: PathBuf,
        /// The plan file.
        plan: PathBuf,
        /// Explain this order only (any order, late or not).
        #[arg(long)]
        order: Option<String>,
        /// Explain every order, not only those late, stopped or reduced.
        #[arg(long)]
        all: bool,
        /// Print the explanations as JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Write the plan report for a steering group: one self-contained HTML file (summary with
    /// every level's gap, timeline by department, stopped and reduced orders, why late, load
    /// per team, tables) that opens offline and prints on A4 landscape.
    Report {
        /// The portfolio file.
        portfolio: PathBuf,
        /// The plan file (the JSON written by `plan --out`).
        plan: PathBuf,
        /// The HTML file to write.
        #[arg(long)]
        out: PathBuf,
        /// A plan before (written by `plan --out`): the report shows what changed against it.
        #[arg(long)]
        baseline: Option<PathBuf>,
        /// Add the capacity gap: the least extra hours per team and period that deliver every
        /// mandatory order on time (solved now, within --time-limit). `--gap`, its former
        /// name, still works.
        #[arg(long, alias = "gap")]
        capacity_gap: bool,
        /// Add the budget frontier for these total consultant budgets, comma-separated (one
        /// plan per budget, each within --time-limit).
        #[arg(long, value_delimiter = ',')]
        frontier: Vec<f64>,
        /// Seconds for each solve of --capacity-gap and --frontier.
        #[arg(long, default_value_t = 30.0)]
        time_limit: f64,
        /// Add how sure each date is: this many runs of the three-point estimates (as
        /// `leverans simulate`), a range bar per order from P50 to P95.
        #[arg(long)]
        simulate: Option<usize>,
        /// Seed of --simulate's draws.
        #[arg(long, default_value_t = 1)]
        seed: u64,
    },
    /// What changed between two plans (files written by `plan --out`): orders moved, by how
    /// much and which way, decisions changed, lateness, value and consultant spend.
    Diff {
        /// The plan before.
        before: PathBuf,
        /// The plan after.
        after: PathBuf,
        /// The portfolio of the plan after: both plans are checked against it and periods are
        /// shown as dates.
        #[arg(long)]
        portfolio: Option<PathBuf>,
        /// Print the differences as JSON instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Monte Carlo dates: draw every three-point estimate (`hours_low`/`hours_high`,
    /// `duration_low`/`duration_high`), re-run the plan on the drawn hours as the teams would
    /// (its decisions and priorities kept, work re-levelled within capacity, nothing
    /// re-optimised) and print per order the P50/P85/P95 go-live and the chance of meeting its
    /// due date and deadline, and the portfolio's figures over the runs.
    Simulate {
        /// The portfolio file.
        portfolio: PathBuf,
        /// The plan file (the JSON written by `plan --out`).
        plan: PathBuf,
        /// Runs, 1 to 1 000 000.
        #[arg(long, default_value_t = 1000)]
        runs: usize,
        /// Seed of the draws: the same seed gives the same figures with any --threads.
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Threads computing runs side by side (default: every core).
        #[arg(long)]
        threads: Option<usize>,
        /// Print the figures as JSON instead of text.
        #[arg(long)]
        json: bool,
        /// Write simulation_orders.csv and simulation_summary.csv into this directory.
        #[arg(long)]
        csv: Option<PathBuf>,
        /// Draw the hours from this portfolio's estimates instead of PORTFOLIO's (the same
        /// orders and teams): for a plan made with `plan --hours-percentile`, whose portfolio
        /// (`--save-portfolio`) has the percentile as its hours.
        #[arg(long)]
        estimates: Option<PathBuf>,
    },
    /// Solve a base portfolio and named variants of it (a scenario file: budget, team hours,
    /// priorities, due dates, orders stopped or added, goal) in parallel and print one table
    /// side by side: value, on-time share, weighted lateness, spend, last go-live, orders
    /// moved against the base plan, and the rules each plan breaks (0).
    Scenarios {
        /// The base portfolio file.
        base: PathBuf,
        /// The scenario file (JSON: `{"scenarios": [...]}`).
        scenarios: PathBuf,
        /// Seconds for each solve.
        #[arg(long, default_value_t = 30.0, allow_negative_numbers = true)]
        time_limit: f64,
        /// Solves side by side (each on one thread).
        #[arg(long, default_value_t = 1)]
        threads: usize,
        /// Print the rows as JSON instead of a table.
        #[arg(long)]
        json: bool,
        /// Also write the rows as JSON to this file.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Check a plan (the JSON written by `plan --out`) against a portfolio.
    Verify {
        /// The portfolio file.
        portfolio: PathBuf,
        /// The plan file.
        plan: PathBuf,
    },
}

//! # Leverans
//!
//! A planning engine for IT delivery portfolios: from an order list (requests from departments
//! for projects, changes and upgrades) to a realistic deployment plan, found by mixed-integer
//! programming on HiGHS and checked by an independent verifier.
//!
//! ## How data flows
//!
//! ```text
//! Portfolio ──validate──▶ Problem ──heuristic──▶ Schedule ─┐
//!  (model)     (checks)    (data)  ──formulation+HiGHS──▶ Schedule ──build_plan──▶ Plan
//!                                                                                  │
//! Portfolio + Plan ──────────────────────── verify ◀───────────────────────────────┘
//! ```
//!
//! - [`model`]: the domain in planners' words: [`Portfolio`], [`Calendar`], [`Team`],
//!   [`Order`], [`Dependency`], [`FreezeWindow`]; [`Timeline`] unrolls the calendar into periods
//!   with working days (Swedish holidays built in) and capacities.
//! - [`validate()`]: every input problem at once, each naming the order or team, the field and
//!   the value ([`ValidationReport`]).
//! - [`solve()`]: heuristic, time windows, then the MIP level by level; returns an [`Outcome`]
//!   with a [`Status`], objective, bound, gap and the [`plan::Plan`].
//! - [`verify()`]: re-derives every rule from the portfolio and lists what a plan breaks.
//! - [`io`]: JSON, PSPLIB `.sm`, CSV tables.
//! - [`scenario`]: named variants of a portfolio (budget, capacity, priorities, due dates,
//!   orders stopped or added, goal) solved side by side.
//! - [`simulate()`](simulate::simulate): Monte Carlo dates for a plan whose estimates are
//!   three-point (`hours_low` / `hours_high`): P50/P85/P95 go-lives, on-time chances.
//!
//! ## Quickstart
//!
//! ```
//! use leverans::{solve, verify, Calendar, Dependency, Order, Portfolio, SolveOptions, Status, Team};
//! let start = "2014-01-06".parse().unwrap();
//! let end = "2014-03-30".parse().unwrap();
//! let mut p = Portfolio::new(Calendar::weeks(start, end));
//! p.add_team(Team::new("dev", 40.0));
//! let mut net = Order::effort("network", [("dev", 80.0)]);
//! net.due = Some("2014-01-31".parse::<chrono::NaiveDate>().unwrap().into());
//! p.add_order(net);
//! p.add_order(Order::effort("school-admin", [("dev", 120.0)]));
//! p.dependencies.push(Dependency::finish_to_start("network", "school-admin"));
//!
//! let out = solve(&p, &SolveOptions::default().with_time_limit(10.0)).unwrap();
//! assert_eq!(out.status, Status::Optimal);
//! let plan = out.plan.unwrap();
//! assert!(verify(&p, &plan).is_ok());
//! assert_eq!(plan.order("network").unwrap().lateness, 0);
//! ```
#![deny(missing_docs)]

pub mod analysis;
pub mod bounds;
pub mod error;
pub mod explain;
pub mod formulation;
pub mod heuristic;
pub mod io;
pub mod model;
pub mod objective;
pub mod plan;
pub mod problem;
pub mod report;
pub mod scenario;
pub mod schedule;
pub mod simulate;
pub mod solve;
pub mod validate;
pub mod verify;
pub mod vocabulary;

pub use error::{Error, Issue, ValidationReport};
pub use model::*;
pub use objective::{Goal, Objective};
pub use plan::freeze_baseline;
pub use solve::{solve, CancelToken, LevelOutcome, Outcome, PlanSource, SolveOptions, Status};
pub use validate::validate;
pub use verify::{verify, VerifyReport, Violation};

/// The README's Rust examples, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../../README.md")]
pub struct ReadmeDoctests;

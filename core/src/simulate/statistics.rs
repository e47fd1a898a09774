//! Figures over the runs of a simulation: per order the go-live percentiles and the chance of
//! meeting its due date and deadline; for the portfolio, the distribution of value delivered
//! on time, weighted lateness, consultant spend and the last go-live.
//!
//! Percentiles are nearest-rank: the `q` percentile of `n` sorted runs is run
//! `⌈q·n⌉` (1-based), a figure some run actually had (for go-lives, a real period).

use super::relevel::RunResult;
use crate::model::{Portfolio, Timeline};
use serde::{Deserialize, Serialize};

/// The 50th, 85th and 95th percentiles and the mean of one figure over the runs.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Spread {
    /// Median.
    pub p50: f64,
    /// 85th percentile.
    pub p85: f64,
    /// 95th percentile.
    pub p95: f64,
    /// Mean.
    pub mean: f64,
}

impl Spread {
    /// The spread of `xs` (any order); all zero when empty.
    ///
    /// ```
    /// use leverans::simulate::Spread;
    /// let s = Spread::of((1..=20).map(f64::from).collect());
    /// assert_eq!((s.p50, s.p85, s.p95), (10.0, 17.0, 19.0));
    /// assert_eq!(s.mean, 10.5);
    /// ```
    pub fn of(mut xs: Vec<f64>) -> Spread {
        if xs.is_empty() {
            return Spread {
                p50: 0.0,
                p85: 0.0,
                p95: 0.0,
                mean: 0.0,
            };
        }
        xs.sort_by(f64::total_cmp);
        let at = |q: f64| xs[((q * xs.len() as f64).ceil() as usize).clamp(1, xs.len()) - 1];
        Spread {
            p50: at(0.50),
            p85: at(0.85),
            p95: at(0.95),
            mean: xs.iter().sum::<f64>() / xs.len() as f64,
        }
    }
}

/// What the runs say about one order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OrderForecast {
    /// The order's id.
    pub id: String,
    /// `simulated`, or `stopped` (by the plan) or `done` (before it): those two have no
    /// go-live figures.
    pub state: String,
    /// Go-live period in the plan.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub planned_period: Option<u32>,
    /// Go-live period percentiles and mean over the runs (periods from 0; those past the
    /// calendar's end count on into the extension).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub go_live_period: Option<Spread>,
    /// The go-live day (or period label on a unit calendar) of the plan, then of P50, P85 and
    /// P95.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub planned: Option<String>,
    /// Go-live at the median run.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub p50: Option<String>,
    /// Go-live at the 85th percentile.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub p85: Option<String>,
    /// Go-live at the 95th percentile.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub p95: Option<String>,
    /// Share of runs going live by the due date; none without a due date.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on_time: Option<f64>,
    /// Share of runs going live by the deadline; none without a deadline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub meets_deadline: Option<f64>,
}

/// What the runs say about the whole portfolio.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PortfolioForecast {
    /// Value of the orders going live by their due date (or delivered, without one), times
    /// their scope.
    pub value_on_time: Spread,
    /// Σ weight × periods past the due date.
    pub weighted_lateness: Spread,
    /// Money spent on consultants.
    pub consultant_spend: Spread,
    /// Period of the last go-live.
    pub last_go_live_period: Spread,
    /// Day (or label) of the last go-live at P50, P85 and P95.
    pub last_go_live: [String; 3],
    /// Share of runs in which every order with a deadline meets it.
    pub all_deadlines_met: f64,
}

/// Per order: its due and deadline periods, weight and value (scope applied), when it is
/// simulated.
struct Terms {
    due: Option<usize>,
    deadline: Option<usize>,
    weight: f64,
    value: f64,
}

/// The figures of `runs` of `portfolio`'s plan `plan`, go-lives labelled on `tl` (the
/// extended calendar the runs were placed on).
pub(super) fn summarise(
    portfolio: &Portfolio,
    plan: &crate::plan::Plan,
    tl: &Timeline,
    runs: &[RunResult],
) -> (Vec<OrderForecast>, PortfolioForecast) {
    let label = |t: usize| {
        tl.go_live_day(t)
            .map_or_else(|| tl.period(t).label.clone(), |d| d.to_string())
    };
    let own = Timeline::new(&portfolio.calendar).ok();
    let at = |tp: Option<crate::TimePoint>| tp.and_then(|tp| own.as_ref()?.resolve(tp));
    let terms: Vec<Terms> = portfolio
        .orders
        .iter()
        .zip(&plan.orders)
        .map(|(o, po)| Terms {
            due: at(o.due),
            deadline: at(o.deadline),
            weight: o.effective_weight(),
            value: o.effective_value() * po.scope,
        })
        .collect();
    let n = runs.len().max(1) as f64;
    let share = |f: &dyn Fn(&RunResult) -> bool| runs.iter().filter(|r| f(r)).count() as f64 / n;
    let orders = portfolio
        .orders
        .iter()
        .zip(&plan.orders)
        .enumerate()
        .map(|(k, (o, po))| {
            let simulated = runs.first().is_some_and(|r| r.go_live[k].is_some());
            let state = match po.state {
                crate::plan::PlannedState::Stopped => "stopped",
                crate::plan::PlannedState::Done => "done",
                _ if simulated => "simulated",
                _ => "done",
            };
            let mut f = OrderForecast {
                id: o.id.clone(),
                state: state.to_string(),
                planned_period: po.go_live_period,
                go_live_period: None,
                planned: po.go_live_period.map(|t| label(t as usize)),
                p50: None,
                p85: None,
                p95: None,
                on_time: None,
                meets_deadline: None,
            };
            if !simulated {
                return f;
            }
            let g = |r: &RunResult| r.go_live[k].unwrap_or(usize::MAX);
            let spread = Spread::of(runs.iter().map(|r| g(r) as f64).collect());
            f.p50 = Some(label(spread.p50 as usize));
            f.p85 = Some(label(spread.p85 as usize));
            f.p95 = Some(label(spread.p95 as usize));
            f.go_live_period = Some(spread);
            f.on_time = terms[k].due.map(|d| share(&|r| g(r) <= d));
            f.meets_deadline = terms[k].deadline.map(|d| share(&|r| g(r) <= d));
            f
        })
        .collect();
    let per_run = |f: &dyn Fn(&RunResult) -> f64| Spread::of(runs.iter().map(f).collect());
    let value_on_time = per_run(&|r| {
        r.go_live
            .iter()
            .zip(&terms)
            .filter_map(|(g, t)| g.filter(|&g| t.due.is_none_or(|d| g <= d)).map(|_| t.value))
            .sum()
    });
    let weighted_lateness = per_run(&|r| {
        r.go_live
            .iter()
            .zip(&terms)
            .filter_map(|(g, t)| Some(t.weight * g.as_ref()?.saturating_sub(t.due?) as f64))
            .sum()
    });
    let consultant_spend = per_run(&|r| r.spend);
    let last = per_run(&|r| r.go_live.iter().flatten().copied().max().unwrap_or(0) as f64);
    let all_deadlines_met = share(&|r| {
        r.go_live
            .iter()
            .zip(&terms)
            .all(|(g, t)| match (g, t.deadline) {
                (Some(g), Some(d)) => *g <= d,
                _ => true,
            })
    });
    let summary = PortfolioForecast {
        value_on_time,
        weighted_lateness,
        consultant_spend,
        last_go_live: [last.p50, last.p85, last.p95].map(|t| label(t as usize)),
        last_go_live_period: last,
        all_deadlines_met,
    };
    (orders, summary)
}

//! Planning against a percentile of the estimates: every three-point estimate replaced by its
//! `q`-quantile (P85: the hours the work stays within in 85 runs of 100), so the plan holds more
//! often at the price of later promised dates; and simulating such a plan on the estimates
//! themselves ([`simulate_with_estimates`]) to see what that buys.

use super::{SimulateOptions, Simulation};
use crate::error::{Error, Result};
use crate::model::Portfolio;
use crate::plan::Plan;

/// Points of the numeric integration of the PERT density (its error is far below an hour).
const GRID: usize = 4000;

/// The `q`-quantile of the PERT-beta distribution on `low..=high` with mode `mode` (λ = 4, as
/// the draws use): `low + (high − low)·x` with `x` the quantile of Beta(α, β),
/// `α = 1 + 4(mode − low)/(high − low)`, `β = 1 + 4(high − mode)/(high − low)`. α, β ≥ 1, so the
/// density is bounded and a trapezoid rule on a fixed grid gives the distribution function.
///
/// ```
/// use leverans::simulate::pert_quantile;
/// // A symmetric range: the median is the mode.
/// assert!((pert_quantile(80.0, 100.0, 120.0, 0.5) - 100.0).abs() < 0.01);
/// // Skewed to the right: P85 well above the mode, inside the range.
/// let p85 = pert_quantile(90.0, 100.0, 200.0, 0.85);
/// assert!(p85 > 130.0 && p85 < 200.0, "{p85}");
/// assert_eq!(pert_quantile(5.0, 5.0, 5.0, 0.85), 5.0);
/// ```
pub fn pert_quantile(low: f64, mode: f64, high: f64, q: f64) -> f64 {
    let span = high - low;
    if span <= f64::EPSILON * high.abs().max(1.0) {
        return mode;
    }
    let a = 1.0 + 4.0 * (mode - low) / span;
    let b = 1.0 + 4.0 * (high - mode) / span;
    let density = |x: f64| x.powf(a - 1.0) * (1.0 - x).powf(b - 1.0);
    let mut cdf = vec![0.0f64; GRID + 1];
    let h = 1.0 / GRID as f64;
    for k in 1..=GRID {
        let (x0, x1) = ((k - 1) as f64 * h, k as f64 * h);
        cdf[k] = cdf[k - 1] + 0.5 * h * (density(x0) + density(x1));
    }
    let total = cdf[GRID];
    let target = q.clamp(0.0, 1.0) * total;
    let k = cdf.partition_point(|&c| c < target).clamp(1, GRID);
    let (c0, c1) = (cdf[k - 1], cdf[k]);
    let frac = if c1 > c0 {
        (target - c0) / (c1 - c0)
    } else {
        0.0
    };
    low + span * ((k - 1) as f64 + frac) * h
}

/// `portfolio` with every estimate at its `q`-quantile (`0 < q < 1`; 0.85 for P85): an
/// effort's `hours` becomes the quantile of its `hours_low`/`hours`/`hours_high` range, a
/// fixed duration the quantile of its range rounded up to whole periods. Point estimates stay
/// as they are; the ranges are kept, so the result still describes the uncertainty (but its
/// `hours` are no longer the most likely figures: simulate a plan of it with
/// [`simulate_with_estimates`] and the original portfolio).
pub fn at_percentile(portfolio: &Portfolio, q: f64) -> Result<Portfolio> {
    if !(q.is_finite() && q > 0.0 && q < 1.0) {
        return Err(Error::InvalidOptions {
            option: "hours_percentile".into(),
            value: q.to_string(),
            message: "a share above 0 and below 1, such as 0.85 for P85".into(),
        });
    }
    let mut out = portfolio.clone();
    for o in &mut out.orders {
        for e in &mut o.effort {
            if let (Some(low), Some(high)) = (e.hours_low, e.hours_high) {
                if low <= e.hours && e.hours <= high {
                    e.hours = pert_quantile(low, e.hours, high, q);
                }
            }
        }
        if let (Some(d), Some(low), Some(high)) = (o.duration, o.duration_low, o.duration_high) {
            if low <= d && d <= high {
                let x = pert_quantile(f64::from(low), f64::from(d), f64::from(high), q);
                o.duration = Some((x - 1e-9).ceil() as u32);
            }
        }
    }
    Ok(out)
}

/// Simulates `plan` (a plan of `portfolio`) with the estimates of `estimates` instead of
/// `portfolio`'s own: the same orders and teams, other figures (a plan made on
/// [`at_percentile`] hours, run on the most likely hours and their ranges). Errors as
/// [`super::simulate`], and when an order or effort of `portfolio` is missing in `estimates`.
pub fn simulate_with_estimates(
    portfolio: &Portfolio,
    plan: &Plan,
    estimates: &Portfolio,
    options: &SimulateOptions,
) -> Result<Simulation> {
    options.check()?;
    let sim = super::Simulator::new(portfolio, plan)?.with_estimates(estimates)?;
    super::run_all(portfolio, plan, &sim, options)
}

//! Drawing a portfolio's uncertain figures: every three-point estimate (effort hours,
//! fixed durations) replaced by one draw from its PERT distribution.
//!
//! **Distribution.** PERT-beta with shape λ = 4 (the classic PERT weighting: mean
//! `(low + 4·mode + high) / 6`) on `[low, high]` with the estimate's `hours` (or `duration`)
//! as its mode. Beside the triangular distribution it puts less weight on the extremes, which
//! suits estimates whose `low` and `high` are "hardly ever beyond", and it is the one planners
//! know from PERT. A degenerate estimate (`low == high`, or no bounds) is its single value,
//! and draws nothing from the generator. Fixed durations are drawn the same way and rounded
//! to the nearest whole period (at least 1).
//!
//! **Seeding.** Run `k` of a simulation with seed `s` draws from a ChaCha8 generator seeded
//! with `s` on stream `k` ([`run_rng`]): each run's draws depend on `(s, k)` only, so the
//! runs give the same figures whatever thread computes them, in whatever order.

use crate::model::Portfolio;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rand_distr::{Distribution, Pert};

/// The generator of run `run` of a simulation seeded with `seed`.
///
/// ```
/// use rand::Rng;
/// use leverans::simulate::run_rng;
/// let a: u64 = run_rng(1, 7).random();
/// let b: u64 = run_rng(1, 7).random();
/// assert_eq!(a, b);
/// assert_ne!(a, run_rng(1, 8).random::<u64>());
/// ```
pub fn run_rng(seed: u64, run: u64) -> ChaCha8Rng {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    rng.set_stream(run);
    rng
}

/// One draw from the PERT-beta distribution (λ = 4) on `[low, high]` with mode `mode`;
/// `mode` itself when the range is empty (`low == high`), without drawing.
///
/// The caller guarantees `low ≤ mode ≤ high`, all finite (the portfolio's validation checks
/// it); a range that `rand_distr` still refuses gives the mode.
///
/// ```
/// use leverans::simulate::{pert, run_rng};
/// let mut rng = run_rng(1, 0);
/// assert_eq!(pert(&mut rng, 5.0, 5.0, 5.0), 5.0);
/// let x = pert(&mut rng, 80.0, 100.0, 150.0);
/// assert!((80.0..=150.0).contains(&x));
/// ```
pub fn pert<R: Rng + ?Sized>(rng: &mut R, low: f64, mode: f64, high: f64) -> f64 {
    if high - low <= f64::EPSILON * high.abs().max(1.0) {
        return mode;
    }
    match Pert::new(low, high).with_mode(mode) {
        Ok(d) => d.sample(rng).clamp(low, high),
        Err(_) => mode,
    }
}

/// Replaces every three-point estimate of `portfolio` by a draw from `rng`, in the portfolio's
/// order (orders, then each order's efforts), and clears the bounds: the result is a
/// portfolio with single-point figures, as the plan's portfolio would be had the estimates
/// been exactly right.
pub fn sample_portfolio<R: Rng + ?Sized>(portfolio: &mut Portfolio, rng: &mut R) {
    for o in &mut portfolio.orders {
        for e in &mut o.effort {
            let low = e.hours_low.take().unwrap_or(e.hours);
            let high = e.hours_high.take().unwrap_or(e.hours);
            e.hours = pert(rng, low, e.hours, high);
        }
        let low = o.duration_low.take();
        let high = o.duration_high.take();
        if let Some(d) = o.duration {
            let (low, high) = (low.unwrap_or(d), high.unwrap_or(d));
            let x = pert(rng, low as f64, d as f64, high as f64);
            o.duration = Some((x.round() as u32).clamp(low.max(1), high.max(1)));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Calendar, Order, Team};

    #[test]
    fn draws_stay_in_range_and_centre_on_the_pert_mean() {
        let mut rng = run_rng(3, 0);
        let n = 20_000;
        let xs: Vec<f64> = (0..n).map(|_| pert(&mut rng, 80.0, 100.0, 160.0)).collect();
        assert!(xs.iter().all(|x| (80.0..=160.0).contains(x)));
        // PERT mean (80 + 4·100 + 160) / 6 = 106.67; the sample mean of 20 000 draws is
        // within 0.5 of it (its standard error is about 0.09).
        let mean = xs.iter().sum::<f64>() / n as f64;
        assert!((mean - 106.666).abs() < 0.5, "{mean}");
    }

    #[test]
    fn sampling_clears_bounds_and_leaves_point_estimates_alone() {
        let mut p = Portfolio::new(Calendar::units(20));
        p.add_team(Team::new("dev", 40.0));
        let mut a = Order::effort("a", [("dev", 100.0), ("dev2", 50.0)]);
        a.effort[0].hours_low = Some(90.0);
        a.effort[0].hours_high = Some(200.0);
        p.add_order(a);
        let mut f = Order::fixed("f", 3, [("dev", 10.0)]);
        f.duration_low = Some(2);
        f.duration_high = Some(6);
        p.add_order(f);
        let mut rng = run_rng(1, 0);
        sample_portfolio(&mut p, &mut rng);
        let e = &p.orders[0].effort;
        assert!((90.0..=200.0).contains(&e[0].hours));
        assert_eq!((e[0].hours_low, e[0].hours_high), (None, None));
        assert_eq!(e[1].hours, 50.0);
        let d = p.orders[1].duration.unwrap();
        assert!((2..=6).contains(&d));
        assert_eq!(p.orders[1].duration_low, None);
    }
}

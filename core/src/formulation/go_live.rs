//! Go-live rules, when go-live has its own step `Z^G`:
//!
//! - `Z^G_jt ≤ Z^F_j(t − lag_j)`: live only after the work and the go-live lag;
//! - `Z^G_jt = Z^G_j(t−1)` for frozen `t`: nothing goes live in a freeze window (the step may
//!   not rise there);
//! - `Σ_j (Z^G_jt − Z^G_j(t−1)) ≤ N`: at most `N` go-lives a period.
//!
//! Without freeze windows and limits, go-live is the finish shifted by the lag and needs none
//! of this.

use super::steps::{go_live_is_free, At};
use super::Formulation;
use good_lp::{constraint, Expression};

pub(super) fn add(f: &mut Formulation) {
    let p = f.problem;
    if go_live_is_free(p) {
        return;
    }
    let mut per_period: Vec<Expression> = vec![Expression::from(0.0); p.periods];
    let mut may_go_live = vec![0usize; p.periods];
    for j in 0..p.jobs.len() {
        let live = f.layout.live[j].clone();
        let ready = f.layout.finish[j].shifted(p.jobs[j].go_live_lag as i64);
        let (lo, hi) = live.span();
        for t in lo..hi {
            let (a, b) = (live.at(t), ready.at(t));
            if !matches!((a, b), (At::Zero, _) | (_, At::One)) {
                f.add_row(constraint!(a.expr() <= b.expr()));
            }
        }
        for t in lo..=hi {
            let t = t as usize;
            if t >= p.periods {
                break;
            }
            let rise = live.at(t as i64).expr() - live.at(t as i64 - 1).expr();
            if p.frozen[t] {
                f.add_row(constraint!(rise == 0.0));
            } else {
                per_period[t] += rise;
                may_go_live[t] += 1;
            }
        }
    }
    if let Some(n) = p.max_go_lives {
        for (t, e) in per_period.into_iter().enumerate() {
            // Go-lives of orders outside the model (a neighbourhood step's) take their slots.
            let n = n.saturating_sub(p.outside.go_lives.get(t).copied().unwrap_or(0));
            if may_go_live[t] > n as usize {
                f.add_row(constraint!(e <= n as f64));
            }
        }
    }
}

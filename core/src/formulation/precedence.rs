//! Dependencies with lags, in step form (each row has at most two columns):
//!
//! - finish-to-start, lag `L`: `Z^S_bt ≤ Z^F_a(t − 1 − L)` (b started by t ⇒ a finished by t − 1 − L);
//! - start-to-start: `Z^S_bt ≤ Z^S_a(t − L)`;
//! - finish-to-finish: `Z^F_bt ≤ Z^F_a(t − L)`;
//! - live-to-start: `Z^S_bt ≤ Z^G_a(t − 1 − L)` (b started by t ⇒ a live by t − 1 − L);
//! - live-to-live: `Z^G_bt ≤ Z^G_a(t − L)`;
//! - and `Z^G_bt ≤ Z^G_at` for every link, no dependant goes live before what it depends on,
//!   unless go-live is the finish plus the lag for every order (no freeze, no slot limit) and
//!   the link's kind and lags imply it.
//!
//! Summed over `t`, each family gives the aggregated form (`S_b ≥ F_a + 1 + L`, ...); written
//! per period it is the stronger, disaggregated form whose LP relaxation keeps the order of
//! fractional starts. [`super::FormulationOptions::aggregated_precedence`] switches to one row
//! per dependency, `rise(succ) ≥ rise(pred) + shift`, for comparison.

use super::steps::{go_live_is_free, live_order_implied, At, Step};
use super::Formulation;
use crate::model::DependencyKind;
use good_lp::constraint;

pub(super) fn add(f: &mut Formulation, aggregated: bool) {
    let links = f.problem.links.clone();
    // With go-live steps of their own, a go-live may wait (a freeze, a full slot) past its
    // finish and lag, so no link implies the order of go-lives: every link gets the rows.
    let free = go_live_is_free(f.problem);
    for l in links {
        if !free || !live_order_implied(f.problem, &l) {
            let (succ, pred) = (f.layout.live[l.to].clone(), f.layout.live[l.from].clone());
            add_rows(f, &succ, &pred, 0, aggregated);
        }
        let (succ, pred, shift): (Step, Step, i64) = match l.kind {
            DependencyKind::FinishToStart => (
                f.layout.start[l.to].clone(),
                f.layout.finish[l.from].clone(),
                1 + l.lag,
            ),
            DependencyKind::StartToStart => (
                f.layout.start[l.to].clone(),
                f.layout.start[l.from].clone(),
                l.lag,
            ),
            DependencyKind::FinishToFinish => (
                f.layout.finish[l.to].clone(),
                f.layout.finish[l.from].clone(),
                l.lag,
            ),
            DependencyKind::LiveToStart => (
                f.layout.start[l.to].clone(),
                f.layout.live[l.from].clone(),
                1 + l.lag,
            ),
            DependencyKind::LiveToLive => (
                f.layout.live[l.to].clone(),
                f.layout.live[l.from].clone(),
                l.lag,
            ),
        };
        add_rows(f, &succ, &pred, shift, aggregated);
    }
}

/// Rows `succ_t ≤ pred_(t − shift)` (or the aggregated row `rise(succ) ≥ rise(pred) + shift`).
fn add_rows(f: &mut Formulation, succ: &Step, pred: &Step, shift: i64, aggregated: bool) {
    if aggregated {
        let (a, b) = (succ.rise_expr(), pred.rise_expr());
        f.add_row(constraint!(a >= b + shift as f64));
        return;
    }
    let (lo, hi) = succ.span();
    let (plo, phi) = pred.span();
    // Rows matter where either side can change.
    let from = lo.min(plo + shift);
    let to = hi.max(phi + shift);
    // `to` itself too: there both steps stand at their tops, and a delivered successor
    // needs a delivered predecessor (`y_b ≤ y_a`).
    for t in from..=to {
        let a = succ.at(t);
        let b = pred.at(t - shift);
        match (a, b) {
            (At::Zero, _) | (_, At::One) => {}
            _ => f.add_row(constraint!(a.expr() <= b.expr())),
        }
    }
}

//! What a relaxed solution (the LP's optimum) leaves open: the neighbourhood of RENS
//! (relaxation enforced neighbourhood search). Every step column the LP sets to 0 or 1 is
//! fixed there, so each order may start, finish and go live only in the periods where the
//! LP's steps rise, and an optional order the LP delivers whole (or stops) is decided so.

use super::Layout;
use crate::problem::{Problem, Window, Windows};

/// Tolerance within which an LP value counts as 0 or 1.
const TOL: f64 = 1e-6;

/// The relaxation's neighbourhood: each order's windows cut to where its steps rise in the
/// LP's optimum, and each optional order's selection where the LP decides it.
#[derive(Debug, Clone)]
pub(crate) struct Relaxed {
    /// The cut windows (the full ones where the LP delivers an order in part).
    pub windows: Windows,
    /// Per order: `Some(true)` where the LP delivers it whole, `Some(false)` where it stops it,
    /// `None` where it is mandatory or delivered in part.
    pub selection: Vec<Option<bool>>,
}

impl Layout {
    /// The neighbourhood the relaxed solution `cols` of a model built on `windows` leaves open.
    pub(crate) fn relaxed(&self, p: &Problem, windows: &Windows, cols: &[f64]) -> Relaxed {
        let mut jobs = Vec::with_capacity(p.jobs.len());
        let mut selection = Vec::with_capacity(p.jobs.len());
        for (j, full) in windows.jobs.iter().enumerate() {
            let top = match self.selected[j] {
                Some(c) => cols[c],
                None if p.jobs[j].excluded.is_some() => 0.0,
                None => 1.0,
            };
            // Decided where the order is optional and the LP delivers it whole or stops it.
            let decided = match top {
                t if t >= 1.0 - TOL => Some(true),
                t if t <= TOL => Some(false),
                _ => None,
            };
            selection.push(self.selected[j].and(decided));
            if top < 1.0 - TOL {
                // Stopped, or delivered in part: its windows stay whole.
                jobs.push(*full);
                continue;
            }
            let (es, ls) = self.start[j].relaxed_rise(cols, 1.0, TOL);
            let (ef, lf) = self.finish[j].relaxed_rise(cols, 1.0, TOL);
            let (eg, lg) = self.live[j].relaxed_rise(cols, 1.0, TOL);
            jobs.push(Window {
                es: es.clamp(full.es, full.ls),
                ls: ls.clamp(full.es, full.ls),
                ef: ef.clamp(full.ef, full.lf),
                lf: lf.clamp(full.ef, full.lf),
                eg: eg.clamp(full.eg, full.lg),
                lg: lg.clamp(full.eg, full.lg),
            });
        }
        Relaxed {
            windows: Windows {
                horizon: windows.horizon,
                jobs,
            },
            selection,
        }
    }
}

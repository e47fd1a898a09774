//! Objective expressions, exact in the step variables:
//!
//! - go-live period `G_j = Σ_(t < lg_j) (1 − Z^G_jt)` (one for each period not yet live);
//! - weighted tardiness `Σ_j w_j Σ_(t ≥ due_j) (1 − Z^G_jt)`: each period past the due period
//!   in which the order is not yet live costs `w_j`, with no extra variable;
//! - weighted completion `Σ_j w_j (G_j + 1)`;
//! - makespan `M ≥ G_j + 1` for every job;
//! - work in progress `Σ_j Σ_t a_jt = Σ_j Σ_t (Z^S_jt − Z^F_j(t−1))`: the periods each order
//!   is open, from its start to its finish.

use super::Formulation;
use crate::objective::Objective;
use good_lp::{constraint, Expression, Variable};

/// `Σ_(t in from..lg) (y_j − Z^G_jt)` as an expression (`y_j` = 1 for mandatory orders): the
/// periods from `from` on in which a delivered order is not yet live.
fn periods_not_live(f: &Formulation, j: usize, from: usize) -> Expression {
    let live = &f.layout.live[j];
    let (_, hi) = live.span();
    let top = live.top().expr();
    let mut e = Expression::from(0.0);
    for t in from as i64..hi {
        e += top.clone() - live.at(t).expr();
    }
    e
}

pub(super) fn expression(f: &mut Formulation, o: Objective) -> Expression {
    let p = f.problem;
    match o {
        Objective::Makespan => Expression::from(f.makespan_var()),
        Objective::WeightedLateness => {
            let mut e = Expression::from(0.0);
            for (j, job) in p.jobs.iter().enumerate() {
                if let Some(d) = job.due {
                    e += job.weight * periods_not_live(f, j, d);
                }
            }
            e
        }
        Objective::WeightedCompletion => {
            let mut e = Expression::from(0.0);
            for (j, job) in p.jobs.iter().enumerate() {
                e += job.weight * (periods_not_live(f, j, 0) + f.layout.live[j].top().expr());
            }
            e
        }
        Objective::LostValue => {
            let mut e = Expression::from(0.0);
            for (j, job) in p.jobs.iter().enumerate() {
                e += job.value * (1.0 - super::steps::delivered_share(f, j));
            }
            e
        }
        Objective::WorkInProgress => {
            let mut e = Expression::from(0.0);
            for j in 0..p.jobs.len() {
                let w = f.windows.jobs[j];
                let (start, finish) = (&f.layout.start[j], &f.layout.finish[j]);
                for t in w.es as i64..=w.lf as i64 {
                    e += start.at(t).expr() - finish.at(t - 1).expr();
                }
            }
            e
        }
        Objective::BaselineDelay => {
            // Like tardiness with the baseline go-live as due period; a stopped order costs
            // the periods from its baseline go-live to the end of the horizon.
            let mut e = Expression::from(0.0);
            for (j, job) in p.jobs.iter().enumerate() {
                if let Some(b) = job.baseline {
                    e += periods_not_live(f, j, b);
                    let rest = p.periods.saturating_sub(b) as f64;
                    e += rest * (Expression::from(1.0) - f.layout.live[j].top().expr());
                }
            }
            e
        }
        Objective::BaselineChanges => {
            // Not live by the baseline go-live (later, or stopped): 1 − Z^G_jb; delivered
            // where the baseline stops it: y_j.
            let mut e = Expression::from(0.0);
            for (j, job) in p.jobs.iter().enumerate() {
                let live = &f.layout.live[j];
                if let Some(b) = job.baseline {
                    e += Expression::from(1.0) - live.at(b as i64).expr();
                } else if job.baseline_stopped {
                    e += live.top().expr();
                }
            }
            e
        }
        Objective::ConsultantCost => {
            let mut e = Expression::from(0.0);
            for &(r, _, x) in &f.external {
                e += p.external[r].as_ref().map_or(0.0, |x| x.cost_per_hour) * x;
            }
            e
        }
    }
}

pub(super) fn add_makespan_rows(f: &mut Formulation, m: Variable) {
    for j in 0..f.problem.jobs.len() {
        let g = periods_not_live(f, j, 0) + f.layout.live[j].top().expr();
        f.add_row(constraint!(m >= g));
    }
}

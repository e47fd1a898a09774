//! Team capacity per period.
//!
//! `Σ_j x_jrt + Σ_j d_jr σ_t (Z^S_jt − Z^S_j(t−d_j)) ≤ C_rt` for every team `r` and period `t`:
//! effort hours plus the fixed demand of the fixed-duration jobs running in `t`. A row is left
//! out where even the largest possible use stays within capacity. Where consultant hours can be
//! bought, `e_rt ∈ [0, E_rt]` joins the right-hand side: `… ≤ C_rt + e_rt`.

use super::Formulation;
use crate::problem::JobWork;
use good_lp::{constraint, Expression};

pub(super) fn add(f: &mut Formulation) {
    let p = f.problem;
    let teams = p.capacity.len();
    let mut use_expr: Vec<Vec<Expression>> = vec![vec![Expression::from(0.0); p.periods]; teams];
    let mut max_use = vec![vec![0.0f64; p.periods]; teams];
    for (j, job) in p.jobs.iter().enumerate() {
        match &job.work {
            JobWork::Effort { .. } => {
                for &(r, t, x) in &f.work[j] {
                    use_expr[r][t] += x;
                    max_use[r][t] += p.max_capacity(r, t);
                }
            }
            JobWork::Fixed { duration, demand } => {
                let w = f.windows.jobs[j];
                let start = f.layout.start[j].clone();
                for t in w.es..=(w.ls + duration - 1).min(p.periods - 1) {
                    let running =
                        start.at(t as i64).expr() - start.at(t as i64 - *duration as i64).expr();
                    for &(r, h) in demand {
                        let hours = h * p.share[t];
                        if hours > 0.0 {
                            use_expr[r][t] += hours * running.clone();
                            max_use[r][t] += hours;
                        }
                    }
                }
            }
        }
    }
    for r in 0..teams {
        for t in 0..p.periods {
            if max_use[r][t] > p.capacity[r][t] + 1e-9 {
                let mut e = std::mem::take(&mut use_expr[r][t]);
                if let Some(ext) = &p.external[r] {
                    if ext.hours[t] > 0.0 {
                        let col = f.num_columns();
                        let x = f.column(
                            good_lp::variable().min(0.0).max(ext.hours[t]),
                            super::ColumnMeaning::External { team: r, t },
                        );
                        f.layout.external.push((r, t, col));
                        f.external.push((r, t, x));
                        e -= x;
                    }
                }
                f.add_row(constraint!(e <= p.capacity[r][t]));
            }
        }
    }
}

//! Effort-driven jobs: hours flow into the periods in which the job is active.
//!
//! For each effort-driven job `j`, team load `r` with `h_jr` hours, rate limit `m_jr` per full
//! period and floor `n_jr`:
//!
//! - `0 ≤ x_jrt ≤ u_jrt := min(m_jr σ_t, C_rt)`: a job never takes more than its pace or the
//!   team's capacity in one period (bounds, not rows);
//! - `x_jrt ≤ u_jrt · a_jt`: work only while active (a row only where `a_jt` is not constant);
//! - `x_jrt ≥ n_jr σ_t · a_jt`: keep the pace up while active (only with a floor);
//! - `Σ_t x_jrt = h_jr`: all the hours are done;
//! - `Z^F_jt ≤ Z^S_j(t − dmin_j + 1)`: finishing by `t` needs a start `dmin − 1` periods before
//!   (with `dmin = 1` this says finish ≥ start);
//! - `Z^F_jt ≥ Z^S_j(t − dmax_j + 1)`: a start by `t − dmax + 1` forces a finish by `t`.
//!
//! - in the settled periods `t < F` (`Problem::frozen_until`): `x_jrt = A_jrt`, the actual
//!   hours (0 where none were recorded); no pace floor there.
//!
//! Because the pace follows `σ_t`, work slows down in holiday weeks and in the summer dip
//! exactly as much as the team does, and can go on at a lower pace where capacity is short.

use super::steps::ColumnMeaning;
use super::Formulation;
use crate::problem::JobWork;
use good_lp::{constraint, variable, Expression};

pub(super) fn add(f: &mut Formulation) {
    let p = f.problem;
    for j in 0..p.jobs.len() {
        let mut work = Vec::new();
        let JobWork::Effort {
            loads,
            min_duration,
            max_duration,
        } = &p.jobs[j].work
        else {
            f.work.push(work);
            continue;
        };
        let w = f.windows.jobs[j];
        let (start, finish) = (f.layout.start[j].clone(), f.layout.finish[j].clone());
        for l in loads {
            let mut total = Expression::from(0.0);
            for t in w.es..=w.lf {
                let active = start.at(t as i64).expr() - finish.at(t as i64 - 1).expr();
                let active_varies = start.at(t as i64).is_var() || finish.at(t as i64 - 1).is_var();
                if t < p.frozen_until {
                    let a = p.jobs[j].fixed.actual(l.team, t);
                    if a > 0.0 {
                        let x = f.column(
                            variable().min(a).max(a),
                            ColumnMeaning::Work {
                                job: j,
                                team: l.team,
                                t,
                            },
                        );
                        if active_varies {
                            f.add_row(constraint!(x <= a * active.clone()));
                        }
                        total += x;
                        work.push((l.team, t, x));
                    }
                    continue;
                }
                let ub = p.effort_cap(l, t);
                let floor = l.min_rate * p.share[t];
                if ub <= 0.0 {
                    if floor > 0.0 {
                        f.add_row(constraint!(floor * active <= 0.0));
                    }
                    continue;
                }
                let x = f.column(
                    variable().min(0.0).max(ub),
                    ColumnMeaning::Work {
                        job: j,
                        team: l.team,
                        t,
                    },
                );
                if active_varies {
                    f.add_row(constraint!(x <= ub * active.clone()));
                }
                if floor > 0.0 {
                    f.add_row(constraint!(x >= floor * active));
                }
                total += x;
                work.push((l.team, t, x));
            }
            let share = super::steps::delivered_share(f, j);
            f.add_row(constraint!(total == l.hours * share));
        }
        f.work.push(work);
        let (lo, hi) = finish.span();
        for t in lo..hi {
            let fin = finish.at(t);
            let begun = start.at(t - *min_duration as i64 + 1);
            f.add_row(constraint!(fin.expr() <= begun.expr()));
        }
        if let Some(dmax) = max_duration {
            let (slo, shi) = start.span();
            for t in slo..(shi + *dmax as i64) {
                let fin = finish.at(t);
                let begun = start.at(t - *dmax as i64 + 1);
                f.add_row(constraint!(fin.expr() >= begun.expr()));
            }
        }
    }
}

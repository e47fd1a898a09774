//! Portfolio decisions: which optional orders go together, consultant ceilings and budgets,
//! and orderer shares.
//!
//! - all-or-none: `y_a = y_b` for consecutive orders of the group;
//! - at most one: `Σ_(j in group) y_j ≤ 1`;
//! - requires (`a` needs `b, c, …`): `y_a ≤ y_b`, `y_a ≤ y_c`, …;
//! - consultant ceiling per team: `Σ_t e_rt ≤ H_r`;
//! - budget over periods `P`: `Σ_(t in P) Σ_r price_r e_rt ≤ B`;
//! - orderer share: `s_min H ≤ H_o ≤ s_max H`, with `H_o` the hours of the orderer's orders
//!   and `H` all hours planned.
//!
//! Done orders count as delivered (`y = 1`); mandatory ones have `y = 1` too, so a group of
//! mandatory orders becomes a constant row, checked when built.

use super::Formulation;
use crate::model::GroupKind;
use crate::problem::JobWork;
use good_lp::{constraint, Expression};

pub(super) fn add(f: &mut Formulation) {
    let p = f.problem;
    let y = |f: &Formulation, j: Option<usize>| match j {
        Some(j) => f.layout.start[j].top().expr(),
        None => Expression::from(1.0),
    };
    for (kind, members) in &p.groups {
        match kind {
            GroupKind::AllOrNone => {
                for w in members.windows(2) {
                    let (a, b) = (y(f, w[0]), y(f, w[1]));
                    f.add_row(constraint!(a == b));
                }
            }
            GroupKind::AtMostOne => {
                let mut sum = Expression::from(0.0);
                for &m in members {
                    sum += y(f, m);
                }
                f.add_row(constraint!(sum <= 1.0));
            }
            GroupKind::Requires => {
                if let Some((&first, rest)) = members.split_first() {
                    for &m in rest {
                        let (a, b) = (y(f, first), y(f, m));
                        f.add_row(constraint!(a <= b));
                    }
                }
            }
        }
    }
    for (r, ext) in p.external.iter().enumerate() {
        let Some(max) = ext.as_ref().and_then(|e| e.max_hours) else {
            continue;
        };
        let mut sum = Expression::from(0.0);
        for &(team, _, x) in &f.external {
            if team == r {
                sum += x;
            }
        }
        f.add_row(constraint!(sum <= max));
    }
    for (periods, amount) in &p.budgets {
        let mut spend = Expression::from(0.0);
        for &(r, t, x) in &f.external {
            if periods.contains(&t) {
                spend += p.external[r].as_ref().map_or(0.0, |e| e.cost_per_hour) * x;
            }
        }
        f.add_row(constraint!(spend <= *amount));
    }
    if !p.shares.is_empty() {
        let hours: Vec<Expression> = (0..p.jobs.len()).map(|j| job_hours(f, j)).collect();
        // Orders outside the model (a neighbourhood step's) count with their hours.
        let mut total = Expression::from(p.outside.total_hours);
        for h in &hours {
            total += h.clone();
        }
        for (k, (jobs, min, max)) in p.shares.iter().enumerate() {
            let mut own = Expression::from(p.outside.share_hours.get(k).copied().unwrap_or(0.0));
            for &j in jobs {
                own += hours[j].clone();
            }
            if *min > 0.0 {
                f.add_row(constraint!(own.clone() >= *min * total.clone()));
            }
            if *max < 1.0 {
                f.add_row(constraint!(own <= *max * total.clone()));
            }
        }
    }
}

/// Hours job `j` takes over the horizon, as an expression.
fn job_hours(f: &Formulation, j: usize) -> Expression {
    let p = f.problem;
    let mut e = Expression::from(0.0);
    match &p.jobs[j].work {
        JobWork::Effort { .. } => {
            for &(_, _, x) in &f.work[j] {
                e += x;
            }
        }
        JobWork::Fixed { duration, demand } => {
            let start = &f.layout.start[j];
            for t in 0..p.periods {
                let running =
                    start.at(t as i64).expr() - start.at(t as i64 - *duration as i64).expr();
                let rate: f64 = demand.iter().map(|&(_, h)| h).sum::<f64>() * p.share[t];
                if rate > 0.0 {
                    e += rate * running;
                }
            }
        }
    }
    e
}

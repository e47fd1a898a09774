//! Work in progress per team: `Σ_(j needs r) a_jt ≤ K_rt` for every team `r` with a limit and
//! period `t`, where `a_jt = Z^S_jt − Z^F_j(t−1)` says job `j` is open in `t` (started, not yet
//! finished). Teams finish what they start instead of opening every order at once. A row is
//! left out where fewer jobs than the limit can be open at all.

use super::Formulation;
use good_lp::{constraint, Expression};

pub(super) fn add(f: &mut Formulation) {
    let p = f.problem;
    if p.max_open.iter().all(Option::is_none) {
        return;
    }
    // Per limited team and period: the open jobs, and how many could be open at all.
    let mut open: Vec<Option<Vec<(Expression, u32)>>> = p
        .max_open
        .iter()
        .map(|m| {
            m.as_ref()
                .map(|_| vec![(Expression::from(0.0), 0); p.periods])
        })
        .collect();
    for j in 0..p.jobs.len() {
        let w = f.windows.jobs[j];
        let (start, finish) = (&f.layout.start[j], &f.layout.finish[j]);
        for r in p.teams_of(j) {
            let Some(row) = &mut open[r] else {
                continue;
            };
            for (t, (e, n)) in row.iter_mut().enumerate().take(w.lf + 1).skip(w.es) {
                *e += start.at(t as i64).expr() - finish.at(t as i64 - 1).expr();
                *n += 1;
            }
        }
    }
    for (r, row) in open.into_iter().enumerate() {
        let (Some(row), Some(limit)) = (row, &p.max_open[r]) else {
            continue;
        };
        for (t, (e, n)) in row.into_iter().enumerate() {
            if n > limit[t] {
                f.add_row(constraint!(e <= limit[t] as f64));
            }
        }
    }
}

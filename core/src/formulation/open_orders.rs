//! Work in progress per team: `Σ_(j needs r) a_jt ≤ K_rt` for every team `r` with a limit and
//! period `t`, where `a_jt = Z^S_jt − Z^F_j(t−1)` says job `j` is open in `t` (started, not yet
//! finished). Teams finish what they start instead of opening every order at once. A row is
//! left out where fewer jobs than the limit can be open at all.

use super::Formulation;
use good_lp::{constraint, Expression};

pub(super) fn add(f: &mut Formulation) {
    let p = f.problem;
    for (r, limit) in p.max_open.iter().enumerate() {
        let Some(limit) = limit else {
            continue;
        };
        let mut open: Vec<Expression> = vec![Expression::from(0.0); p.periods];
        let mut may_be_open = vec![0u32; p.periods];
        for j in (0..p.jobs.len()).filter(|&j| p.teams_of(j).contains(&r)) {
            let w = f.windows.jobs[j];
            let (start, finish) = (&f.layout.start[j], &f.layout.finish[j]);
            for t in w.es..=w.lf.min(p.periods - 1) {
                let a = start.at(t as i64).expr() - finish.at(t as i64 - 1).expr();
                open[t] += a;
                may_be_open[t] += 1;
            }
        }
        for (t, e) in open.into_iter().enumerate() {
            if may_be_open[t] > limit[t] {
                f.add_row(constraint!(e <= limit[t] as f64));
            }
        }
    }
}

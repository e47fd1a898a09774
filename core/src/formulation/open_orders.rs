//! Work in progress per team: `Σ_(j needs r) a_jt ≤ K_rt` for every team `r` with a limit and
//! period `t`, where `a_jt = Z^S_jt − Z^F_j(t−1)` says job `j` is open in `t` (started, not yet
//! finished). Teams finish what they start instead of opening every order at once. A row is
//! left out where fewer jobs than the limit can be open at all.

use super::steps::ColumnMeaning;
use super::Formulation;
use good_lp::{constraint, variable, Expression, Variable};

/// Per limited team and period: the open jobs, and how many could be open at all.
type OpenRows = Vec<Option<Vec<(Expression, u32)>>>;

/// Empty rows for every team with a limit in `limits`.
fn open_rows(limits: &[Option<Vec<u32>>], periods: usize) -> OpenRows {
    limits
        .iter()
        .map(|m| {
            m.as_ref()
                .map(|_| vec![(Expression::from(0.0), 0); periods])
        })
        .collect()
}

/// `open ≤ limit` per team and period, where more jobs than the limit could be open.
fn add_limits(f: &mut Formulation, open: OpenRows, limits: &[Option<Vec<u32>>]) {
    for (r, row) in open.into_iter().enumerate() {
        let (Some(row), Some(limit)) = (row, &limits[r]) else {
            continue;
        };
        for (t, (e, n)) in row.into_iter().enumerate() {
            if n > limit[t] {
                f.add_row(constraint!(e <= limit[t] as f64));
            }
        }
    }
}

pub(super) fn add(f: &mut Formulation) {
    let p = f.problem;
    if p.max_open.iter().all(Option::is_none) {
        return;
    }
    let mut open = open_rows(&p.max_open, p.periods);
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
    add_limits(f, open, &p.max_open);
}

/// Team runs, where a team has a limit on them (`Problem::team_run_limit`): a team has job `j`
/// open from its own first to its own last hour on it, not over the job's whole run. For each
/// job `j` the team `r` works on, over the periods where it may: `A_jrt` (begun by `t`) and
/// `B_jrt` (done by `t`), both nondecreasing, `B_jrt ≤ A_jrt`; `x_jrt ≤ u_jrt (A_jrt −
/// B_jr(t−1))`; and per period `Σ_j (A_jrt − B_jr(t−1)) ≤ L_rt`. Two binaries per job-team
/// period: only a neighbourhood step's small model carries these rows.
pub(super) fn add_team_runs(f: &mut Formulation) {
    let p = f.problem;
    if p.team_run_limit.iter().all(Option::is_none) {
        return;
    }
    let mut open = open_rows(&p.team_run_limit, p.periods);
    for j in 0..p.jobs.len() {
        let crate::problem::JobWork::Effort { loads, .. } = &p.jobs[j].work else {
            continue;
        };
        for l in loads {
            let r = l.team;
            if open.get(r).is_none_or(Option::is_none) {
                continue;
            }
            let cols: Vec<(usize, Variable)> = f.work[j]
                .iter()
                .filter(|w| w.0 == r)
                .map(|w| (w.1, w.2))
                .collect();
            let (Some(&(t0, _)), Some(&(t1, _))) = (cols.first(), cols.last()) else {
                continue;
            };
            let mut begun = Vec::with_capacity(t1 + 1 - t0);
            let mut done = Vec::with_capacity(t1 + 1 - t0);
            for t in t0..=t1 {
                let (job, team) = (j, r);
                begun.push(f.column(
                    variable().binary(),
                    ColumnMeaning::TeamBegun { job, team, t },
                ));
                done.push(f.column(
                    variable().binary(),
                    ColumnMeaning::TeamDone { job, team, t },
                ));
            }
            let open_at = |i: usize| -> Expression {
                if i == 0 {
                    Expression::from(begun[0])
                } else {
                    begun[i] - done[i - 1]
                }
            };
            for i in 0..begun.len() {
                let (a, b) = (begun[i], done[i]);
                f.add_row(constraint!(b <= a));
                if i + 1 < begun.len() {
                    let (a1, b1) = (begun[i + 1], done[i + 1]);
                    f.add_row(constraint!(a <= a1));
                    f.add_row(constraint!(b <= b1));
                }
            }
            for &(t, x) in &cols {
                let ub = if t < p.frozen_until {
                    p.jobs[j].fixed.actual(r, t)
                } else {
                    p.effort_cap(l, t)
                };
                f.add_row(constraint!(x <= ub * open_at(t - t0)));
            }
            if let Some(row) = &mut open[r] {
                for (i, (e, n)) in row[t0..=t1].iter_mut().enumerate() {
                    *e += open_at(i);
                    *n += 1;
                }
            }
        }
    }
    add_limits(f, open, &p.team_run_limit);
}

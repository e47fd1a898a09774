//! Step variables: "has started / finished / gone live by period t".
//!
//! A step is 0 before its window, 1 from its last period on, and a binary column in between.
//! Monotonicity `Z_t ≤ Z_(t+1)` makes it a step.

use super::Formulation;
use crate::problem::{JobWork, Problem};
use crate::schedule::Schedule;
use good_lp::{constraint, variable, Expression, Variable};

/// What a column stands for: used to build warm starts and to read solutions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ColumnMeaning {
    /// `Z^S_jt`.
    Started {
        /// Job.
        job: usize,
        /// Period.
        t: usize,
    },
    /// `Z^F_jt` of an effort-driven job.
    Finished {
        /// Job.
        job: usize,
        /// Period.
        t: usize,
    },
    /// `Z^G_jt`.
    Live {
        /// Job.
        job: usize,
        /// Period.
        t: usize,
    },
    /// `x_jrt`.
    Work {
        /// Job.
        job: usize,
        /// Team.
        team: usize,
        /// Period.
        t: usize,
    },
    /// The makespan.
    Makespan,
    /// `y_j`: optional job `j` is delivered.
    Selected {
        /// Job.
        job: usize,
    },
    /// `φ_j`: share of job `j`'s scope delivered.
    Scope {
        /// Job.
        job: usize,
    },
    /// `e_rt`: consultant hours bought for team `r` in period `t`.
    External {
        /// Team.
        team: usize,
        /// Period.
        t: usize,
    },
    /// `A_jrt`: team `r` has begun its work on job `j` by period `t` (team runs, where a team
    /// has a limit on them: `Problem::team_run_limit`).
    TeamBegun {
        /// Job.
        job: usize,
        /// Team.
        team: usize,
        /// Period.
        t: usize,
    },
    /// `B_jrt`: team `r` is done with its work on job `j` by period `t`.
    TeamDone {
        /// Job.
        job: usize,
        /// Team.
        team: usize,
        /// Period.
        t: usize,
    },
}

impl ColumnMeaning {
    /// The column's value in a schedule.
    pub fn value_in(&self, s: &Schedule) -> f64 {
        let b = |x: bool| if x { 1.0 } else { 0.0 };
        match *self {
            ColumnMeaning::Started { job, t } => b(s.jobs[job].selected && s.jobs[job].start <= t),
            ColumnMeaning::Finished { job, t } => {
                b(s.jobs[job].selected && s.jobs[job].finish <= t)
            }
            ColumnMeaning::Live { job, t } => b(s.jobs[job].selected && s.jobs[job].go_live <= t),
            ColumnMeaning::Work { job, team, t } => s.jobs[job]
                .work
                .iter()
                .filter(|w| w.0 == team && w.1 == t)
                .map(|w| w.2)
                .sum(),
            ColumnMeaning::Makespan => s
                .jobs
                .iter()
                .filter(|j| j.selected)
                .map(|j| j.go_live + 1)
                .max()
                .unwrap_or(0) as f64,
            ColumnMeaning::Selected { job } => b(s.jobs[job].selected),
            ColumnMeaning::Scope { job } => s.jobs[job].scope,
            ColumnMeaning::External { team, t } => s
                .external
                .iter()
                .filter(|e| e.0 == team && e.1 == t)
                .map(|e| e.2)
                .sum(),
            ColumnMeaning::TeamBegun { job, team, t } => {
                b(team_run(s, job, team).is_some_and(|(a, _)| a <= t))
            }
            ColumnMeaning::TeamDone { job, team, t } => {
                b(team_run(s, job, team).is_some_and(|(_, z)| z <= t))
            }
        }
    }
}

/// First and last period with hours of `team` on `job` in `s`.
fn team_run(s: &Schedule, job: usize, team: usize) -> Option<(usize, usize)> {
    let j = &s.jobs[job];
    let mut periods = j
        .work
        .iter()
        .filter(|w| w.0 == team && w.2 > 1e-7)
        .map(|w| w.1);
    let first = periods.next()?;
    Some(periods.fold((first, first), |(a, z), t| (a.min(t), z.max(t))))
}

/// A cumulative 0/1 quantity over periods: 0 before `first`, `top` from `last` on, and the
/// columns `vars[t - first]` for `t` in `first..last`. `top` is 1 for a mandatory order, the
/// selection column `y_j` for an optional one (so that a stopped order never starts), and 0 for
/// an order that cannot be delivered at all. `shift` maps `t` to `t - shift` first (used for
/// fixed-duration finishes and derived go-lives).
#[derive(Debug, Clone)]
pub struct Step {
    first: i64,
    last: i64,
    shift: i64,
    vars: Vec<(Variable, usize)>,
    top: At,
}

/// The value of a step at one period: a constant or one column.
#[allow(missing_docs)]
#[derive(Debug, Clone, Copy)]
pub enum At {
    Zero,
    One,
    Var(Variable),
}

impl At {
    pub(crate) fn expr(self) -> Expression {
        match self {
            At::Zero => Expression::from(0.0),
            At::One => Expression::from(1.0),
            At::Var(v) => Expression::from(v),
        }
    }

    pub(crate) fn is_var(self) -> bool {
        matches!(self, At::Var(_))
    }
}

impl Step {
    /// The step at period `t`.
    pub(crate) fn at(&self, t: i64) -> At {
        let t = t - self.shift;
        if t < self.first {
            At::Zero
        } else if t >= self.last {
            self.top
        } else {
            At::Var(self.vars[(t - self.first) as usize].0)
        }
    }

    /// The same step moved `by` periods later: `moved.at(t) = self.at(t - by)`.
    pub(crate) fn shifted(&self, by: i64) -> Step {
        Step {
            shift: self.shift + by,
            ..self.clone()
        }
    }

    /// Periods (after shifting) in which the step can still change: `[lo, hi)`.
    pub(crate) fn span(&self) -> (i64, i64) {
        (self.first + self.shift, self.last + self.shift)
    }

    /// The value the step ends at: 1, the selection column, or 0.
    pub(crate) fn top(&self) -> At {
        self.top
    }

    /// The period at which the step rises, as an expression: `lo·top + Σ_(t in lo..hi) (top − Z_t)`
    /// (0 for an order left out).
    pub(crate) fn rise_expr(&self) -> Expression {
        let (lo, hi) = self.span();
        let mut e = (lo as f64) * self.top.expr();
        for t in lo..hi {
            e += self.top.expr() - self.at(t).expr();
        }
        e
    }

    /// The periods in which the step rises in a relaxed solution `cols` whose top is `top`:
    /// from the first period in which it is above 0 to the first in which it reaches `top`
    /// (each within `tol`); the end of its span where it never does.
    pub(crate) fn relaxed_rise(&self, cols: &[f64], top: f64, tol: f64) -> (usize, usize) {
        let end = (self.last + self.shift) as usize;
        let at = |k: usize| (self.first + self.shift) as usize + k;
        let values = || self.vars.iter().map(|&(_, c)| cols[c]).enumerate();
        let lo = values().find(|&(_, v)| v > tol).map_or(end, |(k, _)| at(k));
        let hi = values()
            .find(|&(_, v)| v >= top - tol)
            .map_or(end, |(k, _)| at(k));
        (lo, hi.max(lo))
    }

    /// The first period at which the step is 1 in a solution.
    pub(crate) fn first_true(&self, cols: &[f64]) -> usize {
        for (k, &(_, c)) in self.vars.iter().enumerate() {
            if cols[c] > 0.5 {
                return (self.first + self.shift) as usize + k;
            }
        }
        (self.last + self.shift) as usize
    }
}

fn new_step(
    f: &mut Formulation,
    first: usize,
    last: usize,
    top: At,
    meaning: impl Fn(usize) -> super::ColumnMeaning,
) -> Step {
    if let At::Zero = top {
        return Step {
            first: first as i64,
            last: first as i64,
            shift: 0,
            vars: Vec::new(),
            top,
        };
    }
    let vars: Vec<(Variable, usize)> = (first..last)
        .map(|t| {
            let c = f.num_columns();
            (f.column(variable().binary(), meaning(t)), c)
        })
        .collect();
    for w in vars.windows(2) {
        f.add_row(constraint!(w[0].0 <= w[1].0));
    }
    if let (Some(&(v, _)), At::Var(y)) = (vars.last(), top) {
        f.add_row(constraint!(v <= y));
    }
    Step {
        first: first as i64,
        last: last as i64,
        shift: 0,
        vars,
        top,
    }
}

/// Whether go-live needs its own variables: only when freeze windows, go-live limits, the
/// go-live order along a dependency, a pinned go-live or the frozen horizon can keep an order
/// from going live as soon as its lag allows.
pub(crate) fn go_live_is_free(p: &Problem) -> bool {
    p.max_go_lives.is_none()
        && p.frozen_until == 0
        && p.jobs.iter().all(|j| j.fixed.go_live.is_none())
        && !p.frozen.iter().any(|&x| x)
        && p.links.iter().all(|l| live_order_implied(p, l))
}

/// Whether link `l` keeps its go-lives in order (`G_to ≥ G_from`) by itself when each go-live
/// is its finish plus its lag (so only where go-live is free; with go-live steps of their own
/// a go-live may wait, and the order needs its rows): a finish-to-start link whose lag covers
/// the difference in go-live lags, and a live-to-start link (the successor starts after the
/// predecessor is live) with lag ≥ -1. Never a live-to-live link: its successor may finish
/// first and wait to go live, which needs go-live steps of their own.
pub(crate) fn live_order_implied(p: &Problem, l: &crate::problem::Link) -> bool {
    use crate::model::DependencyKind::*;
    let (ga, gb) = (
        p.jobs[l.from].go_live_lag as i64,
        p.jobs[l.to].go_live_lag as i64,
    );
    match l.kind {
        FinishToStart => 1 + l.lag + gb >= ga,
        LiveToStart => l.lag >= -1,
        LiveToLive | StartToStart | FinishToFinish => false,
    }
}

pub(super) fn add_steps(f: &mut Formulation) {
    let p = f.problem;
    let free_go_live = go_live_is_free(p);
    for j in 0..p.jobs.len() {
        let w = f.windows.jobs[j];
        let job = &p.jobs[j];
        let top = if job.excluded.is_some() {
            At::Zero
        } else if job.optional {
            let col = f.num_columns();
            let y = f.column(variable().binary(), ColumnMeaning::Selected { job: j });
            f.layout.selected.push(Some(col));
            At::Var(y)
        } else {
            At::One
        };
        if !matches!(top, At::Var(_)) {
            f.layout.selected.push(None);
        }
        // Scope share φ_j: a column only where the scope may be reduced.
        let scope = if job.min_scope < 1.0 && job.excluded.is_none() {
            let col = f.num_columns();
            let phi = f.column(
                variable().min(0.0).max(1.0),
                ColumnMeaning::Scope { job: j },
            );
            f.add_row(constraint!(phi <= top.expr()));
            f.add_row(constraint!(phi >= job.min_scope * top.expr()));
            f.layout.scope.push(Some(col));
            Some(phi)
        } else {
            f.layout.scope.push(None);
            None
        };
        f.scope_vars.push(scope);
        let start = new_step(f, w.es, w.ls, top, |t| ColumnMeaning::Started { job: j, t });
        let finish = match p.jobs[j].work {
            JobWork::Fixed { duration, .. } => start.shifted(duration as i64 - 1),
            JobWork::Effort { .. } => new_step(f, w.ef, w.lf, top, |t| ColumnMeaning::Finished {
                job: j,
                t,
            }),
        };
        let live = if free_go_live {
            finish.shifted(p.jobs[j].go_live_lag as i64)
        } else {
            new_step(f, w.eg, w.lg, top, |t| ColumnMeaning::Live { job: j, t })
        };
        f.layout.start.push(start);
        f.layout.finish.push(finish);
        f.layout.live.push(live);
    }
}

/// The delivered share of job `j`: `φ_j` where the scope may shrink, else `y_j` (or 1, or 0).
pub(crate) fn delivered_share(f: &Formulation, j: usize) -> Expression {
    match f.scope_vars[j] {
        Some(phi) => Expression::from(phi),
        None => f.layout.start[j].top().expr(),
    }
}

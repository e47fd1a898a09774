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
}

impl ColumnMeaning {
    /// The column's value in a schedule.
    pub fn value_in(&self, s: &Schedule) -> f64 {
        let b = |x: bool| if x { 1.0 } else { 0.0 };
        match *self {
            ColumnMeaning::Started { job, t } => b(s.jobs[job].start <= t),
            ColumnMeaning::Finished { job, t } => b(s.jobs[job].finish <= t),
            ColumnMeaning::Live { job, t } => b(s.jobs[job].go_live <= t),
            ColumnMeaning::Work { job, team, t } => s.jobs[job]
                .work
                .iter()
                .filter(|w| w.0 == team && w.1 == t)
                .map(|w| w.2)
                .sum(),
            ColumnMeaning::Makespan => {
                s.jobs.iter().map(|j| j.go_live + 1).max().unwrap_or(0) as f64
            }
        }
    }
}

/// A cumulative 0/1 quantity over periods: 0 before `first`, 1 from `last` on, and the columns
/// `vars[t - first]` for `t` in `first..last`. `shift` maps `t` to `t - shift` first (used for
/// fixed-duration finishes and derived go-lives).
#[derive(Debug, Clone)]
pub struct Step {
    first: i64,
    last: i64,
    shift: i64,
    vars: Vec<(Variable, usize)>,
}

/// The value of a step at one period: a constant or one column.
#[derive(Debug, Clone, Copy)]
pub(crate) enum At {
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
            At::One
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

    /// The period at which the step rises, as an expression: `lo + Σ_(t in lo..hi) (1 − Z_t)`.
    pub(crate) fn rise_expr(&self) -> Expression {
        let (lo, hi) = self.span();
        let mut e = Expression::from(lo as f64);
        for t in lo..hi {
            e += 1.0 - self.at(t).expr();
        }
        e
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
    meaning: impl Fn(usize) -> super::ColumnMeaning,
) -> Step {
    let vars: Vec<(Variable, usize)> = (first..last)
        .map(|t| {
            let c = f.num_columns();
            (f.column(variable().binary(), meaning(t)), c)
        })
        .collect();
    for w in vars.windows(2) {
        f.add_row(constraint!(w[0].0 <= w[1].0));
    }
    Step {
        first: first as i64,
        last: last as i64,
        shift: 0,
        vars,
    }
}

/// Whether go-live needs its own variables: only when freeze windows or go-live limits can keep
/// an order from going live as soon as its lag allows.
pub(crate) fn go_live_is_free(p: &Problem) -> bool {
    p.max_go_lives.is_none() && !p.frozen.iter().any(|&x| x)
}

pub(super) fn add_steps(f: &mut Formulation) {
    let p = f.problem;
    let free_go_live = go_live_is_free(p);
    for j in 0..p.jobs.len() {
        let w = f.windows.jobs[j];
        let start = new_step(f, w.es, w.ls, |t| ColumnMeaning::Started { job: j, t });
        let finish = match p.jobs[j].work {
            JobWork::Fixed { duration, .. } => start.shifted(duration as i64 - 1),
            JobWork::Effort { .. } => {
                new_step(f, w.ef, w.lf, |t| ColumnMeaning::Finished { job: j, t })
            }
        };
        let live = if free_go_live {
            finish.shifted(p.jobs[j].go_live_lag as i64)
        } else {
            new_step(f, w.eg, w.lg, |t| ColumnMeaning::Live { job: j, t })
        };
        f.layout.start.push(start);
        f.layout.finish.push(finish);
        f.layout.live.push(live);
    }
}

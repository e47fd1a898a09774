//! The mixed-integer model, built with good_lp for HiGHS. This is the only module that creates
//! solver variables.
//!
//! # Notation
//!
//! | symbol | meaning |
//! |---|---|
//! | `j`, `r`, `t` | job (order to plan), team, period |
//! | `[es_j, ls_j]`, `[ef_j, lf_j]`, `[eg_j, lg_j]` | windows of start, finish and go-live ([`crate::problem::Windows`]) |
//! | `Z^S_jt ∈ {0,1}` | job `j` has started by period `t` (step variable, `t ∈ [es_j, ls_j)`) |
//! | `Z^F_jt ∈ {0,1}` | effort-driven job `j` has finished by `t` (`t ∈ [ef_j, lf_j)`); for fixed-duration jobs `Z^F_jt = Z^S_j(t−d_j+1)` |
//! | `Z^G_jt ∈ {0,1}` | job `j` is live by `t` (only where freeze windows or go-live limits exist; else `Z^G_jt = Z^F_j(t−lag_j)`) |
//! | `x_jrt ≥ 0` | hours of team `r` on effort-driven job `j` in period `t` |
//! | `a_jt = Z^S_jt − Z^F_j(t−1)` | job `j` is active in `t` |
//! | `σ_t` | working share of period `t` (working days / 5 for weeks) |
//! | `C_rt` | capacity of team `r` in `t` |
//!
//! A step variable is 0 before its window and 1 after it, so it is a constant there and only
//! the window gets columns. Step variables (rather than one binary per start time) keep every
//! precedence row at two or three non-zeros, with the same LP bound as the pulse formulation.
//! The choice and its measurements are in `docs/formulation.md`.
//!
//! Each constraint family has its own file, whose doc states its inequality.

mod capacity;
mod decisions;
mod effort;
mod go_live;
mod objective;
mod open_orders;
mod precedence;
mod relaxed;
mod size;
mod steps;
pub mod team_deal;

pub(crate) use relaxed::Relaxed;
pub use steps::{ColumnMeaning, Step};

pub use size::{estimated_columns, estimated_columns_of};

use crate::objective::Objective;
use crate::problem::{JobWork, Problem, Windows};
use crate::schedule::{JobTimes, Schedule};
use good_lp::{variable, Constraint, Expression, ProblemVariables, Variable};

/// Choices in how the model is written; the defaults are the measured best
/// (`docs/formulation.md`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct FormulationOptions {
    /// One aggregated row per dependency instead of one row per period. Default false: the
    /// disaggregated rows give a much stronger LP bound.
    pub aggregated_precedence: bool,
}

/// Variables and constraints of the model for one problem and its windows.
pub struct Formulation<'a> {
    pub(crate) problem: &'a Problem,
    pub(crate) windows: &'a Windows,
    vars: ProblemVariables,
    pub(crate) layout: Layout,
    /// Effort hours: (team, period, variable) per job.
    pub(crate) work: Vec<Vec<(usize, usize, Variable)>>,
    pub(crate) constraints: Vec<Constraint>,
    /// `φ_j` per job where the scope may be reduced.
    pub(crate) scope_vars: Vec<Option<Variable>>,
    /// `e_rt`: consultant hours per (team, period, variable).
    pub(crate) external: Vec<(usize, usize, Variable)>,
    makespan: Option<Variable>,
    /// Set when a row without columns cannot hold: the rules contradict each other already
    /// in the windows (HiGHS would silently drop such an empty row).
    contradiction: bool,
}

/// Where each quantity sits among the columns: enough to write a warm start and to read a
/// solution once the model has gone to the solver.
#[derive(Debug, Clone, Default)]
pub struct Layout {
    meanings: Vec<ColumnMeaning>,
    pub(crate) start: Vec<Step>,
    pub(crate) finish: Vec<Step>,
    pub(crate) live: Vec<Step>,
    /// Effort hours: (team, period, column) per job.
    work_cols: Vec<Vec<(usize, usize, usize)>>,
    /// Column of `y_j` per job (optional jobs only).
    pub(crate) selected: Vec<Option<usize>>,
    /// Column of `φ_j` per job (reducible jobs only).
    pub(crate) scope: Vec<Option<usize>>,
    /// Consultant hours: (team, period, column).
    pub(crate) external: Vec<(usize, usize, usize)>,
}

impl<'a> Formulation<'a> {
    /// Builds every variable and constraint (objectives come per level, see [`Self::objective`]).
    pub fn new(problem: &'a Problem, windows: &'a Windows, options: FormulationOptions) -> Self {
        let mut f = Formulation {
            problem,
            windows,
            vars: ProblemVariables::new(),
            layout: Layout::default(),
            work: Vec::new(),
            constraints: Vec::new(),
            scope_vars: Vec::new(),
            external: Vec::new(),
            makespan: None,
            contradiction: false,
        };
        steps::add_steps(&mut f);
        effort::add(&mut f);
        capacity::add(&mut f);
        precedence::add(&mut f, options.aggregated_precedence);
        go_live::add(&mut f);
        decisions::add(&mut f);
        open_orders::add(&mut f);
        open_orders::add_team_runs(&mut f);
        f
    }

    /// A new column; its meaning is kept for warm starts and reading the solution.
    pub(crate) fn column(
        &mut self,
        def: good_lp::VariableDefinition,
        meaning: ColumnMeaning,
    ) -> Variable {
        if let ColumnMeaning::Work { job, team, t } = meaning {
            let col = self.layout.meanings.len();
            if self.layout.work_cols.len() <= job {
                self.layout.work_cols.resize(job + 1, Vec::new());
            }
            self.layout.work_cols[job].push((team, t, col));
        }
        self.layout.meanings.push(meaning);
        self.vars.add(def)
    }

    /// Number of columns so far.
    pub fn num_columns(&self) -> usize {
        self.layout.meanings.len()
    }

    /// Adds a row. A row without columns is checked here instead: HiGHS drops empty rows
    /// whatever their bounds, so a violated one must be caught before it gets there.
    pub(crate) fn add_row(&mut self, c: Constraint) {
        use good_lp::IntoAffineExpression;
        let e = c.expression();
        if e.linear_coefficients().all(|(_, v)| v == 0.0) {
            let k = e.constant();
            // The row reads `k <= 0` (or `k == 0`).
            let holds = if c.is_equality() {
                k.abs() <= 1e-9
            } else {
                k <= 1e-9
            };
            self.contradiction |= !holds;
            return;
        }
        self.constraints.push(c);
    }

    /// True when a constant row is violated: no plan exists within these windows.
    pub fn has_contradiction(&self) -> bool {
        self.contradiction
    }

    /// Number of rows so far.
    pub fn num_rows(&self) -> usize {
        self.constraints.len()
    }

    /// The makespan variable, created on first use.
    pub(crate) fn makespan_var(&mut self) -> Variable {
        if let Some(v) = self.makespan {
            return v;
        }
        let v = self.column(variable().min(0.0), ColumnMeaning::Makespan);
        self.makespan = Some(v);
        objective::add_makespan_rows(self, v);
        v
    }

    /// The expression of a level (weighted objectives), adding what it needs.
    pub fn objective(&mut self, level: &[(Objective, f64)]) -> Expression {
        // Every level's expression is built fresh from the columns, so levels can be combined.
        let mut e = Expression::from(0.0);
        for &(o, w) in level {
            let part = objective::expression(self, o);
            e += part * w;
        }
        e
    }

    /// The layout of the columns built so far.
    pub fn layout(&self) -> &Layout {
        &self.layout
    }

    /// Hands the model to good_lp's HiGHS adapter with `objective` to minimise and `extra`
    /// rows; returns it with the column layout.
    pub fn into_highs(
        self,
        objective: Expression,
        extra: Vec<Constraint>,
    ) -> (good_lp::solvers::highs::HighsProblem, Layout) {
        use good_lp::SolverModel;
        let mut model = self
            .vars
            .minimise(objective)
            .using(good_lp::solvers::highs::highs);
        for c in self.constraints.into_iter().chain(extra) {
            model.add_constraint(c);
        }
        (model, self.layout)
    }
}

impl Layout {
    /// Number of columns.
    pub fn num_columns(&self) -> usize {
        self.meanings.len()
    }

    /// The values of all columns for a schedule, for a warm start.
    pub fn start_vector(&self, s: &Schedule) -> Vec<f64> {
        self.meanings.iter().map(|m| m.value_in(s)).collect()
    }

    /// Reads a schedule from column values.
    pub fn read_schedule(&self, p: &Problem, cols: &[f64]) -> Schedule {
        let jobs = (0..p.jobs.len())
            .map(|j| {
                let work = match p.jobs[j].work {
                    JobWork::Effort { .. } => self
                        .work_cols
                        .get(j)
                        .map(|w| {
                            w.iter()
                                .map(|&(r, t, c)| (r, t, cols[c].max(0.0)))
                                .filter(|x| x.2 > 1e-7)
                                .collect()
                        })
                        .unwrap_or_default(),
                    JobWork::Fixed { .. } => Vec::new(),
                };
                let selected = match self.start[j].top() {
                    steps::At::Zero => false,
                    steps::At::One => true,
                    steps::At::Var(_) => self.selected[j].is_some_and(|c| cols[c] > 0.5),
                };
                if !selected {
                    return JobTimes::stopped();
                }
                let scope = self.scope[j].map_or(1.0, |c| cols[c].clamp(0.0, 1.0));
                JobTimes {
                    start: self.start[j].first_true(cols),
                    finish: self.finish[j].first_true(cols),
                    go_live: self.live[j].first_true(cols),
                    work,
                    selected,
                    scope,
                }
            })
            .collect();
        let external = self
            .external
            .iter()
            .map(|&(r, t, c)| (r, t, cols[c].max(0.0)))
            .filter(|x| x.2 > 1e-7)
            .collect();
        Schedule { jobs, external }
    }
}

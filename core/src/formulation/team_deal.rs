//! A second, small model: how one team deals its hours among its orders so that it has few
//! orders open at once (`schedule::open_limit`, the plan's last pass).
//!
//! The team's hours per period and each order's hours stay as the plan has them; only which
//! order gets which of the team's hours in a period changes, inside each order's run and under
//! its pace limit. For order `i` with run `[s_i, f_i]` and period `t` of the run:
//!
//! | symbol | meaning |
//! |---|---|
//! | `x_it ∈ [0, c_it]` | the team's hours on `i` in `t` (`c_it`: pace limit and capacity) |
//! | `A_it ∈ {0,1}` | the team has begun `i` by `t` (nondecreasing) |
//! | `B_it ∈ {0,1}` | the team is done with `i` by `t` (nondecreasing, `B_it ≤ A_it`) |
//! | `o_it = A_it − B_i(t−1)` | `i` is open on the team in `t` |
//! | `e_t ≥ 0` | orders open in `t` beyond the target `K` |
//!
//! | `u_t ∈ [0, C_t]` | consultant hours the team buys in `t` (`C_t`: its consultant ceiling) |
//!
//! Rows: `x_it ≤ c_it · o_it`; `Σ_t x_it = H_i` (the order's hours); `x_i s_i ≥ p_i` where
//! the first period is pinned; `A` and `B` are 1 at the end of the run;
//! `e_t ≥ Σ_i o_it − K`. The team's hours per period: `Σ_i x_it ≤ R_t + u_t` (`R_t`: its own
//! hours left for these orders), and for each pool of periods (the whole horizon, each
//! consultant budget's periods) `Σ_(t in pool) u_t ≤ Σ_(t in pool) ū_t`, the consultant hours
//! the plan buys there: hours may move between periods, consultant hours with them, but no
//! pool buys more, so no budget, ceiling or consultant cost grows. Where the room is not given
//! (or a period is settled), `Σ_i x_it = L_t`, the team's hours as planned. Objective:
//! `W · Σ_t e_t + Σ_it o_it` with `W` above the number of order-periods, so periods over the
//! target come first and open order-periods second. The plan's own deal is a feasible start.

use good_lp::{constraint, variable, Expression, ProblemVariables, SolverModel, Variable};

/// One order's share of the team's hours, as the plan has it.
pub struct DealShare<'a> {
    /// First period of the order's run.
    pub start: usize,
    /// The team's hours per period of the run, as planned.
    pub hours: &'a [f64],
    /// Most hours per period of the run (pace limit, capacity); at least `hours`.
    pub cap: &'a [f64],
    /// Hours the first period of the run keeps (a start that must stay).
    pub pinned: f64,
    /// The order is open from the first period: the team works on it before `start` (the
    /// model covers a window of the run), or the order is in progress.
    pub open_before: bool,
    /// The team works on the order after the last period: it stays open to the end.
    pub open_after: bool,
}

/// What a team may do with its hours per period beyond the plan's deal: its own hours left for
/// the dealt orders, and the consultant hours it may buy. Indexed by period.
pub struct TeamRoom<'a> {
    /// Own hours per period left for the dealt orders (capacity less the team's other work).
    pub own: &'a [f64],
    /// Consultant hours the plan buys per period.
    pub bought: &'a [f64],
    /// Most consultant hours per period.
    pub ceiling: &'a [f64],
    /// Pools of periods in none of which the consultant hours bought may grow (the whole
    /// horizon, each budget's periods).
    pub pools: &'a [Vec<usize>],
    /// Periods before this one keep the team's hours as planned (settled periods).
    pub settled_until: usize,
}

/// The columns of one team's model: its plan as a starting solution, and where to read the
/// hours back.
pub struct TeamDeal {
    /// The planned deal, column by column.
    pub start: Vec<f64>,
    /// The objective's weight on each period over the target: a solution within less than
    /// this of the bound has the fewest such periods.
    pub weight: f64,
    /// Column of `x_it` per share and period of its run.
    hours: Vec<Vec<usize>>,
}

/// Hours below this are rounding.
const EPS: f64 = 1e-7;

impl TeamDeal {
    /// Builds the model for `shares` with target `target` open orders per period, for HiGHS;
    /// with `room`, the team's hours may move between periods within it.
    pub fn new(
        shares: &[DealShare<'_>],
        target: u32,
        room: Option<&TeamRoom<'_>>,
    ) -> (good_lp::solvers::highs::HighsProblem, TeamDeal) {
        let mut vars = ProblemVariables::new();
        let mut start = Vec::new();
        let mut add = |vars: &mut ProblemVariables, def: good_lp::VariableDefinition, v: f64| {
            start.push(v);
            vars.add(def)
        };
        let periods = shares
            .iter()
            .map(|s| s.start + s.hours.len())
            .max()
            .unwrap_or(0);
        let mut rows = Vec::new();
        let mut load = vec![Expression::from(0.0); periods];
        let mut planned_load = vec![0.0; periods];
        let mut open = vec![Expression::from(0.0); periods];
        let mut planned_open = vec![0u32; periods];
        let mut open_sum = Expression::from(0.0);
        let mut covered = vec![false; periods];
        let mut columns = Vec::with_capacity(shares.len());
        let mut next = 0usize;
        for s in shares {
            let n = s.hours.len();
            let first = if s.open_before {
                0
            } else {
                s.hours.iter().position(|&h| h > EPS).unwrap_or(0)
            };
            let last = if s.open_after {
                n
            } else {
                s.hours.iter().rposition(|&h| h > EPS).unwrap_or(n - 1)
            };
            let mut cols = Vec::with_capacity(n);
            let mut total = Expression::from(0.0);
            let (mut begun, mut done): (Vec<Variable>, Vec<Variable>) = (Vec::new(), Vec::new());
            for k in 0..n {
                let cap = s.cap[k].max(s.hours[k]);
                let x = add(&mut vars, variable().min(0.0).max(cap), s.hours[k]);
                cols.push(next);
                next += 1;
                let a = add(
                    &mut vars,
                    variable().binary(),
                    f64::from(u8::from(k >= first)),
                );
                let b = add(
                    &mut vars,
                    variable().binary(),
                    f64::from(u8::from(k >= last)),
                );
                next += 2;
                if k == 0 && s.open_before {
                    rows.push(constraint!(a == 1.0));
                }
                if k + 1 == n {
                    rows.push(constraint!(a == 1.0));
                    rows.push(constraint!(b == f64::from(u8::from(!s.open_after))));
                }
                if let (Some(&pa), Some(&pb)) = (begun.last(), done.last()) {
                    rows.push(constraint!(pa <= a));
                    rows.push(constraint!(pb <= b));
                }
                rows.push(constraint!(b <= a));
                let o: Expression = match done.last() {
                    Some(&pb) => a - pb,
                    None => a.into(),
                };
                rows.push(constraint!(x <= cap * o.clone()));
                if k == 0 && s.pinned > 0.0 {
                    rows.push(constraint!(x >= s.pinned.min(s.hours[0])));
                }
                total += x;
                let t = s.start + k;
                covered[t] = true;
                load[t] += x;
                planned_load[t] += s.hours[k];
                open[t] += o.clone();
                open_sum += o;
                planned_open[t] += u32::from(k >= first && k <= last);
                begun.push(a);
                done.push(b);
            }
            let planned: f64 = s.hours.iter().sum();
            rows.push(constraint!(total == planned));
            columns.push(cols);
        }
        let weight = (next as f64 / 3.0).ceil() + 1.0;
        let mut excess = Expression::from(0.0);
        // Consultant hours per covered period where the room lets the team's hours move.
        let mut buy: Vec<Option<Variable>> = vec![None; periods];
        for t in (0..periods).filter(|&t| covered[t]) {
            let flexible = room.and_then(|r| {
                let (own, bought) = (r.own.get(t)?, r.bought.get(t)?);
                let ceiling = r.ceiling.get(t)?.max(*bought);
                // The planned deal must fit the room (else this period keeps its hours).
                (t >= r.settled_until && planned_load[t] <= own + bought + 1e-6)
                    .then_some((*own, *bought, ceiling))
            });
            match flexible {
                Some((own, bought, ceiling)) => {
                    let u = if ceiling > EPS {
                        let u = add(&mut vars, variable().min(0.0).max(ceiling), bought);
                        buy[t] = Some(u);
                        Expression::from(u)
                    } else {
                        Expression::from(0.0)
                    };
                    rows.push(constraint!(load[t].clone() <= own + u));
                }
                None => rows.push(constraint!(load[t].clone() == planned_load[t])),
            }
            let over = f64::from(planned_open[t].saturating_sub(target));
            let e = add(&mut vars, variable().min(0.0), over);
            rows.push(constraint!(e >= open[t].clone() - f64::from(target)));
            excess += e;
        }
        if let Some(r) = room {
            for pool in r.pools {
                let (mut bought, mut total) = (0.0, Expression::from(0.0));
                for &t in pool {
                    if let Some(u) = buy.get(t).copied().flatten() {
                        bought += r.bought[t];
                        total += u;
                    }
                }
                rows.push(constraint!(total <= bought));
            }
        }
        let mut model = vars
            .minimise(weight * excess + open_sum)
            .using(good_lp::solvers::highs::highs);
        for r in rows {
            model.add_constraint(r);
        }
        (
            model,
            TeamDeal {
                start,
                weight,
                hours: columns,
            },
        )
    }

    /// The team's hours per share and period of its run, read from a solution's columns.
    pub fn read(&self, columns: &[f64]) -> Vec<Vec<f64>> {
        self.hours
            .iter()
            .map(|cols| {
                cols.iter()
                    .map(|&c| {
                        let h = columns[c];
                        if h > EPS {
                            h
                        } else {
                            0.0
                        }
                    })
                    .collect()
            })
            .collect()
    }
}

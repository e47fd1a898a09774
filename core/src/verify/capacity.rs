//! Team capacity per period with the consultants a team can buy, the consultant ceilings, and
//! the plan's `team_periods` load table.

use super::{figure, hours_at_most, hours_equal, hours_pair, money_equal, Ctx, Rule, Violation};

/// How many missing rows of one team are named in a message before the rest are counted.
const MISSING_NAMED: usize = 3;

/// Tolerance for utilisation, a ratio: relative to its size, absolute below 1.
const UTILISATION_TOL: f64 = 1e-6;

/// Hours per team and period, derived from the plan's work and the calendar alone.
#[derive(Debug, Clone, Default)]
pub(super) struct Loads {
    /// Hours booked: the valid work of every planned order, matched or not.
    pub(super) load: Vec<Vec<f64>>,
    /// The team's own hours.
    pub(super) capacity: Vec<Vec<f64>>,
    /// Consultant hours bought: what the load exceeds the own hours by, for teams that can buy
    /// them; 0 for the others.
    pub(super) external: Vec<Vec<f64>>,
}

/// Sums the load of every team and period (capacity is about the hours the plan books, so the
/// work of every planned order counts, matched or not) and derives the consultant hours.
pub(super) fn loads(ctx: &Ctx<'_>) -> Loads {
    let n = ctx.tl.len();
    let teams = &ctx.portfolio.teams;
    let mut load = vec![vec![0.0f64; n]; teams.len()];
    for work in &ctx.work {
        for (&(r, t), &h) in work {
            if let Some(cell) = load.get_mut(r).and_then(|row| row.get_mut(t)) {
                *cell += h;
            }
        }
    }
    let capacity: Vec<Vec<f64>> = teams
        .iter()
        .map(|team| (0..n).map(|t| ctx.tl.team_capacity(team, t)).collect())
        .collect();
    let external = teams
        .iter()
        .enumerate()
        .map(|(r, team)| {
            (0..n)
                .map(|t| match team.consultants {
                    Some(_) => (load[r][t] - capacity[r][t]).max(0.0),
                    None => 0.0,
                })
                .collect()
        })
        .collect();
    Loads {
        load,
        capacity,
        external,
    }
}

/// Checks capacity, consultants included, the consultant ceilings, then the load table against
/// the derived hours.
pub(super) fn check(ctx: &Ctx<'_>, out: &mut Vec<Violation>) {
    let n = ctx.tl.len();
    let Loads {
        load,
        capacity,
        external,
    } = &ctx.loads;
    for (r, team) in ctx.portfolio.teams.iter().enumerate() {
        if ctx.teams.get(team.id.as_str()) != Some(&r) {
            continue; // a repeated team id: its work is booked on the first
        }
        let ext_week = team.consultants.as_ref().map_or(0.0, |e| e.hours_per_week);
        for t in 0..n {
            let (l, own) = (load[r][t], capacity[r][t]);
            let c = own + ext_week * ctx.tl.working_share(t);
            if !hours_at_most(l, c) {
                let (a, b) = hours_pair(l, c);
                let with = if team.consultants.is_some() {
                    format!(" ({} h own, the rest consultants)", figure(own))
                } else {
                    String::new()
                };
                out.push(
                    Violation::new(
                        Rule::Capacity,
                        format!(
                            "team `{}` works {a} h in {}, above its capacity of {b} h{with}",
                            team.id,
                            ctx.when(t)
                        ),
                    )
                    .team(&team.id)
                    .period(t),
                );
            }
        }
        let Some(max) = team.consultants.as_ref().and_then(|e| e.max_hours) else {
            continue;
        };
        let bought: f64 = external[r].iter().sum();
        if !hours_at_most(bought, max) {
            let (a, b) = hours_pair(bought, max);
            out.push(
                Violation::new(
                    Rule::ConsultantLimit,
                    format!(
                        "team `{}` buys {a} consultant hours over the horizon, above its ceiling \
                         of {b} h",
                        team.id
                    ),
                )
                .team(&team.id),
            );
        }
    }
    check_table(ctx, out);
}

/// One row per team and period, with the load summed from the work, the calendar's capacity,
/// the period's label, `(load − external) / capacity` as utilisation of the own staff (0
/// without capacity), the consultant hours bought and their price.
fn check_table(ctx: &Ctx<'_>, out: &mut Vec<Violation>) {
    let n = ctx.tl.len();
    let Loads {
        load,
        capacity,
        external,
    } = &ctx.loads;
    let teams = &ctx.portfolio.teams;
    let mut seen = vec![vec![0usize; n]; teams.len()];
    for row in &ctx.plan.team_periods {
        let t = row.period as usize;
        let team_id = row.team.as_str();
        let bad = |msg: String| Violation::new(Rule::LoadTable, msg).team(team_id).period(t);
        let Some(&r) = ctx.teams.get(team_id) else {
            out.push(bad(format!(
                "team_periods has a row for team `{team_id}` in {}, but the portfolio has no such \
                 team",
                ctx.when(t)
            )));
            continue;
        };
        if t >= n {
            out.push(bad(format!(
                "team_periods has a row for team `{team_id}` in period {t}, but {}",
                ctx.calendar_end()
            )));
            continue;
        }
        seen[r][t] += 1;
        if seen[r][t] == 2 {
            out.push(bad(format!(
                "team_periods has more than one row for team `{team_id}` in {}",
                ctx.when(t)
            )));
        }
        if seen[r][t] > 1 {
            continue;
        }
        let when = ctx.when(t);
        if !hours_equal(row.load, load[r][t]) {
            let (a, b) = hours_pair(row.load, load[r][t]);
            out.push(bad(format!(
                "team_periods: team `{team_id}` has load {a} h in {when}, but the work adds up \
                 to {b} h"
            )));
        }
        if !hours_equal(row.capacity, capacity[r][t]) {
            let (a, b) = hours_pair(row.capacity, capacity[r][t]);
            out.push(bad(format!(
                "team_periods: team `{team_id}` has capacity {a} h in {when}, but the calendar \
                 gives {b} h"
            )));
        }
        let (ext, price) = (external[r][t], price_of(ctx, r));
        if !hours_equal(row.consultant_hours, ext) {
            let (a, b) = hours_pair(row.consultant_hours, ext);
            out.push(bad(format!(
                "team_periods: team `{team_id}` buys {a} consultant hours in {when}, but the load \
                 above its own {} h needs {b} h",
                figure(capacity[r][t])
            )));
        }
        if !money_equal(row.consultant_cost, ext * price, price) {
            let (a, b) = hours_pair(row.consultant_cost, ext * price);
            out.push(bad(format!(
                "team_periods: team `{team_id}` spends {a} on consultants in {when}, but {} h at \
                 {} an hour is {b}",
                figure(ext),
                figure(price)
            )));
        }
        let label = &ctx.tl.period(t).label;
        if &row.label != label {
            out.push(bad(format!(
                "team_periods: the row of team `{team_id}` in period {t} is labelled `{}`, not \
                 `{label}`",
                row.label
            )));
        }
        let util = if row.capacity > 0.0 {
            (row.load - row.consultant_hours) / row.capacity
        } else {
            0.0
        };
        if !(row.utilisation.is_finite()
            && util.is_finite()
            && (row.utilisation - util).abs() <= UTILISATION_TOL * util.abs().max(1.0))
        {
            out.push(bad(format!(
                "team_periods: team `{team_id}` has utilisation {} in {when}, but its own hours \
                 (load less consultants) {} h over capacity {} h is {}",
                row.utilisation,
                figure(row.load - row.consultant_hours),
                figure(row.capacity),
                figure(util)
            )));
        }
    }
    for (r, team) in teams.iter().enumerate() {
        if ctx.teams.get(team.id.as_str()) != Some(&r) {
            continue;
        }
        let missing: Vec<usize> = (0..n).filter(|&t| seen[r][t] == 0).collect();
        let Some(&first) = missing.first() else {
            continue;
        };
        let named: Vec<String> = missing
            .iter()
            .take(MISSING_NAMED)
            .map(|&t| ctx.when(t))
            .collect();
        let more = missing.len().saturating_sub(MISSING_NAMED);
        let rest = if more > 0 {
            format!(" and {more} more")
        } else {
            String::new()
        };
        out.push(
            Violation::new(
                Rule::LoadTable,
                format!(
                    "team_periods has no row for team `{}` in {}{rest}",
                    team.id,
                    named.join(", ")
                ),
            )
            .team(&team.id)
            .period(first),
        );
    }
}

/// The price of one consultant hour of team `r` (0 when it cannot buy any).
pub(super) fn price_of(ctx: &Ctx<'_>, r: usize) -> f64 {
    ctx.portfolio
        .teams
        .get(r)
        .and_then(|t| t.consultants.as_ref())
        .map_or(0.0, |e| e.cost_per_hour)
}

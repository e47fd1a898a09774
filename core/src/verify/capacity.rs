//! Team capacity per period, and the plan's `team_periods` load table.

use super::{hours_at_most, hours_equal, hours_pair, Ctx, Rule, Violation};

/// How many missing rows of one team are named in a message before the rest are counted.
const MISSING_NAMED: usize = 3;

/// Tolerance for utilisation, a ratio: relative to its size, absolute below 1.
const UTILISATION_TOL: f64 = 1e-6;

/// Checks capacity against the work of every planned order (matched or not: capacity is about
/// the hours the plan books), then the load table against the same sums.
pub(super) fn check(ctx: &Ctx<'_>, out: &mut Vec<Violation>) {
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
    for (r, team) in teams.iter().enumerate() {
        if ctx.teams.get(team.id.as_str()) != Some(&r) {
            continue; // a repeated team id: its work is booked on the first
        }
        for t in 0..n {
            let (l, c) = (load[r][t], capacity[r][t]);
            if !hours_at_most(l, c) {
                let (a, b) = hours_pair(l, c);
                out.push(
                    Violation::new(
                        Rule::Capacity,
                        format!(
                            "team `{}` works {a} h in {}, above its capacity of {b} h",
                            team.id,
                            ctx.when(t)
                        ),
                    )
                    .team(&team.id)
                    .period(t),
                );
            }
        }
    }
    check_table(ctx, &load, &capacity, out);
}

/// One row per team and period, with the load summed from the work, the calendar's capacity,
/// the period's label and `load / capacity` as utilisation (0 without capacity).
fn check_table(ctx: &Ctx<'_>, load: &[Vec<f64>], capacity: &[Vec<f64>], out: &mut Vec<Violation>) {
    let n = ctx.tl.len();
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
        let label = &ctx.tl.period(t).label;
        if &row.label != label {
            out.push(bad(format!(
                "team_periods: the row of team `{team_id}` in period {t} is labelled `{}`, not \
                 `{label}`",
                row.label
            )));
        }
        let util = if row.capacity > 0.0 {
            row.load / row.capacity
        } else {
            0.0
        };
        if !(row.utilisation.is_finite()
            && util.is_finite()
            && (row.utilisation - util).abs() <= UTILISATION_TOL * util.abs().max(1.0))
        {
            out.push(bad(format!(
                "team_periods: team `{team_id}` has utilisation {} in {when}, but load {} h over \
                 capacity {} h is {}",
                row.utilisation,
                super::figure(row.load),
                super::figure(row.capacity),
                super::figure(util)
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

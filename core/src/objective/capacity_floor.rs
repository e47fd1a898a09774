//! A floor under weighted completion from the teams' hours: a team cannot finish all its
//! orders at once, so their go-lives are spread at least as a single machine working at the
//! team's most hours a period would spread them (Smith's rule, in the hours' own scale).

use crate::problem::{JobWork, Problem, Windows};

/// Σ weight × (go-live + 1) that no plan goes below over the jobs marked `delivered` (each
/// delivered at its smallest scope, every consultant hour bought): at least the earliest
/// go-lives of the windows `w`, and more where a team's hours cannot finish its orders that
/// early.
///
/// The argument, for one team: sort the orders the team works on by when their work on it
/// ends. The `k`-th ends no earlier than the first period by which the team can have given the
/// hours of the first `k` orders, and goes live at least its go-live lag later. That period
/// is bounded below by a line in the hours (`hours / c + b`, for a slope `c` of hours per
/// period and the intercept that keeps the line under the team's cumulative hours), and the
/// order of the orders that minimises the weighted sum of such lines is the weighted shortest
/// hours first (Smith's rule). An order working for several teams splits its weight between
/// them; any split gives a floor, and the larger of two splits is kept.
///
/// Orders with actual hours and fixed-pace orders count at their windows only (leaving an
/// order out of a team's sum weakens the floor, never breaks it).
pub(super) fn completion_floor(p: &Problem, w: &Windows, delivered: &[bool]) -> f64 {
    let windows_part = |j: usize| p.jobs[j].weight * (w.jobs[j].eg + 1) as f64;
    // Hours each team can give per period at most: its own and every consultant hour.
    let most: Vec<Vec<f64>> = p
        .capacity
        .iter()
        .zip(&p.external)
        .map(|(own, ext)| {
            own.iter()
                .enumerate()
                .map(|(t, h)| h + ext.as_ref().map_or(0.0, |e| e.hours[t]))
                .collect()
        })
        .collect();
    let peak: Vec<f64> = most
        .iter()
        .map(|m| m.iter().copied().fold(0.0, f64::max))
        .collect();
    // The hours each counted job needs of each team, in periods of that team's peak pace.
    let counted: Vec<(usize, Vec<(usize, f64)>)> = (0..p.jobs.len())
        .filter(|&j| delivered[j])
        .filter_map(|j| {
            let job = &p.jobs[j];
            let JobWork::Effort { loads, .. } = &job.work else {
                return None;
            };
            if !job.fixed.actuals.is_empty() {
                return None;
            }
            let needs: Vec<(usize, f64)> = loads
                .iter()
                .filter(|l| l.hours > 0.0 && peak[l.team] > 0.0)
                .map(|l| (l.team, l.hours * job.min_scope))
                .collect();
            (!needs.is_empty()).then_some((j, needs))
        })
        .collect();
    let mut in_teams = vec![false; p.jobs.len()];
    for (j, _) in &counted {
        in_teams[*j] = true;
    }
    let rest: f64 = (0..p.jobs.len())
        .filter(|&j| delivered[j] && !in_teams[j])
        .map(windows_part)
        .sum();
    // Two splits of each order's weight: all on the team it loads most (in its periods of
    // work), and in proportion to those periods.
    let by_teams = [true, false]
        .into_iter()
        .map(|on_most| {
            // Per team: (hours, weight share, earliest go-live + 1, go-live lag + 1).
            let mut per_team: Vec<Vec<(f64, f64, f64, f64)>> = vec![Vec::new(); p.capacity.len()];
            for (j, needs) in &counted {
                let job = &p.jobs[*j];
                for ((r, h), a) in needs.iter().zip(split(needs, &peak, on_most)) {
                    if a > 0.0 {
                        per_team[*r].push((
                            *h,
                            a * job.weight,
                            (w.jobs[*j].eg + 1) as f64,
                            (job.go_live_lag + 1) as f64,
                        ));
                    }
                }
            }
            per_team
                .iter_mut()
                .zip(&most)
                .map(|(orders, m)| team_floor(orders, m))
                .sum::<f64>()
        })
        .fold(0.0, f64::max);
    rest + by_teams
}

/// Shares of an order's weight among the teams of `needs` (team, hours), by the periods of
/// work each needs at its `peak` pace: all on the team that needs the most (`on_most`), or in
/// proportion.
fn split(needs: &[(usize, f64)], peak: &[f64], on_most: bool) -> Vec<f64> {
    let periods: Vec<f64> = needs.iter().map(|&(r, h)| h / peak[r]).collect();
    if on_most {
        let most = periods.iter().copied().fold(0.0, f64::max);
        let first = periods.iter().position(|&x| x >= most);
        (0..needs.len())
            .map(|i| if Some(i) == first { 1.0 } else { 0.0 })
            .collect()
    } else {
        let total: f64 = periods.iter().sum();
        periods.iter().map(|x| x / total).collect()
    }
}

/// The floor of Σ share × (go-live + 1) over one team's `orders` (hours, weight share,
/// earliest go-live + 1, go-live lag + 1) given the team's most hours per period `most`: the
/// larger of the windows' sum and the hours' floor at a few slopes.
fn team_floor(orders: &mut [(f64, f64, f64, f64)], most: &[f64]) -> f64 {
    let windows: f64 = orders.iter().map(|o| o.1 * o.2).sum();
    if orders.is_empty() {
        return windows;
    }
    // Smith's rule: fewest hours per unit of weight first.
    orders.sort_by(|a, b| (a.0 * b.1).total_cmp(&(b.0 * a.1)));
    let cumulative: Vec<f64> = most
        .iter()
        .scan(0.0, |s, h| {
            *s += h;
            Some(*s)
        })
        .collect();
    let peak = most.iter().copied().fold(0.0, f64::max);
    let periods = most.len() as f64;
    let average = cumulative.last().copied().unwrap_or(0.0) / periods;
    [1.0, 0.9, 0.8, 0.7]
        .iter()
        .map(|f| f * peak)
        .chain([average])
        .filter(|&c| c > 0.0)
        .map(|c| {
            // The line t ≥ hours / c + b stays under every period t at which the cumulative
            // hours first reach `hours`: b is the least of t − cumulative(t) / c.
            let b = cumulative
                .iter()
                .enumerate()
                .map(|(t, h)| t as f64 - h / c)
                .fold(f64::INFINITY, f64::min);
            let mut hours = 0.0;
            orders
                .iter()
                .map(|&(h, share, _, lag)| {
                    hours += h;
                    // Linear in the hours, so Smith's order is the least any order gives.
                    share * (hours / c + b + lag)
                })
                .sum::<f64>()
        })
        .fold(windows, f64::max)
}

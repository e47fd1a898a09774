//! A team's room beyond its plan's deal when its hours may move between periods: the own
//! hours left in each period, the consultant hours bought and their ceiling, and the pools of
//! periods none of which may buy more consultant hours than before. Used by the open-orders
//! pass's flexible stage ([`super::open_limit`]).

use super::focus::Share;
use super::Schedule;
use crate::formulation::team_deal::TeamRoom;
use crate::problem::Problem;

/// What a team's hours may do per period beyond the plan's deal ([`TeamRoom`]), kept up to
/// date as windows change the deal; only where its hours may move between periods.
pub(super) struct Room {
    /// Own hours per period left for the dealt orders: capacity less the team's other work
    /// (fixed-duration orders, orders whose hours stay where they are).
    own: Vec<f64>,
    /// Consultant hours bought per period by the deal as it stands.
    pub(super) bought: Vec<f64>,
    /// Most consultant hours per period.
    ceiling: Vec<f64>,
    /// The whole horizon and each budget's periods: none buys more consultant hours.
    pools: Vec<Vec<usize>>,
    settled_until: usize,
}

impl Room {
    pub(super) fn new(s: &Schedule, p: &Problem, r: usize, shares: &[Share]) -> Room {
        let load = &s.team_load(p)[r];
        let mut own: Vec<f64> = p.capacity[r].iter().zip(load).map(|(c, l)| c - l).collect();
        for sh in shares {
            for (k, &h) in sh.before.iter().enumerate() {
                own[sh.start + k] += h;
            }
        }
        let mut bought = vec![0.0; p.periods];
        for &(team, t, h) in &s.external {
            if team == r && t < p.periods {
                bought[t] += h;
            }
        }
        let ceiling = p.external[r]
            .as_ref()
            .map_or_else(|| vec![0.0; p.periods], |e| e.hours.clone());
        let mut pools = vec![(0..p.periods).collect::<Vec<usize>>()];
        pools.extend(p.budgets.iter().map(|b| b.0.clone()));
        Room {
            own,
            bought,
            ceiling,
            pools,
            settled_until: p.frozen_until,
        }
    }

    /// The room as the model takes it.
    pub(super) fn view(&self) -> TeamRoom<'_> {
        TeamRoom {
            own: &self.own,
            bought: &self.bought,
            ceiling: &self.ceiling,
            pools: &self.pools,
            settled_until: self.settled_until,
        }
    }

    /// The consultant hours periods `w0..=w1` need under the deal `rows` (each share's hours
    /// per period of its run), or `None` where some pool would buy more than it does now.
    pub(super) fn rebought(
        &self,
        shares: &[Share],
        rows: &[Vec<f64>],
        w0: usize,
        w1: usize,
    ) -> Option<Vec<f64>> {
        let mut load = vec![0.0; w1 + 1 - w0];
        for (s, row) in shares.iter().zip(rows) {
            for (k, &h) in row.iter().enumerate() {
                let t = s.start + k;
                if (w0..=w1).contains(&t) {
                    load[t - w0] += h;
                }
            }
        }
        let mut bought = self.bought.clone();
        for (t, l) in (w0..=w1).zip(load) {
            bought[t] = (l - self.own[t]).max(0.0);
        }
        let grows = self.pools.iter().any(|pool| {
            let sum = |b: &[f64]| {
                pool.iter()
                    .filter(|&&t| (w0..=w1).contains(&t))
                    .map(|&t| b[t])
                    .sum::<f64>()
            };
            sum(&bought) > sum(&self.bought) + 1e-6
        });
        (!grows).then_some(bought)
    }
}

//! Work pulled forward inside each order's run: the MIP leaves hours wherever no objective
//! prices them, so an order may stall for weeks inside its run while its teams have time, or
//! keep a team's few hours on it open for months. This pass moves each team's hours on an
//! order to the earliest periods of the order's run where the team has spare own capacity
//! (within the order's pace limit), taking them from the latest periods. Then the run ends
//! where the work ends, and consultant hours no longer needed are not bought.
//!
//! Nothing gets worse: hours per order and team stay the same, every period stays within
//! the team's own capacity or uses fewer consultant hours than before, finishes only move
//! earlier (not before a finish-to-finish predecessor allows), and go-lives follow.

use super::Schedule;
use crate::problem::{JobWork, Problem};

/// Hours below this are rounding.
const EPS: f64 = 1e-7;

impl Schedule {
    /// Pulls each effort-driven order's hours forward within its run, team by team, into the
    /// team's spare own capacity, and drops consultant hours the moves made unnecessary.
    /// Orders with a pace floor (`min_hours_per_week`) are left as they are.
    pub fn compact_work(&mut self, p: &Problem) {
        let teams = p.capacity.len();
        // Own hours used per team and period: the load, less what consultants cover.
        let mut load = vec![vec![0.0f64; p.periods]; teams];
        for j in 0..p.jobs.len() {
            for (r, t, h) in self.hours(p, j) {
                if t < p.periods {
                    load[r][t] += h;
                }
            }
        }
        let mut order: Vec<usize> = (0..p.jobs.len())
            .filter(|&j| self.jobs[j].selected)
            .collect();
        order.sort_by_key(|&j| (self.jobs[j].start, j));
        for j in order {
            let JobWork::Effort { loads, .. } = &p.jobs[j].work else {
                continue;
            };
            if loads.iter().any(|l| l.min_rate > 0.0) {
                continue;
            }
            let (s, f) = (self.jobs[j].start, self.jobs[j].finish);
            if f >= p.periods || s > f {
                continue;
            }
            for l in loads {
                let r = l.team;
                // This order's hours of team r per period of its run.
                let mut mine = vec![0.0f64; f - s + 1];
                for &(rr, t, h) in &self.jobs[j].work {
                    if rr == r && (s..=f).contains(&t) {
                        mine[t - s] += h;
                    }
                }
                let mut last = mine.iter().rposition(|&h| h > EPS);
                for t in s..=f {
                    let Some(q) = last.filter(|&q| q + s > t) else {
                        break;
                    };
                    let spare = p.capacity[r][t] - load[r][t];
                    let room = (p.effort_cap(l, t) - mine[t - s]).min(spare);
                    if room <= EPS {
                        continue;
                    }
                    let mut want = room;
                    let mut q = q;
                    while want > EPS && q + s > t {
                        let take = mine[q].min(want);
                        mine[q] -= take;
                        mine[t - s] += take;
                        load[r][q + s] -= take;
                        load[r][t] += take;
                        want -= take;
                        if mine[q] <= EPS {
                            mine[q] = 0.0;
                            match mine[..q].iter().rposition(|&h| h > EPS) {
                                Some(k) => q = k,
                                None => break,
                            }
                        }
                    }
                    last = mine.iter().rposition(|&h| h > EPS);
                }
                let jt = &mut self.jobs[j];
                jt.work.retain(|w| w.0 != r || !(s..=f).contains(&w.1));
                jt.work.extend(
                    mine.iter()
                        .enumerate()
                        .filter(|(_, &h)| h > EPS)
                        .map(|(k, &h)| (r, s + k, h)),
                );
            }
            self.jobs[j].work.sort_by_key(|w| (w.1, w.0));
        }
        // Consultant hours: only what the load needs above the team's own capacity, never
        // more than was bought before.
        for e in &mut self.external {
            let (r, t) = (e.0, e.1);
            if t < p.periods {
                e.2 = e.2.min((load[r][t] - p.capacity[r][t]).max(0.0));
            }
        }
        self.external.retain(|e| e.2 > EPS);
    }
}

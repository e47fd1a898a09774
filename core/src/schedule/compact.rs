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
        // Hours booked (own and consultant): a team has own hours to spare where this is
        // below its capacity.
        let mut load = self.team_load(p);
        // Jobs whose start a start-to-start dependant needs: their start stays.
        let mut start_needed = vec![false; p.jobs.len()];
        for l in &p.links {
            if l.kind == crate::model::DependencyKind::StartToStart {
                start_needed[l.from] = true;
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
            // Orders with something settled keep their hours where they are.
            if loads.iter().any(|l| l.min_rate > 0.0) || p.jobs[j].fixed.binds() {
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
            // Fragment by fragment, while one moves (each move shortens the run).
            if !start_needed[j] && !p.jobs[j].in_progress {
                while self.join_leading_fragment(p, j, &mut load) {}
            }
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

    /// Where job `j`'s work starts with a fragment, then stalls, this moves the whole fragment
    /// to later periods of its run (up to its last period of work) where its teams have spare
    /// own capacity within the pace limit, so the run starts where the work goes on. The
    /// caller keeps it to jobs whose start no start-to-start dependant needs and that are not
    /// in progress; all of the fragment moves, or nothing. Returns whether it moved.
    fn join_leading_fragment(&mut self, p: &Problem, j: usize, load: &mut [Vec<f64>]) -> bool {
        let JobWork::Effort { loads, .. } = &p.jobs[j].work else {
            return false;
        };
        let jt = &self.jobs[j];
        let Some(last) = jt.work.iter().map(|w| w.1).max() else {
            return false;
        };
        // From the first period with work: each move makes it strictly later, so the caller's
        // loop ends.
        let Some(s) = jt.work.iter().filter(|w| w.2 > EPS).map(|w| w.1).min() else {
            return false;
        };
        let worked = |t: usize| jt.work.iter().any(|w| w.1 == t && w.2 > EPS);
        // The first stall after the first work: a working period without hours.
        let Some(k) = (s + 1..last).find(|&t| !worked(t) && p.share[t] > 0.0) else {
            return false;
        };
        // The fragment goes beside the work after the stall, not into the stall: the run gets
        // as short as it can.
        let Some(next) = (k + 1..=last).find(|&t| worked(t)) else {
            return false;
        };
        let fragment: Vec<(usize, usize, f64)> = jt
            .work
            .iter()
            .filter(|w| w.1 < k && w.2 > EPS)
            .copied()
            .collect();
        // Hours of this job per (team, period) in the rest of its run.
        let mine = |r: usize, t: usize| -> f64 {
            jt.work
                .iter()
                .filter(|w| w.0 == r && w.1 == t)
                .map(|w| w.2)
                .sum()
        };
        let mut added: Vec<(usize, usize, f64)> = Vec::new();
        let extra = |r: usize, t: usize, added: &[(usize, usize, f64)]| -> f64 {
            added
                .iter()
                .filter(|a| a.0 == r && a.1 == t)
                .map(|a| a.2)
                .sum()
        };
        for &(r, _, h) in &fragment {
            let Some(l) = loads.iter().find(|l| l.team == r) else {
                return false;
            };
            let mut left = h;
            for (t, &used) in load[r].iter().enumerate().take(last + 1).skip(next) {
                if left <= EPS {
                    break;
                }
                let more = extra(r, t, &added);
                let spare = p.capacity[r][t] - used - more;
                let room = (p.effort_cap(l, t) - mine(r, t) - more).min(spare);
                if room > EPS {
                    let take = room.min(left);
                    added.push((r, t, take));
                    left -= take;
                }
            }
            if left > EPS {
                return false;
            }
        }
        for &(r, t, h) in &fragment {
            load[r][t] -= h;
        }
        for &(r, t, h) in &added {
            load[r][t] += h;
        }
        let jt = &mut self.jobs[j];
        jt.work.retain(|w| w.1 >= k);
        jt.work.extend(added);
        // One slice per (team, period).
        jt.work.sort_by_key(|w| (w.1, w.0));
        jt.work.dedup_by(|b, a| {
            if a.0 == b.0 && a.1 == b.1 {
                a.2 += b.2;
                true
            } else {
                false
            }
        });
        // The start follows in `tighten`, which keeps the minimum duration.
        true
    }
}

#[cfg(test)]
mod tests {
    use crate::schedule::{JobTimes, Schedule};
    use crate::{Calendar, Order, Portfolio, Team};

    /// Order `a` (pm 5 h, dev 20 h) starts with a pm kick-off in period 0, then stalls while
    /// `b` fills dev in periods 0–2, and does its dev work in 3–4.
    fn kick_off_then_stall() -> (Portfolio, crate::problem::Problem, Schedule) {
        let mut p = Portfolio::new(Calendar::units(8));
        p.add_team(Team::new("pm", 10.0));
        p.add_team(Team::new("dev", 10.0));
        p.add_order(Order::effort("a", [("pm", 5.0), ("dev", 20.0)]));
        p.add_order(Order::effort("b", [("dev", 30.0)]));
        let problem = crate::validate(&p).expect("valid");
        let a = JobTimes::delivered(0, 4, 4, vec![(0, 0, 5.0), (1, 3, 10.0), (1, 4, 10.0)]);
        let b = JobTimes::delivered(0, 2, 2, vec![(1, 0, 10.0), (1, 1, 10.0), (1, 2, 10.0)]);
        let s = Schedule {
            jobs: vec![a, b],
            external: Vec::new(),
        };
        (p, problem, s)
    }

    #[test]
    fn a_leading_fragment_joins_the_rest_of_the_work() {
        let (portfolio, p, mut s) = kick_off_then_stall();
        s.settle(&p);
        // The settled schedule is a plan that keeps every rule.
        let tl = crate::Timeline::new(&portfolio.calendar).expect("calendar");
        let plan = crate::plan::build_plan(&portfolio, &tl, &p, &s);
        let report = crate::verify(&portfolio, &plan);
        assert!(report.is_ok(), "{report}");
        let a = &s.jobs[0];
        // The kick-off moved to period 3, beside the dev work: no stall, same finish.
        assert_eq!((a.start, a.finish, a.go_live), (3, 4, 4));
        let pm: f64 = a.work.iter().filter(|w| w.0 == 0).map(|w| w.2).sum();
        assert!((pm - 5.0).abs() < 1e-9);
        assert!(a.work.iter().all(|w| w.1 >= 3));
        // `b` keeps its place.
        assert_eq!((s.jobs[1].start, s.jobs[1].finish), (0, 2));
    }
}

//! Teams keep to a target of open orders: the plan's last pass re-deals each team's hours so
//! that it has at most `target_open_per_fte` orders open per full-time equivalent wherever
//! the plan's runs allow it.
//!
//! [`Schedule::focus_teams`] already makes each team finish what it starts, but by pairwise
//! exchanges that never look at the worst week. This pass solves, for each team with a
//! period over its target, a small model of the team's deal (`formulation::team_deal`): the
//! same hours per order, every hour inside its order's run and pace limit; fewest periods over
//! the target first, then fewest open order-periods. The plan's own deal is the model's
//! starting solution, so the pass only ever improves it. A team's new deal is kept only when
//! it has fewer periods over its target (or as many and fewer open order-periods), no more
//! open at once, and no more new stall periods in its orders than periods it brought to the
//! target; and only where it keeps every pinned or frozen hour.
//!
//! Three stages, each for the teams still over their target:
//! 1. windows of the horizon with the team's hours per period as they are, so capacity,
//!    consultants, budgets and every objective that counts hours stay as they were;
//! 2. windows in which the team's hours may move between periods: within its own capacity
//!    plus the consultant hours it may buy there, while no pool of periods (the horizon, each
//!    budget's periods) buys more consultant hours than before. Kept only where it brings
//!    periods to the target. A team that buys consultants in its peak weeks may need more
//!    orders open there than the target allows (Tyresö: `integration` at 84 h a week, 20 of
//!    them consultant hours, where six orders take at most 81 h) however the hours are dealt
//!    among orders, but not once some of them move to weeks with room;
//! 3. one model of the team's whole horizon, hours per period as they are, with the time left.
//!
//! Orders whose work now ends earlier finish and go live earlier (the pass ends with the
//! settle's `tighten` and `go_live_early`); consultant spend can only fall.
//!
//! Measured on the Tyresö example (docs/realism.md).

use super::focus::{open_profile, start_needed, Share, EPS};
use super::open_room::Room;
use super::Schedule;
use crate::formulation::team_deal::{DealShare, TeamDeal};
use crate::problem::Problem;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// Largest model tried, in order-periods of one team (three columns each). A team with more
/// keeps the deal the focus pass gave it, so the pass stays a small part of a large solve.
const MAX_ORDER_PERIODS: usize = 6_000;

/// Most seconds one team's model may take without a time limit on the solve.
const TEAM_SECONDS: f64 = 2.0;

/// Whether [`Schedule::limit_open`] may have work on `p`: some team with a target has more
/// effort-driven orders than its target, and few enough that a model of its deal (at four
/// periods an order at least) stays within 6 000 order-periods. The solve keeps time for the
/// pass only then.
pub fn open_pass_may_apply(p: &Problem) -> bool {
    let mut orders = vec![0usize; p.open_target.len()];
    for job in &p.jobs {
        if let crate::problem::JobWork::Effort { loads, .. } = &job.work {
            for l in loads {
                if let Some(n) = orders.get_mut(l.team) {
                    *n += 1;
                }
            }
        }
    }
    p.open_target
        .iter()
        .zip(&orders)
        .any(|(k, &n)| k.is_some_and(|k| n > k as usize && 4 * n <= MAX_ORDER_PERIODS))
}

impl Schedule {
    /// Whether some team with a target has a period over it in this schedule, with a deal
    /// small enough for [`limit_open`](Self::limit_open) to model: the solve keeps time for
    /// the pass only then.
    pub fn over_open_target(&self, p: &Problem) -> bool {
        let start_needed = start_needed(p);
        p.open_target
            .iter()
            .enumerate()
            .any(|(r, k)| k.is_some_and(|k| self.team_over_target(p, r, k, &start_needed)))
    }

    /// Periods over their team's target of open orders, summed over every team with a target
    /// and a deal small enough for [`limit_open`](Self::limit_open) to model: how far the plan
    /// is from the pass's aim (0 where every such team keeps its target).
    pub fn open_excess(&self, p: &Problem) -> usize {
        let start_needed = start_needed(p);
        p.open_target
            .iter()
            .enumerate()
            .filter_map(|(r, k)| k.map(|k| self.team_excess(p, r, k, &start_needed)))
            .sum()
    }

    /// Periods team `r` has over `k` orders open, summed; 0 where its deal is too large to
    /// model.
    fn team_excess(&self, p: &Problem, r: usize, k: u32, start_needed: &[bool]) -> usize {
        let shares = self.shares(p, r, start_needed);
        let size: usize = shares.iter().map(|s| s.before.len()).sum();
        if size > MAX_ORDER_PERIODS {
            return 0;
        }
        open_profile(&shares, |s| &s.before, p.periods)
            .iter()
            .map(|&n| n.saturating_sub(k as usize))
            .sum()
    }

    /// Whether team `r` has a period with more than `k` orders open and a deal small enough
    /// to model.
    fn team_over_target(&self, p: &Problem, r: usize, k: u32, start_needed: &[bool]) -> bool {
        self.team_excess(p, r, k, start_needed) > 0
    }

    /// Re-deals the hours of each team with a period over its target of open orders (see the
    /// module documentation), until `deadline`, on up to `threads` threads: within each stage
    /// the teams' models are solved side by side (each team's deal depends on its own hours
    /// alone), then taken in team order. True when some team's deal changed.
    pub fn limit_open(&mut self, p: &Problem, deadline: Option<Instant>, threads: usize) -> bool {
        if p.open_target.iter().all(Option::is_none) {
            return false;
        }
        let start_needed = start_needed(p);
        let over = |shares: &[Share], pick: fn(&Share) -> &Vec<f64>, k: u32| {
            let open = open_profile(shares, pick, p.periods);
            let excess: usize = open.iter().map(|&n| n.saturating_sub(k as usize)).sum();
            let most = open.iter().copied().max().unwrap_or(0);
            (excess, open.iter().sum::<usize>(), most)
        };
        let candidates: Vec<(usize, u32)> = p
            .open_target
            .iter()
            .enumerate()
            .filter_map(|(r, k)| k.map(|k| (r, k)))
            .filter(|&(r, k)| self.team_over_target(p, r, k, &start_needed))
            .collect();
        let guard = p.frozen_until > 0 || p.jobs.iter().any(|j| j.fixed.binds());
        let mut changed = false;
        // Teams whose better deal `take_deal` refused (for the stalls it left in their orders,
        // or a pinned hour it moved): the model of the whole horizon knows no more of either
        // than the windows', and is not tried for them (Tyresö at 10 s: 1.25 s, refused again).
        let mut refused = Vec::new();
        // First every team by windows (fast) with its hours per period as they are; then, for
        // the teams still over their target, by windows in which hours (and consultant hours)
        // may move between periods; then, with the time left, each by one model of its whole
        // horizon.
        for (stage, how) in [Redeal::Windows, Redeal::FlexibleWindows, Redeal::Whole]
            .into_iter()
            .enumerate()
        {
            let left_over: Vec<(usize, u32)> = candidates
                .iter()
                .copied()
                .filter(|&(r, k)| stage == 0 || self.team_over_target(p, r, k, &start_needed))
                .filter(|(r, _)| how != Redeal::Whole || !refused.contains(r))
                .collect();
            let dealt = self.deal_teams(p, &left_over, &start_needed, how, deadline, threads);
            for Dealt { r, k, shares, room } in dealt {
                let (was, now) = (
                    over(&shares, |s| &s.before, k),
                    over(&shares, |s| &s.after, k),
                );
                // Hours move between periods only to bring periods to the target.
                let flexible = room.is_some();
                if (now.0, now.1) >= (was.0, was.1) || now.2 > was.2 || flexible && now.0 >= was.0 {
                    continue;
                }
                if self.take_deal(p, r, &shares, was.0 - now.0, guard) {
                    if let Some(room) = &room {
                        self.external.retain(|e| e.0 != r);
                        self.external.extend(
                            room.bought
                                .iter()
                                .enumerate()
                                .filter(|(_, &h)| h > EPS)
                                .map(|(t, &h)| (r, t, h)),
                        );
                    }
                    changed = true;
                } else {
                    refused.push(r);
                }
            }
        }
        if changed {
            self.guarded(p, Schedule::tighten);
            self.guarded(p, Schedule::go_live_early);
        }
        changed
    }

    /// Each team of `teams`' new deal by `how`, in `teams`' order, solved on up to `threads`
    /// threads until `deadline`. A team started when less than 0.02 s is its share of the time
    /// left gets no deal. Each team starts with its share of the time left: of the rounds of
    /// teams the threads still have to take, one round's, at most [`TEAM_SECONDS`].
    fn deal_teams(
        &self,
        p: &Problem,
        teams: &[(usize, u32)],
        start_needed: &[bool],
        how: Redeal,
        deadline: Option<Instant>,
        threads: usize,
    ) -> Vec<Dealt> {
        let workers = threads.clamp(1, teams.len().max(1));
        let next = AtomicUsize::new(0);
        let work = || {
            let mut out = Vec::new();
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(&(r, k)) = teams.get(i) else {
                    break;
                };
                let seconds = match deadline {
                    Some(d) => {
                        let left = d.saturating_duration_since(Instant::now()).as_secs_f64();
                        left / (teams.len() - i).div_ceil(workers) as f64
                    }
                    None => TEAM_SECONDS,
                }
                .min(TEAM_SECONDS);
                if seconds < 0.02 {
                    break;
                }
                out.push((i, self.deal_team(p, (r, k), start_needed, how, seconds)));
            }
            out
        };
        let mut dealt: Vec<(usize, Dealt)> = if workers == 1 {
            work()
        } else {
            std::thread::scope(|scope| {
                let handles: Vec<_> = (0..workers).map(|_| scope.spawn(work)).collect();
                handles
                    .into_iter()
                    .flat_map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)))
                    .collect()
            })
        };
        dealt.sort_by_key(|(i, _)| *i);
        dealt.into_iter().map(|(_, d)| d).collect()
    }

    /// Team `r`'s deal re-dealt by `how` in at most `seconds`, with target `k`.
    fn deal_team(
        &self,
        p: &Problem,
        (r, k): (usize, u32),
        start_needed: &[bool],
        how: Redeal,
        seconds: f64,
    ) -> Dealt {
        let mut shares = self.shares(p, r, start_needed);
        for s in &mut shares {
            s.after.clone_from(&s.before);
        }
        let mut room = (how == Redeal::FlexibleWindows).then(|| Room::new(self, p, r, &shares));
        if how == Redeal::Whole {
            redeal_window(&mut shares, room.as_mut(), k, 0, p.periods - 1, seconds);
        } else {
            let team_deadline = Instant::now() + Duration::from_secs_f64(seconds);
            redeal_in_windows(&mut shares, room.as_mut(), k, p.periods, team_deadline);
        }
        Dealt { r, k, shares, room }
    }
}

/// How a stage of [`Schedule::limit_open`] re-deals a team's hours.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Redeal {
    /// Window by window, the team's hours per period as they are.
    Windows,
    /// Window by window, hours (and consultant hours) free to move between periods.
    FlexibleWindows,
    /// One model of the team's whole horizon, hours per period as they are.
    Whole,
}

/// One team's deal as a stage left it: its shares (`after` the new deal) and, where its hours
/// could move between periods, its room.
struct Dealt {
    r: usize,
    k: u32,
    shares: Vec<Share>,
    room: Option<Room>,
}

/// Periods one model of a team's deal covers. Windows keep each model small enough for HiGHS
/// to close in a few hundredths of a second; a model of a whole team's horizon (Tyresö: 17
/// orders, 60 weeks) took 1.5–3 s.
const WINDOW: usize = 16;

/// Re-deals the team's hours (`after`, which starts as the plan's) window by window, from the
/// first period over target `k` onwards, until no period is over it or `deadline`. Each
/// window's model keeps every order's hours inside the window and outside it as they are, so
/// each step is a feasible deal; a step is kept when the window has fewer periods over the
/// target, or as many and fewer open order-periods.
fn redeal_in_windows(
    shares: &mut [Share],
    mut room: Option<&mut Room>,
    k: u32,
    periods: usize,
    deadline: Instant,
) {
    let mut from = 0;
    for _sweep in 0..2 {
        // A sweep that changed nothing would be repeated model for model by the next one.
        let mut changed = false;
        loop {
            let open = open_profile(shares, |s| &s.after, periods);
            let Some(t) = (from..periods).find(|&t| open[t] > k as usize) else {
                break;
            };
            // A window that does not help is widened step by step (the wider ones centred on
            // `t`): the orders that cross it may need room further away. The step to 24 weeks
            // matters: on a Tyresö plan a 32-week window of `pm` took 1.1 s, a 24-week one 0.13 s.
            for width in [WINDOW, 3 * WINDOW / 2, 2 * WINDOW, 3 * WINDOW] {
                let w0 = t.saturating_sub(if width == WINDOW {
                    width / 4
                } else {
                    width / 2
                });
                let w1 = (w0 + width).min(periods) - 1;
                from = t.saturating_sub(WINDOW / 4) + WINDOW / 2;
                let left = deadline
                    .saturating_duration_since(Instant::now())
                    .as_secs_f64();
                if left < 0.01 {
                    return;
                }
                // With the team's hours per period fixed, a window that helps at all is
                // enough (wider ones cost tenths of a second each); where they may move, the
                // window must bring period `t` to the target.
                let improved = redeal_window(shares, room.as_deref_mut(), k, w0, w1, left);
                changed |= improved;
                if improved
                    && (room.is_none()
                        || open_profile(shares, |s| &s.after, periods)[t] <= k as usize)
                {
                    break;
                }
            }
        }
        if !changed {
            return;
        }
        from = 0;
    }
}

/// One window's step of [`redeal_in_windows`], periods `w0..=w1`; true when it improved the
/// deal.
fn redeal_window(
    shares: &mut [Share],
    room: Option<&mut Room>,
    k: u32,
    w0: usize,
    w1: usize,
    seconds: f64,
) -> bool {
    // (share, offset of the window in its run, periods of the run in the window)
    let mut inside = Vec::new();
    let mut deal = Vec::new();
    for (i, s) in shares.iter().enumerate() {
        let (a, b) = (s.start.max(w0), s.finish.min(w1));
        if a > b {
            continue;
        }
        let (lo, hi) = (a - s.start, b - s.start);
        // An order in progress is open from the first period of its run.
        let open_before = s.started || s.after[..lo].iter().any(|&h| h > EPS);
        let open_after = s.after[hi + 1..].iter().any(|&h| h > EPS);
        let worked = s.after[lo..=hi].iter().any(|&h| h > EPS);
        if !(worked || open_before && open_after) {
            continue;
        }
        inside.push((i, lo, hi));
        deal.push(DealShare {
            start: a,
            hours: &s.after[lo..=hi],
            cap: &s.cap[lo..=hi],
            pinned: if lo == 0 { s.pinned } else { 0.0 },
            open_before,
            open_after,
        });
    }
    if deal.len() <= k as usize {
        return false;
    }
    let (model, columns) = TeamDeal::new(&deal, k, room.as_ref().map(|r| r.view()).as_ref());
    let Some(solution) =
        crate::solve::small_mip::solve(model, &columns.start, seconds, columns.weight - 1.0)
    else {
        return false;
    };
    let hours = columns.read(&solution);
    let mut next: Vec<Vec<f64>> = shares.iter().map(|s| s.after.clone()).collect();
    for (&(i, lo, _), h) in inside.iter().zip(hours) {
        next[i][lo..lo + h.len()].copy_from_slice(&h);
    }
    let score = |rows: &[Vec<f64>]| {
        let mut open = vec![0usize; w1 + 1 - w0];
        for (s, row) in shares.iter().zip(rows) {
            let Some((a, b)) = s.open_span(row) else {
                continue;
            };
            for t in (s.start + a).max(w0)..=(s.start + b).min(w1) {
                open[t - w0] += 1;
            }
        }
        let excess: usize = open.iter().map(|&n| n.saturating_sub(k as usize)).sum();
        (excess, open.iter().sum::<usize>())
    };
    let was: Vec<Vec<f64>> = shares.iter().map(|s| s.after.clone()).collect();
    if score(&next) < score(&was) {
        if let Some(room) = room {
            let Some(bought) = room.rebought(shares, &next, w0, w1) else {
                return false;
            };
            room.bought = bought;
        }
        for (s, row) in shares.iter_mut().zip(next) {
            s.after = row;
        }
        return true;
    }
    false
}

#[cfg(test)]
mod tests {
    use crate::schedule::{JobTimes, Schedule};
    use crate::{Order, Portfolio, Team, WorkRules};

    /// Team `dev` (40 h, 1 FTE) with three orders of 40 h, each allowed 20 h a week, all
    /// trickling at 40/6 h a week over weeks 0–5.
    fn trickling() -> (Portfolio, Schedule) {
        let portfolio = crate::schedule::test_portfolio::three_orders_on_one_team();
        let h = 40.0 / 6.0;
        let trickle = || JobTimes::delivered(0, 5, 5, (0..6).map(|t| (0, t, h)).collect());
        let s = Schedule {
            jobs: vec![trickle(), trickle(), trickle()],
            external: Vec::new(),
        };
        (portfolio, s)
    }

    fn most_open(s: &Schedule) -> usize {
        (0..10)
            .map(|t| {
                s.jobs
                    .iter()
                    .filter(|j| {
                        let w: Vec<usize> = j.work.iter().map(|w| w.1).collect();
                        w.iter().min().is_some_and(|&a| a <= t)
                            && w.iter().max().is_some_and(|&b| b >= t)
                    })
                    .count()
            })
            .max()
            .unwrap_or(0)
    }

    #[test]
    fn a_team_over_its_target_gets_a_deal_within_it_and_the_plan_verifies() {
        let (mut portfolio, mut s) = trickling();
        // Two orders per FTE: at most two of the three open at once.
        portfolio.work_rules = WorkRules {
            target_open_per_fte: Some(2.0),
            ..WorkRules::default()
        };
        let p = crate::validate(&portfolio).expect("valid");
        assert_eq!(p.open_target, vec![Some(2)]);
        assert_eq!(most_open(&s), 3);
        assert!(s.limit_open(&p, None, 1));
        assert!(most_open(&s) <= 2, "{s:?}");
        // Every order keeps its 40 h and every week its 40/6 × 3 h.
        for jt in &s.jobs {
            let h: f64 = jt.work.iter().map(|w| w.2).sum();
            assert!((h - 40.0).abs() < 1e-6, "{jt:?}");
        }
        let tl = crate::Timeline::new(&portfolio.calendar).expect("calendar");
        let plan = crate::plan::build_plan(&portfolio, &tl, &p, &s);
        let report = crate::verify(&portfolio, &plan);
        assert!(report.is_ok(), "{report} {s:?}");
    }

    #[test]
    fn consultant_hours_move_to_weeks_where_fewer_orders_can_take_them() {
        // `dev` (40 h, 1 FTE, up to 20 consultant hours a week) runs three orders of 40 h,
        // each at most 20 h a week, all three in weeks 1–2 at 60 h a week (20 h of them
        // consultant hours), runs to week 4. With the team's hours per week fixed, weeks 1–2
        // need three orders open; moving one order to weeks 3–4, where the team is idle,
        // needs two and no consultant at all. (Week 0 has a holiday.)
        let (mut portfolio, _) = trickling();
        portfolio.teams[0].consultants = Some(crate::model::ConsultantCapacity {
            hours_per_week: 20.0,
            cost_per_hour: 1000.0,
            max_hours: None,
        });
        portfolio.budgets.push(crate::model::Budget {
            per: crate::model::BudgetSpan::Total,
            amount: 40_000.0,
        });
        portfolio.work_rules = WorkRules {
            target_open_per_fte: Some(2.0),
            ..WorkRules::default()
        };
        let p = crate::validate(&portfolio).expect("valid");
        let front = || JobTimes::delivered(1, 4, 4, vec![(0, 1, 20.0), (0, 2, 20.0)]);
        let mut s = Schedule {
            jobs: vec![front(), front(), front()],
            external: vec![(0, 1, 20.0), (0, 2, 20.0)],
        };
        let tl = crate::Timeline::new(&portfolio.calendar).expect("calendar");
        assert_eq!(most_open(&s), 3);
        assert!(s.limit_open(&p, None, 1));
        assert!(most_open(&s) <= 2, "{s:?}");
        let bought: f64 = s.external.iter().map(|e| e.2).sum();
        assert!(bought < 40.0 - 1e-6, "consultant hours {bought}: {s:?}");
        let plan = crate::plan::build_plan(&portfolio, &tl, &p, &s);
        let report = crate::verify(&portfolio, &plan);
        assert!(report.is_ok(), "{report}");
    }

    #[test]
    fn teams_dealt_side_by_side_get_the_deals_they_get_one_by_one() {
        // `dev` and `ops` (40 h each, 1 FTE, two orders per FTE) each trickle three orders
        // over weeks 0–5: each team's deal depends on its own hours alone, so two threads give
        // the plan one thread gives.
        let (mut portfolio, s) = trickling();
        portfolio.add_team(Team::new("ops", 40.0));
        let h = 40.0 / 6.0;
        let mut jobs = s.jobs.clone();
        for id in ["d", "e", "f"] {
            let mut o = Order::effort(id, [("ops", 40.0)]);
            o.effort[0].max_hours_per_week = Some(20.0);
            portfolio.add_order(o);
            jobs.push(JobTimes::delivered(
                0,
                5,
                5,
                (0..6).map(|t| (1, t, h)).collect(),
            ));
        }
        portfolio.work_rules = WorkRules {
            target_open_per_fte: Some(2.0),
            ..WorkRules::default()
        };
        let p = crate::validate(&portfolio).expect("valid");
        let start = Schedule {
            jobs,
            external: Vec::new(),
        };
        let (mut one, mut two) = (start.clone(), start);
        assert!(one.limit_open(&p, None, 1));
        assert!(two.limit_open(&p, None, 2));
        assert_eq!(one, two);
        assert!(most_open(&two) <= 4, "{two:?}");
        let tl = crate::Timeline::new(&portfolio.calendar).expect("calendar");
        let plan = crate::plan::build_plan(&portfolio, &tl, &p, &two);
        let report = crate::verify(&portfolio, &plan);
        assert!(report.is_ok(), "{report}");
    }

    #[test]
    fn without_a_target_the_deal_stays() {
        let (mut portfolio, mut s) = trickling();
        portfolio.work_rules.target_open_per_fte = None;
        let p = crate::validate(&portfolio).expect("valid");
        let before = s.clone();
        assert!(!s.limit_open(&p, None, 1));
        assert_eq!(s, before);
    }
}

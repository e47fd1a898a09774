//! Simulated annealing on one list (goals other than makespan): the search that takes a
//! portfolio of fixed-pace orders from a first plan to a good one, where the local search
//! (`local`), which only takes moves that do not make the plan worse, stops in the first
//! valley it finds.
//!
//! - **Lists that miss a deadline are allowed on the way.** The scheme decodes with soft
//!   deadlines ([`Sgs::soft`]): a job is placed past its deadline instead of failing
//!   the list, and each period past a deadline costs as much as every order being a period
//!   later. Only lists that keep every deadline can become the best plan. A portfolio whose
//!   serial scheme misses a deadline for every priority rule thus still gets a search.
//! - **Moves.** A job moves to another position between its predecessors and successors in
//!   the list, at most a twentieth of the list away. Half of the moves take a job drawn in
//!   proportion to its cost (weighted lateness, deadline excess) and move it earlier; the
//!   others take any job either way. Decoding restarts at the checkpoint before the first
//!   changed position.
//! - **Chains.** Two chains anneal from the same list, each with a generator of its own and
//!   half of the work, side by side on two threads (else one after the other), and the best
//!   plan of either is kept: independent of the threads, and less at the mercy of one
//!   chain's luck.
//! - **Acceptance.** A move that does not raise the cost is taken; one that does is taken
//!   with probability `exp(-Δ/T)`. The temperature starts where half of the typical uphill
//!   moves are taken and falls geometrically to a thousandth of that over the phase, by
//!   positions decoded (so a run is reproducible), or by the wall-clock cap when that is
//!   nearer.

use super::local::positions;
use super::{list_key, Best, Search};
use crate::heuristic::lex_less;
use crate::heuristic::sgs::Sgs;
use crate::objective::level_value;
use crate::schedule::Schedule;
use std::time::Instant;

/// Chains annealed from the same list (side by side on two threads).
const CHAINS: u64 = 2;
/// Moves tried (and not taken) to size the first temperature.
const PROBE: usize = 64;
/// The last temperature as a share of the first.
const END_RATIO: f64 = 1e-3;
/// Share of moves that take a costly job earlier (the rest are free moves).
const TARGETED: f64 = 0.5;
/// Farthest a job moves in the list, as a share of its length (at least 4 positions):
/// measured against a tenth, a thirtieth and the whole list on generated fixed-pace
/// portfolios of 100 and 300 orders (`docs/heuristic.md`).
const REACH: f64 = 0.05;
/// Moves in a row that could not be made (no job can move) before the phase gives up.
const IDLE: usize = 1000;

/// A decoded list: its cost for the annealing, and what the best plan needs.
struct Decoded {
    cost: f64,
    excess: f64,
    schedule: Schedule,
}

impl<'a> Search<'a> {
    /// Anneals from `start` in [`CHAINS`] chains, each with a generator of its own and an
    /// equal part of the work left until `until` (a share of the budget), side by side when
    /// there are threads for them, else one after the other with an equal part of the time
    /// left each; the best plan of any chain is kept (the first chain's on a tie). The chains
    /// are the same whatever the number of threads, so the plan does not depend on it where
    /// the count of runs ends the search.
    pub(super) fn anneal_chains(&mut self, start: &[usize], until: f64) {
        let work = (until * self.limit() as f64 - self.spent() as f64).max(0.0) as u64 / CHAINS;
        let clock = self.budget.seconds.map(|s| {
            let left = (until * s - self.started.elapsed().as_secs_f64()).max(0.0);
            if self.budget.threads >= CHAINS as usize {
                left
            } else {
                left / CHAINS as f64
            }
        });
        let mut forks: Vec<Search<'a>> = (0..CHAINS).map(|c| self.fork(c)).collect();
        if self.budget.threads >= CHAINS as usize {
            std::thread::scope(|scope| {
                for f in forks.iter_mut() {
                    scope.spawn(move || f.anneal(start, Phase::new(f, work, clock)));
                }
            });
        } else {
            for f in forks.iter_mut() {
                let phase = Phase::new(f, work, clock);
                f.anneal(start, phase);
            }
        }
        let base = self.local_positions;
        for f in forks {
            self.local_positions += f.local_positions - base;
            if let Some(b) = f.best {
                if self.best.as_ref().is_none_or(|x| lex_less(&b.key, &x.key)) {
                    self.best = Some(b);
                }
            }
        }
    }

    /// A copy of the search for chain `c` of [`Search::anneal_chains`]: the same state, a
    /// generator of its own.
    fn fork(&self, c: u64) -> Search<'a> {
        Search {
            p: self.p,
            windows: self.windows,
            levels: self.levels,
            budget: self.budget,
            sgs: self.sgs.clone(),
            justifier: None,
            linked: self.linked.clone(),
            preds: self.preds.clone(),
            rules: self.rules.clone(),
            rng: super::SplitMix(self.rng.0 ^ c.wrapping_mul(0x2545_f491_4f6c_dd1d)),
            started: self.started,
            mirror_positions: self.mirror_positions,
            local_positions: self.local_positions,
            bounds: self.bounds.clone(),
            best: self.best.clone(),
            seeds: Vec::new(),
            cancel: self.cancel.clone(),
            anneals: self.anneals,
            progress: self.progress.clone(),
            seen: Default::default(),
            repeats: 0,
        }
    }

    /// Anneals from `start` (a precedence-feasible list, which may miss deadlines) until the
    /// `phase` ends or the budget is spent. Every list that keeps every rule and beats the
    /// best plan becomes the best plan.
    fn anneal(&mut self, start: &[usize], phase: Phase) {
        let n = start.len();
        if n < 2 || self.levels.is_empty() {
            return;
        }
        let mut sgs = self.sgs.clone();
        sgs.soft = true;
        let penalty = self
            .p
            .jobs
            .iter()
            .map(|j| j.weight.max(0.0))
            .sum::<f64>()
            .max(1.0);
        let mut list = start.to_vec();
        let Some(mut cur) = self.decode_soft(&mut sgs, &list, penalty) else {
            return;
        };
        self.offer(&list, &cur);
        let mut pos = positions(&list);
        let mut blame = self.blame_soft(&cur.schedule, penalty);
        // The first temperature: the median rise of the objective in a few moves not taken.
        let mut rises = Vec::with_capacity(PROBE);
        for _ in 0..PROBE {
            if self.done() {
                return;
            }
            let cand = self.anneal_move(&list, &pos, blame.as_deref());
            if let Some(d) = cand.and_then(|c| self.decode_soft(&mut sgs, &c, penalty)) {
                // The objective's part only: the excess is priced far above it.
                let rise = (d.cost - penalty * d.excess) - (cur.cost - penalty * cur.excess);
                if rise > 0.0 {
                    rises.push(rise);
                }
            }
        }
        rises.sort_by(f64::total_cmp);
        let t0 = rises.get(rises.len() / 2).copied().unwrap_or(1.0) / std::f64::consts::LN_2;
        let mut idle = 0;
        while !self.done() && idle < IDLE {
            let f = phase.progress(self.spent());
            if f >= 1.0 {
                break;
            }
            let t = t0 * END_RATIO.powf(f);
            let Some(d) = self
                .anneal_move(&list, &pos, blame.as_deref())
                .and_then(|c| Some((self.decode_soft(&mut sgs, &c, penalty)?, c)))
            else {
                idle += 1;
                continue;
            };
            idle = 0;
            let (d, cand) = d;
            let delta = d.cost - cur.cost;
            if delta <= 0.0 || self.rng.next_f64() < (-delta / t).exp() {
                list = cand;
                cur = d;
                pos = positions(&list);
                blame = self.blame_soft(&cur.schedule, penalty);
                self.offer(&list, &cur);
            }
        }
    }

    /// Decodes `list` with soft rules and charges the work; None when the scheme still fails
    /// (a job in progress that cannot start at once, say).
    fn decode_soft(&mut self, sgs: &mut Sgs, list: &[usize], penalty: f64) -> Option<Decoded> {
        let before = sgs.positions;
        let decoded = sgs.decode(self.p, list);
        self.local_positions += sgs.positions - before;
        decoded.ok()?;
        let schedule = sgs.schedule(false);
        let excess: f64 = self
            .p
            .jobs
            .iter()
            .zip(&schedule.jobs)
            .filter(|(_, t)| t.selected)
            .map(|(j, t)| j.deadline.map_or(0, |d| t.go_live.saturating_sub(d)) as f64)
            .sum();
        // A mandatory job left out costs as if it missed its deadline by the whole horizon.
        let missing = self
            .p
            .jobs
            .iter()
            .zip(&schedule.jobs)
            .filter(|(j, t)| !t.selected && !j.optional && j.excluded.is_none())
            .count() as f64;
        let excess = excess + missing * self.p.periods as f64;
        let cost = penalty * excess + level_value(&self.levels[0], self.p, &schedule);
        Some(Decoded {
            cost,
            excess,
            schedule,
        })
    }

    /// Makes a decoded list the best plan when it keeps every deadline and beats it.
    fn offer(&mut self, list: &[usize], d: &Decoded) {
        if d.excess > 0.0 {
            return;
        }
        let key = list_key(self.p, self.levels, &d.schedule);
        if self.best.as_ref().is_none_or(|b| lex_less(&key, &b.key)) {
            self.report(&key);
            self.best = Some(Best {
                key,
                schedule: d.schedule.clone(),
                list: list.to_vec(),
            });
        }
    }

    /// Each job's part of the annealing cost of `s`: its share of the first level with a
    /// positive value, plus its deadline excess (the horizon for a mandatory job left out);
    /// None when nothing costs anything.
    fn blame_soft(&self, s: &Schedule, penalty: f64) -> Option<Vec<f64>> {
        let mut b = self
            .cost_shares(s)
            .unwrap_or_else(|| vec![0.0; s.jobs.len()]);
        for ((x, j), t) in b.iter_mut().zip(&self.p.jobs).zip(&s.jobs) {
            if t.selected {
                *x += penalty * j.deadline.map_or(0, |d| t.go_live.saturating_sub(d)) as f64;
            } else if !j.optional && j.excluded.is_none() {
                *x += penalty * self.p.periods as f64;
            }
        }
        (b.iter().sum::<f64>() > 0.0).then_some(b)
    }

    /// A move on `list`: a costly job earlier (drawn by `blame`), or any job anywhere between
    /// its linked jobs. None when the drawn job cannot move.
    fn anneal_move(
        &mut self,
        list: &[usize],
        pos: &[usize],
        blame: Option<&[f64]>,
    ) -> Option<Vec<usize>> {
        let n = list.len();
        let targeted = blame.filter(|_| self.rng.next_f64() < TARGETED);
        let j = match targeted {
            Some(w) => self.draw(w),
            None => list[self.rng.below(n)],
        };
        let i = pos[j];
        let (lo, hi) = self.free_range(list, i);
        // Moves stay near: a job moves at most a twentieth of the list either way.
        let reach = ((n as f64 * REACH) as usize).max(4);
        let lo = lo.max(i.saturating_sub(reach));
        let hi = hi.min(i + reach);
        let to = match targeted {
            Some(_) if lo < i => lo + self.rng.below(i - lo),
            Some(_) => return None,
            None if lo < hi => {
                // Anywhere in lo..=hi but where it is.
                let k = lo + self.rng.below(hi - lo);
                if k >= i {
                    k + 1
                } else {
                    k
                }
            }
            None => return None,
        };
        let mut out = list.to_vec();
        if to < i {
            out[to..=i].rotate_right(1);
        } else {
            out[i..=to].rotate_left(1);
        }
        Some(out)
    }
}

/// Where one chain's annealing stands: its share of the work and of the time done, whichever
/// is further (the temperature follows it; the chain ends at 1).
struct Phase {
    spent_from: u64,
    work: u64,
    started: Instant,
    seconds: Option<f64>,
}

impl Phase {
    /// A phase of `work` positions from what `s` has spent, and of `seconds` from now.
    fn new(s: &Search<'_>, work: u64, seconds: Option<f64>) -> Phase {
        Phase {
            spent_from: s.spent(),
            work: work.max(1),
            started: Instant::now(),
            seconds,
        }
    }

    /// 0 at the start, 1 at the end.
    fn progress(&self, spent: u64) -> f64 {
        let by_work = spent.saturating_sub(self.spent_from) as f64 / self.work as f64;
        let by_clock = self
            .seconds
            .map_or(0.0, |s| self.started.elapsed().as_secs_f64() / s.max(1e-9));
        by_work.max(by_clock).min(1.0)
    }
}

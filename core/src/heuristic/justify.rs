//! Forward-backward improvement (double justification, Valls, Ballestín and Quintanilla 2005):
//! shift every job as far right as the plan's end allows, in order of decreasing finish, then
//! as far left as possible again, in order of the right-shifted starts. On the classic RCPSP
//! this never lengthens a schedule and often shortens it, because the right shift packs jobs
//! against the end and opens room at the start.
//!
//! The right shift is the serial scheme run on a *mirrored* problem: period `t` becomes
//! `H − 1 − t`, each dependency is turned around (finish-to-start stays finish-to-start,
//! start-to-start becomes finish-to-finish and back), and the plan's end becomes a release.
//! Effort-driven jobs mirror too (their pace limits do not depend on the direction of time).
//! Go-live rules (freeze windows, go-live limits), releases and orders in progress are left out
//! of the mirror: it only proposes a new job order, and the forward pass, the real serial
//! scheme, checks every rule. So the pass is safe on any problem, and a plan it makes worse is
//! simply not taken.

use super::rules::precedence_list;
use super::sgs::Sgs;
use crate::model::DependencyKind;
use crate::problem::{Link, Problem};
use crate::schedule::Schedule;

/// The mirrored problem and what the two passes need to order jobs.
pub(crate) struct Justifier {
    /// Periods mirrored: forward period `t` is mirror period `h − 1 − t`.
    h: usize,
    mirror: Problem,
    mirror_sgs: Sgs,
    mirror_succs: Vec<Vec<Link>>,
    mirror_indeg: Vec<usize>,
    succs: Vec<Vec<Link>>,
    indeg: Vec<usize>,
}

impl Justifier {
    /// Prepares justification for `p` within `horizon` periods.
    pub(crate) fn new(p: &Problem, horizon: usize) -> Justifier {
        let h = horizon.min(p.periods);
        let rev = |v: &[f64]| -> Vec<f64> { v[..h].iter().rev().copied().collect() };
        // A clone keeps every field of the problem; what the mirror leaves out is reset.
        let mut mirror = p.clone();
        mirror.periods = h;
        mirror.share = rev(&p.share);
        mirror.capacity = p.capacity.iter().map(|c| rev(c)).collect();
        mirror.frozen = vec![false; h];
        mirror.max_go_lives = None;
        for job in &mut mirror.jobs {
            job.in_progress = false;
            job.release = 0;
            job.due = None;
            job.deadline = None;
            job.go_live_lag = 0;
        }
        mirror.links = p
            .links
            .iter()
            .map(|l| Link {
                from: l.to,
                to: l.from,
                kind: match l.kind {
                    // The mirror has no go-live rules: go-live links read as work links.
                    DependencyKind::FinishToStart | DependencyKind::LiveToStart => {
                        DependencyKind::FinishToStart
                    }
                    DependencyKind::StartToStart => DependencyKind::FinishToFinish,
                    DependencyKind::FinishToFinish | DependencyKind::LiveToLive => {
                        DependencyKind::StartToStart
                    }
                },
                lag: l.lag,
            })
            .collect();
        let indeg_of = |q: &Problem| {
            let mut d = vec![0; q.jobs.len()];
            for l in &q.links {
                d[l.to] += 1;
            }
            d
        };
        Justifier {
            h,
            mirror_sgs: Sgs::new(&mirror, h),
            mirror_succs: mirror.succs(),
            mirror_indeg: indeg_of(&mirror),
            succs: p.succs(),
            indeg: indeg_of(p),
            mirror,
        }
    }

    /// The forward list of a double justification of `s` (decoded from `list`), or None when
    /// the right shift does not fit (possible only under rules the mirror leaves out). One
    /// run of the serial scheme; the caller decodes the returned list.
    pub(crate) fn backward(
        &mut self,
        p: &Problem,
        s: &Schedule,
        list: &[usize],
    ) -> Option<Vec<usize>> {
        let n = p.jobs.len();
        let end = s
            .jobs
            .iter()
            .filter(|j| j.selected)
            .map(|j| j.go_live + 1)
            .max()?;
        if end > self.h {
            return None;
        }
        // Every job must still go live by the plan's end, and by its deadline.
        for (j, job) in p.jobs.iter().enumerate() {
            let mut latest_finish = end as i64 - 1 - job.go_live_lag as i64;
            if let Some(d) = job.deadline {
                latest_finish = latest_finish.min(d as i64 - job.go_live_lag as i64);
            }
            self.mirror.jobs[j].release = (self.h as i64 - 1 - latest_finish).max(0) as usize;
        }
        let mut pos = vec![0usize; n];
        for (k, &j) in list.iter().enumerate() {
            pos[j] = k;
        }
        // Right shift: latest finish first; among equals, the later in the list first.
        let key: Vec<(usize, std::cmp::Reverse<usize>)> = (0..n)
            .map(|j| (self.h - 1 - s.jobs[j].finish, std::cmp::Reverse(pos[j])))
            .collect();
        let back_list = precedence_list(&self.mirror_succs, &self.mirror_indeg, &key);
        let back = self.mirror_sgs.run(&self.mirror, &back_list)?;
        // Left shift: earliest right-shifted start first; among equals, the list's order.
        let key: Vec<(usize, usize)> = (0..n)
            .map(|j| (self.h - 1 - back.jobs[j].finish, pos[j]))
            .collect();
        Some(precedence_list(&self.succs, &self.indeg, &key))
    }
}

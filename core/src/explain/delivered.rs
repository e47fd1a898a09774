//! Delivered orders: why each starts, runs and goes live when it does, and what would make a
//! late one on time.

use super::context::{Ctx, FULL};
use super::{Cause, CauseKind, Remedy};
use crate::model::{DependencyKind, Order, WorkRules};
use crate::plan::{PlannedOrder, PlannedState};

/// Headline, causes and remedies.
pub(super) type Why = (String, Vec<Cause>, Vec<Remedy>);

impl Ctx<'_> {
    /// The chain for a scheduled or in-progress order.
    pub(super) fn delivered(&self, order: &Order, po: &PlannedOrder) -> Why {
        let (Some(s), Some(f), Some(g)) = (po.start_period, po.finish_period, po.go_live_period)
        else {
            return (
                "the plan gives it no periods".into(),
                Vec::new(),
                Vec::new(),
            );
        };
        let (s, f, g) = (s as usize, f as usize, g as usize);
        let mut causes = Vec::new();
        self.start_causes(order, po, s, &mut causes);
        self.run_causes(order, po, s, f, &mut causes);
        self.go_live_causes(order, f, g, &mut causes);
        let remedies = match po.due_period {
            Some(d) if po.lateness > 0 => self.on_time(order, po, s, f, d as usize),
            _ => Vec::new(),
        };
        (self.headline(po, g), causes, remedies)
    }

    /// `week`, `day` or `period`.
    pub(super) fn unit(&self) -> &'static str {
        self.timeline.kind().noun()
    }

    /// `1 week`, `3 weeks`.
    pub(super) fn count(&self, n: usize) -> String {
        self.timeline.kind().count(n)
    }

    fn headline(&self, po: &PlannedOrder, g: usize) -> String {
        let day = po.go_live.map(|d| format!(" ({d})")).unwrap_or_default();
        let live = format!("goes live {}{day}", self.label(g));
        match po.due_period {
            Some(d) if po.lateness > 0 => format!(
                "{live}, {} after its due date {}",
                self.count(po.lateness as usize),
                self.label(d as usize)
            ),
            Some(d) => format!(
                "{live}, on time for its due date {}",
                self.label(d as usize)
            ),
            None => format!("{live}; no due date"),
        }
    }

    /// The earliest start the order's release and dependencies allow, with what sets it.
    pub(super) fn earliest_start(&self, order: &Order) -> (usize, Vec<Cause>) {
        let mut bounds: Vec<(i64, Cause)> = Vec::new();
        if let Some(r) = order.release.and_then(|r| self.timeline.resolve(r)) {
            let text = format!("cannot start before its release in {}", self.label(r));
            bounds.push((r as i64, Cause::new(CauseKind::Release, text).periods(r, r)));
        }
        for (d, at, gap) in self.start_links(order) {
            let bound = i64::from(at) + gap;
            let what = match d.kind {
                DependencyKind::FinishToStart => "finishes its work",
                DependencyKind::StartToStart => "starts",
                _ => "is live",
            };
            let lag_text = match d.lag {
                0 => String::new(),
                l => format!(" plus {}", self.count(l.unsigned_abs() as usize)),
            };
            let text = format!(
                "waits until `{}` {what} in {}{lag_text}",
                d.from,
                self.label(at as usize)
            );
            let b = bound.max(0) as usize;
            let cause = Cause::new(CauseKind::Dependency, text)
                .periods(at as usize, b.saturating_sub(1).max(at as usize))
                .orders(vec![d.from.clone()]);
            bounds.push((bound, cause));
        }
        let e = bounds.iter().map(|b| b.0).max().unwrap_or(0).max(0);
        let binding = bounds
            .into_iter()
            .filter(|b| b.0 == e && e > 0)
            .map(|b| b.1)
            .collect();
        (e as usize, binding)
    }

    fn start_causes(&self, order: &Order, po: &PlannedOrder, s: usize, out: &mut Vec<Cause>) {
        if po.state == PlannedState::InProgress {
            let text = "in progress when the plan starts: its remaining hours from the first \
                        period"
                .to_string();
            out.push(Cause::new(CauseKind::InProgress, text));
            return;
        }
        let (e, binding) = self.earliest_start(order);
        if s <= e {
            out.extend(binding);
            return;
        }
        // It could have started in e: what held it from e to s − 1?
        let window: Vec<usize> = (e..s).collect();
        let mut held = false;
        for team in teams(order) {
            let full: Vec<usize> = window
                .iter()
                .copied()
                .filter(|&t| self.spare(team, t) < FULL)
                .collect();
            if full.is_empty() {
                continue;
            }
            held = true;
            let takers = self.takers(team, &full, &order.id, false);
            let hours = self.others_hours(team, &full, po);
            let text = format!(
                "could start in {}, but `{team}` is fully booked in {} of the {} before its \
                 start, with {}",
                self.label(e),
                full.len(),
                self.count(window.len()),
                self.name_orders(&takers, 4)
            );
            out.push(
                Cause::new(CauseKind::TeamFull, text)
                    .team(team)
                    .periods(full[0], full[full.len() - 1])
                    .orders(takers.named.into_iter().map(|x| x.0).collect())
                    .hours(hours),
            );
        }
        if !held {
            let text = format!(
                "could start in {}; no release, dependency or full team holds it until {}: \
                 the plan starts it then to finish other work first",
                self.label(e),
                self.label(s)
            );
            out.push(Cause::new(CauseKind::Placed, text).periods(e, s - 1));
        }
    }

    fn run_causes(
        &self,
        order: &Order,
        po: &PlannedOrder,
        s: usize,
        f: usize,
        out: &mut Vec<Cause>,
    ) {
        let run = f - s + 1;
        if !order.is_effort_driven() {
            let text = format!("runs its fixed duration of {}", self.count(run));
            out.push(Cause::new(CauseKind::Duration, text).periods(s, f));
            return;
        }
        let full = WorkRules::full_pace_periods(order, self.timeline.kind(), |id| {
            self.portfolio.team(id).map(|t| t.hours_per_week)
        }) as usize;
        let mut slowed = false;
        for team in teams(order) {
            let Some(pace) = self.pace(order, team) else {
                continue;
            };
            let normal = self.normal(team);
            // This order's hours of the team per period of its run.
            let mut mine = vec![0.0f64; f - s + 1];
            for w in po.work.iter().filter(|w| w.team == team) {
                if let Some(h) = (w.period as usize)
                    .checked_sub(s)
                    .and_then(|k| mine.get_mut(k))
                {
                    *h += w.hours;
                }
            }
            let (mut full_periods, mut thin) = (Vec::new(), Vec::new());
            for t in s..=f {
                let mine = mine[t - s];
                let could = (pace * self.timeline.working_share(t)).min(self.capacity(team, t));
                if mine >= could - FULL || could <= FULL {
                    continue;
                }
                if self.spare(team, t) < FULL {
                    full_periods.push(t);
                } else if self.capacity(team, t) < 0.9 * normal {
                    thin.push(t);
                }
            }
            if run > full && !full_periods.is_empty() {
                slowed = true;
                let takers = self.takers(team, &full_periods, &order.id, false);
                let text = format!(
                    "`{team}` is fully booked in {} of its run ({}), with {}",
                    self.count(full_periods.len()),
                    self.span(full_periods[0], full_periods[full_periods.len() - 1]),
                    self.name_orders(&takers, 4)
                );
                out.push(
                    Cause::new(CauseKind::TeamFull, text)
                        .team(team)
                        .periods(full_periods[0], full_periods[full_periods.len() - 1])
                        .hours(self.others_hours(team, &full_periods, po))
                        .orders(takers.named.into_iter().map(|x| x.0).collect()),
                );
            }
            if run > full && !thin.is_empty() {
                slowed = true;
                let text = format!(
                    "`{team}` has fewer hours than usual in {} of its run ({}): holidays, the \
                     summer or a capacity change",
                    self.count(thin.len()),
                    self.span(thin[0], thin[thin.len() - 1])
                );
                out.push(
                    Cause::new(CauseKind::Calendar, text)
                        .team(team)
                        .periods(thin[0], thin[thin.len() - 1]),
                );
            }
        }
        if let Some(m) = order
            .min_duration
            .filter(|&m| m as usize == run && run > full)
        {
            let text = format!("runs its minimum duration of {}", self.count(m as usize));
            out.push(Cause::new(CauseKind::Duration, text).periods(s, f));
        } else if !slowed {
            let paces: Vec<String> = order
                .effort
                .iter()
                .filter(|e| e.hours > 0.0)
                .filter_map(|e| Some(format!("`{}` {:.0} h", e.team, self.pace(order, &e.team)?)))
                .collect();
            let text = format!(
                "runs {} ({} at full pace: {} a {})",
                self.count(run),
                full,
                paces.join(", "),
                self.unit()
            );
            out.push(Cause::new(CauseKind::PaceLimit, text).periods(s, f));
        }
    }

    fn go_live_causes(&self, order: &Order, f: usize, g: usize, out: &mut Vec<Cause>) {
        let lag = order.go_live_lag as usize;
        if lag > 0 {
            let text = format!(
                "{} of acceptance testing and training between the end of work and go-live \
                 (go-live lag)",
                self.count(lag)
            );
            out.push(Cause::new(CauseKind::GoLiveLag, text).periods(f + 1, f + lag));
        }
        // Periods waited through, grouped by reason.
        let mut run: Option<(usize, usize, Cause)> = None;
        for t in (f + lag).min(g)..g {
            let cause = self.wait_reason(order, t);
            match &mut run {
                Some((_, b, c)) if c.kind == cause.kind && c.orders == cause.orders => *b = t,
                _ => {
                    if let Some((a, b, c)) = run.take() {
                        out.push(self.waited(a, b, c));
                    }
                    run = Some((t, t, cause));
                }
            }
        }
        if let Some((a, b, c)) = run {
            out.push(self.waited(a, b, c));
        }
    }

    fn waited(&self, a: usize, b: usize, c: Cause) -> Cause {
        let text = format!("no go-live in {}: {}", self.span(a, b), c.text);
        Cause { text, ..c }.periods(a, b)
    }

    /// Why the order cannot go live in period `t` (after its work and lag).
    fn wait_reason(&self, order: &Order, t: usize) -> Cause {
        if let Some(name) = self.freeze(t) {
            return Cause::new(CauseKind::Freeze, format!("freeze window `{name}`"));
        }
        if !self.train_allows(t) {
            return Cause::new(CauseKind::ReleaseTrain, "no release-train date".into());
        }
        for d in self
            .portfolio
            .dependencies
            .iter()
            .filter(|d| d.to == order.id)
        {
            let Some(pg) = self.delivered_order(&d.from).and_then(|p| p.go_live_period) else {
                continue;
            };
            let lag = if d.kind == DependencyKind::LiveToLive {
                i64::from(d.lag).max(0)
            } else {
                0
            };
            if (t as i64) < pg as i64 + lag {
                let text = format!("`{}` goes live in {}", d.from, self.label(pg as usize));
                return Cause::new(CauseKind::Dependency, text).orders(vec![d.from.clone()]);
            }
        }
        if let Some(m) = self.portfolio.max_go_lives_per_period {
            let others = &self.go_lives[t];
            if others.len() as u32 >= m {
                let text = format!("all {m} go-live slots taken");
                return Cause::new(CauseKind::GoLiveSlots, text)
                    .orders(others.iter().map(|s| s.to_string()).collect());
            }
        }
        Cause::new(CauseKind::Placed, "no rule holds it".into())
    }
}

/// The teams an order needs (effort or fixed demand above zero), each once, in the order's
/// own order.
pub(super) fn teams(order: &Order) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    let all = order
        .effort
        .iter()
        .filter(|e| e.hours > 0.0)
        .map(|e| e.team.as_str())
        .chain(
            order
                .demand
                .iter()
                .filter(|d| d.hours_per_week > 0.0)
                .map(|d| d.team.as_str()),
        );
    for t in all {
        if !out.contains(&t) {
            out.push(t);
        }
    }
    out
}

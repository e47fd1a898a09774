//! What would make a late order go live by its due date: more hours of a team in the weeks
//! before it (from spare hours, consultants or lower-priority orders), or an earlier start,
//! and then what holds the start (a dependency that would have to end sooner, the release).

use super::context::{Ctx, FULL};
use super::Remedy;
use crate::model::{DependencyKind, Order};
use crate::plan::PlannedOrder;

impl Ctx<'_> {
    /// Remedies for order `order`, running `s..=f`, to go live by its due period `d`.
    pub(super) fn on_time(
        &self,
        order: &Order,
        po: &PlannedOrder,
        s: usize,
        f: usize,
        d: usize,
    ) -> Vec<Remedy> {
        let lag = order.go_live_lag as usize;
        let mut out = Vec::new();
        let Some(end) = d.checked_sub(lag) else {
            let text = format!(
                "cannot be on time: its due date {} comes before the end of its go-live lag",
                self.label(d)
            );
            return vec![Remedy::new(text)];
        };
        if let Some(name) = self.freeze(d) {
            let text = format!(
                "its due {} {} is in the freeze window `{name}`: it has to go live before it",
                self.unit(),
                self.label(d)
            );
            out.push(Remedy::new(text));
        }
        if !order.is_effort_driven() {
            let dur = f - s + 1;
            let Some(by) = (end + 1).checked_sub(dur) else {
                let text = format!("cannot be on time: it runs {}", self.count(dur));
                out.push(Remedy::new(text));
                return out;
            };
            let (blockers, orders) = self.start_blockers(order, by);
            let mut r = Remedy::new(format!(
                "start by {} instead of {} ({} of fixed duration){blockers}",
                self.label(by),
                self.label(s),
                self.count(dur)
            ));
            r.first_period = Some(by as u32);
            r.last_period = Some(end as u32);
            r.orders = orders;
            out.push(r);
            return out;
        }
        for e in order.effort.iter().filter(|e| e.hours > 0.0) {
            let team = e.team.as_str();
            let Some(pace) = self.pace(order, team) else {
                continue;
            };
            let hours = |keep: &dyn Fn(usize) -> bool| -> f64 {
                po.work
                    .iter()
                    .filter(|w| w.team == team && keep(w.period as usize))
                    .map(|w| w.hours)
                    .sum()
            };
            let late = hours(&|t| t > end);
            if late <= FULL {
                continue;
            }
            let total = hours(&|_| true);
            // The latest start from which its pace finishes `total` by `end`.
            let mut need = total;
            let mut t = end as i64;
            while need > FULL && t >= 0 {
                need -= pace * self.timeline.working_share(t as usize);
                t -= 1;
            }
            match (need <= FULL).then_some((t + 1) as usize) {
                Some(latest) if latest >= s => out.push(self.more_hours(order, team, late, s, end)),
                Some(latest) => {
                    // Its pace does not allow it from its start: an earlier start, and its
                    // hours now after `end` in the weeks from that start.
                    let mut r = self.more_hours(order, team, late, latest, end);
                    let (blockers, orders) = self.start_blockers(order, latest);
                    r.text = format!(
                        "start by {} instead of {} (`{team}` at {pace:.0} h a {} needs {}): {}{}",
                        self.label(latest),
                        self.label(s),
                        self.unit(),
                        self.span(latest, end),
                        r.text,
                        blockers
                    );
                    r.orders.extend(orders);
                    out.push(r);
                }
                None => {
                    let mut r = Remedy::new(format!(
                        "cannot be on time at its pace: `{team}` at {pace:.0} h a {} needs more \
                         {}s than there are before {}",
                        self.unit(),
                        self.unit(),
                        self.label(end)
                    ));
                    r.team = Some(team.to_string());
                    out.push(r);
                }
            }
        }
        out
    }

    /// `late` more hours of `team` for `order` in periods `s..=end`: where they would come from.
    fn more_hours(&self, order: &Order, team: &str, late: f64, s: usize, end: usize) -> Remedy {
        let window: Vec<usize> = (s..=end).collect();
        let spare: f64 = window.iter().map(|&t| self.spare(team, t).max(0.0)).sum();
        let weight = order.effective_weight();
        let mut lower = self.takers(team, &window, &order.id, true);
        lower.named.retain(|(id, _)| {
            self.order(id)
                .is_some_and(|o| o.effective_weight() < weight)
        });
        let price = self.consultant_price(team);
        let short = (late - spare).max(0.0);
        let mut text = format!(
            "{late:.0} more hours of `{team}` in {} (it has {spare:.0} h to spare there)",
            self.span(s, end)
        );
        if short > FULL {
            text.push_str(&match (&price, lower.named.is_empty()) {
                (Some(p), _) => format!(
                    "; the other {short:.0} h from consultants at {p:.0} an hour ({:.0})",
                    p * short
                ),
                (None, false) => format!(
                    "; the other {short:.0} h taken from lower-priority {}",
                    self.name_orders(&lower, 3)
                ),
                (None, true) => format!(
                    "; the other {short:.0} h from orders of the same or higher priority, or a \
                     bigger team"
                ),
            });
        }
        let mut r = Remedy::new(text);
        r.team = Some(team.to_string());
        r.hours = Some(late);
        r.first_period = Some(s as u32);
        r.last_period = Some(end as u32);
        r.cost = price.map(|p| p * short).filter(|c| *c > 0.0);
        r.orders = lower.named.into_iter().map(|x| x.0).collect();
        r
    }

    /// What holds `order` from starting by period `by`: its release, or dependencies that
    /// would have to end (start, go live) sooner; as text to append, and the orders named.
    fn start_blockers(&self, order: &Order, by: usize) -> (String, Vec<String>) {
        let mut text = String::new();
        let mut orders = Vec::new();
        if let Some(r) = order.release.and_then(|r| self.timeline.resolve(r)) {
            if r > by {
                text.push_str(&format!(
                    "; its release in {} would have to come sooner",
                    self.label(r)
                ));
            }
        }
        for (d, at, gap) in self.start_links(order) {
            // The latest the predecessor's period may be for a start by `by`.
            let latest = by as i64 - gap;
            let verb = match d.kind {
                DependencyKind::FinishToStart => "finish its work",
                DependencyKind::StartToStart => "start",
                _ => "go live",
            };
            if (at as i64) <= latest {
                continue;
            }
            orders.push(d.from.clone());
            text.push_str(&if latest < 0 {
                format!("; `{}` would have to {verb} before the plan starts", d.from)
            } else {
                format!(
                    "; `{}` would have to {verb} by {} (planned {})",
                    d.from,
                    self.label(latest as usize),
                    self.label(at as usize)
                )
            });
        }
        (text, orders)
    }
}

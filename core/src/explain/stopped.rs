//! Stopped and reduced orders: what held them back (a team short of hours where the order
//! could run, the budget, or the goal weighing its value) and what it would take to deliver
//! them in full.

use super::context::{Ctx, FULL};
use super::delivered::Why;
use super::{Cause, CauseKind, Remedy};
use crate::model::Order;
use crate::plan::{PlannedOrder, PlannedState};

impl Ctx<'_> {
    /// The reasons a stopped order is left out, or a reduced one cut (for the hours cut).
    pub(super) fn stopped(&self, order: &Order, po: &PlannedOrder) -> Why {
        let stopped = po.state == PlannedState::Stopped;
        let missing = if stopped { 1.0 } else { 1.0 - po.scope };
        let headline = if stopped {
            format!("value {:.0} not delivered", order.effective_value())
        } else {
            format!(
                "reduced to {:.0} % of its scope",
                (po.scope * 100.0).clamp(0.0, 100.0)
            )
        };
        // Where it could run: from its release and dependencies to the last go-live its
        // deadline, the freeze windows and the release train allow (less its go-live lag).
        let n = self.periods();
        if n == 0 {
            return (headline, Vec::new(), Vec::new());
        }
        let mut causes = Vec::new();
        for d in self
            .portfolio
            .dependencies
            .iter()
            .filter(|d| d.to == order.id)
        {
            if self
                .planned(&d.from)
                .is_some_and(|p| p.state == PlannedState::Stopped)
            {
                let text = format!("depends on `{}`, which is stopped too", d.from);
                causes.push(Cause::new(CauseKind::Dependency, text).orders(vec![d.from.clone()]));
            }
        }
        let (first, binding) = self.earliest_start(order);
        let mut last_live = order
            .deadline
            .and_then(|d| self.timeline.resolve(d))
            .unwrap_or(n - 1);
        while last_live > 0 && (self.freeze(last_live).is_some() || !self.train_allows(last_live)) {
            last_live -= 1;
        }
        let last = last_live.saturating_sub(order.go_live_lag as usize);
        if first > last {
            let text = format!(
                "no room left: it could start in {} at the earliest, and has to finish by {} to \
                 go live in {}",
                self.label(first),
                self.label(last),
                self.label(last_live)
            );
            causes.push(Cause::new(CauseKind::Dependency, text));
            causes.extend(binding);
            return (headline, causes, Vec::new());
        }
        let window: Vec<usize> = (first..=last.min(n - 1)).collect();
        let mut remedies = Vec::new();
        let mut short_any = false;
        let mut money = 0.0;
        for e in order.effort.iter().filter(|e| e.hours > 0.0) {
            let team = e.team.as_str();
            let need = e.hours * missing;
            let spare: f64 = window.iter().map(|&t| self.spare(team, t).max(0.0)).sum();
            if spare + FULL >= need {
                continue;
            }
            short_any = true;
            let short = need - spare;
            let takers = self.takers(team, &window, &order.id, false);
            let weight = order.effective_weight();
            let mut lower = self.takers(team, &window, &order.id, true);
            lower.named.retain(|(id, _)| {
                self.order(id)
                    .is_some_and(|o| o.effective_weight() <= weight && o.optional)
            });
            let text = format!(
                "`{team}` has {spare:.0} h to spare in {} and {:.0} h would be needed; its hours \
                 go to {}",
                self.span(first, last),
                need,
                self.name_orders(&takers, 4)
            );
            causes.push(
                Cause::new(CauseKind::TeamShort, text)
                    .team(team)
                    .periods(first, last)
                    .hours(short)
                    .orders(takers.named.into_iter().map(|x| x.0).collect()),
            );
            let price = self.consultant_price(team);
            let mut text = format!(
                "{short:.0} more hours of `{team}` in {}",
                self.span(first, last)
            );
            if let Some(p) = price {
                money += p * short;
                text.push_str(&format!(" (consultants: {:.0})", p * short));
            }
            if !lower.named.is_empty() {
                text.push_str(&format!(
                    ", or stop {} (optional, no higher priority) instead",
                    self.name_orders(&lower, 3)
                ));
            }
            let mut r = Remedy::new(text);
            r.team = Some(team.to_string());
            r.hours = Some(short);
            r.first_period = Some(first as u32);
            r.last_period = Some(last as u32);
            r.cost = price.map(|p| p * short);
            r.orders = lower.named.into_iter().map(|x| x.0).collect();
            remedies.push(r);
        }
        if money > 0.0 {
            let left = self
                .plan
                .budgets
                .iter()
                .map(|b| b.amount - b.spent)
                .fold(f64::INFINITY, f64::min);
            if left.is_finite() && left + 1.0 < money {
                let text = format!(
                    "buying the missing hours costs {money:.0}; {:.0} of the consultant budget \
                     is left",
                    left.max(0.0)
                );
                causes.push(Cause::new(CauseKind::Budget, text));
                let mut r = Remedy::new(format!(
                    "a consultant budget {:.0} larger",
                    money - left.max(0.0)
                ));
                r.cost = Some(money - left.max(0.0));
                remedies.push(r);
            }
        }
        let goal = po
            .reason
            .clone()
            .unwrap_or_else(|| "left out by the goal".into());
        if !short_any {
            let text = format!(
                "its teams have the hours to spare in {} ({goal}); the plan may not be the best \
                 one (see each level's gap)",
                self.span(first, last)
            );
            causes.push(Cause::new(CauseKind::Goal, text).periods(first, last));
        } else if stopped {
            causes.insert(0, Cause::new(CauseKind::Goal, goal));
        }
        (headline, causes, remedies)
    }
}

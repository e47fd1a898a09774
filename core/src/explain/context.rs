//! What every explanation looks up: period labels, each team's own hours to spare per
//! period, who takes a team's hours, go-lives per period, and the orders' spans.

use crate::model::{Dependency, DependencyKind, Order, Portfolio, Timeline};
use crate::plan::{Plan, PlannedOrder, PlannedState};
use std::collections::HashMap;

/// Hours below this are rounding; a team with less to spare than this is fully booked.
pub(super) const FULL: f64 = 0.5;

/// Most orders named as taking a team's hours.
pub(super) const NAMED: usize = 8;

/// Most periods read to name who takes a team's hours over a long span.
const SAMPLED: usize = 12;

/// Who takes a team's hours in some periods ([`Ctx::takers`]).
pub(super) struct Takers {
    /// The orders named, with their hours in those periods.
    pub named: Vec<(String, f64)>,
    /// Whether other orders work there too.
    pub more: bool,
}

/// Lookups over one portfolio and plan.
pub(super) struct Ctx<'a> {
    pub portfolio: &'a Portfolio,
    pub plan: &'a Plan,
    pub timeline: Timeline,
    /// Own hours to spare per team id and period: capacity − (load − consultant hours).
    spare: HashMap<&'a str, Vec<f64>>,
    /// Own capacity per team id and period.
    capacity: HashMap<&'a str, Vec<f64>>,
    /// Hours booked (own and consultant) per team id and period.
    load: HashMap<&'a str, Vec<f64>>,
    /// Per (team id, period): (order id, hours) of every order working there.
    takers: HashMap<(&'a str, u32), Vec<(&'a str, f64)>>,
    /// Orders going live per period.
    pub go_lives: Vec<Vec<&'a str>>,
    /// Portfolio orders by id.
    orders: HashMap<&'a str, &'a Order>,
    /// Planned orders by id.
    planned: HashMap<&'a str, &'a PlannedOrder>,
}

impl<'a> Ctx<'a> {
    /// `None` when the calendar cannot be unrolled (the plan cannot be one of it then).
    pub fn new(portfolio: &'a Portfolio, plan: &'a Plan) -> Option<Self> {
        let timeline = Timeline::new(&portfolio.calendar).ok()?;
        let n = timeline.len();
        let mut spare: HashMap<&str, Vec<f64>> = HashMap::new();
        let mut load: HashMap<&str, Vec<f64>> = HashMap::new();
        let mut capacity: HashMap<&str, Vec<f64>> = HashMap::new();
        for tp in &plan.team_periods {
            let t = tp.period as usize;
            if t >= n {
                continue;
            }
            spare
                .entry(tp.team.as_str())
                .or_insert_with(|| vec![0.0; n])[t] = tp.capacity - (tp.load - tp.consultant_hours);
            capacity
                .entry(tp.team.as_str())
                .or_insert_with(|| vec![0.0; n])[t] = tp.capacity;
            load.entry(tp.team.as_str()).or_insert_with(|| vec![0.0; n])[t] = tp.load;
        }
        let mut takers: HashMap<(&str, u32), Vec<(&str, f64)>> = HashMap::new();
        let mut go_lives = vec![Vec::new(); n];
        for po in &plan.orders {
            if !matches!(po.state, PlannedState::Scheduled | PlannedState::InProgress) {
                continue;
            }
            for w in po.work.iter().filter(|w| w.hours > 1e-6) {
                let e = takers.entry((w.team.as_str(), w.period)).or_default();
                match e.iter_mut().find(|x| x.0 == po.id) {
                    Some(x) => x.1 += w.hours,
                    None => e.push((po.id.as_str(), w.hours)),
                }
            }
            if let Some(g) = po.go_live_period.filter(|&g| (g as usize) < n) {
                go_lives[g as usize].push(po.id.as_str());
            }
        }
        let orders = portfolio.orders_by_id();
        // Each period's takers by priority weight, then hours: highest first.
        let weight = |id: &str| orders.get(id).map_or(0.0, |o| o.effective_weight());
        for list in takers.values_mut() {
            list.sort_by(|x, y| {
                weight(y.0)
                    .total_cmp(&weight(x.0))
                    .then(y.1.total_cmp(&x.1))
                    .then(x.0.cmp(y.0))
            });
        }
        let planned = plan.orders_by_id();
        Some(Ctx {
            portfolio,
            plan,
            timeline,
            spare,
            capacity,
            load,
            takers,
            go_lives,
            orders,
            planned,
        })
    }

    /// The portfolio's order with id `id`.
    pub fn order(&self, id: &str) -> Option<&'a Order> {
        self.orders.get(id).copied()
    }

    /// The plan's order with id `id`.
    pub fn planned(&self, id: &str) -> Option<&'a PlannedOrder> {
        self.planned.get(id).copied()
    }

    /// The period's label (`2014-W27`), or `period N` outside the calendar.
    pub fn label(&self, t: usize) -> String {
        if t < self.timeline.len() {
            self.timeline.period(t).label.clone()
        } else {
            format!("period {t}")
        }
    }

    /// `2014-W10` or `2014-W10 – 2014-W14`.
    pub fn span(&self, a: usize, b: usize) -> String {
        if a == b {
            self.label(a)
        } else {
            format!("{} – {}", self.label(a), self.label(b))
        }
    }

    /// Number of periods in the calendar.
    pub fn periods(&self) -> usize {
        self.timeline.len()
    }

    /// Team `team`'s own hours to spare in period `t`.
    pub fn spare(&self, team: &str, t: usize) -> f64 {
        self.spare
            .get(team)
            .and_then(|v| v.get(t))
            .copied()
            .unwrap_or(0.0)
    }

    /// Hours booked for team `team` in period `t` (own and consultant).
    pub fn load(&self, team: &str, t: usize) -> f64 {
        self.load
            .get(team)
            .and_then(|v| v.get(t))
            .copied()
            .unwrap_or(0.0)
    }

    /// Team `team`'s own capacity in period `t`.
    pub fn capacity(&self, team: &str, t: usize) -> f64 {
        self.capacity
            .get(team)
            .and_then(|v| v.get(t))
            .copied()
            .unwrap_or(0.0)
    }

    /// The orders other than `except` taking team `team`'s hours in `periods`: at most
    /// [`NAMED`] of them, by priority weight then hours (highest first, or lowest first with
    /// `lowest`), with their hours in those periods, and whether other orders work there too.
    /// Long spans are read at [`SAMPLED`] periods spread over them, so the cost stays small on
    /// portfolios of thousands of orders; every order named works for the team in `periods`.
    pub fn takers(&self, team: &str, periods: &[usize], except: &str, lowest: bool) -> Takers {
        let sampled: Vec<usize> = if periods.len() > SAMPLED {
            (0..SAMPLED)
                .map(|k| periods[k * (periods.len() - 1) / (SAMPLED - 1)])
                .collect()
        } else {
            periods.to_vec()
        };
        let mut sum: Vec<(&str, f64)> = Vec::new();
        let mut more = sampled.len() < periods.len();
        for &t in &sampled {
            let list = self.takers.get(&(team, t as u32));
            let mut others = list.into_iter().flatten().filter(|x| x.0 != except);
            let picked: Vec<&(&str, f64)> = if lowest {
                let all: Vec<_> = others.collect();
                more |= all.len() > NAMED;
                all.into_iter().rev().take(NAMED).collect()
            } else {
                let top: Vec<_> = others.by_ref().take(NAMED).collect();
                more |= others.next().is_some();
                top
            };
            for &&(id, h) in &picked {
                match sum.iter_mut().find(|x| x.0 == id) {
                    Some(x) => x.1 += h,
                    None => sum.push((id, h)),
                }
            }
        }
        let weight = |id: &str| self.order(id).map_or(0.0, Order::effective_weight);
        sum.sort_by(|x, y| {
            let by = weight(y.0)
                .total_cmp(&weight(x.0))
                .then(y.1.total_cmp(&x.1));
            if lowest { by.reverse() } else { by }.then(x.0.cmp(y.0))
        });
        more |= sum.len() > NAMED;
        sum.truncate(NAMED);
        Takers {
            named: sum.into_iter().map(|(id, h)| (id.to_string(), h)).collect(),
            more,
        }
    }

    /// Hours of team `team` in `periods` that other orders than `except` take (own staff and
    /// consultants).
    pub fn others_hours(&self, team: &str, periods: &[usize], except: &PlannedOrder) -> f64 {
        let load: f64 = periods.iter().map(|&t| self.load(team, t)).sum();
        let mine: f64 = except
            .work
            .iter()
            .filter(|w| w.team == team && periods.contains(&(w.period as usize)))
            .map(|w| w.hours)
            .sum();
        (load - mine).max(0.0)
    }

    /// `school-admin (high, 120 h), payroll-upgrade (critical, 80 h) and others`.
    pub fn name_orders(&self, takers: &Takers, most: usize) -> String {
        let mut parts: Vec<String> = takers
            .named
            .iter()
            .take(most)
            .map(|(id, h)| {
                let prio = self.order(id).map_or("?", |o| o.priority.as_str());
                format!("`{id}` ({prio}, {h:.0} h)")
            })
            .collect();
        if takers.more || takers.named.len() > most {
            parts.push("others".into());
        }
        match parts.len() {
            0 => "no other order".into(),
            1 => parts.remove(0),
            n => format!("{} and {}", parts[..n - 1].join(", "), parts[n - 1]),
        }
    }

    /// The links that bound when `order` may start, each with its delivered predecessor's
    /// period that sets the bound and the gap the link needs after it: the order may start
    /// at `at + gap` at the earliest (finish-to-start and live-to-start: the period after,
    /// plus the lag; start-to-start: the lag). Links on finish or go-live are left out.
    pub fn start_links(&self, order: &Order) -> Vec<(&'a Dependency, u32, i64)> {
        let mut out = Vec::new();
        for d in self
            .portfolio
            .dependencies
            .iter()
            .filter(|d| d.to == order.id)
        {
            let Some(pred) = self.delivered_order(&d.from) else {
                continue;
            };
            let (Some(ps), Some(pf), Some(pg)) =
                (pred.start_period, pred.finish_period, pred.go_live_period)
            else {
                continue;
            };
            let lag = i64::from(d.lag);
            match d.kind {
                DependencyKind::FinishToStart => out.push((d, pf, 1 + lag)),
                DependencyKind::StartToStart => out.push((d, ps, lag)),
                DependencyKind::LiveToStart => out.push((d, pg, 1 + lag)),
                DependencyKind::LiveToLive | DependencyKind::FinishToFinish => {}
            }
        }
        out
    }

    /// The planned order with id `id` when it is delivered (scheduled or in progress).
    pub fn delivered_order(&self, id: &str) -> Option<&'a PlannedOrder> {
        self.planned(id)
            .filter(|po| matches!(po.state, PlannedState::Scheduled | PlannedState::InProgress))
    }

    /// The name of the freeze window covering period `t`'s go-live day, if any.
    pub fn freeze(&self, t: usize) -> Option<&'a str> {
        self.portfolio
            .freeze_windows
            .iter()
            .find(|w| self.timeline.is_frozen(t, std::slice::from_ref(*w)))
            .map(|w| w.name.as_str())
    }

    /// Whether the release train (if any) allows a go-live in period `t`.
    pub fn train_allows(&self, t: usize) -> bool {
        self.portfolio.release_train.as_ref().is_none_or(|train| {
            self.timeline
                .train_allows(t, &train.dates, &self.portfolio.freeze_windows)
        })
    }

    /// Hours of team `team` per full week for order `order`: its pace limit, or the team's
    /// own week.
    pub fn pace(&self, order: &Order, team: &str) -> Option<f64> {
        let e = order.effort.iter().find(|e| e.team == team)?;
        let week = self.portfolio.team(team).map_or(0.0, |t| t.hours_per_week);
        Some(e.max_hours_per_week.map_or(week, |m| m.min(week)))
    }

    /// What a consultant hour of team `team` costs, when the team can buy them.
    pub fn consultant_price(&self, team: &str) -> Option<f64> {
        self.portfolio
            .team(team)
            .and_then(|t| t.consultants.as_ref())
            .map(|x| x.cost_per_hour)
    }

    /// The team's own hours in a normal period: the most it has in any period of the plan.
    /// Periods well below it have holidays, the summer dip or a capacity override.
    pub fn normal(&self, team: &str) -> f64 {
        self.capacity
            .get(team)
            .map_or(0.0, |v| v.iter().copied().fold(0.0, f64::max))
    }
}

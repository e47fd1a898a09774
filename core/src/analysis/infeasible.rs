//! Why no plan exists, and the least changes that make one possible.
//!
//! When deadlines clash (with each other, with dependencies and pace limits, or with the
//! teams' capacity), [`diagnose`] solves two relaxed models instead of guessing:
//!
//! - **Deadlines moved**: every hard deadline becomes a due date of equal weight and the plan
//!   minimises the weeks past them. The orders that still end late are the clash, and each
//!   one's lateness is how far its deadline would have to move; together the least total.
//! - **Hours added**: the [capacity gap](super::capacity_gap) with deadlines only: the least
//!   extra hours per team and period that meet every deadline as it is.
//! - **Orders dropped**: every order still to deliver becomes optional, worth its priority
//!   weight, and the plan keeps as much of that worth as the deadlines allow as they are: the
//!   orders it stops are the least important set whose removal leaves a plan.
//!
//! Each relaxation is a change to the portfolio; applied, it gives a portfolio with a plan
//! (tests apply them and re-plan).

use super::gap::{capacity_gap, GapOptions};
use crate::model::{Portfolio, Timeline};
use crate::{Goal, Objective, SolveOptions, Status};
use serde::{Deserialize, Serialize};

/// What a [`Relaxation`] changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RelaxationKind {
    /// Move an order's deadline later by `periods`.
    MoveDeadline,
    /// Give a team `hours` more in periods `first_period..=last_period`.
    AddHours,
    /// Take an order off the list (with the orders that wait on it).
    DropOrder,
}

/// One change to the portfolio that, with the others of its kind, makes a plan possible.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Relaxation {
    /// What it changes.
    pub kind: RelaxationKind,
    /// The change in words.
    pub text: String,
    /// The order whose deadline moves.
    pub order: Option<String>,
    /// The team that gets hours.
    pub team: Option<String>,
    /// Periods the deadline moves by.
    pub periods: Option<u32>,
    /// The new deadline's period.
    pub new_deadline: Option<u32>,
    /// Hours added in all.
    pub hours: Option<f64>,
    /// First period with hours added.
    pub first_period: Option<u32>,
    /// Last period with hours added.
    pub last_period: Option<u32>,
    /// The hours added per period: (period, hours).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hours_by_period: Vec<(u32, f64)>,
}

/// Why a portfolio has no plan.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Infeasibility {
    /// The clash in words: which deadlines, against which team's hours, by when.
    pub conflict: String,
    /// The orders in the clash.
    pub orders: Vec<String>,
    /// Ways out: move these deadlines (all of them), or add these hours (all of them).
    pub relaxations: Vec<Relaxation>,
}

impl Infeasibility {
    /// The clash and the ways out in a few sentences, for a message or a log.
    pub fn summary(&self) -> String {
        let mut s = self.conflict.clone();
        let moves: Vec<&str> = self
            .relaxations
            .iter()
            .filter(|r| r.kind == RelaxationKind::MoveDeadline)
            .map(|r| r.text.as_str())
            .collect();
        let hours: Vec<&str> = self
            .relaxations
            .iter()
            .filter(|r| r.kind == RelaxationKind::AddHours)
            .map(|r| r.text.as_str())
            .collect();
        if !moves.is_empty() {
            s.push_str(&format!(" A plan exists if you {}.", moves.join(" and ")));
        }
        if !hours.is_empty() {
            s.push_str(&format!(
                " Or keep the deadlines and {} (consultants or a bigger team).",
                hours.join(" and ")
            ));
        }
        let drops: Vec<&str> = self
            .relaxations
            .iter()
            .filter(|r| r.kind == RelaxationKind::DropOrder)
            .map(|r| r.text.as_str())
            .collect();
        if !drops.is_empty() {
            s.push_str(&format!(" Or {}.", drops.join(" and ")));
        }
        s
    }
}

/// Why `portfolio` has no plan: the deadlines that clash and the least relaxations, found by
/// solving relaxed models within `options`' time limit (a third each). `None` when no deadline
/// is to blame (the portfolio has none, or it stays without a plan when they are all
/// relaxed: a budget, share or group rule clashes instead).
pub fn diagnose(portfolio: &Portfolio, options: &SolveOptions) -> Option<Infeasibility> {
    let tl = Timeline::new(&portfolio.calendar).ok()?;
    let deadlines: Vec<(usize, usize)> = portfolio
        .orders
        .iter()
        .enumerate()
        .filter_map(|(k, o)| Some((k, tl.resolve(o.deadline?)?)))
        .collect();
    if deadlines.is_empty() {
        return None;
    }
    let half = SolveOptions {
        time_limit: options.time_limit.map(|t| (t / 3.0).max(1.0)),
        goal: Goal::single(Objective::WeightedLateness),
        ..options.clone()
    };
    // Deadlines as due dates of equal weight; nothing else counts.
    let mut relaxed = portfolio.clone();
    for o in &mut relaxed.orders {
        o.due = None;
    }
    for &(k, d) in &deadlines {
        let o = &mut relaxed.orders[k];
        o.due = Some(crate::TimePoint::Period(d as u32));
        o.deadline = None;
        o.weight = Some(1.0);
    }
    let out = crate::solve::solve_inner(&relaxed, &half, false).ok()?;
    let plan = out.plan?;
    let mut relaxations = Vec::new();
    let mut late = Vec::new();
    for &(k, d) in &deadlines {
        let id = &portfolio.orders[k].id;
        let Some(po) = plan.order(id) else { continue };
        if po.lateness == 0 {
            continue;
        }
        late.push((k, d));
        let n = po.lateness;
        let new = d + n as usize;
        relaxations.push(Relaxation {
            kind: RelaxationKind::MoveDeadline,
            text: format!(
                "move the deadline of `{id}` from {} to {} ({})",
                tl.period(d).label,
                label(&tl, new),
                tl.kind().count(n as usize)
            ),
            order: Some(id.clone()),
            team: None,
            periods: Some(n),
            new_deadline: Some(new as u32),
            hours: None,
            first_period: None,
            last_period: None,
            hours_by_period: Vec::new(),
        });
    }
    if late.is_empty() {
        return None;
    }
    // The same clash met with hours instead.
    let gap_options = GapOptions {
        include_optional: false,
        due_dates_as_deadlines: false,
    };
    let gap = capacity_gap(portfolio, &gap_options, &half).ok();
    for (team, hours, _) in gap
        .iter()
        .filter(|g| matches!(g.status, Status::Optimal | Status::Feasible))
        .flat_map(|g| g.per_team.iter())
        .filter(|t| t.1 > 1e-6)
    {
        let rows: Vec<(u32, f64)> = gap
            .iter()
            .flat_map(|g| g.rows.iter())
            .filter(|r| &r.team == team && r.hours > 1e-6)
            .map(|r| (r.period, r.hours))
            .collect();
        let a = rows.iter().map(|r| r.0).min();
        let b = rows.iter().map(|r| r.0).max();
        relaxations.push(Relaxation {
            kind: RelaxationKind::AddHours,
            text: format!(
                "give `{team}` {hours:.0} hours beyond its own staff{}",
                match (a, b) {
                    (Some(a), Some(b)) => format!(
                        " in {} – {}",
                        label(&tl, a as usize),
                        label(&tl, b as usize)
                    ),
                    _ => String::new(),
                }
            ),
            order: None,
            team: Some(team.clone()),
            periods: None,
            new_deadline: None,
            hours: Some(*hours),
            first_period: a,
            last_period: b,
            hours_by_period: rows,
        });
    }
    relaxations.extend(drops(portfolio, &half));
    let (conflict, orders) = conflict(portfolio, &tl, &deadlines, &late);
    Some(Infeasibility {
        conflict,
        orders,
        relaxations,
    })
}

/// The least important orders whose removal leaves a plan with every deadline as it is: all
/// orders still to deliver optional, each worth its priority weight, the worth kept maximised.
/// Empty when even that has no plan in time.
fn drops(portfolio: &Portfolio, options: &SolveOptions) -> Vec<Relaxation> {
    let mut relaxed = portfolio.clone();
    for o in relaxed
        .orders
        .iter_mut()
        .filter(|o| o.status != crate::OrderStatus::Done)
    {
        o.optional = true;
        o.value = Some(o.effective_weight());
        o.min_scope = None;
    }
    let options = SolveOptions {
        goal: Goal::single(Objective::LostValue),
        ..options.clone()
    };
    let Ok(out) = crate::solve::solve_inner(&relaxed, &options, false) else {
        return Vec::new();
    };
    let Some(plan) = out.plan else {
        return Vec::new();
    };
    plan.orders
        .iter()
        .filter(|o| o.state == crate::plan::PlannedState::Stopped)
        .filter(|o| portfolio.order(&o.id).is_some_and(|p| !p.optional))
        .map(|o| Relaxation {
            kind: RelaxationKind::DropOrder,
            text: format!("take `{}` off the list", o.id),
            order: Some(o.id.clone()),
            team: None,
            periods: None,
            new_deadline: None,
            hours: None,
            first_period: None,
            last_period: None,
            hours_by_period: Vec::new(),
        })
        .collect()
}

fn label(tl: &Timeline, t: usize) -> String {
    if t < tl.len() {
        tl.period(t).label.clone()
    } else {
        format!("{} periods after the horizon", t + 1 - tl.len())
    }
}

/// The clash in words: the late orders' deadlines, and per team they need, every deadline
/// order by the latest of those deadlines with the hours it needs of the team against the
/// team's hours until then (consultants included).
fn conflict(
    portfolio: &Portfolio,
    tl: &Timeline,
    deadlines: &[(usize, usize)],
    late: &[(usize, usize)],
) -> (String, Vec<String>) {
    let by = late.iter().map(|x| x.1).max().unwrap_or(0);
    let mut orders: Vec<String> = late
        .iter()
        .map(|&(k, _)| portfolio.orders[k].id.clone())
        .collect();
    let mut parts = Vec::new();
    let mut teams: Vec<&str> = late
        .iter()
        .flat_map(|&(k, _)| portfolio.orders[k].effort.iter().filter(|e| e.hours > 0.0))
        .map(|e| e.team.as_str())
        .collect();
    teams.sort_unstable();
    teams.dedup();
    for team in teams {
        let Some(t) = portfolio.team(team) else {
            continue;
        };
        let mut need = 0.0;
        let mut who = Vec::new();
        for &(k, d) in deadlines.iter().filter(|x| x.1 <= by) {
            let o = &portfolio.orders[k];
            if o.optional || o.status == crate::OrderStatus::Done {
                continue;
            }
            let h: f64 = o
                .effort
                .iter()
                .filter(|e| e.team == team)
                .map(|e| e.hours)
                .sum();
            if h > 0.0 {
                need += h;
                who.push(format!("`{}` ({:.0} h by {})", o.id, h, tl.period(d).label));
                if !orders.contains(&o.id) {
                    orders.push(o.id.clone());
                }
            }
        }
        let have: f64 = (0..=by.min(tl.len().saturating_sub(1)))
            .map(|p| {
                tl.team_capacity(t, p)
                    + t.consultants
                        .as_ref()
                        .map_or(0.0, |x| x.hours_per_week * tl.working_share(p))
            })
            .sum();
        if need > have {
            parts.push(format!(
                "{} need {need:.0} h of `{team}`, which has {have:.0} h until {}{}",
                who.join(", "),
                tl.period(by).label,
                if t.consultants.is_some() {
                    " with its consultants"
                } else {
                    ""
                }
            ));
        }
    }
    let names: Vec<String> = late
        .iter()
        .map(|&(k, d)| format!("`{}` ({})", portfolio.orders[k].id, tl.period(d).label))
        .collect();
    let text = if parts.is_empty() {
        format!(
            "No plan meets every deadline: {} cannot make theirs with their dependencies, pace \
             limits, freeze windows and the other orders' deadlines.",
            names.join(", ")
        )
    } else {
        format!("No plan meets every deadline: {}.", parts.join("; "))
    };
    (text, orders)
}

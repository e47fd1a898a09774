//! How teams work on an order once it has started: the defaults that keep a plan from
//! trickling work over months.

use serde::{Deserialize, Serialize};

/// Rules on the shape of effort-driven work, for every order of the portfolio.
///
/// A team that starts an order finishes it: the plan may slow an order down (holidays, the
/// summer dip, other work), but not spread a few weeks of work over half a year.
///
/// ```
/// use leverans::WorkRules;
/// let rules = WorkRules::default();
/// assert_eq!(rules.max_stretch, Some(2.0));
/// // 120 hours at 30 h/week need 4 weeks at full pace: the order may span 8 at most.
/// assert_eq!(rules.max_span(4), Some(8));
/// ```
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WorkRules {
    /// Most periods an effort-driven order may span, as a multiple of the periods it needs at
    /// its full pace (its [`full_pace_periods`](Self::full_pace_periods): for each team, its
    /// hours over its pace, `max_hours_per_week` or the team's own weekly hours when lower,
    /// rounded up; the largest over its teams). Default 2: an order of four weeks' work
    /// spans eight at most. An order's own `max_duration` applies on top; its `min_duration`
    /// wins when larger. `null` turns the rule off (the plan may then trickle work).
    #[serde(default = "default_stretch")]
    pub max_stretch: Option<f64>,
    /// Steady work: once an order has started, each of its teams works at least this share
    /// of the average pace that would finish its hours in the most periods the order may span
    /// (`max_stretch`), in every period until the order finishes (scaled by working days, as
    /// every pace is). With 0.5, an order of 120 h that may span 8 weeks gets at least
    /// 7.5 h a full week from that team, so it does not stall for weeks inside its run. An
    /// order's own `min_hours_per_week` wins. Off by default (`null`; also off without
    /// `max_stretch`): measured on the Tyresö example, 0.5 leaves neither the heuristic nor
    /// the MIP a plan within 10 s, because a floor in every period collides with the summer
    /// dip of every team (docs/realism.md).
    #[serde(default = "default_min_pace", skip_serializing_if = "Option::is_none")]
    pub min_pace: Option<f64>,
    /// Most orders open at once on a team, per full-time equivalent of its order capacity
    /// (`hours_per_week / 40`, rounded down, at least 1). An order is open on every team it
    /// needs from its first to its last period of work. With 4, a team of 1.2 FTE runs at most
    /// 4 orders at a time. Orders already in progress when the plan starts count, and where
    /// they alone are more, they are the limit. Week and day calendars only (in unit calendars
    /// hours are not person-hours). Off by default (`null`): on the Tyresö example 4 per FTE
    /// leaves no plan at all (infosec, 0.8 FTE, would run 3 of its 17 orders at a time, and the
    /// deadlines do not allow it), and 5 or 6 leave the MIP no plan within 30 s
    /// (docs/realism.md).
    #[serde(
        default = "default_open_per_fte",
        skip_serializing_if = "Option::is_none"
    )]
    pub max_open_per_fte: Option<f64>,
    /// Orders a team should have open at once, per full-time equivalent of its order
    /// capacity (`hours_per_week / 40`, rounded down, at least 1), where the plan's hours
    /// allow it. Not a rule: once the plan's orders have their runs, a last pass re-deals
    /// each team's hours among its orders (the same hours per order, inside each order's run
    /// and pace limit; first the same hours per period for the team too) so that the team has
    /// at most this many open (counted from its own first to its own last hour on each order)
    /// in as many periods as it can, and as few order-periods open as it can. Where the team's
    /// hours per period as planned leave no deal within the target (a peak week with
    /// consultant hours, say), its hours may also move between periods, within its capacity
    /// and consultant ceiling, with no more consultant hours bought over the horizon or in any
    /// budget's periods. Orders may finish (and go live) earlier; consultant spend may fall.
    /// Where the runs need more (a team at its capacity week after week), the solve re-plans
    /// the orders the team has open in its weeks over the target under the target, holding
    /// every level of the goal but the last; where that fails in the time, the plan keeps
    /// more (the plan figure `max_open_orders_per_fte` shows it). Default 4: a project manager of 1.2 FTE runs 4
    /// orders at a time. `null` turns the pass off. Week and day calendars only;
    /// `max_open_per_fte` caps it where lower.
    #[serde(
        default = "default_target_open_per_fte",
        skip_serializing_if = "is_default_target"
    )]
    pub target_open_per_fte: Option<f64>,
}

fn default_target_open_per_fte() -> Option<f64> {
    Some(4.0)
}

fn is_default_target(t: &Option<f64>) -> bool {
    *t == default_target_open_per_fte()
}

fn default_stretch() -> Option<f64> {
    Some(2.0)
}

fn default_min_pace() -> Option<f64> {
    None
}

fn default_open_per_fte() -> Option<f64> {
    None
}

/// Orders for `per_fte` orders per full-time equivalent of `team` (`hours_per_week / 40`,
/// rounded down, at least 1); `None` in unit calendars and for a team without hours.
fn orders_for(per_fte: f64, team: &crate::Team, period: crate::PeriodKind) -> Option<u32> {
    if period == crate::PeriodKind::Unit || team.hours_per_week <= 0.0 {
        return None;
    }
    Some(((per_fte * team.hours_per_week / 40.0 + 1e-9).floor() as u32).max(1))
}

impl Default for WorkRules {
    fn default() -> Self {
        WorkRules {
            max_stretch: default_stretch(),
            min_pace: default_min_pace(),
            max_open_per_fte: default_open_per_fte(),
            target_open_per_fte: default_target_open_per_fte(),
        }
    }
}

impl WorkRules {
    /// Whether these are the defaults (then they are left out of the JSON).
    pub fn is_default(&self) -> bool {
        *self == WorkRules::default()
    }

    /// The least hours per full week a team works on an order once it has started, for
    /// `hours` of that team's work in an order that may span `max_span` periods; `None`
    /// without the rule.
    ///
    /// ```
    /// let rules = leverans::WorkRules { min_pace: Some(0.5), ..Default::default() };
    /// assert_eq!(rules.min_hours_per_week(120.0, 8), Some(7.5));
    /// assert_eq!(leverans::WorkRules::default().min_hours_per_week(120.0, 8), None);
    /// ```
    pub fn min_hours_per_week(&self, hours: f64, max_span: u32) -> Option<f64> {
        let share = self.min_pace?;
        self.max_stretch?;
        (max_span > 0).then(|| share * hours / f64::from(max_span))
    }

    /// Most orders team `team` may have open at once under `max_open_per_fte` in a calendar
    /// of `period`s; `None` without the rule, in unit calendars, and for a team without hours.
    ///
    /// ```
    /// use leverans::{PeriodKind, Team, WorkRules};
    /// assert_eq!(WorkRules::default().max_open(&Team::new("pm", 48.0), PeriodKind::Week), None);
    /// let rules = WorkRules { max_open_per_fte: Some(4.0), ..Default::default() };
    /// assert_eq!(rules.max_open(&Team::new("pm", 48.0), PeriodKind::Week), Some(4));
    /// assert_eq!(rules.max_open(&Team::new("infosec", 32.0), PeriodKind::Week), Some(3));
    /// assert_eq!(rules.max_open(&Team::new("R1", 4.0), PeriodKind::Unit), None);
    /// ```
    pub fn max_open(&self, team: &crate::Team, period: crate::PeriodKind) -> Option<u32> {
        orders_for(self.max_open_per_fte?, team, period)
    }

    /// Orders team `team` should keep open at once under `target_open_per_fte` (and at most
    /// [`max_open`](Self::max_open)) in a calendar of `period`s; `None` without the target, in
    /// unit calendars, and for a team without hours.
    ///
    /// ```
    /// use leverans::{PeriodKind, Team, WorkRules};
    /// let rules = WorkRules::default();
    /// assert_eq!(rules.target_open(&Team::new("pm", 48.0), PeriodKind::Week), Some(4));
    /// assert_eq!(rules.target_open(&Team::new("infosec", 32.0), PeriodKind::Week), Some(3));
    /// let off = WorkRules { target_open_per_fte: None, ..Default::default() };
    /// assert_eq!(off.target_open(&Team::new("pm", 48.0), PeriodKind::Week), None);
    /// ```
    pub fn target_open(&self, team: &crate::Team, period: crate::PeriodKind) -> Option<u32> {
        let target = orders_for(self.target_open_per_fte?, team, period)?;
        Some(
            self.max_open(team, period)
                .map_or(target, |m| m.min(target)),
        )
    }

    /// Most periods effort-driven order `order` may span under these rules: its
    /// [`full_pace_periods`](Self::full_pace_periods) stretched by `max_stretch`, never below
    /// its own `min_duration`; `None` without the rule, and for orders without hours (there
    /// is no work to stretch) or of fixed duration.
    pub fn max_span_of(
        &self,
        order: &crate::Order,
        period: crate::PeriodKind,
        team_hours: impl Fn(&str) -> Option<f64>,
    ) -> Option<u32> {
        if !order.is_effort_driven() || order.effort.iter().all(|e| e.hours <= 0.0) {
            return None;
        }
        let full = Self::full_pace_periods(order, period, team_hours);
        self.max_span(full)
            .map(|c| c.max(order.min_duration.unwrap_or(1)))
    }

    /// Most periods an order needing `full_pace` periods at full pace may span under
    /// `max_stretch` (rounded down, at least `full_pace`); `None` without the rule.
    pub fn max_span(&self, full_pace: u32) -> Option<u32> {
        let s = self.max_stretch?;
        Some(((s * f64::from(full_pace) + 1e-9).floor() as u32).max(full_pace))
    }

    /// Periods an effort-driven order needs at its full pace: per team, its hours over the
    /// lower of its `max_hours_per_week` and the team's own `hours_per_week`, rounded up; the
    /// largest over its teams (at least 1). In day calendars that is working days, counted
    /// as calendar days with the weekends (× 7/5, rounded up). `team_hours` gives a team's own
    /// weekly hours by id (`None` for an unknown team, which is then left out).
    ///
    /// ```
    /// use leverans::{Order, PeriodKind, WorkRules};
    /// let o = Order::effort("a", [("dev", 100.0)]);
    /// // 100 h at 40 h a week: 3 weeks, or 13 working days = 19 calendar days.
    /// assert_eq!(WorkRules::full_pace_periods(&o, PeriodKind::Week, |_| Some(40.0)), 3);
    /// assert_eq!(WorkRules::full_pace_periods(&o, PeriodKind::Day, |_| Some(40.0)), 19);
    /// ```
    pub fn full_pace_periods(
        order: &crate::Order,
        period: crate::PeriodKind,
        team_hours: impl Fn(&str) -> Option<f64>,
    ) -> u32 {
        let per_period = if period == crate::PeriodKind::Day {
            0.2
        } else {
            1.0
        };
        let periods = order
            .effort
            .iter()
            .filter(|e| e.hours > 0.0)
            .filter_map(|e| {
                let own = team_hours(&e.team)?;
                let pace = e.max_hours_per_week.map_or(own, |m| m.min(own)) * per_period;
                (pace > 0.0).then(|| (e.hours / pace - 1e-9).ceil().max(1.0) as u32)
            })
            .max()
            .unwrap_or(1);
        if period == crate::PeriodKind::Day {
            (f64::from(periods) * 7.0 / 5.0 - 1e-9).ceil() as u32
        } else {
            periods
        }
    }
}

//! The calendar unrolled into periods: dates, working days and capacity per period.
//!
//! Everything that turns dates into periods lives here, so that the formulation, the heuristic,
//! the plan and the verifier agree on what a period holds.

use super::holidays::{swedish_customary_eves, swedish_public_holidays};
use super::{Calendar, FreezeWindow, HolidayRules, PeriodKind, Team, TimePoint};
use chrono::{Datelike, Days, NaiveDate, Weekday};
use std::collections::BTreeSet;

/// Most periods a calendar may unroll to; beyond it the model would not fit in memory anyway.
pub const MAX_PERIODS: usize = 20_000;

/// One period of the plan.
#[derive(Debug, Clone, PartialEq)]
pub struct PeriodInfo {
    /// First calendar day of the period inside the horizon (none in unit calendars).
    pub first_day: Option<NaiveDate>,
    /// Last calendar day of the period inside the horizon.
    pub last_day: Option<NaiveDate>,
    /// The working days of the period, in order.
    pub working_days: Vec<NaiveDate>,
    /// A short label: `2014-W27`, `2014-06-30` or `P12`.
    pub label: String,
}

/// A calendar unrolled into periods.
///
/// ```
/// use leverans::{Calendar, Timeline};
/// let cal = Calendar::weeks("2013-12-23".parse().unwrap(), "2014-01-05".parse().unwrap());
/// let tl = Timeline::new(&cal).unwrap();
/// assert_eq!(tl.len(), 2);
/// // Christmas week: Christmas Eve, Day and Boxing Day off, so 2 working days of 5.
/// assert_eq!(tl.period(0).working_days.len(), 2);
/// assert_eq!(tl.period(0).label, "2013-W52");
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct Timeline {
    kind: PeriodKind,
    periods: Vec<PeriodInfo>,
}

impl Timeline {
    /// Unrolls a calendar; the error says which field is missing or wrong.
    pub fn new(cal: &Calendar) -> Result<Timeline, String> {
        match cal.period {
            PeriodKind::Unit => {
                let n = cal
                    .periods
                    .ok_or("a unit calendar needs `periods`".to_string())?;
                if n == 0 || n as usize > MAX_PERIODS {
                    return Err(format!("`periods` must be 1 to {MAX_PERIODS}, not {n}"));
                }
                let periods = (0..n)
                    .map(|p| PeriodInfo {
                        first_day: None,
                        last_day: None,
                        working_days: Vec::new(),
                        label: format!("P{p}"),
                    })
                    .collect();
                Ok(Timeline {
                    kind: cal.period,
                    periods,
                })
            }
            PeriodKind::Week | PeriodKind::Day => {
                let start = cal
                    .start
                    .ok_or("a date calendar needs `start`".to_string())?;
                let end = cal.end.ok_or("a date calendar needs `end`".to_string())?;
                if end < start {
                    return Err(format!("`end` {end} is before `start` {start}"));
                }
                let days = (end - start).num_days() as usize + 1;
                let max_days = if cal.period == PeriodKind::Week {
                    MAX_PERIODS * 7
                } else {
                    MAX_PERIODS
                };
                if days > max_days {
                    return Err(format!(
                        "the horizon {start} to {end} has more than {MAX_PERIODS} periods"
                    ));
                }
                let off = days_off(cal, start, end);
                let mut periods: Vec<PeriodInfo> = Vec::new();
                let mut day = start;
                while day <= end {
                    let period_end = match cal.period {
                        PeriodKind::Week => {
                            let to_sunday = 6 - day.weekday().num_days_from_monday() as u64;
                            (day + Days::new(to_sunday)).min(end)
                        }
                        _ => day,
                    };
                    let mut working = Vec::new();
                    let mut d = day;
                    while d <= period_end {
                        if !is_weekend(d) && !off.contains(&d) {
                            working.push(d);
                        }
                        d = d + Days::new(1);
                    }
                    let label = match cal.period {
                        PeriodKind::Week => {
                            let w = day.iso_week();
                            format!("{}-W{:02}", w.year(), w.week())
                        }
                        _ => day.to_string(),
                    };
                    periods.push(PeriodInfo {
                        first_day: Some(day),
                        last_day: Some(period_end),
                        working_days: working,
                        label,
                    });
                    day = period_end + Days::new(1);
                }
                Ok(Timeline {
                    kind: cal.period,
                    periods,
                })
            }
        }
    }

    /// The period length.
    pub fn kind(&self) -> PeriodKind {
        self.kind
    }

    /// Number of periods.
    pub fn len(&self) -> usize {
        self.periods.len()
    }

    /// True when there are no periods (never for a valid calendar).
    pub fn is_empty(&self) -> bool {
        self.periods.is_empty()
    }

    /// Period `t`; panics when `t` is out of range.
    pub fn period(&self, t: usize) -> &PeriodInfo {
        &self.periods[t]
    }

    /// All periods in order.
    pub fn periods(&self) -> &[PeriodInfo] {
        &self.periods
    }

    /// Share of a full period that is working time: working days / 5 for weeks, 1 or 0 for
    /// days, always 1 for unit periods. Per-week hours are multiplied by it.
    pub fn working_share(&self, t: usize) -> f64 {
        let p = &self.periods[t];
        match self.kind {
            PeriodKind::Unit => 1.0,
            PeriodKind::Week => p.working_days.len() as f64 / 5.0,
            PeriodKind::Day => p.working_days.len() as f64,
        }
    }

    /// The period holding `date`, if it is inside the horizon.
    pub fn period_of_date(&self, date: NaiveDate) -> Option<usize> {
        if self.kind == PeriodKind::Unit {
            return None;
        }
        let first = self.periods.first()?.first_day?;
        let last = self.periods.last()?.last_day?;
        if date < first || date > last {
            return None;
        }
        let idx = self
            .periods
            .partition_point(|p| p.last_day.is_some_and(|l| l < date));
        Some(idx)
    }

    /// The period a time point falls in, if inside the horizon (dates are rejected in unit
    /// calendars).
    pub fn resolve(&self, tp: TimePoint) -> Option<usize> {
        match tp {
            TimePoint::Period(p) => ((p as usize) < self.len()).then_some(p as usize),
            TimePoint::Date(d) => self.period_of_date(d),
        }
    }

    /// The first and last day a time point stands for: a date itself, or a period's days.
    fn day_span(&self, tp: TimePoint) -> Option<(NaiveDate, NaiveDate)> {
        match tp {
            TimePoint::Date(d) => Some((d, d)),
            TimePoint::Period(p) => {
                let info = self.periods.get(p as usize)?;
                Some((info.first_day?, info.last_day?))
            }
        }
    }

    /// Hours team `team` has in period `t`: its weekly hours (after overrides) per working
    /// day, summed over the period's working days; in unit calendars the hours of the period.
    pub fn team_capacity(&self, team: &Team, t: usize) -> f64 {
        if self.kind == PeriodKind::Unit {
            let mut hours = team.hours_per_week;
            for o in &team.capacity_overrides {
                let (TimePoint::Period(a), TimePoint::Period(b)) = (o.from, o.to) else {
                    continue;
                };
                if (a as usize..=b as usize).contains(&t) {
                    hours = override_hours(team, o);
                }
            }
            return hours;
        }
        let spans: Vec<_> = team
            .capacity_overrides
            .iter()
            .filter_map(|o| {
                let (a, _) = self.day_span(o.from)?;
                let (_, b) = self.day_span(o.to)?;
                Some((a, b, override_hours(team, o)))
            })
            .collect();
        self.periods[t]
            .working_days
            .iter()
            .map(|d| {
                let weekly = spans
                    .iter()
                    .rev()
                    .find(|(a, b, _)| a <= d && d <= b)
                    .map_or(team.hours_per_week, |s| s.2);
                weekly / 5.0
            })
            .sum()
    }

    /// The day an order going live in period `t` goes live: the period's last working day.
    /// None when the period has no working day (or in unit calendars).
    pub fn go_live_day(&self, t: usize) -> Option<NaiveDate> {
        self.periods[t].working_days.last().copied()
    }

    /// Whether nothing may go live in period `t`: its go-live day lies in a freeze window,
    /// or (date calendars) it has no working day. In unit calendars, windows are periods.
    pub fn is_frozen(&self, t: usize, windows: &[FreezeWindow]) -> bool {
        if self.kind == PeriodKind::Unit {
            return windows.iter().any(|w| match (w.from, w.to) {
                (TimePoint::Period(a), TimePoint::Period(b)) => {
                    (a as usize..=b as usize).contains(&t)
                }
                _ => false,
            });
        }
        let Some(day) = self.go_live_day(t) else {
            return true;
        };
        windows
            .iter()
            .any(|w| match (self.day_span(w.from), self.day_span(w.to)) {
                (Some((a, _)), Some((_, b))) => a <= day && day <= b,
                _ => false,
            })
    }

    /// Whether `day` lies inside one of the freeze windows.
    pub fn is_frozen_day(&self, day: NaiveDate, windows: &[FreezeWindow]) -> bool {
        windows
            .iter()
            .any(|w| match (self.day_span(w.from), self.day_span(w.to)) {
                (Some((a, _)), Some((_, b))) => a <= day && day <= b,
                _ => false,
            })
    }

    /// The release-train date on which an order going live in period `t` goes live: the first
    /// train date in `t` outside every freeze window. In unit calendars a train "date" is a
    /// period, and the result is None even when `t` is allowed; use
    /// [`Timeline::train_allows`].
    pub fn train_day(
        &self,
        t: usize,
        dates: &[TimePoint],
        windows: &[FreezeWindow],
    ) -> Option<NaiveDate> {
        dates.iter().find_map(|d| match d {
            TimePoint::Date(d)
                if self.period_of_date(*d) == Some(t) && !self.is_frozen_day(*d, windows) =>
            {
                Some(*d)
            }
            _ => None,
        })
    }

    /// Whether a release train lets an order go live in period `t`: a train date in `t`
    /// outside every freeze window (in unit calendars: `t` listed and not frozen).
    pub fn train_allows(&self, t: usize, dates: &[TimePoint], windows: &[FreezeWindow]) -> bool {
        if self.kind == PeriodKind::Unit {
            return dates.contains(&TimePoint::Period(t as u32)) && !self.is_frozen(t, windows);
        }
        self.train_day(t, dates, windows).is_some()
    }

    /// The first working day of period `t` (its first day when it has none).
    pub fn start_day(&self, t: usize) -> Option<NaiveDate> {
        let p = &self.periods[t];
        p.working_days.first().copied().or(p.first_day)
    }

    /// The last working day of period `t` (its last day when it has none).
    pub fn end_day(&self, t: usize) -> Option<NaiveDate> {
        let p = &self.periods[t];
        p.working_days.last().copied().or(p.last_day)
    }
}

fn override_hours(team: &Team, o: &super::CapacityOverride) -> f64 {
    match (o.hours_per_week, o.factor) {
        (Some(h), _) => h,
        (None, Some(f)) => team.hours_per_week * f,
        (None, None) => team.hours_per_week,
    }
}

fn is_weekend(d: NaiveDate) -> bool {
    matches!(d.weekday(), Weekday::Sat | Weekday::Sun)
}

/// Public holidays, customary eves (when off) and closed days inside `start..=end`.
fn days_off(cal: &Calendar, start: NaiveDate, end: NaiveDate) -> BTreeSet<NaiveDate> {
    let mut off: BTreeSet<NaiveDate> = cal.closed_days.iter().copied().collect();
    if cal.holidays == HolidayRules::Swedish {
        for year in start.year()..=end.year() {
            off.extend(swedish_public_holidays(year).iter().map(|h| h.date));
            if cal.eves_off {
                off.extend(swedish_customary_eves(year).iter().map(|h| h.date));
            }
        }
    }
    off
}

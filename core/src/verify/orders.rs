//! Per-order rules: state, periods and their dates, release, deadline, due date and lateness.
//! Stopped orders are checked in [`super::decisions`].

use super::{plural, Ctx, Place, Rule, Violation};
use crate::model::{Order, OrderStatus};
use crate::plan::{PlannedOrder, PlannedState};

/// Checks every portfolio order that the plan holds.
pub(super) fn check(ctx: &Ctx<'_>, out: &mut Vec<Violation>) {
    for (k, o) in ctx.portfolio.orders.iter().enumerate() {
        let Some(po) = ctx.planned_order(k) else {
            continue;
        };
        if o.status == OrderStatus::Done {
            check_done(o, po, ctx, out);
            continue;
        }
        if po.state == PlannedState::Stopped {
            super::decisions::check_stopped(o, po, ctx, out);
            continue;
        }
        check_state(o, po, out);
        check_periods(o, po, ctx, out);
        check_lateness(o, po, ctx, out);
        let Some(span) = ctx.spans.get(k).copied().flatten() else {
            continue;
        };
        let id = o.id.as_str();
        let (s, f, g) = (span.start, span.finish, span.go_live);
        if o.status == OrderStatus::InProgress && s != 0 {
            out.push(
                Violation::new(
                    Rule::State,
                    format!(
                        "order `{id}` is in progress, so it runs from {}, but the plan starts it \
                         in {}",
                        ctx.when(0),
                        ctx.when(s)
                    ),
                )
                .order(id)
                .period(s),
            );
        }
        if o.status == OrderStatus::NotStarted {
            check_release(o, s, ctx, out);
        }
        if s > f {
            out.push(
                Violation::new(
                    Rule::Sequence,
                    format!(
                        "order `{id}` starts in {} after it finishes in {}",
                        ctx.when(s),
                        ctx.when(f)
                    ),
                )
                .order(id)
                .period(s),
            );
        }
        let earliest = f as u64 + u64::from(o.go_live_lag);
        if (g as u64) < earliest {
            out.push(
                Violation::new(
                    Rule::Sequence,
                    format!(
                        "order `{id}` goes live in {}, but finishing in {} with a go-live lag of \
                         {} it can go live in period {earliest} at the earliest",
                        ctx.when(g),
                        ctx.when(f),
                        o.go_live_lag
                    ),
                )
                .order(id)
                .period(g),
            );
        }
        check_dates(id, po, s, f, g, ctx, out);
        check_deadline(o, g, ctx, out);
    }
}

/// A done order: state `done`, no periods, dates or work, no lateness.
fn check_done(o: &Order, po: &PlannedOrder, ctx: &Ctx<'_>, out: &mut Vec<Violation>) {
    if po.state != PlannedState::Done {
        out.push(
            Violation::new(
                Rule::State,
                format!(
                    "order `{}` is done, but the plan has it {}",
                    o.id,
                    state_name(po.state)
                ),
            )
            .order(&o.id),
        );
    }
    check_left_out(o, po, ctx, Rule::State, "done", out);
}

/// An order the plan does not schedule (done before it, or stopped): no periods, dates or work
/// (each a violation of `rule`, the order being `what`), a due period that is none or the due
/// date's, and no lateness.
pub(super) fn check_left_out(
    o: &Order,
    po: &PlannedOrder,
    ctx: &Ctx<'_>,
    rule: Rule,
    what: &str,
    out: &mut Vec<Violation>,
) {
    let id = o.id.as_str();
    let mut state = |msg: String| {
        out.push(Violation::new(rule, format!("order `{id}` is {what}, {msg}")).order(id));
    };
    let periods = [
        ("start", po.start_period),
        ("finish", po.finish_period),
        ("go-live", po.go_live_period),
    ];
    for (name, p) in periods {
        if let Some(p) = p {
            state(format!(
                "but the plan gives it a {name} period ({})",
                ctx.when(p as usize)
            ));
        }
    }
    for (name, d) in [
        ("start", po.start),
        ("finish", po.finish),
        ("go-live", po.go_live),
    ] {
        if let Some(d) = d {
            state(format!("but the plan gives it a {name} date ({d})"));
        }
    }
    if !po.work.is_empty() {
        let hours: f64 = po.work.iter().map(|w| w.hours).sum();
        state(format!(
            "but the plan gives it {} ({hours:.2} h)",
            plural(po.work.len() as u64, "work slice")
        ));
    }
    let due = o.due.and_then(|d| ctx.tl.resolve(d));
    if po.due_period.is_some_and(|p| Some(p as usize) != due) {
        out.push(
            Violation::new(
                Rule::Lateness,
                format!(
                    "order `{id}` is {what}, but the plan gives it due period {}",
                    ctx.when(po.due_period.unwrap_or(0) as usize)
                ),
            )
            .order(id),
        );
    }
    if po.lateness != 0 {
        out.push(
            Violation::new(
                Rule::Lateness,
                format!(
                    "order `{id}` is {what}, but the plan gives it a lateness of {}",
                    plural(po.lateness, "period")
                ),
            )
            .order(id),
        );
    }
}

/// The state as messages name it.
pub(super) fn state_name(s: PlannedState) -> &'static str {
    match s {
        PlannedState::Scheduled => "scheduled",
        PlannedState::InProgress => "in progress",
        PlannedState::Done => "done",
        PlannedState::Stopped => "stopped",
    }
}

/// The planned state matches the status: in progress stays in progress, not started is
/// scheduled (stopping is checked apart).
fn check_state(o: &Order, po: &PlannedOrder, out: &mut Vec<Violation>) {
    let want = if o.status == OrderStatus::InProgress {
        PlannedState::InProgress
    } else {
        PlannedState::Scheduled
    };
    if po.state != want {
        out.push(
            Violation::new(
                Rule::State,
                format!(
                    "order `{}` is {}, so the plan should have it {}, not {}",
                    o.id,
                    o.status.as_str().replace('_', " "),
                    state_name(want),
                    state_name(po.state)
                ),
            )
            .order(&o.id),
        );
    }
}

/// Start, finish and go-live periods are present and inside the calendar.
fn check_periods(o: &Order, po: &PlannedOrder, ctx: &Ctx<'_>, out: &mut Vec<Violation>) {
    let n = ctx.tl.len();
    let periods = [
        ("start", po.start_period),
        ("finish", po.finish_period),
        ("go-live", po.go_live_period),
    ];
    for (name, p) in periods {
        match p {
            None => out.push(
                Violation::new(
                    Rule::Horizon,
                    format!("order `{}` has no {name} period in the plan", o.id),
                )
                .order(&o.id),
            ),
            Some(p) if p as usize >= n => out.push(
                Violation::new(
                    Rule::Horizon,
                    format!(
                        "order `{}`: {name} period is {p}, but {}",
                        o.id,
                        ctx.calendar_end()
                    ),
                )
                .order(&o.id)
                .period(p as usize),
            ),
            Some(_) => {}
        }
    }
}

/// A not-started order starts no earlier than its release.
fn check_release(o: &Order, s: usize, ctx: &Ctx<'_>, out: &mut Vec<Violation>) {
    let Some(release) = o.release else {
        return;
    };
    let msg = match ctx.place(release) {
        Place::At(r) if s < r => format!(
            "order `{}` starts in {}, before its release {}",
            o.id,
            ctx.when(s),
            ctx.point_at(release, r)
        ),
        Place::After => format!(
            "order `{}` starts in {}, but its release {release} lies after the calendar",
            o.id,
            ctx.when(s)
        ),
        _ => return,
    };
    out.push(Violation::new(Rule::Release, msg).order(&o.id).period(s));
}

/// Dates beside the periods: none in unit calendars; the start period's first working day,
/// the finish period's last working day and the go-live period's last working day otherwise.
/// A go-live period holding a release-train date goes live on that date, checked in
/// [`super::train`].
fn check_dates(
    id: &str,
    po: &PlannedOrder,
    s: usize,
    f: usize,
    g: usize,
    ctx: &Ctx<'_>,
    out: &mut Vec<Violation>,
) {
    let units = ctx.is_units();
    let expect = |d: Option<chrono::NaiveDate>| if units { None } else { d };
    let on_train = !super::train::dates_in(ctx, g).is_empty();
    let live = if on_train {
        po.go_live
    } else {
        expect(ctx.tl.go_live_day(g))
    };
    let checks = [
        ("start", po.start, expect(ctx.tl.start_day(s)), s),
        ("finish", po.finish, expect(ctx.tl.end_day(f)), f),
        ("go-live", po.go_live, live, g),
    ];
    for (name, got, want, t) in checks {
        if got == want {
            continue;
        }
        let show = |d: Option<chrono::NaiveDate>| d.map_or("none".to_string(), |d| d.to_string());
        out.push(
            Violation::new(
                Rule::Dates,
                format!(
                    "order `{id}`: {name} date is {}, but {} gives {}",
                    show(got),
                    ctx.when(t),
                    show(want)
                ),
            )
            .order(id)
            .period(t),
        );
    }
    if !units && !on_train && ctx.tl.go_live_day(g).is_none() {
        out.push(
            Violation::new(
                Rule::Dates,
                format!(
                    "order `{id}` goes live in {}, which has no working day to go live on",
                    ctx.when(g)
                ),
            )
            .order(id)
            .period(g),
        );
    }
}

/// The go-live comes no later than the deadline.
fn check_deadline(o: &Order, g: usize, ctx: &Ctx<'_>, out: &mut Vec<Violation>) {
    let Some(deadline) = o.deadline else {
        return;
    };
    let msg = match ctx.place(deadline) {
        Place::At(d) if g > d => format!(
            "order `{}` goes live in {}, after its deadline {}",
            o.id,
            ctx.when(g),
            ctx.point_at(deadline, d)
        ),
        Place::Before => format!(
            "order `{}` goes live in {}, but its deadline {deadline} lies before the calendar",
            o.id,
            ctx.when(g)
        ),
        _ => return,
    };
    out.push(Violation::new(Rule::Deadline, msg).order(&o.id).period(g));
}

/// `due_period` is the due date's period and `lateness` the periods the go-live comes after
/// it.
fn check_lateness(o: &Order, po: &PlannedOrder, ctx: &Ctx<'_>, out: &mut Vec<Violation>) {
    let id = o.id.as_str();
    let due = o.due.and_then(|d| ctx.tl.resolve(d));
    let got_due = po.due_period.map(|p| p as usize);
    if got_due != due {
        let got = got_due.map_or("none".to_string(), |p| ctx.when(p));
        let should = match (o.due, due) {
            (None, _) => "the order has no due date".to_string(),
            (Some(tp), None) => format!("its due date {tp} lies outside the calendar"),
            (Some(tp), Some(t)) => format!("its due date falls {}", ctx.point_at(tp, t)),
        };
        out.push(
            Violation::new(
                Rule::Lateness,
                format!("order `{id}`: due period is {got}, but {should}"),
            )
            .order(id),
        );
    }
    let Some(g) = po.go_live_period else {
        return;
    };
    let want = due.map_or(0, |d| u64::from(g).saturating_sub(d as u64));
    if u64::from(po.lateness) != want {
        out.push(
            Violation::new(
                Rule::Lateness,
                format!(
                    "order `{id}`: lateness is {}, but going live in {} it is {}",
                    plural(po.lateness, "period"),
                    ctx.when(g as usize),
                    plural(want, "period")
                ),
            )
            .order(id)
            .period(g as usize),
        );
    }
}

//! Re-planning against a baseline: a re-prioritisation that gains nothing on the first level
//! keeps the promised dates, where a plan made without the baseline reshuffles them; and an
//! urgent new order goes first while the promised dates slip no more in all than it takes.

mod common;

use common::planned;
use leverans::plan::diff;
use leverans::{Calendar, Order, Portfolio, Priority, SolveOptions, Team, TimePoint};

fn options() -> SolveOptions {
    SolveOptions::default().with_time_limit(30.0)
}

/// Four orders of 20 h on one team of 10 h a period, no due dates.
fn four() -> Portfolio {
    let mut p = Portfolio::new(Calendar::units(12));
    p.add_team(Team::new("dev", 10.0));
    for id in ["a", "b", "c", "d"] {
        p.add_order(Order::effort(id, [("dev", 20.0)]));
    }
    p
}

#[test]
fn a_new_priority_without_a_due_date_moves_nothing_against_the_baseline() {
    let p = four();
    let (_, before) = planned(&p, &options());
    // The order going live last becomes critical.
    let last = before
        .orders
        .iter()
        .max_by_key(|o| o.go_live_period)
        .unwrap()
        .id
        .clone();
    let mut q = p.clone();
    q.orders.iter_mut().find(|o| o.id == last).unwrap().priority = Priority::Critical;
    // Without the baseline the critical order goes first and the three others later.
    let (_, free) = planned(&q, &options());
    let moved_free = diff(&before, &free);
    assert_eq!(moved_free.changed, 4, "{moved_free:#?}");
    // With it, no promised date slips: nothing on the first level pays for the delays.
    let (out, kept) = planned(&q, &options().with_baseline(before.clone()));
    let d = diff(&before, &kept);
    assert_eq!(d.later, 0, "{d:#?}");
    assert!(d.changed < moved_free.changed);
    assert!(out.levels[0]
        .objectives
        .iter()
        .any(|(o, _)| o.as_str() == "baseline_delay"));
}

#[test]
fn an_urgent_order_goes_first_and_the_promised_dates_slip_no_more_than_it_takes() {
    let mut p = four();
    // `a`..`d` have late due dates: time to spare.
    for o in &mut p.orders {
        o.due = Some(TimePoint::Period(11));
    }
    let (_, before) = planned(&p, &options());
    // A new urgent order: 20 h due by period 1.
    let mut q = p.clone();
    let mut urgent = Order::effort("urgent", [("dev", 20.0)]);
    urgent.due = Some(TimePoint::Period(1));
    urgent.priority = Priority::Critical;
    q.add_order(urgent);
    let (_, after) = planned(&q, &options().with_baseline(before.clone()));
    assert_eq!(after.order("urgent").unwrap().lateness, 0);
    // The urgent order's two periods push the four others' go-lives back by eight periods in
    // all (the least there is), and none is stopped.
    let d = diff(&before, &after);
    let delay: i64 = d
        .orders
        .iter()
        .filter_map(|o| o.go_live_shift)
        .filter(|s| *s > 0)
        .sum();
    assert_eq!(delay, 8, "{d:#?}");
    assert_eq!(d.decisions_changed, 1, "only `urgent` is new: {d:#?}");
}

#[test]
fn a_negative_move_weight_is_refused() {
    let p = four();
    let (_, before) = planned(&p, &options());
    let mut o = options().with_baseline(before);
    o.move_weight = -1.0;
    let e = leverans::solve(&p, &o).unwrap_err();
    assert!(e.to_string().contains("move_weight"), "{e}");
}

//! The progress a solve reports (`SolveOptions::progress`): read from another thread while it
//! runs, it ends on the goal's last level with the plan's value, and reads as one line.

mod common;

use common::planned;
use leverans::solve::{Phase, ProgressHandle};
use leverans::{Calendar, Goal, Objective, Order, Portfolio, SolveOptions, Team};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

fn portfolio() -> Portfolio {
    let mut p = Portfolio::new(Calendar::units(30));
    p.add_team(Team::new("dev", 2.0));
    for k in 0..12 {
        let mut o = Order::fixed(format!("o{k}"), 2 + k % 3, [("dev", 1.0)]);
        o.due = Some(leverans::TimePoint::Period(4 + k));
        p.add_order(o);
    }
    p
}

#[test]
fn the_last_report_is_the_last_level_with_the_plans_value() {
    let p = portfolio();
    let goal = Goal::Levels(vec![
        vec![(Objective::WeightedLateness, 1.0)],
        vec![(Objective::WeightedCompletion, 1.0)],
    ]);
    let handle = ProgressHandle::new();
    let options = SolveOptions {
        progress: Some(handle.clone()),
        ..SolveOptions::default()
            .with_goal(goal)
            .with_time_limit(30.0)
    };
    // A reader on another thread sees phases only from the solve's own list.
    let done = Arc::new(AtomicBool::new(false));
    let reader = {
        let (handle, done) = (handle.clone(), done.clone());
        std::thread::spawn(move || {
            let mut lines = 0;
            while !done.load(Ordering::Relaxed) {
                let s = handle.snapshot();
                assert!(s.level <= 2, "{s:?}");
                assert!(!s.line().is_empty());
                lines += 1;
                std::thread::sleep(std::time::Duration::from_millis(2));
            }
            lines
        })
    };
    let (out, plan) = planned(&p, &options);
    done.store(true, Ordering::Relaxed);
    assert!(reader.join().expect("the reader ends") > 0);

    let last = handle.snapshot();
    assert_eq!(last.phase, Phase::Done);
    assert_eq!((last.level, last.levels), (2, 2));
    assert_eq!(last.objectives, "weighted_completion");
    assert_eq!(last.best, Some(out.levels[1].value));
    assert_eq!(last.best, Some(plan.summary.weighted_completion));
    assert!(last.line().starts_with("done · "), "{}", last.line());
}

//! The plan report: one self-contained HTML page with every order, its charts, its reasons,
//! no external URL, and text from the portfolio escaped (a title cannot inject markup).

mod common;

use common::planned;
use leverans::{Calendar, Order, Portfolio, SolveOptions, Team, TimePoint};

#[test]
fn the_report_has_every_order_its_reasons_and_nothing_to_fetch() {
    let mut p = Portfolio::new(Calendar::units(10));
    let mut dev = Team::new("dev", 10.0);
    dev.external = Some(leverans::ExternalCapacity {
        hours_per_week: 5.0,
        cost_per_hour: 100.0,
        max_hours: None,
    });
    p.add_team(dev);
    let mut a = Order::effort("a", [("dev", 40.0)]);
    a.deadline = Some(TimePoint::Period(2));
    a.title = "<script>alert(1)</script> & co".into();
    a.orderer = "IT".into();
    p.add_order(a);
    let mut b = Order::effort("b", [("dev", 20.0)]);
    b.due = Some(TimePoint::Period(3));
    b.orderer = "School".into();
    p.add_order(b);
    let mut extra = Order::effort("extra", [("dev", 100.0)]);
    extra.optional = true;
    extra.value = Some(1.0);
    extra.orderer = "School".into();
    p.add_order(extra);
    let (out, plan) = planned(&p, &SolveOptions::default().with_time_limit(20.0));
    let page = leverans::report::html(&p, &plan, Some(&out));
    for id in ["a", "b", "extra"] {
        assert!(page.contains(&format!(">{id}<")), "{id} missing");
    }
    assert!(!page.contains("<script>alert"), "a title injected markup");
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; co"));
    assert!(!page.contains("http://") && !page.contains("https://"));
    assert!(!page.contains(" src="));
    // Departments in the timeline, consultants apart in the load, the stop and its reason.
    assert!(page.contains(">IT<") && page.contains(">School<"));
    assert!(page.contains("consultants"));
    let extra = plan.order("extra").unwrap();
    assert_eq!(extra.state, leverans::plan::PlannedState::Stopped);
    assert!(page.contains("Stopped and reduced orders"));
    // Every level of the goal with its gap.
    for k in 1..=out.levels.len() {
        assert!(page.contains(&format!("Goal, level {k}")), "level {k}");
    }
    // The tables have the CSV files' columns.
    for table in leverans::io::plan_tables(&plan) {
        for c in &table.columns {
            assert!(page.contains(&format!(">{c}</th>")), "column {c}");
        }
    }
}

//! The plan report: one self-contained HTML page with every order, its charts, its reasons,
//! no external URL, and text from the portfolio escaped (a title cannot inject markup).

mod common;

use common::planned;
use leverans::{Calendar, Order, Portfolio, SolveOptions, Team, TimePoint};

#[test]
fn the_report_has_every_order_its_reasons_and_nothing_to_fetch() {
    let mut p = Portfolio::new(Calendar::units(10));
    let mut dev = Team::new("dev", 10.0);
    dev.consultants = Some(leverans::ConsultantCapacity {
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

#[test]
fn the_report_shows_how_sure_each_date_is() {
    let mut p = Portfolio::new(Calendar::units(30));
    p.add_team(Team::new("dev", 10.0));
    let mut a = Order::effort("wide", [("dev", 40.0)]);
    a.effort[0].hours_low = Some(30.0);
    a.effort[0].hours_high = Some(120.0);
    a.due = Some(TimePoint::Period(4));
    p.add_order(a);
    p.add_order(Order::effort("sure", [("dev", 20.0)]));
    let (_, plan) = planned(&p, &SolveOptions::default().with_time_limit(20.0));
    let sim =
        leverans::simulate::simulate(&p, &plan, &leverans::simulate::SimulateOptions::new(300, 1))
            .unwrap();
    let extras = leverans::report::Extras {
        simulation: Some(&sim),
        ..Default::default()
    };
    let page = leverans::report::html_with(&p, &plan, None, &extras);
    assert!(page.contains("id=\"how-sure\""));
    assert!(page.contains("How sure each date is"));
    for id in ["wide", "sure"] {
        assert!(page.contains(&format!("data-order=\"{id}\"")), "{id}");
    }
    // The wide order's P85 is past its due date: its bar is red.
    let wide = page
        .split("data-order=\"wide\"")
        .nth(1)
        .unwrap()
        .split("</g>")
        .next()
        .unwrap();
    assert!(wide.contains("#c0392b"), "{wide}");
    assert!(page.contains("Every deadline holds together in"));
    // Without a simulation, no such section.
    assert!(!leverans::report::html(&p, &plan, None).contains("how-sure"));
}

//! The plan's CSV tables are safe to open in a spreadsheet: text that would run as a formula
//! (CSV injection) is written as text.

mod common;

use common::solve_verified;
use leverans::io::write_plan_csv;
use leverans::{Calendar, Order, Portfolio, SolveOptions, Team};

#[test]
fn csv_cells_that_would_run_as_formulas_are_written_as_text() {
    let mut p = Portfolio::new(Calendar::units(6));
    p.add_team(Team::new("@dev", 10.0));
    let mut o = Order::effort("=cmd|' /C calc'!A0", [("@dev", 10.0)]);
    o.title = "=HYPERLINK(\"http://example.invalid\")".into();
    o.orderer = "+Kommunstyrelsen".into();
    p.add_order(o);
    let out = solve_verified(&p, &SolveOptions::default().with_time_limit(10.0));
    let plan = out.plan.expect("a plan");
    let dir = std::env::temp_dir().join(format!("leverans-csv-{}", std::process::id()));
    write_plan_csv(&plan, &dir).expect("written");
    let orders = std::fs::read_to_string(dir.join("orders.csv")).expect("orders.csv");
    let work = std::fs::read_to_string(dir.join("work.csv")).expect("work.csv");
    let load = std::fs::read_to_string(dir.join("team_load.csv")).expect("team_load.csv");
    std::fs::remove_dir_all(&dir).ok();
    let row = orders.lines().nth(1).expect("one order");
    // Every text cell starts with ', never with = + - @.
    for cell in ["'=cmd", "'=HYPERLINK", "'+Kommunstyrelsen"] {
        assert!(row.contains(cell), "{row}");
    }
    assert!(
        work.lines()
            .skip(1)
            .all(|l| l.starts_with("\"'=cmd") || l.starts_with("'=cmd")),
        "{work}"
    );
    assert!(work.contains(",'@dev,"), "{work}");
    assert!(
        load.lines().skip(1).all(|l| l.starts_with("'@dev,")),
        "{load}"
    );
}

//! `leverans frontier` on Tyresö: value delivered never falls as the budget grows, and a point
//! that shows a smaller budget's plan says so.

mod common;

use common::{dir, run};
use std::path::Path;

#[test]
fn tyreso_frontier_is_monotone_in_value() {
    let base = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../examples/tyreso-2013/portfolio.json")
        .to_string_lossy()
        .into_owned();
    let csv = dir("frontier-tyreso").join("frontier.csv");
    let csv = csv.to_string_lossy();
    // Out of order on purpose; 40 s a solve. At budget 0 neither the heuristic nor the bounds'
    // search finds a first plan under the value-first goal, and the MIP alone found its first
    // after 15–25 s on one thread (session 12: none at 15 s, one at 20 s in one run of two, one
    // at 25 s); 20 s a solve failed once in a clean-clone `make test`.
    let (code, out, err) = run(&[
        "frontier",
        &base,
        "--budgets",
        "600000,0,300000,1200000",
        "--time-limit",
        "40",
        "--csv",
        &csv,
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("| budget | status | value delivered"), "{out}");
    let text = std::fs::read_to_string(&*csv).unwrap();
    let mut rows: Vec<(f64, f64, f64)> = text
        .lines()
        .skip(1)
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            (
                f[0].parse().unwrap(),
                f[2].parse().unwrap(),
                f[7].parse().unwrap(),
            )
        })
        .collect();
    assert_eq!(rows.len(), 4, "{text}");
    rows.sort_by(|a, b| a.0.total_cmp(&b.0));
    for w in rows.windows(2) {
        assert!(w[0].1 <= w[1].1 + 1e-9, "value falls: {rows:?}");
    }
    for (budget, value, plan_budget) in &rows {
        assert!(plan_budget <= budget, "{rows:?}");
        assert!(*value > 0.0, "{rows:?}");
    }
}

//! `leverans diff`: what changed between two plans.

use leverans::plan::PlanDiff;

/// Prints the orders that changed and the portfolio figures before and after; `label` names a
/// period (`2014-W27`, or `P12` without a calendar).
pub fn print(d: &PlanDiff, label: &dyn Fn(u32) -> String) {
    println!(
        "Changed: {} of {} orders ({} go live earlier, {} later, {} decisions changed)",
        d.changed,
        d.orders.len(),
        d.earlier,
        d.later,
        d.decisions_changed
    );
    let opt = |x: Option<u32>| x.map_or_else(|| "-".to_string(), label);
    let shift = |x: Option<i64>| match x {
        Some(s) if s != 0 => format!("{s:+}"),
        _ => String::new(),
    };
    if d.changed > 0 {
        println!(
            "  {:<24} {:<24} {:<22} {:>5} {:<22} {:>5} {:>9}",
            "order", "decision", "start", "", "go-live", "", "lateness"
        );
    }
    for o in d.orders.iter().filter(|o| o.changed) {
        let decision = if o.decision_before == o.decision_after {
            o.decision_after.clone()
        } else {
            format!("{} -> {}", o.decision_before, o.decision_after)
        };
        println!(
            "  {:<24} {:<24} {:<22} {:>5} {:<22} {:>5} {:>9}",
            o.id,
            decision,
            format!(
                "{} -> {}",
                opt(o.start_period_before),
                opt(o.start_period_after)
            ),
            shift(o.start_shift),
            format!(
                "{} -> {}",
                opt(o.go_live_period_before),
                opt(o.go_live_period_after)
            ),
            shift(o.go_live_shift),
            format!("{} -> {}", o.lateness_before, o.lateness_after)
        );
    }
    println!("{}", d.figures("->"));
}

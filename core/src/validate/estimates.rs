//! Checks on three-point estimates: `hours_low ≤ hours ≤ hours_high` for each effort, and
//! `duration_low ≤ duration ≤ duration_high` for fixed-duration orders, every figure finite
//! and 0 or more (durations at least 1 period).

use super::is_amount;
use crate::error::ValidationReport;
use crate::model::Order;

/// Reports every bad estimate bound of order `o`.
pub(super) fn check(o: &Order, report: &mut ValidationReport) {
    let id = o.id.as_str();
    for e in &o.effort {
        for (field, bound) in [
            ("effort.hours_low", e.hours_low),
            ("effort.hours_high", e.hours_high),
        ] {
            let Some(v) = bound else { continue };
            if !is_amount(v) {
                report.push(
                    "invalid_number",
                    "order",
                    id,
                    field,
                    v,
                    format!(
                        "team `{}`: must be a finite number of hours, 0 or more",
                        e.team
                    ),
                );
            }
        }
        if !is_amount(e.hours) {
            // `effort.hours` itself is reported by the work checks; no order to compare.
            continue;
        }
        if let Some(low) = e.hours_low.filter(|v| is_amount(*v) && *v > e.hours) {
            report.push(
                "invalid_range",
                "order",
                id,
                "effort.hours_low",
                low,
                format!(
                    "team `{}`: above hours {} (a three-point estimate needs hours_low ≤ hours ≤ hours_high)",
                    e.team, e.hours
                ),
            );
        }
        if let Some(high) = e.hours_high.filter(|v| is_amount(*v) && *v < e.hours) {
            report.push(
                "invalid_range",
                "order",
                id,
                "effort.hours_high",
                high,
                format!(
                    "team `{}`: below hours {} (a three-point estimate needs hours_low ≤ hours ≤ hours_high)",
                    e.team, e.hours
                ),
            );
        }
    }
    let bounds = [
        ("duration_low", o.duration_low),
        ("duration_high", o.duration_high),
    ];
    let Some(d) = o.duration else {
        for (field, v) in bounds {
            if let Some(v) = v {
                report.push(
                    "invalid_work",
                    "order",
                    id,
                    field,
                    v,
                    "duration estimates apply to fixed-duration orders; an effort-driven one gives hours_low / hours_high on its effort",
                );
            }
        }
        return;
    };
    if o.duration_low == Some(0) {
        report.push(
            "invalid_number",
            "order",
            id,
            "duration_low",
            0,
            "must be at least 1 period",
        );
    }
    if let Some(low) = o.duration_low.filter(|&v| v > d) {
        report.push(
            "invalid_range",
            "order",
            id,
            "duration_low",
            low,
            format!("above duration {d} (a three-point estimate needs duration_low ≤ duration ≤ duration_high)"),
        );
    }
    if let Some(high) = o.duration_high.filter(|&v| v < d) {
        report.push(
            "invalid_range",
            "order",
            id,
            "duration_high",
            high,
            format!("below duration {d} (a three-point estimate needs duration_low ≤ duration ≤ duration_high)"),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::model::{Calendar, Order, Portfolio, Team};

    fn portfolio(o: Order) -> Portfolio {
        let mut p = Portfolio::new(Calendar::units(20));
        p.add_team(Team::new("dev", 40.0));
        p.add_order(o);
        p
    }

    #[test]
    fn a_valid_three_point_estimate_passes() {
        let mut o = Order::effort("a", [("dev", 100.0)]);
        o.effort[0].hours_low = Some(80.0);
        o.effort[0].hours_high = Some(150.0);
        assert!(crate::validate(&portfolio(o)).is_ok());
        let mut f = Order::fixed("f", 3, [("dev", 10.0)]);
        f.duration_low = Some(2);
        f.duration_high = Some(5);
        assert!(crate::validate(&portfolio(f)).is_ok());
    }

    #[test]
    fn bounds_on_the_wrong_side_name_order_field_and_value() {
        let mut o = Order::effort("big", [("dev", 100.0)]);
        o.effort[0].hours_low = Some(120.0);
        o.effort[0].hours_high = Some(f64::NAN);
        let report = crate::validate(&portfolio(o)).unwrap_err();
        assert_eq!(report.codes(), ["invalid_number", "invalid_range"]);
        let text = report.to_string();
        assert!(text.contains("big"), "{text}");
        assert!(text.contains("effort.hours_low"), "{text}");
        assert!(text.contains("120"), "{text}");
        assert!(text.contains("effort.hours_high"), "{text}");
    }

    #[test]
    fn duration_bounds_need_a_fixed_duration_and_bracket_it() {
        let mut o = Order::effort("e", [("dev", 10.0)]);
        o.duration_low = Some(1);
        let report = crate::validate(&portfolio(o)).unwrap_err();
        assert_eq!(report.codes(), ["invalid_work"]);
        let mut f = Order::fixed("f", 3, [("dev", 10.0)]);
        f.duration_low = Some(0);
        f.duration_high = Some(2);
        let report = crate::validate(&portfolio(f)).unwrap_err();
        assert_eq!(report.codes(), ["invalid_number", "invalid_range"]);
        assert!(report.to_string().contains("duration_high"));
    }
}

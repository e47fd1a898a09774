//! Budgets on consultant spend: the spend in each span, derived from the consultant hours the
//! work needs (see [`super::capacity::Loads`]) at each team's price, is within the budget, and
//! the plan's `budgets` table lists every span with that spend.
//!
//! A period belongs to the span of its first day: the whole horizon (`total`), its year
//! (`2014`), quarter (`2014-Q2`) or month (`2014-03`). Unit calendars have no dates, so every
//! budget there has one span, `total`.

use super::capacity::price_of;
use super::{figure, hours_at_most, hours_pair, money_equal, Ctx, Rule, Violation};
use crate::model::{Budget, BudgetSpan};
use crate::plan::BudgetUse;
use chrono::{Datelike, NaiveDate};

/// One span of one budget as the work implies it.
struct SpanSpend {
    label: String,
    first: usize,
    last: usize,
    spent: f64,
}

/// The name of a budget span kind in messages and JSON.
fn per_name(per: BudgetSpan) -> &'static str {
    match per {
        BudgetSpan::Total => "total",
        BudgetSpan::Year => "year",
        BudgetSpan::Quarter => "quarter",
        BudgetSpan::Month => "month",
    }
}

/// The label of the span of kind `per` holding `day` (`total` without a day).
fn label(per: BudgetSpan, day: Option<NaiveDate>) -> String {
    match (per, day) {
        (BudgetSpan::Total, _) | (_, None) => "total".to_string(),
        (BudgetSpan::Year, Some(d)) => format!("{}", d.year()),
        (BudgetSpan::Quarter, Some(d)) => format!("{}-Q{}", d.year(), (d.month() - 1) / 3 + 1),
        (BudgetSpan::Month, Some(d)) => format!("{}-{:02}", d.year(), d.month()),
    }
}

/// The spans of kind `per`, in calendar order, with the spend in each.
fn spans(ctx: &Ctx<'_>, per: BudgetSpan, spend: &[f64]) -> Vec<SpanSpend> {
    let mut out: Vec<SpanSpend> = Vec::new();
    for (t, &s) in spend.iter().enumerate() {
        let l = label(per, ctx.tl.period(t).first_day);
        match out.last_mut() {
            Some(span) if span.label == l => {
                span.last = t;
                span.spent += s;
            }
            _ => out.push(SpanSpend {
                label: l,
                first: t,
                last: t,
                spent: s,
            }),
        }
    }
    out
}

/// Checks every budget span against its budget, then the plan's `budgets` table.
pub(super) fn check(ctx: &Ctx<'_>, out: &mut Vec<Violation>) {
    let n = ctx.tl.len();
    let mut spend = vec![0.0f64; n];
    for (r, row) in ctx.loads.external.iter().enumerate() {
        let price = price_of(ctx, r);
        for (t, &h) in row.iter().enumerate() {
            spend[t] += h * price;
        }
    }
    let mut expected: Vec<(&Budget, SpanSpend)> = Vec::new();
    for b in &ctx.portfolio.budgets {
        for span in spans(ctx, b.per, &spend) {
            if !hours_at_most(span.spent, b.amount) {
                let (a, c) = hours_pair(span.spent, b.amount);
                out.push(
                    Violation::new(
                        Rule::Budget,
                        format!(
                            "consultants cost {a} in {} ({} to {}), above the {} budget of {c}",
                            span.label,
                            ctx.when(span.first),
                            ctx.when(span.last),
                            per_name(b.per)
                        ),
                    )
                    .period(span.first),
                );
            }
            expected.push((b, span));
        }
    }
    check_table(ctx, &expected, out);
}

/// Each budget span has one row in the plan's `budgets`, with its periods, the spend derived
/// from the work and the budget's amount; the table has no other rows.
fn check_table(ctx: &Ctx<'_>, expected: &[(&Budget, SpanSpend)], out: &mut Vec<Violation>) {
    let price = (0..ctx.portfolio.teams.len())
        .map(|r| price_of(ctx, r))
        .fold(0.0f64, f64::max);
    let rows = &ctx.plan.budgets;
    let mut used = vec![false; rows.len()];
    for (b, span) in expected {
        let same = |i: &usize| {
            let row: &BudgetUse = &rows[*i];
            !used[*i] && row.per == b.per && row.label == span.label
        };
        let found = (0..rows.len())
            .filter(same)
            .find(|&i| money_equal(rows[i].amount, b.amount, 1.0))
            .or_else(|| (0..rows.len()).find(same));
        let per = per_name(b.per);
        let bad = |msg: String| Violation::new(Rule::Budget, msg).period(span.first);
        let Some(i) = found else {
            out.push(bad(format!(
                "budgets has no row for the {per} budget of {} in {}",
                figure(b.amount),
                span.label
            )));
            continue;
        };
        used[i] = true;
        let row = &rows[i];
        let what = format!("budgets: the {per} row `{}`", span.label);
        if !money_equal(row.amount, b.amount, 1.0) {
            out.push(bad(format!(
                "{what} has amount {}, but the budget is {}",
                figure(row.amount),
                figure(b.amount)
            )));
        }
        if !money_equal(row.spent, span.spent, price) {
            let (a, c) = hours_pair(row.spent, span.spent);
            out.push(bad(format!(
                "{what} has spent {a}, but the consultant hours the work needs cost {c}"
            )));
        }
        let periods = (row.first_period as usize, row.last_period as usize);
        if periods != (span.first, span.last) {
            out.push(bad(format!(
                "{what} runs from period {} to period {}, but the span is {} to {}",
                row.first_period,
                row.last_period,
                ctx.when(span.first),
                ctx.when(span.last)
            )));
        }
    }
    for (row, _) in rows.iter().zip(&used).filter(|(_, u)| !**u) {
        out.push(Violation::new(
            Rule::Budget,
            format!(
                "budgets has a {} row `{}`, but no budget of the portfolio has that span",
                per_name(row.per),
                row.label
            ),
        ));
    }
}

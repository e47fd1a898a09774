//! What [`super::verify`] returns: the violations found, each naming the rule broken and the
//! order, team and period involved.

use super::Rule;
use serde::Serialize;
use std::fmt;

/// One broken rule.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Violation {
    /// The rule broken.
    pub rule: Rule,
    /// The order concerned, if one is.
    pub order: Option<String>,
    /// The team concerned, if one is.
    pub team: Option<String>,
    /// The period concerned, if one is (0-based index into the calendar).
    pub period: Option<u32>,
    /// A sentence for people, naming the order, team, period and values.
    pub message: String,
}

impl Violation {
    /// A violation of `rule` concerning no particular order, team or period.
    pub(super) fn new(rule: Rule, message: impl Into<String>) -> Self {
        Violation {
            rule,
            order: None,
            team: None,
            period: None,
            message: message.into(),
        }
    }

    /// Names the order concerned.
    pub(super) fn order(mut self, id: &str) -> Self {
        self.order = Some(id.to_string());
        self
    }

    /// Names the team concerned.
    pub(super) fn team(mut self, id: &str) -> Self {
        self.team = Some(id.to_string());
        self
    }

    /// Names the period concerned.
    pub(super) fn period(mut self, t: usize) -> Self {
        self.period = Some(u32::try_from(t).unwrap_or(u32::MAX));
        self
    }
}

impl fmt::Display for Violation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "[{}] {}", self.rule, self.message)
    }
}

/// Everything wrong with a plan; empty when the plan keeps every rule.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VerifyReport {
    /// The violations, grouped by kind of check and in portfolio order within each.
    pub violations: Vec<Violation>,
}

impl VerifyReport {
    /// True when the plan keeps every rule.
    pub fn is_ok(&self) -> bool {
        self.violations.is_empty()
    }

    /// The rules broken, one entry per violation, in report order.
    pub fn rules(&self) -> Vec<Rule> {
        self.violations.iter().map(|v| v.rule).collect()
    }
}

/// One violation per line, `[rule] message`; `no violations` when there are none.
impl fmt::Display for VerifyReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.violations.is_empty() {
            return writeln!(f, "no violations");
        }
        for v in &self.violations {
            writeln!(f, "{v}")?;
        }
        Ok(())
    }
}

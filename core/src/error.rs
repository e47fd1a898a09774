//! Errors: input problems collected in a [`ValidationReport`], and the few ways a solve can fail.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Everything that can go wrong before a plan exists.
///
/// A plan of poor quality, or none within the time limit, or an infeasible portfolio is not an
/// error: it is a [`crate::Status`].
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The input has problems; every one found is listed.
    #[error("{0}")]
    Invalid(ValidationReport),
    /// The input text could not be read as a portfolio.
    #[error("{source_name}: line {line}, column {column}: {message}")]
    Parse {
        /// File name or other label of the input.
        source_name: String,
        /// 1-based line of the problem (0 when unknown).
        line: usize,
        /// 1-based column of the problem (0 when unknown).
        column: usize,
        /// What was wrong.
        message: String,
    },
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// The cause.
        source: std::io::Error,
    },
    /// A solve option is out of range: names the option, the value and what is allowed.
    #[error("invalid option `{option}` = {value}: {message}")]
    InvalidOptions {
        /// The option (`time_limit`, `gap`, `threads`, ...).
        option: String,
        /// The value given, as text.
        value: String,
        /// What the option accepts.
        message: String,
    },
    /// The solver failed in a way that is not a status (a bug, or HiGHS refusing the model).
    #[error("solver error: {0}")]
    Solver(String),
}

/// One problem in the input.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Issue {
    /// Stable snake_case code, e.g. `unknown_team`, `dependency_cycle`.
    pub code: String,
    /// What kind of thing is wrong: `order`, `team`, `dependency`, `calendar`, `freeze_window`,
    /// `portfolio`.
    pub entity: String,
    /// The user's key of that thing (order id, team id, `from->to` for a dependency).
    pub id: String,
    /// The field holding the bad value.
    pub field: String,
    /// The bad value as text.
    pub value: String,
    /// A sentence for people.
    pub message: String,
}

impl fmt::Display for Issue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.id.is_empty() {
            write!(
                f,
                "{} `{}`: {} [{}]",
                self.entity, self.field, self.message, self.code
            )
        } else {
            write!(
                f,
                "{} `{}`, field `{}` = {}: {} [{}]",
                self.entity, self.id, self.field, self.value, self.message, self.code
            )
        }
    }
}

/// All problems found in one input.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ValidationReport {
    /// The problems, in the order the input lists the things they concern.
    pub issues: Vec<Issue>,
}

impl ValidationReport {
    /// True when nothing is wrong.
    pub fn is_empty(&self) -> bool {
        self.issues.is_empty()
    }

    /// Records one problem.
    pub fn push(
        &mut self,
        code: &str,
        entity: &str,
        id: &str,
        field: &str,
        value: impl fmt::Display,
        message: impl Into<String>,
    ) {
        self.issues.push(Issue {
            code: code.to_string(),
            entity: entity.to_string(),
            id: id.to_string(),
            field: field.to_string(),
            value: readable_number(value.to_string()),
            message: message.into(),
        });
    }

    /// The codes of all issues, for tests and scripts.
    pub fn codes(&self) -> Vec<&str> {
        self.issues.iter().map(|i| i.code.as_str()).collect()
    }
}

impl fmt::Display for ValidationReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "{} problem(s) in the input:", self.issues.len())?;
        for i in &self.issues {
            writeln!(f, "  - {i}")?;
        }
        Ok(())
    }
}

/// Shorthand for results in this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// A value as written for a person: a number of more than 16 digits (`1e300` prints with 300
/// digits) in scientific notation, anything else as it is.
///
/// ```
/// # use leverans::error::readable_number;
/// assert_eq!(readable_number("1000000000000000000000000000000".into()), "1e30");
/// assert_eq!(readable_number("-12.5".into()), "-12.5");
/// assert_eq!(readable_number("2014-02-29".into()), "2014-02-29");
/// ```
pub fn readable_number(text: String) -> String {
    let digits = text.chars().filter(|c| c.is_ascii_digit()).count();
    match text.parse::<f64>() {
        Ok(x) if x.is_finite() && digits > 16 => format!("{x:e}"),
        _ => text,
    }
}

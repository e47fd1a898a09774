//! Portfolios and plans as JSON.

use crate::error::{Error, Result};
use crate::model::Portfolio;
use std::path::Path;

/// Reads a portfolio from JSON text; `source_name` labels errors (a file name).
///
/// Syntax errors, unknown fields and wrong types are reported with line and column. The
/// content is not checked here: see [`crate::validate()`].
///
/// ```
/// let json = r#"{"calendar": {"period": "unit", "periods": 4},
///                "teams": [{"id": "dev", "hours_per_week": 1}],
///                "orders": [{"id": "a", "duration": 2, "demand": [{"team": "dev", "hours_per_week": 1}]}]}"#;
/// let p = leverans::io::read_portfolio_json(json, "inline").unwrap();
/// assert_eq!(p.orders[0].duration, Some(2));
/// let err = leverans::io::read_portfolio_json("{\"calendar\": 3}", "bad.json").unwrap_err();
/// assert!(err.to_string().starts_with("bad.json: line 1, column"));
/// ```
pub fn read_portfolio_json(text: &str, source_name: &str) -> Result<Portfolio> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    serde_json::from_str(text).map_err(|e| Error::Parse {
        source_name: source_name.to_string(),
        line: e.line(),
        column: e.column(),
        message: e
            .to_string()
            .split(" at line ")
            .next()
            .unwrap_or_default()
            .to_string(),
    })
}

/// Reads a portfolio file: PSPLIB `.sm` by its extension, JSON otherwise.
pub fn read_portfolio_file(path: &Path) -> Result<Portfolio> {
    let is_sm = path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("sm"));
    if is_sm {
        return super::psplib::read_psplib_sm(path).map_err(|e| match e {
            super::psplib::PsplibError::Parse { line, message } => Error::Parse {
                source_name: path.display().to_string(),
                line,
                column: 0,
                message,
            },
            other => Error::Parse {
                source_name: path.display().to_string(),
                line: 0,
                column: 0,
                message: other.to_string(),
            },
        });
    }
    let text = read_text(path)?;
    read_portfolio_json(&text, &path.display().to_string())
}

/// Writes a portfolio as pretty JSON.
pub fn portfolio_to_json(p: &Portfolio) -> String {
    serde_json::to_string_pretty(p).expect("a portfolio always serialises")
}

/// Reads a file as UTF-8 text, naming the path on failure.
pub fn read_text(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).map_err(|source| Error::Io {
        path: path.display().to_string(),
        source,
    })
}

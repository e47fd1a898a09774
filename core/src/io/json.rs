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
    serde_json::from_str(text).map_err(|e| parse_error(text, source_name, &e))
}

/// A JSON error in the words of the file: where serde's own message names Rust types or says
/// only "expected value", what the user wrote there instead.
pub(crate) fn parse_error(text: &str, source_name: &str, e: &serde_json::Error) -> Error {
    let raw = e.to_string();
    let mut message = raw
        .split(" at line ")
        .next()
        .unwrap_or_default()
        .to_string();
    // The token around the column (serde points into it or just after its sign).
    let line: Vec<char> = text
        .lines()
        .nth(e.line().saturating_sub(1))
        .unwrap_or_default()
        .chars()
        .collect();
    let in_token = |c: char| c.is_alphanumeric() || c == '-' || c == '.' || c == '+';
    let mut a = e.column().saturating_sub(1).min(line.len());
    while a > 0 && in_token(line[a - 1]) {
        a -= 1;
    }
    let word: String = line[a..]
        .iter()
        .copied()
        .take_while(|&c| in_token(c))
        .collect();
    if (message.starts_with("expected value") || message.starts_with("invalid number"))
        && ["NaN", "Infinity", "-Infinity", "inf", "-inf", "nan"].contains(&word.as_str())
    {
        message = format!("`{word}` is not a number JSON allows: give a finite number");
    } else if message.contains("untagged enum TimePoint") {
        // serde stops just after the value: the last token before the column is it.
        let line = text
            .lines()
            .nth(e.line().saturating_sub(1))
            .unwrap_or_default();
        let before: String = line.chars().take(e.column()).collect();
        let value = before
            .trim_end()
            .trim_end_matches([',', '}', ']'])
            .rsplit([':', '[', ','])
            .next()
            .unwrap_or_default()
            .trim();
        message = format!(
            "{value} is not a date (YYYY-MM-DD, a day that exists) or a period number (a whole \
             number from 0)"
        );
    }
    Error::Parse {
        source_name: source_name.to_string(),
        line: e.line(),
        column: e.column(),
        message,
    }
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
    let bytes = std::fs::read(path).map_err(|source| Error::Io {
        path: path.display().to_string(),
        source,
    })?;
    String::from_utf8(bytes).map_err(|e| {
        // Where the text stops being UTF-8, as a line and column of what came before.
        let good = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let before = String::from_utf8_lossy(good);
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        Error::Parse {
            source_name: path.display().to_string(),
            line,
            column,
            message: "not UTF-8 text: save the file as UTF-8 (a binary file, or text from an \
                      old Windows program, cannot be read)"
                .into(),
        }
    })
}

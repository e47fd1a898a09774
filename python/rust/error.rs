//! The one place where failures become Python exceptions.
//!
//! The exception classes are plain Python classes in `leverans.errors` (so they carry
//! structured data, pickle, and have helpers such as `ValidationError.to_frame()`); this
//! module looks them up by name when it raises one. Every entry point runs its Rust work
//! through [`guard`], which releases the GIL and turns a panic into `SolverError`: a
//! `pyo3_runtime.PanicException` derives from `BaseException` and would slip past
//! `except Exception`.

use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use std::panic::{catch_unwind, AssertUnwindSafe};

/// Every way a call into the core can fail.
#[derive(Debug)]
pub enum Failure {
    /// An error the core reports.
    Core(leverans::Error),
    /// JSON from the Python layer that does not match the core's types.
    Json {
        /// What the text should have been (`plan`, `options`).
        what: &'static str,
        /// serde's message.
        error: serde_json::Error,
    },
    /// A Rust panic caught at the boundary: a bug in Leverans.
    Panic(String),
    /// Anything else that is a bug, not bad input.
    Internal(String),
}

impl Failure {
    /// The Python exception for this failure: the single mapping from Rust errors.
    pub fn into_pyerr(self, py: Python<'_>) -> PyErr {
        use leverans::Error as E;
        match self {
            Failure::Core(E::Invalid(report)) => match issues_list(py, &report.issues) {
                Ok(issues) => raise(py, "ValidationError", (report.to_string(), issues)),
                Err(e) => e,
            },
            Failure::Core(E::Parse {
                source_name,
                line,
                column,
                message,
            }) => raise(py, "ParseError", (message, source_name, line, column)),
            Failure::Core(E::Io { path, source }) => raise(
                py,
                "FileError",
                (source.raw_os_error(), source.to_string(), path),
            ),
            Failure::Core(E::Solver(message)) => raise(py, "SolverError", (message,)),
            Failure::Core(e @ E::InvalidOptions { .. }) => {
                pyo3::exceptions::PyValueError::new_err(e.to_string())
            }
            Failure::Core(other) => raise(py, "LeveransError", (other.to_string(),)),
            Failure::Json { what, error } => raise(
                py,
                "ParseError",
                (error.to_string(), what, error.line(), error.column()),
            ),
            Failure::Panic(message) => raise(
                py,
                "SolverError",
                (format!(
                    "internal error in Leverans (please report it): {message}"
                ),),
            ),
            Failure::Internal(message) => raise(
                py,
                "SolverError",
                (format!(
                    "internal error in Leverans (please report it): {message}"
                ),),
            ),
        }
    }
}

/// Builds an instance of `leverans.errors.<name>`; falls back to `RuntimeError` when the
/// Python half of the package cannot be imported (the `_core` module used on its own).
fn raise<'py, A>(py: Python<'py>, name: &str, args: A) -> PyErr
where
    A: pyo3::call::PyCallArgs<'py> + std::fmt::Debug,
{
    let fallback = format!("{name}{args:?}");
    let built = py
        .import("leverans.errors")
        .and_then(|m| m.getattr(name))
        .and_then(|class| class.call1(args));
    match built {
        Ok(exception) => PyErr::from_value(exception),
        Err(e) => PyRuntimeError::new_err(format!("{fallback} (and: {e})")),
    }
}

/// The issues as a list of dicts with the keys `code`, `entity`, `id`, `field`, `value` and
/// `message`: the same shape the Python layer uses for its own checks.
fn issues_list<'py>(py: Python<'py>, issues: &[leverans::Issue]) -> PyResult<Bound<'py, PyList>> {
    let list = PyList::empty(py);
    for i in issues {
        let d = PyDict::new(py);
        d.set_item("code", &i.code)?;
        d.set_item("entity", &i.entity)?;
        d.set_item("id", &i.id)?;
        d.set_item("field", &i.field)?;
        d.set_item("value", &i.value)?;
        d.set_item("message", &i.message)?;
        list.append(d)?;
    }
    Ok(list)
}

/// Text of a panic payload.
pub fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "a panic without a message".to_string()
    }
}

/// Runs `work` without the GIL, catching panics, and maps its failure to a Python exception.
pub fn guard<T, F>(py: Python<'_>, work: F) -> PyResult<T>
where
    T: Send,
    F: FnOnce() -> Result<T, Failure> + Send,
{
    let result = py.detach(|| {
        catch_unwind(AssertUnwindSafe(work))
            .unwrap_or_else(|payload| Err(Failure::Panic(panic_message(&*payload))))
    });
    result.map_err(|f| f.into_pyerr(py))
}

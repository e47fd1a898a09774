//! The solve entry point: off the GIL, on a worker thread, interruptible with Ctrl-C.
//!
//! `highs::Model` is not `Send`, so the whole solve (model building included) runs inside
//! the worker thread; a fresh OS thread per solve also keeps HiGHS's per-thread state from
//! leaking between solves. The calling thread waits in short sleeps with the GIL released
//! and calls `check_signals` between them: a pending `KeyboardInterrupt` (or any exception a
//! signal handler raises) cancels the solve through the core's [`CancelToken`] and is raised
//! at once, without waiting for the worker. Between the waits it also hands the solve's
//! progress line to a Python callable, where one is given.

use crate::error::{panic_message, Failure};
use leverans::solve::ProgressHandle;
use leverans::{CancelToken, Outcome, SolveOptions};
use pyo3::prelude::*;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::mpsc;
use std::time::Duration;

/// How long the calling thread sleeps between two signal checks.
const POLL: Duration = Duration::from_millis(50);
/// How often the progress callable is called.
const PROGRESS_EVERY: Duration = Duration::from_millis(500);

/// Parses the inputs, runs the solve on a worker thread and returns the outcome as JSON;
/// `progress` (a callable taking one string) gets the progress line as the solve goes.
pub fn solve(
    py: Python<'_>,
    portfolio_json: &str,
    options_json: &str,
    progress: Option<Py<PyAny>>,
) -> PyResult<String> {
    let parsed = catch_unwind(AssertUnwindSafe(|| parse(portfolio_json, options_json)))
        .unwrap_or_else(|payload| Err(Failure::Panic(panic_message(&*payload))));
    let (portfolio, mut options) = parsed.map_err(|f| f.into_pyerr(py))?;
    let cancel = CancelToken::new();
    options.cancel = Some(cancel.clone());
    let handle = progress.as_ref().map(|_| ProgressHandle::new());
    options.progress = handle.clone();
    let mut last_report = std::time::Instant::now();

    let (tx, rx) = mpsc::channel::<Result<Outcome, Failure>>();
    let spawned = std::thread::Builder::new()
        .name("leverans-solve".into())
        .spawn(move || {
            let result = catch_unwind(AssertUnwindSafe(|| {
                leverans::solve(&portfolio, &options).map_err(Failure::Core)
            }))
            .unwrap_or_else(|payload| Err(Failure::Panic(panic_message(&*payload))));
            // The receiver is gone when the caller was interrupted; nothing to report then.
            let _ = tx.send(result);
        });
    if let Err(e) = spawned {
        return Err(
            Failure::Internal(format!("cannot start the solve thread: {e}")).into_pyerr(py),
        );
    }

    // `Receiver` is not `Sync`, so it moves into each detached wait and back out.
    let mut rx = rx;
    let outcome = loop {
        let (received, back) = py.detach(move || (rx.recv_timeout(POLL), rx));
        rx = back;
        match received {
            Ok(result) => break result,
            Err(mpsc::RecvTimeoutError::Timeout) => {
                if let Err(interrupt) = py.check_signals() {
                    cancel.cancel();
                    return Err(interrupt);
                }
                if let (Some(call), Some(h)) = (&progress, &handle) {
                    if last_report.elapsed() >= PROGRESS_EVERY {
                        last_report = std::time::Instant::now();
                        if let Err(e) = call.call1(py, (h.snapshot().line(),)) {
                            cancel.cancel();
                            return Err(e);
                        }
                    }
                }
            }
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                break Err(Failure::Internal(
                    "the solve thread ended without a result".into(),
                ))
            }
        }
    };
    if let (Some(call), Some(h), Ok(_)) = (&progress, &handle, &outcome) {
        call.call1(py, (h.snapshot().line(),))?;
    }
    let json = outcome.and_then(|o| {
        serde_json::to_string(&o).map_err(|e| Failure::Internal(format!("outcome: {e}")))
    });
    json.map_err(|f| f.into_pyerr(py))
}

/// The portfolio (through the core's reader, for its messages) and the options.
fn parse(
    portfolio_json: &str,
    options_json: &str,
) -> Result<(leverans::Portfolio, SolveOptions), Failure> {
    let portfolio =
        leverans::io::read_portfolio_json(portfolio_json, "portfolio").map_err(Failure::Core)?;
    let options: SolveOptions =
        serde_json::from_str(options_json).map_err(|error| Failure::Json {
            what: "options",
            error,
        })?;
    Ok((portfolio, options))
}

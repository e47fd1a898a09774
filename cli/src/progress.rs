//! A one-line progress display on standard error while a solve runs (only on a terminal):
//! the solve's own line (`leverans::solve::Progress::line`: phase, level, best value and
//! bound) where the solve reports one, else the time elapsed.

use leverans::solve::ProgressHandle;
use std::io::{IsTerminal, Write};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

/// A running progress line; [`Progress::stop`] clears it.
pub struct Progress {
    done: Arc<AtomicBool>,
    handle: Option<JoinHandle<()>>,
}

impl Progress {
    /// Starts showing elapsed time against the limit, when standard error is a terminal.
    pub fn start(limit: Option<f64>) -> Progress {
        Progress::start_with(limit, None)
    }

    /// Starts showing the solve's progress as `solve` reports it (elapsed time only without
    /// it), when standard error is a terminal.
    pub fn start_with(limit: Option<f64>, solve: Option<ProgressHandle>) -> Progress {
        let done = Arc::new(AtomicBool::new(false));
        let handle = std::io::stderr().is_terminal().then(|| {
            let done = done.clone();
            std::thread::spawn(move || {
                let t0 = Instant::now();
                while !done.load(Ordering::Relaxed) {
                    std::thread::sleep(Duration::from_millis(250));
                    let s = t0.elapsed().as_secs_f64();
                    let line = match (&solve, limit) {
                        // Cleared to the line's end: the next line may be shorter.
                        (Some(h), _) => format!("\r  {}\x1b[K", h.snapshot().line()),
                        (None, Some(l)) => format!("\r  planning… {s:5.1} s of at most {l:.0} s "),
                        (None, None) => format!("\r  planning… {s:5.1} s "),
                    };
                    let mut err = std::io::stderr();
                    let _ = err.write_all(line.as_bytes());
                    let _ = err.flush();
                }
                let _ = std::io::stderr().write_all(b"\r\x1b[2K");
            })
        });
        Progress { done, handle }
    }

    /// Stops and clears the line.
    pub fn stop(mut self) {
        self.done.store(true, Ordering::Relaxed);
        if let Some(h) = self.handle.take() {
            let _ = h.join();
        }
    }
}

//! Stopping a running solve: a cancel token the caller can set from any thread, and a hard
//! wall-clock deadline, both checked by HiGHS's interrupt callbacks.
//!
//! HiGHS checks its own time limit only between some steps; the callback also stops it at
//! the deadline where it does call back. good_lp and the `highs` crate expose no callbacks, so
//! this module uses highs-sys's C API on the model's raw pointer. No panic may unwind out of
//! the `extern "C"` function: the body is wrapped in `catch_unwind`.

use std::os::raw::{c_char, c_int, c_void};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::Instant;

/// A flag that stops a solve when set: the solve returns the best plan found so far.
///
/// ```
/// let token = leverans::CancelToken::new();
/// let options = leverans::SolveOptions { cancel: Some(token.clone()), ..Default::default() };
/// token.cancel(); // from another thread, say a Ctrl-C handler
/// assert!(options.cancel.unwrap().is_cancelled());
/// ```
#[derive(Debug, Clone, Default)]
pub struct CancelToken(Arc<AtomicBool>);

impl CancelToken {
    /// A fresh token, not cancelled.
    pub fn new() -> Self {
        CancelToken::default()
    }

    /// Asks the solve to stop as soon as it can.
    pub fn cancel(&self) {
        self.0.store(true, Ordering::Relaxed);
    }

    /// The flag itself, for searches that watch a flag of their own kind.
    pub(crate) fn flag(&self) -> &AtomicBool {
        &self.0
    }

    /// Whether [`CancelToken::cancel`] was called.
    pub fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }
}

impl PartialEq for CancelToken {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

/// What the callback reads: lives on the solving thread's stack for the whole solve.
pub(crate) struct Control {
    pub cancel: Option<CancelToken>,
    pub deadline: Option<Instant>,
    /// Where the MIP's incumbent and bound are reported as they improve.
    pub progress: Option<super::ProgressHandle>,
    /// The objective's constant, which HiGHS does not see: added to its values.
    pub offset: f64,
    /// What the run shares with its waiting caller ([`super::watchdog`]): improving solutions
    /// and bounds go there, and the caller's abandonment stops the run.
    pub watch: Option<Arc<super::watchdog::Watch>>,
}

impl Control {
    fn should_stop(&self) -> bool {
        self.cancel.as_ref().is_some_and(|c| c.is_cancelled())
            || self.deadline.is_some_and(|d| Instant::now() >= d)
            || self.watch.as_ref().is_some_and(|w| w.is_abandoned())
    }

    /// Reports an incumbent value and a bound (HiGHS's, without the offset).
    fn report(&self, primal: f64, dual: f64) {
        let (primal, dual) = (primal + self.offset, dual + self.offset);
        let report = || {
            if let Some(p) = &self.progress {
                p.improved(Some(primal), Some(dual));
            }
        };
        match &self.watch {
            Some(w) => {
                w.keep_bound(dual);
                w.report(report);
            }
            None => report(),
        }
    }
}

unsafe extern "C" fn interrupt_callback(
    callback_type: c_int,
    _message: *const c_char,
    data_out: *const highs_sys::HighsCallbackDataOut,
    data_in: *mut highs_sys::HighsCallbackDataIn,
    user_data: *mut c_void,
) {
    let _ = std::panic::catch_unwind(|| {
        if user_data.is_null() {
            return;
        }
        // SAFETY: `user_data` is the `Control` registered in `install`, alive until the solve
        // returns.
        let control = unsafe { &*(user_data as *const Control) };
        if callback_type == highs_sys::kHighsCallbackMipImprovingSolution && !data_out.is_null() {
            // SAFETY: `data_out` is HiGHS's output block for this call; `mip_solution` holds
            // `mip_solution_size` values of the original model's columns while the call lasts.
            let columns = unsafe {
                let out = &*data_out;
                (!out.mip_solution.is_null() && out.mip_solution_size > 0).then(|| {
                    std::slice::from_raw_parts(out.mip_solution, out.mip_solution_size as usize)
                })
            };
            if let (Some(w), Some(columns)) = (&control.watch, columns) {
                w.keep_solution(columns);
            }
            return;
        }
        let interrupt_types = [
            highs_sys::kHighsCallbackMipInterrupt,
            highs_sys::kHighsCallbackSimplexInterrupt,
            highs_sys::kHighsCallbackIpmInterrupt,
        ];
        if data_in.is_null() || !interrupt_types.contains(&callback_type) {
            return;
        }
        if callback_type == highs_sys::kHighsCallbackMipInterrupt && !data_out.is_null() {
            // SAFETY: `data_out` is HiGHS's output block for this call, read only here.
            let (primal, dual) =
                unsafe { ((*data_out).mip_primal_bound, (*data_out).mip_dual_bound) };
            control.report(primal, dual);
        }
        if control.should_stop() {
            // SAFETY: `data_in` is HiGHS's input block for this call.
            unsafe { (*data_in).user_interrupt = 1 };
        }
    });
}

/// Registers the interrupt callbacks on a model. `control` must outlive the solve.
pub(crate) fn install(model: &mut highs::Model, control: &Control) {
    let ptr = model.as_mut_ptr();
    // SAFETY: `ptr` is the live Highs instance of `model`; `control` outlives the solve (the
    // caller keeps it on the stack until `try_solve` returns).
    unsafe {
        highs_sys::Highs_setCallback(
            ptr,
            Some(interrupt_callback),
            control as *const Control as *mut c_void,
        );
        highs_sys::Highs_startCallback(ptr, highs_sys::kHighsCallbackMipInterrupt);
        highs_sys::Highs_startCallback(ptr, highs_sys::kHighsCallbackSimplexInterrupt);
        if control.watch.is_some() {
            highs_sys::Highs_startCallback(ptr, highs_sys::kHighsCallbackMipImprovingSolution);
        }
    }
}

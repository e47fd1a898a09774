//! A hard stop for one MIP run: the run goes on an owned thread, and the caller stops waiting
//! for it a little after its deadline, whatever HiGHS is doing then.
//!
//! HiGHS keeps its time limit only where it checks it, and the interrupt callback
//! ([`super::control`]) stops it only where it calls back. Some phases do neither (presolve,
//! parts of the search): on Tyresö the first level's whole model once returned 2.1 s after its
//! 6.6 s limit, and the plan's last pass lost that time (`docs/realism.md`). So the caller
//! waits on a channel, not on the thread. Once the run is [`GRACE`] past its deadline (or past
//! a cancel), the caller raises the run's interrupt flag, takes the best plan the run reported
//! through its improving-solution callback, and goes on; the thread stops at HiGHS's next
//! callback and its result is dropped. After that the run reports no progress: the lock in
//! [`Watch::report`] orders every report before the abandonment or not at all.
//!
//! A left run's thread still runs HiGHS for a while (presolve calls nothing back). A process
//! that exits meanwhile frees HiGHS's static data under it, and the C library aborts the
//! process (seen: `free(): invalid pointer` in HiGHS's presolve, once in ten 10 s CLI plans of
//! Tyresö, after the plan was printed). Every run's thread is therefore counted in [`RUNS`],
//! and [`wait_for_background_runs`] waits until none is left. The first time a run is left,
//! the same wait is also registered with the C library's `atexit` (on Unix), so that a program
//! that forgets to wait (a test binary, say) does not abort either: handlers run in reverse
//! order of registration, so it runs before the handlers of the HiGHS data built until then.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Condvar, Mutex, MutexGuard, OnceLock};
use std::time::{Duration, Instant};

use crate::formulation::Layout;

/// How long past its deadline (or past a cancel) a run may take before the caller leaves it.
/// It covers HiGHS's usual return after an interrupt (about 10 ms) with room to spare; once
/// HiGHS has returned, the caller waits for the plan to be read whatever the time.
pub(crate) const GRACE: Duration = Duration::from_millis(250);

/// How often the waiting caller looks at the cancel token.
const POLL: Duration = Duration::from_millis(25);

/// What a run and its caller share.
#[derive(Default)]
pub(crate) struct Watch {
    /// When HiGHS started (the run's time limit counts from here), once it has.
    solving_since: OnceLock<Instant>,
    /// Set once HiGHS has returned: the caller then waits for the plan to be read.
    returned: AtomicBool,
    /// Set by the caller when it leaves the run; guarded so that no report follows it.
    abandoned: Mutex<bool>,
    /// The columns of the best solution HiGHS reported, and the model's layout to read it.
    incumbent: Mutex<Option<Vec<f64>>>,
    layout: OnceLock<Layout>,
    /// The best dual bound HiGHS reported, offset included.
    bound: Mutex<Option<f64>>,
}

impl Watch {
    /// Marks the start of HiGHS's solve, with the layout its columns follow.
    pub(crate) fn solving(&self, layout: Layout) {
        let _ = self.layout.set(layout);
        let _ = self.solving_since.set(Instant::now());
    }

    /// The layout given to [`Watch::solving`], once HiGHS has started.
    pub(crate) fn layout(&self) -> Option<&Layout> {
        self.layout.get()
    }

    /// Marks HiGHS's return.
    pub(crate) fn returned(&self) {
        self.returned.store(true, Ordering::Release);
    }

    /// Whether the caller has left the run (the callback then interrupts HiGHS).
    pub(crate) fn is_abandoned(&self) -> bool {
        *lock(&self.abandoned)
    }

    /// Runs `report` unless the caller has left the run; the caller cannot leave meanwhile.
    pub(crate) fn report(&self, report: impl FnOnce()) {
        let abandoned = lock(&self.abandoned);
        if !*abandoned {
            report();
        }
    }

    /// Keeps an improving solution's columns (a copy: HiGHS owns the buffer).
    pub(crate) fn keep_solution(&self, columns: &[f64]) {
        self.report(|| *lock(&self.incumbent) = Some(columns.to_vec()));
    }

    /// Keeps a dual bound (offset included) where it is finite.
    pub(crate) fn keep_bound(&self, bound: f64) {
        if bound.is_finite() {
            self.report(|| {
                let mut b = lock(&self.bound);
                *b = Some(b.map_or(bound, |x| x.max(bound)));
            });
        }
    }

    /// When the caller should leave the run: [`GRACE`] after its deadline, or else after its
    /// limit counted from HiGHS's start; `None` once HiGHS has returned, without either, or
    /// (without a deadline) while the model is still being built.
    fn due(&self, limit: Limit) -> Option<Instant> {
        if self.returned.load(Ordering::Acquire) {
            return None;
        }
        if let Some(d) = limit.deadline {
            return Some(d + GRACE);
        }
        let since = *self.solving_since.get()?;
        Some(since + Duration::from_secs_f64(limit.seconds?.max(0.01)) + GRACE)
    }

    /// Leaves the run: no report follows, and the run's callback interrupts HiGHS. Returns
    /// the best solution's columns (read them with [`Watch::layout`]) and the bound, as
    /// reported.
    fn abandon(&self) -> (Option<Vec<f64>>, Option<f64>) {
        *lock(&self.abandoned) = true;
        let columns = lock(&self.incumbent).take();
        (columns, *lock(&self.bound))
    }
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|e| e.into_inner())
}

/// A count of threads that run HiGHS, and a way to wait until there are none.
#[derive(Default)]
pub(crate) struct Runs {
    count: Mutex<usize>,
    none_left: Condvar,
}

/// Every MIP run's thread, counted from before it is spawned until it ends (the caller may
/// have left it long before).
pub(crate) static RUNS: Runs = Runs {
    count: Mutex::new(0),
    none_left: Condvar::new(),
};

/// One counted run; the count drops when this does (at the end of the run's thread, whether
/// it returned, panicked or was never spawned).
pub(crate) struct RunGuard<'a>(&'a Runs);

impl Runs {
    /// Counts a run until the guard is dropped.
    pub(crate) fn enter(&self) -> RunGuard<'_> {
        *lock(&self.count) += 1;
        RunGuard(self)
    }

    /// Waits until no run is counted, at most `timeout`; whether none is.
    pub(crate) fn wait_idle(&self, timeout: Duration) -> bool {
        let count = lock(&self.count);
        let (count, _) = self
            .none_left
            .wait_timeout_while(count, timeout, |c| *c > 0)
            .unwrap_or_else(|e| e.into_inner());
        *count == 0
    }
}

impl Drop for RunGuard<'_> {
    fn drop(&mut self) {
        let mut count = lock(&self.0.count);
        *count -= 1;
        if *count == 0 {
            self.0.none_left.notify_all();
        }
    }
}

/// Waits until every MIP run a solve has left behind has ended, at most `timeout`; returns
/// whether none is still running.
///
/// A solve keeps its time limit by leaving a HiGHS run that overruns it (`docs/time_limit.md`);
/// the run's thread stops at HiGHS's next callback, which can be a second or so later. A
/// program that exits right after a solve should call this first: exiting while HiGHS still
/// runs frees its static data under it and can abort the process. The command line and the
/// Python package (at interpreter exit) do so.
///
/// ```
/// use std::time::Duration;
/// // No solve has run here, so nothing is left running.
/// assert!(leverans::solve::wait_for_background_runs(Duration::from_secs(1)));
/// ```
pub fn wait_for_background_runs(timeout: Duration) -> bool {
    RUNS.wait_idle(timeout)
}

/// Runs `work` on a thread named `name`, counted in [`RUNS`] from before it is spawned until
/// `work` has ended (whether it returned or panicked; a thread that could not be spawned is
/// not counted).
pub(crate) fn spawn_counted(
    name: &str,
    work: impl FnOnce() + Send + 'static,
) -> std::io::Result<()> {
    let counted = RUNS.enter();
    std::thread::Builder::new()
        .name(name.into())
        .spawn(move || {
            let _counted = counted;
            work();
        })
        .map(|_| ())
}

/// Runs `work` on a thread counted as a MIP run, for tests of the wait at exit (the Python
/// package's, say): a program that exits while it runs must wait for it.
#[doc(hidden)]
pub fn spawn_counted_for_tests(work: impl FnOnce() + Send + 'static) -> std::io::Result<()> {
    spawn_counted("leverans-test-run", work)
}

/// How long the process's exit waits for a left run, where the program did not wait itself.
const EXIT_WAIT: Duration = Duration::from_secs(30);

/// Registers, once per process, a wait for the left runs at process exit (see the module doc).
fn wait_at_exit() {
    #[cfg(unix)]
    {
        extern "C" fn wait_for_runs() {
            // Cannot panic: `wait_idle` recovers a poisoned lock.
            RUNS.wait_idle(EXIT_WAIT);
        }
        static REGISTERED: std::sync::Once = std::sync::Once::new();
        REGISTERED.call_once(|| {
            // SAFETY: `wait_for_runs` is a plain `extern "C"` function that does not unwind.
            // Where registration fails, nothing is lost but this safety net.
            let _ = unsafe { libc::atexit(wait_for_runs) };
        });
    }
}

/// When a run is due back.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Limit {
    /// Seconds of HiGHS's time, counted from its start.
    pub seconds: Option<f64>,
    /// The caller's deadline, which overrides `seconds` where set.
    pub deadline: Option<Instant>,
}

/// How the wait for a run ended.
pub(crate) enum Waited<T> {
    /// The run returned this.
    Returned(T),
    /// The run panicked (its thread ended without a result).
    Panicked,
    /// The caller left the run: the columns of the best solution it reported (read them with
    /// [`Watch::layout`]), and its bound.
    Abandoned(Option<Vec<f64>>, Option<f64>),
}

/// Waits for `rx`'s one result, leaving the run (see [`Watch`]) once it is [`GRACE`] past
/// `limit`, or [`GRACE`] after `cancel` is set.
pub(crate) fn wait<T>(
    rx: &std::sync::mpsc::Receiver<T>,
    watch: &Watch,
    limit: Limit,
    cancel: Option<&super::CancelToken>,
) -> Waited<T> {
    use std::sync::mpsc::RecvTimeoutError;
    let mut cancelled_at: Option<Instant> = None;
    loop {
        let now = Instant::now();
        if cancelled_at.is_none() && cancel.is_some_and(|c| c.is_cancelled()) {
            cancelled_at = Some(now);
        }
        let due = [watch.due(limit), cancelled_at.map(|t| t + GRACE)]
            .into_iter()
            .flatten()
            .min();
        if due.is_some_and(|d| now >= d) && !watch.returned.load(Ordering::Acquire) {
            let (solution, bound) = watch.abandon();
            wait_at_exit();
            return Waited::Abandoned(solution, bound);
        }
        let wait = due.map_or(POLL, |d| d.saturating_duration_since(now).min(POLL));
        match rx.recv_timeout(wait.max(Duration::from_millis(1))) {
            Ok(result) => return Waited::Returned(result),
            Err(RecvTimeoutError::Timeout) => continue,
            Err(RecvTimeoutError::Disconnected) => return Waited::Panicked,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::mpsc;
    use std::sync::Arc;

    fn seconds(s: f64) -> Limit {
        Limit {
            seconds: Some(s),
            deadline: None,
        }
    }

    #[test]
    fn waiting_for_runs_ends_when_the_last_one_does() {
        let runs: &'static Runs = Box::leak(Box::default());
        assert!(runs.wait_idle(Duration::ZERO));
        let (stop, stopped) = mpsc::channel::<()>();
        let guard = runs.enter();
        let worker = std::thread::spawn(move || {
            let _guard = guard;
            let _ = stopped.recv();
        });
        assert!(
            !runs.wait_idle(Duration::from_millis(20)),
            "a run is still going"
        );
        stop.send(()).unwrap();
        assert!(runs.wait_idle(Duration::from_secs(60)), "the run ended");
        worker.join().unwrap();
        // A guard that never reached a thread is uncounted when it is dropped.
        drop(runs.enter());
        assert!(runs.wait_idle(Duration::ZERO));
    }

    #[test]
    fn a_run_still_being_built_is_left_at_its_deadline() {
        let watch = Watch::default();
        let (_tx, rx) = mpsc::channel::<u32>();
        let limit = Limit {
            seconds: Some(60.0),
            deadline: Some(Instant::now() + Duration::from_millis(20)),
        };
        // HiGHS never starts here: without the deadline this wait would not end.
        assert!(matches!(
            wait(&rx, &watch, limit, None),
            Waited::Abandoned(None, None)
        ));
        assert!(watch.is_abandoned());
    }

    #[test]
    fn a_run_that_returns_in_time_is_waited_for() {
        let watch = Watch::default();
        let (tx, rx) = mpsc::channel();
        tx.send(7).unwrap();
        assert!(matches!(
            wait(&rx, &watch, seconds(1.0), None),
            Waited::Returned(7)
        ));
    }

    #[test]
    fn a_run_past_its_limit_is_left_with_what_it_reported() {
        let watch = Arc::new(Watch::default());
        let (tx, rx) = mpsc::channel::<u32>();
        let w = Arc::clone(&watch);
        // A "solve" that never checks its limit and ignores the interrupt for a while.
        let worker = std::thread::spawn(move || {
            w.solving(Layout::default());
            w.keep_solution(&[1.0, 2.0]);
            w.keep_bound(3.0);
            while !w.is_abandoned() {
                std::thread::sleep(Duration::from_millis(5));
            }
            // Reports after the caller left are dropped.
            w.keep_solution(&[9.0]);
            w.keep_bound(99.0);
            let _ = tx.send(1);
        });
        match wait(&rx, &watch, seconds(0.05), None) {
            Waited::Abandoned(Some(columns), bound) => {
                assert_eq!(columns, vec![1.0, 2.0]);
                assert_eq!(bound, Some(3.0));
            }
            _ => panic!("the run was not left"),
        }
        worker.join().unwrap();
        assert!(lock(&watch.incumbent).is_none());
        assert_eq!(*lock(&watch.bound), Some(3.0));
    }

    #[test]
    fn a_cancelled_run_is_left_after_the_grace() {
        let watch = Arc::new(Watch::default());
        let (_tx, rx) = mpsc::channel::<u32>();
        let cancel = super::super::CancelToken::new();
        cancel.cancel();
        // No limit and HiGHS not even started: the cancel alone ends the wait.
        assert!(matches!(
            wait(&rx, &watch, Limit::default(), Some(&cancel)),
            Waited::Abandoned(None, None)
        ));
    }

    #[test]
    fn a_run_that_ended_without_a_result_is_a_panic() {
        let watch = Watch::default();
        let (tx, rx) = mpsc::channel::<u32>();
        drop(tx);
        assert!(matches!(
            wait(&rx, &watch, seconds(1.0), None),
            Waited::Panicked
        ));
    }

    /// A real HiGHS run of Tyresö's first level given a minute but needed back in two
    /// seconds: it comes back unproven (HiGHS does not prove this level in minutes), with a
    /// plan that keeps every rule: HiGHS's best, or (on a loaded machine, where the run is
    /// left before HiGHS has checked its start) the heuristic's plan it started from.
    #[test]
    fn a_highs_run_comes_back_by_the_callers_deadline_with_a_verified_plan() {
        use crate::problem::Windows;
        use crate::solve::lns::tests::assert_verified;
        use crate::solve::mip::{run, MipEnd, MipSettings};
        let portfolio = crate::solve::lns::tests::tyreso();
        let problem = crate::validate(&portfolio).expect("valid");
        let windows = Windows::compute(&problem, problem.periods).expect("windows");
        let options = crate::SolveOptions::default();
        let levels = options.goal.resolve(&portfolio).levels();
        let timeline = crate::Timeline::new(&portfolio.calendar).expect("a calendar");
        let start = super::super::first_plan::first_plan(
            &portfolio,
            &timeline,
            &problem,
            &windows,
            &levels,
            &options,
            Instant::now(),
            &mut None,
        )
        .expect("the heuristic's first plan");
        let settings = MipSettings {
            deadline: Some(Instant::now() + Duration::from_secs(2)),
            ..MipSettings::from_options(&options, Some(60.0))
        };
        let out =
            run(&problem, &windows, &levels[0], &[], Some(&start), &settings).expect("HiGHS ran");
        assert_eq!(out.end, MipEnd::Limit);
        let plan = out.schedule.expect("at least the starting plan comes back");
        assert_verified(&portfolio, &problem, &plan);
    }
}

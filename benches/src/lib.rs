//! Benchmarks and peer comparisons for Leverans: shared helpers for the harness binaries.
//!
//! - `psplib_sample`: solves a PSPLIB sample with the makespan objective, verifies every plan,
//!   and compares with the best known bounds (`../shared/psplib/opt`).

pub mod generate;
pub mod greedy;

use leverans::heuristic::best_schedule;
use leverans::io::psplib::{psplib_dir, read_best_known, read_psplib_sm, BestKnown};
use leverans::plan::build_plan;
use leverans::problem::Windows;
use leverans::{solve, verify, Goal, Objective, SolveOptions, Status, Timeline};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The `.sm` files of a PSPLIB set (`j30`, `j60`) in natural order: parameter group, then
/// instance (`j301_1`, `j301_2`, …, `j301_10`, `j302_1`, …).
pub fn instances(set: &str) -> std::io::Result<Vec<PathBuf>> {
    let dir = psplib_dir().join(set);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "sm"))
        .collect();
    files.sort_by_key(|p| natural_key(set, p));
    Ok(files)
}

fn natural_key(set: &str, p: &Path) -> (u32, u32) {
    let stem = p.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
    let rest = stem.strip_prefix(set).unwrap_or(stem);
    let mut parts = rest.split('_').map(|x| x.parse().unwrap_or(u32::MAX));
    (
        parts.next().unwrap_or(u32::MAX),
        parts.next().unwrap_or(u32::MAX),
    )
}

/// Best known bounds of a set, by instance name.
pub fn best_known(set: &str) -> HashMap<String, BestKnown> {
    let path = psplib_dir()
        .join("opt")
        .join(format!("consolidated-{set}.csv"));
    read_best_known(&path).unwrap_or_default()
}

/// The PSPLIB instance `name` of `set` (`j30`, `j301_1`) for a criterion bench,
/// validated, or None (with a note on standard error) when the data is not there.
pub fn bench_instance(set: &str, name: &str) -> Option<leverans::problem::Problem> {
    let path = psplib_dir().join(set).join(format!("{name}.sm"));
    let Ok(portfolio) = read_psplib_sm(&path) else {
        eprintln!(
            "{} not found (set LEVERANS_PSPLIB_DIR); skipping",
            path.display()
        );
        return None;
    };
    Some(leverans::validate(&portfolio).expect("a valid PSPLIB instance"))
}

/// One instance's result.
#[derive(Debug, Clone)]
pub struct Row {
    /// Instance name.
    pub instance: String,
    /// Solve status.
    pub status: Status,
    /// Makespan found.
    pub makespan: Option<f64>,
    /// Proven lower bound.
    pub bound: Option<f64>,
    /// Best known upper bound (the optimum when closed).
    pub best_ub: Option<u32>,
    /// Whether the instance's optimum is known.
    pub closed: bool,
    /// Seconds spent.
    pub seconds: f64,
    /// Whether the plan passed the verifier.
    pub verified: bool,
    /// Where the plan came from.
    pub source: String,
}

impl Row {
    /// Gap to the best known makespan in percent.
    pub fn gap_to_best(&self) -> Option<f64> {
        Some(100.0 * (self.makespan? - self.best_ub? as f64) / self.best_ub? as f64)
    }

    /// CSV header matching [`Row::csv`].
    pub const HEADER: &'static str =
        "instance,status,makespan,bound,best_ub,closed,gap_to_best_pct,seconds,verified,source";

    /// The row as CSV.
    pub fn csv(&self) -> String {
        let f = |x: Option<f64>| x.map_or(String::new(), |v| format!("{v}"));
        format!(
            "{},{},{},{},{},{},{},{:.3},{},{}",
            self.instance,
            self.status,
            f(self.makespan),
            f(self.bound),
            self.best_ub.map_or(String::new(), |v| v.to_string()),
            self.closed as u8,
            self.gap_to_best()
                .map_or(String::new(), |g| format!("{g:.3}")),
            self.seconds,
            self.verified,
            self.source
        )
    }
}

impl Row {
    /// The row of an instance before (or without) a plan, with its best known bounds.
    fn unsolved(path: &Path, best: &HashMap<String, BestKnown>, source: &str) -> Row {
        let name = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default()
            .to_string();
        let known = best.get(&name);
        Row {
            instance: name,
            status: Status::NoPlanInTime,
            makespan: None,
            bound: None,
            best_ub: known.map(|b| b.best_ub),
            closed: known.is_some_and(|b| b.closed),
            seconds: 0.0,
            verified: false,
            source: source.to_string(),
        }
    }
}

/// Waits, when dropped, for any HiGHS run a solve left behind (at most a minute): a harness
/// binary holds one in `main`, since exiting while HiGHS still runs can abort the process
/// (`leverans::solve::wait_for_background_runs`).
pub struct WaitForRunsAtExit;

impl Drop for WaitForRunsAtExit {
    fn drop(&mut self) {
        leverans::solve::wait_for_background_runs(std::time::Duration::from_secs(60));
    }
}

/// The value after `--name` on a command line, if given (the harness binaries' flags).
pub fn flag_value(args: &[String], name: &str) -> Option<String> {
    args.iter()
        .position(|a| a == name)
        .and_then(|i| args.get(i + 1))
        .cloned()
}

/// Solves one PSPLIB instance for makespan and verifies the plan.
pub fn run_instance(path: &Path, best: &HashMap<String, BestKnown>, options: &SolveOptions) -> Row {
    let mut row = Row::unsolved(path, best, "");
    let Ok(portfolio) = read_psplib_sm(path) else {
        return row;
    };
    let options = options.clone().with_goal(Goal::single(Objective::Makespan));
    let Ok(out) = solve(&portfolio, &options) else {
        return row;
    };
    row.status = out.status;
    row.makespan = out.objective;
    row.bound = out.bound;
    row.seconds = out.seconds;
    row.source = format!("{:?}", out.source).to_lowercase();
    row.verified = out
        .plan
        .as_ref()
        .is_some_and(|p| verify(&portfolio, p).is_ok());
    row
}

/// Plans one PSPLIB instance for makespan with the heuristic alone (no MIP) and verifies the
/// plan; the row's bound is the critical-path bound from the time windows.
pub fn run_heuristic(
    path: &Path,
    best: &HashMap<String, BestKnown>,
    options: &SolveOptions,
) -> Row {
    let started = std::time::Instant::now();
    let mut row = Row::unsolved(path, best, "heuristic");
    let Ok(portfolio) = read_psplib_sm(path) else {
        return row;
    };
    let Ok(problem) = leverans::validate(&portfolio) else {
        return row;
    };
    let Ok(timeline) = Timeline::new(&portfolio.calendar) else {
        return row;
    };
    let Ok(windows) = Windows::compute(&problem, problem.periods) else {
        return row;
    };
    let levels = Goal::single(Objective::Makespan).levels();
    let budget = options.heuristic_budget(&problem, &levels);
    let schedule = best_schedule(&problem, &windows, &levels, &budget);
    row.seconds = started.elapsed().as_secs_f64();
    let Some(schedule) = schedule else {
        return row;
    };
    let makespan = Objective::Makespan.evaluate(&problem, &schedule);
    let cpm = windows.jobs.iter().map(|w| w.eg + 1).max().unwrap_or(0) as f64;
    row.status = if makespan <= cpm {
        Status::Optimal
    } else {
        Status::Feasible
    };
    row.makespan = Some(makespan);
    row.bound = Some(cpm);
    let plan = build_plan(&portfolio, &timeline, &problem, &schedule);
    row.verified = verify(&portfolio, &plan).is_ok();
    row
}

/// Summary figures of a run.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    /// Instances run.
    pub instances: usize,
    /// Proven optimal.
    pub optimal: usize,
    /// Plans that passed the verifier.
    pub verified: usize,
    /// Plans whose makespan equals the best known.
    pub at_best: usize,
    /// Mean gap to the best known makespan, percent.
    pub mean_gap: f64,
    /// Instances whose makespan is below the best known lower bound of a closed instance
    /// (must be 0: it would mean a wrong plan or a wrong bound).
    pub below_optimum: usize,
    /// Instances reported optimal whose makespan differs from the known optimum (must be 0).
    pub optimal_mismatch: usize,
    /// Mean seconds per instance.
    pub mean_seconds: f64,
}

/// Sums up rows.
pub fn summarise(rows: &[Row]) -> Summary {
    let gaps: Vec<f64> = rows.iter().filter_map(|r| r.gap_to_best()).collect();
    Summary {
        instances: rows.len(),
        optimal: rows.iter().filter(|r| r.status == Status::Optimal).count(),
        verified: rows.iter().filter(|r| r.verified).count(),
        at_best: rows
            .iter()
            .filter(|r| r.gap_to_best().is_some_and(|g| g.abs() < 1e-9))
            .count(),
        mean_gap: if gaps.is_empty() {
            f64::NAN
        } else {
            gaps.iter().sum::<f64>() / gaps.len() as f64
        },
        below_optimum: rows
            .iter()
            .filter(|r| r.closed && r.gap_to_best().is_some_and(|g| g < -1e-9))
            .count(),
        optimal_mismatch: rows
            .iter()
            .filter(|r| {
                r.closed
                    && r.status == Status::Optimal
                    && r.gap_to_best().is_some_and(|g| g.abs() > 1e-9)
            })
            .count(),
        mean_seconds: rows.iter().map(|r| r.seconds).sum::<f64>() / rows.len().max(1) as f64,
    }
}

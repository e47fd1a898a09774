//! RENS (relaxation enforced neighbourhood search) on a level with decisions: the whole model
//! with every step column its LP optimum sets to 0 or 1 fixed, so each order keeps to the
//! periods where the LP's steps rise, and each optional order the LP delivers whole (or stops)
//! is decided so. HiGHS runs the same heuristic at the end of its root, after its cut rounds;
//! on Tyresö those take most of a minute on one thread, while the LP alone is solved in two
//! seconds (`docs/lns.md`, "RENS from the relaxation").

use super::lns::sub::decide;
use super::mip::{self, MipRun, MipSettings};
use crate::formulation::Relaxed;
use crate::objective::Objective;
use crate::problem::Problem;
use crate::schedule::Schedule;

/// The problem of the neighbourhood: `p` with the optional orders `relaxed` decides decided.
pub(super) fn problem(p: &Problem, relaxed: &Relaxed) -> Problem {
    let mut q = p.clone();
    for (job, decided) in q.jobs.iter_mut().zip(&relaxed.selection) {
        if let Some(d) = decided {
            decide(job, *d);
        }
    }
    q
}

/// Whether plan `s` lies in the neighbourhood (it can then start the search).
pub(super) fn contains(relaxed: &Relaxed, s: &Schedule) -> bool {
    s.jobs
        .iter()
        .zip(&relaxed.windows.jobs)
        .zip(&relaxed.selection)
        .all(|((t, w), d)| {
            d.is_none_or(|d| d == t.selected)
                && (!t.selected
                    || (w.es..=w.ls).contains(&t.start)
                        && (w.ef..=w.lf).contains(&t.finish)
                        && (w.eg..=w.lg).contains(&t.go_live))
        })
}

/// Solves `level` (earlier levels held by `holds`) in the neighbourhood `relaxed` leaves open,
/// from `start` where it lies in it.
pub(super) fn run(
    p: &Problem,
    relaxed: &Relaxed,
    level: &[(Objective, f64)],
    holds: &[(Vec<(Objective, f64)>, f64)],
    start: Option<&Schedule>,
    settings: &MipSettings,
) -> Result<MipRun, String> {
    let q = problem(p, relaxed);
    let start = start.filter(|s| contains(relaxed, s));
    let mut run = mip::run(&q, &relaxed.windows, level, holds, start, settings)?;
    // Its bound is the neighbourhood's, not the level's.
    run.bound = None;
    Ok(run)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formulation::Formulation;
    use crate::model::{ConsultantCapacity, Portfolio};
    use crate::objective::level_value;
    use crate::problem::Windows;
    use crate::solve::lns::tests::{assert_verified, greedy};
    use crate::solve::mip::MipEnd;
    use std::time::Instant;

    /// The neighbourhood search's 24 tight orders with decisions: every third order optional
    /// (worth 100 times its weight), and consultants on the first team.
    fn portfolio() -> Portfolio {
        let mut p = crate::solve::lns::tests::portfolio();
        for (k, o) in p.orders.iter_mut().enumerate() {
            if k % 3 == 0 {
                o.optional = true;
                o.value = Some(100.0 * o.weight.unwrap_or(1.0));
            }
        }
        p.teams[0].consultants = Some(ConsultantCapacity {
            hours_per_week: 10.0,
            cost_per_hour: 1_000.0,
            max_hours: Some(60.0),
        });
        p
    }

    fn settings() -> MipSettings {
        MipSettings::from_options(&crate::SolveOptions::default(), Some(60.0))
    }

    /// An integral solution leaves nothing open: each delivered order's windows are its own
    /// periods, each optional order is decided as in the plan, and the plan lies in it.
    #[test]
    fn an_integral_solution_leaves_only_itself_open() {
        let portfolio = portfolio();
        let problem = crate::validate(&portfolio).unwrap();
        let windows = Windows::compute(&problem, problem.periods).unwrap();
        let levels = crate::SolveOptions::default()
            .goal
            .resolve(&portfolio)
            .levels();
        let mut plan = greedy(&problem, &windows, &levels);
        // One optional order stopped, so that both decisions show (the reading needs no
        // feasible plan).
        let stopped = problem.jobs.iter().position(|j| j.optional).expect("one");
        plan.jobs[stopped] = crate::schedule::JobTimes::stopped();
        let f = Formulation::new(&problem, &windows, Default::default());
        let layout = f.layout();
        let relaxed = layout.relaxed(&problem, &windows, &layout.start_vector(&plan));
        for (j, t) in plan.jobs.iter().enumerate() {
            let w = relaxed.windows.jobs[j];
            if t.selected {
                assert_eq!(
                    (w.es, w.ls, w.ef, w.lf, w.eg, w.lg),
                    (t.start, t.start, t.finish, t.finish, t.go_live, t.go_live),
                    "order {j}"
                );
            }
            let decided = problem.jobs[j].optional.then_some(t.selected);
            assert_eq!(relaxed.selection[j], decided, "order {j}");
        }
        assert!(contains(&relaxed, &plan));
    }

    /// RENS from the relaxation's optimum on a portfolio small enough to prove: a plan that
    /// keeps every rule, in the neighbourhood, between the LP's bound and no better than the
    /// level's optimum.
    #[test]
    fn rens_from_the_relaxation_finds_a_plan_that_keeps_every_rule() {
        let portfolio = crate::solve::decision_search::tests::portfolio();
        let problem = crate::validate(&portfolio).unwrap();
        assert!(problem.has_decisions());
        let windows = Windows::compute(&problem, problem.periods).unwrap();
        let levels = crate::SolveOptions::default()
            .goal
            .resolve(&portfolio)
            .levels();
        let level = &levels[0];
        let relaxation = MipSettings {
            relaxation: true,
            ..settings()
        };
        let lp = mip::run(&problem, &windows, level, &[], None, &relaxation).unwrap();
        let lp_bound = lp.bound.expect("the LP is solved");
        let relaxed = lp.relaxed.expect("the LP's neighbourhood");
        for (w, full) in relaxed.windows.jobs.iter().zip(&windows.jobs) {
            assert!(full.es <= w.es && w.es <= w.ls && w.ls <= full.ls);
            assert!(full.ef <= w.ef && w.ef <= w.lf && w.lf <= full.lf);
            assert!(full.eg <= w.eg && w.eg <= w.lg && w.lg <= full.lg);
        }
        let found = run(&problem, &relaxed, level, &[], None, &settings()).unwrap();
        assert!(
            found.bound.is_none(),
            "the neighbourhood's bound is not the level's"
        );
        let plan = found.schedule.expect("RENS finds a plan here");
        assert_verified(&portfolio, &problem, &plan);
        assert!(contains(&relaxed, &plan));
        let exact = mip::run(&problem, &windows, level, &[], None, &settings()).unwrap();
        assert_eq!(exact.end, MipEnd::Optimal);
        let optimum = level_value(level, &problem, &exact.schedule.expect("an optimum"));
        let value = level_value(level, &problem, &plan);
        assert!(lp_bound <= optimum + 1e-6 && optimum <= value + 1e-6);
    }

    /// Measures RENS from the relaxation on Tyresö's first level (`cargo test --release -p
    /// leverans rens_on_tyreso -- --ignored --nocapture`; `RENS_SECONDS`, `RENS_VERBOSE`).
    #[test]
    #[ignore = "a measurement: prints times and values"]
    fn rens_on_tyreso() {
        let portfolio = crate::solve::lns::tests::tyreso();
        let problem = crate::validate(&portfolio).unwrap();
        let windows = Windows::compute(&problem, problem.periods).unwrap();
        let levels = crate::SolveOptions::default()
            .goal
            .resolve(&portfolio)
            .levels();
        let level = &levels[0];
        let seconds: f64 = std::env::var("RENS_SECONDS")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or(20.0);
        let settings = MipSettings {
            threads: 1,
            verbose: std::env::var("RENS_VERBOSE").is_ok(),
            ..MipSettings::from_options(&crate::SolveOptions::default(), Some(seconds))
        };
        let clock = Instant::now();
        let lp = mip::run(
            &problem,
            &windows,
            level,
            &[],
            None,
            &MipSettings {
                relaxation: true,
                ..settings.clone()
            },
        )
        .unwrap();
        let relaxed = lp.relaxed.expect("the LP is solved");
        let open = relaxed
            .windows
            .jobs
            .iter()
            .map(|w| (w.ls - w.es) + (w.lf - w.ef) + (w.lg - w.eg))
            .sum::<usize>();
        let full = windows
            .jobs
            .iter()
            .map(|w| (w.ls - w.es) + (w.lf - w.ef) + (w.lg - w.eg))
            .sum::<usize>();
        let decided = relaxed.selection.iter().filter(|d| d.is_some()).count();
        let optional = problem.jobs.iter().filter(|j| j.optional).count();
        println!(
            "LP bound {:?} after {:.2} s; step periods open {open} of {full}; {decided} of {optional} optional decided",
            lp.bound,
            clock.elapsed().as_secs_f64()
        );
        let run = run(&problem, &relaxed, level, &[], None, &settings).unwrap();
        let value = run
            .schedule
            .as_ref()
            .map(|s| level_value(level, &problem, s));
        println!(
            "RENS {:?} value {value:?} after {:.2} s",
            run.end,
            clock.elapsed().as_secs_f64()
        );
        if let Some(s) = &run.schedule {
            crate::solve::lns::tests::assert_verified(&portfolio, &problem, s);
        }
    }
}

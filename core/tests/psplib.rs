//! PSPLIB j30 instances end to end: read, plan for makespan, verify, compare with the optimum.

mod common;
use common::{opts, solve_verified};
use leverans::io::psplib::{psplib_dir, read_best_known, read_psplib_sm};
use leverans::{Objective, Status};

#[test]
fn small_j30_instances_reach_the_known_optimum() {
    let dir = psplib_dir();
    if !dir.join("j30").is_dir() {
        eprintln!(
            "PSPLIB data not found at {} (set LEVERANS_PSPLIB_DIR); skipping",
            dir.display()
        );
        return;
    }
    let best =
        read_best_known(&dir.join("opt/consolidated-j30.csv")).expect("the bounds file reads");
    for name in ["j301_1", "j3010_7", "j3020_3", "j3039_5"] {
        let p = read_psplib_sm(&dir.join(format!("j30/{name}.sm"))).expect("the instance reads");
        let out = solve_verified(&p, &opts(Objective::Makespan));
        let known = &best[name];
        assert!(known.closed, "{name} is closed");
        assert_eq!(out.status, Status::Optimal, "{name}: {:?}", out.status);
        assert_eq!(out.objective, Some(known.best_ub as f64), "{name}");
        let plan = out.plan.expect("a plan");
        assert_eq!(plan.summary.makespan, known.best_ub, "{name}");
    }
}

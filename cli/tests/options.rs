//! `leverans plan` with bad options: exit 2 (invalid input), naming the option and what it
//! accepts, before any solving; and the goal it plans with when none is given.

use std::path::Path;
use std::process::Command;

fn tyreso() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../examples/tyreso-2013/portfolio.json")
        .to_string_lossy()
        .into_owned()
}

/// Runs `leverans plan TYRESO ARGS…`; returns the exit code and standard error.
fn plan(args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_leverans"))
        .arg("plan")
        .arg(tyreso())
        .args(args)
        .output()
        .expect("the binary runs");
    (
        out.status.code().expect("an exit code"),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn an_unknown_objective_exits_2_naming_the_valid_ones() {
    let (code, err) = plan(&["--objective", "nonsense"]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("nonsense") && err.contains("weighted_lateness"),
        "{err}"
    );
}

#[test]
fn options_out_of_range_exit_2_naming_the_option() {
    for (args, option, allowed) in [
        (["--threads", "0"], "threads", "from 1 to 256"),
        (["--threads", "1000"], "threads", "from 1 to 256"),
        (["--time-limit", "0"], "time_limit", "above 0"),
        (["--time-limit", "nan"], "time_limit", "above 0"),
        (["--time-limit", "-1"], "time_limit", "above 0"),
        (["--gap", "2"], "gap", "from 0"),
    ] {
        let (code, err) = plan(&args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(
            err.contains(option) && err.contains(allowed),
            "{args:?}: {err}"
        );
    }
}

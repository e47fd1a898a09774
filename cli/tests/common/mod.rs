//! Shared helpers of the command-line tests: run the binary, plan a portfolio into a file.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

/// Runs `leverans ARGS…`; returns the exit code, standard output and standard error.
pub fn run(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_leverans"))
        .args(args)
        .output()
        .expect("the binary runs");
    (
        out.status.code().expect("an exit code"),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A fresh folder for one test under the target's temporary folder.
pub fn dir(name: &str) -> PathBuf {
    let d = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    std::fs::create_dir_all(&d).expect("a temporary folder");
    d
}

/// Writes `json` as `name` in `dir` and returns its path as text.
pub fn write(dir: &Path, name: &str, json: &str) -> String {
    let path = dir.join(name);
    std::fs::write(&path, json).expect("the file writes");
    path.to_string_lossy().into_owned()
}

/// `leverans plan PORTFOLIO --time-limit 20 --out OUT`, then `leverans verify` of that plan;
/// fails the test unless both exit 0 (a plan, keeping every rule).
pub fn plan_to(portfolio: &str, out: &str) {
    let (code, _, err) = run(&["plan", portfolio, "--time-limit", "20", "--out", out]);
    assert_eq!(code, 0, "{err}");
    let (code, stdout, err) = run(&["verify", portfolio, out]);
    assert_eq!(code, 0, "the plan breaks rules:\n{stdout}{err}");
}

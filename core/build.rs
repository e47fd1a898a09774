//! Tells the tests whether the PSPLIB data they need is here: with every file present the
//! cfg `psplib_data` is set; without it, the PSPLIB tests are marked ignored (visible in the
//! test report as ignored, never as passed). The data is read by path, never copied
//! (`LEVERANS_PSPLIB_DIR`, default `../shared/psplib` beside the checkout).

use std::path::PathBuf;

/// The files the PSPLIB tests read.
const NEEDED: [&str; 5] = [
    "opt/consolidated-j30.csv",
    "j30/j301_1.sm",
    "j30/j3010_7.sm",
    "j30/j3020_3.sm",
    "j30/j3039_5.sm",
];

fn main() {
    println!("cargo::rustc-check-cfg=cfg(psplib_data)");
    println!("cargo::rerun-if-env-changed=LEVERANS_PSPLIB_DIR");
    let dir = match std::env::var_os("LEVERANS_PSPLIB_DIR") {
        Some(d) if !d.is_empty() => PathBuf::from(d),
        _ => PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/psplib")),
    };
    let mut all = true;
    for f in NEEDED {
        let path = dir.join(f);
        // Rerun when a file appears or goes: watch the nearest folder that exists (a path
        // that does not exist would rerun this script on every build).
        let mut watch = path.parent().map(PathBuf::from);
        while let Some(w) = watch.clone().filter(|w| !w.is_dir()) {
            watch = w.parent().map(PathBuf::from);
        }
        if let Some(w) = watch {
            println!("cargo::rerun-if-changed={}", w.display());
        }
        if path.is_file() {
            println!("cargo::rerun-if-changed={}", path.display());
        }
        all &= path.is_file();
    }
    // The search test reads every closed j30 instance of the bounds file.
    let j30 = dir.join("j30");
    all &= j30.is_dir()
        && std::fs::read_dir(&j30)
            .map(|d| d.count() >= 480)
            .unwrap_or(false);
    if all {
        println!("cargo::rustc-cfg=psplib_data");
    }
}

//! Fuzzing every reader of the core: portfolio JSON (then its checks, warnings and, for small
//! ones, a solve whose plan must pass the verifier), PSPLIB `.sm` text, and plan JSON given to
//! the verifier. Inputs are the seeds in `tests/fuzz_corpus/` (and a plan solved from one)
//! mutated at random: byte flips, cuts, repeats, truncation, interesting tokens spliced in,
//! and structure-aware changes to the parsed JSON (a node replaced by null, a negative or huge
//! number, an empty or impossible date, an empty list, a deep nesting). Nothing may panic.
//!
//! `cargo test --release --test fuzz` runs a short, fixed-seed round in `make test`;
//! `make fuzz` (`LEVERANS_FUZZ_SECONDS=600`) runs each reader for that long with a fresh seed.
//! A panicking input is written to `target/fuzz-failures/` and fails the test.

use leverans::io::psplib::parse_psplib_sm;
use leverans::io::read_portfolio_json;
use leverans::plan::Plan;
use leverans::{solve, validate, verify, SolveOptions};
use serde_json::Value;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// A small deterministic generator (xorshift64*): runs repeat for a seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

const TOKENS: &[&str] = &[
    "-1",
    "0",
    "1e309",
    "-1e300",
    "NaN",
    "null",
    "\"\"",
    "[]",
    "{}",
    "\"2014-02-30\"",
    "\"2099-01-01\"",
    "4294967296",
    "18446744073709551616",
    "0.0000001",
    "true",
    "\"\\u0000\"",
    "\"é\"",
    "*",
    "\n",
    ":",
    ",",
    "[[[[[[[[",
    "}}}}",
    "\"live_to_live\"",
    "\"unit\"",
];

fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_corpus")
}

fn seed(name: &str) -> Vec<u8> {
    std::fs::read(corpus().join(name)).expect("the fuzz corpus is in the repository")
}

/// One to four mutations of `input`; for JSON, most of the time only structure-aware ones
/// (byte-level changes rarely leave JSON that reaches the checks behind the parser).
fn mutate(rng: &mut Rng, input: &[u8]) -> Vec<u8> {
    if input.first() == Some(&b'{') && rng.below(10) < 7 {
        if let Some(v) = structured(rng, input) {
            return v;
        }
    }
    let mut out = input.to_vec();
    for _ in 0..1 + rng.below(4) {
        let n = out.len();
        match rng.below(7) {
            0 if n > 0 => {
                let i = rng.below(n);
                out[i] = rng.next() as u8;
            }
            1 if n > 0 => {
                let i = rng.below(n);
                let len = 1 + rng.below(16);
                out.drain(i..(i + len).min(n));
            }
            2 if n > 0 => {
                let i = rng.below(n);
                let piece: Vec<u8> = out[i..(i + 1 + rng.below(32)).min(n)].to_vec();
                let at = rng.below(out.len());
                out.splice(at..at, piece);
            }
            3 => {
                let t = TOKENS[rng.below(TOKENS.len())].as_bytes();
                let at = rng.below(n + 1);
                out.splice(at..at, t.iter().copied());
            }
            4 if n > 0 => out.truncate(rng.below(n)),
            _ => {
                if let Some(v) = structured(rng, &out) {
                    out = v;
                }
            }
        }
    }
    out
}

/// The input parsed as JSON with one to three nodes changed the way a careless edit would: a
/// number replaced by another (0, negative, fractional, huge), a text by another text of the
/// same document (so references point at the wrong thing) or an impossible date, a node
/// removed from its list or object, or replaced by null, an empty list or object, or a deep
/// nesting.
fn structured(rng: &mut Rng, input: &[u8]) -> Option<Vec<u8>> {
    let mut v: Value = serde_json::from_slice(input).ok()?;
    let mut texts = Vec::new();
    strings(&v, &mut texts);
    for _ in 0..1 + rng.below(3) {
        let mut nodes = 0usize;
        count(&v, &mut nodes);
        let target = rng.below(nodes);
        let mut k = 0usize;
        edit(rng, &mut v, target, &mut k, &texts);
    }
    serde_json::to_vec_pretty(&v).ok()
}

const NUMBERS: &[f64] = &[
    0.0,
    1.0,
    2.0,
    -1.0,
    0.5,
    3.0,
    52.0,
    1e9,
    1e300,
    -1e300,
    4294967296.0,
];

fn strings(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) => out.push(s.clone()),
        Value::Array(a) => a.iter().for_each(|x| strings(x, out)),
        Value::Object(o) => o.values().for_each(|x| strings(x, out)),
        _ => {}
    }
}

fn count(v: &Value, n: &mut usize) {
    *n += 1;
    match v {
        Value::Array(a) => a.iter().for_each(|x| count(x, n)),
        Value::Object(o) => o.values().for_each(|x| count(x, n)),
        _ => {}
    }
}

/// Changes node number `target` (depth first); true once done.
fn edit(rng: &mut Rng, v: &mut Value, target: usize, k: &mut usize, texts: &[String]) -> bool {
    if *k == target {
        *v = match (v.clone(), rng.below(4)) {
            (Value::Number(_), 0..=2) => serde_json::json!(NUMBERS[rng.below(NUMBERS.len())]),
            (Value::String(_), 0..=1) if !texts.is_empty() => {
                Value::String(texts[rng.below(texts.len())].clone())
            }
            (Value::String(_), 2) => serde_json::json!("2014-02-30"),
            (Value::Array(mut a), 0..=1) if !a.is_empty() => {
                let i = rng.below(a.len());
                a.remove(i);
                Value::Array(a)
            }
            (Value::Array(mut a), 2) if !a.is_empty() => {
                let i = rng.below(a.len());
                a.push(a[i].clone());
                Value::Array(a)
            }
            (Value::Object(mut o), 0..=1) if !o.is_empty() => {
                let key = o
                    .keys()
                    .nth(rng.below(o.len()))
                    .cloned()
                    .unwrap_or_default();
                o.remove(&key);
                Value::Object(o)
            }
            _ => match rng.below(5) {
                0 => Value::Null,
                1 => serde_json::json!([]),
                2 => serde_json::json!({}),
                3 => serde_json::json!(""),
                _ => {
                    let mut deep = Value::Null;
                    for _ in 0..64 {
                        deep = Value::Array(vec![deep]);
                    }
                    deep
                }
            },
        };
        return true;
    }
    *k += 1;
    match v {
        Value::Array(a) => a.iter_mut().any(|x| edit(rng, x, target, k, texts)),
        Value::Object(o) => o.values_mut().any(|x| edit(rng, x, target, k, texts)),
        _ => false,
    }
}

/// Runs `check` on mutated seeds for `cases` inputs or, with `LEVERANS_FUZZ_SECONDS`, for that
/// long; fails with the inputs that panicked (saved under `target/fuzz-failures/`).
fn fuzz(reader: &str, seeds: &[Vec<u8>], cases: usize, check: impl Fn(&[u8])) {
    let seconds: Option<u64> = std::env::var("LEVERANS_FUZZ_SECONDS")
        .ok()
        .and_then(|s| s.parse().ok());
    let start_seed = match seconds {
        Some(_) => std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(1, |d| d.as_nanos() as u64 | 1),
        None => 0x9E37_79B9_7F4A_7C15,
    };
    let mut rng = Rng(start_seed);
    let until = seconds.map(|s| Instant::now() + Duration::from_secs(s));
    let mut failures = Vec::new();
    let mut done = 0usize;
    loop {
        let more = match until {
            Some(t) => Instant::now() < t,
            None => done < cases,
        };
        if !more {
            break;
        }
        let pick = rng.below(seeds.len());
        let input = mutate(&mut rng, &seeds[pick]);
        done += 1;
        if catch_unwind(AssertUnwindSafe(|| check(&input))).is_err() {
            let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("../fuzz-failures");
            std::fs::create_dir_all(&dir).ok();
            let path = dir.join(format!("{reader}-{done}.bin"));
            std::fs::write(&path, &input).ok();
            failures.push(path);
        }
    }
    eprintln!(
        "fuzz {reader}: {done} inputs (seed {start_seed:#x}), {} panics",
        failures.len()
    );
    assert!(
        failures.is_empty(),
        "{reader}: inputs that panicked: {failures:?}"
    );
}

#[test]
fn portfolio_json_reader_checks_and_small_solves_never_panic() {
    let seeds = vec![
        seed("two-teams.json"),
        std::fs::read(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples/tyreso-2013/portfolio.json"),
        )
        .unwrap(),
    ];
    let solves = std::sync::atomic::AtomicUsize::new(0);
    fuzz("portfolio", &seeds, 300, |bytes| {
        let text = String::from_utf8_lossy(bytes);
        let Ok(p) = read_portfolio_json(&text, "fuzz.json") else {
            return;
        };
        READ.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let _ = leverans::validate::warnings(&p);
        if validate(&p).is_err() {
            return;
        }
        VALID.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        if p.orders.len() > 12 {
            return;
        }
        // Every other valid small portfolio is planned; its plan must keep every rule.
        if !solves
            .fetch_add(1, std::sync::atomic::Ordering::Relaxed)
            .is_multiple_of(2)
        {
            return;
        }
        let options = SolveOptions::default().with_time_limit(0.5);
        if let Ok(out) = solve(&p, &options) {
            PLANNED.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            if let Some(plan) = &out.plan {
                let report = verify(&p, plan);
                assert!(report.is_ok(), "a solved plan breaks rules: {report}");
            }
        }
    });
    eprintln!(
        "portfolio: {} read, {} valid, {} planned",
        READ.load(std::sync::atomic::Ordering::Relaxed),
        VALID.load(std::sync::atomic::Ordering::Relaxed),
        PLANNED.load(std::sync::atomic::Ordering::Relaxed)
    );
}

static READ: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
static VALID: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
static PLANNED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

#[test]
fn psplib_reader_never_panics() {
    let seeds = vec![seed("hand.sm")];
    fuzz("psplib", &seeds, 2000, |bytes| {
        let text = String::from_utf8_lossy(bytes);
        if let Ok(p) = parse_psplib_sm(&text, "fuzz") {
            let _ = validate(&p);
        }
    });
}

#[test]
fn plan_json_given_to_the_verifier_never_panics() {
    let text = String::from_utf8(seed("two-teams.json")).unwrap();
    let p = read_portfolio_json(&text, "two-teams.json").unwrap();
    let out = solve(&p, &SolveOptions::default().with_time_limit(10.0)).unwrap();
    let plan = out.plan.expect("the seed portfolio has a plan");
    assert!(verify(&p, &plan).is_ok());
    let seeds = vec![serde_json::to_vec_pretty(&plan).unwrap()];
    fuzz("plan", &seeds, 2000, |bytes| {
        let Ok(mutated) = serde_json::from_slice::<Plan>(bytes) else {
            return;
        };
        let _ = verify(&p, &mutated);
        let _ = leverans::plan::diff(&plan, &mutated);
    });
}

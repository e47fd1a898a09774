//! PSPLIB single-mode RCPSP instances (`.sm` files) and their best known bounds.
//!
//! An `.sm` file (Kolisch & Sprecher 1996) has a header (`jobs (incl. supersource/sink ):`,
//! `horizon`, and the counts of renewable, nonrenewable and doubly constrained resources), a
//! `PRECEDENCE RELATIONS:` block (one row per job: job number, number of modes, number of
//! successors, the successors), a `REQUESTS/DURATIONS:` block (job, mode, duration, demand per
//! renewable resource) and `RESOURCEAVAILABILITIES:` (capacity per resource). Time is in
//! abstract unit periods.
//!
//! [`parse_psplib_sm`] maps an instance onto a [`Portfolio`]:
//! - the calendar is [`Calendar::units`] with the sum of all durations as horizon (a trivial
//!   upper bound on the makespan);
//! - each renewable resource `k` becomes a [`Team`] `"Rk"` whose capacity per period
//!   (`hours_per_week`) is the availability;
//! - each job `n` of nonzero duration becomes a fixed-duration [`Order`] `"jn"` titled
//!   `"job n"`, demanding its nonzero requests per period;
//! - each precedence becomes a finish-to-start [`Dependency`] without lag. Jobs of duration 0
//!   (the source and sink dummies, and any other) are removed, and precedence is bridged
//!   through them: `a -> z -> b` with `z` of duration 0 gives `a -> b`, also along chains.
//!
//! Only single-mode files with renewable resources only are accepted; anything else (multi-mode
//! `.mm` files, truncated or garbled text) is a [`PsplibError::Parse`] naming the line.

use crate::model::{Calendar, Dependency, Order, Portfolio, Team};
use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

/// Why a PSPLIB file could not be read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum PsplibError {
    /// The file could not be read.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// The cause.
        source: std::io::Error,
    },
    /// The text is not in the expected layout.
    #[error("line {line}: {message}")]
    Parse {
        /// 1-based line of the problem (one past the last line at a premature end of file).
        line: usize,
        /// What was expected and what was found.
        message: String,
    },
}

/// Best known bounds on the optimal makespan of one instance.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BestKnown {
    /// Best known makespan (upper bound).
    pub best_ub: u32,
    /// Best known lower bound.
    pub best_lb: u32,
    /// True when the bounds meet: the optimum is known.
    pub closed: bool,
    /// Critical-path length, the resource-free lower bound.
    pub cpm_lb: u32,
}

/// The PSPLIB data folder: `LEVERANS_PSPLIB_DIR` when set, else `shared/psplib` beside the
/// checkout of the workspace.
pub fn psplib_dir() -> PathBuf {
    match std::env::var_os("LEVERANS_PSPLIB_DIR") {
        Some(dir) if !dir.is_empty() => PathBuf::from(dir),
        _ => PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/psplib")),
    }
}

fn err(line: usize, message: impl Into<String>) -> PsplibError {
    PsplibError::Parse {
        line,
        message: message.into(),
    }
}

/// The start of a line for messages.
fn clip(text: &str) -> String {
    let mut s: String = text.chars().take(40).collect();
    if s.len() < text.len() {
        s.push_str("...");
    }
    s
}

fn num(line: usize, tok: Option<&str>, what: &str) -> Result<u32, PsplibError> {
    let tok = tok.ok_or_else(|| err(line, format!("expected {what}, found end of line")))?;
    tok.parse().map_err(|_| {
        let msg = format!(
            "expected a non-negative integer for {what}, found '{}'",
            clip(tok)
        );
        err(line, msg)
    })
}

fn job_number(line: usize, tok: Option<&str>, n: usize, what: &str) -> Result<usize, PsplibError> {
    let j = num(line, tok, what)? as usize;
    if j == 0 || j > n {
        return Err(err(line, format!("expected {what} in 1..={n}, found {j}")));
    }
    Ok(j)
}

/// The lines of the text with 1-based numbers.
struct Lines<'a> {
    lines: Vec<&'a str>,
    pos: usize,
}

impl<'a> Lines<'a> {
    /// The next nonblank line, trimmed, with its number.
    fn next(&mut self, what: &str) -> Result<(usize, &'a str), PsplibError> {
        while let Some(text) = self.lines.get(self.pos) {
            self.pos += 1;
            if !text.trim().is_empty() {
                return Ok((self.pos, text.trim()));
            }
        }
        let line = self.lines.len() + 1;
        Err(err(line, format!("expected {what}, found end of file")))
    }

    /// Skips blank lines, `***`/`---` rules and, with `headings`, lines starting with a letter.
    fn skip(&mut self, headings: bool) {
        while let Some(text) = self.lines.get(self.pos).map(|t| t.trim()) {
            let rule = text.chars().all(|c| matches!(c, '*' | '-' | '='));
            if !(rule || headings && text.starts_with(|c: char| c.is_alphabetic())) {
                break;
            }
            self.pos += 1;
        }
    }

    /// A row of `block` for a job not `listed` before, in mode (or with mode count) 1; returns
    /// the line number, the job and the remaining fields.
    fn job_row(
        &mut self,
        block: &str,
        n: usize,
        listed: &mut [bool],
    ) -> Result<(usize, usize, std::str::SplitWhitespace<'a>), PsplibError> {
        let (line, text) = self.next(&format!("a {block} row"))?;
        let mut toks = text.split_whitespace();
        let what = format!("the job number of a {block} row");
        let job = job_number(line, toks.next(), n, &what)?;
        if std::mem::replace(&mut listed[job], true) {
            return Err(err(line, format!("job {job} has a second {block} row")));
        }
        let mode = num(line, toks.next(), &format!("the mode of job {job}"))?;
        if mode != 1 {
            let msg = format!(
                "expected mode 1 for job {job}, found {mode} (multi-mode is not supported)"
            );
            return Err(err(line, msg));
        }
        Ok((line, job, toks))
    }

    /// Expects the line starting section `title` after any rules.
    fn section(&mut self, title: &str) -> Result<(), PsplibError> {
        self.skip(false);
        let (line, text) = self.next(&format!("section '{title}'"))?;
        if !text.starts_with(title) {
            let msg = format!("expected section '{title}', found '{}'", clip(text));
            return Err(err(line, msg));
        }
        self.skip(true);
        Ok(())
    }
}

/// Parses the text of a PSPLIB single-mode `.sm` file into a portfolio named `name`.
///
/// See the [module documentation](self) for the mapping. Errors name the 1-based line.
pub fn parse_psplib_sm(text: &str, name: &str) -> Result<Portfolio, PsplibError> {
    let mut lines = Lines {
        lines: text.lines().collect(),
        pos: 0,
    };
    let (mut njobs, mut nres) = (None, None);
    let prec_line = loop {
        let (line, text) = lines.next("section 'PRECEDENCE RELATIONS:'")?;
        if text.starts_with("PRECEDENCE RELATIONS") {
            break line;
        }
        let Some((key, value)) = text.split_once(':') else {
            continue;
        };
        let key = key
            .trim()
            .trim_start_matches('-')
            .trim()
            .to_ascii_lowercase();
        let value = value.split_whitespace().next();
        if key.starts_with("jobs") {
            let n = num(line, value, "the number of jobs")?;
            if n as usize > lines.lines.len() {
                return Err(err(line, format!("{n} jobs cannot fit in this file")));
            }
            njobs = Some(n as usize);
        } else if key == "nonrenewable" || key == "doubly constrained" {
            let count = num(line, value, &format!("the number of {key} resources"))?;
            if count != 0 {
                let msg =
                    format!("found {count} {key} resources; only renewable ones are supported");
                return Err(err(line, msg));
            }
        } else if key == "renewable" {
            nres = Some(num(line, value, "the number of renewable resources")?);
        }
    };
    let missing = |what: &str| err(prec_line, format!("expected '{what}' in the header"));
    let n = njobs.ok_or_else(|| missing("jobs (incl. supersource/sink ):"))?;
    let nres = nres.ok_or_else(|| missing("- renewable :"))?;

    lines.skip(true);
    let (mut succ, mut listed) = (vec![Vec::new(); n + 1], vec![false; n + 1]);
    for _ in 0..n {
        let (line, job, mut toks) = lines.job_row("precedence", n, &mut listed)?;
        let count = num(
            line,
            toks.next(),
            &format!("the successor count of job {job}"),
        )?;
        let what = format!("a successor of job {job}");
        let list = toks.map(|t| job_number(line, Some(t), n, &what));
        succ[job] = list.collect::<Result<Vec<_>, _>>()?;
        if succ[job].len() != count as usize {
            let found = succ[job].len();
            let msg = format!("expected {count} successors for job {job}, found {found}");
            return Err(err(line, msg));
        }
        if succ[job].contains(&job) {
            return Err(err(line, format!("job {job} lists itself as a successor")));
        }
    }

    lines.section("REQUESTS/DURATIONS")?;
    let (mut duration, mut demand) = (vec![0u32; n + 1], vec![Vec::new(); n + 1]);
    let (mut horizon, mut listed) = (0u32, vec![false; n + 1]);
    for _ in 0..n {
        let (line, job, mut toks) = lines.job_row("request/duration", n, &mut listed)?;
        duration[job] = num(line, toks.next(), &format!("the duration of job {job}"))?;
        for r in 1..=nres {
            let what = format!("the demand of job {job} for R{r}");
            demand[job].push(num(line, toks.next(), &what)?);
        }
        if let Some(extra) = toks.next() {
            let msg = format!(
                "expected {nres} demands for job {job}, found more ('{}')",
                clip(extra)
            );
            return Err(err(line, msg));
        }
        let sum = horizon.checked_add(duration[job]);
        horizon = sum.ok_or_else(|| err(line, "the sum of durations overflows"))?;
    }

    lines.section("RESOURCEAVAILABILITIES")?;
    let (line, text) = match nres {
        0 => (0, ""),
        _ => lines.next("the resource availabilities")?,
    };
    let mut toks = text.split_whitespace();
    let mut portfolio = Portfolio::new(Calendar::units(horizon.max(1)));
    portfolio.name = name.to_string();
    for r in 1..=nres {
        let cap = num(line, toks.next(), &format!("the availability of R{r}"))?;
        portfolio.add_team(Team::new(format!("R{r}"), f64::from(cap)));
    }
    if let Some(extra) = toks.next() {
        let msg = format!(
            "expected {nres} availabilities, found more ('{}')",
            clip(extra)
        );
        return Err(err(line, msg));
    }

    for job in (1..=n).filter(|&j| duration[j] > 0) {
        let requests = demand[job].iter().enumerate().filter(|(_, &d)| d > 0);
        let requests = requests.map(|(r, &d)| (format!("R{}", r + 1), f64::from(d)));
        let mut order = Order::fixed(format!("j{job}"), duration[job], requests);
        order.title = format!("job {job}");
        portfolio.add_order(order);
    }
    // Successors of each job, looking through zero-duration jobs; `seen[z] == a` marks a
    // zero-duration job already expanded for `a`.
    let mut seen = vec![0usize; n + 1];
    for a in (1..=n).filter(|&j| duration[j] > 0) {
        let mut targets = BTreeSet::new();
        let mut stack = succ[a].clone();
        while let Some(s) = stack.pop() {
            if duration[s] > 0 {
                targets.insert(s);
            } else if seen[s] != a {
                seen[s] = a;
                stack.extend_from_slice(&succ[s]);
            }
        }
        for b in targets {
            let dep = Dependency::finish_to_start(format!("j{a}"), format!("j{b}"));
            portfolio.dependencies.push(dep);
        }
    }
    Ok(portfolio)
}

/// Reads a PSPLIB `.sm` file; the portfolio is named after the file stem (`j301_1`).
pub fn read_psplib_sm(path: &Path) -> Result<Portfolio, PsplibError> {
    let text = std::fs::read_to_string(path).map_err(|source| PsplibError::Io {
        path: path.display().to_string(),
        source,
    })?;
    let name = path.file_stem().unwrap_or_default().to_string_lossy();
    parse_psplib_sm(&text, &name)
}

/// A row of a best-known table; other columns are ignored.
#[derive(serde::Deserialize)]
struct BestKnownRow {
    instance: String,
    best_ub: u32,
    best_lb: u32,
    closed: u8,
    cpm_lb: u32,
}

/// Reads a table of best known bounds such as `opt/consolidated-j30.csv`: columns `instance`,
/// `best_ub`, `best_lb`, `closed` (`1`/`0`) and `cpm_lb`, others ignored. Keyed by instance
/// name without any `.sm` suffix (`j301_1`).
pub fn read_best_known(csv_path: &Path) -> Result<HashMap<String, BestKnown>, PsplibError> {
    let io_err = |source| PsplibError::Io {
        path: csv_path.display().to_string(),
        source,
    };
    let csv_err = |e: csv::Error| {
        let line = e.position().map_or(0, |p| p.line() as usize);
        let message = e.to_string();
        match e.into_kind() {
            csv::ErrorKind::Io(source) => io_err(source),
            _ => err(line, message),
        }
    };
    let file = std::fs::File::open(csv_path).map_err(io_err)?;
    let mut reader = csv::ReaderBuilder::new()
        .trim(csv::Trim::All)
        .from_reader(file);
    let headers = reader.headers().map_err(csv_err)?.clone();
    let mut table = HashMap::new();
    for record in reader.records() {
        let record = record.map_err(csv_err)?;
        let row: BestKnownRow = record.deserialize(Some(&headers)).map_err(csv_err)?;
        let best = BestKnown {
            best_ub: row.best_ub,
            best_lb: row.best_lb,
            closed: row.closed != 0,
            cpm_lb: row.cpm_lb,
        };
        let name = row.instance.strip_suffix(".sm").unwrap_or(&row.instance);
        if table.insert(name.to_string(), best).is_some() {
            let line = record.position().map_or(0, |p| p.line() as usize);
            return Err(err(line, format!("instance '{name}' appears twice")));
        }
    }
    Ok(table)
}

#[cfg(test)]
mod tests {
    use super::*;

    const SMALL: &str = r"************************************************************************
file with basedata            : hand.bas
initial value random generator: 1
************************************************************************
projects                      :  1
jobs (incl. supersource/sink ):  6
horizon                       :  10
RESOURCES
  - renewable                 :  4   R
  - nonrenewable              :  0   N
  - doubly constrained        :  0   D
************************************************************************
PROJECT INFORMATION:
pronr.  #jobs rel.date duedate tardcost  MPM-Time
    1      4      0       10        5       10
************************************************************************
PRECEDENCE RELATIONS:
jobnr.    #modes  #successors   successors
   1        1          1           2
   2        1          2           3   5
   3        1          1           4
   4        1          1           5
   5        1          1           6
   6        1          0        
************************************************************************
REQUESTS/DURATIONS:
jobnr. mode duration  R 1  R 2  R 3  R 4
------------------------------------------------------------------------
  1      1     0       0    0    0    0
  2      1     3       2    0    0    1
  3      1     2       0    4    0    0
  4      1     4       0    0    0    0
  5      1     1       3    0    2    0
  6      1     0       0    0    0    0
************************************************************************
RESOURCEAVAILABILITIES:
  R 1  R 2  R 3  R 4
    4    5    2    1
************************************************************************
";

    fn deps(p: &Portfolio) -> Vec<(&str, &str)> {
        let d = p.dependencies.iter();
        d.map(|d| (d.from.as_str(), d.to.as_str())).collect()
    }

    #[test]
    fn parses_a_small_instance() {
        let p = parse_psplib_sm(SMALL, "small").unwrap();
        assert_eq!(
            (p.name.as_str(), &p.calendar),
            ("small", &Calendar::units(10))
        );
        let caps: Vec<_> = p.teams.iter().map(|t| (&*t.id, t.hours_per_week)).collect();
        assert_eq!(caps, [("R1", 4.0), ("R2", 5.0), ("R3", 2.0), ("R4", 1.0)]);
        let ids: Vec<_> = p.orders.iter().map(|o| (&*o.id, o.duration)).collect();
        assert_eq!(
            ids,
            [
                ("j2", Some(3)),
                ("j3", Some(2)),
                ("j4", Some(4)),
                ("j5", Some(1))
            ]
        );
        let j5 = p.order("j5").unwrap();
        let demand: Vec<_> = j5
            .demand
            .iter()
            .map(|d| (&*d.team, d.hours_per_week))
            .collect();
        assert_eq!(
            (j5.title.as_str(), demand),
            ("job 5", vec![("R1", 3.0), ("R3", 2.0)])
        );
        assert!(p.order("j4").unwrap().demand.is_empty());
        let expected = [("j2", "j3"), ("j2", "j5"), ("j3", "j4"), ("j4", "j5")];
        assert_eq!(deps(&p), expected);
        let fs = |d: &Dependency| *d == Dependency::finish_to_start(&d.from, &d.to);
        assert!(p.dependencies.iter().all(fs));
    }

    #[test]
    fn bridges_zero_duration_jobs() {
        let text = SMALL.replace("  3      1     2 ", "  3      1     0 ");
        let p = parse_psplib_sm(&text, "x").unwrap();
        assert_eq!(deps(&p), [("j2", "j4"), ("j2", "j5"), ("j4", "j5")]);
        assert_eq!(p.calendar.periods, Some(8));
        // A chain of two zero-duration jobs; the bridged j2 -> j5 repeats a direct one.
        let p = parse_psplib_sm(&text.replace("  4      1     4 ", "  4      1     0 "), "x");
        assert_eq!(deps(&p.unwrap()), [("j2", "j5")]);
    }

    /// Edits of [`SMALL`] (`from|to|line|message part`) and the errors they cause.
    const BROKEN: &str = "\
  3      1     2 |  3      1     x |31|duration of job 3, found 'x'
  5      1     1 |  5      1    -1 |33|found '-1'
   3        1          1           4|   3        1          1           7|21|successor of job 3 in 1..=6, found 7
   6        1 |   9        1 |24|precedence row in 1..=6, found 9
   2        1 |   2        3 |20|expected mode 1 for job 2, found 3
  4      1     4 |  4      2     4 |32|mode 1 for job 4, found 2
:  0   N|:  2   N|10|found 2 nonrenewable resources
jobs (incl. supersource/sink ):  6||17|expected 'jobs (incl.
RESOURCEAVAILABILITIES:||37|section 'RESOURCEAVAILABILITIES'
    4    5    2    1|    4    5    2|38|R4, found end of line
  6      1     0       0    0    0    0||35|found '****
  6      1     0       0|  6      1     0      0 0|34|found more ('0')
  2      1     3       2|  3      1     3       2|31|second request/duration row";

    #[test]
    fn reports_the_line_of_an_error() {
        let text = SMALL.replace("   2        1          2  ", "   2        1          3  ");
        let e = parse_psplib_sm(&text, "x").unwrap_err().to_string();
        assert_eq!(e, "line 20: expected 3 successors for job 2, found 2");
        for case in BROKEN.lines() {
            let f: Vec<&str> = case.split('|').collect();
            assert!(SMALL.contains(f[0]), "{case}");
            let e = parse_psplib_sm(&SMALL.replacen(f[0], f[1], 1), "x").unwrap_err();
            assert!(matches!(e, PsplibError::Parse { .. }), "{e:?}");
            let e = e.to_string();
            assert!(
                e.starts_with(&format!("line {}: ", f[2])) && e.contains(f[3]),
                "{e}"
            );
        }
        let truncated: String = SMALL.lines().take(30).map(|l| format!("{l}\n")).collect();
        let e = parse_psplib_sm(&truncated, "x").unwrap_err().to_string();
        assert!(e.starts_with("line 31: expected a request/duration row, found end of file"));
        assert!(parse_psplib_sm("jobs: 99999999999\ngarbage\u{0}", "x").is_err());
    }

    #[test]
    fn never_panics_on_truncated_text() {
        let complete = SMALL.find("    4    5    2    1").unwrap() + 20;
        for end in 0..SMALL.len() {
            let result = parse_psplib_sm(&SMALL[..end], "x");
            assert_eq!(result.is_ok(), end >= complete, "prefix of {end} bytes");
        }
    }

    #[test]
    fn reads_best_known_tables() {
        let path = std::env::temp_dir().join(format!("leverans-{}.csv", std::process::id()));
        let head = "instance,best_ub,best_lb,closed,cpm_lb,ub_sources\nj301_1.sm,43,43,1,38,a\n";
        std::fs::write(&path, format!("{head}j302_1,47,46,0,41,b\n")).unwrap();
        let table = read_best_known(&path).unwrap();
        assert_eq!(
            (table.len(), table["j301_1"].best_ub, table["j302_1"].closed),
            (2, 43, false)
        );
        std::fs::write(&path, format!("{head}j302_1,4x,46,0,41,b\n")).unwrap();
        let e = read_best_known(&path).unwrap_err();
        std::fs::remove_file(&path).unwrap();
        assert!(matches!(e, PsplibError::Parse { line: 3, .. }), "{e}");
        let e = read_best_known(&path).unwrap_err();
        assert!(matches!(e, PsplibError::Io { .. }), "{e}");
    }

    /// Length of the longest path through the orders (all finish-to-start without lag).
    fn critical_path(p: &Portfolio) -> u32 {
        let duration = |id: &str| p.order(id).and_then(|o| o.duration).unwrap();
        let mut finish: HashMap<&str, u32> =
            p.orders.iter().map(|o| (&*o.id, duration(&o.id))).collect();
        let mut changed = true;
        while std::mem::take(&mut changed) {
            for d in &p.dependencies {
                let earliest = finish[&*d.from] + duration(&d.to);
                if finish[&*d.to] < earliest {
                    (*finish.get_mut(&*d.to).unwrap(), changed) = (earliest, true);
                }
            }
        }
        finish.into_values().max().unwrap_or(0)
    }

    #[test]
    fn reads_the_psplib_files() {
        let dir = psplib_dir();
        if !dir.join("j30/j301_1.sm").exists() {
            let dir = dir.display();
            return eprintln!("skipped: no PSPLIB data at {dir} (set LEVERANS_PSPLIB_DIR)");
        }
        let p = read_psplib_sm(&dir.join("j30/j301_1.sm")).unwrap();
        assert_eq!((&*p.name, p.orders.len(), p.teams.len()), ("j301_1", 30, 4));
        assert_eq!((p.calendar.periods, p.dependencies.len()), (Some(158), 42));
        let best = read_best_known(&dir.join("opt/consolidated-j30.csv")).unwrap();
        let (ub, lb, cpm_lb) = (43, 43, 38);
        let expected = BestKnown {
            best_ub: ub,
            best_lb: lb,
            closed: true,
            cpm_lb,
        };
        assert_eq!((best.len(), best["j301_1"]), (480, expected));
        // Every instance parses, and its critical path matches the published bound.
        for (set, jobs) in [("j30", 30), ("j60", 60)] {
            let best = read_best_known(&dir.join(format!("opt/consolidated-{set}.csv"))).unwrap();
            for entry in std::fs::read_dir(dir.join(set)).unwrap() {
                let p = read_psplib_sm(&entry.unwrap().path()).unwrap();
                assert_eq!(p.orders.len(), jobs, "{}", p.name);
                assert_eq!(critical_path(&p), best[&p.name].cpm_lb, "{}", p.name);
            }
        }
    }
}

#!/usr/bin/env python3
"""Leverans, OR-Tools CP-SAT and greedy levelling on the same PSPLIB instances, side by side.

    python3 benches/peers/compare.py --set j30 --every 8 --time-limit 10 --threads 1

Runs, on the same instances with the same time limit and thread count:

- ``leverans``: the full solve (heuristic search, then the MIP on HiGHS), ``psplib_sample``;
- ``leverans heuristic``: the heuristic search alone (``--heuristic-only``); its time is
  reported as Leverans's time to first plan (the solve runs it first; its very first plan, one
  priority rule, comes after microseconds);
- ``greedy``: one pass of the serial scheme with the latest-finish rule, as desktop tools level;
- ``cp-sat``: ``cpsat.py`` with ``--threads`` workers (skipped with ``--skip-cpsat`` or when
  ``ortools`` is not installed).

Writes ``<out-dir>/<engine>.csv`` per engine, ``<out-dir>/compare.csv`` (one row per instance,
one column group per engine) and ``<out-dir>/summary.md``, the table for BENCHMARKS.md, which is
also printed. Gaps are to the best known makespan; every plan is checked (Leverans's by its
verifier, CP-SAT's by ``cpsat.check``) and makespans are recomputed from the plans.
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]


def read_rows(path: Path) -> list[dict]:
    with path.open() as f:
        return list(csv.DictReader(f))


def run_leverans(args: argparse.Namespace, out: Path, extra: list[str]) -> list[dict]:
    if args.reuse and out.exists():
        return read_rows(out)
    if args.psplib_sample:
        run = [str(args.psplib_sample)]
    else:
        run = [
            "cargo",
            "run",
            "--release",
            "-q",
            "-p",
            "leverans-benches",
            "--bin",
            "psplib_sample",
            "--",
        ]
    cmd = [
        *run, "--set", args.set, "--every", str(args.every), "--time-limit", str(args.time_limit),
        "--threads", str(args.threads), "--out", str(out), *extra,
    ]  # fmt: skip
    print("$", " ".join(cmd), file=sys.stderr)
    # Exit code 2 flags a wrong plan or bound; the rows say which, so read them anyway.
    subprocess.run(cmd, cwd=ROOT, check=False, stdout=subprocess.DEVNULL)
    return read_rows(out)


def run_cpsat(args: argparse.Namespace, out: Path) -> list[dict] | None:
    if args.reuse and out.exists():
        return read_rows(out)
    if args.skip_cpsat or importlib.util.find_spec("ortools") is None:
        print("cp-sat skipped (pip install ortools)", file=sys.stderr)
        return None
    cmd = [
        sys.executable, str(HERE / "cpsat.py"), "--set", args.set, "--every", str(args.every),
        "--time-limit", str(args.time_limit), "--workers", str(args.threads), "--out", str(out),
    ]  # fmt: skip
    print("$", " ".join(cmd), file=sys.stderr)
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
    return read_rows(out)


def num(x: str) -> float | None:
    try:
        return float(x)
    except (TypeError, ValueError):
        return None


def summarise(name: str, rows: list[dict]) -> dict:
    gaps = [g for g in (num(r.get("gap_to_best_pct")) for r in rows) if g is not None]
    secs = [s for s in (num(r.get("seconds")) for r in rows) if s is not None]
    first = [s for s in (num(r.get("first_plan_seconds")) for r in rows) if s is not None]
    verified = sum(str(r.get("verified")).lower() == "true" for r in rows)
    return {
        "engine": name,
        "instances": len(rows),
        "optimal": sum(r.get("status") == "optimal" for r in rows),
        "at_best": sum(
            g is not None and abs(g) < 1e-9 for g in (num(r.get("gap_to_best_pct")) for r in rows)
        ),
        "mean_gap": sum(gaps) / len(gaps) if gaps else float("nan"),
        "no_plan": len(rows) - len(gaps),
        "verified": verified,
        "mean_seconds": sum(secs) / len(secs) if secs else float("nan"),
        "first_plan": sum(first) / len(first) if first else None,
    }


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--set", default="j30")
    ap.add_argument("--every", type=int, default=8)
    ap.add_argument("--time-limit", type=float, default=10.0)
    ap.add_argument("--threads", type=int, default=1, help="Leverans threads and CP-SAT workers")
    ap.add_argument("--out-dir", type=Path, default=ROOT / "target" / "peers")
    ap.add_argument("--skip-cpsat", action="store_true")
    ap.add_argument(
        "--reuse", action="store_true", help="read an engine's CSV from --out-dir when it is there"
    )
    ap.add_argument(
        "--psplib-sample", type=Path, help="a built psplib_sample binary (default: cargo run)"
    )
    args = ap.parse_args()
    out = args.out_dir / f"{args.set}-every{args.every}-{args.time_limit:g}s-{args.threads}t"
    out.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("CARGO_BUILD_JOBS", "1")

    engines: dict[str, list[dict]] = {}
    engines["leverans"] = run_leverans(args, out / "leverans.csv", [])
    engines["leverans heuristic"] = run_leverans(args, out / "heuristic.csv", ["--heuristic-only"])
    greedy = ["--heuristic-only", "--heuristic-evaluations", "1", "--heuristic-samples", "0"]
    engines["greedy (serial, latest finish)"] = run_leverans(args, out / "greedy.csv", greedy)
    cp = run_cpsat(args, out / "cpsat.csv")
    if cp is not None:
        engines["cp-sat"] = cp

    by_engine = {name: {r["instance"]: r for r in rows} for name, rows in engines.items()}
    names = sorted({i for rows in by_engine.values() for i in rows})
    fields = ["instance", "best_ub"]
    for name in engines:
        fields += [f"{name}:{c}" for c in ("status", "makespan", "bound", "seconds", "verified")]
    with (out / "compare.csv").open("w", newline="") as f:
        w = csv.DictWriter(f, fields)
        w.writeheader()
        for inst in names:
            row = {"instance": inst}
            for name, rows in by_engine.items():
                r = rows.get(inst, {})
                row["best_ub"] = row.get("best_ub") or r.get("best_ub", "")
                for c in ("status", "makespan", "bound", "seconds", "verified"):
                    row[f"{name}:{c}"] = r.get(c, "")
            w.writerow(row)

    sums = [summarise(name, rows) for name, rows in engines.items()]
    # Leverans's first good plan is the heuristic's (the solve runs it first); the heuristic
    # and greedy rows have no other plan.
    heuristic = next(s for s in sums if s["engine"] == "leverans heuristic")
    for s in sums:
        if s["engine"] == "leverans":
            s["first_plan"] = heuristic["mean_seconds"]
        elif s["first_plan"] is None:
            s["first_plan"] = s["mean_seconds"]
    ref = next((s for s in sums if s["engine"] == "cp-sat"), None)
    which = "every instance" if args.every <= 1 else f"every {args.every}th instance"
    lines = [
        (
            f"PSPLIB {args.set}, {which}, {args.time_limit:g} s, "
            f"{args.threads} thread(s) / worker(s):"
        ),
        "",
        (
            "| engine | instances | proven optimal | at best known | mean gap to best known "
            "| no plan | verified | mean time | time to first plan | gap ÷ CP-SAT's |"
        ),
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for s in sums:
        first = f"{s['first_plan']:.3f} s" if s["first_plan"] is not None else "-"
        ratio = "-"
        if ref is not None and ref["mean_gap"] > 0:
            ratio = f"{s['mean_gap'] / ref['mean_gap']:.2f}"
        lines.append(
            f"| {s['engine']} | {s['instances']} | {s['optimal']} | {s['at_best']} "
            f"| {s['mean_gap']:.2f} % | {s['no_plan']} | {s['verified']} "
            f"| {s['mean_seconds']:.2f} s | {first} | {ratio} |"
        )
    lines += [
        "",
        (
            'For the heuristic and greedy rows, "proven optimal" means the plan meets the '
            "critical-path bound."
        ),
    ]
    text = "\n".join(lines) + "\n"
    (out / "summary.md").write_text(text)
    print(text)
    print(f"rows: {out / 'compare.csv'}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

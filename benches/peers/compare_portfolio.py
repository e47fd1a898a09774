#!/usr/bin/env python3
"""Leverans, greedy levelling and OR-Tools CP-SAT on the same generated portfolios.

    python3 benches/peers/compare_portfolio.py --orders 100,1000 --seeds 1,2 \\
        --time-limit 10 --threads 2 [--cpsat-time-limit 60 --cpsat-workers 2]

For each size and seed, ``portfolio_tool generate`` (release build) writes the portfolio, its
fixed-pace version and the fixed-pace problem resolved to JSON. Then, one engine at a time:

- ``leverans``: the full solve (heuristic search, then the MIP on HiGHS with ``--threads``
  threads) of the effort-driven portfolio, goal weighted tardiness then weighted completion;
- ``greedy``: one pass of the serial scheme with the earliest-due rule (rank-first levelling,
  as desktop tools do) on the effort-driven portfolio;
- ``greedy fixed``: the same pass on the fixed-pace portfolio (CP-SAT's model);
- ``cp-sat``: ``cpsat_portfolio.py`` on the fixed-pace portfolio, same time limit, ``--threads``
  workers; with ``--cpsat-time-limit``/``--cpsat-workers`` also a second CP-SAT run with its own
  limit and workers;
- with ``--leverans-fixed``: Leverans's solve of the fixed-pace portfolio too.

Every plan is built and checked by Leverans's verifier (``portfolio_tool check`` for CP-SAT's
starts and go-lives) and its weighted tardiness recomputed from the plan. Writes
``<out-dir>/portfolio.csv`` (one row per engine and instance) and ``<out-dir>/summary.md``,
which is also printed.
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
FIELDS = [
    "engine",
    "model",
    "orders",
    "seed",
    "status",
    "weighted_lateness",
    "vs_greedy_pct",
    "seconds",
    "first_plan_seconds",
    "verified",
    "late_orders",
    "reported_objective",
    "reported_bound",
]


def run_json(cmd: list[str], timeout: float) -> dict:
    """Runs one of our own tools and reads the JSON object it prints last."""
    print("$", " ".join(cmd), file=sys.stderr)
    try:
        done = subprocess.run(
            cmd, cwd=ROOT, capture_output=True, text=True, timeout=timeout, check=False
        )
    except subprocess.TimeoutExpired:
        return {"error": f"no answer within {timeout:.0f} s"}
    lines = [x for x in done.stdout.splitlines() if x.startswith("{")]
    if not lines:
        return {"error": done.stderr.strip()[-300:] or f"exit code {done.returncode}"}
    return json.loads(lines[-1])


def build_tool() -> Path:
    """Builds ``portfolio_tool`` in the release profile and returns its path."""
    env = {**os.environ, "CARGO_BUILD_JOBS": os.environ.get("CARGO_BUILD_JOBS", "1")}
    cmd = ["cargo", "build", "--release", "-q", "-p", "leverans-benches"]
    subprocess.run([*cmd, "--bin", "portfolio_tool"], cwd=ROOT, env=env, check=True)
    return ROOT / "target" / "release" / "portfolio_tool"


def row(engine: str, model: str, orders: int, seed: int, r: dict) -> dict:
    """A CSV row from a tool's answer."""
    wt = r.get("weighted_lateness")
    return {
        "engine": engine,
        "model": model,
        "orders": orders,
        "seed": seed,
        "status": r.get("status", "error" if "error" in r else "plan"),
        "weighted_lateness": "" if wt is None else wt,
        "vs_greedy_pct": "",
        "seconds": fmt(r.get("seconds")),
        "first_plan_seconds": fmt(r.get("first_plan_seconds")),
        "verified": bool(r.get("verified")),
        "late_orders": r.get("late_orders", ""),
        "reported_objective": r.get("objective_reported", r.get("objective", "")),
        "reported_bound": r.get("bound_reported", r.get("bound", "")),
    }


def fmt(x: float | None) -> str:
    return "" if x is None else f"{x:.3f}"


def cpsat_rows(args, tool, gen, orders, seed, limit, workers, name) -> dict:
    """CP-SAT on the fixed-pace problem, then Leverans's verifier on its plan."""
    plan = Path(gen["flat"]).with_suffix("").with_suffix(f".cpsat-{limit:g}s-{workers}w.json")
    cmd = [
        sys.executable, str(HERE / "cpsat_portfolio.py"), gen["flat"], "--time-limit", str(limit),
        "--workers", str(workers), "--seed", str(args.cpsat_seed), "--out", str(plan),
    ]  # fmt: skip
    r = run_json(cmd, timeout=limit * 3 + 300)
    if r.get("status") in ("optimal", "feasible"):
        checked = run_json([str(tool), "check", gen["fixed"], str(plan)], timeout=600)
        r.update({k: checked.get(k) for k in ("weighted_lateness", "verified", "late_orders")})
        if "error" in checked:
            r["status"] = "check failed: " + checked["error"]
    return row(name, "fixed pace", orders, seed, r)


def run_instance(args: argparse.Namespace, tool: Path, orders: int, seed: int) -> list[dict]:
    cmd = [
        str(tool), "generate", "--orders", str(orders), "--teams", str(args.teams),
        "--weeks", str(args.weeks), "--load", str(args.load), "--seed", str(seed),
        "--out", str(args.out_dir / "portfolios"),
    ]  # fmt: skip
    gen = run_json(cmd, timeout=600)
    if "error" in gen:
        print(f"generate {orders} orders seed {seed}: {gen['error']}", file=sys.stderr)
        return []
    limit, threads = args.time_limit, args.threads
    solve = [str(tool), "solve"]
    opts = ["--time-limit", str(limit), "--threads", str(threads)]
    rows = [
        row("greedy", "effort", orders, seed, run_json([str(tool), "greedy", gen["portfolio"]], 600)),
        row(
            "leverans",
            "effort",
            orders,
            seed,
            run_json([*solve, gen["portfolio"], *opts], timeout=limit * 5 + 300),
        ),
        row("greedy fixed", "fixed pace", orders, seed, run_json([str(tool), "greedy", gen["fixed"]], 600)),
    ]  # fmt: skip
    if args.leverans_fixed:
        r = run_json([*solve, gen["fixed"], *opts], timeout=limit * 5 + 300)
        rows.append(row("leverans fixed", "fixed pace", orders, seed, r))
    if not args.skip_cpsat and importlib.util.find_spec("ortools") is not None:
        rows.append(cpsat_rows(args, tool, gen, orders, seed, limit, threads, "cp-sat"))
        if args.cpsat_time_limit or args.cpsat_workers:
            lim = args.cpsat_time_limit or limit
            w = args.cpsat_workers or threads
            name = f"cp-sat {lim:g}s {w}w"
            rows.append(cpsat_rows(args, tool, gen, orders, seed, lim, w, name))
    elif not args.skip_cpsat:
        print("cp-sat skipped (pip install ortools)", file=sys.stderr)
    greedy = rows[0]["weighted_lateness"]
    for r in rows:
        wt = r["weighted_lateness"]
        if wt != "" and greedy not in ("", 0, 0.0):
            r["vs_greedy_pct"] = f"{100.0 * (wt - greedy) / greedy:+.1f}"
    return rows


def mean(xs: list[float]) -> float | None:
    return sum(xs) / len(xs) if xs else None


def summary(args: argparse.Namespace, rows: list[dict]) -> str:
    lines = [
        (
            f"Generated portfolios, {args.teams} teams, {args.weeks} weeks, load {args.load}, "
            f"seeds {args.seeds}; {args.time_limit:g} s and {args.threads} thread(s)/worker(s) "
            "unless the engine says otherwise. Weighted tardiness recomputed from each plan; "
            "every plan checked by Leverans's verifier."
        ),
        "",
        (
            "| orders | seed | engine | model | status | weighted tardiness | vs greedy | seconds "
            "| first plan | verified |"
        ),
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        vs = f"{r['vs_greedy_pct']} %" if r["vs_greedy_pct"] else "-"
        wt = r["weighted_lateness"]
        lines.append(
            f"| {r['orders']} | {r['seed']} | {r['engine']} | {r['model']} | {r['status']} "
            f"| {'-' if wt == '' else f'{wt:.0f}'} | {vs} | {r['seconds'] or '-'} "
            f"| {r['first_plan_seconds'] or '-'} | {r['verified']} |"
        )
    lines += [
        "",
        (
            "| orders | engine | plans | verified | mean weighted tardiness | mean vs greedy "
            "| mean seconds | mean first plan |"
        ),
        "|---|---|---|---|---|---|---|---|",
    ]
    keys = sorted(
        {(r["orders"], r["engine"]) for r in rows}, key=lambda k: (k[0], order(k[1]), k[1])
    )
    for orders, engine in keys:
        rs = [r for r in rows if r["orders"] == orders and r["engine"] == engine]
        wts = [r["weighted_lateness"] for r in rs if r["weighted_lateness"] != ""]
        vs = [float(r["vs_greedy_pct"]) for r in rs if r["vs_greedy_pct"]]
        secs = [float(r["seconds"]) for r in rs if r["seconds"]]
        first = [float(r["first_plan_seconds"]) for r in rs if r["first_plan_seconds"]]
        cells = [
            "-" if x is None else f.format(x)
            for x, f in (
                (mean(wts), "{:.0f}"),
                (mean(vs), "{:+.1f} %"),
                (mean(secs), "{:.2f} s"),
                (mean(first), "{:.3f} s"),
            )
        ]
        lines.append(
            f"| {orders} | {engine} | {len(wts)} / {len(rs)} "
            f"| {sum(r['verified'] for r in rs)} | {' | '.join(cells)} |"
        )
    return "\n".join(lines) + "\n"


def order(engine: str) -> int:
    """Table order: greedy, Leverans, the fixed-pace rows, CP-SAT."""
    for k, prefix in enumerate(("greedy fixed", "greedy", "leverans fixed", "leverans")):
        if engine.startswith(prefix):
            return (1, 0, 3, 2)[k]
    return 4


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ints = lambda s: [int(x) for x in s.split(",") if x]
    ap.add_argument("--orders", type=ints, default=[100], help="sizes, e.g. 100,1000")
    ap.add_argument("--seeds", type=ints, default=[1], help="seeds, e.g. 1,2")
    ap.add_argument("--teams", type=int, default=10)
    ap.add_argument("--weeks", type=int, default=104)
    ap.add_argument("--load", type=float, default=0.7)
    ap.add_argument("--time-limit", type=float, default=10.0)
    ap.add_argument("--threads", type=int, default=1, help="Leverans threads and CP-SAT workers")
    ap.add_argument("--cpsat-time-limit", type=float, help="a second CP-SAT run with this limit")
    ap.add_argument("--cpsat-workers", type=int, help="... and this many workers")
    ap.add_argument("--cpsat-seed", type=int, default=0)
    ap.add_argument("--leverans-fixed", action="store_true", help="also solve the fixed pace")
    ap.add_argument("--skip-cpsat", action="store_true")
    ap.add_argument("--tool", type=Path, help="a built portfolio_tool (default: cargo build)")
    ap.add_argument("--out-dir", type=Path, default=ROOT / "target" / "peers" / "portfolio")
    args = ap.parse_args()
    args.out_dir.mkdir(parents=True, exist_ok=True)
    tool = args.tool or build_tool()
    rows = []
    for orders in args.orders:
        for seed in args.seeds:
            rows += run_instance(args, tool, orders, seed)
            with (args.out_dir / "portfolio.csv").open("w", newline="") as f:
                w = csv.DictWriter(f, FIELDS)
                w.writeheader()
                w.writerows(rows)
    args.seeds = ",".join(map(str, args.seeds))
    text = summary(args, rows)
    (args.out_dir / "summary.md").write_text(text)
    print(text)
    print(f"rows: {args.out_dir / 'portfolio.csv'}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())

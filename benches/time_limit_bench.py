#!/usr/bin/env python3
"""The time limit as a user sees it: 20 solves of mixed instances with `leverans plan
--time-limit 5 --threads 2` while another process keeps one core busy; the wall time of each
command (start-up, reading the file and printing the plan included) against the limit.

PSPLIB j30 and j60 (makespan, read from LEVERANS_PSPLIB_DIR, default ../shared/psplib beside
the checkout), generated portfolios of 100 to 5 000 orders (effort-driven and fixed-pace,
lateness first) and the Tyresö example. Prints a Markdown table and the worst overshoot, for
BENCHMARKS.md ("The time limit under load").

    python3 benches/time_limit_bench.py [--limit 5] [--threads 2] [--no-load]
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))


def psplib_dir() -> Path:
    return Path(os.environ.get("LEVERANS_PSPLIB_DIR", ROOT.parent / "shared" / "psplib"))


def busy() -> None:
    """Keeps one core busy until killed."""
    x = 0
    while True:
        x = (x * 7 + 1) % 1_000_003


def generated(tool: Path, orders: int, seed: int, fixed: bool) -> Path:
    out = TARGET / "gen"
    name = f"generated-{orders}x10x104w-seed{seed}"
    path = out / (name + (".fixed.json" if fixed else ".json"))
    if not path.exists():
        subprocess.run(
            [str(tool), "generate", "--orders", str(orders), "--teams", "10", "--weeks", "104",
             "--seed", str(seed), "--out", str(out)],
            check=True, stdout=subprocess.DEVNULL,
        )
    return path


def instances(tool: Path) -> list[Path]:
    files: list[Path] = []
    ps = psplib_dir()
    for s, names in (("j30", ["j301_1", "j3010_5", "j3025_3", "j3037_7", "j3046_2"]),
                     ("j60", ["j601_1", "j6010_5", "j6025_3", "j6037_7", "j6046_2"])):
        for n in names:
            f = ps / s / f"{n}.sm"
            if f.exists():
                files.append(f)
            else:
                print(f"SKIPPED {f}: no PSPLIB data", file=sys.stderr)
    for orders, seed, fixed in ((100, 1, False), (100, 2, False), (100, 1, True), (100, 2, True),
                                (300, 1, True), (300, 1, False), (1000, 1, False),
                                (1000, 1, True), (5000, 1, False)):
        files.append(generated(tool, orders, seed, fixed))
    files.append(ROOT / "examples" / "tyreso-2013" / "portfolio.json")
    return files


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=float, default=5.0)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--no-load", action="store_true", help="leave the other core free")
    args = ap.parse_args()
    subprocess.run(["cargo", "build", "--release", "-q", "-p", "leverans-cli", "-p",
                    "leverans-benches"], cwd=ROOT, check=True)
    cli, tool = TARGET / "release" / "leverans", TARGET / "release" / "portfolio_tool"
    files = instances(tool)
    load = None if args.no_load else multiprocessing.Process(target=busy, daemon=True)
    if load:
        load.start()
    rows = []
    try:
        for f in files:
            t0 = time.perf_counter()
            r = subprocess.run([str(cli), "plan", str(f), "--time-limit", str(args.limit),
                                "--threads", str(args.threads)], capture_output=True, text=True)
            wall = time.perf_counter() - t0
            rows.append((f.name, wall, r.returncode))
    finally:
        if load:
            load.terminate()
    print(f"| instance | wall time (limit {args.limit:g} s) | over the limit | exit |")
    print("|---|---:|---:|---:|")
    for name, wall, rc in rows:
        print(f"| {name} | {wall:.2f} s | {wall - args.limit:+.2f} s | {rc} |")
    over = [w - args.limit for _, w, _ in rows]
    print(f"\n{len(rows)} solves, load {'none' if args.no_load else 'one core busy'}, "
          f"threads {args.threads}: worst {max(over):+.2f} s, median {statistics.median(over):+.2f} s")
    return 0 if all(rc in (0, 3) for _, _, rc in rows) else 1


if __name__ == "__main__":
    sys.exit(main())

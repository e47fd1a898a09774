#!/usr/bin/env python3
"""OR-Tools CP-SAT on PSPLIB single-mode RCPSP instances (``.sm`` files), the peer of
``psplib_sample``.

The model is the usual one: an interval per job (start variable, fixed duration), one
cumulative constraint per renewable resource, ``end(a) <= start(b)`` per precedence, and the
makespan as the maximum end, minimised. The makespan printed is recomputed from the returned
starts (CP-SAT's reported objective is not trusted), and the plan is checked for precedence and
capacity before it counts.

    python3 benches/peers/cpsat.py --set j30 --every 8 --time-limit 10 --workers 1 --out cpsat.csv
    python3 benches/peers/cpsat.py path/to/j301_1.sm --time-limit 1

One CSV row per instance goes to standard output (and to ``--out``): instance, status
(``optimal``, ``feasible``, ``no_plan_in_time``, ``infeasible``), makespan, bound, best known
makespan, gap to it in percent, seconds, seconds to the first plan, whether the plan checked.
A summary line goes to standard error.

Needs ``pip install ortools`` (measured with 9.15). PSPLIB data is read from
``LEVERANS_PSPLIB_DIR`` or ``../shared/psplib`` beside the checkout.
"""

from __future__ import annotations

import argparse
import csv
import os
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

HEADER = [
    "instance",
    "status",
    "makespan",
    "bound",
    "best_ub",
    "closed",
    "gap_to_best_pct",
    "seconds",
    "first_plan_seconds",
    "verified",
]


@dataclass
class Instance:
    """One RCPSP instance: durations, demands, successors (0-based job indices), capacities."""

    name: str
    durations: list[int]
    demands: list[list[int]]
    successors: list[list[int]]
    capacities: list[int]
    horizon: int


def psplib_dir() -> Path:
    """The PSPLIB folder: ``LEVERANS_PSPLIB_DIR`` or ``shared/psplib`` beside the checkout."""
    env = os.environ.get("LEVERANS_PSPLIB_DIR")
    if env:
        return Path(env)
    return Path(__file__).resolve().parents[3] / "shared" / "psplib"


def read_sm(path: Path) -> Instance:
    """Parses a PSPLIB ``.sm`` file (single mode, renewable resources only)."""
    lines = path.read_text().splitlines()
    n_jobs = horizon = n_res = None
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith("jobs (incl. supersource/sink )"):
            n_jobs = int(line.split(":")[1])
        elif line.startswith("horizon"):
            horizon = int(line.split(":")[1])
        elif line.strip().startswith("- renewable"):
            n_res = int(line.split(":")[1].split()[0])
        elif line.startswith("PRECEDENCE RELATIONS:"):
            break
        i += 1
    if n_jobs is None or horizon is None or n_res is None:
        raise ValueError(f"{path}: header incomplete")
    successors: list[list[int]] = [[] for _ in range(n_jobs)]
    i += 2  # the block's column titles
    for _ in range(n_jobs):
        tok = lines[i].split()
        job, n_succ = int(tok[0]) - 1, int(tok[2])
        successors[job] = [int(s) - 1 for s in tok[3 : 3 + n_succ]]
        i += 1
    while not lines[i].startswith("REQUESTS/DURATIONS:"):
        i += 1
    i += 3  # title, column titles, dashes
    durations = [0] * n_jobs
    demands = [[0] * n_res for _ in range(n_jobs)]
    for _ in range(n_jobs):
        tok = [int(x) for x in lines[i].split()]
        job = tok[0] - 1
        durations[job] = tok[2]
        demands[job] = tok[3 : 3 + n_res]
        i += 1
    while not lines[i].startswith("RESOURCEAVAILABILITIES:"):
        i += 1
    capacities = [int(x) for x in lines[i + 2].split()[:n_res]]
    return Instance(path.stem, durations, demands, successors, capacities, horizon)


def natural_key(set_name: str, path: Path) -> tuple[int, int]:
    """``j301_1`` < ``j301_2`` < ... < ``j301_10`` < ``j302_1``: as the Rust harness orders them."""
    m = re.fullmatch(re.escape(set_name) + r"(\d+)_(\d+)", path.stem)
    return (int(m.group(1)), int(m.group(2))) if m else (1 << 31, 1 << 31)


def instances(set_name: str, every: int) -> list[Path]:
    """Every ``every``-th instance of a set in natural order (1st, (every+1)-th, ...)."""
    files = sorted((psplib_dir() / set_name).glob("*.sm"), key=lambda p: natural_key(set_name, p))
    return files[:: max(every, 1)]


def best_known(set_name: str) -> dict[str, tuple[int, bool]]:
    """Best known makespan and whether it is proven optimal, by instance."""
    path = psplib_dir() / "opt" / f"consolidated-{set_name}.csv"
    if not path.exists():
        return {}
    with path.open() as f:
        return {r["instance"]: (int(r["best_ub"]), r["closed"] == "1") for r in csv.DictReader(f)}


def check(inst: Instance, starts: list[int]) -> bool:
    """True when the starts keep every precedence and never exceed a capacity."""
    n = len(starts)
    for a in range(n):
        for b in inst.successors[a]:
            if starts[a] + inst.durations[a] > starts[b]:
                return False
    end = max((s + d for s, d in zip(starts, inst.durations)), default=0)
    for r, cap in enumerate(inst.capacities):
        use = [0] * (end + 1)
        for j in range(n):
            for t in range(starts[j], starts[j] + inst.durations[j]):
                use[t] += inst.demands[j][r]
        if any(u > cap for u in use):
            return False
    return True


def run_timed(model, time_limit: float, workers: int, seed: int, started: float):
    """Solves `model` with CP-SAT; returns the solver, its status, the seconds from `started`
    to the first plan (None without one) and to the end. Shared with ``cpsat_portfolio.py``."""
    from ortools.sat.python import cp_model

    class FirstPlan(cp_model.CpSolverSolutionCallback):
        def __init__(self) -> None:
            super().__init__()
            self.first: float | None = None

        def on_solution_callback(self) -> None:
            if self.first is None:
                self.first = time.perf_counter() - started

    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    cb = FirstPlan()
    status = solver.solve(model, cb)
    return solver, status, cb.first, time.perf_counter() - started


def solve(inst: Instance, time_limit: float, workers: int, seed: int = 0) -> dict:
    """Solves one instance; the row's fields as a dict."""
    from ortools.sat.python import cp_model

    started = time.perf_counter()
    m = cp_model.CpModel()
    n = len(inst.durations)
    h = inst.horizon
    start = [m.new_int_var(0, h, f"s{j}") for j in range(n)]
    end = [m.new_int_var(0, h, f"e{j}") for j in range(n)]
    iv = [m.new_interval_var(start[j], inst.durations[j], end[j], f"i{j}") for j in range(n)]
    for r, cap in enumerate(inst.capacities):
        jobs = [j for j in range(n) if inst.demands[j][r] > 0 and inst.durations[j] > 0]
        m.add_cumulative([iv[j] for j in jobs], [inst.demands[j][r] for j in jobs], cap)
    for a in range(n):
        for b in inst.successors[a]:
            m.add(end[a] <= start[b])
    makespan = m.new_int_var(0, h, "makespan")
    m.add_max_equality(makespan, end)
    m.minimize(makespan)

    solver, status, first, seconds = run_timed(m, time_limit, workers, seed, started)
    row = {"status": "no_plan_in_time", "makespan": "", "bound": "", "verified": False}
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        starts = [solver.value(s) for s in start]
        ms = max((s + d for s, d in zip(starts, inst.durations)), default=0)
        bound = round(solver.best_objective_bound)
        row.update(
            status="optimal" if status == cp_model.OPTIMAL and ms <= bound else "feasible",
            makespan=ms,
            bound=min(bound, ms),
            verified=check(inst, starts),
        )
    elif status == cp_model.INFEASIBLE:
        row["status"] = "infeasible"
    row["seconds"] = f"{seconds:.3f}"
    row["first_plan_seconds"] = "" if first is None else f"{first:.3f}"
    return row


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("files", nargs="*", type=Path, help=".sm files (instead of --set)")
    ap.add_argument("--set", default="j30", help="PSPLIB set folder (j30, j60)")
    ap.add_argument("--every", type=int, default=8, help="every n-th instance in natural order")
    ap.add_argument("--time-limit", type=float, default=10.0, help="seconds per instance")
    ap.add_argument("--workers", type=int, default=1, help="CP-SAT search workers")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", type=Path, help="also write the CSV here")
    args = ap.parse_args()

    files = args.files or instances(args.set, args.every)
    if not files:
        print(
            f"no instances found in {psplib_dir() / args.set} (set LEVERANS_PSPLIB_DIR)",
            file=sys.stderr,
        )
        return 1
    best = best_known(args.set)
    rows = []
    out = csv.DictWriter(sys.stdout, HEADER)
    out.writeheader()
    for path in files:
        inst = read_sm(path)
        row = {"instance": inst.name, **solve(inst, args.time_limit, args.workers, args.seed)}
        ub, closed = best.get(inst.name, (None, False))
        row["best_ub"] = "" if ub is None else ub
        row["closed"] = int(closed)
        ok = row["makespan"] != "" and ub is not None
        row["gap_to_best_pct"] = f"{100.0 * (row['makespan'] - ub) / ub:.3f}" if ok else ""
        out.writerow(row)
        sys.stdout.flush()
        rows.append(row)
    if args.out:
        with args.out.open("w", newline="") as f:
            w = csv.DictWriter(f, HEADER)
            w.writeheader()
            w.writerows(rows)
    gaps = [float(r["gap_to_best_pct"]) for r in rows if r["gap_to_best_pct"] != ""]
    optimal = sum(r["status"] == "optimal" for r in rows)
    mean_gap = sum(gaps) / len(gaps) if gaps else float("nan")
    print(
        f"cp-sat {args.workers} worker(s), {args.time_limit} s: {len(rows)} instances, "
        f"{optimal} proven optimal, mean gap to best known {mean_gap:.2f} %",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""OR-Tools CP-SAT on a generated portfolio at a fixed pace, the peer of Leverans's solve.

Reads the resolved problem that ``portfolio_tool generate`` (or ``portfolio_tool flat``) writes
for the fixed-pace portfolio: every order a fixed duration with fixed hours per full week. The
model is the natural interval model and exact for that portfolio:

- an interval per order: start ``s`` in ``[release, periods - duration]`` (0 for an order in
  progress), fixed duration;
- per team, one cumulative constraint. In Leverans an order's demand in week ``t`` is its hours
  per full week times the week's working share, and the team has ``capacity[t]`` hours; so the
  week's rule is ``sum(demand) <= capacity[t] / share[t]`` (no rule when the share is 0). The
  cumulative gets the largest of these as its capacity and a fixed blocking interval for each
  run of weeks below it. Hours are scaled to integers exactly: per team by the least common
  multiple of the demands' denominators (``hours / duration``), capacities rounded down (the
  demand sums are whole numbers after scaling, so nothing feasible is lost);
- precedences with their kinds and lags (finish-to-start: ``s_b >= s_a + d_a + lag``;
  start-to-start: ``s_b >= s_a + lag``; finish-to-finish: ``s_b + d_b >= s_a + d_a + lag``);
- go-live ``g`` in the periods that are not frozen, ``g >= s + d - 1 + go_live_lag``,
  ``g <= deadline``, and at most ``max_go_lives`` go-lives per period (a cumulative of unit
  intervals) when the portfolio sets a limit;
- objective: sum of weight × max(0, g − due), the weights as Leverans resolves them.

Without a go-live limit, the plan's go-lives are moved to the first open period at or after
``finish + go_live_lag`` (never later than CP-SAT's, so never costlier). The plan is written as
``{"plan": [{"order", "start", "go_live"}], ...}`` for ``portfolio_tool check``, which builds
Leverans's plan from it, runs the verifier and recomputes the weighted tardiness (CP-SAT's
reported objective is not trusted).

    python3 benches/peers/cpsat_portfolio.py target/gen/NAME.fixed.flat.json \\
        --time-limit 10 --workers 1 --out target/gen/NAME.cpsat.json

Prints one JSON object (status, objective and bound as CP-SAT reports them, seconds, seconds to
the first plan, model size) on standard output. Needs ``pip install ortools`` (9.15).
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
from fractions import Fraction
from pathlib import Path

from cpsat import run_timed

#: Largest denominator tried when reading an hours-per-week figure as a fraction.
MAX_DENOMINATOR = 10_000
#: Above this scale a team's hours are rounded (conservatively) instead of scaled exactly.
MAX_SCALE = 10**9


def as_fraction(x: float) -> Fraction | None:
    """``x`` as a fraction with a small denominator, when it is one (to the float's precision)."""
    f = Fraction(x).limit_denominator(MAX_DENOMINATOR)
    return f if abs(float(f) - x) <= 1e-12 * max(1.0, abs(x)) else None


def scaled_down(x: float) -> int:
    """``floor(x)``, except that a float a hair below a whole number counts as that number."""
    k = round(x)
    return k if abs(x - k) <= 1e-6 * max(1.0, abs(x)) else math.floor(x)


def team_scale(demands: list[float]) -> tuple[int, bool]:
    """The factor that makes every demand of a team a whole number, and whether it is exact."""
    scale = 1
    for d in demands:
        f = as_fraction(d)
        if f is None:
            return 10_000, False
        scale = math.lcm(scale, f.denominator)
        if scale > MAX_SCALE:
            return 10_000, False
    return scale, True


def integer_weights(weights: list[float]) -> tuple[list[int], int]:
    """Weights as whole numbers and the factor used (1 when they already are)."""
    for factor in (1, 10, 100, 1000):
        if all(abs(w * factor - round(w * factor)) < 1e-9 for w in weights):
            return [round(w * factor) for w in weights], factor
    return [round(w * 1000) for w in weights], 1000


def build(flat: dict):
    """The CP-SAT model of a fixed-pace problem: model, start and go-live variables, facts."""
    from ortools.sat.python import cp_model

    if flat.get("has_decisions"):
        raise ValueError("optional orders, groups, budgets, shares or consultants: not modelled")
    n_periods = flat["periods"]
    share = flat["share"]
    jobs = flat["jobs"]
    for j in jobs:
        if "fixed" not in j["work"]:
            raise ValueError(f"order {j['order']} is effort-driven: convert it to a fixed pace")
    dur = [max(1, j["work"]["fixed"]["duration"]) for j in jobs]
    m = cp_model.CpModel()
    open_periods = [t for t in range(n_periods) if not flat["frozen"][t]]
    start, go_live, intervals = [], [], []
    for k, j in enumerate(jobs):
        lo = 0 if j["in_progress"] else j["release"]
        s = m.new_int_var(lo, 0 if j["in_progress"] else n_periods - dur[k], f"s{k}")
        last_g = n_periods - 1 if j["deadline"] is None else min(j["deadline"], n_periods - 1)
        allowed = [t for t in open_periods if t <= last_g]
        g = m.new_int_var_from_domain(cp_model.Domain.from_values(allowed), f"g{k}")
        m.add(g >= s + dur[k] - 1 + j["go_live_lag"])
        start.append(s)
        go_live.append(g)
        intervals.append(m.new_fixed_size_interval_var(s, dur[k], f"i{k}"))

    exact = True
    for r, team in enumerate(flat["teams"]):
        users = [
            (k, h)
            for k, j in enumerate(jobs)
            for (team_idx, h) in j["work"]["fixed"]["demand"]
            if team_idx == r and h > 0
        ]
        if not users:
            continue
        scale, ok = team_scale([h for _, h in users])
        exact &= ok
        need = [math.ceil(h * scale - 1e-6) if not ok else round(h * scale) for _, h in users]
        cap = [
            scaled_down(team["capacity"][t] / share[t] * scale) if share[t] > 0 else None
            for t in range(n_periods)
        ]
        top = max((c for c in cap if c is not None), default=0)
        block_iv, block_h = [], []
        t = 0
        while t < n_periods:
            c = top if cap[t] is None else cap[t]
            u = t
            while u + 1 < n_periods and (top if cap[u + 1] is None else cap[u + 1]) == c:
                u += 1
            if c < top:
                block_iv.append(m.new_fixed_size_interval_var(t, u - t + 1, f"block{r}_{t}"))
                block_h.append(top - c)
            t = u + 1
        m.add_cumulative([intervals[k] for k, _ in users] + block_iv, need + block_h, top)

    for link in flat["links"]:
        a, b, lag = link["from"], link["to"], link["lag"]
        if link["kind"] == "finish_to_start":
            m.add(start[b] >= start[a] + dur[a] + lag)
        elif link["kind"] == "start_to_start":
            m.add(start[b] >= start[a] + lag)
        elif link["kind"] == "finish_to_finish":
            m.add(start[b] + dur[b] >= start[a] + dur[a] + lag)
        else:
            raise ValueError(f"unknown dependency kind {link['kind']}")

    limit = flat.get("max_go_lives")
    if limit is not None:
        slots = [m.new_fixed_size_interval_var(g, 1, f"live{k}") for k, g in enumerate(go_live)]
        m.add_cumulative(slots, [1] * len(slots), limit)

    weights, factor = integer_weights([j["weight"] for j in jobs])
    terms = []
    for k, j in enumerate(jobs):
        if j["due"] is None or weights[k] == 0:
            continue
        late = m.new_int_var(0, n_periods, f"late{k}")
        m.add(late >= go_live[k] - j["due"])
        terms.append(weights[k] * late)
    m.minimize(sum(terms))
    facts = {"exact": exact, "weight_factor": factor, "durations": dur, "open": open_periods}
    return m, start, go_live, facts


def first_open(open_periods: list[int], t: int) -> int | None:
    """The first open period at or after ``t``."""
    return next((x for x in open_periods if x >= t), None)


def solve(flat: dict, time_limit: float, workers: int, seed: int = 0) -> tuple[dict, list[dict]]:
    """Solves a fixed-pace problem: a summary and the plan rows (empty without a plan)."""
    from ortools.sat.python import cp_model

    started = time.perf_counter()
    m, start, go_live, facts = build(flat)
    built = time.perf_counter() - started

    solver, status, first, seconds = run_timed(m, time_limit, workers, seed, started)
    names = {
        cp_model.OPTIMAL: "optimal",
        cp_model.FEASIBLE: "feasible",
        cp_model.INFEASIBLE: "infeasible",
        cp_model.MODEL_INVALID: "model_invalid",
    }
    summary = {
        "engine": "cp-sat",
        "status": names.get(status, "no_plan_in_time"),
        "seconds": seconds,
        "build_seconds": built,
        "first_plan_seconds": first,
        "exact": facts["exact"],
        "workers": workers,
        "time_limit": time_limit,
    }
    rows: list[dict] = []
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        f = facts["weight_factor"]
        summary["objective_reported"] = solver.objective_value / f
        summary["bound_reported"] = solver.best_objective_bound / f
        for k, j in enumerate(flat["jobs"]):
            s, g = solver.value(start[k]), solver.value(go_live[k])
            if flat.get("max_go_lives") is None:
                earliest = first_open(
                    facts["open"], s + facts["durations"][k] - 1 + j["go_live_lag"]
                )
                if earliest is not None and earliest < g:
                    g = earliest
            rows.append({"order": j["order"], "start": s, "go_live": g})
    return summary, rows


def main() -> int:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("flat", type=Path, help="the resolved fixed-pace problem (JSON)")
    ap.add_argument("--time-limit", type=float, default=10.0, help="seconds")
    ap.add_argument("--workers", type=int, default=1, help="CP-SAT search workers")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--out", type=Path, help="write the plan here (JSON)")
    args = ap.parse_args()
    flat = json.loads(args.flat.read_text())
    summary, rows = solve(flat, args.time_limit, args.workers, args.seed)
    summary["instance"] = flat.get("name", args.flat.stem)
    if args.out:
        args.out.write_text(json.dumps({**summary, "plan": rows}))
        summary["plan"] = str(args.out)
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())

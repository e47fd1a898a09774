"""Cost of the Python binding against the solve, for a generated portfolio.

Times: building the portfolio from pandas DataFrames (``Portfolio.from_frames``), the solve,
and turning the plan back into DataFrames (orders, work, load). Writes a Markdown row.

    cargo run --release -p leverans-benches --bin portfolio_bench -- \\
        --orders 1000 --teams 10 --weeks 104 --seeds 1 --time-limit 1 --write target/gen
    python3 benches/python/binding_overhead.py target/gen/generated-1000x10x104w-seed1.json --time-limit 30
"""

from __future__ import annotations

import argparse
import time

import leverans as lv


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("portfolio")
    parser.add_argument("--time-limit", type=float, default=30.0)
    args = parser.parse_args()

    source = lv.read_portfolio(args.portfolio)
    frames = source.to_frames()
    t0 = time.perf_counter()
    portfolio = lv.Portfolio.from_frames(calendar=source.calendar, **frames)
    t_in = time.perf_counter() - t0

    t0 = time.perf_counter()
    result = portfolio.solve(time_limit=args.time_limit)
    t_solve = time.perf_counter() - t0
    plan = result.plan
    assert plan is not None, result.status
    violations = portfolio.verify(plan)
    assert not violations, violations[:3]

    t0 = time.perf_counter()
    orders, work, load = plan.orders_frame(), plan.work_frame(), plan.load_frame()
    t_out = time.perf_counter() - t0

    n = len(portfolio.orders)
    print(
        "| orders | frames → portfolio | solve (limit) | plan → frames | binding share of total |"
    )
    print("|---|---|---|---|---|")
    share = 100 * (t_in + t_out) / (t_in + t_solve + t_out)
    print(
        f"| {n} | {t_in:.3f} s | {t_solve:.1f} s ({args.time_limit:.0f} s, {result.status}) "
        f"| {t_out:.3f} s ({len(orders)} + {len(work)} + {len(load)} rows) | {share:.1f} % |"
    )


if __name__ == "__main__":
    main()

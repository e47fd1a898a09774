"""Plan the Tyresö 2013-2014 order list, look at the plan, and try one what-if.

Run from anywhere (the portfolio is found relative to this file):

    python examples/python/plan_tyreso.py [--time-limit SECONDS] [--html gantt.html]

Steps: load the canonical JSON, solve, check the plan with the independent verifier, print
the late orders and the busiest team-weeks, build a Gantt chart, then raise one order's
priority to critical, re-plan and compare the two plans order by order.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd

import leverans as lv

PORTFOLIO = Path(__file__).resolve().parent.parent / "tyreso-2013" / "portfolio.json"
WHAT_IF_ORDER = "e-archive"


def plan(portfolio: lv.Portfolio, time_limit: float) -> lv.SolveResult:
    """Solves and insists on a verified plan."""
    result = portfolio.solve(time_limit=time_limit)
    if result.plan is None:
        raise SystemExit(f"no plan: {result.status} {result.reason or ''}")
    violations = lv.verify(portfolio, result.plan)
    if violations:
        raise SystemExit(f"the plan breaks {len(violations)} rules: {violations[:3]}")
    return result


def show(result: lv.SolveResult) -> None:
    assert result.plan is not None
    print(
        f"status {result.status}, objective {result.objective}, bound {result.bound}, "
        f"gap {result.gap}, {result.seconds:.1f} s ({result.source})"
    )
    print("summary:", result.plan.summary)
    orders = result.plan.orders_frame()
    late = orders[orders["lateness"] > 0][["id", "go_live", "due_period", "lateness"]]
    print(f"\nlate orders ({len(late)}):")
    print(late.to_string(index=False) if len(late) else "  none")
    load = result.plan.load_frame()
    busiest = load.sort_values("utilisation", ascending=False).head(5)
    print("\nbusiest team-weeks:")
    print(busiest[["team", "label", "load", "capacity", "utilisation"]].to_string(index=False))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--time-limit", type=float, default=20.0)
    parser.add_argument("--html", type=Path, help="write the Gantt chart to this HTML file")
    args = parser.parse_args()

    portfolio = lv.Portfolio.read(PORTFOLIO)
    print(f"{portfolio.name}: {len(portfolio.orders)} orders, {len(portfolio.teams)} teams")
    base = plan(portfolio, args.time_limit)
    show(base)
    assert base.plan is not None

    try:
        fig = base.plan.gantt(
            portfolio=portfolio, color_by="priority", title="Tyresö 2013-2014: plan"
        )
        print(f"\ngantt chart: {type(fig).__module__}.{type(fig).__name__}")
        if args.html is not None:
            fig.write_html(args.html)
            print(f"written to {args.html}")
    except ImportError as e:
        print(f"\nno chart: {e}")

    variant = portfolio.copy()
    order = variant.order(WHAT_IF_ORDER)
    print(f"\nwhat if `{WHAT_IF_ORDER}` ({order.priority}) becomes critical?")
    order.priority = "critical"
    after = plan(variant, args.time_limit)
    assert after.plan is not None
    diff = base.plan.compare(after.plan)
    moved = diff[diff["go_live_shift"].fillna(0) != 0]
    with pd.option_context("display.width", 120):
        print(
            moved[
                [
                    "id",
                    "go_live_period_before",
                    "go_live_period_after",
                    "go_live_shift",
                    "lateness_before",
                    "lateness_after",
                ]
            ].to_string(index=False)
            if len(moved)
            else "no order moves"
        )
    print(
        f"weighted lateness: {base.plan.summary['weighted_lateness']} -> "
        f"{after.plan.summary['weighted_lateness']}"
    )


if __name__ == "__main__":
    main()

"""Monte Carlo dates: how sure is each go-live of a plan when the hour estimates are guesses?

An effort may give a three-point estimate (``hours_low``, ``hours``, ``hours_high``; a
fixed-duration order ``duration_low``, ``duration``, ``duration_high``). :func:`simulate` draws
every estimate (PERT-beta), re-runs the plan on the drawn hours as the teams would (its
decisions and priorities kept, each order following its planned hours and running on when
they are not enough, nothing re-optimised) and returns a :class:`Simulation` with one row per
order (P50/P85/P95 go-live, chance of meeting the due date and the deadline) and the
portfolio's figures over the runs. The figures depend only on the seed, never on the number of
threads (``docs/simulation.md``).

>>> import leverans as lv
>>> p = lv.Portfolio(lv.Calendar.units(30))
>>> _ = p.add_team("dev", hours_per_week=10)
>>> _ = p.add_order("a", effort=[lv.Effort("dev", 40, hours_low=30, hours_high=80)], due=4)
>>> result = lv.solve(p, time_limit=10)
>>> assert lv.verify(p, result.plan) == []
>>> sim = lv.simulate(p, result.plan, runs=200, seed=1)
>>> row = sim.orders.set_index("id").loc["a"]
>>> bool(row.p50_period <= row.p85_period <= row.p95_period)
True
>>> list(sim.summary.index)
['value_on_time', 'weighted_lateness', 'consultant_spend', 'last_go_live_period']
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Optional

from . import _core

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from .plan import Plan
    from .portfolio import Portfolio

__all__ = ["SIMULATION_COLUMNS", "Simulation", "at_percentile", "simulate"]

#: Columns of :attr:`Simulation.orders` (the core's, as in ``simulation_orders.csv``).
SIMULATION_COLUMNS: tuple[str, ...] = tuple(json.loads(_core.plan_columns())["simulation_orders"])

_SUMMARY = ("value_on_time", "weighted_lateness", "consultant_spend", "last_go_live_period")


@dataclass
class Simulation:
    """The figures of :func:`simulate`.

    ``orders``: one row per order (:data:`SIMULATION_COLUMNS`): ``state`` is ``simulated``, or
    ``stopped`` / ``done`` (no go-live figures); ``planned``, ``p50``, ``p85``, ``p95`` are
    go-live days (period labels on a unit calendar), ``*_period`` the same as period numbers;
    ``on_time`` and ``meets_deadline`` the share of runs going live by the due date and the
    deadline (empty without one). ``summary``: one row per portfolio figure
    (``value_on_time``, ``weighted_lateness``, ``consultant_spend``,
    ``last_go_live_period``) with columns ``p50``, ``p85``, ``p95``, ``mean``.
    ``all_deadlines_met``: the share of runs in which every deadline holds. ``raw``: the
    core's JSON as dicts.
    """

    runs: int
    seed: int
    orders: pd.DataFrame
    summary: pd.DataFrame
    all_deadlines_met: float
    raw: dict[str, Any]

    def __repr__(self) -> str:
        simulated = int((self.orders["state"] == "simulated").sum())
        return f"<Simulation: {self.runs} runs, seed {self.seed}, {simulated} orders simulated>"


def simulate(
    portfolio: Portfolio,
    plan: Plan,
    runs: int = 1000,
    seed: int = 1,
    threads: Optional[int] = None,
    estimates: Optional[Portfolio] = None,
) -> Simulation:
    """Simulates ``plan`` (a plan of ``portfolio``) ``runs`` times on drawn estimates, on
    ``threads`` threads (every core when ``None``) with the GIL released. ``estimates``: draw
    from this portfolio's estimates instead (the same orders and teams; for a plan made on
    :func:`at_percentile` hours, the original portfolio). ``ValueError`` naming the option
    and its valid values for ``runs`` outside 1..1 000 000 or ``threads`` 0; ``ValueError``
    too for a plan of another portfolio."""
    import pandas as pd

    raw: dict[str, Any] = json.loads(
        _core.simulate(
            portfolio.to_json(),
            plan.to_json(),
            runs,
            seed,
            threads,
            estimates.to_json() if estimates is not None else "",
        )
    )
    rows = []
    for o in raw["orders"]:
        g = o.get("go_live_period") or {}
        rows.append(
            {
                "id": o["id"],
                "state": o["state"],
                "planned": o.get("planned"),
                "p50": o.get("p50"),
                "p85": o.get("p85"),
                "p95": o.get("p95"),
                "planned_period": o.get("planned_period"),
                "p50_period": g.get("p50"),
                "p85_period": g.get("p85"),
                "p95_period": g.get("p95"),
                "mean_period": g.get("mean"),
                "on_time": o.get("on_time"),
                "meets_deadline": o.get("meets_deadline"),
            }
        )
    orders = pd.DataFrame(rows, columns=list(SIMULATION_COLUMNS))
    summary = pd.DataFrame(
        [raw["summary"][k] for k in _SUMMARY],
        index=list(_SUMMARY),
        columns=["p50", "p85", "p95", "mean"],
    )
    return Simulation(
        runs=int(raw["runs"]),
        seed=int(raw["seed"]),
        orders=orders,
        summary=summary,
        all_deadlines_met=float(raw["summary"]["all_deadlines_met"]),
        raw=raw,
    )


def at_percentile(portfolio: Portfolio, q: float) -> Portfolio:
    """``portfolio`` with every three-point estimate at its ``q``-quantile (``0 < q < 1``;
    0.85 for P85): plan against it for dates that hold more often, then simulate that plan
    with ``estimates=portfolio``. ``ValueError`` for ``q`` outside (0, 1). The core decides it
    (``leverans::simulate::at_percentile``), as for ``leverans plan --hours-percentile``."""
    from .portfolio import Portfolio

    if isinstance(q, bool) or not isinstance(q, (int, float)):
        raise ValueError(f"q must be a share above 0 and below 1, not {q!r}")
    return Portfolio.from_json(_core.at_percentile(portfolio.to_json(), float(q)))

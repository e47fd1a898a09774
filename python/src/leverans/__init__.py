"""Leverans: plan IT delivery portfolios in Python.

The main types and how they flow::

    Portfolio ──solve()──▶ SolveResult ──.plan──▶ Plan ──▶ tables, gantt(), to_excel()
        ▲                                          │
        │ from_json / read / from_frames           └──── verify(portfolio, plan) ──▶ violations
        │ read_csv / read_excel / add_*

- :class:`Portfolio` holds a :class:`Calendar`, :class:`Team` s, :class:`Order` s,
  :class:`Dependency` s and :class:`FreezeWindow` s: plain dataclasses with the JSON's field
  names, built in code, read from the canonical JSON, or from pandas/polars tables.
- :meth:`Portfolio.solve` (or :func:`solve`) runs the Rust core (heuristic, then a MIP on
  HiGHS) without holding the GIL; Ctrl-C interrupts it. It returns a :class:`SolveResult`:
  ``status`` (optimal, feasible, infeasible, no_plan_in_time), ``objective``, ``bound``,
  ``gap``, ``seconds`` and the :class:`Plan`.
- :func:`verify` checks any plan against a portfolio with the core's independent verifier.
- Errors derive from :class:`LeveransError`; bad input raises :class:`ValidationError` with
  every problem in ``.issues`` (``.to_frame()`` gives a table).

Quickstart:

>>> import leverans as lv
>>> p = lv.Portfolio(lv.Calendar.weeks("2014-01-06", "2014-03-30"))
>>> dev = p.add_team("dev", hours_per_week=40)
>>> net = p.add_order("network", effort={"dev": 80}, due="2014-01-31")
>>> admin = p.add_order("school-admin", effort={"dev": 120})
>>> _ = p.add_dependency(net, admin)
>>> result = p.solve(time_limit=10)
>>> result.status
'optimal'
>>> lv.verify(p, result.plan)
[]
>>> result.plan.order("network")["lateness"]
0
"""

from __future__ import annotations

import atexit

from . import _core
from .errors import (
    FileError,
    InfeasibleError,
    LeveransError,
    ParseError,
    SolverError,
    ValidationError,
)
from .model import (
    DEPENDENCY_KINDS,
    ORDER_STATUSES,
    PRIORITIES,
    Actual,
    Calendar,
    CapacityOverride,
    Demand,
    Dependency,
    Effort,
    FreezeWindow,
    Order,
    Pin,
    Team,
    TimePoint,
)
from .plan import Plan
from .portfolio import Portfolio
from .result import OBJECTIVES, STATUSES, SolveResult, freeze_baseline, solve, verify
from .simulation import Simulation, at_percentile, simulate
from .sweep import sweep

__version__: str = _core.__version__

# A solve keeps its time limit by leaving a HiGHS run that overruns it; the run stops at
# HiGHS's next callback. Exiting the interpreter while it still runs can abort the process, so
# the exit waits for it (at most 30 s; usually well under a second).
atexit.register(_core.wait_for_background_runs, 30.0)

__all__ = [
    "DEPENDENCY_KINDS",
    "OBJECTIVES",
    "ORDER_STATUSES",
    "PRIORITIES",
    "STATUSES",
    "Actual",
    "Calendar",
    "CapacityOverride",
    "Demand",
    "Dependency",
    "Effort",
    "FileError",
    "FreezeWindow",
    "InfeasibleError",
    "LeveransError",
    "Order",
    "ParseError",
    "Pin",
    "Plan",
    "Portfolio",
    "Simulation",
    "SolveResult",
    "SolverError",
    "Team",
    "TimePoint",
    "ValidationError",
    "__version__",
    "at_percentile",
    "freeze_baseline",
    "from_frames",
    "read_portfolio",
    "simulate",
    "solve",
    "sweep",
    "validate",
    "verify",
]


def read_portfolio(path: str) -> Portfolio:
    """Reads a portfolio file (the canonical ``.json``, or a PSPLIB ``.sm``)."""
    return Portfolio.read(path)


def validate(portfolio: Portfolio) -> list[dict[str, object]]:
    """Every problem in ``portfolio`` as issue dicts (empty when it is valid)."""
    return portfolio.validate()


def from_frames(
    orders: object, teams: object, calendar: Calendar | dict[str, object], **frames: object
) -> Portfolio:
    """A portfolio from tables; see :mod:`leverans.frames` for the columns and dtypes."""
    from .frames import from_frames as _from_frames

    return _from_frames(orders, teams, calendar, **frames)  # type: ignore[arg-type]

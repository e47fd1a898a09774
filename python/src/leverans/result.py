"""Solving and verifying: :func:`solve` returns a :class:`SolveResult` with a status, figures
of quality and the :class:`~leverans.Plan`; :func:`verify` checks any plan against a
portfolio with the core's independent verifier."""

from __future__ import annotations

import datetime as _dt
import json
import math
import numbers
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Dict, List, Mapping, Optional, Sequence, Union

from . import _core
from .errors import InfeasibleError, ValidationError
from .model import VOCABULARY, to_time_point
from .plan import Plan
from .portfolio import Portfolio
from .progress import ProgressArg, ProgressLine, reporter
from .schema import schema_issues

if TYPE_CHECKING:  # pragma: no cover
    import os

    import pandas as pd

    from .simulation import Simulation

__all__ = ["OBJECTIVES", "STATUSES", "SolveResult", "freeze_baseline", "solve", "verify"]

#: Objectives a goal can combine (the core's list).
OBJECTIVES = VOCABULARY["objectives"]
#: Values of :attr:`SolveResult.status`.
STATUSES = VOCABULARY["statuses"]

Objective = Union[str, Sequence[str], Mapping[str, float], None]


@dataclass
class SolveResult:
    """What a solve returns.

    ``status`` is ``"optimal"`` (proven, within ``gap``), ``"feasible"`` (a plan, not proven
    optimal in time: see ``bound`` and ``gap``), ``"infeasible"`` (no plan keeps every hard
    rule: ``reason`` says why where the core can tell, and when deadlines clash
    ``infeasibility`` names them with the least relaxations: ``conflict``, ``orders`` and
    ``relaxations``, each a ``move_deadline``, ``add_hours`` or ``drop_order`` change that
    gives a plan) or ``"no_plan_in_time"``.
    ``objective`` and ``bound`` are those of the goal's first level; ``levels`` lists every
    level of a lexicographic goal. ``source`` tells whether the plan came from the MIP or the
    heuristic. ``portfolio`` is a copy of the portfolio as it was solved, ``options`` the
    options used.
    """

    status: str
    objective: Optional[float]
    bound: Optional[float]
    gap: Optional[float]
    seconds: float
    source: str
    reason: Optional[str] = None
    infeasibility: Optional[Dict[str, Any]] = None
    levels: List[Dict[str, Any]] = field(default_factory=list)
    plan: Optional[Plan] = field(default=None, repr=False)
    portfolio: Optional[Portfolio] = field(default=None, repr=False)
    options: Dict[str, Any] = field(default_factory=dict, repr=False)

    @property
    def has_plan(self) -> bool:
        """True when the result carries a plan (optimal or feasible)."""
        return self.plan is not None

    def verify(self) -> list[dict[str, Any]]:
        """The plan checked against the solved portfolio: every broken rule (empty when the
        plan keeps them all, or when there is no plan)."""
        if self.plan is None or self.portfolio is None:
            return []
        return verify(self.portfolio, self.plan)

    def explain(self, order: Optional[str] = None) -> pd.DataFrame:
        """Why orders are late, stopped or reduced in this plan, and what would change it:
        one row per cause and remedy (see :meth:`Plan.explain`). ``ValueError`` when the
        result has no plan."""
        if self.plan is None or self.portfolio is None:
            raise ValueError(f"the result has no plan to explain (status {self.status})")
        return self.plan.explain(order, portfolio=self.portfolio)

    def report(
        self,
        path: Union[str, os.PathLike[str]],
        baseline: Optional[Plan] = None,
        simulation: Optional[Simulation] = None,
    ) -> None:
        """Writes the plan report to ``path``: one self-contained HTML file for the steering
        group, with this result's status and every level's gap, what changed against
        ``baseline`` (a plan before) and how sure each date is (``simulation``, of this plan)
        when given (see :meth:`Plan.report`). ``ValueError`` when the result has no plan."""
        if self.plan is None or self.portfolio is None:
            raise ValueError(f"the result has no plan to report (status {self.status})")
        outcome = {
            "status": self.status,
            "objective": self.objective,
            "bound": self.bound,
            "gap": self.gap,
            "seconds": self.seconds,
            "levels": self.levels,
            "source": self.source,
        }
        self.plan.report(path, self.portfolio, outcome, baseline, simulation)

    @classmethod
    def from_outcome(
        cls,
        outcome: dict[str, Any],
        portfolio: Optional[Portfolio] = None,
        options: Optional[dict[str, Any]] = None,
    ) -> SolveResult:
        """Builds a result from the core's outcome JSON object."""
        plan = outcome.get("plan")
        return cls(
            status=outcome["status"],
            objective=outcome.get("objective"),
            bound=outcome.get("bound"),
            gap=outcome.get("gap"),
            seconds=float(outcome.get("seconds", 0.0)),
            source=outcome.get("source", "none"),
            reason=outcome.get("reason"),
            infeasibility=outcome.get("infeasibility"),
            levels=list(outcome.get("levels", [])),
            plan=Plan.from_dict(plan) if plan is not None else None,
            portfolio=portfolio,
            options=dict(options or {}),
        )

    def _repr_html_(self) -> str:
        from .display import result_html

        return result_html(self)


def _goal(objective: Objective) -> Optional[dict[str, Any]]:
    def name(o: Any) -> str:
        if o not in OBJECTIVES:
            raise ValueError(f"unknown objective {o!r}; valid: {', '.join(OBJECTIVES)}")
        return str(o)

    if objective is None:
        return None
    if isinstance(objective, str):
        return {"lexicographic": [name(objective)]}
    if isinstance(objective, Mapping):
        pairs = []
        for o, w in objective.items():
            if not _real(w) or not math.isfinite(w) or w < 0:
                raise ValueError(f"weight of {o!r} must be a finite number, 0 or more, not {w!r}")
            pairs.append([name(o), float(w)])
        if not pairs:
            raise ValueError("objective needs at least one entry")
        return {"weighted_sum": pairs}
    levels = [name(o) for o in objective]
    if not levels:
        raise ValueError("objective needs at least one entry")
    return {"lexicographic": levels}


def _real(x: Any) -> bool:
    return isinstance(x, numbers.Real) and not isinstance(x, bool)


def _options(
    time_limit: Optional[float],
    gap: float,
    threads: int,
    seed: int,
    objective: Objective,
    warm_start: Optional[bool],
    verbose: bool,
) -> dict[str, Any]:
    options: dict[str, Any] = json.loads(_core.default_options())
    if time_limit is not None and not (
        _real(time_limit) and math.isfinite(time_limit) and time_limit > 0
    ):
        raise ValueError(f"time_limit must be a positive number of seconds, not {time_limit!r}")
    if not (_real(gap) and math.isfinite(gap) and gap >= 0):
        raise ValueError(f"gap must be a finite share, 0 or more, not {gap!r}")
    if not (
        isinstance(threads, numbers.Integral) and not isinstance(threads, bool) and threads >= 1
    ):
        raise ValueError(f"threads must be a whole number, 1 or more, not {threads!r}")
    if not (
        isinstance(seed, numbers.Integral) and not isinstance(seed, bool) and 0 <= seed < 2**64
    ):
        raise ValueError(f"seed must be a whole number from 0 to 2**64 - 1, not {seed!r}")
    options["time_limit"] = None if time_limit is None else float(time_limit)
    options["gap"] = float(gap)
    options["threads"] = int(threads)
    options["seed"] = int(seed)
    options["verbose"] = bool(verbose)
    if warm_start is not None:
        options["warm_start"] = bool(warm_start)
    goal = _goal(objective)
    if goal is not None:
        options["goal"] = goal
    return options


def solve(
    portfolio: Portfolio,
    *,
    time_limit: Optional[float] = 60.0,
    gap: float = 0.0,
    threads: int = 1,
    seed: int = 0,
    objective: Objective = None,
    warm_start: Optional[bool] = None,
    verbose: bool = False,
    raise_on_infeasible: bool = False,
    baseline: Optional[Plan] = None,
    move_weight: float = 1.0,
    change_weight: float = 1.0,
    frozen_until: Any = None,
    progress: ProgressArg = None,
) -> SolveResult:
    """Plans ``portfolio`` and returns a :class:`SolveResult`.

    Options (their defaults are the core's):

    - ``time_limit``: seconds for the whole solve (default 60; ``None``: no limit). Reaching
      it is not an error: the best plan found is returned with status ``"feasible"`` (or
      ``"no_plan_in_time"``).
    - ``gap``: relative optimality gap at which a level counts as solved (default 0: prove
      optimality; 0.01 stops within 1 %, faster).
    - ``threads``: threads for HiGHS, the heuristic's local search and the searches that
      learn (makespan bounds, weighted lateness of fixed-pace portfolios) (default 1, which
      keeps runs reproducible where no search ends by the clock).
    - ``seed``: random seed of the heuristic and HiGHS, for reproducible runs (default 0).
    - ``objective``: what to optimise. ``None`` is the portfolio's default, decided by the
      core exactly as for the command line and Rust (``Goal::for_portfolio``): with
      decisions, value and priority-weighted lateness together, then consultant spend, then
      weighted completion with work in progress; makespan for PSPLIB instances; else
      weighted lateness, then weighted completion with work in progress. Otherwise a name
      from :data:`OBJECTIVES`; a list of names (lexicographic: each level is held while the
      next is optimised); or a dict ``{name: weight}`` (one weighted sum).
    - ``warm_start``: give the heuristic's plan to the MIP as a start (core default: off).
    - ``verbose``: let HiGHS print its log.
    - ``progress``: one line on standard error, kept up to date about every half second, saying
      what the solve is doing (``level 2 of 3, weighted_lateness: best 52, bound 40 (gap
      23.1 %) · 12.0 s of 60 s``). ``None`` (default) shows it in a notebook or a terminal
      and not elsewhere; ``True`` or ``False`` force it; a callable gets each line instead.
    - ``raise_on_infeasible``: raise :class:`InfeasibleError` instead of returning status
      ``"infeasible"``.
    - ``baseline``: the plan being re-planned (after a re-prioritisation, say): each period an
      order goes live later than in it costs ``move_weight`` (default 1) on the goal's first
      level (objective ``baseline_delay``), so the dates already promised hold unless moving
      them gains more; earlier is free. Each order whose promise changes (it goes live later,
      or is stopped or delivered the other way) costs ``change_weight`` more (default 1;
      objective ``baseline_changes``). Compare the two with :meth:`Plan.compare`.
    - ``frozen_until``: a date (or period number) before which the plan is settled. With a
      ``baseline``, every order keeps the baseline's work and go-lives before it (its start and
      go-live pinned, its hours recorded as ``actuals``: see :func:`freeze_baseline`); nothing
      else starts or goes live before it. The result's ``portfolio`` is the portfolio as
      planned, with these settled fields, so ``result.verify()`` checks them.

    Invalid input raises :class:`ValidationError` listing every problem; invalid options raise
    ``ValueError``.

    The solve runs in the core without the GIL on a thread of its own. Ctrl-C (SIGINT) raises
    ``KeyboardInterrupt`` in the caller within a fraction of a second; the interrupted solve
    is cancelled and stops at HiGHS's next interrupt check. HiGHS cannot be interrupted during
    presolve, so on a very large model the abandoned solve may keep one core busy in the
    background for a while (at most until its time limit).
    """
    issues = schema_issues(portfolio)
    if issues:
        raise ValidationError.from_issues(issues)
    options = _options(time_limit, gap, threads, seed, objective, warm_start, verbose)
    if baseline is not None:
        if not isinstance(baseline, Plan):
            raise ValueError(f"baseline must be a Plan, not {type(baseline).__name__}")
        options["baseline"] = baseline.to_dict()
    if not (_real(move_weight) and math.isfinite(move_weight) and move_weight >= 0):
        raise ValueError(f"move_weight must be a finite weight, 0 or more, not {move_weight!r}")
    options["move_weight"] = float(move_weight)
    if not (_real(change_weight) and math.isfinite(change_weight) and change_weight >= 0):
        raise ValueError(f"change_weight must be a finite weight, 0 or more, not {change_weight!r}")
    options["change_weight"] = float(change_weight)
    if frozen_until is not None:
        if baseline is not None:
            portfolio = freeze_baseline(portfolio, baseline, frozen_until)
        else:
            portfolio = portfolio.copy()
            portfolio.frozen_until = to_time_point(frozen_until)  # type: ignore[assignment]
    text = portfolio.to_json()
    show = reporter(progress)
    try:
        outcome = json.loads(_core.solve(text, json.dumps(options), show))
    finally:
        if isinstance(show, ProgressLine):
            show.close()
    result = SolveResult.from_outcome(outcome, portfolio.copy(), options)
    if raise_on_infeasible and result.status == "infeasible":
        reason = f": {result.reason}" if result.reason else ""
        raise InfeasibleError(f"the portfolio is infeasible{reason}", result)
    return result


def freeze_baseline(portfolio: Portfolio, baseline: Plan, until: Any) -> Portfolio:
    """``portfolio`` with everything ``baseline`` does before ``until`` (a date or a period
    number) settled: ``frozen_until`` set, every delivered order's start and go-live pinned
    where they fall before it, and its hours there recorded as ``actuals``. A plan of the
    result works and goes live before ``until`` exactly as the baseline does. The core decides
    it (``leverans::freeze_baseline``), as for ``leverans plan --frozen-until``.
    """
    if not isinstance(baseline, Plan):
        raise ValueError(f"baseline must be a Plan, not {type(baseline).__name__}")
    point = to_time_point(until)
    if not isinstance(point, (int, _dt.date)) or isinstance(point, bool):
        raise ValueError(f"until must be a date or a period number, not {until!r}")
    until_json = json.dumps(point.isoformat() if isinstance(point, _dt.date) else point)
    text = _core.freeze_baseline(portfolio.to_json(), baseline.to_json(), until_json)
    return Portfolio.from_json(text)


def verify(portfolio: Portfolio, plan: Plan) -> list[dict[str, Any]]:
    """Checks ``plan`` against ``portfolio`` with the core's independent verifier.

    Returns every broken rule as a dict with ``rule`` (a snake_case name such as
    ``capacity`` or ``precedence``), ``order``, ``team``, ``period`` (None where not
    concerned) and ``message``; an empty list when the plan keeps every rule.
    """
    return list(json.loads(_core.verify(portfolio.to_json(), plan.to_json())))

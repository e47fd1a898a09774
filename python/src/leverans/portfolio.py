"""The portfolio: everything the planner is given, and the operations on it.

>>> import leverans as lv
>>> p = lv.Portfolio(lv.Calendar.units(10))
>>> dev = p.add_team("dev", hours_per_week=2)
>>> a = p.add_order("a", duration=2, demand={"dev": 1})
>>> b = p.add_order("b", duration=1, demand={"dev": 2})
>>> _ = p.add_dependency(a, b)
>>> p.validate()
[]
>>> result = p.solve(time_limit=10)
>>> result.status, result.plan.order("b")["go_live_period"]
('optimal', 2)
>>> p.verify(result.plan)
[]
"""

from __future__ import annotations

import copy
import json
import os
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Dict, List, Optional, Union

from . import _core
from .errors import ValidationError
from .model import (
    Budget,
    Calendar,
    CapacityOverride,
    Dependency,
    FreezeWindow,
    Order,
    OrdererShare,
    OrderGroup,
    ReleaseTrain,
    Team,
    TimePoint,
    _Entity,
    _json_value,
)
from .schema import schema_issues

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from .plan import Plan
    from .result import SolveResult

__all__ = ["Portfolio"]

PathLike = Union[str, "os.PathLike[str]"]


@dataclass
class Portfolio(_Entity):
    """An order list with its teams, calendar and deployment rules.

    Build one with the ``add_*`` methods, read one with :meth:`read` / :meth:`from_json`
    (the canonical JSON, the same the CLI reads), or from tables with :meth:`from_frames`,
    :meth:`read_csv` and :meth:`read_excel`. Portfolios are plain data: they compare by value,
    copy with :meth:`copy` and pickle as they are.

    Portfolio decisions: ``groups`` (which optional orders go together), ``budgets``
    (ceilings on consultant spend), ``orderer_shares`` (bounds on each orderer's share of the
    hours) and ``release_train`` (the only go-live dates). ``frozen_until`` settles the plan
    before a date: before it only orders with ``actuals`` work and only pinned go-lives fall.
    """

    calendar: Calendar
    teams: List[Team] = field(default_factory=list)
    orders: List[Order] = field(default_factory=list)
    dependencies: List[Dependency] = field(default_factory=list)
    freeze_windows: List[FreezeWindow] = field(default_factory=list)
    max_go_lives_per_period: Optional[int] = None
    name: str = ""
    groups: List[OrderGroup] = field(default_factory=list)
    budgets: List[Budget] = field(default_factory=list)
    orderer_shares: List[OrdererShare] = field(default_factory=list)
    release_train: Optional[ReleaseTrain] = None
    frozen_until: Optional[TimePoint] = None
    extra: Dict[str, Any] = field(default_factory=dict, repr=False)

    _nested = {  # noqa: RUF012 - class-level table read by _Entity
        "teams": Team,
        "orders": Order,
        "dependencies": Dependency,
        "freeze_windows": FreezeWindow,
        "groups": OrderGroup,
        "budgets": Budget,
        "orderer_shares": OrdererShare,
    }
    _single = {"calendar": Calendar, "release_train": ReleaseTrain}  # noqa: RUF012
    _time_points = ("frozen_until",)

    def __post_init__(self) -> None:
        if isinstance(self.calendar, dict):
            self.calendar = Calendar.from_dict(self.calendar)
        if isinstance(self.release_train, dict):
            self.release_train = ReleaseTrain.from_dict(self.release_train)
        self._normalise()

    # ---------------------------------------------------------------- building

    def add_team(
        self, team: Union[Team, str], hours_per_week: Optional[float] = None, **fields: Any
    ) -> Team:
        """Adds a team and returns it (the handle for later edits).

        Pass a :class:`Team`, or its id with ``hours_per_week`` and any other field::

            p.add_team("infra", hours_per_week=128, name="Infrastructure")
        """
        if not isinstance(team, Team):
            if hours_per_week is None:
                raise TypeError("add_team needs hours_per_week")
            overrides = fields.pop("capacity_overrides", [])
            team = Team(team, hours_per_week, **fields)
            team.capacity_overrides = [
                o if isinstance(o, CapacityOverride) else CapacityOverride.from_dict(o)
                for o in overrides
            ]
        self.teams.append(team)
        return team

    def add_order(self, order: Union[Order, str], **fields: Any) -> Order:
        """Adds an order and returns it (the handle for dependencies and later edits).

        Pass an :class:`Order`, or its id and fields; ``effort`` and ``demand`` may be dicts of
        team to hours::

            p.add_order("e-archive", effort={"dev": 200, "infra": 40}, due="2014-05-31")
        """
        if not isinstance(order, Order):
            order = Order(order, **fields)
        self.orders.append(order)
        return order

    def add_dependency(
        self,
        from_: Union[Order, str],
        to: Union[Order, str],
        kind: str = "finish_to_start",
        lag: int = 0,
    ) -> Dependency:
        """``to`` waits on ``from_`` (orders or their ids); ``kind`` is ``finish_to_start``
        (default), ``start_to_start``, ``finish_to_finish``, ``live_to_start`` (starts once
        ``from_`` is live) or ``live_to_live``; ``lag`` in periods. Whatever the kind, ``to``
        never goes live before ``from_``."""
        dep = Dependency(_order_id(from_), _order_id(to), kind, lag)
        self.dependencies.append(dep)
        return dep

    def add_freeze_window(self, from_: Any, to: Any, name: str = "") -> FreezeWindow:
        """Nothing goes live from ``from_`` to ``to`` (inclusive; dates or periods)."""
        window = FreezeWindow(from_, to, name)
        self.freeze_windows.append(window)
        return window

    def order(self, id: str) -> Order:
        """The order with this id (KeyError when there is none)."""
        for o in self.orders:
            if o.id == id:
                return o
        raise KeyError(f"no order `{id}`")

    def team(self, id: str) -> Team:
        """The team with this id (KeyError when there is none)."""
        for t in self.teams:
            if t.id == id:
                return t
        raise KeyError(f"no team `{id}`")

    def copy(self) -> Portfolio:
        """A deep copy, for what-if variants."""
        return copy.deepcopy(self)

    # ---------------------------------------------------------------- JSON

    def to_dict(self) -> dict[str, Any]:
        """The canonical JSON object (raises :class:`ValidationError` on values JSON cannot
        carry, such as NaN)."""
        issues = schema_issues(self)
        if issues:
            raise ValidationError.from_issues(issues)
        out = super().to_dict()
        # The core needs these two lists even when they are empty.
        out.setdefault("teams", [])
        out.setdefault("orders", [])
        return {k: _json_value(v) for k, v in out.items()}

    def to_json(self, indent: Optional[int] = None) -> str:
        """The portfolio as the canonical JSON text (what the CLI reads)."""
        return json.dumps(self.to_dict(), ensure_ascii=False, allow_nan=False, indent=indent)

    @classmethod
    def from_json(cls, text: Union[str, bytes], source_name: str = "<string>") -> Portfolio:
        """Reads portfolio JSON; raises :class:`ParseError` with line and column."""
        if isinstance(text, bytes):
            text = text.decode("utf-8-sig")
        return cls.from_dict(json.loads(_core.parse_portfolio(text, source_name)))

    @classmethod
    def read(cls, path: PathLike) -> Portfolio:
        """Reads a portfolio file: the canonical ``.json`` or a PSPLIB ``.sm``."""
        return cls.from_dict(json.loads(_core.read_portfolio_file(os.fspath(path))))

    def write_json(self, path: PathLike, indent: Optional[int] = 2) -> None:
        """Writes the canonical JSON to ``path`` (UTF-8)."""
        with open(path, "w", encoding="utf-8") as f:
            f.write(self.to_json(indent=indent))
            f.write("\n")

    # ---------------------------------------------------------------- tables

    @classmethod
    def from_frames(
        cls, orders: Any, teams: Any, calendar: Union[Calendar, dict[str, Any]], **frames: Any
    ) -> Portfolio:
        """Builds a portfolio from DataFrames; see :func:`leverans.frames.from_frames` for the
        columns and dtypes."""
        from .frames import from_frames

        return from_frames(orders=orders, teams=teams, calendar=calendar, **frames)

    def to_frames(self) -> dict[str, pd.DataFrame]:
        """The portfolio as the tables :meth:`from_frames` reads (``teams``,
        ``capacity_overrides``, ``orders``, ``efforts``, ``demands``, ``dependencies``,
        ``freeze_windows``)."""
        from .frames import to_frames

        return to_frames(self)

    @classmethod
    def read_csv(
        cls, folder: PathLike, calendar: Union[Calendar, dict[str, Any]], **options: Any
    ) -> Portfolio:
        """Reads ``orders.csv``, ``teams.csv`` and the optional tables from ``folder``; see
        :func:`leverans.csvio.read_csv`."""
        from .csvio import read_csv

        return read_csv(folder, calendar, **options)

    @classmethod
    def read_excel(
        cls,
        path: PathLike,
        calendar: Optional[Union[Calendar, dict[str, Any]]] = None,
        **options: Any,
    ) -> Portfolio:
        """Reads a workbook with one sheet per table; see :func:`leverans.excel.read_excel`."""
        from .excel import read_excel

        return read_excel(path, calendar, **options)

    def to_excel(self, path: PathLike) -> None:
        """Writes the tables of :meth:`to_frames` (and the calendar) to a workbook, every text
        cell stored as text (no formulas)."""
        from .excel import portfolio_to_excel

        portfolio_to_excel(self, path)

    # ---------------------------------------------------------------- operations

    def validate(self) -> list[dict[str, Any]]:
        """Every problem in the portfolio, as issue dicts (empty when it is valid)."""
        issues = schema_issues(self)
        if issues:
            return issues
        return list(json.loads(_core.validate(self.to_json())))

    def warnings(self) -> list[dict[str, Any]]:
        """What can be planned but looks wrong, as issue dicts (codes ``no_work``,
        ``zero_hours``, ``over_capacity``): an order without hours, a team with far more work
        than hours. The core decides them, as for ``leverans check``."""
        return list(json.loads(_core.warnings(self.to_json())))

    def check(self) -> None:
        """Raises :class:`ValidationError` listing every problem, if there is any."""
        issues = self.validate()
        if issues:
            raise ValidationError.from_issues(issues)

    def solve(self, **options: Any) -> SolveResult:
        """Plans the portfolio; see :func:`leverans.solve` for the options."""
        from .result import solve

        return solve(self, **options)

    def verify(self, plan: Plan) -> list[dict[str, Any]]:
        """Checks ``plan`` against this portfolio with the core's independent verifier; every
        broken rule as a dict (``rule``, ``order``, ``team``, ``period``, ``message``)."""
        from .result import verify

        return verify(self, plan)

    def _repr_html_(self) -> str:
        from .display import portfolio_html

        return portfolio_html(self)


def _order_id(o: Union[Order, str]) -> str:
    return o.id if isinstance(o, Order) else o

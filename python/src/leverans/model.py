"""The domain in planners' words: calendars, teams, orders, dependencies, freeze windows.

These are plain dataclasses mirroring the core's serde types field for field, with the same
names as the JSON (Python's reserved ``from`` is spelled ``from_``). They compare by value and
pickle as they are. The Rust core stays the single authority on what is valid: these classes
only convert, and :meth:`leverans.Portfolio.validate` asks the core.

A point in time (:data:`TimePoint`) is either a calendar date (``datetime.date``, or an ISO
string ``"2014-03-31"`` that is converted on construction) or a 0-based period index.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import json
import numbers
from dataclasses import dataclass, field
from typing import Any, ClassVar, Dict, List, Optional, Union

from . import _core

__all__ = [
    "BUDGET_SPANS",
    "DEPENDENCY_KINDS",
    "GROUP_KINDS",
    "HOLIDAY_RULES",
    "ORDER_STATUSES",
    "PERIOD_KINDS",
    "PRIORITIES",
    "Actual",
    "Budget",
    "Calendar",
    "CapacityOverride",
    "ConsultantCapacity",
    "Demand",
    "Dependency",
    "Effort",
    "FreezeWindow",
    "Order",
    "OrderGroup",
    "OrdererShare",
    "Pin",
    "ReleaseTrain",
    "Team",
    "TimePoint",
]

#: A calendar date or a 0-based period index.
TimePoint = Union[int, _dt.date]

#: Every enum's names, decided by the core (``leverans::vocabulary``): the lists below are
#: the core's, so Python, the command line and Rust accept the same words.
VOCABULARY: Dict[str, tuple[str, ...]] = {
    k: tuple(v) for k, v in json.loads(_core.vocabulary()).items()
}

#: Valid ``Order.priority`` values, highest first (default weights 8, 4, 2, 1).
PRIORITIES = VOCABULARY["priorities"]
#: Valid ``Order.status`` values.
ORDER_STATUSES = VOCABULARY["order_statuses"]
#: Valid ``Dependency.kind`` values.
DEPENDENCY_KINDS = VOCABULARY["dependency_kinds"]
#: Valid ``Calendar.period`` values.
PERIOD_KINDS = VOCABULARY["period_kinds"]
#: Valid ``Calendar.holidays`` values.
HOLIDAY_RULES = VOCABULARY["holiday_rules"]


def to_date(value: Any) -> _dt.date:
    """A ``datetime.date`` from a date, a datetime, a pandas Timestamp or an ISO string."""
    if isinstance(value, _dt.datetime):
        return value.date()
    if isinstance(value, _dt.date):
        return value
    if isinstance(value, str):
        return _dt.date.fromisoformat(value.strip()[:10])
    to_py = getattr(value, "to_pydatetime", None)  # pandas Timestamp
    if to_py is not None:
        return to_date(to_py())
    raise TypeError(f"expected a date, not {value!r}")


def to_time_point(value: Any) -> Optional[TimePoint]:
    """A :data:`TimePoint` (or None) from a date-like value or a whole period index."""
    if value is None or isinstance(value, bool):
        return value  # bools are rejected by the schema check, with the field's name
    if isinstance(value, (int, _dt.date)) and not isinstance(value, _dt.datetime):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if hasattr(value, "__index__") and not isinstance(value, float):
        return int(value)  # numpy integers
    try:
        return to_date(value)
    except (TypeError, ValueError):
        return value  # left for the schema check to report


def _json_value(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return value.to_dict()  # type: ignore[attr-defined]
    if isinstance(value, _dt.date):
        return value.isoformat()
    if isinstance(value, numbers.Integral) and not isinstance(value, bool):
        return int(value)
    if isinstance(value, numbers.Real) and not isinstance(value, bool):
        return float(value)
    if isinstance(value, list):
        return [_json_value(v) for v in value]
    if isinstance(value, dict):
        return {k: _json_value(v) for k, v in value.items()}
    return value


class _Entity:
    """Conversion to and from the core's JSON objects."""

    #: Python field name -> JSON key, where they differ.
    _json_names: ClassVar[Dict[str, str]] = {}
    #: Former JSON keys, still read -> the field they name now.
    _former_names: ClassVar[Dict[str, str]] = {}
    #: Fields holding lists of another entity.
    _nested: ClassVar[Dict[str, type]] = {}
    #: Fields holding one other entity.
    _single: ClassVar[Dict[str, type]] = {}
    #: Fields holding dates (or lists of dates).
    _dates: ClassVar[tuple[str, ...]] = ()
    #: Fields holding time points.
    _time_points: ClassVar[tuple[str, ...]] = ()

    def to_dict(self) -> dict[str, Any]:
        """The JSON object of the core; None values and empty lists are left out."""
        out: dict[str, Any] = {}
        for f in dataclasses.fields(self):  # type: ignore[arg-type]
            if f.name == "extra":
                continue
            value = getattr(self, f.name)
            if value is None or (isinstance(value, list) and not value):
                continue
            if f.name in self._time_points:
                value = to_time_point(value)
            out[self._json_names.get(f.name, f.name)] = _json_value(value)
        out.update(getattr(self, "extra", {}) or {})
        return out

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Any:
        """Builds the entity from a JSON object; keys this class does not know are kept in
        ``extra`` (and written back), so a round trip loses nothing."""
        names = {v: k for k, v in cls._json_names.items()}
        known = {f.name for f in dataclasses.fields(cls)}  # type: ignore[arg-type]
        kwargs: dict[str, Any] = {}
        extra: dict[str, Any] = {}
        for key, value in data.items():
            name = names.get(key, cls._former_names.get(key, key))
            if name not in known or name == "extra":
                extra[key] = value
            elif name in cls._nested:
                kwargs[name] = [cls._nested[name].from_dict(v) for v in value]  # type: ignore[attr-defined]
            elif name in cls._single and value is not None:
                kwargs[name] = cls._single[name].from_dict(value)  # type: ignore[attr-defined]
            else:
                kwargs[name] = value
        if extra:
            kwargs["extra"] = extra
        return cls(**kwargs)

    def _normalise(self) -> None:
        for name in self._dates:
            value = getattr(self, name)
            if isinstance(value, list):
                setattr(self, name, [to_date(v) for v in value])
            elif value is not None:
                try:
                    setattr(self, name, to_date(value))
                except (TypeError, ValueError):
                    pass  # left for the schema check to report
        for name in self._time_points:
            setattr(self, name, to_time_point(getattr(self, name)))
        for name, kind in self._nested.items():
            items = getattr(self, name)
            if isinstance(items, list):
                build: Any = kind
                setattr(
                    self, name, [build.from_dict(v) if isinstance(v, dict) else v for v in items]
                )


@dataclass
class Calendar(_Entity):
    """Horizon, period length and days off.

    ``period`` is ``"week"`` (default), ``"day"`` or ``"unit"``; week and day calendars run
    from ``start`` to ``end`` (dates), unit calendars have ``periods`` abstract periods.
    ``holidays`` is ``"swedish"`` (computed public holidays, default) or ``"none"``;
    ``eves_off`` makes Midsummer, Christmas and New Year's Eve days off (default True);
    ``closed_days`` lists further days off.
    """

    period: str = "week"
    start: Optional[_dt.date] = None
    end: Optional[_dt.date] = None
    periods: Optional[int] = None
    holidays: str = "swedish"
    eves_off: bool = True
    closed_days: List[_dt.date] = field(default_factory=list)
    extra: Dict[str, Any] = field(default_factory=dict, repr=False)

    _dates: ClassVar[tuple[str, ...]] = ("start", "end", "closed_days")

    def __post_init__(self) -> None:
        self._normalise()

    @classmethod
    def weeks(cls, start: Any, end: Any) -> Calendar:
        """Weekly periods from ``start`` to ``end``, Swedish holidays."""
        return cls(period="week", start=start, end=end)

    @classmethod
    def days(cls, start: Any, end: Any) -> Calendar:
        """Daily periods from ``start`` to ``end``, Swedish holidays."""
        return cls(period="day", start=start, end=end)

    @classmethod
    def units(cls, periods: int) -> Calendar:
        """``periods`` abstract periods without holidays (the RCPSP form)."""
        return cls(period="unit", periods=periods, holidays="none", eves_off=False)


@dataclass
class CapacityOverride(_Entity):
    """A span in which a team has other capacity: either ``factor`` times its usual hours
    (0.4 for summer) or ``hours_per_week`` outright; exactly one of them."""

    from_: TimePoint
    to: TimePoint
    factor: Optional[float] = None
    hours_per_week: Optional[float] = None
    extra: Dict[str, Any] = field(default_factory=dict, repr=False)

    _json_names: ClassVar[Dict[str, str]] = {"from_": "from"}
    _time_points: ClassVar[tuple[str, ...]] = ("from_", "to")

    def __post_init__(self) -> None:
        self._normalise()


@dataclass
class ConsultantCapacity(_Entity):
    """Consultant hours that can be bought for a competence: at most ``hours_per_week`` in a
    full working week, at ``cost_per_hour``, and at most ``max_hours`` over the horizon."""

    hours_per_week: float
    cost_per_hour: float
    max_hours: Optional[float] = None
    extra: Dict[str, Any] = field(default_factory=dict, repr=False)


#: The former name of :class:`ConsultantCapacity`.
ExternalCapacity = ConsultantCapacity


@dataclass
class Team(_Entity):
    """A team (competence) with ``hours_per_week`` of capacity in a full working week;
    ``consultants`` adds consultant hours that can be bought (``external`` before: still read
    from JSON, and still an attribute)."""

    id: str
    hours_per_week: float
    name: str = ""
    cost_per_hour: float = 0.0
    capacity_overrides: List[CapacityOverride] = field(default_factory=list)
    consultants: Optional[ConsultantCapacity] = None
    extra: Dict[str, Any] = field(default_factory=dict, repr=False)

    _nested: ClassVar[Dict[str, type]] = {"capacity_overrides": CapacityOverride}
    _single: ClassVar[Dict[str, type]] = {"consultants": ConsultantCapacity}
    _former_names: ClassVar[Dict[str, str]] = {"external": "consultants"}

    def __post_init__(self) -> None:
        self._normalise()

    @property
    def external(self) -> Optional[ConsultantCapacity]:
        """The former name of :attr:`consultants`."""
        return self.consultants

    @external.setter
    def external(self, value: Optional[ConsultantCapacity]) -> None:
        self.consultants = value


@dataclass
class Effort(_Entity):
    """Hours an effort-driven order needs from one team (for an order in progress: what
    remains), with optional pace limits per full working week."""

    team: str
    hours: float
    max_hours_per_week: Optional[float] = None
    min_hours_per_week: Optional[float] = None
    #: Optimistic and pessimistic hours of a three-point estimate (``hours`` the most likely);
    #: only :func:`leverans.simulate` reads them.
    hours_low: Optional[float] = None
    hours_high: Optional[float] = None
    extra: Dict[str, Any] = field(default_factory=dict, repr=False)


@dataclass
class Demand(_Entity):
    """Hours per full working week a fixed-duration order takes from one team while it runs."""

    team: str
    hours_per_week: float
    extra: Dict[str, Any] = field(default_factory=dict, repr=False)


@dataclass
class Pin(_Entity):
    """Fixed dates of an order: the period (or a date in it) its work starts in and/or the
    one it goes live in. A pinned order is delivered."""

    start: Optional[TimePoint] = None
    go_live: Optional[TimePoint] = None
    extra: Dict[str, Any] = field(default_factory=dict, repr=False)

    _time_points: ClassVar[tuple[str, ...]] = ("start", "go_live")

    def __post_init__(self) -> None:
        self._normalise()


@dataclass
class Actual(_Entity):
    """Hours a team has worked on an order in one period before the portfolio's
    ``frozen_until``; they are part of the order's effort."""

    team: str
    period: TimePoint
    hours: float
    extra: Dict[str, Any] = field(default_factory=dict, repr=False)

    _time_points: ClassVar[tuple[str, ...]] = ("period",)

    def __post_init__(self) -> None:
        self._normalise()


@dataclass
class Order(_Entity):
    """One request on the order list.

    Give the work either as ``effort`` (hours per team; the plan chooses the pace) or as
    ``duration`` periods with ``demand`` (hours per week per team, the RCPSP form). ``due`` is
    the wanted go-live (lateness costs ``weight`` per period), ``deadline`` the latest allowed
    one; ``release`` the earliest start; ``go_live_lag`` periods pass between the end of the
    work and the go-live. ``priority`` is one of :data:`PRIORITIES`, ``status`` one of
    :data:`ORDER_STATUSES`. An ``optional`` order may be left out of the plan; ``value`` is
    what delivering it in full is worth, ``min_scope`` the smallest share of its scope it may
    be delivered at. ``pin`` fixes its start and/or go-live; ``actuals`` are the hours already
    worked per team and period before the portfolio's ``frozen_until``.
    """

    id: str
    title: str = ""
    orderer: str = ""
    category: str = ""
    priority: str = "medium"
    weight: Optional[float] = None
    effort: List[Effort] = field(default_factory=list)
    min_duration: Optional[int] = None
    max_duration: Optional[int] = None
    duration: Optional[int] = None
    demand: List[Demand] = field(default_factory=list)
    release: Optional[TimePoint] = None
    due: Optional[TimePoint] = None
    deadline: Optional[TimePoint] = None
    go_live_lag: int = 0
    status: str = "not_started"
    optional: bool = False
    value: Optional[float] = None
    min_scope: Optional[float] = None
    #: Optimistic and pessimistic periods of a fixed ``duration`` (three-point estimate); only
    #: :func:`leverans.simulate` reads them.
    duration_low: Optional[int] = None
    duration_high: Optional[int] = None
    pin: Optional[Pin] = None
    actuals: List[Actual] = field(default_factory=list)
    extra: Dict[str, Any] = field(default_factory=dict, repr=False)

    _nested: ClassVar[Dict[str, type]] = {"effort": Effort, "demand": Demand, "actuals": Actual}
    _single: ClassVar[Dict[str, type]] = {"pin": Pin}
    _time_points: ClassVar[tuple[str, ...]] = ("release", "due", "deadline")

    def __post_init__(self) -> None:
        if isinstance(self.effort, dict):
            self.effort = [Effort(team, hours) for team, hours in self.effort.items()]
        if isinstance(self.demand, dict):
            self.demand = [Demand(team, hours) for team, hours in self.demand.items()]
        if isinstance(self.pin, dict):
            self.pin = Pin.from_dict(self.pin)
        self._normalise()

    def to_dict(self) -> dict[str, Any]:
        out = super().to_dict()
        if self.go_live_lag == 0:
            out.pop("go_live_lag", None)
        if self.optional is False:
            out.pop("optional", None)
        return out

    @property
    def effective_weight(self) -> float:
        """``weight``, else the priority class's default (critical 8, high 4, medium 2,
        low 1)."""
        if self.weight is not None:
            return float(self.weight)
        defaults = {"critical": 8.0, "high": 4.0, "medium": 2.0, "low": 1.0}
        return defaults.get(self.priority, 2.0)


@dataclass
class Dependency(_Entity):
    """``to`` waits on ``from_``: ``kind`` is one of :data:`DEPENDENCY_KINDS`, ``lag`` a number
    of periods (may be negative)."""

    from_: str
    to: str
    kind: str = "finish_to_start"
    lag: int = 0
    extra: Dict[str, Any] = field(default_factory=dict, repr=False)

    _json_names: ClassVar[Dict[str, str]] = {"from_": "from"}


@dataclass
class FreezeWindow(_Entity):
    """A span (inclusive) in which nothing goes live."""

    from_: TimePoint
    to: TimePoint
    name: str = ""
    extra: Dict[str, Any] = field(default_factory=dict, repr=False)

    _json_names: ClassVar[Dict[str, str]] = {"from_": "from"}
    _time_points: ClassVar[tuple[str, ...]] = ("from_", "to")

    def __post_init__(self) -> None:
        self._normalise()


#: Valid ``OrderGroup.kind`` values.
GROUP_KINDS = VOCABULARY["group_kinds"]
#: Valid ``Budget.per`` values.
BUDGET_SPANS = VOCABULARY["budget_spans"]


@dataclass
class OrderGroup(_Entity):
    """A rule over which optional orders are delivered together: ``kind`` is one of
    :data:`GROUP_KINDS`, ``orders`` their ids."""

    kind: str
    orders: List[str] = field(default_factory=list)
    name: str = ""
    extra: Dict[str, Any] = field(default_factory=dict, repr=False)


@dataclass
class Budget(_Entity):
    """A ceiling ``amount`` on consultant spend ``per`` span (one of :data:`BUDGET_SPANS`)."""

    per: str
    amount: float
    extra: Dict[str, Any] = field(default_factory=dict, repr=False)


@dataclass
class OrdererShare(_Entity):
    """Bounds on one orderer's share (0 to 1) of the planned hours."""

    orderer: str
    min_share: Optional[float] = None
    max_share: Optional[float] = None
    extra: Dict[str, Any] = field(default_factory=dict, repr=False)


@dataclass
class ReleaseTrain(_Entity):
    """Deployment dates: go-live only on these, with at most ``max_changes`` per date."""

    dates: List[TimePoint] = field(default_factory=list)
    max_changes: Optional[int] = None
    extra: Dict[str, Any] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self.dates = [to_time_point(d) for d in self.dates]  # type: ignore[misc]

    def to_dict(self) -> dict[str, Any]:
        out = super().to_dict()
        out["dates"] = [_json_value(to_time_point(d)) for d in self.dates]
        return out

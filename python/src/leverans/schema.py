"""Type checks the JSON cannot express, done before a portfolio goes to the core.

The core validates the meaning (unknown teams, cycles, dates outside the horizon, ...). What
it cannot see is a Python value that would not even become valid JSON for it: NaN, a string
where a number belongs, a priority spelled wrong. Those are found here, all at once, as issues
of the same shape as the core's, so the caller gets one :class:`~leverans.ValidationError`
naming the entity, the field and the value instead of a parse error in generated text.
"""

from __future__ import annotations

import datetime as _dt
import math
import numbers
from typing import TYPE_CHECKING, Any, Callable, Optional

from .cells import INTEGER_RANGE, WHOLE_MAX
from .model import (
    BUDGET_SPANS,
    DEPENDENCY_KINDS,
    GROUP_KINDS,
    HOLIDAY_RULES,
    ORDER_STATUSES,
    PERIOD_KINDS,
    PRIORITIES,
    Actual,
    Demand,
    Effort,
    Pin,
)

if TYPE_CHECKING:  # pragma: no cover
    from .portfolio import Portfolio

Issue = dict[str, Any]


class _Collector:
    def __init__(self) -> None:
        self.issues: list[Issue] = []

    def push(self, code: str, entity: str, id: str, field: str, value: Any, message: str) -> None:
        self.issues.append(
            {
                "code": code,
                "entity": entity,
                "id": id,
                "field": field,
                "value": "" if value is None else str(value),
                "message": message,
            }
        )


def _is_int(v: Any) -> bool:
    return isinstance(v, numbers.Integral) and not isinstance(v, bool)


def _is_whole(v: Any) -> bool:
    """A whole number the core holds (``u32``: durations, lags after go-live, periods)."""
    return _is_int(v) and 0 <= v <= WHOLE_MAX


def _is_lag(v: Any) -> bool:
    """A dependency's lag (``i32``)."""
    return _is_int(v) and INTEGER_RANGE[0] <= v <= INTEGER_RANGE[1]


def _is_num(v: Any) -> bool:
    return isinstance(v, numbers.Real) and not isinstance(v, bool)


def _is_finite(v: Any) -> bool:
    try:
        return math.isfinite(v)
    except OverflowError:  # an int beyond float's range
        return False


def _is_time_point(v: Any) -> bool:
    return _is_whole(v) or (isinstance(v, _dt.date) and not isinstance(v, _dt.datetime))


def _check(
    c: _Collector,
    entity: str,
    id: str,
    obj: Any,
    field: str,
    ok: Callable[[Any], bool],
    code: str,
    message: str,
    optional: bool = True,
    label: Optional[str] = None,
) -> None:
    value = getattr(obj, field)
    if value is None and optional:
        return
    if not ok(value):
        c.push(code, entity, id, label or field.rstrip("_"), value, message)


def _number(
    c: _Collector,
    entity: str,
    id: str,
    obj: Any,
    field: str,
    optional: bool = True,
    label: Optional[str] = None,
) -> None:
    value = getattr(obj, field)
    if value is None and optional:
        return
    if not _is_num(value):
        c.push("invalid_type", entity, id, label or field, repr(value), "must be a number")
    elif not _is_finite(value) or value < 0:
        c.push(
            "invalid_number",
            entity,
            id,
            label or field,
            value,
            "must be a finite number, 0 or more",
        )


def _choice(
    c: _Collector, entity: str, id: str, obj: Any, field: str, valid: tuple[str, ...]
) -> None:
    value = getattr(obj, field)
    if value not in valid:
        c.push(
            "invalid_value",
            entity,
            id,
            field,
            value,
            f"unknown {field} `{value}`; valid: {', '.join(valid)}",
        )


def _text(c: _Collector, entity: str, id: str, obj: Any, field: str) -> None:
    if not isinstance(getattr(obj, field), str):
        c.push("invalid_type", entity, id, field, repr(getattr(obj, field)), "must be text")


def _whole(
    c: _Collector, entity: str, id: str, obj: Any, field: str, optional: bool = True
) -> None:
    _check(
        c,
        entity,
        id,
        obj,
        field,
        _is_whole,
        "invalid_type",
        f"must be a whole number from 0 to {WHOLE_MAX}",
        optional,
    )


def _time(c: _Collector, entity: str, id: str, obj: Any, field: str, optional: bool = True) -> None:
    _check(
        c,
        entity,
        id,
        obj,
        field,
        _is_time_point,
        "invalid_type",
        f"must be a date (YYYY-MM-DD) or a period index (a whole number from 0 to {WHOLE_MAX})",
        optional,
    )


def schema_issues(p: Portfolio) -> list[Issue]:
    """Every value in ``p`` the core could not even read, as issues."""
    c = _Collector()
    cal = p.calendar
    _choice(c, "calendar", "", cal, "period", PERIOD_KINDS)
    _choice(c, "calendar", "", cal, "holidays", HOLIDAY_RULES)
    for f in ("start", "end"):
        _check(
            c,
            "calendar",
            "",
            cal,
            f,
            lambda v: isinstance(v, _dt.date),
            "invalid_type",
            "must be a date (YYYY-MM-DD)",
        )
    _whole(c, "calendar", "", cal, "periods")
    for d in cal.closed_days:
        if not isinstance(d, _dt.date):
            c.push("invalid_type", "calendar", "", "closed_days", repr(d), "must be a date")
    if p.max_go_lives_per_period is not None and not _is_whole(p.max_go_lives_per_period):
        c.push(
            "invalid_type",
            "portfolio",
            "",
            "max_go_lives_per_period",
            p.max_go_lives_per_period,
            f"must be a whole number from 0 to {WHOLE_MAX}",
        )

    for t in p.teams:
        tid = str(t.id)
        _text(c, "team", tid, t, "id")
        _text(c, "team", tid, t, "name")
        _number(c, "team", tid, t, "hours_per_week", optional=False)
        _number(c, "team", tid, t, "cost_per_hour", optional=False)
        if t.consultants is not None:
            _number(
                c, "team", tid, t.consultants, "hours_per_week", False, "consultants.hours_per_week"
            )
            _number(
                c, "team", tid, t.consultants, "cost_per_hour", False, "consultants.cost_per_hour"
            )
            _number(c, "team", tid, t.consultants, "max_hours", label="consultants.max_hours")
        for co in t.capacity_overrides:
            _time(c, "team", tid, co, "from_", optional=False)
            _time(c, "team", tid, co, "to", optional=False)
            _number(c, "team", tid, co, "factor", label="capacity_overrides.factor")
            _number(c, "team", tid, co, "hours_per_week", label="capacity_overrides.hours_per_week")

    for o in p.orders:
        oid = str(o.id)
        for f in ("id", "title", "orderer", "category"):
            _text(c, "order", oid, o, f)
        _choice(c, "order", oid, o, "priority", PRIORITIES)
        _choice(c, "order", oid, o, "status", ORDER_STATUSES)
        _number(c, "order", oid, o, "weight")
        _number(c, "order", oid, o, "value")
        _number(c, "order", oid, o, "min_scope")
        _check(
            c,
            "order",
            oid,
            o,
            "optional",
            lambda v: isinstance(v, bool),
            "invalid_type",
            "must be True or False",
            optional=False,
        )
        for f in ("min_duration", "max_duration", "duration", "duration_low", "duration_high"):
            _whole(c, "order", oid, o, f)
        _whole(c, "order", oid, o, "go_live_lag", optional=False)
        for f in ("release", "due", "deadline"):
            _time(c, "order", oid, o, f)
        if o.pin is not None:
            if not isinstance(o.pin, Pin):
                c.push("invalid_type", "order", oid, "pin", repr(o.pin), "must be a Pin")
            else:
                _time(c, "order", oid, o.pin, "start")
                _time(c, "order", oid, o.pin, "go_live")
        for k, a in enumerate(o.actuals):
            if not isinstance(a, Actual):
                c.push("invalid_type", "order", oid, "actuals", repr(a), "must be an Actual")
                continue
            _text(c, "order", oid, a, "team")
            _time(c, "order", oid, a, "period", optional=False)
            _number(c, "order", oid, a, "hours", optional=False, label=f"actuals[{k}].hours")
        for e in o.effort:
            if not isinstance(e, Effort):
                c.push("invalid_type", "order", oid, "effort", repr(e), "must be an Effort")
                continue
            _text(c, "order", oid, e, "team")
            _number(c, "order", oid, e, "hours", optional=False, label=f"effort[{e.team}].hours")
            for f in ("max_hours_per_week", "min_hours_per_week", "hours_low", "hours_high"):
                _number(c, "order", oid, e, f, label=f"effort[{e.team}].{f}")
        for dm in o.demand:
            if not isinstance(dm, Demand):
                c.push("invalid_type", "order", oid, "demand", repr(dm), "must be a Demand")
                continue
            _text(c, "order", oid, dm, "team")
            _number(
                c,
                "order",
                oid,
                dm,
                "hours_per_week",
                optional=False,
                label=f"demand[{dm.team}].hours_per_week",
            )

    for dep in p.dependencies:
        did = f"{dep.from_}->{dep.to}"
        _text(c, "dependency", did, dep, "from_")
        _text(c, "dependency", did, dep, "to")
        _choice(c, "dependency", did, dep, "kind", DEPENDENCY_KINDS)
        _check(
            c,
            "dependency",
            did,
            dep,
            "lag",
            _is_lag,
            "invalid_type",
            f"must be a whole number from {INTEGER_RANGE[0]} to {INTEGER_RANGE[1]}",
            optional=False,
        )

    for g in p.groups:
        _choice(c, "group", str(g.name), g, "kind", GROUP_KINDS)
        if not all(isinstance(o, str) for o in g.orders):
            c.push("invalid_type", "group", str(g.name), "orders", g.orders, "must be order ids")
    for b in p.budgets:
        _choice(c, "budget", str(b.per), b, "per", BUDGET_SPANS)
        _number(c, "budget", str(b.per), b, "amount", optional=False)
    for sh in p.orderer_shares:
        _text(c, "orderer_share", str(sh.orderer), sh, "orderer")
        _number(c, "orderer_share", str(sh.orderer), sh, "min_share")
        _number(c, "orderer_share", str(sh.orderer), sh, "max_share")
    if p.release_train is not None:
        for point in p.release_train.dates:
            if not _is_time_point(point):
                c.push(
                    "invalid_type",
                    "release_train",
                    "",
                    "dates",
                    repr(point),
                    "must be a date (YYYY-MM-DD) or a period index",
                )
        _whole(c, "release_train", "", p.release_train, "max_changes")

    _time(c, "portfolio", "", p, "frozen_until")
    for w in p.freeze_windows:
        wid = str(w.name)
        _time(c, "freeze_window", wid, w, "from_", optional=False)
        _time(c, "freeze_window", wid, w, "to", optional=False)
    return c.issues

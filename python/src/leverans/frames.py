"""Portfolios from tables (pandas, or anything with ``.to_pandas()`` such as polars) and back.

:func:`from_frames` reads these tables; ``*`` marks a required column. Every problem in the
tables (a missing column, a value of the wrong type, a reference to an unknown team or
order) is collected and raised at once as :class:`~leverans.ValidationError`, each issue
naming the table (``entity``), the row (``row``, 0-based position) and the column
(``field``).

========================  ==================================================================
table                     columns
========================  ==================================================================
``teams``                 ``id``\\*, ``hours_per_week``\\* (number), ``name``,
                          ``cost_per_hour`` (number)
``capacity_overrides``    ``team``\\*, ``from``\\*, ``to``\\* (time), ``factor`` or
                          ``hours_per_week`` (number)
``orders``                ``id``\\*, ``title``, ``orderer``, ``category``, ``priority``
                          (critical/high/medium/low), ``weight`` (number), ``release``,
                          ``due``, ``deadline`` (time), ``go_live_lag`` (whole), ``status``
                          (not_started/in_progress/done), ``duration``, ``min_duration``,
                          ``max_duration``, ``duration_low``, ``duration_high`` (whole),
                          ``pin_start``, ``pin_go_live`` (time: fixed dates), and
                          ``hours:<team>`` (number: effort hours for that team, wide form;
                          empty or 0 = none)
``efforts``               ``order``\\*, ``team``\\*, ``hours``\\* (number),
                          ``max_hours_per_week``, ``min_hours_per_week``, ``hours_low``,
                          ``hours_high`` (number: a three-point estimate)
``demands``               ``order``\\*, ``team``\\*, ``hours_per_week``\\* (number): the
                          fixed-duration form, with ``duration`` in ``orders``
``dependencies``          ``from``\\*, ``to``\\* (order ids), ``kind``
                          (finish_to_start/start_to_start/finish_to_finish), ``lag`` (whole,
                          may be negative)
``freeze_windows``        ``from``\\*, ``to``\\* (time), ``name``
``actuals``               ``order``\\*, ``team``\\*, ``period``\\* (time), ``hours``\\*
                          (number): hours worked before ``frozen_until``
========================  ==================================================================

Types: *text* columns take strings (whole numbers are read as their digits, so order numbers
work); *number* columns need a numeric dtype or numbers in an object column (a string such
as ``"12,5"`` is an error: read Swedish CSV with :func:`leverans.csvio.read_csv`, which
handles decimal commas); *whole* columns need whole numbers; *time* columns take dates
(``datetime64``, ``datetime.date``, ISO strings ``2014-03-31``) or period indices (whole
numbers). An empty cell (NaN, None, NaT) means "not given". Effort can be given as the
``efforts`` table, as ``hours:<team>`` columns, or both.
"""

from __future__ import annotations

import datetime as _dt
import math
import numbers
from dataclasses import dataclass
from typing import Any, Optional, Union

from .errors import ValidationError
from .model import (
    BUDGET_SPANS,
    DEPENDENCY_KINDS,
    GROUP_KINDS,
    ORDER_STATUSES,
    PRIORITIES,
    Actual,
    Budget,
    Calendar,
    CapacityOverride,
    Demand,
    Dependency,
    Effort,
    ExternalCapacity,
    FreezeWindow,
    Order,
    OrdererShare,
    OrderGroup,
    Pin,
    ReleaseTrain,
    Team,
)
from .portfolio import Portfolio

__all__ = ["TABLES", "from_frames", "to_frames"]

WIDE_PREFIX = "hours:"


@dataclass(frozen=True)
class Column:
    """A column of an input table: its name, kind (text, number, whole, integer, time or a
    tuple of valid choices) and whether it is required."""

    name: str
    kind: Any
    required: bool = False


def _cols(*spec: tuple[str, Any, bool]) -> tuple[Column, ...]:
    return tuple(Column(*s) for s in spec)


#: The tables :func:`from_frames` reads, with their columns.
TABLES: dict[str, tuple[Column, ...]] = {
    "teams": _cols(
        ("id", "text", True),
        ("hours_per_week", "number", True),
        ("name", "text", False),
        ("cost_per_hour", "number", False),
        ("external_hours_per_week", "number", False),
        ("external_cost_per_hour", "number", False),
        ("external_max_hours", "number", False),
    ),
    "capacity_overrides": _cols(
        ("team", "text", True),
        ("from", "time", True),
        ("to", "time", True),
        ("factor", "number", False),
        ("hours_per_week", "number", False),
    ),
    "orders": _cols(
        ("id", "text", True),
        ("title", "text", False),
        ("orderer", "text", False),
        ("category", "text", False),
        ("priority", PRIORITIES, False),
        ("weight", "number", False),
        ("release", "time", False),
        ("due", "time", False),
        ("deadline", "time", False),
        ("go_live_lag", "whole", False),
        ("status", ORDER_STATUSES, False),
        ("duration", "whole", False),
        ("min_duration", "whole", False),
        ("max_duration", "whole", False),
        ("optional", "bool", False),
        ("value", "number", False),
        ("min_scope", "number", False),
        ("pin_start", "time", False),
        ("pin_go_live", "time", False),
        ("duration_low", "whole", False),
        ("duration_high", "whole", False),
    ),
    "efforts": _cols(
        ("order", "text", True),
        ("team", "text", True),
        ("hours", "number", True),
        ("max_hours_per_week", "number", False),
        ("min_hours_per_week", "number", False),
        ("hours_low", "number", False),
        ("hours_high", "number", False),
    ),
    "demands": _cols(
        ("order", "text", True), ("team", "text", True), ("hours_per_week", "number", True)
    ),
    "dependencies": _cols(
        ("from", "text", True),
        ("to", "text", True),
        ("kind", DEPENDENCY_KINDS, False),
        ("lag", "integer", False),
    ),
    "freeze_windows": _cols(("from", "time", True), ("to", "time", True), ("name", "text", False)),
    "groups": _cols(("kind", GROUP_KINDS, True), ("orders", "text", True), ("name", "text", False)),
    "budgets": _cols(("per", BUDGET_SPANS, True), ("amount", "number", True)),
    "orderer_shares": _cols(
        ("orderer", "text", True), ("min_share", "number", False), ("max_share", "number", False)
    ),
    "actuals": _cols(
        ("order", "text", True),
        ("team", "text", True),
        ("period", "time", True),
        ("hours", "number", True),
    ),
}

_KIND_WORDS = {
    "text": "text",
    "number": "a number",
    "whole": "a whole number, 0 or more",
    "integer": "a whole number",
    "time": "a date (YYYY-MM-DD) or a period index (whole number)",
    "bool": "true or false",
}

_TRUE = ("true", "yes", "ja", "1", "x")
_FALSE = ("false", "no", "nej", "0", "")


def _missing(v: Any) -> bool:
    if v is None:
        return True
    if isinstance(v, float):
        return math.isnan(v)
    try:
        import pandas as pd

        return bool(pd.api.types.is_scalar(v) and pd.isna(v))
    except (TypeError, ValueError):
        return False


class _Reader:
    """Collects issues while converting cells."""

    def __init__(self) -> None:
        self.issues: list[dict[str, Any]] = []

    def push(
        self,
        code: str,
        table: str,
        row: Optional[int],
        key: str,
        column: str,
        value: Any,
        message: str,
    ) -> None:
        where = f"row {row}, column `{column}`" if row is not None else f"column `{column}`"
        self.issues.append(
            {
                "code": code,
                "entity": table,
                "id": key,
                "field": column,
                "value": "" if _missing(value) else str(value),
                "message": f"{table}: {where}: {message}",
                "row": row,
            }
        )

    def cell(self, table: str, row: int, key: str, col: Column, v: Any) -> Any:
        """The cell converted to its column's kind; None when empty or bad (bad ones are
        recorded)."""
        if _missing(v):
            if col.required:
                self.push("missing_value", table, row, key, col.name, v, "a value is required")
            return None
        kind = col.kind
        if isinstance(kind, tuple):
            text = str(v).strip().lower().replace(" ", "_").replace("-", "_")
            if text not in kind:
                self.push(
                    "invalid_value",
                    table,
                    row,
                    key,
                    col.name,
                    v,
                    f"unknown {col.name} `{v}`; valid: {', '.join(kind)}",
                )
                return None
            return text
        ok, out = _convert(kind, v)
        if not ok:
            self.push(
                "wrong_dtype",
                table,
                row,
                key,
                col.name,
                v,
                f"must be {_KIND_WORDS[kind]}, not {type(v).__name__} {v!r}",
            )
            return None
        return out


def _convert(kind: str, v: Any) -> tuple[bool, Any]:
    if kind == "bool":
        if isinstance(v, bool) or type(v).__name__ == "bool_":
            return True, bool(v)
        if isinstance(v, numbers.Real) and v in (0, 1):
            return True, bool(v)
        if isinstance(v, str) and v.strip().lower() in _TRUE + _FALSE:
            return True, v.strip().lower() in _TRUE
        return False, None
    real = isinstance(v, numbers.Real) and not isinstance(v, bool)
    if kind == "text":
        if isinstance(v, str):
            return True, v.strip()
        if real and float(v).is_integer():
            return True, str(int(v))
        return False, None
    if kind == "number":
        if real and math.isfinite(float(v)):
            return True, float(v)
        return False, None
    if kind in ("whole", "integer"):
        if real and float(v).is_integer() and (kind == "integer" or v >= 0):
            return True, int(v)
        return False, None
    # time
    if real:
        if float(v).is_integer() and v >= 0:
            return True, int(v)
        return False, None
    if isinstance(v, _dt.datetime) or hasattr(v, "to_pydatetime"):
        return True, v.date() if isinstance(v, _dt.datetime) else v.to_pydatetime().date()
    if isinstance(v, _dt.date):
        return True, v
    if isinstance(v, str):
        try:
            return True, _dt.date.fromisoformat(v.strip()[:10])
        except ValueError:
            text = v.strip()
            if text.isdigit():
                return True, int(text)
            return False, None
    return False, None


def _as_pandas(frame: Any, name: str) -> Any:
    import pandas as pd

    if frame is None or isinstance(frame, pd.DataFrame):
        return frame
    if hasattr(frame, "to_pandas"):  # polars, pyarrow
        return frame.to_pandas()
    if isinstance(frame, (list, dict)):
        return pd.DataFrame(frame)
    raise TypeError(f"{name} must be a DataFrame, not {type(frame).__name__}")


def _rows(r: _Reader, table: str, df: Any, unknown_columns: str) -> list[dict[str, Any]]:
    """The table's rows as dicts of converted values (keyed by column name), after checking
    the columns. Wide ``hours:<team>`` columns of ``orders`` are kept under their name."""
    spec = {c.name: c for c in TABLES[table]}
    columns = [str(c) for c in df.columns]
    for col in spec.values():
        if col.required and col.name not in columns:
            r.push(
                "missing_column",
                table,
                None,
                "",
                col.name,
                None,
                f"the required column is missing (columns: {', '.join(columns) or 'none'})",
            )
    wide = [c for c in columns if table == "orders" and c.startswith(WIDE_PREFIX)]
    if unknown_columns != "ignore":
        for c in columns:
            if c not in spec and c not in wide:
                r.push(
                    "unknown_column",
                    table,
                    None,
                    "",
                    c,
                    None,
                    f"not a column of {table}: {', '.join(spec)}"
                    + (", hours:<team>" if table == "orders" else "")
                    + " (pass unknown_columns='ignore' to skip it)",
                )
    key_col = {
        "teams": "id",
        "orders": "id",
        "capacity_overrides": "team",
        "efforts": "order",
        "demands": "order",
    }.get(table)
    out = []
    data = {c: df.iloc[:, k].tolist() for k, c in enumerate(columns)}
    for row in range(len(df)):
        key = ""
        if key_col in data and not _missing(data[key_col][row]):
            key = str(data[key_col][row])
        elif table in ("dependencies",) and "from" in data and "to" in data:
            key = f"{data['from'][row]}->{data['to'][row]}"
        values: dict[str, Any] = {}
        for c in columns:
            if c in spec:
                values[c] = r.cell(table, row, key, spec[c], data[c][row])
            elif c in wide:
                values[c] = r.cell(table, row, key, Column(c, "number"), data[c][row])
        out.append(values)
    return out


def _calendar(calendar: Union[Calendar, dict[str, Any]]) -> Calendar:
    if isinstance(calendar, Calendar):
        return calendar
    if isinstance(calendar, dict):
        return Calendar(**calendar)
    raise TypeError("calendar must be a Calendar or a dict of its fields")


def from_frames(
    orders: Any,
    teams: Any,
    calendar: Union[Calendar, dict[str, Any]],
    *,
    efforts: Any = None,
    demands: Any = None,
    dependencies: Any = None,
    freeze_windows: Any = None,
    capacity_overrides: Any = None,
    groups: Any = None,
    budgets: Any = None,
    orderer_shares: Any = None,
    actuals: Any = None,
    release_train: Optional[Union[ReleaseTrain, dict[str, Any]]] = None,
    name: str = "",
    max_go_lives_per_period: Optional[int] = None,
    frozen_until: Any = None,
    unknown_columns: str = "error",
    validate: bool = True,
) -> Portfolio:
    """Builds a :class:`~leverans.Portfolio` from tables (see the module documentation for
    the columns).

    ``unknown_columns="error"`` (default) reports columns no table has, which catches typos
    such as ``priorty``; ``"ignore"`` skips them. With ``validate=True`` (default) the
    portfolio also goes through the core's checks (cycles, dates outside the horizon, ...)
    and any problem raises :class:`~leverans.ValidationError`.
    """
    if unknown_columns not in ("error", "ignore"):
        raise ValueError("unknown_columns must be 'error' or 'ignore'")
    r = _Reader()
    tables = {
        "teams": teams,
        "orders": orders,
        "efforts": efforts,
        "demands": demands,
        "dependencies": dependencies,
        "freeze_windows": freeze_windows,
        "capacity_overrides": capacity_overrides,
        "groups": groups,
        "budgets": budgets,
        "orderer_shares": orderer_shares,
        "actuals": actuals,
    }
    rows = {}
    for table, frame in tables.items():
        df = _as_pandas(frame, table)
        rows[table] = [] if df is None else _rows(r, table, df, unknown_columns)

    team_ids = {t["id"] for t in rows["teams"] if t.get("id")}
    order_ids = {o["id"] for o in rows["orders"] if o.get("id")}

    def known(
        table: str, row: int, key: str, column: str, value: Any, ids: set[str], code: str, what: str
    ) -> bool:
        if value is None:
            return False
        if value not in ids:
            r.push(
                code,
                table,
                row,
                key,
                column,
                value,
                f"no {what} `{value}` (known: {', '.join(sorted(ids)) or 'none'})",
            )
            return False
        return True

    if rows["orders"]:
        for col in rows["orders"][0]:
            if col.startswith(WIDE_PREFIX) and col[len(WIDE_PREFIX) :] not in team_ids:
                r.push(
                    "unknown_team",
                    "orders",
                    None,
                    "",
                    col,
                    col[len(WIDE_PREFIX) :],
                    f"no team `{col[len(WIDE_PREFIX) :]}` "
                    f"(known: {', '.join(sorted(team_ids)) or 'none'})",
                )

    team_objs: dict[str, Team] = {}
    team_list = []
    for t in rows["teams"]:
        if t.get("id") is None or t.get("hours_per_week") is None:
            continue
        team = Team(
            t["id"],
            t["hours_per_week"],
            name=t.get("name") or "",
            cost_per_hour=t.get("cost_per_hour") or 0.0,
        )
        if t.get("external_hours_per_week") is not None:
            team.external = ExternalCapacity(
                t["external_hours_per_week"],
                t.get("external_cost_per_hour") or 0.0,
                t.get("external_max_hours"),
            )
        team_objs.setdefault(team.id, team)
        team_list.append(team)
    for k, o in enumerate(rows["capacity_overrides"]):
        if (
            known(
                "capacity_overrides",
                k,
                o.get("team") or "",
                "team",
                o.get("team"),
                team_ids,
                "unknown_team",
                "team",
            )
            and o.get("from") is not None
            and o.get("to") is not None
        ):
            team_objs[o["team"]].capacity_overrides.append(
                CapacityOverride(o["from"], o["to"], o.get("factor"), o.get("hours_per_week"))
            )

    order_list = []
    order_objs: dict[str, Order] = {}
    for o in rows["orders"]:
        if o.get("id") is None:
            continue
        fields = {
            k: v
            for k, v in o.items()
            if v is not None and not k.startswith(WIDE_PREFIX) and k != "id"
        }
        pin_start, pin_go_live = fields.pop("pin_start", None), fields.pop("pin_go_live", None)
        order = Order(o["id"], **fields)
        if pin_start is not None or pin_go_live is not None:
            order.pin = Pin(pin_start, pin_go_live)
        for col, hours in o.items():
            team_id = col[len(WIDE_PREFIX) :]
            if col.startswith(WIDE_PREFIX) and hours and team_id in team_ids:
                order.effort.append(Effort(team_id, hours))
        order_objs.setdefault(order.id, order)
        order_list.append(order)
    for k, e in enumerate(rows["efforts"]):
        ok_order = known(
            "efforts",
            k,
            e.get("order") or "",
            "order",
            e.get("order"),
            order_ids,
            "unknown_order",
            "order",
        )
        ok_team = known(
            "efforts",
            k,
            e.get("order") or "",
            "team",
            e.get("team"),
            team_ids,
            "unknown_team",
            "team",
        )
        if ok_order and ok_team and e.get("hours") is not None:
            order_objs[e["order"]].effort.append(
                Effort(
                    e["team"],
                    e["hours"],
                    e.get("max_hours_per_week"),
                    e.get("min_hours_per_week"),
                    e.get("hours_low"),
                    e.get("hours_high"),
                )
            )
    for k, d in enumerate(rows["demands"]):
        ok_order = known(
            "demands",
            k,
            d.get("order") or "",
            "order",
            d.get("order"),
            order_ids,
            "unknown_order",
            "order",
        )
        ok_team = known(
            "demands",
            k,
            d.get("order") or "",
            "team",
            d.get("team"),
            team_ids,
            "unknown_team",
            "team",
        )
        if ok_order and ok_team and d.get("hours_per_week") is not None:
            order_objs[d["order"]].demand.append(Demand(d["team"], d["hours_per_week"]))
    for k, a in enumerate(rows["actuals"]):
        ok_order = known(
            "actuals",
            k,
            a.get("order") or "",
            "order",
            a.get("order"),
            order_ids,
            "unknown_order",
            "order",
        )
        ok_team = known(
            "actuals",
            k,
            a.get("order") or "",
            "team",
            a.get("team"),
            team_ids,
            "unknown_team",
            "team",
        )
        if ok_order and ok_team and a.get("period") is not None and a.get("hours") is not None:
            order_objs[a["order"]].actuals.append(Actual(a["team"], a["period"], a["hours"]))
    dep_list = []
    for k, d in enumerate(rows["dependencies"]):
        key = f"{d.get('from')}->{d.get('to')}"
        ok_from = known(
            "dependencies", k, key, "from", d.get("from"), order_ids, "unknown_order", "order"
        )
        ok_to = known(
            "dependencies", k, key, "to", d.get("to"), order_ids, "unknown_order", "order"
        )
        if ok_from and ok_to:
            dep_list.append(
                Dependency(
                    d["from"], d["to"], d.get("kind") or "finish_to_start", d.get("lag") or 0
                )
            )
    windows = [
        FreezeWindow(w["from"], w["to"], w.get("name") or "")
        for w in rows["freeze_windows"]
        if w.get("from") is not None and w.get("to") is not None
    ]

    groups = []
    for k, g in enumerate(rows["groups"]):
        members = [m.strip() for m in (g.get("orders") or "").split(",") if m.strip()]
        for m in members:
            known(
                "groups", k, g.get("name") or "", "orders", m, order_ids, "unknown_order", "order"
            )
        if g.get("kind") is not None:
            groups.append(OrderGroup(g["kind"], members, g.get("name") or ""))
    budgets = [
        Budget(b["per"], b["amount"])
        for b in rows["budgets"]
        if b.get("per") is not None and b.get("amount") is not None
    ]
    shares = [
        OrdererShare(s["orderer"], s.get("min_share"), s.get("max_share"))
        for s in rows["orderer_shares"]
        if s.get("orderer") is not None
    ]

    if r.issues:
        raise ValidationError.from_issues(r.issues)
    train = (
        ReleaseTrain.from_dict(release_train) if isinstance(release_train, dict) else release_train
    )
    p = Portfolio(
        _calendar(calendar),
        team_list,
        order_list,
        dep_list,
        windows,
        max_go_lives_per_period,
        name,
        groups,
        budgets,
        shares,
        train,
    )
    if frozen_until is not None:
        p.frozen_until = frozen_until
        p._normalise()
    if validate:
        p.check()
    return p


def to_frames(p: Portfolio) -> dict[str, Any]:
    """The portfolio as the tables :func:`from_frames` reads; efforts in the long form."""
    import pandas as pd

    def frame(table: str, rows: list[dict[str, Any]]) -> pd.DataFrame:
        columns = [c.name for c in TABLES[table]]
        df = pd.DataFrame(rows, columns=columns)
        for c in TABLES[table]:
            if c.kind in ("whole", "integer"):
                df[c.name] = df[c.name].astype("Int64")
            elif c.kind == "number":
                df[c.name] = df[c.name].astype("float64")
            elif c.kind == "time":
                df[c.name] = df[c.name].astype("object")
            elif c.kind == "bool":
                df[c.name] = df[c.name].astype("bool")
        return df

    return {
        "teams": frame(
            "teams",
            [
                {
                    "id": t.id,
                    "hours_per_week": t.hours_per_week,
                    "name": t.name,
                    "cost_per_hour": t.cost_per_hour,
                    "external_hours_per_week": t.external.hours_per_week if t.external else None,
                    "external_cost_per_hour": t.external.cost_per_hour if t.external else None,
                    "external_max_hours": t.external.max_hours if t.external else None,
                }
                for t in p.teams
            ],
        ),
        "capacity_overrides": frame(
            "capacity_overrides",
            [
                {
                    "team": t.id,
                    "from": o.from_,
                    "to": o.to,
                    "factor": o.factor,
                    "hours_per_week": o.hours_per_week,
                }
                for t in p.teams
                for o in t.capacity_overrides
            ],
        ),
        "orders": frame(
            "orders",
            [
                {
                    "id": o.id,
                    "title": o.title,
                    "orderer": o.orderer,
                    "category": o.category,
                    "priority": o.priority,
                    "weight": o.weight,
                    "release": o.release,
                    "due": o.due,
                    "deadline": o.deadline,
                    "go_live_lag": o.go_live_lag,
                    "status": o.status,
                    "duration": o.duration,
                    "min_duration": o.min_duration,
                    "max_duration": o.max_duration,
                    "optional": o.optional,
                    "value": o.value,
                    "min_scope": o.min_scope,
                    "pin_start": o.pin.start if o.pin else None,
                    "pin_go_live": o.pin.go_live if o.pin else None,
                    "duration_low": o.duration_low,
                    "duration_high": o.duration_high,
                }
                for o in p.orders
            ],
        ),
        "efforts": frame(
            "efforts",
            [
                {
                    "order": o.id,
                    "team": e.team,
                    "hours": e.hours,
                    "max_hours_per_week": e.max_hours_per_week,
                    "min_hours_per_week": e.min_hours_per_week,
                    "hours_low": e.hours_low,
                    "hours_high": e.hours_high,
                }
                for o in p.orders
                for e in o.effort
            ],
        ),
        "demands": frame(
            "demands",
            [
                {"order": o.id, "team": d.team, "hours_per_week": d.hours_per_week}
                for o in p.orders
                for d in o.demand
            ],
        ),
        "dependencies": frame(
            "dependencies",
            [{"from": d.from_, "to": d.to, "kind": d.kind, "lag": d.lag} for d in p.dependencies],
        ),
        "freeze_windows": frame(
            "freeze_windows",
            [{"from": w.from_, "to": w.to, "name": w.name} for w in p.freeze_windows],
        ),
        "groups": frame(
            "groups",
            [{"kind": g.kind, "orders": ", ".join(g.orders), "name": g.name} for g in p.groups],
        ),
        "budgets": frame("budgets", [{"per": b.per, "amount": b.amount} for b in p.budgets]),
        "orderer_shares": frame(
            "orderer_shares",
            [
                {"orderer": s.orderer, "min_share": s.min_share, "max_share": s.max_share}
                for s in p.orderer_shares
            ],
        ),
        "actuals": frame(
            "actuals",
            [
                {"order": o.id, "team": a.team, "period": a.period, "hours": a.hours}
                for o in p.orders
                for a in o.actuals
            ],
        ),
    }

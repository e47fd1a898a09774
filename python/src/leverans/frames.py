"""Portfolios from tables (pandas, or anything with ``.to_pandas()`` such as polars) and back.

:func:`from_frames` reads these tables; ``*`` marks a required column. Every problem in the
tables (a missing column, a value of the wrong type, a reference to an unknown team or
order) is collected and raised at once as :class:`~leverans.ValidationError`, each issue
naming the table (``entity``), the row (``row``, 0-based position) and the column
(``field``). Headers are matched case-insensitively, ignoring surrounding spaces, with spaces
and hyphens read as underscores (``Hours per-week`` is ``hours_per_week``; the team of an
``hours:<team>`` column keeps its case, as team ids do); two headers that name one column
are a ``duplicate_column`` issue.

========================  ==================================================================
table                     columns
========================  ==================================================================
``teams``                 ``id``\\*, ``hours_per_week``\\* (number), ``name``,
                          ``cost_per_hour``, ``consultant_hours_per_week``,
                          ``consultant_cost_per_hour``, ``consultant_max_hours`` (number:
                          consultants to hire, at their price, up to a total; their former
                          names ``external_…`` are still read)
``capacity_overrides``    ``team``\\*, ``from``\\*, ``to``\\* (time), ``factor`` or
                          ``hours_per_week`` (number)
``orders``                ``id``\\*, ``title``, ``orderer``, ``category``, ``priority``
                          (critical/high/medium/low), ``weight`` (number), ``release``,
                          ``due``, ``deadline`` (time), ``go_live_lag`` (whole), ``status``
                          (not_started/in_progress/done), ``duration``, ``min_duration``,
                          ``max_duration``, ``duration_low``, ``duration_high`` (whole),
                          ``optional`` (bool), ``value``, ``min_scope`` (number),
                          ``pin_start``, ``pin_go_live`` (time: fixed dates), and
                          ``hours:<team>`` (number: effort hours for that team, wide form;
                          empty or 0 = none)
``efforts``               ``order``\\*, ``team``\\*, ``hours``\\* (number),
                          ``max_hours_per_week``, ``min_hours_per_week``, ``hours_low``,
                          ``hours_high`` (number: a three-point estimate)
``demands``               ``order``\\*, ``team``\\*, ``hours_per_week``\\* (number): the
                          fixed-duration form, with ``duration`` in ``orders``
``dependencies``          ``from``\\*, ``to``\\* (order ids), ``kind``
                          (finish_to_start/start_to_start/finish_to_finish/live_to_start/
                          live_to_live), ``lag`` (whole, may be negative)
``freeze_windows``        ``from``\\*, ``to``\\* (time), ``name``
``groups``                ``kind``\\* (all_or_none/at_most_one/requires), ``orders``\\*
                          (order ids separated by commas), ``name``
``budgets``               ``per``\\* (total/year/quarter/month), ``amount``\\* (number)
``orderer_shares``        ``orderer``\\*, ``min_share``, ``max_share`` (number, 0 to 1)
``actuals``               ``order``\\*, ``team``\\*, ``period``\\* (time), ``hours``\\*
                          (number): hours worked before ``frozen_until``
========================  ==================================================================

Types: *text* columns take strings (whole numbers are read as their digits, so order numbers
work); *number* columns need a numeric dtype or numbers in an object column (a string such
as ``"12,5"`` is an error here: read Swedish CSV with :func:`leverans.csvio.read_csv`, which
handles decimal commas, and a workbook with :func:`leverans.excel.read_excel`, which reads
a number typed as text with either decimal mark); *whole* columns need whole numbers;
*time* columns take dates (``datetime64``, ``datetime.date``, ISO strings ``2014-03-31``) or
period indices (whole numbers); *bool* columns take booleans, 0/1 or true/false, yes/no,
ja/nej, x. An empty cell (NaN, None, NaT, blank text) means "not given", and a row of empty
cells is skipped. Effort can be given as the ``efforts`` table, as ``hours:<team>`` columns,
or both. Whole numbers and period indices go up to 4 294 967 295 (a lag from -2 147 483 648
to 2 147 483 647), as the core holds them.

The modules behind it: :mod:`leverans.tables` (:data:`TABLES`, the columns),
:mod:`leverans.cells` (one cell to its kind), :mod:`leverans.rows` (a table's rows, with the
issues found in them) and :mod:`leverans.frames_out` (:func:`to_frames`).
"""

from __future__ import annotations

from typing import Any, Optional, Union

from .errors import ValidationError
from .frames_out import to_frames
from .model import (
    Actual,
    Budget,
    Calendar,
    CapacityOverride,
    ConsultantCapacity,
    Demand,
    Dependency,
    Effort,
    FreezeWindow,
    Order,
    OrdererShare,
    OrderGroup,
    Pin,
    ReleaseTrain,
    Team,
)
from .portfolio import Portfolio
from .rows import TableReader, as_pandas
from .tables import TABLES, WIDE_PREFIX, Column

__all__ = ["TABLES", "WIDE_PREFIX", "Column", "from_frames", "to_frames"]


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
    return build_portfolio(
        tables,
        calendar,
        release_train=release_train,
        name=name,
        max_go_lives_per_period=max_go_lives_per_period,
        frozen_until=frozen_until,
        unknown_columns=unknown_columns,
        validate=validate,
    )


def build_portfolio(
    tables: dict[str, Any],
    calendar: Union[Calendar, dict[str, Any]],
    *,
    reader: Optional[TableReader] = None,
    release_train: Optional[Union[ReleaseTrain, dict[str, Any]]] = None,
    name: str = "",
    max_go_lives_per_period: Optional[int] = None,
    frozen_until: Any = None,
    unknown_columns: str = "error",
    validate: bool = True,
) -> Portfolio:
    """:func:`from_frames` with the tables in a dict (absent ones are empty). The CSV and
    Excel readers call it with their ``reader``, which knows each table's
    :class:`~leverans.rows.Source` (so that issues name the file and the spreadsheet row) and
    may hold issues already (the Excel reader's ``calendar`` sheet)."""
    if unknown_columns not in ("error", "ignore"):
        raise ValueError("unknown_columns must be 'error' or 'ignore'")
    r = reader or TableReader()
    rows: dict[str, list[tuple[int, dict[str, Any]]]] = {}
    for table in TABLES:
        df = as_pandas(tables.get(table), table)
        rows[table] = [] if df is None else r.rows(table, df, unknown_columns)

    # Every id given counts as known, even where its row has a bad cell (reported already),
    # so that one bad cell does not also make each reference to the row an issue.
    team_ids = {t["id"] for _, t in rows["teams"] if t.get("id")}
    order_ids = {o["id"] for _, o in rows["orders"] if o.get("id")}

    refs = {"team": (team_ids, "team"), "order": (order_ids, "order")}
    refs["from"] = refs["to"] = refs["order"]

    def linked(table: str, k: int, row: dict[str, Any], key: str, *columns: str) -> bool:
        """Whether each of ``columns`` (``order``, ``team``, ``from``, ``to``) of the row
        names a known order or team; every unknown one is recorded."""
        found = [r.known(table, k, key, c, row.get(c), *refs[c]) for c in columns]
        return all(found)

    for _, o in rows["orders"][:1]:
        for col in o:
            if col.startswith(WIDE_PREFIX):
                r.known("orders", None, "", col, col[len(WIDE_PREFIX) :], team_ids, "team")

    team_objs: dict[str, Team] = {}
    team_list = []
    for _, t in rows["teams"]:
        if t.get("id") is None or t.get("hours_per_week") is None:
            continue
        team = Team(
            t["id"],
            t["hours_per_week"],
            name=t.get("name") or "",
            cost_per_hour=t.get("cost_per_hour") or 0.0,
        )
        if t.get("consultant_hours_per_week") is not None:
            team.consultants = ConsultantCapacity(
                t["consultant_hours_per_week"],
                t.get("consultant_cost_per_hour") or 0.0,
                t.get("consultant_max_hours"),
            )
        team_objs.setdefault(team.id, team)
        team_list.append(team)
    for k, o in rows["capacity_overrides"]:
        if (
            linked("capacity_overrides", k, o, o.get("team") or "", "team")
            and o["team"] in team_objs  # not when the team's row has a bad cell
            and o.get("from") is not None
            and o.get("to") is not None
        ):
            team_objs[o["team"]].capacity_overrides.append(
                CapacityOverride(o["from"], o["to"], o.get("factor"), o.get("hours_per_week"))
            )

    order_list = []
    order_objs: dict[str, Order] = {}
    for _, o in rows["orders"]:
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
    for k, e in rows["efforts"]:
        if (
            linked("efforts", k, e, e.get("order") or "", "order", "team")
            and e.get("hours") is not None
        ):
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
    for k, d in rows["demands"]:
        if (
            linked("demands", k, d, d.get("order") or "", "order", "team")
            and d.get("hours_per_week") is not None
        ):
            order_objs[d["order"]].demand.append(Demand(d["team"], d["hours_per_week"]))
    for k, a in rows["actuals"]:
        if (
            linked("actuals", k, a, a.get("order") or "", "order", "team")
            and a.get("period") is not None
            and a.get("hours") is not None
        ):
            order_objs[a["order"]].actuals.append(Actual(a["team"], a["period"], a["hours"]))
    dep_list = []
    for k, d in rows["dependencies"]:
        if linked("dependencies", k, d, f"{d.get('from')}->{d.get('to')}", "from", "to"):
            dep_list.append(
                Dependency(
                    d["from"], d["to"], d.get("kind") or "finish_to_start", d.get("lag") or 0
                )
            )
    windows = [
        FreezeWindow(w["from"], w["to"], w.get("name") or "")
        for _, w in rows["freeze_windows"]
        if w.get("from") is not None and w.get("to") is not None
    ]

    group_list = []
    for k, g in rows["groups"]:
        members = [m.strip() for m in (g.get("orders") or "").split(",") if m.strip()]
        for m in members:
            r.known("groups", k, g.get("name") or "", "orders", m, order_ids, "order")
        if g.get("kind") is not None:
            group_list.append(OrderGroup(g["kind"], members, g.get("name") or ""))
    budget_list = [
        Budget(b["per"], b["amount"])
        for _, b in rows["budgets"]
        if b.get("per") is not None and b.get("amount") is not None
    ]
    shares = [
        OrdererShare(s["orderer"], s.get("min_share"), s.get("max_share"))
        for _, s in rows["orderer_shares"]
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
        group_list,
        budget_list,
        shares,
        train,
    )
    if frozen_until is not None:
        p.frozen_until = frozen_until
        p._normalise()
    if validate:
        p.check()
    return p

"""The tables a portfolio is read from and written to, and their columns.

:data:`TABLES` is the one list of them: :func:`leverans.frames.from_frames` reads these
columns (the module documentation of :mod:`leverans.frames` says each one in words),
:func:`leverans.frames.to_frames` writes them, and the CSV and Excel readers look for one
file or sheet per table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from .model import (
    BUDGET_SPANS,
    DEPENDENCY_KINDS,
    GROUP_KINDS,
    HOLIDAY_RULES,
    ORDER_STATUSES,
    PERIOD_KINDS,
    PRIORITIES,
)

__all__ = ["KEY_COLUMNS", "SHEETS", "TABLES", "WIDE_PREFIX", "Column", "header_name"]

#: The prefix of the wide effort columns of ``orders``: ``hours:<team>``.
WIDE_PREFIX = "hours:"


@dataclass(frozen=True)
class Column:
    """A column of an input table: its name, kind (text, number, whole, integer, time, bool
    or a tuple of valid choices) and whether it is required."""

    name: str
    kind: Any
    required: bool = False


def _cols(*spec: tuple[str, Any, bool]) -> tuple[Column, ...]:
    return tuple(Column(*s) for s in spec)


#: The tables :func:`leverans.frames.from_frames` reads, with their columns.
TABLES: dict[str, tuple[Column, ...]] = {
    "teams": _cols(
        ("id", "text", True),
        ("hours_per_week", "number", True),
        ("name", "text", False),
        ("cost_per_hour", "number", False),
        ("consultant_hours_per_week", "number", False),
        ("consultant_cost_per_hour", "number", False),
        ("consultant_max_hours", "number", False),
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

#: The one-row sheets a workbook has besides the tables (:meth:`leverans.Portfolio.to_excel`
#: writes them, :func:`leverans.excel.read_excel` reads them): the calendar, and the
#: portfolio's own fields.
SHEETS: dict[str, tuple[Column, ...]] = {
    "calendar": _cols(
        ("period", PERIOD_KINDS, False),
        ("start", "date", False),
        ("end", "date", False),
        ("periods", "whole", False),
        ("holidays", HOLIDAY_RULES, False),
        ("eves_off", "bool", False),
        ("closed_days", "dates", False),
    ),
    "portfolio": _cols(
        ("name", "text", False),
        ("max_go_lives_per_period", "whole", False),
        ("frozen_until", "time", False),
    ),
}

#: The column whose value names a row in issues (their ``id``), per table; a dependency is
#: named ``from->to``.
KEY_COLUMNS = {
    "teams": "id",
    "orders": "id",
    "capacity_overrides": "team",
    "efforts": "order",
    "demands": "order",
}


_SEPARATORS = re.compile(r"[\s-]+")

#: Columns renamed (issue #16, ``docs/vocabulary.md``): the former name is still read as the new.
FORMER_COLUMNS = {
    "external_hours_per_week": "consultant_hours_per_week",
    "external_cost_per_hour": "consultant_cost_per_hour",
    "external_max_hours": "consultant_max_hours",
}


def header_name(header: Any) -> str:
    """The column a header names: the header without surrounding spaces (or a stray byte
    order mark), in lower case, with spaces and hyphens as underscores (``" Hours per-week"``
    is ``hours_per_week``), and a former name (:data:`FORMER_COLUMNS`) as the column's name
    now. The team of a wide ``hours:<team>`` column keeps its case, as team ids are compared
    exactly; only spaces around it go.

    >>> header_name(" External hours per-week")
    'consultant_hours_per_week'
    """
    text = str(header).replace("\ufeff", "").strip()
    head, colon, team = text.partition(":")
    if colon and head.strip().lower() == WIDE_PREFIX[:-1]:
        return WIDE_PREFIX + team.strip()
    name = _SEPARATORS.sub("_", text.lower())
    return FORMER_COLUMNS.get(name, name)

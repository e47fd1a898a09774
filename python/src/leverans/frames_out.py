"""The portfolio as the tables :func:`leverans.frames.from_frames` reads back.

One DataFrame per table of :data:`~leverans.tables.TABLES`, with every column in the order
listed there and a dtype that survives the trip: whole numbers as nullable ``Int64``, numbers
as ``float64``, time points as objects (dates and period indices mixed).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .tables import TABLES

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from .portfolio import Portfolio

__all__ = ["to_frames"]

_DTYPES = {
    "whole": "Int64",
    "integer": "Int64",
    "number": "float64",
    "time": "object",
    "bool": "bool",
}


def _frame(table: str, rows: list[dict[str, Any]]) -> pd.DataFrame:
    import pandas as pd

    df = pd.DataFrame(rows, columns=[c.name for c in TABLES[table]])
    for c in TABLES[table]:
        if isinstance(c.kind, str) and c.kind in _DTYPES:  # text and choices stay as built
            df[c.name] = df[c.name].astype(_DTYPES[c.kind])
    return df


def _row(table: str, obj: Any, **given: Any) -> dict[str, Any]:
    """The row of ``obj`` in ``table``: each column is the attribute of the same name, except
    those ``given``."""
    return {
        c.name: given[c.name] if c.name in given else getattr(obj, c.name) for c in TABLES[table]
    }


def to_frames(p: Portfolio) -> dict[str, pd.DataFrame]:
    """The portfolio as the tables :func:`~leverans.frames.from_frames` reads; efforts in the
    long form."""
    rows: dict[str, list[dict[str, Any]]] = {
        "teams": [
            _row(
                "teams",
                t,
                consultant_hours_per_week=t.consultants.hours_per_week if t.consultants else None,
                consultant_cost_per_hour=t.consultants.cost_per_hour if t.consultants else None,
                consultant_max_hours=t.consultants.max_hours if t.consultants else None,
            )
            for t in p.teams
        ],
        "capacity_overrides": [
            _row("capacity_overrides", o, team=t.id, **{"from": o.from_})
            for t in p.teams
            for o in t.capacity_overrides
        ],
        "orders": [
            _row(
                "orders",
                o,
                pin_start=o.pin.start if o.pin else None,
                pin_go_live=o.pin.go_live if o.pin else None,
            )
            for o in p.orders
        ],
        "efforts": [_row("efforts", e, order=o.id) for o in p.orders for e in o.effort],
        "demands": [_row("demands", d, order=o.id) for o in p.orders for d in o.demand],
        "dependencies": [_row("dependencies", d, **{"from": d.from_}) for d in p.dependencies],
        "freeze_windows": [
            _row("freeze_windows", w, **{"from": w.from_}) for w in p.freeze_windows
        ],
        "groups": [_row("groups", g, orders=", ".join(g.orders)) for g in p.groups],
        "budgets": [_row("budgets", b) for b in p.budgets],
        "orderer_shares": [_row("orderer_shares", s) for s in p.orderer_shares],
        "actuals": [_row("actuals", a, order=o.id) for o in p.orders for a in o.actuals],
    }
    return {table: _frame(table, rows[table]) for table in TABLES}

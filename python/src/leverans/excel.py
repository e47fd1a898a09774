"""Excel workbooks: plans out, portfolios in and out (needs ``openpyxl``, extra ``excel``).

This module writes them; :func:`read_excel` (from :mod:`leverans.excel_read`) reads a
portfolio back.

Every text cell is written as a string cell. openpyxl (like XlsxWriter) stores a string
that starts with ``=`` as a formula by default, so an order titled ``=HYPERLINK(...)`` would
run in the reader's Excel (formula injection); here it stays text. openpyxl reads through
``defusedxml`` when that is installed (it is part of the extra).
"""

from __future__ import annotations

import datetime as _dt
import numbers
import os
from typing import TYPE_CHECKING, Any, Union

from .excel_read import read_excel

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from .plan import Plan
    from .portfolio import Portfolio

__all__ = ["plan_to_excel", "portfolio_to_excel", "read_excel", "write_workbook"]

PathLike = Union[str, "os.PathLike[str]"]


def _openpyxl() -> Any:
    try:
        import openpyxl
    except ImportError:
        raise ImportError("Excel needs openpyxl: pip install 'leverans[excel]'") from None
    return openpyxl


def _cell_value(v: Any) -> Any:
    """A value openpyxl writes as is: None for empty cells (None, NaN, NaT, NA), plain
    Python scalars, dates (a timestamp at midnight becomes a date)."""
    import pandas as pd

    if v is None or isinstance(v, (str, bool)):
        return v
    if pd.api.types.is_scalar(v) and pd.isna(v):
        return None
    if isinstance(v, numbers.Integral):
        return int(v)
    if isinstance(v, numbers.Real):
        return float(v)
    if hasattr(v, "to_pydatetime"):  # pandas Timestamp
        d = v.to_pydatetime()
        return d.date() if d == _dt.datetime(d.year, d.month, d.day) else d
    if isinstance(v, (_dt.date, _dt.datetime)):
        return v
    return str(v)


def write_workbook(sheets: dict[str, pd.DataFrame], path: PathLike) -> None:
    """Writes one sheet per frame (header row, then the rows), every string as a string cell
    (never a formula) and dates as Excel dates."""
    openpyxl = _openpyxl()
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for name, df in sheets.items():
        ws = wb.create_sheet(title=name[:31])
        ws.append([str(c) for c in df.columns])
        for row in df.itertuples(index=False, name=None):
            ws.append([_cell_value(v) for v in row])
        for cells in ws.iter_rows():
            for cell in cells:
                if isinstance(cell.value, str):
                    cell.data_type = "s"  # a string cell, even when it starts with "="
                elif isinstance(cell.value, _dt.date) and not isinstance(cell.value, _dt.datetime):
                    cell.number_format = "yyyy-mm-dd"
    wb.save(os.fspath(path))


def plan_to_excel(plan: Plan, path: PathLike) -> None:
    """Writes the sheets ``orders``, ``work``, ``load`` and ``summary`` of a plan."""
    import pandas as pd

    summary = pd.DataFrame(list(plan.summary.items()), columns=["figure", "value"])
    write_workbook(
        {
            "orders": plan.orders_frame(),
            "work": plan.work_frame(),
            "load": plan.load_frame(),
            "summary": summary,
        },
        path,
    )


def portfolio_to_excel(p: Portfolio, path: PathLike) -> None:
    """Writes the tables of :meth:`Portfolio.to_frames`, a one-row ``calendar`` sheet and a
    one-row ``portfolio`` sheet (``name``, ``max_go_lives_per_period``, ``frozen_until``);
    :func:`read_excel` reads the workbook back."""
    import pandas as pd

    cal = p.calendar
    calendar = pd.DataFrame(
        [
            {
                "period": cal.period,
                "start": cal.start,
                "end": cal.end,
                "periods": cal.periods,
                "holidays": cal.holidays,
                "eves_off": cal.eves_off,
                "closed_days": ", ".join(d.isoformat() for d in cal.closed_days),
            }
        ]
    )
    settings = pd.DataFrame(
        [
            {
                "name": p.name,
                "max_go_lives_per_period": p.max_go_lives_per_period,
                "frozen_until": p.frozen_until,
            }
        ]
    )
    write_workbook({"calendar": calendar, "portfolio": settings, **p.to_frames()}, path)

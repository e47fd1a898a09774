"""Excel workbooks: plans out, portfolios in and out (needs ``openpyxl``, extra ``excel``).

Every text cell is written as a string cell. openpyxl (like XlsxWriter) stores a string
that starts with ``=`` as a formula by default, so an order titled ``=HYPERLINK(...)`` would
run in the reader's Excel (formula injection); here it stays text. openpyxl reads through
``defusedxml`` when that is installed (it is part of the extra).
"""

from __future__ import annotations

import datetime as _dt
import numbers
import os
from typing import TYPE_CHECKING, Any, Optional, Union

from .errors import ValidationError
from .model import Calendar

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


def _calendar_from_sheet(df: pd.DataFrame) -> Calendar:
    if len(df) != 1:
        raise ValidationError.from_issues(
            [
                {
                    "code": "invalid_calendar",
                    "entity": "calendar",
                    "id": "",
                    "field": "",
                    "value": str(len(df)),
                    "message": "the calendar sheet needs exactly one row",
                }
            ]
        )
    row = {str(k): v for k, v in df.iloc[0].items() if _cell_value(v) is not None}
    fields: dict[str, Any] = {}
    for key in ("period", "holidays"):
        if key in row:
            fields[key] = str(row[key]).strip().lower()
    for key in ("start", "end"):
        if key in row:
            fields[key] = _cell_value(row[key])
    if "periods" in row:
        fields["periods"] = int(row["periods"])
    if "eves_off" in row:
        v = row["eves_off"]
        fields["eves_off"] = (
            v if isinstance(v, bool) else str(v).strip().lower() in ("true", "1", "yes", "ja")
        )
    if "closed_days" in row:
        fields["closed_days"] = [s.strip() for s in str(row["closed_days"]).split(",") if s.strip()]
    return Calendar(**fields)


def read_excel(
    path: PathLike, calendar: Optional[Union[Calendar, dict[str, Any]]] = None, **options: Any
) -> Portfolio:
    """Reads a workbook with one sheet per table of :data:`leverans.frames.TABLES`
    (``orders`` and ``teams`` required) and builds the portfolio with
    :func:`leverans.frames.from_frames` (``options`` go there). The calendar is the
    ``calendar`` argument, else the one-row ``calendar`` sheet (columns ``period``,
    ``start``, ``end``, ``periods``, ``holidays``, ``eves_off``, ``closed_days``)."""
    import pandas as pd

    from .frames import TABLES, from_frames

    _openpyxl()
    sheets = pd.read_excel(os.fspath(path), sheet_name=None, engine="openpyxl")
    sheets = {str(k).strip().lower(): v for k, v in sheets.items()}
    if calendar is None:
        if "calendar" not in sheets:
            raise ValidationError.from_issues(
                [
                    {
                        "code": "missing_table",
                        "entity": "calendar",
                        "id": "",
                        "field": "",
                        "value": "",
                        "message": "no calendar given and no `calendar` sheet",
                    }
                ]
            )
        calendar = _calendar_from_sheet(sheets["calendar"])
    for table in ("orders", "teams"):
        if table not in sheets:
            raise ValidationError.from_issues(
                [
                    {
                        "code": "missing_table",
                        "entity": table,
                        "id": "",
                        "field": "",
                        "value": "",
                        "message": f"the workbook has no `{table}` sheet",
                    }
                ]
            )
    frames = {t: sheets[t] for t in TABLES if t in sheets and t not in ("orders", "teams")}
    if "portfolio" in sheets:
        for key, value in _settings_from_sheet(sheets["portfolio"]).items():
            options.setdefault(key, value)
    return from_frames(sheets["orders"], sheets["teams"], calendar, **frames, **options)


def _settings_from_sheet(df: pd.DataFrame) -> dict[str, Any]:
    """The portfolio-level fields of the one-row ``portfolio`` sheet (empty cells left out)."""
    if len(df) != 1:
        raise ValidationError.from_issues(
            [
                {
                    "code": "invalid_table",
                    "entity": "portfolio",
                    "id": "",
                    "field": "",
                    "value": str(len(df)),
                    "message": "the portfolio sheet needs exactly one row",
                }
            ]
        )
    row = {str(k).strip().lower(): _cell_value(v) for k, v in df.iloc[0].items()}
    out: dict[str, Any] = {}
    if row.get("name") is not None:
        out["name"] = str(row["name"])
    limit = row.get("max_go_lives_per_period")
    if limit is not None:
        out["max_go_lives_per_period"] = int(limit) if float(limit).is_integer() else limit
    if row.get("frozen_until") is not None:
        out["frozen_until"] = row["frozen_until"]
    return out

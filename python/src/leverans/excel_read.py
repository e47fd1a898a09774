"""Portfolios from Excel workbooks: one sheet per table, and the one-row ``calendar`` and
``portfolio`` sheets (needs ``openpyxl``, extra ``excel``; :mod:`leverans.excel` writes them).

Headers are matched case-insensitively, ignoring surrounding spaces (see
:mod:`leverans.frames`); a header written twice is a ``duplicate_column`` issue. A number
typed as text (``"12"``, ``"12,5"``, ``"1 200"``, ``"12.5"``) reads as the number, with either
decimal mark (a comma also takes spaces between thousands); ``"1,200"``, which reads 1.2
with a decimal comma and 1200 with a thousands comma, is an issue rather than a guess, as is
other text in a number column.

Every problem is raised at once as :class:`~leverans.ValidationError`, each naming the
workbook, the sheet, the row as Excel numbers it (the header is row 1) and the column. A
file that is not a workbook openpyxl can read (damaged, another format) is one
``invalid_workbook`` issue; a file that cannot be opened raises :class:`~leverans.FileError`.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, Optional, Union

from .errors import FileError, ValidationError
from .model import Calendar
from .rows import Source, TableReader, header_from_first_row
from .tables import SHEETS, TABLES

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from .portfolio import Portfolio

__all__ = ["read_excel"]

PathLike = Union[str, "os.PathLike[str]"]

#: The sheets a workbook must have (``calendar`` too, unless the calendar is given).
REQUIRED = ("orders", "teams")


def _issue(code: str, sheet: str, path: PathLike, message: str) -> dict[str, Any]:
    name = Path(path).name
    return {
        "code": code,
        "entity": sheet,
        "id": "",
        "field": "",
        "value": os.fspath(path),
        "message": f"{name}: {message}",
        "source": name,
    }


def _load(path: PathLike) -> dict[str, pd.DataFrame]:
    """Every sheet of the workbook, each with its first row as the header."""
    import pandas as pd

    try:
        import openpyxl  # noqa: F401
    except ImportError:
        raise ImportError("Excel needs openpyxl: pip install 'leverans[excel]'") from None
    try:
        # Only an empty cell is missing: a text cell "NA" or "None" is an id or a title.
        # Every cell as openpyxl reads it, the header too (see header_from_first_row).
        sheets: dict[str, pd.DataFrame] = pd.read_excel(
            os.fspath(path),
            sheet_name=None,
            engine="openpyxl",
            header=None,
            dtype=object,
            keep_default_na=False,
            na_values=[""],
        )
    except MemoryError:
        raise
    # A damaged file reaches openpyxl, zipfile, zlib and the XML parser, which between them
    # raise a dozen exception types (BadZipFile, KeyError for a missing part, ParseError,
    # zlib.error, ValueError, TypeError, ...); any of them means the same to the user.
    except Exception as e:
        if isinstance(e, OSError) and e.errno is not None:  # missing, a folder, no permission
            raise FileError(e.errno, e.strerror, os.fspath(path)) from None
        raise ValidationError.from_issues(
            [
                _issue(
                    "invalid_workbook",
                    "workbook",
                    path,
                    f"not an Excel workbook (.xlsx) that can be read ({type(e).__name__}: {e})",
                )
            ]
        ) from None
    return {title: header_from_first_row(df) for title, df in sheets.items()}


def _one_row(r: TableReader, sheet: str, df: Any, unknown_columns: str) -> dict[str, Any]:
    """The converted values of the only row of a one-row sheet (``calendar``,
    ``portfolio``), empty cells left out; a sheet with another number of rows is an issue."""
    rows = r.rows(sheet, df, unknown_columns, SHEETS[sheet])
    if len(rows) != 1:
        r.push(
            "invalid_calendar" if sheet == "calendar" else "invalid_table",
            sheet,
            None,
            "",
            "",
            len(rows),
            f"the {sheet} sheet needs exactly one row below its header, not {len(rows)}",
        )
        return {}
    return {k: v for k, v in rows[0][1].items() if v is not None}


def read_excel(
    path: PathLike, calendar: Optional[Union[Calendar, dict[str, Any]]] = None, **options: Any
) -> Portfolio:
    """Reads a workbook with one sheet per table of :data:`leverans.frames.TABLES`
    (``orders`` and ``teams`` required; sheet names in any case) and builds the portfolio
    with :func:`leverans.frames.from_frames` (``options`` go there). The calendar is the
    ``calendar`` argument, else the one-row ``calendar`` sheet (columns ``period``,
    ``start``, ``end``, ``periods``, ``holidays``, ``eves_off``, ``closed_days``). A one-row
    ``portfolio`` sheet gives ``name``, ``max_go_lives_per_period`` and ``frozen_until`` where
    ``options`` do not."""
    from .frames import build_portfolio

    book = _load(path)
    problems = []
    sheets: dict[str, tuple[str, pd.DataFrame]] = {}
    for title, df in book.items():
        key = str(title).strip().lower()
        if key in sheets:
            problems.append(
                _issue(
                    "duplicate_table",
                    key,
                    path,
                    f"two sheets are the table `{key}`: `{sheets[key][0]}` and `{title}`",
                )
            )
        sheets[key] = (str(title), df)
    for table in REQUIRED + (() if calendar is not None else ("calendar",)):
        if table not in sheets:
            message = f"the workbook has no `{table}` sheet"
            if table == "calendar":
                message = "no calendar given and no `calendar` sheet"
            problems.append(_issue("missing_table", table, path, message))
    if problems:
        raise ValidationError.from_issues(problems)

    name = Path(path).name
    # A number typed as text reads with either decimal mark (see Source).
    r = TableReader(
        {
            key: Source(f"{name}, sheet `{title}`", decimal=".,")
            for key, (title, _) in sheets.items()
        }
    )
    unknown_columns = options.get("unknown_columns", "error")
    if calendar is None:
        calendar = Calendar(**_one_row(r, "calendar", sheets["calendar"][1], unknown_columns))
    if "portfolio" in sheets:
        for key, value in _one_row(r, "portfolio", sheets["portfolio"][1], unknown_columns).items():
            options.setdefault(key, value)
    frames = {t: sheets[t][1] for t in TABLES if t in sheets}
    return build_portfolio(frames, calendar, reader=r, **options)

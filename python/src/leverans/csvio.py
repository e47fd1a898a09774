"""Portfolios from CSV files, including Swedish Excel exports (``;``, decimal commas, BOM)."""

from __future__ import annotations

import io
import os
import re
from pathlib import Path
from typing import Any, Optional, Union

from .errors import FileError, ValidationError
from .frames import TABLES, build_portfolio
from .model import Calendar
from .portfolio import Portfolio
from .rows import Source, TableReader, header_from_first_row

__all__ = ["read_csv"]

#: The tables a folder must have a file for.
REQUIRED = ("orders", "teams")


class _Unreadable(Exception):
    """A file whose text cannot be read as a table; ``issue`` says where and why."""

    def __init__(self, issue: dict[str, Any]) -> None:
        super().__init__(issue["message"])
        self.issue = issue


def _issue(
    code: str, table: str, path: Path, message: str, line: Optional[int] = None
) -> dict[str, Any]:
    issue: dict[str, Any] = {
        "code": code,
        "entity": table,
        "id": "",
        "field": "",
        "value": str(path),
        "message": message,
        "source": path.name,
    }
    if line is not None:
        issue["line"] = line
    return issue


def read_csv(
    folder: Union[str, os.PathLike[str]],
    calendar: Union[Calendar, dict[str, Any]],
    *,
    sep: Optional[str] = None,
    decimal: Optional[str] = None,
    encoding: str = "auto",
    **options: Any,
) -> Portfolio:
    """Reads ``<table>.csv`` files (``orders.csv`` and ``teams.csv`` required, the other
    tables of :data:`TABLES` when present) from ``folder`` and builds the portfolio with
    :func:`from_frames` (``options`` go there).

    The separator is sniffed from each header unless given: a header with more ``;`` than
    ``,`` is read as Swedish Excel CSV (``;``, decimal commas and spaces between thousands,
    ``1 200,5``). ``encoding="auto"`` (default) reads UTF-8 (a BOM is skipped) and falls back to
    Windows-1252, what Swedish Excel writes. Empty rows are skipped; an empty file is a table
    without columns. Headers are matched case-insensitively, ignoring surrounding spaces (see
    :mod:`leverans.frames`); a header written twice is a ``duplicate_column`` issue.

    Every problem is raised at once as :class:`ValidationError`: first those with the files
    themselves (a required file missing, text not in the encoding, a line the CSV parser
    cannot split), each naming the file and the line; then those in the cells, each naming
    the file, the row as a spreadsheet numbers it (the header is row 1) and the column. A
    file that exists but cannot be opened raises :class:`FileError`.
    """
    base = Path(folder)
    frames: dict[str, Any] = {}
    sources: dict[str, Source] = {}
    problems = []
    for table in TABLES:
        path = base / f"{table}.csv"
        if not path.exists():
            if table in REQUIRED:
                problems.append(_issue("missing_table", table, path, f"{path} does not exist"))
            continue
        try:
            frames[table], sources[table] = _read_table(path, table, sep, decimal, encoding)
        except _Unreadable as e:
            problems.append(e.issue)
    if problems:
        raise ValidationError.from_issues(problems)
    return build_portfolio(frames, calendar, reader=TableReader(sources), **options)


def _read_table(
    path: Path, table: str, sep: Optional[str], decimal: Optional[str], encoding: str
) -> tuple[Any, Source]:
    """The file as a DataFrame (every row kept, empty ones too, so that row ``k`` is the
    spreadsheet's row ``k + first_line``) and its :class:`Source`."""
    import pandas as pd

    text = _decode(path, table, encoding)
    # Non-breaking spaces (Excel's thousands separator) read as plain ones.
    lines = text.replace("\u00a0", " ").replace("\u202f", " ").split("\n")
    above = next((k for k, line in enumerate(lines) if line.strip()), len(lines))
    header = lines[above] if above < len(lines) else ""
    s = sep or (";" if header.count(";") > header.count(",") else ",")
    d = decimal or ("," if s == ";" else ".")
    if above == len(lines):  # an empty file: no columns, no rows
        return pd.DataFrame(), Source(path.name, decimal=d)
    # Blank lines above the header are skipped, but a spreadsheet counts them.
    source = Source(path.name, first_line=above + 2, decimal=d)
    try:
        # Every cell as text, only an empty one missing ("NA" is an order id, not a gap);
        # TableReader reads the numbers with the file's decimal mark. The header is read as
        # a row, so that its names stay as written (pandas renames a second `id` to `id.1`)
        # and a row with a cell more than the header is an error (pandas would take its
        # first cell as an index and shift the others into the header's columns).
        raw = pd.read_csv(
            io.StringIO("\n".join(lines[above:])),
            sep=s,
            header=None,
            dtype=str,
            keep_default_na=False,
            na_values=[""],
            skipinitialspace=True,
            skip_blank_lines=False,
        )
    except pd.errors.EmptyDataError:  # a header pandas reads as nothing, such as a lone BOM
        return pd.DataFrame(), source
    except pd.errors.ParserError as e:
        # pandas says "... in line 3, saw 2"; its lines count from the header.
        found = re.search(r"line (\d+)", str(e))
        line = int(found.group(1)) + above if found else None
        reason = re.sub(r" in line \d+", "", str(e).split(": ")[-1]).strip()
        where = f"{path.name}, line {line}" if line else path.name
        raise _Unreadable(
            _issue(
                "invalid_csv", table, path, f"{where}: not CSV the parser can split: {reason}", line
            )
        ) from None
    return header_from_first_row(raw), source


def _decode(path: Path, table: str, encoding: str) -> str:
    """The file's text: UTF-8 (BOM skipped) or, with ``"auto"``, Windows-1252 where it is not
    UTF-8. A file the encoding does not fit is :class:`_Unreadable` at its line."""
    try:
        data = path.read_bytes()
    except OSError as e:  # a folder named orders.csv, no permission, ...
        raise FileError(e.errno, e.strerror, str(path)) from None
    tries = ["utf-8-sig", "cp1252"] if encoding == "auto" else [encoding]
    for k, name in enumerate(tries):
        try:
            return data.decode(name)
        except UnicodeDecodeError as e:
            if k + 1 < len(tries):
                continue
            line = data[: e.start].count(b"\n") + 1
            raise _Unreadable(
                _issue(
                    "invalid_encoding",
                    table,
                    path,
                    f"{path}, line {line}: not {name} text ({e.reason}); "
                    "save it as UTF-8 or give encoding=",
                    line,
                )
            ) from None
        except LookupError:
            raise ValueError(f"unknown encoding {encoding!r}") from None
    raise AssertionError("unreachable")  # pragma: no cover

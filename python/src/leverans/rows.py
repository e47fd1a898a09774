"""Reading the rows of input tables while collecting every problem found in them.

:class:`TableReader` checks a table's columns against :data:`~leverans.tables.TABLES`,
converts each cell (:mod:`leverans.cells`) and checks references between tables; each
problem becomes an issue naming the table, the row, the column and the value, and
:func:`leverans.frames.from_frames` raises them all at once. A row whose every cell is empty
is skipped, as a spreadsheet's empty rows are.

A table read from a file has a :class:`Source`: its issues then also name the file (or the
workbook and sheet) and the row as a spreadsheet numbers it, the header being row 1.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Callable, Optional

from .cells import KIND_WORDS, convert, is_blank, is_empty_row, is_missing, number_text
from .tables import KEY_COLUMNS, TABLES, WIDE_PREFIX, Column, header_name

__all__ = ["Source", "TableReader", "as_pandas", "header_from_first_row"]


@dataclass(frozen=True)
class Source:
    """Where a table was read from: ``name`` (``orders.csv``, ``plan.xlsx, sheet
    `orders```), the spreadsheet row of its first data row (2 below a header in row 1) and
    the ``decimal`` marks of numbers written as text, tried in turn. A CSV file has its own
    one (``"."`` or ``","``; every cell is read as text, and numbers cell by cell, so one bad
    cell does not turn its whole column into text); a workbook has ``".,"``, so that a
    number typed as text reads with either mark (``"12.5"``, ``"12,5"``, ``"1 200"``). None:
    text in a number column is an issue (:func:`~leverans.frames.from_frames`)."""

    name: str
    first_line: int = 2
    decimal: Optional[str] = None


#: Text such as ``1,200`` or ``12,500,000``: groups of three digits after commas, which read
#: one way with a decimal comma and another with a thousands comma.
_THOUSANDS_OR_DECIMAL = re.compile(r"[+-]?\d{1,3}(,\d{3})+")


def as_pandas(frame: Any, name: str) -> Any:
    """A pandas DataFrame from a DataFrame, anything with ``.to_pandas()`` (polars,
    pyarrow), a list of row dicts or a dict of columns; None stays None."""
    import pandas as pd

    if frame is None or isinstance(frame, pd.DataFrame):
        return frame
    if hasattr(frame, "to_pandas"):  # polars, pyarrow
        return frame.to_pandas()
    if isinstance(frame, (list, dict)):
        return pd.DataFrame(frame)
    raise TypeError(f"{name} must be a DataFrame, not {type(frame).__name__}")


def header_from_first_row(df: Any) -> Any:
    """A sheet read without a header (``header=None``) with its first row as the header,
    each name as written: pandas' own header would rename a second ``id`` to ``id.1``, which
    then reads as an unknown column instead of a duplicate. A blank header cell is named
    ``Unnamed: <k>``, as pandas names it; a sheet without rows is a table without columns."""
    import pandas as pd

    if len(df) == 0:
        return pd.DataFrame()
    names = []
    for k, v in enumerate(df.iloc[0].tolist()):
        if is_blank(v):
            names.append(f"Unnamed: {k}")
        elif isinstance(v, float) and v.is_integer():  # a header 2014 read as 2014.0
            names.append(str(int(v)))
        else:
            names.append(str(v))
    out = df.iloc[1:].reset_index(drop=True)
    out.columns = names
    return out


class TableReader:
    """Collects issues while converting tables (``sources``: the files they come from)."""

    def __init__(self, sources: Optional[dict[str, Source]] = None) -> None:
        self.issues: list[dict[str, Any]] = []
        self.sources = sources or {}

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
        """Records an issue of ``table`` at ``row`` (None: the whole column)."""
        source = self.sources.get(table)
        line = None if row is None or source is None else row + source.first_line
        place = []
        if row is not None:
            place.append(f"row {row if line is None else line}")
        if column:
            place.append(f"column `{column}`")
        head = source.name if source else table
        if place:
            head += ": " + ", ".join(place)
        issue = {
            "code": code,
            "entity": table,
            "id": key,
            "field": column,
            "value": "" if is_missing(value) else str(value),
            "message": f"{head}: {message}",
            "row": row,
        }
        if source is not None:
            issue["source"] = source.name
            # A column's issue is at the header, the row above the first data row.
            issue["line"] = source.first_line - 1 if line is None else line
        self.issues.append(issue)

    def cell(self, table: str, row: int, key: str, col: Column, v: Any) -> Any:
        """The cell converted to its column's kind; None when empty or bad (bad ones are
        recorded)."""
        if is_blank(v):
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
        source = self.sources.get(table)
        problem = f"must be {KIND_WORDS[kind]}, not {type(v).__name__} {v!r}"
        if source and source.decimal and isinstance(v, str) and kind != "text":
            if len(source.decimal) > 1 and _THOUSANDS_OR_DECIMAL.fullmatch(v.strip()):
                # "1,200" is 1.2 with a decimal comma and 1200 with a thousands comma: with
                # either mark allowed, a guess could be off by a thousand.
                ok, out = False, None
                problem = (
                    f"`{v}` is ambiguous (1 200 or 1,2?): write the number without a thousands "
                    "separator, or as a number cell"
                )
            else:
                numbers = (number_text(v, mark) for mark in source.decimal)
                number = next((n for n in numbers if n is not None), None)
                ok, out = convert(kind, v if number is None else number)
        else:
            ok, out = convert(kind, v)
        if not ok:
            self.push("wrong_dtype", table, row, key, col.name, v, problem)
            return None
        return out

    def rows(
        self,
        table: str,
        df: Any,
        unknown_columns: str,
        spec_columns: Optional[tuple[Column, ...]] = None,
    ) -> list[tuple[int, dict[str, Any]]]:
        """The table's rows that are not empty, each as its position in ``df`` and a dict of
        converted values, after checking the columns against ``spec_columns`` (default: the
        table's in :data:`~leverans.tables.TABLES`). Each header is read as the column
        :func:`~leverans.tables.header_name` makes of it (``" ID"`` is ``id``), and the
        values are keyed by that name; two headers of one column are a
        ``duplicate_column`` issue. Wide ``hours:<team>`` columns of ``orders`` are kept
        under their name."""
        spec = {c.name: c for c in spec_columns or TABLES[table]}
        headers = [str(c) for c in df.columns]
        columns = [header_name(c) for c in headers]
        wide = [c for c in columns if table == "orders" and c.startswith(WIDE_PREFIX)]
        self._duplicates(
            table,
            columns,
            headers,
            # Two headers of a column that is skipped anyway are no question.
            lambda c: c in spec or c in wide or unknown_columns != "ignore",
        )
        for col in spec.values():
            if col.required and col.name not in columns:
                self.push(
                    "missing_column",
                    table,
                    None,
                    "",
                    col.name,
                    None,
                    f"the required column is missing (columns: {', '.join(headers) or 'none'})",
                )
        if unknown_columns != "ignore":
            for c, header in zip(columns, headers):
                if c not in spec and c not in wide:
                    self.push(
                        "unknown_column",
                        table,
                        None,
                        "",
                        header,
                        None,
                        f"not a column of {table}: {', '.join(spec)}"
                        + (", hours:<team>" if table == "orders" else "")
                        + " (pass unknown_columns='ignore' to skip it)",
                    )
        key_col = KEY_COLUMNS.get(table)
        out = []
        data = {c: df.iloc[:, k].tolist() for k, c in enumerate(columns)}
        cells = [df.iloc[:, k].tolist() for k in range(len(columns))]
        for row in range(len(df)):
            if is_empty_row([col[row] for col in cells]):
                continue
            key = ""
            if key_col in data and not is_missing(data[key_col][row]):
                key = str(data[key_col][row])
            elif table == "dependencies" and "from" in data and "to" in data:
                key = f"{data['from'][row]}->{data['to'][row]}"
            values: dict[str, Any] = {}
            for c in columns:
                if c in spec:
                    values[c] = self.cell(table, row, key, spec[c], data[c][row])
                elif c in wide:
                    values[c] = self.cell(table, row, key, Column(c, "number"), data[c][row])
            out.append((row, values))
        return out

    def _duplicates(
        self, table: str, columns: list[str], headers: list[str], read: Callable[[str], bool]
    ) -> None:
        """Records each column that two or more headers name (``columns``: the names of
        ``headers`` by :func:`~leverans.tables.header_name`), when it is ``read``."""
        spellings: dict[str, list[str]] = {}
        for c, header in zip(columns, headers):
            spellings.setdefault(c, []).append(header)
        for c, names in sorted(spellings.items()):
            if len(names) < 2 or not read(c):
                continue
            message = f"{len(names)} columns have this name; which one holds the values?"
            if len(set(names)) > 1:
                message = (
                    f"the columns {', '.join(f'`{n}`' for n in names)} are all `{c}` (headers "
                    "are read ignoring case and surrounding spaces, with spaces and hyphens as "
                    "underscores); which one holds the values?"
                )
            self.push("duplicate_column", table, None, "", c, None, message)

    def known(
        self,
        table: str,
        row: Optional[int],
        key: str,
        column: str,
        value: Any,
        ids: set[str],
        what: str,
    ) -> bool:
        """Whether ``value`` is one of ``ids`` (the known teams or orders); an unknown one is
        recorded as ``unknown_<what>``. An empty value is not known, and not recorded (its
        cell already was, when it is required)."""
        if value is None:
            return False
        if value not in ids:
            self.push(
                f"unknown_{what}",
                table,
                row,
                key,
                column,
                value,
                f"no {what} `{value}` (known: {', '.join(sorted(ids)) or 'none'})",
            )
            return False
        return True

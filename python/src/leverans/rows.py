"""Reading the rows of input tables while collecting every problem found in them.

:class:`TableReader` checks a table's columns against :data:`~leverans.tables.TABLES`,
converts each cell (:mod:`leverans.cells`) and checks references between tables; each
problem becomes an issue naming the table, the row, the column and the value, and
:func:`leverans.frames.from_frames` raises them all at once.
"""

from __future__ import annotations

from typing import Any, Optional

from .cells import KIND_WORDS, convert, is_missing
from .tables import KEY_COLUMNS, TABLES, WIDE_PREFIX, Column

__all__ = ["TableReader", "as_pandas"]


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


class TableReader:
    """Collects issues while converting tables."""

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
        """Records an issue of ``table`` at ``row`` (None: the whole column)."""
        where = f"row {row}, column `{column}`" if row is not None else f"column `{column}`"
        self.issues.append(
            {
                "code": code,
                "entity": table,
                "id": key,
                "field": column,
                "value": "" if is_missing(value) else str(value),
                "message": f"{table}: {where}: {message}",
                "row": row,
            }
        )

    def cell(self, table: str, row: int, key: str, col: Column, v: Any) -> Any:
        """The cell converted to its column's kind; None when empty or bad (bad ones are
        recorded)."""
        if is_missing(v):
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
        ok, out = convert(kind, v)
        if not ok:
            self.push(
                "wrong_dtype",
                table,
                row,
                key,
                col.name,
                v,
                f"must be {KIND_WORDS[kind]}, not {type(v).__name__} {v!r}",
            )
            return None
        return out

    def rows(self, table: str, df: Any, unknown_columns: str) -> list[dict[str, Any]]:
        """The table's rows as dicts of converted values (keyed by column name), after
        checking the columns. Wide ``hours:<team>`` columns of ``orders`` are kept under
        their name."""
        spec = {c.name: c for c in TABLES[table]}
        columns = [str(c) for c in df.columns]
        for col in spec.values():
            if col.required and col.name not in columns:
                self.push(
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
                    self.push(
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
        key_col = KEY_COLUMNS.get(table)
        out = []
        data = {c: df.iloc[:, k].tolist() for k, c in enumerate(columns)}
        for row in range(len(df)):
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
            out.append(values)
        return out

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

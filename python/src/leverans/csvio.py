"""Portfolios from CSV files, including Swedish Excel exports (``;``, decimal commas, BOM)."""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Any, Optional, Union

from .errors import ValidationError
from .frames import TABLES, from_frames
from .model import Calendar
from .portfolio import Portfolio

__all__ = ["read_csv"]


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
    Windows-1252, what Swedish Excel writes; a named encoding that does not fit the file is a
    :class:`ValidationError` naming the file and the line.
    """
    import pandas as pd

    base = Path(folder)
    frames: dict[str, Any] = {}
    for table, spec in TABLES.items():
        path = base / f"{table}.csv"
        if not path.exists():
            if table in ("orders", "teams"):
                raise ValidationError.from_issues(
                    [
                        {
                            "code": "missing_table",
                            "entity": table,
                            "id": "",
                            "field": "",
                            "value": str(path),
                            "message": f"{path} does not exist",
                        }
                    ]
                )
            continue
        text = _decode(path, encoding)
        # Non-breaking spaces (Excel's thousands separator) read as plain ones.
        text = text.replace("\u00a0", " ").replace("\u202f", " ")
        header = text.split("\n", 1)[0]
        s = sep or (";" if header.count(";") > header.count(",") else ",")
        d = decimal or ("," if s == ";" else ".")
        text_cols = {c.name: str for c in spec if c.kind == "text" or isinstance(c.kind, tuple)}
        frames[table] = pd.read_csv(
            io.StringIO(text),
            sep=s,
            decimal=d,
            thousands=" " if d == "," else None,
            dtype=text_cols,
            skipinitialspace=True,
        )
    orders = frames.pop("orders")
    teams = frames.pop("teams")
    return from_frames(orders, teams, calendar, **frames, **options)


def _decode(path: Path, encoding: str) -> str:
    """The file's text: UTF-8 (BOM skipped) or, with ``"auto"``, Windows-1252 where it is not
    UTF-8. A file the encoding does not fit is a :class:`ValidationError` at its line."""
    data = path.read_bytes()
    tries = ["utf-8-sig", "cp1252"] if encoding == "auto" else [encoding]
    for k, name in enumerate(tries):
        try:
            return data.decode(name)
        except UnicodeDecodeError as e:
            if k + 1 < len(tries):
                continue
            line = data[: e.start].count(b"\n") + 1
            raise ValidationError.from_issues(
                [
                    {
                        "code": "invalid_encoding",
                        "entity": path.stem,
                        "id": "",
                        "field": "",
                        "value": str(path),
                        "message": f"{path}, line {line}: not {name} text ({e.reason}); "
                        "save it as UTF-8 or give encoding=",
                    }
                ]
            ) from None
        except LookupError:
            raise ValueError(f"unknown encoding {encoding!r}") from None
    raise AssertionError("unreachable")  # pragma: no cover

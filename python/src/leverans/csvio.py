"""Portfolios from CSV files, including Swedish Excel exports (``;``, decimal commas, BOM)."""

from __future__ import annotations

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
    encoding: str = "utf-8-sig",
    **options: Any,
) -> Portfolio:
    """Reads ``<table>.csv`` files (``orders.csv`` and ``teams.csv`` required, the other
    tables of :data:`TABLES` when present) from ``folder`` and builds the portfolio with
    :func:`from_frames` (``options`` go there).

    The separator is sniffed from each header unless given: a header with more ``;`` than
    ``,`` is read as Swedish Excel CSV (``;`` and decimal commas). A UTF-8 BOM is skipped.
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
        with open(path, encoding=encoding) as f:
            header = f.readline()
        s = sep or (";" if header.count(";") > header.count(",") else ",")
        d = decimal or ("," if s == ";" else ".")
        text_cols = {c.name: str for c in spec if c.kind == "text" or isinstance(c.kind, tuple)}
        frames[table] = pd.read_csv(
            path, sep=s, decimal=d, encoding=encoding, dtype=text_cols, skipinitialspace=True
        )
    orders = frames.pop("orders")
    teams = frames.pop("teams")
    return from_frames(orders, teams, calendar, **frames, **options)

"""One cell of an input table converted to its column's kind (see :class:`~leverans.tables.Column`).

The readers of :mod:`leverans.frames` call :func:`convert` for every cell; what it refuses
becomes a ``wrong_dtype`` issue worded with :data:`KIND_WORDS`.
"""

from __future__ import annotations

import datetime as _dt
import math
import numbers
from typing import Any

__all__ = ["KIND_WORDS", "convert", "is_missing"]

#: What each kind of column takes, for messages ("must be ...").
KIND_WORDS = {
    "text": "text",
    "number": "a number",
    "whole": "a whole number, 0 or more",
    "integer": "a whole number",
    "time": "a date (YYYY-MM-DD) or a period index (whole number)",
    "bool": "true or false",
}

_TRUE = ("true", "yes", "ja", "1", "x")
_FALSE = ("false", "no", "nej", "0", "")


def is_missing(v: Any) -> bool:
    """An empty cell: None, NaN, NaT or pandas' NA."""
    if v is None:
        return True
    if isinstance(v, float):
        return math.isnan(v)
    try:
        import pandas as pd

        return bool(pd.api.types.is_scalar(v) and pd.isna(v))
    except (TypeError, ValueError):
        return False


def convert(kind: str, v: Any) -> tuple[bool, Any]:
    """``(True, value)`` with the cell as its kind's Python value, or ``(False, None)`` when
    the cell does not fit the kind. ``v`` is not missing (see :func:`is_missing`)."""
    if kind == "bool":
        if isinstance(v, bool) or type(v).__name__ == "bool_":
            return True, bool(v)
        if isinstance(v, numbers.Real) and v in (0, 1):
            return True, bool(v)
        if isinstance(v, str) and v.strip().lower() in _TRUE + _FALSE:
            return True, v.strip().lower() in _TRUE
        return False, None
    real = isinstance(v, numbers.Real) and not isinstance(v, bool)
    if kind == "text":
        if isinstance(v, str):
            return True, v.strip()
        if real and float(v).is_integer():
            return True, str(int(v))
        return False, None
    if kind == "number":
        if real and math.isfinite(float(v)):
            return True, float(v)
        return False, None
    if kind in ("whole", "integer"):
        if real and float(v).is_integer() and (kind == "integer" or v >= 0):
            return True, int(v)
        return False, None
    # time
    if real:
        if float(v).is_integer() and v >= 0:
            return True, int(v)
        return False, None
    if isinstance(v, _dt.datetime) or hasattr(v, "to_pydatetime"):
        return True, v.date() if isinstance(v, _dt.datetime) else v.to_pydatetime().date()
    if isinstance(v, _dt.date):
        return True, v
    if isinstance(v, str):
        try:
            return True, _dt.date.fromisoformat(v.strip()[:10])
        except ValueError:
            text = v.strip()
            if text.isdigit():
                return True, int(text)
            return False, None
    return False, None

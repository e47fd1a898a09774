"""One cell of an input table converted to its column's kind (see :class:`~leverans.tables.Column`).

The readers of :mod:`leverans.frames` call :func:`convert` for every cell; what it refuses
becomes a ``wrong_dtype`` issue worded with :data:`KIND_WORDS`. Whole numbers are bounded
as the core stores them (``u32``, a dependency's lag ``i32``), so a value the core could not
hold is reported at its cell instead of as a parse error in generated JSON.
"""

from __future__ import annotations

import datetime as _dt
import decimal
import math
import numbers
import re
from typing import Any, Optional, Union

__all__ = ["KIND_WORDS", "convert", "is_blank", "is_empty_row", "is_missing", "number_text"]

#: The largest whole number the core holds (durations, lags after go-live, period indices).
WHOLE_MAX = 2**32 - 1
#: The range of a dependency's lag (may be negative).
INTEGER_RANGE = (-(2**31), 2**31 - 1)

#: What each kind of column takes, for messages ("must be ...").
KIND_WORDS = {
    "text": "text",
    "number": "a finite number",
    "whole": f"a whole number from 0 to {WHOLE_MAX}",
    "integer": f"a whole number from {INTEGER_RANGE[0]} to {INTEGER_RANGE[1]}",
    "time": f"a date (YYYY-MM-DD) or a period index (a whole number from 0 to {WHOLE_MAX})",
    "date": "a date (YYYY-MM-DD)",
    "dates": "dates (YYYY-MM-DD) separated by commas",
    "bool": "true or false",
}

_TRUE = ("true", "yes", "ja", "1", "x")
_FALSE = ("false", "no", "nej", "0", "")


def is_missing(v: Any) -> bool:
    """An empty cell: None, NaN, NaT or pandas' NA (a signalling NaN Decimal too)."""
    if v is None:
        return True
    if isinstance(v, float):
        return math.isnan(v)
    if isinstance(v, decimal.Decimal):
        return v.is_nan()  # pandas' isna raises InvalidOperation on Decimal("sNaN")
    try:
        import pandas as pd

        return bool(pd.api.types.is_scalar(v) and pd.isna(v))
    except (TypeError, ValueError, ArithmeticError):
        return False


def is_blank(v: Any) -> bool:
    """An empty cell, or one holding only spaces."""
    return is_missing(v) or (isinstance(v, str) and not v.strip())


def is_empty_row(values: list[Any]) -> bool:
    """A row whose every cell is blank: a spreadsheet's empty row, skipped."""
    return all(is_blank(v) for v in values)


_NUMBER = re.compile(r"[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?")
_INTEGER = re.compile(r"[+-]?\d{1,100}")


def number_text(text: str, decimal: str) -> Optional[Union[int, float]]:
    """The number a CSV cell spells, in a file whose decimal mark is ``decimal`` (``","``
    also takes spaces between thousands, ``1 200,5``), or None when it spells none. Whole
    numbers stay ints, so that long order numbers keep every digit."""
    t = text.strip()
    if decimal == ",":
        if "." in t:  # 1.5 in a file with decimal commas: a typo or a date, not a number
            return None
        t = t.replace(" ", "").replace(",", ".")
    if _INTEGER.fullmatch(t):
        return int(t)
    return float(t) if _NUMBER.fullmatch(t) else None


def _real(v: Any) -> Optional[float]:
    """The cell as a float when it is a number (not a bool); inf for a number too big for one."""
    if isinstance(v, bool) or not isinstance(v, (numbers.Real, decimal.Decimal)):
        return None
    number: Any = v
    try:
        return float(number)
    except OverflowError:  # an int beyond float's range
        return math.inf if number > 0 else -math.inf


def _whole(v: Any, low: float = -math.inf, high: float = math.inf) -> Optional[int]:
    """The cell as an int in ``low..high`` when it is a whole number there."""
    f = _real(v)
    if f is None or not math.isfinite(f) or not f.is_integer():
        return None
    n = int(v) if isinstance(v, numbers.Integral) else int(f)
    return n if low <= n <= high else None


def _date(v: Any) -> Optional[_dt.date]:
    if isinstance(v, _dt.datetime):
        return v.date()
    if isinstance(v, _dt.date):
        return v
    if hasattr(v, "to_pydatetime") and not is_missing(v):  # pandas Timestamp
        return _date(v.to_pydatetime())
    if isinstance(v, str):
        try:
            return _dt.date.fromisoformat(v.strip()[:10])
        except ValueError:
            return None
    return None


def convert(kind: str, v: Any) -> tuple[bool, Any]:
    """``(True, value)`` with the cell as its kind's Python value, or ``(False, None)`` when
    the cell does not fit the kind. ``v`` is not missing (see :func:`is_missing`)."""
    real = _real(v)
    if kind == "bool":
        if isinstance(v, bool) or type(v).__name__ == "bool_":
            return True, bool(v)
        if real in (0.0, 1.0):
            return True, bool(real)
        if isinstance(v, str) and v.strip().lower() in _TRUE + _FALSE:
            return True, v.strip().lower() in _TRUE
        return False, None
    if kind == "text":
        if isinstance(v, str):
            return True, v.strip()
        whole = _whole(v)  # an order number typed as a number reads as its digits
        return (True, str(whole)) if whole is not None else (False, None)
    if kind == "number":
        return (True, real) if real is not None and math.isfinite(real) else (False, None)
    if kind in ("whole", "integer"):
        low, high = (0, WHOLE_MAX) if kind == "whole" else INTEGER_RANGE
        whole = _whole(v, low, high)
        return (True, whole) if whole is not None else (False, None)
    if kind == "dates":
        texts = v.split(",") if isinstance(v, str) else [v]
        days = [_date(t) for t in texts if not isinstance(t, str) or t.strip()]
        return (True, days) if all(d is not None for d in days) else (False, None)
    date = _date(v)
    if date is not None:
        return True, date
    if kind == "time":  # or a period index
        if isinstance(v, str):
            try:
                v = int(v.strip()) if v.strip().isdecimal() else None
            except ValueError:  # more digits than int() reads
                return False, None
        whole = _whole(v, 0, WHOLE_MAX)
        if whole is not None:
            return True, whole
    return False, None

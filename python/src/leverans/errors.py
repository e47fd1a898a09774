"""Exceptions of Leverans: one base class, a few subclasses carrying structured data.

Plan quality is not an error: a solve that finds no plan in time, or proves the portfolio
infeasible, returns a :class:`~leverans.SolveResult` with that status. Only
``solve(..., raise_on_infeasible=True)`` turns infeasibility into :class:`InfeasibleError`.

The compiled module raises these classes too (``python/rust/error.rs`` maps every Rust error
in one place), so ``except leverans.LeveransError`` catches everything the package raises
on bad input or a failed solve.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Optional

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

__all__ = [
    "ISSUE_KEYS",
    "PLACE_KEYS",
    "FileError",
    "InfeasibleError",
    "LeveransError",
    "ParseError",
    "SolverError",
    "ValidationError",
]

#: The keys every issue dict has; issues found in DataFrames also have ``row``, and those
#: found in files ``source`` and ``line`` (:data:`PLACE_KEYS`).
ISSUE_KEYS = ("code", "entity", "id", "field", "value", "message")
#: The keys that say where in a table or file an issue was found, when it was.
PLACE_KEYS = ("row", "source", "line")


class LeveransError(Exception):
    """Base class of every error Leverans raises."""


class ValidationError(LeveransError, ValueError):
    """The input has problems; every one found is listed in :attr:`issues`.

    Each issue is a dict with the keys ``code`` (a stable snake_case identifier such as
    ``unknown_team``), ``entity`` (``order``, ``team``, ``dependency``, ... or, for
    DataFrame input, the frame's name), ``id`` (the user's key), ``field``, ``value`` and
    ``message``. Issues found in DataFrames also carry ``row`` (the 0-based position in the
    frame; None for a whole column). Issues found in files read by ``read_csv`` and
    ``read_excel`` also carry ``source`` (the file, or the workbook and sheet) and ``line``
    (the row as a spreadsheet numbers it, the header being row 1; a problem with the text of
    a CSV file gives its line).

    >>> err = ValidationError("1 problem", [{"code": "unknown_team", "entity": "order",
    ...     "id": "a", "field": "effort", "value": "ops", "message": "no team `ops`"}])
    >>> err.codes()
    ['unknown_team']
    """

    def __init__(self, message: str, issues: Optional[list[dict[str, Any]]] = None) -> None:
        super().__init__(message, issues or [])
        self.message = message
        self.issues: list[dict[str, Any]] = list(issues or [])

    def __str__(self) -> str:
        return self.message

    def codes(self) -> list[str]:
        """The codes of all issues, in order."""
        return [str(i.get("code", "")) for i in self.issues]

    def to_frame(self) -> pd.DataFrame:
        """The issues as a DataFrame, one row per issue."""
        import pandas as pd

        columns = list(ISSUE_KEYS)
        columns += [k for k in PLACE_KEYS if any(k in i for i in self.issues)]
        return pd.DataFrame([{k: i.get(k) for k in columns} for i in self.issues], columns=columns)

    @classmethod
    def from_issues(cls, issues: list[dict[str, Any]]) -> ValidationError:
        """An error whose message lists the issues, in the core's format."""
        lines = [f"{len(issues)} problem(s) in the input:"]
        for i in issues:
            where = f"{i['entity']} `{i['id']}`, " if i.get("id") else f"{i['entity']} "
            lines.append(
                f"  - {where}field `{i['field']}` = {i['value']}: {i['message']} [{i['code']}]"
            )
        return cls("\n".join(lines), issues)


class ParseError(LeveransError, ValueError):
    """Text that cannot be read as a portfolio (or a plan, or options).

    ``source`` names the input (a file name, ``<string>``, ``plan``), ``line`` and ``column``
    are 1-based (0 when unknown).
    """

    def __init__(self, message: str, source: str = "", line: int = 0, column: int = 0) -> None:
        super().__init__(message, source, line, column)
        self.message = message
        self.source = source
        self.line = line
        self.column = column

    def __str__(self) -> str:
        if self.line:
            return f"{self.source}: line {self.line}, column {self.column}: {self.message}"
        return f"{self.source}: {self.message}" if self.source else self.message


class FileError(LeveransError, OSError):
    """A file that cannot be read or written. Built like ``OSError(errno, strerror, path)``,
    so ``except OSError`` catches it too."""


class SolverError(LeveransError, RuntimeError):
    """The solver failed in a way that is not a status: bad options, HiGHS refusing the model,
    or an internal error (a Rust panic is caught at the boundary and reported as this)."""


class InfeasibleError(LeveransError):
    """No plan satisfies every hard rule. Raised only by
    ``solve(..., raise_on_infeasible=True)``; :attr:`result` holds the full result and
    :attr:`reason` the core's explanation, when it has one."""

    def __init__(self, message: str, result: Any = None) -> None:
        super().__init__(message, result)
        self.message = message
        self.result = result
        self.reason: Optional[str] = getattr(result, "reason", None)

    def __str__(self) -> str:
        return self.message

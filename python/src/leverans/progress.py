"""The progress line of a running solve: what it is doing, its best value and bound so far,
against the clock, one line kept up to date in a terminal or a notebook.

The words come from the core (``leverans::solve::Progress::line``), as on the command line::

    level 2 of 3, weighted_lateness: best 52, bound 40 (gap 23.1 %) · 12.0 s of 60 s
"""

from __future__ import annotations

import sys
from typing import Callable, Optional, TextIO, Union

#: What ``solve(progress=...)`` takes: ``None`` (the default: a line where someone watches,
#: in a notebook or a terminal), ``True``, ``False``, or a callable given each line.
ProgressArg = Union[None, bool, Callable[[str], object]]


def _in_kernel() -> bool:
    """True when running in a Jupyter kernel (an IPython shell with a kernel), not merely with
    IPython or ipykernel imported."""
    ipython = sys.modules.get("IPython")
    shell = getattr(ipython, "get_ipython", lambda: None)() if ipython else None
    return shell is not None and getattr(shell, "kernel", None) is not None


def _watched(stream: TextIO) -> bool:
    """True in a Jupyter kernel or when ``stream`` is a terminal."""
    if _in_kernel():
        return True
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


class ProgressLine:
    """Writes each progress line over the last one (a carriage return, which terminals and
    notebooks both honour); :meth:`close` ends the line."""

    def __init__(self, stream: Optional[TextIO] = None) -> None:
        self._stream = stream if stream is not None else sys.stderr
        self._width = 0
        self.last = ""

    def __call__(self, line: str) -> None:
        pad = " " * max(0, self._width - len(line))
        self._stream.write("\r" + line + pad)
        self._stream.flush()
        self._width = len(line)
        self.last = line

    def close(self) -> None:
        """Ends the line (the last state stays visible)."""
        if self._width:
            self._stream.write("\n")
            self._stream.flush()
            self._width = 0


def reporter(progress: ProgressArg) -> Optional[Callable[[str], object]]:
    """The callable the core calls with each line, or ``None`` for no progress.

    >>> reporter(False) is None
    True
    >>> seen = []
    >>> reporter(seen.append) == seen.append
    True
    """
    if progress is None:
        progress = _watched(sys.stderr)
    if callable(progress) and not isinstance(progress, bool):
        return progress
    if progress is True:
        return ProgressLine()
    if progress is False:
        return None
    raise ValueError(
        f"progress must be True, False, None or a callable taking a line, not {progress!r}"
    )

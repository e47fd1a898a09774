"""The interpreter's exit waits for a HiGHS run a solve left behind.

A solve keeps its time limit by leaving a HiGHS run that overruns it; exiting while that run
still works can abort the process (``leverans.solve`` docs, ``docs/time_limit.md``). The
package registers a wait with ``atexit``. The test holds a thread counted as such a run and
checks, in a fresh interpreter that exits at once, that the thread got to finish.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import leverans as lv


def test_exit_waits_for_a_left_run(tmp_path: Path) -> None:
    marker = tmp_path / "run-ended"
    # The interpreter ends right after the call, while the run still sleeps.
    script = f"import leverans._core as c\nc._hold_run_for_tests({str(marker)!r}, 0.5)\n"
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert marker.read_text() == "done", "the process ended before the run did"


def test_no_run_is_left_after_a_solve_that_returned() -> None:
    p = lv.Portfolio(lv.Calendar.weeks("2014-01-06", "2014-03-30"))
    p.add_team("dev", hours_per_week=40)
    p.add_order("a", effort={"dev": 80})
    result = p.solve(time_limit=10)
    assert result.plan is not None
    assert lv.verify(p, result.plan) == []
    from leverans import _core

    assert _core.wait_for_background_runs(60.0)

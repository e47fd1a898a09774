"""The progress line of a solve (``solve(progress=...)``): the core's words, kept up to date,
handed to a callable or written over itself on standard error."""

from __future__ import annotations

import io

import pytest
from conftest import generated, solve_verified

import leverans as lv
from leverans.progress import ProgressLine, reporter


def test_a_callable_gets_the_levels_and_the_end(small: lv.Portfolio) -> None:
    lines: list[str] = []
    solve_verified(small, time_limit=10, progress=lines.append)
    assert lines, "no progress reported"
    assert lines[-1].startswith("done · "), lines


def test_a_longer_solve_reports_its_best_plan_while_it_runs() -> None:
    lines: list[str] = []
    result = solve_verified(generated(orders=20), time_limit=4, progress=lines.append)
    assert len(lines) >= 3, lines
    # The search's and the levels' lines carry the best value so far.
    best = [line for line in lines if ": best " in line]
    assert best and best[0].startswith(("searching, weighted_lateness: ", "level 1 of ")), lines
    assert all("s of 4 s" in line for line in lines[:-1]), lines
    assert lines[-1].startswith("done · ")
    assert result.levels[0]["value"] <= float(best[-1].split("best ")[1].split()[0].strip(","))


def test_the_line_overwrites_itself_and_ends_with_a_newline() -> None:
    out = io.StringIO()
    line = ProgressLine(out)
    line("level 1 of 2, weighted_lateness: best 10 · 1.0 s of 5 s")
    line("done · 2.0 s")
    line.close()
    text = out.getvalue()
    assert text.startswith("\rlevel 1 of 2")
    # The shorter second line blanks what is left of the first.
    second = text.split("\r")[2]
    assert second.startswith("done · 2.0 s") and second.rstrip("\n").endswith(" ")
    assert text.endswith("\n")


def test_progress_true_writes_to_standard_error(
    small: lv.Portfolio, capsys: pytest.CaptureFixture[str]
) -> None:
    solve_verified(small, time_limit=10, progress=True)
    err = capsys.readouterr().err
    assert "\rdone · " in err and err.endswith("\n"), repr(err)


def test_no_progress_where_nobody_watches(
    small: lv.Portfolio, capsys: pytest.CaptureFixture[str]
) -> None:
    solve_verified(small, time_limit=10)
    assert "done · " not in capsys.readouterr().err
    assert reporter(False) is None


def test_an_error_in_the_callable_stops_the_solve_and_is_raised() -> None:
    def fail(line: str) -> None:
        raise RuntimeError("the display broke")

    with pytest.raises(RuntimeError, match="the display broke"):
        generated().solve(time_limit=30, progress=fail)


def test_a_bad_progress_value_is_a_value_error(small: lv.Portfolio) -> None:
    with pytest.raises(ValueError, match="progress"):
        small.solve(time_limit=5, progress="yes")  # type: ignore[arg-type]

"""The plan report written from Python, as a notebook user would: one HTML file with every
order, the charts and no external URL; opened in headless Chromium where it is installed."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

import pytest
from conftest import REPO, TYRESO, solve_verified

import leverans as lv


def test_the_report_of_a_result_has_every_order_and_no_external_url(
    tyreso: lv.Portfolio, tyreso_result: lv.SolveResult, tmp_path
) -> None:
    path = tmp_path / "plan.html"
    tyreso_result.report(path)
    page = path.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    for order in tyreso.orders:
        assert order.id in page, order.id
    assert not re.search(r'(?:src|href)\s*=\s*["\']?(?:[a-z]+:)?//', page)
    assert "http://" not in page and "https://" not in page
    # The summary shows the solve's status and every level.
    assert "Goal, level 3" in page and tyreso_result.status in page
    # Load with consultant hours apart, and why late.
    assert "consultants" in page and "Why late" in page
    # Small enough to mail: well under a megabyte for 53 orders.
    assert len(page.encode()) < 1_000_000


def test_the_report_opens_in_a_browser(tyreso_result: lv.SolveResult, tmp_path) -> None:
    if shutil.which("chromium") is None:
        pytest.skip("no Chromium here (make test installs Debian's chromium)")
    path = tmp_path / "plan.html"
    tyreso_result.report(path)
    check = subprocess.run(
        [
            sys.executable,
            str(REPO / "scripts" / "check-report.py"),
            str(path),
            str(TYRESO),
            str(tmp_path / "plan.png"),
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert check.returncode == 0, check.stdout + check.stderr


def test_no_plan_no_report(tmp_path) -> None:
    p = lv.Portfolio(lv.Calendar.units(12))
    p.add_team("dev", hours_per_week=10)
    p.add_order("a", effort={"dev": 40}, deadline=3)
    p.add_order("b", effort={"dev": 30}, deadline=3)
    result = p.solve(time_limit=10)
    assert result.plan is None
    with pytest.raises(ValueError, match="no plan"):
        result.report(tmp_path / "x.html")


def test_the_report_charts_render_without_javascript(
    tyreso: lv.Portfolio, tyreso_result: lv.SolveResult, tmp_path
) -> None:
    plan = tyreso_result.plan
    assert plan is not None
    timeline = plan.timeline(tyreso)
    html = timeline._repr_html_()
    assert "<svg" in html and "<script" not in html
    for o in plan.orders:
        if o["state"] != "done":
            assert o["id"] in html, o["id"]
    load = plan.load_svg(tyreso)._repr_html_()
    assert all(f"Load of {t.id}" in load for t in tyreso.teams)
    # Small: a few hundred kilobytes at most, against 4.8 MB for a plotly page.
    assert len(html) + len(load) < 400_000
    path = tmp_path / "timeline.html"
    timeline.save(path)
    assert path.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    with pytest.raises(ValueError, match="gantt"):
        lv.charts.svg_chart(plan, tyreso, "pie")


def test_the_report_shows_what_changed_against_a_baseline(
    tyreso: lv.Portfolio, tyreso_result: lv.SolveResult, tmp_path
) -> None:
    plan = tyreso_result.plan
    assert plan is not None
    variant = tyreso.copy()
    variant.order("e-archive").priority = "critical"
    after = solve_verified(variant, time_limit=10)
    path = tmp_path / "after.html"
    after.report(path, baseline=plan)
    page = path.read_text(encoding="utf-8")
    assert "Changes against the baseline" in page
    changed = plan.diff(after.plan)["changed"]
    assert f"{changed} of {len(plan.orders)} orders changed" in page

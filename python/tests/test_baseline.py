"""Re-planning against a baseline from Python: a priority change that gains nothing on the
first level keeps the promised dates; bad baselines and weights are ValueError."""

from __future__ import annotations

import pytest
from conftest import solve_verified

import leverans as lv


def four() -> lv.Portfolio:
    p = lv.Portfolio(lv.Calendar.units(12))
    p.add_team("dev", hours_per_week=10)
    for id in ("a", "b", "c", "d"):
        p.add_order(id, effort={"dev": 20})
    return p


def test_a_re_prioritisation_keeps_the_promised_dates_with_a_baseline() -> None:
    p = four()
    before = solve_verified(p, time_limit=30)
    assert before.plan is not None
    last = max(before.plan.orders, key=lambda o: o["go_live_period"])["id"]
    q = p.copy()
    q.order(last).priority = "critical"
    free = solve_verified(q, time_limit=30)
    kept = solve_verified(q, time_limit=30, baseline=before.plan)
    assert free.plan is not None and kept.plan is not None
    moved_free = before.plan.diff(free.plan)
    moved_kept = before.plan.diff(kept.plan)
    assert moved_kept["later"] == 0
    assert moved_kept["changed"] < moved_free["changed"]
    compare = before.plan.compare(kept.plan)
    assert not compare["go_live_shift"].fillna(0).gt(0).any()
    assert any("baseline_delay" in [o for o, _ in level["objectives"]] for level in kept.levels)


def test_bad_baseline_and_weight_are_value_errors() -> None:
    p = four()
    with pytest.raises(ValueError, match="baseline"):
        p.solve(time_limit=5, baseline={"orders": []})
    before = solve_verified(p, time_limit=10)
    with pytest.raises(ValueError, match="move_weight"):
        p.solve(time_limit=5, baseline=before.plan, move_weight=-1)


def test_the_re_prioritisation_round_trip_through_excel(
    tyreso: lv.Portfolio, tyreso_result: lv.SolveResult, tmp_path
) -> None:
    """The routine of the Tyresö README: the orders sheet edited (school administration made
    critical, its explicit weight removed so the priority counts), read back, re-planned
    against the plan before, compared and reported."""
    import pandas as pd

    from leverans.excel import write_workbook

    before = tyreso_result.plan
    assert before is not None
    path = tmp_path / "orders.xlsx"
    tyreso.to_excel(path)
    sheets = pd.read_excel(path, sheet_name=None)
    orders = sheets["orders"]
    row = orders["id"] == "school-admin"
    orders.loc[row, "priority"] = "critical"
    orders.loc[row, "weight"] = None
    write_workbook(sheets, path)
    edited = lv.Portfolio.read_excel(path)
    assert edited.order("school-admin").priority == "critical"
    assert edited.order("school-admin").weight is None
    after = solve_verified(edited, time_limit=10, threads=2, baseline=before)
    assert after.plan is not None
    diff = before.diff(after.plan)
    assert len(diff["orders"]) == len(before.orders)
    report = tmp_path / "after.html"
    after.report(report, baseline=before)
    page = report.read_text(encoding="utf-8")
    assert "Changes against the baseline" in page
    assert f"{diff['changed']} of {len(before.orders)} orders changed" in page

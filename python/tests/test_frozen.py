"""Re-planning with a frozen horizon, pins and actual hours from Python: the same core rules
as the command line (``leverans::freeze_baseline``), the settled past kept, bad settled data
reported with the order, field and value."""

from __future__ import annotations

import pytest
from conftest import solve_verified

import leverans as lv


def pair() -> lv.Portfolio:
    p = lv.Portfolio(lv.Calendar.units(12))
    p.add_team("dev", hours_per_week=10)
    p.add_order("a", effort={"dev": 30})
    p.add_order("b", effort={"dev": 30})
    return p


def before(plan: lv.Plan, f: int) -> list[tuple[str, str, int, float]]:
    """Work per order, team and period before ``f``."""
    work = plan.work_frame()
    early = work[work["period"] < f]
    return sorted(
        (str(r.order), str(r.team), int(r.period), round(float(r.hours), 6))
        for r in early.itertuples()
        if r.hours > 1e-6
    )


def test_a_frozen_replan_keeps_the_past_of_its_baseline() -> None:
    p = pair()
    base = solve_verified(p, time_limit=20)
    assert base.plan is not None
    q = p.copy()
    last = max(base.plan.orders, key=lambda o: o["go_live_period"])["id"]
    q.order(last).priority = "critical"
    result = q.solve(time_limit=20, baseline=base.plan, frozen_until=4)
    assert result.plan is not None
    # The result's portfolio is the one planned: settled fields included, and the verifier
    # checks them.
    assert result.portfolio.frozen_until == 4
    assert any(o.actuals for o in result.portfolio.orders)
    assert result.verify() == []
    assert before(result.plan, 4) == before(base.plan, 4)


def test_freeze_baseline_writes_pins_and_actuals() -> None:
    p = pair()
    base = solve_verified(p, time_limit=20)
    assert base.plan is not None
    frozen = lv.freeze_baseline(p, base.plan, 3)
    first = min(base.plan.orders, key=lambda o: o["start_period"])
    o = frozen.order(first["id"])
    assert o.pin is not None and o.pin.start == first["start_period"]
    assert sum(a.hours for a in o.actuals) > 0
    assert all(isinstance(a, lv.Actual) for a in o.actuals)
    # The portfolio round-trips through JSON with its settled fields.
    assert lv.Portfolio.from_json(frozen.to_json()) == frozen
    with pytest.raises(lv.ValidationError, match="frozen_until"):
        lv.freeze_baseline(p, base.plan, 99)


def test_pins_hold_and_bad_actuals_are_reported() -> None:
    p = pair()
    p.order("a").pin = lv.Pin(go_live=9)
    result = solve_verified(p, time_limit=20)
    assert result.plan is not None
    assert result.plan.order("a")["go_live_period"] == 9
    q = pair()
    q.order("a").actuals = [lv.Actual("dev", 0, float("nan"))]
    with pytest.raises(lv.ValidationError, match=r"actuals\[0\]\.hours"):
        q.solve(time_limit=5)
    q.order("a").actuals = [lv.Actual("dev", 0, 5.0)]
    issues = q.validate()
    assert [i["code"] for i in issues] == ["actuals_without_frozen_until"]
    assert issues[0]["id"] == "a"


def test_bad_change_weight_is_a_value_error() -> None:
    p = pair()
    with pytest.raises(ValueError, match="change_weight"):
        p.solve(time_limit=5, change_weight=float("inf"))

"""Why orders are late or stopped, from Python: the explanations as a table, from a result,
from a plan with its portfolio, and from a plan file written by ``leverans plan --out``."""

from __future__ import annotations

import json

import pytest
from conftest import solve_verified

import leverans as lv
from leverans.explain import EXPLAIN_COLUMNS


@pytest.fixture()
def clash() -> lv.Portfolio:
    """`a` needs dev's periods 0-3 for its deadline; `b` is due in period 2 and waits."""
    p = lv.Portfolio(lv.Calendar.units(10))
    p.add_team("dev", hours_per_week=10)
    p.add_order("a", effort={"dev": 40}, deadline=3)
    p.add_order("b", effort={"dev": 20}, due=2)
    return p


def test_a_late_order_is_explained_by_the_full_team_and_who_takes_it(clash: lv.Portfolio) -> None:
    result = solve_verified(clash, time_limit=30, objective="weighted_lateness")
    frame = result.explain("b")
    assert list(frame.columns) == list(EXPLAIN_COLUMNS)
    assert set(frame["decision"]) == {"postponed"}
    full = frame[(frame["part"] == "cause") & (frame["kind"] == "team_full")]
    assert list(full["team"]) == ["dev"]
    assert list(full["orders"]) == ["a"]
    remedy = frame[frame["part"] == "remedy"].iloc[0]
    assert remedy["team"] == "dev"
    assert remedy["hours"] == pytest.approx(20.0)
    assert (remedy["first_period"], remedy["last_period"]) == (1, 2)
    # Every order, from the plan and its portfolio: the same rows for `b`.
    every = result.plan.explain(portfolio=clash)
    assert set(every["order"]) == {"a", "b"}
    assert every[every["order"] == "b"].reset_index(drop=True).equals(frame)


def test_unknown_order_and_missing_portfolio_are_errors(clash: lv.Portfolio) -> None:
    result = solve_verified(clash, time_limit=30)
    with pytest.raises(KeyError, match="nope"):
        result.explain("nope")
    with pytest.raises(ValueError, match="portfolio"):
        result.plan.explain()


def test_a_plan_file_carries_its_explanations(clash: lv.Portfolio, tmp_path) -> None:
    result = solve_verified(clash, time_limit=30, objective="weighted_lateness")
    explained = json.loads(lv._core.explain(clash.to_json(), result.plan.to_json()))
    data = json.loads(result.plan.to_json())
    data["explanations"] = explained
    path = tmp_path / "outcome.json"
    path.write_text(json.dumps({"status": result.status, "plan": data}))
    plan = lv.Plan.from_json(path.read_text())
    assert lv.verify(clash, plan) == []
    frame = plan.explain("b")
    assert "team_full" in set(frame["kind"])


def test_clashing_deadlines_raise_with_the_orders_and_a_relaxation() -> None:
    p = lv.Portfolio(lv.Calendar.units(12))
    p.add_team("dev", hours_per_week=10)
    p.add_order("a", effort={"dev": 40}, deadline=3)
    p.add_order("b", effort={"dev": 30}, deadline=3)
    with pytest.raises(lv.InfeasibleError) as caught:
        p.solve(time_limit=20, raise_on_infeasible=True)
    message = str(caught.value)
    assert "`a`" in message and "`b`" in message and "dev" in message
    why = caught.value.result.infeasibility
    assert why is not None
    assert sorted(why["orders"]) == ["a", "b"]
    move = next(r for r in why["relaxations"] if r["kind"] == "move_deadline")
    # Applied, the relaxation gives a plan.
    order = next(o for o in p.orders if o.id == move["order"])
    order.deadline = move["new_deadline"]
    solve_verified(p, time_limit=20)

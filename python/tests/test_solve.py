"""Solving: the Tyresö example, small hand-checkable portfolios, statuses and options."""

from __future__ import annotations

import json

import pytest
from conftest import TYRESO, assert_verified, solve_verified

import leverans as lv


def test_tyreso_loads_solves_and_verifies(
    tyreso: lv.Portfolio, tyreso_result: lv.SolveResult
) -> None:
    raw = json.loads(TYRESO.read_text(encoding="utf-8"))
    assert [o.id for o in tyreso.orders] == [o["id"] for o in raw["orders"]]
    assert [t.id for t in tyreso.teams] == [t["id"] for t in raw["teams"]]
    r = tyreso_result
    assert r.status in ("optimal", "feasible")
    assert r.plan is not None
    assert r.objective is not None and r.seconds > 0
    assert r.source in ("mip", "heuristic")
    assert len(r.plan.orders) == len(tyreso.orders)
    assert lv.verify(tyreso, r.plan) == []
    assert r.portfolio == tyreso


def test_tyreso_json_round_trip_is_canonical(tyreso: lv.Portfolio) -> None:
    again = lv.Portfolio.from_json(tyreso.to_json())
    assert again == tyreso
    assert all(not o.extra for o in tyreso.orders), "the Python model misses a core field"
    assert all(not t.extra for t in tyreso.teams)
    assert not tyreso.extra and not tyreso.calendar.extra
    assert lv.read_portfolio(str(TYRESO)) == tyreso


def test_small_portfolio_has_the_hand_checked_optimum(small: lv.Portfolio) -> None:
    r = solve_verified(small, time_limit=10)
    assert r.status == "optimal"
    assert r.plan is not None
    a, b = r.plan.order("a"), r.plan.order("b")
    assert (a["start_period"], a["finish_period"]) == (0, 1)
    assert (b["start_period"], b["go_live_period"]) == (2, 2)
    assert r.plan.summary["makespan"] == 3


def test_quickstart_with_dates() -> None:
    p = lv.Portfolio(lv.Calendar.weeks("2014-01-06", "2014-03-30"))
    p.add_team("dev", hours_per_week=40)
    net = p.add_order("network", effort={"dev": 80}, due="2014-01-31")
    admin = p.add_order("school-admin", effort={"dev": 120})
    p.add_dependency(net, admin)
    r = solve_verified(p, time_limit=10)
    assert r.status == "optimal"
    assert r.plan is not None
    assert r.plan.order("network")["lateness"] == 0


def test_objective_forms(small: lv.Portfolio) -> None:
    for objective in ("makespan", ["weighted_lateness", "makespan"], {"makespan": 1.0}):
        r = solve_verified(small, time_limit=10, objective=objective, seed=3)
        assert r.status == "optimal"
        assert r.plan is not None and r.plan.summary["makespan"] == 3
    assert r.options["goal"] == {"weighted_sum": [["makespan", 1.0]]}


@pytest.mark.parametrize(
    "options",
    [
        {"time_limit": 0},
        {"time_limit": float("nan")},
        {"gap": -0.1},
        {"threads": 0},
        {"seed": -1},
        {"objective": "fastest"},
        {"objective": {"makespan": float("inf")}},
        {"objective": []},
        {"gap": 2},
        {"threads": 1000},
    ],
)
def test_invalid_options_raise_value_error(small: lv.Portfolio, options: dict) -> None:
    with pytest.raises(ValueError):
        small.solve(**options)


def infeasible() -> lv.Portfolio:
    """Each order fits on its own; `b` cannot follow `a` before its deadline."""
    p = lv.Portfolio(lv.Calendar.units(10))
    p.add_team("dev", hours_per_week=1)
    a = p.add_order("a", duration=3, demand={"dev": 1})
    b = p.add_order("b", duration=3, demand={"dev": 1}, deadline=4)
    p.add_dependency(a, b)
    return p


def test_infeasible_is_a_status_by_default() -> None:
    r = infeasible().solve(time_limit=10)
    assert r.status == "infeasible"
    assert r.plan is None
    assert r.reason
    assert_verified(infeasible(), r)


def test_infeasible_raises_when_asked() -> None:
    with pytest.raises(lv.InfeasibleError) as info:
        infeasible().solve(time_limit=10, raise_on_infeasible=True)
    assert info.value.result.status == "infeasible"
    assert isinstance(info.value, lv.LeveransError)


def test_what_if_priority_change_replans() -> None:
    """The example's what-if on a small scale: raising a priority never makes that order
    later in a lexicographic plan whose first level is weighted tardiness."""
    p = lv.Portfolio(lv.Calendar.units(12))
    p.add_team("dev", hours_per_week=1)
    p.add_order("x", duration=3, demand={"dev": 1}, due=3, priority="low")
    p.add_order("y", duration=3, demand={"dev": 1}, due=3, priority="medium")
    before = solve_verified(p, time_limit=10)
    variant = p.copy()
    variant.order("x").priority = "critical"
    after = solve_verified(variant, time_limit=10)
    assert before.plan is not None and after.plan is not None
    # y (medium) goes first, x (low) goes live in period 5, 2 after its due period 3.
    assert before.plan.order("x")["lateness"] == 2
    assert after.plan.order("x")["lateness"] == 0
    diff = before.plan.compare(after.plan)
    assert list(diff.loc[diff["id"] == "x", "go_live_shift"]) == [-3]
    assert p.order("x").priority == "low", "copy() must not share orders"

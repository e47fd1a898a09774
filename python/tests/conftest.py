"""Shared fixtures. Every plan a test makes goes through :func:`solve_verified`, which checks
it with the core's independent verifier: skipping the check is harder than doing it."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

import pytest

import leverans as lv

REPO = Path(__file__).resolve().parents[2]
TYRESO = REPO / "examples" / "tyreso-2013" / "portfolio.json"


def assert_verified(portfolio: lv.Portfolio, result: lv.SolveResult) -> None:
    """The result's plan keeps every rule of the portfolio (no plan: nothing to check)."""
    if result.plan is not None:
        violations = lv.verify(portfolio, result.plan)
        assert violations == [], violations
        assert result.verify() == []


def solve_verified(portfolio: lv.Portfolio, **options: Any) -> lv.SolveResult:
    """Solves and verifies the plan; fails when there is none (a test that expects no plan
    calls ``portfolio.solve`` and checks the status itself)."""
    result = portfolio.solve(**options)
    assert result.plan is not None, f"no plan: {result.status} {result.reason}"
    assert_verified(portfolio, result)
    return result


@pytest.fixture(scope="session")
def tyreso() -> lv.Portfolio:
    return lv.Portfolio.read(TYRESO)


@pytest.fixture(scope="session")
def tyreso_result(tyreso: lv.Portfolio) -> lv.SolveResult:
    return solve_verified(tyreso, time_limit=20)


@pytest.fixture()
def small() -> lv.Portfolio:
    """Two orders on one team, hand-checkable: `a` (2 periods) then `b` (1 period)."""
    p = lv.Portfolio(lv.Calendar.units(10))
    p.add_team("dev", hours_per_week=2)
    a = p.add_order("a", duration=2, demand={"dev": 1}, title="First")
    b = p.add_order("b", duration=1, demand={"dev": 2}, title="Second")
    p.add_dependency(a, b)
    return p


def generated(orders: int = 90, teams: int = 5, seed: int = 7) -> lv.Portfolio:
    """A bigger weekly portfolio whose MIP takes far longer than a few seconds: many
    effort-driven orders with tight due dates competing for a few teams, plus chains."""
    rng = random.Random(seed)
    p = lv.Portfolio(lv.Calendar.weeks("2024-01-01", "2025-06-29"), name="generated")
    for t in range(teams):
        p.add_team(f"t{t}", hours_per_week=rng.choice([40, 60, 80, 120]))
    for k in range(orders):
        effort = {
            f"t{t}": float(rng.randrange(40, 400, 20))
            for t in rng.sample(range(teams), rng.randint(1, 3))
        }
        release = rng.randrange(0, 20)
        p.add_order(
            f"o{k}",
            effort=effort,
            priority=rng.choice(lv.PRIORITIES),
            release=release,
            due=release + rng.randrange(3, 30),
        )
    for _ in range(orders // 3):
        a, b = sorted(rng.sample(range(orders), 2))
        p.add_dependency(f"o{a}", f"o{b}")
    return p

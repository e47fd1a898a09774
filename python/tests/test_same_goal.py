"""The same file gives the same goal and the same plan figures from the command line and from
Python: the default goal is decided in the core (``Goal::Auto``), never in a front end."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from conftest import REPO, TYRESO, solve_verified

import leverans as lv


def cli_plan(portfolio: Path, out: Path, *args: str) -> dict:
    """``leverans plan`` through cargo (built by ``make test`` before the Python tests)."""
    run = subprocess.run(
        [
            "cargo",
            "run",
            "--release",
            "-q",
            "-p",
            "leverans-cli",
            "--",
            "plan",
            str(portfolio),
            "--out",
            str(out),
            *args,
        ],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=1800,
        check=False,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    outcome = json.loads(out.read_text(encoding="utf-8"))
    # The CLI's plan goes through the independent verifier too.
    plan = lv.Plan.from_dict(outcome["plan"])
    assert lv.verify(lv.Portfolio.read(portfolio), plan) == []
    return outcome


def goal_of(levels: list) -> list:
    """The goal a solve used: per level, its (objective, weight) pairs."""
    return [[(o, float(w)) for o, w in level["objectives"]] for level in levels]


def test_tyreso_gets_the_same_default_goal_from_cli_and_python(tmp_path: Path) -> None:
    # The goal is what is compared; 20 s leaves room for a plan on a loaded machine (the
    # MIP's first solution comes after about 3.5 s; quality at 10 s is in BENCHMARKS.md).
    cli = cli_plan(TYRESO, tmp_path / "plan.json", "--time-limit", "20")
    py = solve_verified(lv.Portfolio.read(TYRESO), time_limit=20)
    assert goal_of(cli["levels"]) == goal_of(py.levels)
    # The steering default for a portfolio with decisions: result and time together.
    assert goal_of(py.levels)[0] == [("lost_value", 1.0), ("weighted_lateness", 1.0)]


def test_a_small_decision_portfolio_gives_the_same_plan_figures(tmp_path: Path) -> None:
    p = lv.Portfolio(lv.Calendar.weeks("2024-01-01", "2024-06-30"), name="small decisions")
    p.add_team("dev", hours_per_week=40)
    p.add_order("core", effort={"dev": 200}, due="2024-03-01", priority="critical")
    p.add_order("extra", effort={"dev": 240}, due="2024-02-16", optional=True, priority="low")
    p.add_order("report", effort={"dev": 80}, due="2024-04-05")
    path = tmp_path / "portfolio.json"
    path.write_text(p.to_json(), encoding="utf-8")
    cli = cli_plan(path, tmp_path / "plan.json", "--time-limit", "30")
    py = solve_verified(lv.Portfolio.read(path), time_limit=30)
    assert cli["status"] == py.status == "optimal"
    assert goal_of(cli["levels"]) == goal_of(py.levels)
    assert [lv["value"] for lv in cli["levels"]] == [lv["value"] for lv in py.levels]
    assert py.plan is not None
    cli_summary = cli["plan"]["summary"]
    for key in ("weighted_lateness", "value_delivered", "orders_stopped", "on_time_share"):
        assert cli_summary[key] == py.plan.summary[key], key


def test_work_rules_travel_through_python_and_reach_the_core() -> None:
    p = lv.Portfolio(lv.Calendar.weeks("2024-01-01", "2024-06-30"), name="rules")
    p.add_team("dev", hours_per_week=40)
    p.add_order("slow", effort={"dev": 40})
    data = json.loads(p.to_json())
    data["work_rules"] = {"max_stretch": 3, "max_open_per_fte": 2}
    again = lv.Portfolio.from_json(json.dumps(data))
    assert json.loads(again.to_json())["work_rules"] == data["work_rules"]
    data["work_rules"] = {"max_stretch": 0.5}
    with pytest.raises(lv.ValidationError, match="max_stretch"):
        solve_verified(lv.Portfolio.from_json(json.dumps(data)), time_limit=5)

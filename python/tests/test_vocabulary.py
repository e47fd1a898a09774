"""One contract: the names Python accepts are the core's, and the command line lists the same
objectives."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import leverans as lv
from leverans import _core
from leverans.model import BUDGET_SPANS, GROUP_KINDS, HOLIDAY_RULES, PERIOD_KINDS

ROOT = Path(__file__).resolve().parents[2]


def test_python_lists_are_the_cores() -> None:
    v = json.loads(_core.vocabulary())
    assert list(lv.PRIORITIES) == v["priorities"] == ["critical", "high", "medium", "low"]
    assert list(lv.ORDER_STATUSES) == v["order_statuses"]
    assert list(lv.DEPENDENCY_KINDS) == v["dependency_kinds"]
    assert list(PERIOD_KINDS) == v["period_kinds"]
    assert list(HOLIDAY_RULES) == v["holiday_rules"]
    assert list(GROUP_KINDS) == v["group_kinds"]
    assert list(BUDGET_SPANS) == v["budget_spans"]
    assert list(lv.OBJECTIVES) == v["objectives"]
    assert list(lv.STATUSES) == v["statuses"]


def test_the_command_line_names_every_objective() -> None:
    binary = ROOT / "target" / "release" / "leverans"
    if not binary.exists():
        import pytest

        pytest.skip("the leverans binary is not built (make test builds it first)")
    out = subprocess.run(
        [str(binary), "plan", "x.json", "--objective", "nonsense"],
        capture_output=True,
        text=True,
    )
    assert out.returncode == 2
    for name in lv.OBJECTIVES:
        assert name in out.stderr, (name, out.stderr)

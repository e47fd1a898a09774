"""Scenario sweeps: worker processes give the same table as one process, and a Dask
LocalCluster (two workers) the same again; every plan kept by the verifier."""

from __future__ import annotations

import pytest

import leverans as lv

SCENARIOS = {
    "scenarios": [
        {"name": "hire", "team_hours": [{"team": "dev", "hours_per_week": 20}]},
        {"name": "drop-b", "stop": ["b"]},
        {"name": "b-first", "priorities": [{"order": "b", "priority": "critical"}]},
        {"name": "c-added", "add_orders": [{"id": "c", "effort": [{"team": "dev", "hours": 10}]}]},
    ]
}


def small() -> lv.Portfolio:
    """Three orders on one team of 10 h a period: small enough that every plan is optimal, so
    the table is the same wherever it is solved."""
    p = lv.Portfolio(lv.Calendar.units(12))
    p.add_team("dev", hours_per_week=10)
    a = p.add_order("a", effort={"dev": 30}, due=2, priority="high")
    p.add_order("b", effort={"dev": 20}, due=3)
    p.add_order("x", effort={"dev": 10})
    p.add_dependency(a, "x")
    return p


def check(table) -> None:  # type: ignore[no-untyped-def]
    assert list(table["name"]) == ["base", "hire", "drop-b", "b-first", "c-added"]
    assert (table["status"] == "optimal").all(), table
    assert (table["violations"] == 0).all(), table
    assert list(table["orders"]) == [3, 3, 2, 3, 4]
    assert table["orders_moved"].isna().tolist() == [True, False, False, False, False]


def test_processes_and_one_process_give_the_same_table() -> None:
    here = lv.sweep(small(), SCENARIOS, time_limit=20, processes=0)
    check(here)
    spread = lv.sweep(small(), SCENARIOS["scenarios"], time_limit=20, processes=2)
    assert spread.equals(here)
    # More hours: nothing late.
    assert here.set_index("name").loc["hire", "weighted_lateness"] == 0


def test_bad_scenarios_are_named() -> None:
    with pytest.raises(ValueError, match="'hire'"):
        lv.sweep(small(), [{"name": "hire"}, {"name": "hire"}], processes=0)
    with pytest.raises(lv.ValidationError):
        lv.sweep(small(), [{"name": "typo", "stop": ["nope"]}], processes=0)


def test_a_dask_local_cluster_gives_the_same_table() -> None:
    distributed = pytest.importorskip("distributed")
    here = lv.sweep(small(), SCENARIOS, time_limit=20, processes=0)
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        there = lv.sweep(small(), SCENARIOS, client=client, time_limit=20)
    assert there.equals(here)

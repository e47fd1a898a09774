"""Pickling: portfolios, results and plans are plain data and round-trip by value (they
cross process boundaries in multiprocessing and Dask)."""

from __future__ import annotations

import pickle

import leverans as lv


def test_portfolio_round_trip(tyreso: lv.Portfolio) -> None:
    again = pickle.loads(pickle.dumps(tyreso))
    assert again == tyreso
    assert again is not tyreso


def test_result_and_plan_round_trip(tyreso_result: lv.SolveResult) -> None:
    again = pickle.loads(pickle.dumps(tyreso_result))
    assert again == tyreso_result
    assert again.plan == tyreso_result.plan
    plan = pickle.loads(pickle.dumps(tyreso_result.plan))
    assert plan == tyreso_result.plan
    assert again.portfolio is not None
    assert lv.verify(again.portfolio, plan) == []


def test_plan_json_round_trip(tyreso_result: lv.SolveResult) -> None:
    plan = tyreso_result.plan
    assert plan is not None
    assert lv.Plan.from_json(plan.to_json()) == plan


def test_errors_pickle() -> None:
    for err in (
        lv.ParseError("bad", "x.json", 3, 4),
        lv.SolverError("boom"),
        lv.FileError(2, "No such file or directory", "x.json"),
        lv.InfeasibleError("no plan"),
    ):
        again = pickle.loads(pickle.dumps(err))
        assert type(again) is type(err) and str(again) == str(err)

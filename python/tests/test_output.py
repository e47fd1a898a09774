"""Tables, charts, Excel and HTML of a plan."""

from __future__ import annotations

import pytest
from conftest import solve_verified

import leverans as lv
from leverans.plan import LOAD_COLUMNS, ORDER_COLUMNS, WORK_COLUMNS


def test_to_pandas_shapes(tyreso: lv.Portfolio, tyreso_result: lv.SolveResult) -> None:
    plan = tyreso_result.plan
    assert plan is not None
    orders = plan.to_pandas()
    assert orders.shape == (len(tyreso.orders), len(ORDER_COLUMNS))
    assert list(orders.columns) == list(ORDER_COLUMNS)
    assert str(orders["go_live_period"].dtype) == "Int64"
    assert str(orders["go_live"].dtype).startswith("datetime64")
    work = plan.work_frame()
    assert list(work.columns) == list(WORK_COLUMNS)
    assert work["hours"].sum() == pytest.approx(orders["hours"].sum())
    load = plan.load_frame()
    assert list(load.columns) == list(LOAD_COLUMNS)
    periods = load["period"].nunique()
    assert load.shape == (len(tyreso.teams) * periods, len(LOAD_COLUMNS))
    assert set(plan.tables()) == {"orders", "work", "load"}
    grouped = work.groupby(["team", "period"])["hours"].sum()
    indexed = load.set_index(["team", "period"])["load"]
    assert (grouped - indexed.loc[grouped.index]).abs().max() < 1e-6


def test_gantt_and_load_chart_return_figures(
    tyreso: lv.Portfolio, tyreso_result: lv.SolveResult
) -> None:
    go = pytest.importorskip("plotly.graph_objects")
    plan = tyreso_result.plan
    assert plan is not None
    fig = plan.gantt()
    assert isinstance(fig, go.Figure)
    assert fig.layout.xaxis.type == "date"
    by_priority = plan.gantt(portfolio=tyreso, color_by="priority")
    assert {t.name for t in by_priority.data} >= {"critical", "high", "go-live"}
    assert isinstance(plan.load_chart(), go.Figure)
    with pytest.raises(ValueError):
        plan.gantt(color_by="priority")


def test_gantt_on_unit_calendar(small: lv.Portfolio) -> None:
    go = pytest.importorskip("plotly.graph_objects")
    r = solve_verified(small, time_limit=10)
    assert r.plan is not None
    fig = r.plan.gantt()
    assert isinstance(fig, go.Figure) and fig.layout.xaxis.type == "linear"


def test_plan_to_excel_keeps_text_as_text(small: lv.Portfolio, tmp_path) -> None:
    openpyxl = pytest.importorskip("openpyxl")
    small.order("a").title = '=HYPERLINK("http://example.invalid","click")'
    r = solve_verified(small, time_limit=10)
    assert r.plan is not None
    path = tmp_path / "plan.xlsx"
    r.plan.to_excel(path)
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == ["orders", "work", "load", "summary"]
    ws = wb["orders"]
    header = [c.value for c in ws[1]]
    cell = ws.cell(row=2, column=header.index("title") + 1)
    assert cell.value.startswith("=HYPERLINK")
    assert cell.data_type == "s"
    assert all(c.data_type != "f" for row in ws.iter_rows() for c in row)


def test_tyreso_plan_to_excel(tyreso_result: lv.SolveResult, tmp_path) -> None:
    pytest.importorskip("openpyxl")
    assert tyreso_result.plan is not None
    path = tmp_path / "tyreso.xlsx"
    tyreso_result.plan.to_excel(path)
    assert path.stat().st_size > 0


def test_portfolio_excel_round_trip(tyreso: lv.Portfolio, tmp_path) -> None:
    pytest.importorskip("openpyxl")
    path = tmp_path / "portfolio.xlsx"
    tyreso.to_excel(path)
    again = lv.Portfolio.read_excel(path)
    assert again == tyreso


def test_settled_fields_survive_the_tables_and_excel(tmp_path) -> None:
    """Pins, actual hours and the frozen horizon go through ``to_frames``/``from_frames``
    and a workbook unchanged: nothing settled is dropped on the way."""
    pytest.importorskip("openpyxl")
    import datetime as dt

    p = lv.Portfolio(lv.Calendar.weeks("2014-01-06", "2014-06-30"), name="settled")
    p.add_team("dev", hours_per_week=40)
    p.add_order("a", effort={"dev": 120})
    p.add_order("b", effort={"dev": 80})
    p.frozen_until = dt.date(2014, 2, 3)
    p.order("a").pin = lv.Pin(start=dt.date(2014, 1, 6), go_live=dt.date(2014, 3, 7))
    p.order("a").actuals = [lv.Actual("dev", dt.date(2014, 1, 6), 30.0), lv.Actual("dev", 1, 25.5)]
    assert p.validate() == []
    frames = p.to_frames()
    assert len(frames["actuals"]) == 2
    again = lv.Portfolio.from_frames(
        calendar=p.calendar, name=p.name, frozen_until=p.frozen_until, **frames
    )
    assert again == p
    path = tmp_path / "settled.xlsx"
    p.to_excel(path)
    assert lv.Portfolio.read_excel(path) == p


def test_html_escapes_user_text(small: lv.Portfolio) -> None:
    small.order("a").title = "<script>alert(1)</script>"
    small.name = "<b>x</b>"
    r = solve_verified(small, time_limit=10)
    for html in (small._repr_html_(), r._repr_html_()):
        assert "<script>" not in html and "&lt;script&gt;" in html
    assert "<b>x</b>" not in small._repr_html_()


def test_plan_from_json_reads_the_outcome_file_plan_out_writes(small: lv.Portfolio) -> None:
    import json

    result = solve_verified(small, time_limit=10)
    assert result.plan is not None
    outcome = {
        "status": result.status,
        "objective": result.objective,
        "plan": result.plan.to_dict(),
    }
    assert lv.Plan.from_json(json.dumps(outcome)) == result.plan
    assert lv.Plan.from_json(result.plan.to_json()) == result.plan
    with pytest.raises(ValueError, match="infeasible"):
        lv.Plan.from_json(json.dumps({"status": "infeasible", "reason": "x", "plan": None}))

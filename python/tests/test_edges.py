"""Python edges of the bad-input battery, each named after what a user gave: an empty
portfolio built in Python, a Windows-1252 CSV from Swedish Excel, thousands separators, a CSV
in the wrong encoding, NaN in a plan given to ``verify``."""

from __future__ import annotations

import pytest

import leverans as lv
from leverans import csvio


def test_an_empty_portfolio_built_in_python_validates_and_plans() -> None:
    p = lv.Portfolio(lv.Calendar.units(3))
    assert p.validate() == []
    result = p.solve(time_limit=2)
    assert result.plan is not None
    assert result.plan.orders == []
    assert result.verify() == []


def _write(folder, name: str, text: str, encoding: str = "utf-8") -> None:
    (folder / name).write_bytes(text.encode(encoding))


def test_a_cp1252_csv_from_swedish_excel_is_read(tmp_path) -> None:
    _write(tmp_path, "teams.csv", "id;hours_per_week\ndev;40\n", "cp1252")
    _write(tmp_path, "orders.csv", "id;title;hours:dev\na;Förvaltningsöversyn;12,5\n", "cp1252")
    p = csvio.read_csv(tmp_path, lv.Calendar.units(10))
    assert p.order("a").title == "Förvaltningsöversyn"
    assert p.order("a").effort[0].hours == 12.5


def test_thousands_separators_are_read_in_swedish_csv(tmp_path) -> None:
    _write(tmp_path, "teams.csv", "id;hours_per_week\ndev;1 000\n")
    _write(tmp_path, "orders.csv", "id;title;hours:dev\na;x;1 200\nb;y;1\u00a0300,5\n")
    p = csvio.read_csv(tmp_path, lv.Calendar.units(10))
    assert [o.effort[0].hours for o in p.orders] == [1200.0, 1300.5]
    assert p.team("dev").hours_per_week == 1000


def test_a_csv_in_the_wrong_encoding_names_the_file_and_line(tmp_path) -> None:
    _write(tmp_path, "teams.csv", "id,hours_per_week\ndev,40\n")
    _write(tmp_path, "orders.csv", "id,title,hours:dev\na,ok,1\nb,Överförmyndare,2\n", "cp1252")
    with pytest.raises(lv.ValidationError, match=r"orders.csv, line 3: not utf-8"):
        csvio.read_csv(tmp_path, lv.Calendar.units(10), encoding="utf-8")


def test_nan_in_a_plan_given_to_verify_names_the_place() -> None:
    p = lv.Portfolio(lv.Calendar.units(3))
    p.add_team("dev", hours_per_week=10)
    p.add_order("a", effort={"dev": 10})
    result = p.solve(time_limit=5)
    assert result.plan is not None and result.verify() == []
    data = result.plan.to_dict()
    data["orders"][0]["work"][0]["hours"] = float("nan")
    with pytest.raises(ValueError, match=r"orders\[0\]\.work\[0\]\.hours"):
        lv.verify(p, lv.Plan.from_dict(data))

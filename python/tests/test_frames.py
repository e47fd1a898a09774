"""DataFrame ingestion: documented columns, and errors that name the row and the column."""

from __future__ import annotations

import pandas as pd
import pytest
from conftest import solve_verified

import leverans as lv

CAL = lv.Calendar.weeks("2014-01-06", "2014-06-29")


def teams() -> pd.DataFrame:
    return pd.DataFrame({"id": ["dev", "ops"], "hours_per_week": [40.0, 20.0]})


def orders() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "id": ["net", "admin", "mail"],
            "title": ["Network", "School admin", "Mail"],
            "priority": ["high", "medium", "low"],
            "due": pd.to_datetime(["2014-02-28", None, "2014-05-30"]),
            "hours:dev": [80.0, 120.0, None],
        }
    )


def efforts() -> pd.DataFrame:
    return pd.DataFrame({"order": ["mail", "net"], "team": ["ops", "ops"], "hours": [60.0, 16.0]})


def test_from_frames_wide_and_long_effort() -> None:
    deps = pd.DataFrame({"from": ["net"], "to": ["admin"]})
    p = lv.from_frames(orders(), teams(), CAL, efforts=efforts(), dependencies=deps)
    net = p.order("net")
    assert {(e.team, e.hours) for e in net.effort} == {("dev", 80.0), ("ops", 16.0)}
    assert [(e.team, e.hours) for e in p.order("mail").effort] == [("ops", 60.0)]
    assert net.priority == "high" and str(net.due) == "2014-02-28"
    assert p.order("admin").due is None
    assert p.dependencies[0].from_ == "net"
    solve_verified(p, time_limit=10)


def test_missing_column_is_named() -> None:
    with pytest.raises(lv.ValidationError) as info:
        lv.from_frames(orders(), teams().drop(columns=["hours_per_week"]), CAL)
    (issue,) = info.value.issues
    assert issue["code"] == "missing_column"
    assert (issue["entity"], issue["field"], issue["row"]) == ("teams", "hours_per_week", None)


def test_wrong_dtype_names_row_and_column() -> None:
    t = teams()
    t["hours_per_week"] = ["40", 20.0]
    o = orders()
    o["weight"] = [1.0, "heavy", 2.0]
    with pytest.raises(lv.ValidationError) as info:
        lv.from_frames(o, t, CAL)
    issues = info.value.issues
    assert [(i["code"], i["entity"], i["row"], i["field"]) for i in issues] == [
        ("wrong_dtype", "teams", 0, "hours_per_week"),
        ("wrong_dtype", "orders", 1, "weight"),
    ]
    assert issues[1]["id"] == "admin"
    assert "row 1" in issues[1]["message"] and "`weight`" in issues[1]["message"]
    assert "row" in info.value.to_frame().columns


def test_unknown_team_names_row_and_column() -> None:
    e = efforts()
    e.loc[1, "team"] = "security"
    o = orders().rename(columns={"hours:dev": "hours:devs"})
    with pytest.raises(lv.ValidationError) as info:
        lv.from_frames(o, teams(), CAL, efforts=e)
    found = [(i["code"], i["entity"], i["row"], i["field"], i["value"]) for i in info.value.issues]
    assert ("unknown_team", "orders", None, "hours:devs", "devs") in found
    assert ("unknown_team", "efforts", 1, "team", "security") in found


def test_unknown_column_missing_value_and_bad_choice() -> None:
    o = orders()
    o["priorty"] = "high"
    o.loc[2, "id"] = None
    o.loc[0, "priority"] = "urgent"
    with pytest.raises(lv.ValidationError) as info:
        lv.from_frames(o, teams(), CAL)
    assert sorted(info.value.codes()) == ["invalid_value", "missing_value", "unknown_column"]
    p = lv.from_frames(orders().assign(note="x"), teams(), CAL, unknown_columns="ignore")
    assert len(p.orders) == 3


def test_core_issues_surface_from_frames() -> None:
    o = orders()
    o["release"] = ["2014-04-01", None, None]
    with pytest.raises(lv.ValidationError) as info:
        lv.from_frames(o, teams(), CAL)
    assert info.value.codes() == ["due_before_release"]


def test_to_frames_round_trip(tyreso: lv.Portfolio) -> None:
    frames = tyreso.to_frames()
    assert set(frames) == set(lv.frames.TABLES)
    again = lv.from_frames(
        frames.pop("orders"),
        frames.pop("teams"),
        tyreso.calendar,
        name=tyreso.name,
        max_go_lives_per_period=tyreso.max_go_lives_per_period,
        **frames,
    )
    assert again == tyreso


def test_the_documented_column_table_lists_every_column_and_choice() -> None:
    # The table in leverans.frames' docstring is written by hand; this keeps it whole.
    doc = lv.frames.__doc__ or ""
    for table, columns in lv.frames.TABLES.items():
        assert f"``{table}``" in doc, table
        for column in columns:
            assert f"``{column.name}``" in doc, (table, column.name)
            for choice in column.kind if isinstance(column.kind, tuple) else ():
                assert choice in doc, (table, column.name, choice)


def test_read_csv_swedish_excel_export(tmp_path) -> None:
    (tmp_path / "teams.csv").write_text("\ufeffid;hours_per_week\ndev;37,5\n", encoding="utf-8")
    (tmp_path / "orders.csv").write_text(
        "id;title;due;hours:dev\n1001;Nätverk;2014-02-28;80,5\n1002;Skoladmin;;40\n",
        encoding="utf-8",
    )
    p = lv.Portfolio.read_csv(tmp_path, CAL)
    assert p.team("dev").hours_per_week == 37.5
    assert [o.id for o in p.orders] == ["1001", "1002"]
    assert p.order("1001").effort[0].hours == 80.5
    assert p.order("1001").title == "Nätverk"


def test_polars_frames_are_accepted() -> None:
    pl = pytest.importorskip("polars")
    p = lv.from_frames(pl.from_pandas(orders()), pl.from_pandas(teams()), CAL)
    assert len(p.orders) == 3

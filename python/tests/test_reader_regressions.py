"""Regression tests of the table readers, each named after a defect the fuzzing of
``test_fuzz_readers.py`` (or reading the code it pointed at) found: before the fix, each of
these inputs raised a raw Python or pandas exception, lost a value, or misplaced an issue."""

from __future__ import annotations

import decimal
import zipfile
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

import leverans as lv
from leverans import csvio

CAL = lv.Calendar.weeks("2014-01-06", "2014-06-29")


def _write(folder: Path, name: str, text: str) -> None:
    (folder / name).write_text(text, encoding="utf-8")


def _issues(read: Any) -> list[dict[str, Any]]:
    with pytest.raises(lv.ValidationError) as info:
        read()
    return info.value.issues


def _teams() -> pd.DataFrame:
    return pd.DataFrame({"id": ["dev"], "hours_per_week": [40.0]})


def _orders() -> pd.DataFrame:
    return pd.DataFrame({"id": ["a"], "hours:dev": [80.0]})


# ------------------------------------------------------------------------ DataFrames (all)


def test_a_capacity_override_of_a_team_with_a_bad_cell_is_an_issue_not_a_key_error() -> None:
    # The override's team is known (its id is given) but was never built: KeyError 'dev'.
    teams = _teams().assign(hours_per_week=[None])
    overrides = pd.DataFrame({"team": ["dev"], "from": ["2014-02-03"], "to": ["2014-02-10"]})
    issues = _issues(lambda: lv.from_frames(_orders(), teams, CAL, capacity_overrides=overrides))
    assert [(i["code"], i["entity"], i["row"], i["field"]) for i in issues] == [
        ("missing_value", "teams", 0, "hours_per_week")
    ]


def test_a_signalling_nan_decimal_cell_is_empty_not_an_invalid_operation() -> None:
    # pandas' isna raises decimal.InvalidOperation on Decimal("sNaN"); other Decimals (from
    # polars or pyarrow decimal columns) are numbers.
    orders = _orders().assign(weight=[decimal.Decimal("sNaN")])
    assert lv.from_frames(orders, _teams(), CAL).order("a").weight is None
    orders = _orders().astype(object)
    orders.loc[0, "hours:dev"] = decimal.Decimal("12.5")
    assert lv.from_frames(orders, _teams(), CAL).order("a").effort[0].hours == 12.5


def test_an_int_too_big_for_a_float_is_an_issue_not_an_overflow_error() -> None:
    teams = _teams().astype(object)
    teams.loc[0, "hours_per_week"] = 10**400
    orders = _orders().assign(due=[10**400]).astype(object)
    issues = _issues(lambda: lv.from_frames(orders, teams, CAL))
    assert [(i["code"], i["entity"], i["field"]) for i in issues] == [
        ("wrong_dtype", "teams", "hours_per_week"),
        ("wrong_dtype", "orders", "due"),
    ]


def test_whole_numbers_beyond_the_cores_range_are_issues_at_their_cell() -> None:
    # Before: accepted here, then a ParseError "number out of range" at a column of the JSON
    # made for the core. Durations and periods are u32 in the core, a lag i32.
    orders = pd.DataFrame({"id": ["a", "b"], "hours:dev": [8.0, 8.0], "go_live_lag": [2**32, 0]})
    deps = pd.DataFrame({"from": ["a"], "to": ["b"], "lag": [-(2**31) - 1]})
    issues = _issues(lambda: lv.from_frames(orders, _teams(), CAL, dependencies=deps))
    assert [(i["code"], i["entity"], i["row"], i["field"]) for i in issues] == [
        ("wrong_dtype", "orders", 0, "go_live_lag"),
        ("wrong_dtype", "dependencies", 0, "lag"),
    ]
    assert "4294967295" in issues[0]["message"]


def test_whole_numbers_beyond_the_cores_range_built_in_python_are_issues() -> None:
    p = lv.Portfolio(lv.Calendar.units(10))
    p.add_team("dev", hours_per_week=10**400)
    p.add_order("a", effort={"dev": 10}, go_live_lag=2**32, due=2**32)
    assert [(i["code"], i["field"]) for i in p.validate()] == [
        ("invalid_number", "hours_per_week"),
        ("invalid_type", "go_live_lag"),
        ("invalid_type", "due"),
    ]


def test_digits_int_cannot_read_in_a_time_column_are_an_issue_not_a_value_error() -> None:
    # "²".isdigit() is True but int("²") raises; so does a number of 5 000 digits.
    orders = _orders().assign(due=["²"], release=["9" * 5000])
    issues = _issues(lambda: lv.from_frames(orders, _teams(), CAL))
    assert [(i["code"], i["field"]) for i in issues] == [
        ("wrong_dtype", "due"),
        ("wrong_dtype", "release"),
    ]


def test_two_columns_of_one_name_are_an_issue_not_the_last_one_silently() -> None:
    teams = pd.DataFrame([["dev", 40.0, 20.0]], columns=["id", "hours_per_week", "hours_per_week"])
    issues = _issues(lambda: lv.from_frames(_orders(), teams, CAL))
    assert [(i["code"], i["field"]) for i in issues] == [("duplicate_column", "hours_per_week")]


# --------------------------------------------------------------------------------------- CSV


def test_an_empty_csv_file_is_a_table_without_columns_not_an_empty_data_error(
    tmp_path: Path,
) -> None:
    _write(tmp_path, "teams.csv", "")
    _write(tmp_path, "orders.csv", "id\na\n")
    issues = _issues(lambda: csvio.read_csv(tmp_path, CAL))
    assert {(i["code"], i["field"], i["source"], i["line"]) for i in issues} == {
        ("missing_column", "id", "teams.csv", 1),
        ("missing_column", "hours_per_week", "teams.csv", 1),
    }


def test_a_csv_of_a_byte_order_mark_below_a_blank_line_is_a_table_without_columns(
    tmp_path: Path,
) -> None:
    # Found by the long fuzz run: pandas reads "\ufeff" as nothing (EmptyDataError).
    (tmp_path / "teams.csv").write_bytes(b"\n\xef\xbb\xbf")
    _write(tmp_path, "orders.csv", "id\na\n")
    issues = _issues(lambda: csvio.read_csv(tmp_path, CAL))
    assert {(i["code"], i["field"], i["line"]) for i in issues} == {
        ("missing_column", "id", 2),
        ("missing_column", "hours_per_week", 2),
    }


def test_a_csv_line_the_parser_cannot_split_names_the_file_and_line(tmp_path: Path) -> None:
    # Before: pandas.errors.ParserError "Error tokenizing data".
    _write(tmp_path, "teams.csv", "\n\nid,hours_per_week\ndev,40\nops,20,7\n")
    _write(tmp_path, "orders.csv", "id\na\n")
    (issue,) = _issues(lambda: csvio.read_csv(tmp_path, CAL))
    assert (issue["code"], issue["entity"], issue["line"]) == ("invalid_csv", "teams", 5)
    assert issue["message"].startswith("teams.csv, line 5: ")
    assert "Expected 2 fields, saw 3" in issue["message"]


def test_one_bad_number_in_a_csv_column_is_one_issue_not_one_per_row(tmp_path: Path) -> None:
    # Before: the column became text, and every row was "must be a number, not str '40'".
    _write(tmp_path, "teams.csv", "id;hours_per_week\ndev;40\nops;abc\nqa;12,5\n")
    _write(tmp_path, "orders.csv", "id;hours:dev\na;1\n")
    (issue,) = _issues(lambda: csvio.read_csv(tmp_path, CAL))
    assert (issue["entity"], issue["row"], issue["field"], issue["value"]) == (
        "teams",
        1,
        "hours_per_week",
        "abc",
    )
    assert (issue["source"], issue["line"]) == ("teams.csv", 3)
    assert issue["message"].startswith("teams.csv: row 3, column `hours_per_week`: ")


def test_na_none_and_null_are_ids_and_titles_in_csv_not_empty_cells(tmp_path: Path) -> None:
    _write(tmp_path, "teams.csv", "id,hours_per_week\nNA,40\n")
    _write(tmp_path, "orders.csv", "id,title,hours:NA\nNA,None,8\nnull,N/A,1.5\n")
    p = csvio.read_csv(tmp_path, CAL)
    assert [(o.id, o.title, o.effort[0].hours) for o in p.orders] == [
        ("NA", "None", 8.0),
        ("null", "N/A", 1.5),
    ]


def test_empty_rows_in_csv_are_skipped_and_rows_keep_their_spreadsheet_numbers(
    tmp_path: Path,
) -> None:
    _write(tmp_path, "teams.csv", "id;hours_per_week\n\ndev;40\n;\n  \nops;x\n")
    _write(tmp_path, "orders.csv", "id;hours:dev\na;1\n")
    (issue,) = _issues(lambda: csvio.read_csv(tmp_path, CAL))
    assert (issue["row"], issue["line"], issue["value"]) == (4, 6, "x")


def test_problems_with_the_files_are_collected_across_files(tmp_path: Path) -> None:
    (tmp_path / "teams.csv").write_bytes("id,hours_per_week\nÖ,1\n".encode("cp1252"))
    issues = _issues(lambda: csvio.read_csv(tmp_path, CAL, encoding="utf-8"))
    assert [(i["code"], i["entity"]) for i in issues] == [
        ("invalid_encoding", "teams"),
        ("missing_table", "orders"),
    ]


def test_a_folder_named_orders_csv_is_a_file_error_not_an_is_a_directory_error(
    tmp_path: Path,
) -> None:
    (tmp_path / "orders.csv").mkdir()
    _write(tmp_path, "teams.csv", "id,hours_per_week\ndev,40\n")
    with pytest.raises(lv.FileError) as info:
        csvio.read_csv(tmp_path, CAL)
    assert info.value.filename == str(tmp_path / "orders.csv")


# ------------------------------------------------------------------------------------- Excel


def _workbook(path: Path, sheets: dict[str, Any]) -> Path:
    import openpyxl

    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for title, rows in sheets.items():
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
    wb.save(path)
    return path


TABLE_SHEETS = {
    "orders": [["id", "hours:dev"], ["a", 8]],
    "teams": [["id", "hours_per_week"], ["dev", 40]],
}


def test_a_damaged_workbook_is_an_invalid_workbook_issue_not_a_zip_or_xml_error(
    tmp_path: Path,
) -> None:
    pytest.importorskip("openpyxl")
    path = _workbook(tmp_path / "p.xlsx", TABLE_SHEETS)
    broken = tmp_path / "broken.xlsx"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(broken, "w") as dst:
        for name in src.namelist():
            data = src.read(name)
            dst.writestr(name, data[:-20] if name.endswith("sheet1.xml") else data)
    for bad in (broken, tmp_path / "bytes.xlsx"):
        if bad.name == "bytes.xlsx":
            bad.write_bytes(b"PK\x03\x04 not a zip")
        (issue,) = _issues(lambda bad=bad: lv.Portfolio.read_excel(bad, CAL))
        assert (issue["code"], issue["source"], issue["value"]) == (
            "invalid_workbook",
            bad.name,
            str(bad),
        )


def test_a_missing_workbook_is_a_file_error_not_a_file_not_found_error(tmp_path: Path) -> None:
    pytest.importorskip("openpyxl")
    with pytest.raises(lv.FileError) as info:
        lv.Portfolio.read_excel(tmp_path / "nope.xlsx", CAL)
    assert info.value.errno == 2


def test_bad_cells_of_the_calendar_and_portfolio_sheets_are_issues_not_value_errors(
    tmp_path: Path,
) -> None:
    # Before: int("many"), float(datetime) and date.fromisoformat("soon") raised.
    import datetime as dt

    pytest.importorskip("openpyxl")
    sheets = {
        **TABLE_SHEETS,
        "calendar": [
            ["period", "start", "end", "periods", "closed_days"],
            ["week", "2014-01-06", "2014-06-29", "many", "2014-04-18, soon"],
        ],
        "portfolio": [["name", "max_go_lives_per_period"], ["p", dt.datetime(2014, 1, 1)]],
    }
    path = _workbook(tmp_path / "p.xlsx", sheets)
    issues = _issues(lambda: lv.Portfolio.read_excel(path))
    assert [(i["entity"], i["field"], i["line"]) for i in issues] == [
        ("calendar", "periods", 2),
        ("calendar", "closed_days", 2),
        ("portfolio", "max_go_lives_per_period", 2),
    ]
    assert issues[0]["message"].startswith("p.xlsx, sheet `calendar`: row 2, column `periods`")


def test_two_sheets_of_one_table_are_an_issue_not_the_last_one_silently(tmp_path: Path) -> None:
    # Sheet names are read without case and spaces around them; Excel allows " Orders".
    pytest.importorskip("openpyxl")
    path = _workbook(tmp_path / "p.xlsx", {**TABLE_SHEETS, " Orders": [["id"], ["b"]]})
    (issue,) = _issues(lambda: lv.Portfolio.read_excel(path, CAL))
    assert (issue["code"], issue["entity"]) == ("duplicate_table", "orders")


def test_empty_rows_in_a_sheet_are_skipped_and_rows_keep_their_excel_numbers(
    tmp_path: Path,
) -> None:
    # Before: an empty row (or one Excel kept for its formatting) was "id: a value is
    # required", and issues gave the 0-based position in the frame.
    pytest.importorskip("openpyxl")
    teams = [["id", "hours_per_week"], ["dev", 40], [], [None, None], ["ops", "x"]]
    path = _workbook(tmp_path / "p.xlsx", {**TABLE_SHEETS, "teams": teams})
    (issue,) = _issues(lambda: lv.Portfolio.read_excel(path, CAL))
    assert (issue["row"], issue["line"], issue["source"]) == (3, 5, "p.xlsx, sheet `teams`")


def test_na_is_an_id_in_a_workbook_not_an_empty_cell(tmp_path: Path) -> None:
    pytest.importorskip("openpyxl")
    sheets = {
        "orders": [["id", "title", "hours:dev"], ["NA", "null", 8]],
        "teams": TABLE_SHEETS["teams"],
    }
    p = lv.Portfolio.read_excel(_workbook(tmp_path / "p.xlsx", sheets), CAL)
    assert [(o.id, o.title) for o in p.orders] == [("NA", "null")]


# ------------------------------------------- headers, numbers typed as text, duplicate headers
# Left by the fuzzing round: a header's case or spaces made its column both missing and
# unknown; a number typed as text in a workbook was an error; pandas renamed a duplicated
# header (`id`, `id.1`), which then read as an unknown column instead of a duplicate.


def test_headers_are_matched_without_case_surrounding_spaces_or_hyphens(tmp_path: Path) -> None:
    # Before: missing column `id` and unknown column `ID` (and so on for each header).
    teams = pd.DataFrame({" ID ": ["Dev"], "Hours Per-Week": [40.0]})
    orders = pd.DataFrame({"Id": ["a"], " HOURS:Dev ": [80.0], "Due": [5]})
    p = lv.from_frames(orders, teams, CAL)
    assert [(t.id, t.hours_per_week) for t in p.teams] == [("Dev", 40.0)]
    assert [(o.id, o.due, o.effort[0].team, o.effort[0].hours) for o in p.orders] == [
        ("a", 5, "Dev", 80.0)
    ]
    _write(tmp_path, "teams.csv", " Id ; HOURS_PER_WEEK\nDev;40\n")
    _write(tmp_path, "orders.csv", "ID;Hours:Dev;due\na;80;5\n")
    assert csvio.read_csv(tmp_path, CAL) == p
    pytest.importorskip("openpyxl")
    sheets = {
        "orders": [["ID", "hours:Dev", "DUE "], ["a", 80, 5]],
        "teams": [["Id", " hours_per_week"], ["Dev", 40]],
        "calendar": [["Period", "Start", "End"], ["week", "2014-01-06", "2014-06-29"]],
    }
    assert lv.Portfolio.read_excel(_workbook(tmp_path / "p.xlsx", sheets)) == p


def test_two_headers_of_one_column_in_other_spellings_are_a_duplicate_column(
    tmp_path: Path,
) -> None:
    teams = pd.DataFrame([["dev", "dev", 40.0]], columns=["id", " ID", "hours_per_week"])
    (issue,) = _issues(lambda: lv.from_frames(_orders(), teams, CAL))
    assert (issue["code"], issue["entity"], issue["row"], issue["field"]) == (
        "duplicate_column",
        "teams",
        None,
        "id",
    )
    assert "`id`" in issue["message"] and "` ID`" in issue["message"]
    # Columns skipped with unknown_columns="ignore" are not asked which one holds the values.
    orders = _orders().assign(Note=["x"], note=["y"])
    p = lv.from_frames(orders, _teams(), CAL, unknown_columns="ignore")
    assert [o.id for o in p.orders] == ["a"]
    _write(tmp_path, "teams.csv", "id,hours_per_week,Hours_Per_Week\ndev,40,20\n")
    _write(tmp_path, "orders.csv", "id,hours:dev\na,8\n")
    (issue,) = _issues(lambda: csvio.read_csv(tmp_path, CAL))
    assert (issue["code"], issue["field"], issue["source"], issue["line"]) == (
        "duplicate_column",
        "hours_per_week",
        "teams.csv",
        1,
    )
    assert "`hours_per_week`" in issue["message"] and "`Hours_Per_Week`" in issue["message"]


def test_numbers_typed_as_text_in_a_workbook_read_as_numbers(tmp_path: Path) -> None:
    # Before: "must be a finite number, not str '40'" for each of these cells.
    pytest.importorskip("openpyxl")
    sheets = {
        "orders": [
            ["id", "hours:dev", "weight", "due", "go_live_lag", "optional"],
            ["a", "1 200", "12,5", "5", None, "1"],
            ["b", " 80 ", "2.5", 7, "3", "0"],
        ],
        "teams": [["id", "hours_per_week"], ["dev", "40"]],
    }
    p = lv.Portfolio.read_excel(_workbook(tmp_path / "p.xlsx", sheets), CAL)
    assert p.teams[0].hours_per_week == 40.0
    assert [(o.effort[0].hours, o.weight, o.due, o.go_live_lag, o.optional) for o in p.orders] == [
        (1200.0, 12.5, 5, 0, True),
        (80.0, 2.5, 7, 3, False),
    ]


def test_text_that_is_no_number_in_a_workbook_stays_an_issue_at_its_cell(tmp_path: Path) -> None:
    pytest.importorskip("openpyxl")
    sheets = {
        "orders": [["id", "hours:dev", "weight"], ["a", "8", "1.2,5"], ["b", "4O", "1e400"]],
        "teams": [["id", "hours_per_week"], ["dev", "40 h"]],
    }
    issues = _issues(lambda: lv.Portfolio.read_excel(_workbook(tmp_path / "p.xlsx", sheets), CAL))
    assert [(i["code"], i["source"], i["line"], i["field"], i["value"]) for i in issues] == [
        ("wrong_dtype", "p.xlsx, sheet `teams`", 2, "hours_per_week", "40 h"),
        ("wrong_dtype", "p.xlsx, sheet `orders`", 2, "weight", "1.2,5"),
        ("wrong_dtype", "p.xlsx, sheet `orders`", 3, "hours:dev", "4O"),
        ("wrong_dtype", "p.xlsx, sheet `orders`", 3, "weight", "1e400"),
    ]
    assert issues[0]["message"].startswith("p.xlsx, sheet `teams`: row 2, column `hours_per_week`")


def test_comma_groups_of_three_in_workbook_text_are_ambiguous_not_guessed(tmp_path: Path) -> None:
    # "1,200" is 1.2 with a decimal comma and 1200 with a thousands comma: a guess could be
    # off by a thousand, so it is an issue at its cell. "12,5" and "1 200" are not ambiguous.
    pytest.importorskip("openpyxl")
    sheets = {
        "orders": [["id", "hours:dev"], ["a", "1,200"], ["b", "12,5"], ["c", "1 200"]],
        "teams": [["id", "hours_per_week"], ["dev", "40"]],
    }
    (issue,) = _issues(lambda: lv.Portfolio.read_excel(_workbook(tmp_path / "p.xlsx", sheets), CAL))
    assert (issue["code"], issue["line"], issue["field"], issue["value"]) == (
        "wrong_dtype",
        2,
        "hours:dev",
        "1,200",
    )
    assert "ambiguous" in issue["message"]


def test_former_column_names_still_read(tmp_path: Path) -> None:
    # `external_*` were renamed `consultant_*` (docs/vocabulary.md); files written before read.
    _write(
        tmp_path,
        "teams.csv",
        "id,hours_per_week,external_hours_per_week,External cost per hour\ndev,40,10,1200\n",
    )
    _write(tmp_path, "orders.csv", "id,hours:dev\na,8\n")
    p = csvio.read_csv(tmp_path, CAL)
    hire = p.teams[0].consultants
    assert hire is not None and (hire.hours_per_week, hire.cost_per_hour) == (10.0, 1200.0)
    assert p.teams[0].external is hire


def test_a_duplicated_csv_header_is_a_duplicate_column_not_an_unknown_one(tmp_path: Path) -> None:
    # Before: pandas read the second `id` as `id.1`, an unknown column.
    _write(tmp_path, "teams.csv", "id;hours_per_week;id\ndev;40;dev\n")
    _write(tmp_path, "orders.csv", "id,hours:dev,id.1\na,8,\n")
    issues = _issues(lambda: csvio.read_csv(tmp_path, CAL))
    assert [(i["code"], i["entity"], i["field"], i["line"]) for i in issues] == [
        ("duplicate_column", "teams", "id", 1),
        ("unknown_column", "orders", "id.1", 1),  # a header really spelt `id.1`
    ]
    assert issues[0]["message"].startswith("teams.csv: column `id`: 2 columns have this name")


def test_a_duplicated_header_in_a_workbook_is_a_duplicate_column(tmp_path: Path) -> None:
    # pandas renames it in a workbook too (`id.1`).
    pytest.importorskip("openpyxl")
    sheets = {**TABLE_SHEETS, "teams": [["id", "hours_per_week", "id"], ["dev", 40, "dev"]]}
    (issue,) = _issues(lambda: lv.Portfolio.read_excel(_workbook(tmp_path / "p.xlsx", sheets), CAL))
    assert (issue["code"], issue["entity"], issue["field"], issue["line"]) == (
        "duplicate_column",
        "teams",
        "id",
        1,
    )


def test_a_csv_row_with_one_cell_more_than_its_header_is_an_issue_not_shifted(
    tmp_path: Path,
) -> None:
    # Before: pandas took the extra first cell as the row's index and shifted the others:
    # team `40` with 7 hours a week.
    _write(tmp_path, "teams.csv", "id,hours_per_week\ndev,40,7\n")
    _write(tmp_path, "orders.csv", "id\na\n")
    (issue,) = _issues(lambda: csvio.read_csv(tmp_path, CAL))
    assert (issue["code"], issue["entity"], issue["line"]) == ("invalid_csv", "teams", 2)

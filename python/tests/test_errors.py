"""Errors: one base class; parse, file, validation and solver errors with their data."""

from __future__ import annotations

import json
import pickle

import pytest

import leverans as lv
from leverans import _core


def test_invalid_json_raises_parse_error_with_position() -> None:
    with pytest.raises(lv.ParseError) as info:
        lv.Portfolio.from_json('{"calendar": {"period": "week",}\n}')
    err = info.value
    assert isinstance(err, lv.LeveransError) and isinstance(err, ValueError)
    assert err.line == 1 and err.column > 0
    assert err.source == "<string>"
    assert "line 1" in str(err)


def test_unknown_field_and_bad_enum_are_parse_errors() -> None:
    base = {"calendar": {"period": "unit", "periods": 3}, "teams": [], "orders": []}
    with pytest.raises(lv.ParseError, match="unknown field"):
        lv.Portfolio.from_json(json.dumps({**base, "colour": "red"}))
    bad = {**base, "orders": [{"id": "a", "priority": "urgent", "duration": 1}]}
    with pytest.raises(lv.ParseError, match="critical"):
        lv.Portfolio.from_json(json.dumps(bad), source_name="bad.json")


def test_missing_file_is_a_file_error_and_an_os_error(tmp_path) -> None:
    missing = tmp_path / "nope.json"
    with pytest.raises(lv.FileError) as info:
        lv.Portfolio.read(missing)
    assert isinstance(info.value, OSError) and isinstance(info.value, lv.LeveransError)
    assert info.value.filename == str(missing)
    assert info.value.errno == 2


def test_core_validation_lists_every_issue() -> None:
    p = lv.Portfolio(lv.Calendar.units(5))
    p.add_team("dev", hours_per_week=1)
    p.add_order("a", duration=2, demand={"ops": 1})
    p.add_order("b", duration=1, demand={"dev": 1})
    p.add_dependency("b", "zzz")
    issues = p.validate()
    assert [i["code"] for i in issues] == ["unknown_team", "unknown_order"]
    assert set(issues[0]) == set(lv.errors.ISSUE_KEYS)
    with pytest.raises(lv.ValidationError) as info:
        p.solve(time_limit=5)
    err = info.value
    assert err.codes() == ["unknown_team", "unknown_order"]
    frame = err.to_frame()
    assert list(frame.columns) == list(lv.errors.ISSUE_KEYS)
    assert frame.loc[0, "id"] == "a"
    again = pickle.loads(pickle.dumps(err))
    assert again.issues == err.issues and str(again) == str(err)


def test_python_values_json_cannot_carry_are_issues() -> None:
    p = lv.Portfolio(lv.Calendar.units(5))
    p.add_team("dev", hours_per_week=float("nan"))
    p.add_order("a", duration=2, demand={"dev": 1}, priority="urgent", due="soon")
    codes = [i["code"] for i in p.validate()]
    assert codes == ["invalid_number", "invalid_value", "invalid_type"]
    with pytest.raises(lv.ValidationError):
        p.to_json()


def test_bad_plan_json_is_a_parse_error(small: lv.Portfolio) -> None:
    with pytest.raises(lv.ParseError) as info:
        _core.verify(small.to_json(), '{"orders": 3}')
    assert info.value.source == "plan"


def test_bad_options_reaching_the_core_are_value_errors(small: lv.Portfolio) -> None:
    # Invalid options are invalid input, not a solver failure: the core names the option.
    options = json.loads(_core.default_options())
    options["threads"] = 0
    with pytest.raises(ValueError, match="threads"):
        _core.solve(small.to_json(), json.dumps(options))


def test_all_errors_share_the_base() -> None:
    for cls in (
        lv.ValidationError,
        lv.ParseError,
        lv.FileError,
        lv.SolverError,
        lv.InfeasibleError,
    ):
        assert issubclass(cls, lv.LeveransError)


def test_a_rust_panic_becomes_solver_error() -> None:
    with pytest.raises(lv.SolverError, match=r"internal error.*boom") as info:
        _core._panic_for_tests("boom")
    assert isinstance(info.value, Exception)

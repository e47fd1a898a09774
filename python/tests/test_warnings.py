"""Warnings: what can be planned but looks wrong, decided in the core, from Python."""

from __future__ import annotations

import leverans as lv


def test_warnings_name_what_looks_wrong() -> None:
    p = lv.Portfolio(lv.Calendar.units(12))
    p.add_team("dev", hours_per_week=10)
    p.add_order("a", effort={"dev": 900}, optional=True)
    p.add_order("nothing", effort={"dev": 0})
    codes = {(w["id"], w["code"]) for w in p.warnings()}
    assert codes == {("nothing", "zero_hours"), ("dev", "over_capacity")}
    assert p.validate() == []

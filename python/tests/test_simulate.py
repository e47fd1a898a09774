"""Monte Carlo dates from Python: DataFrames with ordered percentiles, the same figures for
any thread count, wider estimates giving wider ranges, three-point estimates in tables."""

from __future__ import annotations

import pytest

import leverans as lv


def test_tyreso_plan_simulates_to_ordered_percentiles_whatever_the_threads(
    tyreso: lv.Portfolio, tyreso_result: lv.SolveResult
) -> None:
    plan = tyreso_result.plan
    assert plan is not None
    one = lv.simulate(tyreso, plan, runs=1000, seed=1, threads=1)
    two = plan.simulate(tyreso, runs=1000, seed=1, threads=2)
    assert one.orders.equals(two.orders)
    assert one.summary.equals(two.summary)
    simulated = one.orders[one.orders["state"] == "simulated"]
    assert len(simulated) >= 30
    assert (simulated["p50_period"] <= simulated["p85_period"]).all()
    assert (simulated["p85_period"] <= simulated["p95_period"]).all()
    assert (simulated["p95_period"] > simulated["p50_period"]).sum() >= 5
    assert list(one.summary.columns) == ["p50", "p85", "p95", "mean"]
    assert (one.summary["p50"] <= one.summary["p95"]).all()
    assert list(one.orders.columns) == list(lv.simulation.SIMULATION_COLUMNS)


def test_a_wider_estimate_gives_a_wider_range() -> None:
    # Two teams of 10 h a period, one order each of 100 h: `a` 90-110 h, `b` 60-250 h.
    p = lv.Portfolio(lv.Calendar.units(40))
    p.add_team("ta", hours_per_week=10)
    p.add_team("tb", hours_per_week=10)
    p.add_order("a", effort=[lv.Effort("ta", 100, hours_low=90, hours_high=110)], due=10)
    p.add_order("b", effort=[lv.Effort("tb", 100, hours_low=60, hours_high=250)], due=10)
    result = p.solve(time_limit=10)
    assert result.plan is not None
    assert lv.verify(p, result.plan) == []
    sim = lv.simulate(p, result.plan, runs=500, seed=3)
    rows = sim.orders.set_index("id")
    width = rows["p95_period"] - rows["p50_period"]
    assert width["a"] <= 1
    assert width["b"] >= 3
    assert rows.loc["a", "on_time"] > rows.loc["b", "on_time"]


def test_bad_options_raise_value_error_naming_the_valid_values(small: lv.Portfolio) -> None:
    result = small.solve(time_limit=10)
    assert result.plan is not None
    with pytest.raises(ValueError, match=r"`runs` = 0.*1 to 1000000"):
        lv.simulate(small, result.plan, runs=0)
    with pytest.raises(ValueError, match="`threads` = 0"):
        lv.simulate(small, result.plan, threads=0)


def test_three_point_estimates_travel_through_json_and_frames() -> None:
    p = lv.Portfolio(lv.Calendar.units(20))
    p.add_team("dev", hours_per_week=10)
    p.add_order("a", effort=[lv.Effort("dev", 40, hours_low=30, hours_high=80)])
    p.add_order("f", duration=3, duration_low=2, duration_high=5, demand={"dev": 5})
    back = lv.Portfolio.from_json(p.to_json())
    assert back.orders[0].effort[0].hours_high == 80
    assert back.orders[1].duration_low == 2
    frames = p.to_frames()
    assert frames["efforts"]["hours_low"].tolist() == [30]
    again = lv.from_frames(frames.pop("orders"), frames.pop("teams"), p.calendar, **frames)
    assert again.orders[0].effort[0].hours_low == 30
    assert again.orders[1].duration_high == 5
    bad = lv.Portfolio(lv.Calendar.units(20))
    bad.add_team("dev", hours_per_week=10)
    bad.add_order("a", effort=[lv.Effort("dev", 40, hours_low=50)])
    issues = bad.validate()
    assert [(i["code"], i["id"], i["field"]) for i in issues] == [
        ("invalid_range", "a", "effort.hours_low")
    ]


def test_a_plan_on_p85_hours_is_simulated_on_the_estimates() -> None:
    """Planning against P85 hours books more hours than the most likely ones; simulated on the
    original estimates (the same draws), its promised go-lives hold far better than those of
    the plan made on the most likely hours."""
    p = lv.Portfolio(lv.Calendar.units(40))
    p.add_team("dev", hours_per_week=10)
    for id, due in (("a", 6), ("b", 12)):
        p.add_order(id, effort={"dev": 40}, due=due)
        p.order(id).effort[0].hours_low = 30
        p.order(id).effort[0].hours_high = 90
    p85 = lv.at_percentile(p, 0.85)
    assert p85.order("a").effort[0].hours > 40
    base = p.solve(time_limit=10)
    robust = p85.solve(time_limit=10)
    assert base.plan is not None and robust.plan is not None
    assert base.verify() == [] and robust.verify() == []
    s_base = lv.simulate(p, base.plan, runs=300, seed=3)
    s_robust = lv.simulate(p85, robust.plan, runs=300, seed=3, estimates=p)

    # How far P85 go-lives reach past the promised ones: much less for the P85 plan.
    def slip(s: lv.Simulation) -> float:
        o = s.orders
        return float((o["p85_period"] - o["planned_period"]).clip(lower=0).sum())

    assert slip(s_robust) < slip(s_base)
    with pytest.raises(ValueError, match="hours_percentile"):
        lv.at_percentile(p, 1.5)


def test_the_report_shows_how_sure_each_date_is(tmp_path) -> None:
    p = lv.Portfolio(lv.Calendar.units(30))
    p.add_team("dev", hours_per_week=10)
    p.add_order("a", effort={"dev": 40}, due=4)
    p.order("a").effort[0].hours_low = 30
    p.order("a").effort[0].hours_high = 120
    result = p.solve(time_limit=10)
    assert result.plan is not None and result.verify() == []
    sim = lv.simulate(p, result.plan, runs=200, seed=1)
    path = tmp_path / "report.html"
    result.report(path, simulation=sim)
    page = path.read_text(encoding="utf-8")
    assert "How sure each date is" in page
    assert 'data-order="a"' in page

"""The plan: when each order runs and goes live, who works on it, how loaded each team is.

A :class:`Plan` holds the core's plan JSON as plain lists and dicts (periods are 0-based
indices into the calendar; dates are given beside them for date calendars) and offers it as
pandas tables, charts and an Excel workbook.
"""

from __future__ import annotations

import json
import math
import os
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Dict, List, Optional, Union

from . import _core

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from .portfolio import Portfolio
    from .simulation import Simulation

__all__ = ["LOAD_COLUMNS", "ORDER_COLUMNS", "WORK_COLUMNS", "Plan"]

_CORE_COLUMNS: dict[str, list[str]] = json.loads(_core.plan_columns())

#: Columns of :meth:`Plan.orders_frame`: those of ``orders.csv`` (from the core), then
#: ``hours``.
ORDER_COLUMNS = (*_CORE_COLUMNS["orders"], "hours")
#: Columns of :meth:`Plan.work_frame`: those of ``work.csv`` with the period's label.
WORK_COLUMNS = ("order", "team", "period", "label", "hours")
#: Columns of :meth:`Plan.load_frame`: those of ``team_load.csv`` (from the core).
LOAD_COLUMNS = tuple(_CORE_COLUMNS["team_load"])

_PERIOD_COLUMNS = ("start_period", "finish_period", "go_live_period", "due_period")
_DATE_COLUMNS = ("start", "finish", "go_live")


@dataclass
class Plan:
    """A plan: ``orders`` (one dict per portfolio order, in portfolio order),
    ``team_periods`` (load and capacity per team and period) and ``summary`` (portfolio
    figures: makespan, orders late, on-time share, total and weighted lateness, ...)."""

    orders: List[Dict[str, Any]]
    team_periods: List[Dict[str, Any]]
    summary: Dict[str, Any]
    extra: Dict[str, Any] = field(default_factory=dict, repr=False)

    def __repr__(self) -> str:
        s = self.summary
        return (
            f"Plan({len(self.orders)} orders, makespan {s.get('makespan')}, "
            f"{s.get('orders_late')} late of {s.get('orders_with_due_date')} with a due date)"
        )

    # ---------------------------------------------------------------- JSON

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Plan:
        """A plan from the core's plan JSON object."""
        known = {"orders", "team_periods", "summary"}
        return cls(
            orders=[dict(o) for o in data.get("orders", [])],
            team_periods=[dict(t) for t in data.get("team_periods", [])],
            summary=dict(data.get("summary", {})),
            extra={k: v for k, v in data.items() if k not in known},
        )

    @classmethod
    def from_json(cls, text: str) -> Plan:
        """A plan from the core's plan JSON text, or from the outcome file ``leverans plan
        --out FILE`` writes (its ``plan``). An outcome without a plan (infeasible, no plan in
        time) raises ``ValueError`` naming its status rather than giving an empty plan."""
        data = json.loads(text)
        if isinstance(data, dict) and "status" in data and "orders" not in data:
            plan = data.get("plan")
            if plan is None:
                reason = f": {data['reason']}" if data.get("reason") else ""
                raise ValueError(f"the outcome has no plan (status {data['status']}{reason})")
            data = plan
        return cls.from_dict(data)

    def to_dict(self) -> dict[str, Any]:
        """The core's plan JSON object."""
        out: dict[str, Any] = {
            "orders": self.orders,
            "team_periods": self.team_periods,
            "summary": self.summary,
        }
        out.update(self.extra)
        return out

    def to_json(self, indent: Optional[int] = None) -> str:
        """The core's plan JSON text; ``ValueError`` naming the place of a number JSON cannot
        carry (NaN, infinity), such as ``orders[0].work[0].hours``."""
        data = self.to_dict()
        bad = _non_finite(data, "")
        if bad is not None:
            raise ValueError(f"the plan has {bad[1]} at {bad[0]}: every number must be finite")
        return json.dumps(data, ensure_ascii=False, allow_nan=False, indent=indent)

    def order(self, id: str) -> dict[str, Any]:
        """The planned order with this id (KeyError when there is none)."""
        for o in self.orders:
            if o["id"] == id:
                return o
        raise KeyError(f"no order `{id}` in the plan")

    # ---------------------------------------------------------------- explanations

    def explain(
        self, order: Optional[str] = None, portfolio: Optional[Portfolio] = None
    ) -> pd.DataFrame:
        """Why orders are late, stopped or reduced, and what would change it: one row per
        cause and remedy (:data:`leverans.explain.EXPLAIN_COLUMNS`), for every order or for
        ``order`` only. Computed from ``portfolio`` when given, else from the explanations the
        plan carries (a plan read from ``leverans plan --out``)."""
        from .explain import explain_frame, explanations

        return explain_frame(explanations(self, portfolio), order)

    def simulate(
        self,
        portfolio: Portfolio,
        runs: int = 1000,
        seed: int = 1,
        threads: Optional[int] = None,
    ) -> Simulation:
        """Monte Carlo dates of this plan of ``portfolio``: see :func:`leverans.simulate`."""
        from .simulation import simulate

        return simulate(portfolio, self, runs=runs, seed=seed, threads=threads)

    def report(
        self,
        path: Union[str, os.PathLike[str]],
        portfolio: Portfolio,
        outcome: Optional[dict[str, Any]] = None,
        baseline: Optional[Plan] = None,
        simulation: Optional[Simulation] = None,
    ) -> None:
        """Writes the plan report for ``portfolio`` to ``path``: one self-contained HTML file
        (summary, timeline by department, stopped and reduced orders, why late, load per team,
        tables) that opens offline in any browser. ``outcome`` (status, seconds and levels of
        the solve) adds the plan's quality to the summary; :meth:`SolveResult.report` passes
        it. ``baseline`` (a plan before) adds what changed against it; ``simulation`` (of this
        plan, :func:`leverans.simulate`) how sure each date is: a range bar per order."""
        from . import _core

        page = _core.report(
            portfolio.to_json(),
            self.to_json(),
            json.dumps(outcome) if outcome else "",
            baseline.to_json() if baseline is not None else "",
            json.dumps(simulation.raw) if simulation is not None else "",
        )
        with open(path, "w", encoding="utf-8") as f:
            f.write(page)

    # ---------------------------------------------------------------- tables

    def orders_frame(self) -> pd.DataFrame:
        """One row per order: :data:`ORDER_COLUMNS`. Periods are nullable integers
        (``Int64``; missing for orders already done), dates ``datetime64`` (NaT in unit
        calendars), ``hours`` the total planned hours."""
        import pandas as pd

        rows = []
        for o in self.orders:
            row = {c: o.get(c) for c in ORDER_COLUMNS if c != "hours"}
            row["title"] = row["title"] or ""
            row["orderer"] = row["orderer"] or ""
            row["hours"] = float(sum(w["hours"] for w in o.get("work", [])))
            rows.append(row)
        df = pd.DataFrame(rows, columns=list(ORDER_COLUMNS))
        for c in _PERIOD_COLUMNS:
            df[c] = df[c].astype("Int64")
        for c in _DATE_COLUMNS:
            df[c] = pd.to_datetime(df[c])
        df["lateness"] = df["lateness"].astype("int64")
        df["hours"] = df["hours"].astype("float64")
        return df

    def work_frame(self) -> pd.DataFrame:
        """Hours per order, team and period: :data:`WORK_COLUMNS` (``label`` names the period,
        e.g. ``2014-W05``)."""
        import pandas as pd

        labels = self._labels()
        rows = [
            (
                o["id"],
                w["team"],
                w["period"],
                labels.get(w["period"], str(w["period"])),
                float(w["hours"]),
            )
            for o in self.orders
            for w in o.get("work", [])
        ]
        df = pd.DataFrame(rows, columns=list(WORK_COLUMNS))
        df["period"] = df["period"].astype("int64")
        df["hours"] = df["hours"].astype("float64")
        return df

    def load_frame(self) -> pd.DataFrame:
        """Load, capacity, utilisation of the own staff ((load - consultant_hours) / capacity; 0
        without capacity) and the consultant hours bought with their cost, per team and
        period: :data:`LOAD_COLUMNS`."""
        import pandas as pd

        df = pd.DataFrame(self.team_periods, columns=list(LOAD_COLUMNS))
        df["period"] = df["period"].astype("int64")
        for c in ("load", "capacity", "utilisation", "consultant_hours", "consultant_cost"):
            df[c] = df[c].astype("float64")
        return df

    def to_pandas(self) -> pd.DataFrame:
        """The orders table (:meth:`orders_frame`); see also :meth:`tables`."""
        return self.orders_frame()

    def tables(self) -> dict[str, pd.DataFrame]:
        """All three tables: ``{"orders": ..., "work": ..., "load": ...}``."""
        return {"orders": self.orders_frame(), "work": self.work_frame(), "load": self.load_frame()}

    def compare(self, other: Plan, names: tuple[str, str] = ("before", "after")) -> pd.DataFrame:
        """Order by order, how ``other`` differs from this plan, from the core's plan diff (the
        same as ``leverans diff``): ``decision``, ``start_period``, ``go_live_period``,
        ``lateness`` and ``scope`` in each (suffixed with ``names``), ``start_shift`` and
        ``go_live_shift`` (other minus this, in periods; positive = later) and ``changed``
        (decision, start or go-live differ). :meth:`diff` gives the portfolio figures too."""
        import pandas as pd

        a, b = names
        rows = []
        for o in self.diff(other)["orders"]:
            row: dict[str, Any] = {"id": o["id"], "title": o["title"]}
            for field_ in ("decision", "start_period", "go_live_period", "lateness", "scope"):
                row[f"{field_}_{a}"] = o[f"{field_}_before"]
                row[f"{field_}_{b}"] = o[f"{field_}_after"]
            row["start_shift"] = o["start_shift"]
            row["go_live_shift"] = o["go_live_shift"]
            row["changed"] = o["changed"]
            rows.append(row)
        frame = pd.DataFrame(rows)
        for col in frame.columns:
            if col.startswith(("start_period", "go_live_period")) or col.endswith("_shift"):
                frame[col] = frame[col].astype("Int64")
        return frame

    def diff(self, other: Plan) -> dict[str, Any]:
        """The core's plan diff from this plan to ``other``: ``orders`` (one change per order),
        ``changed``, ``earlier``, ``later``, ``decisions_changed`` and the portfolio figures
        before and after (``weighted_lateness``, ``on_time_share``, ``value_delivered``,
        ``consultant_cost`` as pairs)."""
        from . import _core

        result: dict[str, Any] = json.loads(_core.diff(self.to_json(), other.to_json()))
        return result

    def _labels(self) -> dict[int, str]:
        return {t["period"]: t["label"] for t in self.team_periods}

    # ---------------------------------------------------------------- output

    def gantt(
        self,
        portfolio: Optional[Portfolio] = None,
        color_by: str = "orderer",
        title: Optional[str] = None,
    ) -> Any:
        """A Gantt chart of the orders (plotly Figure; matplotlib Figure when plotly is not
        installed). See :func:`leverans.charts.gantt`."""
        from .charts import gantt

        return gantt(self, portfolio=portfolio, color_by=color_by, title=title)

    def timeline(self, portfolio: Portfolio) -> Any:
        """The HTML report's timeline by department as an SVG chart (no JavaScript: it shows on
        GitHub and nbviewer too). See :func:`leverans.charts.svg_chart`."""
        from .charts import svg_chart

        return svg_chart(self, portfolio, "gantt")

    def load_svg(self, portfolio: Portfolio) -> Any:
        """The HTML report's load per team as an SVG chart (own and consultant hours against
        capacity). See :func:`leverans.charts.svg_chart`."""
        from .charts import svg_chart

        return svg_chart(self, portfolio, "load")

    def load_chart(self, title: Optional[str] = None) -> Any:
        """A heat map of team utilisation per period. See :func:`leverans.charts.load_chart`."""
        from .charts import load_chart

        return load_chart(self, title=title)

    def to_excel(self, path: Union[str, os.PathLike[str]]) -> None:
        """Writes the orders, work, load and summary tables to an ``.xlsx`` workbook; text
        cells are stored as text, never as formulas. Needs ``openpyxl`` (extra ``excel``)."""
        from .excel import plan_to_excel

        plan_to_excel(self, path)

    def _repr_html_(self) -> str:
        from .display import plan_html

        return plan_html(self)


def _non_finite(value: Any, path: str) -> Optional[tuple[str, float]]:
    """The first NaN or infinity in a JSON-like value, with its path."""
    if isinstance(value, float) and not math.isfinite(value):
        return (path.lstrip("."), value)
    if isinstance(value, dict):
        for k, v in value.items():
            found = _non_finite(v, f"{path}.{k}")
            if found is not None:
                return found
    elif isinstance(value, list):
        for i, v in enumerate(value):
            found = _non_finite(v, f"{path}[{i}]")
            if found is not None:
                return found
    return None

"""Charts of a plan: a Gantt chart of the orders and a heat map of team load.

plotly (extra ``plot``) is used when installed and gives interactive figures; otherwise
matplotlib, when installed, gives static ones. With neither, the functions raise
``ImportError`` naming the extra to install.

:func:`svg_chart` gives the HTML report's own charts instead (the timeline by department and
load per team, drawn by the core as SVG): no JavaScript and a few hundred kilobytes, so they
show where plotly's script does not run (GitHub, nbviewer, mail) and need no extra.
"""

from __future__ import annotations

import html as _html
import os
from typing import TYPE_CHECKING, Any, Optional, Union

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from .plan import Plan
    from .portfolio import Portfolio

__all__ = ["SvgChart", "gantt", "gantt_frame", "load_chart", "svg_chart"]


class SvgChart:
    """A chart drawn by the core as HTML with inline SVG. Notebooks show it inline (and keep
    it in the saved notebook as plain HTML, which GitHub and nbviewer render); :meth:`save`
    writes it as a page of its own."""

    def __init__(self, html: str, title: str) -> None:
        self.html = html
        self.title = title

    def _repr_html_(self) -> str:
        return self.html

    def __repr__(self) -> str:
        return f"SvgChart({self.title!r}, {len(self.html)} characters)"

    def save(self, path: Union[str, os.PathLike[str]]) -> None:
        """Writes the chart as a self-contained HTML page."""
        page = (
            '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
            f"<title>{_html.escape(self.title)}</title></head><body>{self.html}</body></html>\n"
        )
        with open(path, "w", encoding="utf-8") as f:
            f.write(page)


def svg_chart(plan: Plan, portfolio: Portfolio, kind: str = "gantt") -> SvgChart:
    """The report's ``gantt`` (timeline by department: work, go-lives, due dates, lateness,
    freeze windows) or ``load`` (own and consultant hours per team against capacity) chart
    of ``plan`` for ``portfolio``."""
    from . import _core

    html = _core.chart(portfolio.to_json(), plan.to_json(), kind)
    return SvgChart(html, f"{portfolio.name or 'plan'}: {kind}")


def _backend() -> str:
    try:
        import plotly  # noqa: F401

        return "plotly"
    except ImportError:
        pass
    try:
        import matplotlib  # noqa: F401

        return "matplotlib"
    except ImportError:
        raise ImportError(
            "charts need plotly (pip install 'leverans[plot]') or matplotlib"
        ) from None


def gantt_frame(
    plan: Plan, portfolio: Optional[Portfolio] = None, color_by: str = "orderer"
) -> pd.DataFrame:
    """The bars of the Gantt chart: one row per order that runs in the plan, in plan order,
    with ``id``, ``title``, ``group`` (the ``color_by`` value), ``start``/``end`` (periods;
    ``end`` exclusive), ``start_date``/``end_date`` (dates, end exclusive; NaT in unit
    calendars), ``go_live_period``, ``go_live`` and ``late`` (lateness > 0)."""
    import pandas as pd

    df = plan.orders_frame()
    df = df[df["start_period"].notna()].copy()
    if color_by not in df.columns:
        if portfolio is None:
            raise ValueError(f"color_by={color_by!r} needs the portfolio (gantt(portfolio=...))")
        values = {o.id: getattr(o, color_by, "") for o in portfolio.orders}
        df[color_by] = df["id"].map(values)
    bars = pd.DataFrame(
        {
            "id": df["id"],
            "title": df["title"],
            "group": df[color_by].astype(str),
            "start": df["start_period"].astype("int64"),
            "end": df["finish_period"].astype("int64") + 1,
            "start_date": df["start"],
            "end_date": df["finish"] + pd.Timedelta(days=1),
            "go_live_period": df["go_live_period"].astype("int64"),
            "go_live": df["go_live"],
            "late": df["lateness"] > 0,
        }
    )
    return bars.reset_index(drop=True)


def gantt(
    plan: Plan,
    portfolio: Optional[Portfolio] = None,
    color_by: str = "orderer",
    title: Optional[str] = None,
) -> Any:
    """A Gantt chart: one bar per order from its first to its last working period, coloured
    by ``color_by`` (a column of the orders table such as ``orderer`` or ``state``, or, with
    ``portfolio``, an order field such as ``priority`` or ``category``); a diamond marks each
    go-live, red when the order is late. Date calendars get a date axis, unit calendars a
    period axis. Returns a plotly ``Figure`` (matplotlib ``Figure`` without plotly)."""
    bars = gantt_frame(plan, portfolio, color_by)
    dated = bool(len(bars)) and bars["start_date"].notna().all()
    title = title or "Plan"
    if _backend() == "plotly":
        return _gantt_plotly(bars, dated, title)
    return _gantt_matplotlib(bars, dated, title)


def _gantt_plotly(bars: pd.DataFrame, dated: bool, title: str) -> Any:
    import plotly.graph_objects as go

    fig = go.Figure()
    for group, part in bars.groupby("group", sort=True):
        if dated:
            base = part["start_date"].dt.strftime("%Y-%m-%d").tolist()
            length = ((part["end_date"] - part["start_date"]).dt.total_seconds() * 1000).tolist()
        else:
            base = part["start"].tolist()
            length = (part["end"] - part["start"]).tolist()
        fig.add_trace(
            go.Bar(
                name=str(group),
                y=part["id"].tolist(),
                x=length,
                base=base,
                orientation="h",
                customdata=part["title"].tolist(),
                hovertemplate="%{y}: %{customdata}<extra>" + str(group) + "</extra>",
            )
        )
    live = (
        bars["go_live"].dt.strftime("%Y-%m-%d").tolist()
        if dated
        else (bars["go_live_period"] + 0.5).tolist()
    )
    fig.add_trace(
        go.Scatter(
            name="go-live",
            y=bars["id"].tolist(),
            x=live,
            mode="markers",
            marker={
                "symbol": "diamond",
                "size": 9,
                "color": ["crimson" if late else "black" for late in bars["late"]],
            },
        )
    )
    fig.update_layout(
        title=title,
        barmode="overlay",
        height=max(300, 22 * len(bars) + 120),
        xaxis={"type": "date" if dated else "linear", "title": "date" if dated else "period"},
        yaxis={"autorange": "reversed", "title": "order"},
        legend={"title": "group"},
    )
    return fig


def _gantt_matplotlib(bars: pd.DataFrame, dated: bool, title: str) -> Any:
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(12, max(3.0, 0.3 * len(bars) + 1)))
    groups = sorted(bars["group"].unique())
    colours = {g: f"C{k % 10}" for k, g in enumerate(groups)}
    for k, row in enumerate(bars.itertuples()):
        if dated:
            start = row.start_date.to_pydatetime()
            width = row.end_date.to_pydatetime() - start
            live: Any = row.go_live.to_pydatetime()
        else:
            start, width, live = row.start, row.end - row.start, row.go_live_period + 0.5
        ax.barh(k, width, left=start, color=colours[row.group])
        ax.plot([live], [k], marker="D", color="crimson" if row.late else "black")
    ax.set_yticks(range(len(bars)))
    ax.set_yticklabels(bars["id"])
    ax.invert_yaxis()
    ax.set_title(title)
    ax.set_xlabel("date" if dated else "period")
    fig.tight_layout()
    return fig


def load_chart(plan: Plan, title: Optional[str] = None) -> Any:
    """A heat map of utilisation (load / capacity) per team and period: above 1 only where
    the plan breaks capacity (the verifier reports it). Returns a plotly ``Figure``
    (matplotlib ``Figure`` without plotly)."""
    load = plan.load_frame()
    grid = load.pivot(index="team", columns="period", values="utilisation")
    teams = list(dict.fromkeys(load["team"]))
    grid = grid.reindex(teams)
    labels = load.drop_duplicates("period").set_index("period")["label"].reindex(grid.columns)
    title = title or "Team utilisation"
    if _backend() == "plotly":
        import plotly.graph_objects as go

        fig = go.Figure(
            go.Heatmap(
                z=grid.to_numpy(),
                x=labels.tolist(),
                y=teams,
                zmin=0.0,
                zmax=1.0,
                colorscale="YlOrRd",
                colorbar={"title": "utilisation"},
            )
        )
        fig.update_layout(title=title, xaxis={"title": "period"}, yaxis={"title": "team"})
        return fig
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(12, 0.5 * len(teams) + 1.5))
    image = ax.imshow(grid.to_numpy(dtype=float), aspect="auto", cmap="YlOrRd", vmin=0, vmax=1)
    ax.set_yticks(range(len(teams)))
    ax.set_yticklabels(teams)
    ax.set_title(title)
    fig.colorbar(image, ax=ax, label="utilisation")
    fig.tight_layout()
    return fig

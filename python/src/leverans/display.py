"""HTML for notebooks. Every piece of user text (ids, titles, names) is escaped: a title such
as ``<script>`` shows as text."""

from __future__ import annotations

from html import escape
from typing import TYPE_CHECKING, Any, Iterable, Sequence

if TYPE_CHECKING:  # pragma: no cover
    from .plan import Plan
    from .portfolio import Portfolio
    from .result import SolveResult

_MAX_ROWS = 60


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.4g}"
    return escape(str(value))


def table(headers: Sequence[str], rows: Iterable[Sequence[Any]], limit: int = _MAX_ROWS) -> str:
    """An HTML table with escaped cells; rows past ``limit`` are counted, not shown."""
    head = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = []
    hidden = 0
    for k, row in enumerate(rows):
        if k >= limit:
            hidden += 1
            continue
        body.append("<tr>" + "".join(f"<td>{_cell(v)}</td>" for v in row) + "</tr>")
    more = f"<p>… and {hidden} more rows</p>" if hidden else ""
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>{more}"


def plan_html(plan: Plan) -> str:
    s = plan.summary
    summary = table(["figure", "value"], list(s.items()))
    orders = table(
        ["id", "title", "state", "start", "go-live", "due period", "lateness"],
        (
            (
                o["id"],
                o.get("title", ""),
                o["state"],
                o.get("start") or o.get("start_period"),
                o.get("go_live") or o.get("go_live_period"),
                o.get("due_period"),
                o["lateness"],
            )
            for o in plan.orders
        ),
    )
    return f"<div><strong>Plan</strong>{summary}{orders}</div>"


def result_html(result: SolveResult) -> str:
    figures = table(
        ["status", "objective", "bound", "gap", "seconds", "source", "reason"],
        [
            (
                result.status,
                result.objective,
                result.bound,
                result.gap,
                result.seconds,
                result.source,
                result.reason,
            )
        ],
    )
    plan = plan_html(result.plan) if result.plan is not None else ""
    return f"<div><strong>SolveResult</strong>{figures}{plan}</div>"


def portfolio_html(p: Portfolio) -> str:
    cal = p.calendar
    horizon = f"{cal.start} to {cal.end}" if cal.start else f"{cal.periods} periods"
    head = (
        f"<strong>Portfolio {escape(p.name)}</strong>"
        f"<p>{escape(cal.period)} calendar, {escape(horizon)}; {len(p.teams)} teams, "
        f"{len(p.orders)} orders, {len(p.dependencies)} dependencies, "
        f"{len(p.freeze_windows)} freeze windows</p>"
    )
    teams = table(["id", "name", "hours/week"], ((t.id, t.name, t.hours_per_week) for t in p.teams))
    orders = table(
        ["id", "title", "orderer", "priority", "status", "due", "deadline"],
        ((o.id, o.title, o.orderer, o.priority, o.status, o.due, o.deadline) for o in p.orders),
    )
    return f"<div>{head}{teams}{orders}</div>"

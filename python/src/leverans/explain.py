"""Why each order is late, stopped or reduced, as a table.

The core explains a plan order by order (``leverans explain`` on the command line, the
``explanations`` of the JSON plan ``leverans plan --out`` writes): a headline, the chain of
causes from its start to its go-live, and the remedies that would make it on time or deliver
it. :func:`explain_frame` lays them out one row per cause or remedy, in
:data:`EXPLAIN_COLUMNS`.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any, List, Optional

from . import _core

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from .plan import Plan
    from .portfolio import Portfolio

__all__ = ["EXPLAIN_COLUMNS", "explain_frame", "explanations"]

#: Columns of :func:`explain_frame`: ``part`` is ``"cause"`` or ``"remedy"``; ``kind`` the
#: cause's kind (``dependency``, ``team_full``, ``freeze``, ...; empty for remedies);
#: ``orders`` the other orders involved, comma-separated; ``hours`` and ``cost`` where the
#: cause or remedy has them.
EXPLAIN_COLUMNS = (
    "order",
    "decision",
    "headline",
    "part",
    "kind",
    "text",
    "team",
    "first_period",
    "last_period",
    "orders",
    "hours",
    "cost",
)


def explanations(plan: Plan, portfolio: Optional[Portfolio] = None) -> List[dict[str, Any]]:
    """The plan's explanations: computed by the core from ``portfolio`` when one is given,
    else those the plan carries (a plan read from ``leverans plan --out``). ``ValueError``
    when there is neither."""
    if portfolio is not None:
        return list(json.loads(_core.explain(portfolio.to_json(), plan.to_json())))
    carried = plan.extra.get("explanations")
    if carried:
        return list(carried)
    raise ValueError(
        "this plan carries no explanations: pass the portfolio it was made for "
        "(plan.explain(portfolio=...)) or use SolveResult.explain()"
    )


def explain_frame(items: List[dict[str, Any]], order: Optional[str] = None) -> pd.DataFrame:
    """One row per cause and remedy of ``items`` (of order ``order`` only, when given:
    ``KeyError`` when no explanation has that id)."""
    import pandas as pd

    if order is not None:
        items = [e for e in items if e.get("order") == order]
        if not items:
            raise KeyError(f"no order `{order}` in the plan")
    rows = []
    for e in items:
        head = {
            "order": e["order"],
            "decision": e["decision"],
            "headline": e["headline"],
        }
        for part, key in (("cause", "causes"), ("remedy", "remedies")):
            for c in e.get(key, []):
                rows.append(
                    {
                        **head,
                        "part": part,
                        "kind": c.get("kind", ""),
                        "text": c["text"],
                        "team": c.get("team"),
                        "first_period": c.get("first_period"),
                        "last_period": c.get("last_period"),
                        "orders": ", ".join(c.get("orders", [])),
                        "hours": c.get("hours"),
                        "cost": c.get("cost"),
                    }
                )
    frame = pd.DataFrame(rows, columns=list(EXPLAIN_COLUMNS))
    for col in ("first_period", "last_period"):
        frame[col] = frame[col].astype("Int64")
    for col in ("hours", "cost"):
        frame[col] = frame[col].astype("float64")
    return frame

"""Scenario sweeps beyond one process: :func:`sweep` solves named variants of a base portfolio
(the scenario file of ``leverans scenarios``, ``docs/scenarios.md``) in worker processes, or on
a Dask cluster when given a ``dask.distributed.Client``, and returns one table side by side.

Each scenario travels as the core's JSON text (the base portfolio, the scenario, the base's
plan) and is solved by the compiled core on one thread with the GIL released, so a worker
needs only ``leverans`` installed. On a real cluster: install the same ``leverans`` wheel on
every worker (``pip install leverans`` in the workers' image, or
``client.upload_file`` of the wheel), connect ``Client("tcp://scheduler:8786")`` and pass it
as ``client``; workers with one thread each and one process per core use the machines best
(``dask worker --nthreads 1 --nworkers auto``). A scenario whose plan is proven optimal gives
the same row wherever it runs; a plan stopped at its time limit depends on the machine's
speed, as any time-limited solve does.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any, Optional, Union

from . import _core

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

    from .portfolio import Portfolio

__all__ = ["SWEEP_COLUMNS", "sweep"]

#: Columns of the table :func:`sweep` returns, one row per scenario, the base first.
SWEEP_COLUMNS = (
    "name",
    "status",
    "gap",
    "orders",
    "value_delivered",
    "on_time_share",
    "weighted_lateness",
    "consultant_cost",
    "last_go_live",
    "orders_moved",
    "violations",
)

Scenarios = Union[Mapping[str, Any], Sequence[Mapping[str, Any]]]


def _solve_one(base_json: str, scenario_json: str, base_plan_json: str, time_limit: float) -> str:
    """One scenario solved (a module-level function, so processes and Dask can pickle it)."""
    return _core.scenario(base_json, scenario_json, base_plan_json, time_limit)


def sweep(
    base: Portfolio,
    scenarios: Scenarios,
    client: Optional[Any] = None,
    time_limit: float = 30.0,
    processes: Optional[int] = None,
) -> pd.DataFrame:
    """Solves ``base`` and every scenario (a list of scenario dicts, or ``{"scenarios":
    [...]}`` as in a scenario file), each within ``time_limit`` seconds on one thread.

    The base is solved first, here; then the scenarios on ``client`` (a
    ``dask.distributed.Client``) when given, else in ``processes`` worker processes (default:
    one per core; 0 solves them in this process, one after the other). Returns one row per
    scenario, the base first (:data:`SWEEP_COLUMNS`, as ``leverans scenarios --json``);
    ``violations`` counts the rules a plan breaks by the independent verifier (0).
    ``ValueError`` for a scenario without a name or a repeated one; the core's errors
    (``ValidationError`` naming the scenario, field and value) otherwise.

    >>> import leverans as lv
    >>> p = lv.Portfolio(lv.Calendar.units(10))
    >>> _ = p.add_team("dev", hours_per_week=10)
    >>> _ = p.add_order("a", effort={"dev": 30}, due=1)
    >>> # 30 h at 10 a period: live in period 2, one late (weight 2); at 20 a period, on time.
    >>> hire = {"name": "hire", "team_hours": [{"team": "dev", "hours_per_week": 20}]}
    >>> table = lv.sweep(p, [hire], time_limit=10, processes=0)
    >>> table[["name", "status", "weighted_lateness"]].values.tolist()
    [['base', 'optimal', 2.0], ['hire', 'optimal', 0.0]]
    """
    import pandas as pd

    items = list(scenarios["scenarios"] if isinstance(scenarios, Mapping) else scenarios)
    names = [s.get("name") for s in items]
    for name in names:
        if not name or name == "base" or names.count(name) > 1:
            raise ValueError(
                f"scenario name {name!r}: every scenario needs its own name, other than `base`"
            )
    base_json = base.to_json()
    first = json.loads(_solve_one(base_json, "", "", time_limit))
    base_plan = json.dumps(first["plan"]) if first.get("plan") else ""
    texts = [json.dumps(s) for s in items]
    n = len(texts)
    args = ([base_json] * n, texts, [base_plan] * n, [time_limit] * n)
    if client is not None:
        results = client.gather(client.map(_solve_one, *args, pure=False))
    elif processes == 0 or n == 0:
        results = [_solve_one(*a) for a in zip(*args)]
    else:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        # Spawned, not forked: the parent may hold the core's worker threads.
        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(max_workers=processes, mp_context=context) as pool:
            results = list(pool.map(_solve_one, *args))
    rows = [first["row"]] + [json.loads(r)["row"] for r in results]
    return pd.DataFrame(rows, columns=list(SWEEP_COLUMNS))

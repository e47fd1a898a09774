"""The compiled half of ``leverans`` (Rust, pyo3). Every value crosses as the core's canonical
JSON text; use the ``leverans`` package instead of calling these directly."""

import os
from typing import Callable, Optional

__all__ = [
    "__version__",
    "_hold_run_for_tests",
    "_panic_for_tests",
    "at_percentile",
    "chart",
    "default_options",
    "diff",
    "explain",
    "freeze_baseline",
    "parse_portfolio",
    "plan_columns",
    "read_portfolio_file",
    "report",
    "scenario",
    "simulate",
    "solve",
    "validate",
    "verify",
    "vocabulary",
    "wait_for_background_runs",
    "warnings",
]

__version__: str

def parse_portfolio(text: str, source_name: str = ...) -> str:
    """Portfolio JSON in canonical form; raises ``ParseError`` with line and column."""

def read_portfolio_file(path: str | os.PathLike[str]) -> str:
    """A ``.json`` or PSPLIB ``.sm`` file as canonical portfolio JSON."""

def warnings(portfolio_json: str) -> str:
    """A JSON list of warnings: what can be planned but looks wrong."""

def validate(portfolio_json: str) -> str:
    """A JSON list of issues (empty when the portfolio is valid)."""

def verify(portfolio_json: str, plan_json: str) -> str:
    """A JSON list of the rules the plan breaks (empty when it keeps them all)."""

def explain(portfolio_json: str, plan_json: str) -> str:
    """A JSON list of explanations, one per order of the plan."""

def freeze_baseline(portfolio_json: str, plan_json: str, until_json: str) -> str:
    """The portfolio with everything the plan does before ``until`` settled (pins, actuals)."""

def report(
    portfolio_json: str,
    plan_json: str,
    outcome_json: str,
    baseline_json: str,
    simulation_json: str = ...,
) -> str:
    """The plan report as one self-contained HTML page (empty outcome, baseline or
    simulation: none)."""

def diff(before_json: str, after_json: str) -> str:
    """What changed between two plans, as JSON."""

def chart(portfolio_json: str, plan_json: str, kind: str) -> str:
    """One of the report's charts (``gantt`` or ``load``) as HTML with inline SVG."""

def plan_columns() -> str:
    """The columns of the plan's CSV tables, as JSON."""

def vocabulary() -> str:
    """Every enum's names as JSON: priorities, order_statuses, objectives, statuses, ..."""

def default_options() -> str:
    """The core's default solve options as JSON."""

def solve(
    portfolio_json: str,
    options_json: str,
    progress: Optional[Callable[[str], object]] = None,
) -> str:
    """The outcome as JSON; releases the GIL and raises KeyboardInterrupt on Ctrl-C.
    ``progress`` is called about every half second with a line saying what the solve is
    doing, and once at the end."""

def simulate(
    portfolio_json: str,
    plan_json: str,
    runs: int,
    seed: int,
    threads: int | None = None,
    estimates_json: str = ...,
) -> str:
    """Monte Carlo dates of a plan as JSON (drawn from ``estimates_json`` when given);
    releases the GIL."""

def at_percentile(portfolio_json: str, q: float) -> str:
    """The portfolio with every three-point estimate at its ``q``-quantile."""

def scenario(base_json: str, scenario_json: str, base_plan_json: str, time_limit: float) -> str:
    """One scenario of a sweep solved: ``{"row": ..., "plan": ...}`` as JSON."""

def wait_for_background_runs(seconds: float) -> bool:
    """Waits (without the GIL, at most ``seconds``) until no MIP run a solve left behind is
    still running; whether none is. Called at interpreter exit by the package."""

def _hold_run_for_tests(path: str | os.PathLike[str], seconds: float) -> None:
    """Test hook: a thread counted as a left MIP run that writes ``done`` to ``path`` after
    ``seconds``; the interpreter's exit waits for it."""

def _panic_for_tests(message: str) -> None:
    """Test hook: a Rust panic at the boundary, raised as ``SolverError``."""

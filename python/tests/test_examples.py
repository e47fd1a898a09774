"""The Python examples run: the script and the notebook (executed with nbclient), and the
report the notebook writes opens in headless Chromium."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO

EXAMPLES = REPO / "examples" / "python"


def test_plan_tyreso_script(tmp_path) -> None:
    html = tmp_path / "gantt.html"
    run = subprocess.run(
        [
            sys.executable,
            str(EXAMPLES / "plan_tyreso.py"),
            "--time-limit",
            "15",
            "--html",
            str(html),
        ],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=tmp_path,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "what if `e-archive`" in run.stdout
    assert "weighted lateness:" in run.stdout


def test_notebook_is_stripped_and_runs() -> None:
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    pytest.importorskip("ipykernel")
    nb = nbformat.read(EXAMPLES / "tyreso.ipynb", as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert not cell.outputs and cell.execution_count is None, "strip the notebook"
    for cell in nb.cells:
        if cell.cell_type == "code" and cell.source.startswith("from pathlib"):
            cell.source = cell.source.replace("TIME_LIMIT = 20", "TIME_LIMIT = 15")
    client = nbclient.NotebookClient(
        nb,
        timeout=600,
        kernel_name="python3",
        resources={"metadata": {"path": str(EXAMPLES)}},
    )
    client.execute()
    errors = [o for c in nb.cells for o in c.get("outputs", []) if o.output_type == "error"]
    assert errors == []
    # The report the notebook wrote, opened as a person would (where Chromium is installed).
    printed = [
        o.get("text", "")
        for c in nb.cells
        for o in c.get("outputs", [])
        if o.output_type == "stream"
    ]
    report = next(
        Path(line.split()[0])
        for t in printed
        for line in t.splitlines()
        if "tyreso-plan.html" in line
    )
    assert report.is_file()
    if shutil.which("chromium") is None:
        pytest.skip("the notebook ran; no Chromium here to open its report")
    check = subprocess.run(
        [
            sys.executable,
            str(REPO / "scripts" / "check-report.py"),
            str(report),
            str(REPO / "examples" / "tyreso-2013" / "portfolio.json"),
            str(report.with_suffix(".png")),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert check.returncode == 0, check.stdout + check.stderr

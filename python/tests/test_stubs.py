"""The hand-written stubs of the compiled module match it."""

from __future__ import annotations

import subprocess
import sys

import pytest


def test_stubtest_core() -> None:
    pytest.importorskip("mypy")
    run = subprocess.run(
        [sys.executable, "-m", "mypy.stubtest", "leverans._core"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert run.returncode == 0, run.stdout + run.stderr

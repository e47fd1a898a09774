"""Ctrl-C during a long solve raises KeyboardInterrupt promptly, and solving works after."""

from __future__ import annotations

import os
import signal
import sys
import threading
import time

import pytest
from conftest import generated, solve_verified

import leverans as lv

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGINT to self is POSIX")


def test_sigint_interrupts_a_long_solve() -> None:
    p = generated()
    assert p.validate() == []
    sent: list[float] = []

    def interrupt() -> None:
        sent.append(time.monotonic())
        os.kill(os.getpid(), signal.SIGINT)

    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    timer = threading.Timer(1.5, interrupt)
    try:
        timer.start()
        with pytest.raises(KeyboardInterrupt):
            p.solve(time_limit=30)
        caught = time.monotonic()
    finally:
        timer.cancel()
        signal.signal(signal.SIGINT, previous)
    assert sent, "the solve ended before the interrupt was sent"
    # The caller polls for signals every 50 ms; 2 s leaves room for a loaded machine.
    assert caught - sent[0] < 2.0


def test_solving_works_after_an_interrupt(small: lv.Portfolio) -> None:
    r = solve_verified(small, time_limit=10)
    assert r.status == "optimal"

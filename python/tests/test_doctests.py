"""The docstring examples of the installed package run (they double as its quickstart)."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "leverans",
    "leverans.portfolio",
    "leverans.errors",
    "leverans.simulation",
    "leverans.sweep",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    module = importlib.import_module(name)
    failures, tried = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert tried > 0
    assert failures == 0

#!/usr/bin/env bash
# Builds and installs the Python package (with the test, plot and excel extras), then runs
# ruff, mypy and pytest. Called by `make test`; runs from any directory.
#
# The Rust extension builds in the release profile into the workspace's target directory
# (CARGO_TARGET_DIR, default <repo>/target), so HiGHS is not compiled again when the rest of
# the workspace has been built; one job at a time unless CARGO_BUILD_JOBS says otherwise.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
export CARGO_BUILD_JOBS="${CARGO_BUILD_JOBS:-1}"
PYTHON="${PYTHON:-python3}"
# Tool caches go under python/ (ignored there), not into the repository root.
export RUFF_CACHE_DIR="${RUFF_CACHE_DIR:-$ROOT/python/.ruff_cache}"

# Without build isolation the build sees a stable interpreter path, so cargo reuses its
# fingerprints (pyo3 is not rebuilt on every run); maturin is then installed first.
"$PYTHON" -m pip install --quiet "maturin>=1.9.4,<2"
"$PYTHON" -m pip install --quiet --no-build-isolation "./python[test,plot,excel]"

"$PYTHON" -m ruff check python examples/python scripts
"$PYTHON" -m ruff format --check python/src python/tests examples/python scripts
"$PYTHON" -m mypy --config-file python/pyproject.toml --cache-dir python/.mypy_cache python/src/leverans
cd python
"$PYTHON" -m pytest tests "$@"

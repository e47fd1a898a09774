#!/usr/bin/env bash
# The plan report as a person sees it: plans the Tyresö example, writes its HTML report, and
# opens it in headless Chromium (scripts/check-report.py). Installs Debian's `chromium` where
# it is missing; without it (no apt, no root) the test says SKIPPED and does not pass.
# The report and its screenshot stay under target/report/ as artefacts.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
OUT="${CARGO_TARGET_DIR:-$ROOT/target}/report"
mkdir -p "$OUT"

if ! command -v chromium >/dev/null 2>&1; then
    SUDO=""
    if [ "$(id -u)" != 0 ] && command -v sudo >/dev/null 2>&1; then SUDO="sudo"; fi
    if command -v apt-get >/dev/null 2>&1 && { [ "$(id -u)" = 0 ] || [ -n "$SUDO" ]; }; then
        echo "report-test: installing chromium (Debian package) for the browser check"
        $SUDO apt-get update -qq || true
        DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null ||
            echo "report-test: could not install chromium (apt-get install chromium by hand)"
    fi
fi

cargo run --release -q -p leverans-cli -- plan examples/tyreso-2013/portfolio.json \
    --time-limit 10 --threads 2 --out "$OUT/tyreso-outcome.json" >/dev/null
cargo run --release -q -p leverans-cli -- report examples/tyreso-2013/portfolio.json \
    "$OUT/tyreso-outcome.json" --simulate 500 --out "$OUT/tyreso.html"
set +e
python3 scripts/check-report.py "$OUT/tyreso.html" examples/tyreso-2013/portfolio.json \
    "$OUT/tyreso.png"
code=$?
set -e
if [ "$code" = 2 ]; then
    echo "report-test: SKIPPED (no Chromium); the report was written but not opened"
    exit 0
fi
exit "$code"

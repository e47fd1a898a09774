#!/usr/bin/env bash
# Time and size of the HTML plan report for generated portfolios of 100, 1 000 and 5 000
# orders (10 teams, 104 weeks, seed 1): each planned for 10 s on 2 threads, then
# `leverans report` timed, the file measured, and Chromium's load timed (`--dump-dom`).
# Prints a Markdown table for BENCHMARKS.md. Needs Chromium (Debian's `chromium`).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
OUT="${CARGO_TARGET_DIR:-$ROOT/target}/report-bench"
mkdir -p "$OUT"
cargo build --release -q -p leverans-cli -p leverans-benches
L=./target/release/leverans
echo "| orders | report size | written in | Chromium loads it in |"
echo "|---:|---:|---:|---:|"
for n in 100 1000 5000; do
    P="target/gen/generated-${n}x10x104w-seed1.json"
    [ -f "$P" ] || ./target/release/portfolio_tool generate --orders "$n" --teams 10 --weeks 104 --seed 1 --out target/gen >/dev/null
    "$L" plan "$P" --time-limit 10 --threads 2 --out "$OUT/plan-$n.json" >/dev/null || true
    s=$(date +%s.%N)
    "$L" report "$P" "$OUT/plan-$n.json" --out "$OUT/report-$n.html" >/dev/null
    e=$(date +%s.%N)
    size=$(stat -c %s "$OUT/report-$n.html")
    s2=$(date +%s.%N)
    timeout 300 chromium --headless=new --no-sandbox --disable-gpu --dump-dom "file://$OUT/report-$n.html" >/dev/null 2>&1
    e2=$(date +%s.%N)
    python3 -c "print('| $n | %.2f MB | %.2f s | %.1f s |' % ($size / 1e6, $e - $s, $e2 - $s2))"
done

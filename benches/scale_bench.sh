#!/usr/bin/env bash
# Scale: generated portfolios of 10 000 and 100 000 orders (50 teams, 156 weeks, seed 1)
# planned with `leverans plan --time-limit 10 --threads 2`; wall time of the whole command
# (reading the file and printing the plan included; without --out, whose explanations of
# every order take longer than the solve at 100 000 orders), the solve's own seconds, peak memory
# (GNU time's maximum resident set) and whether `leverans verify` accepts the plan. Prints a
# Markdown table for BENCHMARKS.md.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
OUT="${CARGO_TARGET_DIR:-$ROOT/target}/scale-bench"
mkdir -p "$OUT" target/gen
cargo build --release -q -p leverans-cli -p leverans-benches
L=./target/release/leverans
echo "| orders | command wall time | solve | peak memory | plan from | verified |"
echo "|---:|---:|---:|---:|---|---|"
for n in 10000 100000; do
    P="target/gen/generated-${n}x50x156w-seed1.json"
    [ -f "$P" ] || ./target/release/portfolio_tool generate --orders "$n" --teams 50 --weeks 156 --seed 1 --out target/gen >/dev/null
    /usr/bin/time -v "$L" plan "$P" --time-limit 10 --threads 2 >"$OUT/stdout-$n.txt" 2>"$OUT/time-$n.txt" || true
    # Once more with the plan file (which carries every order's explanation) to verify it.
    "$L" plan "$P" --time-limit 10 --threads 2 --out "$OUT/plan-$n.json" >/dev/null 2>&1 || true
    wall=$(grep "Elapsed (wall clock)" "$OUT/time-$n.txt" | awk '{print $NF}')
    rss=$(grep "Maximum resident" "$OUT/time-$n.txt" | awk '{print $NF}')
    solve=$(grep -o '[0-9.]* s   (plan from [A-Za-z]*)' "$OUT/stdout-$n.txt" | head -1)
    if "$L" verify "$P" "$OUT/plan-$n.json" >/dev/null 2>&1; then ok=yes; else ok=no; fi
    python3 -c "
s = '''$solve'''.split()
print('| $n | $wall | %s s | %.0f MB | %s | $ok |' % (s[0] if s else '-', $rss / 1024, s[-1].rstrip(')') if s else '-'))
"
done

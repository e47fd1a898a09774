#!/usr/bin/env bash
# Monte Carlo dates (issue #14): wall time of `leverans simulate` with 1 000 runs on the Tyresö
# example and on generated portfolios of 100 and 1 000 orders, with 1 and 2 threads.
#
#   benches/simulate_bench.sh [RUNS=1000] [SPECS="100x104 1000x104"]
#
# Tyresö is planned for 10 s on 2 threads; each generated portfolio (10 teams, load 0.7, seed
# 1, `portfolio_tool generate`) gets three-point estimates on every effort (hours_low 0.8 ×,
# hours_high 1.5 × the hours) and is planned for 20 s on 1 thread. Each simulation is run three
# times per thread count; the table gives the fastest wall time (GNU time) and checks that the
# output is the same with 1 and 2 threads. Results: target/simulate-bench/.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-1000}
specs=${2:-"100x104 1000x104"}
out=target/simulate-bench
mkdir -p "$out"
[ -x /usr/bin/time ] || { echo "needs GNU time: apt-get install time" >&2; exit 1; }
CARGO_BUILD_JOBS=${CARGO_BUILD_JOBS:-1} cargo build --release -q -p leverans-cli -p leverans-benches --bin leverans --bin portfolio_tool
lv=target/release/leverans
tool=target/release/portfolio_tool

best() { # best wall time of three runs of `leverans simulate ARGS`, output kept in $out/last.txt
  local best=""
  for _ in 1 2 3; do
    /usr/bin/time -f %e -o "$out/time.txt" "$lv" simulate "$@" > "$out/last.txt"
    t=$(cat "$out/time.txt")
    if [ -z "$best" ] || awk "BEGIN{exit !($t < $best)}"; then best=$t; fi
  done
  echo "$best"
}

row() { # NAME PORTFOLIO PLAN
  local orders
  orders=$(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))['orders']))" "$2")
  t1=$(best "$2" "$3" --runs "$runs" --seed 1 --threads 1); cp "$out/last.txt" "$out/$1-1.txt"
  t2=$(best "$2" "$3" --runs "$runs" --seed 1 --threads 2); cp "$out/last.txt" "$out/$1-2.txt"
  same=$(cmp -s "$out/$1-1.txt" "$out/$1-2.txt" && echo yes || echo NO)
  echo "| $1 | $orders | $runs | $t1 s | $t2 s | $same |"
}

echo "| portfolio | orders | runs | 1 thread | 2 threads | same output |"
echo "|---|---|---|---|---|---|"
"$lv" plan examples/tyreso-2013/portfolio.json --time-limit 10 --threads 2 --out "$out/tyreso-plan.json" > /dev/null
row tyreso examples/tyreso-2013/portfolio.json "$out/tyreso-plan.json"
for spec in $specs; do
  orders=${spec%x*}
  weeks=${spec#*x}
  gen=$("$tool" generate --orders "$orders" --teams 10 --weeks "$weeks" --seed 1 --out "$out")
  path=$(echo "$gen" | python3 -c "import json,sys; print(json.load(sys.stdin)['portfolio'])")
  python3 - "$path" "$out/gen-$spec.json" <<'PY'
import json, sys
p = json.load(open(sys.argv[1]))
for o in p["orders"]:
    for e in o.get("effort", []):
        e["hours_low"] = round(e["hours"] * 0.8, 1)
        e["hours_high"] = round(e["hours"] * 1.5, 1)
json.dump(p, open(sys.argv[2], "w"))
PY
  "$lv" plan "$out/gen-$spec.json" --time-limit 20 --threads 1 --out "$out/gen-$spec-plan.json" > /dev/null || true
  row "generated $spec" "$out/gen-$spec.json" "$out/gen-$spec-plan.json"
done

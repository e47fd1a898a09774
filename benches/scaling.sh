#!/usr/bin/env bash
# Leverans's solve on generated portfolios of growing size (issue #4): time to a first plan,
# total wall time at a time limit, and peak memory.
#
#   benches/scaling.sh [TIME_LIMIT=60] [THREADS=1] [SPECS="100x104 1000x104 5000x104 1000x52 1000x156"]
#
# Each spec is ORDERSxWEEKS (10 teams, load 0.7, seed 1). For each, `portfolio_tool generate`
# writes the portfolio and `portfolio_tool solve` plans it (goal weighted tardiness, then
# weighted completion) under `/usr/bin/time -v`. "First plan" is validation, time windows and
# one greedy pass, the first steps of the solve, timed on their own; "solve" is the solve's own
# wall time; "wall" and "peak memory" are the whole process's (reading the JSON, the greedy
# pass and the solve). A run is killed after 10 × the limit + 120 s, or when it asks for more
# than MEM_CAP_GB (default 8) of address space; the row then says so. TOOL=path uses a built
# portfolio_tool instead of building one.
# Needs GNU time (`apt-get install time`). Results: target/scaling/.
set -euo pipefail
cd "$(dirname "$0")/.."
limit=${1:-60}
threads=${2:-1}
specs=${3:-"100x104 1000x104 5000x104 1000x52 1000x156"}
cap_kb=$(( ${MEM_CAP_GB:-8} * 1024 * 1024 ))
out=target/scaling
mkdir -p "$out"
[ -x /usr/bin/time ] || { echo "needs GNU time: apt-get install time" >&2; exit 1; }
tool=${TOOL:-}   # a built portfolio_tool; default: build it
if [ -z "$tool" ]; then
  CARGO_BUILD_JOBS=${CARGO_BUILD_JOBS:-1} cargo build --release -q -p leverans-benches --bin portfolio_tool
  tool=target/release/portfolio_tool
fi

field() { python3 -c "import json,sys; v=json.load(sys.stdin).get('$1'); print('-' if v is None else v)"; }

echo "| orders | weeks | links | status | weighted tardiness | verified | first plan | solve | wall | peak memory |"
echo "|---|---|---|---|---|---|---|---|---|---|"
for spec in $specs; do
  orders=${spec%x*}
  weeks=${spec#*x}
  gen=$("$tool" generate --orders "$orders" --teams 10 --weeks "$weeks" --seed 1 --out "$out")
  name=$(echo "$gen" | field name)
  links=$(echo "$gen" | field links)
  set +e
  ( ulimit -v "$cap_kb"
    /usr/bin/time -v -o "$out/$name.time" \
      timeout -s KILL $(( ${limit%.*} * 10 + 120 )) \
      "$tool" solve "$out/$name.json" --time-limit "$limit" --threads "$threads" \
      > "$out/$name.solve.json" 2> "$out/$name.stderr" )
  code=$?
  set -e
  rss_kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$out/$name.time")
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$out/$name.time")
  if [ "$code" -ne 0 ] || ! grep -q '"engine"' "$out/$name.solve.json"; then
    status="failed (exit $code: $(tail -c 120 "$out/$name.stderr" | tr '\n|' '  '))"
    wt=-; ok=-; first=-; solve=-
  else
    r=$(cat "$out/$name.solve.json")
    status=$(echo "$r" | field status)
    wt=$(echo "$r" | field weighted_tardiness)
    ok=$(echo "$r" | field verified)
    first=$(echo "$r" | python3 -c "import json,sys; v=json.load(sys.stdin)['first_plan_seconds']; print('-' if v is None else f'{v:.3f} s')")
    solve=$(echo "$r" | python3 -c "import json,sys; print(f\"{json.load(sys.stdin)['seconds']:.1f} s\")")
  fi
  echo "| $orders | $weeks | $links | $status | $wt | $ok | $first | $solve | $wall | $(( rss_kb / 1024 )) MB |"
done

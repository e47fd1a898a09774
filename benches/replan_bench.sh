#!/usr/bin/env bash
# Re-planning Tyresö after a re-prioritisation (an order made critical, its explicit weight
# removed so the priority counts; default `school-admin`): the 10 s plan of the unchanged
# portfolio is the baseline, then the changed portfolio is planned four ways, 10 s on 2 threads
# each, and compared with `leverans diff` against the baseline:
#   without the baseline; with --baseline; with --baseline --frozen-until DATE (default
#   2014-03-03); the same with --change-weight 0. TIME_LIMIT=30 for 30 s each.
# Every plan is checked with `leverans verify` (the frozen one against the portfolio it was
# planned with). Prints a Markdown table for docs/replanning.md.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
ORDER="${1:-school-admin}"
UNTIL="${2:-2014-03-03}"
OUT="${CARGO_TARGET_DIR:-$ROOT/target}/replan-bench"
mkdir -p "$OUT"
cargo build --release -q -p leverans-cli
L=./target/release/leverans
P=examples/tyreso-2013/portfolio.json
RUN=(--time-limit "${TIME_LIMIT:-10}" --threads 2)
"$L" plan "$P" "${RUN[@]}" --out "$OUT/base.json" >/dev/null
python3 - "$P" "$ORDER" "$OUT/changed.json" <<'PY'
import json, sys
p = json.load(open(sys.argv[1]))
o = next(o for o in p["orders"] if o["id"] == sys.argv[2])
o["priority"] = "critical"
o.pop("weight", None)
json.dump(p, open(sys.argv[3], "w"), ensure_ascii=False, indent=1)
PY
C="$OUT/changed.json"
"$L" plan "$C" "${RUN[@]}" --out "$OUT/free.json" >/dev/null
"$L" plan "$C" "${RUN[@]}" --baseline "$OUT/base.json" --out "$OUT/kept.json" >/dev/null
"$L" plan "$C" "${RUN[@]}" --baseline "$OUT/base.json" --frozen-until "$UNTIL" \
    --save-portfolio "$OUT/frozen-portfolio.json" --out "$OUT/frozen.json" >/dev/null
"$L" plan "$C" "${RUN[@]}" --baseline "$OUT/base.json" --frozen-until "$UNTIL" \
    --change-weight 0 --out "$OUT/frozen-w0.json" >/dev/null
"$L" verify "$P" "$OUT/base.json" >/dev/null
for f in free kept; do "$L" verify "$C" "$OUT/$f.json" >/dev/null; done
for f in frozen frozen-w0; do "$L" verify "$OUT/frozen-portfolio.json" "$OUT/$f.json" >/dev/null; done
echo "| re-plan ($ORDER made critical) | orders changed | later | earlier | decisions changed | weighted lateness |"
echo "|---|---:|---:|---:|---:|---:|"
for f in free kept frozen frozen-w0; do
    case $f in
        free) name="without the baseline" ;;
        kept) name="with \`--baseline\`" ;;
        frozen) name="with \`--baseline --frozen-until $UNTIL\`" ;;
        frozen-w0) name="the same, \`--change-weight 0\`" ;;
    esac
    "$L" diff "$OUT/base.json" "$OUT/$f.json" --json | python3 -c "
import json, sys
d = json.load(sys.stdin)
print('| $name | %d | %d | %d | %d | %.0f |' % (d['changed'], d['later'], d['earlier'], d['decisions_changed'], d['weighted_lateness'][1]))
"
done

#!/usr/bin/env bash
# CPU time of one whole crmflow process beside Graphviz dot on the same
# graphs (issue #28's table in docs/layout.md): the shared bench's
# generated flows (../shared/bench/gen.py, seed 20260930) at 10, 30 and
# 100 nodes, crmflow's flow.crmflow against dot's graph.dot, SVG (and PDF
# and PNG at 30), each `perf stat -e task-clock -r 20`, one machine, one
# run. Needs perf (Debian: linux-perf) and dot (graphviz).
#
#   cargo build --release && bash benches/startup.sh [path/to/gen.py]
set -euo pipefail
here="$(cd "$(dirname "$0")/.." && pwd)"
bin="${CRMFLOW_BIN:-$here/target/release/crmflow}"
gen="${1:-$here/../shared/bench/gen.py}"
runs="${RUNS:-20}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
python3 "$gen" --out "$work/graphs" 10 30 100 >/dev/null 2>&1
cpu() { # prints the mean task-clock in ms of the command
  perf stat -e task-clock -r "$runs" -x, "$@" 2>&1 >/dev/null | awk -F, '/task-clock/ {printf "%.1f", $1}'
}
export CRMFLOW_TODAY=2026-12-01
printf '| flow | crmflow | dot | ratio |\n|---|---:|---:|---:|\n'
row() { # label, crmflow ms, dot ms
  if [ -n "$3" ]; then
    printf '| %s | %s ms | %s ms | %s |\n' "$1" "$2" "$3" "$(awk -v a="$2" -v b="$3" 'BEGIN {printf "%.2f×", a / b}')"
  else
    printf '| %s | %s ms | — | |\n' "$1" "$2"
  fi
}
for n in 10 30 100; do
  g="$work/graphs/N$n"
  row "$n nodes → SVG" "$(cpu "$bin" render "$g/flow.crmflow" -o "$work/c.svg")" "$(cpu dot -Tsvg "$g/graph.dot" -o "$work/d.svg")"
done
g="$work/graphs/N30"
# The default slide target splits the 30-node flow into pages (five page
# drawings beside the whole one); one drawing, as dot makes:
row "30 nodes → SVG, one drawing (--page none)" "$(cpu "$bin" render --page none "$g/flow.crmflow" -o "$work/n.svg")" "$(cpu dot -Tsvg "$g/graph.dot" -o "$work/d.svg")"
row "30 nodes → PDF" "$(cpu "$bin" render "$g/flow.crmflow" -o "$work/c.pdf")" "$(cpu dot -Tpdf "$g/graph.dot" -o "$work/d.pdf")"
row "30 nodes → PNG" "$(cpu "$bin" render "$g/flow.crmflow" -o "$work/c.png")" "$(cpu dot -Tpng "$g/graph.dot" -o "$work/d.png")"
row "30 nodes, check" "$(cpu "$bin" check "$g/flow.crmflow")" ""
row "10 nodes (Chinese) → SVG" "$(cpu "$bin" render "$here/benches/flows/bench-10.crmflow" -o "$work/z.svg")" ""
row "10 nodes (English) → SVG" "$(cpu "$bin" render "$here/benches/flows/bench-en-10.crmflow" -o "$work/e.svg")" ""
row "crmflow --version" "$(cpu "$bin" --version)" ""

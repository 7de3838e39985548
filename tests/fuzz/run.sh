#!/usr/bin/env bash
# Runs one fuzz target for a while, its corpus seeded with every bundled
# flow (examples, templates, test fixtures).
#   tests/fuzz/run.sh parse 3600      # target, seconds (default 60)
# Targets: parse, lint, render, fmt. Needs cargo-fuzz (`cargo install
# cargo-fuzz`); runs on the stable toolchain (-s none: no sanitizer).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
target="${1:?target: parse, lint, render or fmt}"
seconds="${2:-60}"
corpus="$here/corpus/$target"
mkdir -p "$corpus"
find "$root/examples" "$root/templates" "$root/tests/fixtures" -name '*.crmflow' -print0 |
  while IFS= read -r -d '' file; do cp -n "$file" "$corpus/seed-$(basename "$(dirname "$file")")-$(basename "$file")"; done
cd "$root"
exec cargo fuzz run --fuzz-dir tests/fuzz -s none "$target" "$corpus" -- \
  -max_total_time="$seconds" -max_len=8192 -timeout=10 -rss_limit_mb=2048 \
  -dict="$here/crmflow.dict"

#!/usr/bin/env python3
"""Packs the minimised fuzz corpora into tests/fuzz/regressions.bin.gz,
which `cargo test` replays through every target's property
(tests/robustness.rs, `fuzz_corpus_replays_through_every_target`).

  cargo fuzz cmin --fuzz-dir tests/fuzz -s none TARGET tests/fuzz/corpus/TARGET
  tests/fuzz/pack.py            # every target whose corpus folder exists

Seeds copied from examples/templates/fixtures (seed-*) are left out: the
suite checks those files directly. Record format: `TARGET LENGTH\\n`, the
input's bytes, `\\n`; records sorted so the file is reproducible.
"""
import gzip
import os
import sys

here = os.path.dirname(os.path.abspath(__file__))
out = os.path.join(here, "regressions.bin.gz")
records = []
for target in ("parse", "lint", "fmt", "render"):
    folder = os.path.join(here, "corpus", target)
    if not os.path.isdir(folder):
        continue
    for name in os.listdir(folder):
        if name.startswith("seed-"):
            continue
        with open(os.path.join(folder, name), "rb") as f:
            records.append((target, f.read()))
records.sort()
with open(out, "wb") as raw:
    with gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, compresslevel=9) as f:
        for target, data in records:
            f.write(b"%s %d\n" % (target.encode(), len(data)))
            f.write(data)
            f.write(b"\n")
counts = {}
for target, _ in records:
    counts[target] = counts.get(target, 0) + 1
print(f"{out}: {counts}, {os.path.getsize(out)} bytes", file=sys.stderr)

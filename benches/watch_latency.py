#!/usr/bin/env python3
"""Save -> output latency of `crmflow watch` (issue 7's figure).

Starts `crmflow watch FLOW -o out.svg` on a copy of a bench flow, then saves
it N times (alternating an in-place write and an atomic rename-over, the two
ways editors save) and times each save until out.svg holds the new label.
The watch's debounce (default 20 ms) is part of the figure, as a user sees it.

    cargo build --release
    python3 benches/watch_latency.py [target/release/crmflow] [benches/flows/bench-100.crmflow] [N]
"""
import os, statistics, subprocess, sys, tempfile, time

binary = os.path.abspath(sys.argv[1] if len(sys.argv) > 1 else "target/release/crmflow")
flow = os.path.abspath(sys.argv[2] if len(sys.argv) > 2 else "benches/flows/bench-100.crmflow")
saves = int(sys.argv[3]) if len(sys.argv) > 3 else 40
text = open(flow, encoding="utf-8").read()
# The first quoted label is the one each save changes.
first = text.index('"') + 1
end = text.index('"', first)

with tempfile.TemporaryDirectory() as work:
    path = os.path.join(work, "flow.crmflow")
    out = os.path.join(work, "out.svg")
    def save(label, atomic):
        body = text[:first] + label + text[end:]
        if atomic:
            tmp = path + ".tmp"
            with open(tmp, "w", encoding="utf-8") as f:
                f.write(body)
            os.replace(tmp, path)
        else:
            with open(path, "w", encoding="utf-8") as f:
                f.write(body)
    def wait_for(label, limit=10.0):
        start = time.perf_counter()
        while time.perf_counter() - start < limit:
            try:
                with open(out, encoding="utf-8") as f:
                    if label in f.read():
                        return
            except FileNotFoundError:
                pass
            time.sleep(0.0005)
        sys.exit(f"timed out waiting for {label}")
    save("Warmup", False)
    watch = subprocess.Popen([binary, "watch", path, "-o", out],
                             stderr=(None if os.environ.get("VERBOSE") else subprocess.DEVNULL), stdout=subprocess.DEVNULL)
    try:
        wait_for("Warmup")
        times = []
        for n in range(saves):
            label = f"Latency probe {n:03}"
            time.sleep(0.15)  # separate saves, as a person types
            start = time.perf_counter()
            save(label, atomic=n % 2 == 1)
            wait_for(label)
            times.append((time.perf_counter() - start) * 1000)
    finally:
        watch.terminate()
        watch.wait()
times.sort()
print(f"{os.path.basename(flow)}: {saves} saves, save -> out.svg written: "
      f"median {statistics.median(times):.1f} ms, p95 {times[int(len(times) * 0.95) - 1]:.1f} ms, "
      f"max {times[-1]:.1f} ms")

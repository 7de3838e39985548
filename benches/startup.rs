//! Start-up benchmarks: the `crmflow` binary run as a user runs it, one
//! whole process per iteration — what a CI job, an editor's `check` on
//! save or a docs build pays per flow. Flows of 10, 30 and 100 nodes from
//! the shared bench generator (`benches/flows/bench-N.crmflow`, Chinese
//! labels, and `bench-en-N.crmflow`, the same flows in English), to SVG,
//! PNG and PDF, and `check`; `--version` is the floor (process start,
//! dynamic linking, argument parsing).
//!
//! Targets (issue #28, CPU time on the 2-core reference machine): 10- and
//! 30-node SVG ≤ 0.25 × Graphviz dot on the same graph, 100 nodes ≤ 0.5 ×
//! dot, a 10-node Chinese flow within 2 ms of `--version`, 30 nodes to PNG
//! ≤ 60 ms. `benches/startup.sh` measures CPU time beside dot with `perf
//! stat`; this bench tracks wall time between changes.

use criterion::{Criterion, criterion_group, criterion_main};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Duration;

fn binary() -> &'static str {
    env!("CARGO_BIN_EXE_crmflow")
}

fn flow(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("benches/flows")
        .join(format!("{name}.crmflow"))
}

/// Runs the binary once; the bench fails if crmflow does not finish
/// normally (a lint error's exit code 1 is a finished run).
fn run(args: &[&std::ffi::OsStr]) {
    let status = Command::new(binary())
        .args(args)
        .env("CRMFLOW_TODAY", "2026-12-01")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("the crmflow binary runs");
    assert!(
        matches!(status.code(), Some(0..=2)),
        "crmflow {args:?} ended with {status}"
    );
}

fn startup(c: &mut Criterion) {
    let out = tempfile::tempdir().expect("a temp folder");
    let mut group = c.benchmark_group("startup");
    group
        .sample_size(30)
        .measurement_time(Duration::from_secs(4))
        .warm_up_time(Duration::from_secs(1));
    group.bench_function("version", |b| b.iter(|| run(&["--version".as_ref()])));
    for language in ["zh", "en"] {
        for nodes in [10, 30, 100] {
            let name = match language {
                "zh" => format!("bench-{nodes}"),
                _ => format!("bench-en-{nodes}"),
            };
            let input = flow(&name);
            for format in ["svg", "png", "pdf"] {
                if format != "svg" && nodes != 30 {
                    continue;
                }
                let output = out.path().join(format!("{name}.{format}"));
                group.bench_function(format!("{language}/{nodes}/{format}"), |b| {
                    b.iter(|| {
                        run(&[
                            "render".as_ref(),
                            input.as_os_str(),
                            "-o".as_ref(),
                            output.as_os_str(),
                        ])
                    })
                });
            }
            group.bench_function(format!("{language}/{nodes}/check"), |b| {
                b.iter(|| run(&["check".as_ref(), input.as_os_str()]))
            });
        }
    }
    group.finish();
}

criterion_group!(benches, startup);
criterion_main!(benches);

//! Pipeline benchmarks: parse + resolve of a generated 10,000-node flow
//! (target < 50 ms on the 2-core reference machine), layout of the shared
//! benchmark's flows (`benches/flows/bench-N.crmflow`, copied from
//! `shared/bench/gen.py`, seed 20260930: targets for one pass 100 nodes
//! < 5 ms, 1,000 < 100 ms, 3,000 < 500 ms, 10,000 < 3 s; for a slide, with
//! its page search, 100 nodes < 50 ms), and the full compile (layout +
//! SVG) of the bundled examples, and lint of 10,000-node flows (< 20 ms).

use criterion::{Criterion, criterion_group, criterion_main};
use crmflow::SourceFile;
use std::hint::black_box;
use std::time::Duration;

/// A CRM-like flow: lanes, modules, steps with inputs, decisions with two
/// labelled branches and rework loops, stores with data flows.
fn generated_flow(nodes: usize) -> String {
    let mut text =
        String::from("flow \"Generated\" {\n  goal \"Benchmark\"\n  reviewed 2026-09-30\n}\n");
    for lane in 0..5 {
        text.push_str(&format!("lane lane{lane} \"角色 {lane}\"\n"));
    }
    for (index, color) in ["blue", "green", "yellow"].iter().enumerate() {
        text.push_str(&format!(
            "module mod{index} \"模块 {index}\" color {color}\n"
        ));
    }
    text.push_str("start n0 \"开始\" lane lane0\n");
    for i in 1..nodes - 1 {
        let lane = (i / 7) % 5;
        match i % 10 {
            3 => text.push_str(&format!("decision n{i} \"需要跟进 {i}?\" lane lane{lane}\n")),
            7 => text.push_str(&format!("store n{i} \"客户数据库 {i}\"\n")),
            _ => text.push_str(&format!(
                "step n{i} \"处理客户请求 {i}\" lane lane{lane} module mod{} {{\n  input \"表单\"\n  output \"记录\"\n}}\n",
                i % 3
            )),
        }
    }
    text.push_str(&format!("end n{} \"结束\" lane lane4\n", nodes - 1));
    for i in 0..nodes - 1 {
        if i % 10 == 7 {
            text.push_str(&format!("n{} ..> n{i} : \"写入\"\n", i - 1));
            text.push_str(&format!("n{} -> n{}\n", i - 1, i + 1));
        } else if i % 10 == 3 {
            text.push_str(&format!("n{i} -> n{} : \"是\"\n", i + 1));
            text.push_str(&format!("n{i} -> n{} : \"否\"\n", i.saturating_sub(2)));
        } else if i % 10 != 6 {
            text.push_str(&format!("n{i} -> n{}\n", i + 1));
        }
    }
    text
}

fn parse_and_resolve(c: &mut Criterion) {
    let text = generated_flow(10_000);
    let source = SourceFile::new("generated.crmflow", text);
    assert_eq!(
        crmflow::check(&source).map(|flow| flow.nodes.len()),
        Ok(10_000)
    );
    let mut group = c.benchmark_group("parse+resolve");
    group
        .sample_size(20)
        .measurement_time(Duration::from_secs(10));
    group.bench_function("10k nodes", |b| {
        b.iter(|| crmflow::check(black_box(&source)).unwrap())
    });
    group.finish();
    let ast = crmflow::syntax::parse(&source).unwrap();
    let mut stages = c.benchmark_group("stages");
    stages.sample_size(10);
    stages.bench_function("parse 10k", |b| {
        b.iter(|| crmflow::syntax::parse(black_box(&source)).unwrap())
    });
    stages.bench_function("resolve 10k", |b| {
        b.iter(|| crmflow::model::resolve(black_box(&ast)).unwrap())
    });
    stages.finish();
}

fn compile_examples(c: &mut Criterion) {
    let options = crmflow::Options::default();
    let mut group = c.benchmark_group("compile");
    for name in ["customer-lifecycle", "lead-to-contract", "service-desk"] {
        let path = format!("{}/examples/{name}.crmflow", env!("CARGO_MANIFEST_DIR"));
        let source = SourceFile::new(name, std::fs::read_to_string(path).unwrap());
        group.bench_function(name, |b| {
            b.iter(|| crmflow::compile(black_box(&source), &options).unwrap())
        });
    }
    group.finish();
}

fn layout_bench_flows(c: &mut Criterion) {
    // `layout`: the default, a drawing for a slide (flows up to 400 nodes +
    // edges try 10 label widths × directions, up to 1,500 three; larger
    // ones are laid out once). `layout as declared`: one pass, `page none`.
    for (name, page) in [
        ("layout", crmflow::layout::Page::Slide),
        ("layout as declared", crmflow::layout::Page::None),
    ] {
        let mut group = c.benchmark_group(name);
        for nodes in [100, 1000, 3000, 10_000] {
            let path = format!(
                "{}/benches/flows/bench-{nodes}.crmflow",
                env!("CARGO_MANIFEST_DIR")
            );
            let source = SourceFile::new("bench", std::fs::read_to_string(path).unwrap());
            let flow = crmflow::check(&source).unwrap();
            assert_eq!(flow.nodes.len(), nodes);
            if nodes >= 3000 {
                group.sample_size(10);
            }
            if nodes >= 10_000 {
                group.measurement_time(Duration::from_secs(30));
            }
            let options = crmflow::layout::LayoutOptions {
                page,
                ..Default::default()
            };
            group.bench_function(format!("{nodes} nodes"), |b| {
                b.iter(|| {
                    crmflow::layout::layout_with(
                        black_box(&flow),
                        crmflow::render::Fonts::bundled(),
                        &options,
                    )
                    .expect("the benchmark's flows are within the limits")
                })
            });
        }
        group.finish();
    }
}

/// Rendering a 40-node shared-bench flow: SVG from the layout, PNG at 2×
/// and PDF from the SVG (targets: < 2 ms, < 60 ms, < 10 ms).
fn render_outputs(c: &mut Criterion) {
    let path = format!(
        "{}/benches/flows/bench-40.crmflow",
        env!("CARGO_MANIFEST_DIR")
    );
    let source = SourceFile::new("bench", std::fs::read_to_string(path).unwrap());
    let compiled = crmflow::compile(&source, &crmflow::Options::default()).unwrap();
    let theme = crmflow::render::Theme::default();
    let fonts = crmflow::render::Fonts::bundled();
    let mut group = c.benchmark_group("render 40 nodes");
    group.bench_function("svg", |b| {
        b.iter(|| crmflow::render::svg(black_box(&compiled.layout), &theme))
    });
    group.bench_function("png 2x", |b| {
        b.iter(|| crmflow::render::png(black_box(&compiled.svg), fonts, 2.0).unwrap())
    });
    group.bench_function("pdf", |b| {
        b.iter(|| crmflow::render::pdf(black_box(&compiled.svg), fonts).unwrap())
    });
    group.finish();
}

/// Linting: the generated 10,000-node flow and the shared bench's 10,000
/// (target < 20 ms), every rule at its strict level.
fn lint_flows(c: &mut Criterion) {
    use crmflow::lint::{LintSettings, Preset, lint};
    use crmflow::world::Disk;
    let today = time::Date::from_calendar_date(2026, time::Month::November, 24).unwrap();
    let settings = LintSettings::preset(Preset::Strict).today(today);
    let bench = format!(
        "{}/benches/flows/bench-10000.crmflow",
        env!("CARGO_MANIFEST_DIR")
    );
    let mut group = c.benchmark_group("lint");
    for (name, text) in [
        ("generated 10k", generated_flow(10_000)),
        ("bench 10k", std::fs::read_to_string(bench).unwrap()),
    ] {
        let source = SourceFile::new(name, text);
        let flow = crmflow::check(&source).unwrap();
        group.bench_function(name, |b| {
            b.iter(|| lint(&source, black_box(&flow), &settings, None, &Disk))
        });
    }
    group.finish();
}

/// `crmflow lsp`: from a change of a 1,000-node flow to its diagnostics
/// (parse, resolve, config lookup, every lint rule; target < 50 ms).
fn lsp_change(c: &mut Criterion) {
    use crmflow::lsp::Session;
    let text = generated_flow(1_000);
    let uri = "file:///tmp/crmflow-bench/flow.crmflow";
    let mut session = Session::default();
    session.notification(
        "textDocument/didOpen",
        serde_json::json!({"textDocument": {"uri": uri, "languageId": "crmflow", "version": 1, "text": text}}),
    );
    let mut version = 1;
    c.bench_function("lsp/change to diagnostics, 1000 nodes", |b| {
        b.iter(|| {
            version += 1;
            let change = serde_json::json!({
                "textDocument": {"uri": uri, "version": version},
                "contentChanges": [{"text": text}],
            });
            black_box(session.notification("textDocument/didChange", change))
        })
    });
}

criterion_group!(
    benches,
    lsp_change,
    lint_flows,
    parse_and_resolve,
    layout_bench_flows,
    compile_examples,
    render_outputs
);
criterion_main!(benches);

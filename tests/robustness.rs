//! No input may panic or hang: random text and mutated examples go through
//! parse, resolve, layout, render and lint.

use crate::util::{crmflow_files, root};
use crmflow::SourceFile;
use crmflow::lint::{LintSettings, Preset, lint};
use crmflow::world::Disk;
use proptest::prelude::*;

fn run_pipeline(text: &str) {
    let source = SourceFile::new("fuzz.crmflow", text);
    if let Ok(compiled) = crmflow::compile(&source, &crmflow::Options::default()) {
        assert!(compiled.svg.starts_with("<svg"));
        let today = time::Date::from_calendar_date(2026, time::Month::November, 24).unwrap();
        let settings = LintSettings::preset(Preset::Strict).today(today);
        let linted = lint(&source, &compiled.flow, &settings, None, &Disk);
        for finding in &linted.findings {
            // Every finding points at real text (a report can show it).
            assert!(finding.span.end <= text.len(), "{finding:?}");
            assert!(
                text.is_char_boundary(finding.span.start)
                    && text.is_char_boundary(finding.span.end)
            );
        }
    }
}

fn corpus() -> Vec<String> {
    let mut files = crmflow_files(&root().join("examples"));
    files.extend(crmflow_files(&root().join("tests/fixtures/ok")));
    for rule in crmflow::lint::RULES {
        files.push(
            root()
                .join("tests/fixtures/lint")
                .join(rule.name)
                .join("invalid.crmflow"),
        );
    }
    files
        .iter()
        .map(|p| String::from_utf8_lossy(&std::fs::read(p).unwrap()).into_owned())
        .collect()
}

/// Tokens that make random text look like a .crmflow file.
const TOKENS: &[&str] = &[
    "flow",
    "lane",
    "module",
    "start",
    "end",
    "step",
    "decision",
    "io",
    "store",
    "doc",
    "sub",
    "->",
    "..>",
    ":",
    "{",
    "}",
    "\"",
    "\\",
    "#",
    "\n",
    "\r\n",
    " ",
    "color",
    "blue",
    "\"#2e86de\"",
    "goal",
    "reviewed",
    "2026-13-45",
    "direction",
    "down",
    "input",
    "output",
    "note",
    "calls",
    "a",
    "b",
    "录入",
    "客户",
    "\u{FEFF}",
    "\u{3000}",
    "\"label\"",
    "# crmflow-ignore: dead-end, self-loop -- why\n",
    "# crmflow-ignore-file: L001\n",
    "calls",
    "\"sub.crmflow\"",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn random_text_never_panics(text in "\\PC{0,200}") {
        run_pipeline(&text);
    }

    #[test]
    fn random_token_soup_never_panics(tokens in proptest::collection::vec(proptest::sample::select(TOKENS), 0..80)) {
        run_pipeline(&tokens.concat());
    }

    #[test]
    fn mutated_examples_never_panic(
        pick in any::<prop::sample::Index>(),
        cut in any::<prop::sample::Index>(),
        len in 0usize..40,
        insert in proptest::sample::select(TOKENS),
    ) {
        let corpus = corpus();
        let text = pick.get(&corpus);
        let chars: Vec<char> = text.chars().collect();
        let at = cut.index(chars.len() + 1);
        let end = (at + len).min(chars.len());
        let mutated: String = chars[..at].iter().chain(insert.chars().collect::<Vec<_>>().iter()).chain(chars[end..].iter()).collect();
        run_pipeline(&mutated);
    }
}

#[test]
fn random_bytes_are_rejected_cleanly() {
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    for _ in 0..500 {
        let bytes: Vec<u8> = (0..64)
            .map(|_| {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                state as u8
            })
            .collect();
        match SourceFile::from_bytes("bytes", bytes) {
            Ok(source) => run_pipeline(source.text()),
            Err(err) => assert!(err.span.start <= 64),
        }
    }
}

#[test]
fn deeply_nested_and_huge_inputs_finish() {
    run_pipeline(&"{".repeat(10_000));
    run_pipeline(&"\"".repeat(10_000));
    let chain: Vec<String> = (0..3000).map(|i| format!("n{i}")).collect();
    let mut text: String = chain.iter().map(|id| format!("step {id}\n")).collect();
    text.push_str(&chain.join(" -> "));
    run_pipeline(&text);
}

/// The minimised fuzz corpora (`tests/fuzz/pack.py`): `(target, input)`.
fn fuzz_regressions() -> Vec<(String, Vec<u8>)> {
    use std::io::Read;
    let packed = std::fs::read(root().join("tests/fuzz/regressions.bin.gz")).unwrap();
    let mut bytes = Vec::new();
    flate2::read::GzDecoder::new(&packed[..])
        .read_to_end(&mut bytes)
        .unwrap();
    let mut records = Vec::new();
    let mut at = 0;
    while at < bytes.len() {
        let line_end = at + bytes[at..].iter().position(|&b| b == b'\n').unwrap();
        let header = std::str::from_utf8(&bytes[at..line_end]).unwrap();
        let (target, length) = header.split_once(' ').unwrap();
        let length: usize = length.parse().unwrap();
        let start = line_end + 1;
        records.push((target.to_owned(), bytes[start..start + length].to_vec()));
        at = start + length + 1;
    }
    records
}

/// Every input the fuzzers kept (each reached code no other did) goes
/// through its target's property again: what 1 h per target found stays
/// found, without cargo-fuzz or a nightly toolchain.
#[test]
fn fuzz_corpus_replays_through_every_target() {
    let records = fuzz_regressions();
    assert!(records.len() > 100, "{} records", records.len());
    for (target, data) in &records {
        match target.as_str() {
            "parse" => {
                let Ok(source) = SourceFile::from_bytes("fuzz.crmflow", data.clone()) else {
                    continue;
                };
                if let Err(diags) = crmflow::syntax::parse(&source) {
                    for diag in diags {
                        assert!(diag.span.start <= diag.span.end);
                        assert!(diag.span.end <= source.text().len());
                        let _ = source.line_col(diag.span.start);
                    }
                }
            }
            "lint" => {
                let Ok(text) = std::str::from_utf8(data) else {
                    continue;
                };
                let source = SourceFile::new("fuzz.crmflow", text);
                match crmflow::check(&source) {
                    Err(diags) => assert!(diags.iter().all(|d| d.span.end <= text.len())),
                    Ok(flow) => {
                        let settings = LintSettings::preset(Preset::Strict);
                        let linted = lint(&source, &flow, &settings, None, &Disk);
                        assert!(linted.findings.iter().all(|d| d.span.end <= text.len()));
                    }
                }
            }
            "fmt" => {
                let Ok(text) = std::str::from_utf8(data) else {
                    continue;
                };
                let source = SourceFile::new("fuzz.crmflow", text);
                let Ok(ast) = crmflow::syntax::parse(&source) else {
                    continue;
                };
                let once = crmflow::format::format(&source, &ast);
                let reparsed = SourceFile::new("fuzz.crmflow", once.clone());
                let again = crmflow::syntax::parse(&reparsed)
                    .unwrap_or_else(|_| panic!("formatted text parses: {text:?}"));
                assert_eq!(crmflow::format::format(&reparsed, &again), once, "{text:?}");
                if let Ok(before) = crmflow::model::resolve(&ast) {
                    let after = crmflow::check(&reparsed).expect("formatted text resolves");
                    assert!(
                        crmflow::format::meaning(&after) == crmflow::format::meaning(&before),
                        "{text:?}"
                    );
                }
            }
            "render" => {
                let Ok(text) = std::str::from_utf8(data) else {
                    continue;
                };
                if text.len() > 4096 {
                    continue;
                }
                let source = SourceFile::new("fuzz.crmflow", text);
                let options = crmflow::Options::default();
                if let Ok(first) = crmflow::compile(&source, &options) {
                    let second = crmflow::compile(&source, &options).unwrap();
                    assert_eq!(first.svg, second.svg, "deterministic: {text:?}");
                    let _ = crmflow::layout::layout_json(&first.layout);
                }
            }
            other => panic!("unknown fuzz target `{other}`"),
        }
    }
}

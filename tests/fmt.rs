//! `crmflow fmt`: canonical, idempotent, comment-preserving, meaning-preserving.

use crate::util::{crmflow_files, root, run, stderr};
use crmflow::SourceFile;
use crmflow::format::{format, meaning};
use proptest::prelude::*;

fn fmt(name: &str, text: &str) -> String {
    let source = SourceFile::new(name, text);
    let ast = crmflow::syntax::parse(&source).unwrap_or_else(|d| panic!("{name}: {d:?}"));
    format(&source, &ast)
}

/// Formatting keeps the meaning and every comment, and a second pass
/// changes nothing.
fn assert_well_formatted(name: &str, text: &str) {
    let once = fmt(name, text);
    let twice = fmt(name, &once);
    assert_eq!(once, twice, "{name}: formatting is not idempotent");
    let before = crmflow::check(&SourceFile::new(name, text));
    let after = crmflow::check(&SourceFile::new(name, once.as_str()));
    match (before, after) {
        (Ok(before), Ok(after)) => assert_eq!(meaning(&before), meaning(&after), "{name}\n{once}"),
        (Err(_), Err(_)) => {}
        (before, after) => panic!(
            "{name}: resolves {} before, {} after",
            before.is_ok(),
            after.is_ok()
        ),
    }
    let comments = |text: &str| {
        let source = SourceFile::new(name, text);
        crmflow::syntax::parse(&source)
            .unwrap()
            .comments
            .iter()
            .map(|c| c.text.trim_end().to_owned())
            .collect::<Vec<_>>()
    };
    assert_eq!(comments(text), comments(&once), "{name}: comments changed");
}

#[test]
fn every_example_template_and_fixture_formats_idempotently_with_the_same_meaning() {
    let mut count = 0;
    for dir in [
        "examples",
        "templates",
        "tests/fixtures/ok",
        "benches/flows",
    ] {
        for file in crmflow_files(&root().join(dir)) {
            let text = std::fs::read_to_string(&file).unwrap();
            if text.len() > 200_000 {
                continue;
            }
            assert_well_formatted(&file.display().to_string(), &text);
            count += 1;
        }
    }
    assert!(count > 20, "only {count} files");
}

/// A generated flow made messy the ways people write: odd indentation,
/// trailing spaces, comments on their own lines and after statements,
/// runs of blank lines.
fn messy(text: &str, noise: &[u8]) -> String {
    let mut out = String::new();
    for (i, line) in text.lines().enumerate() {
        let n = noise[i % noise.len()];
        if n.is_multiple_of(7) {
            out.push_str("\n\n");
        }
        if n.is_multiple_of(5) {
            out.push_str(&format!("# note {i}\n"));
        }
        out.push_str(&" ".repeat(usize::from(n % 3)));
        out.push_str(line);
        if n.is_multiple_of(4) {
            out.push_str(&format!("   # after {i}"));
        }
        if n.is_multiple_of(6) {
            out.push_str("  \t");
        }
        out.push('\n');
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn generated_messy_flows_format_idempotently(
        seed in proptest::collection::vec(any::<u32>(), 1..32),
        lanes in 0usize..5,
        steps in 1usize..20,
        down in any::<bool>(),
        noise in proptest::collection::vec(any::<u8>(), 1..16),
    ) {
        let text = messy(&crate::layout::generated_flow(&seed, lanes, steps, down), &noise);
        assert_well_formatted("generated", &text);
    }
}

#[test]
fn fmt_rewrites_check_diffs_and_stdin_streams() {
    let dir = tempfile::tempdir().unwrap();
    let messy = "# the flow\nstart   a \"A\"   # entry\nend b \"Done\"\na->b\n";
    std::fs::write(dir.path().join("flow.crmflow"), messy).unwrap();
    let out = run(dir.path(), &["fmt", "--check", "flow.crmflow"], b"");
    assert_eq!(out.status.code(), Some(1));
    let diff = String::from_utf8(out.stdout.clone()).unwrap();
    assert!(diff.contains("-a->b") && diff.contains("+a -> b"), "{diff}");
    assert!(stderr(&out).contains("1 of 1 files not formatted"));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("flow.crmflow")).unwrap(),
        messy
    );

    let out = run(dir.path(), &["fmt", "flow.crmflow"], b"");
    assert_eq!(out.status.code(), Some(0));
    let formatted = std::fs::read_to_string(dir.path().join("flow.crmflow")).unwrap();
    assert_eq!(
        formatted,
        "# the flow\nstart a \"A\"  # entry\nend   b \"Done\"\n\na -> b\n"
    );
    let out = run(dir.path(), &["fmt", "--check", "."], b"");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));

    let out = run(dir.path(), &["fmt", "-"], messy.as_bytes());
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8(out.stdout).unwrap(), formatted);

    // A file that does not parse is reported, not touched.
    std::fs::write(dir.path().join("bad.crmflow"), "start a \"A\nend b").unwrap();
    let out = run(dir.path(), &["fmt", "bad.crmflow"], b"");
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("bad.crmflow")).unwrap(),
        "start a \"A\nend b"
    );
}

#[test]
fn item12_every_bundled_flow_and_new_file_is_already_canonical() {
    // `fmt --check` on what we ship: the examples, the templates, and every
    // file `crmflow new` writes (each template in each language, and the
    // minimal one).
    assert_canonical(&root(), &["examples", "templates"]);
    let dir = tempfile::tempdir().unwrap();
    let out = run(dir.path(), &["new", "plain.crmflow"], b"");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let mut made = 1;
    for file in crmflow_files(&root().join("templates")) {
        let stem = file.file_stem().unwrap().to_string_lossy().into_owned();
        let (name, lang) = stem.rsplit_once('.').unwrap();
        let target = format!("{stem}.crmflow");
        let out = run(
            dir.path(),
            &["new", "-t", name, "--lang", lang, &target],
            b"",
        );
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        made += 1;
    }
    assert!(made >= 15, "{made}");
    assert_canonical(dir.path(), &["."]);
}

/// `crmflow fmt --check PATHS…` in `dir` finds nothing to change.
fn assert_canonical(dir: &std::path::Path, paths: &[&str]) {
    let mut args = vec!["fmt", "--check"];
    args.extend_from_slice(paths);
    let out = run(dir, &args, b"");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        stderr(&out)
    );
}

#[test]
fn item12_a_blank_line_inside_a_block_formats_stably() {
    let text = "lane a \"A\" {\n  step x \"X\"\n\n  step y \"Y\" {\n    note \"n\"\n\n    input \"i\"\n  }\n}\n\nx -> y\n";
    let once = fmt("t", text);
    assert_eq!(fmt("t", &once), once);
    assert!(
        once.contains("    note  \"n\"\n    input \"i\"\n"),
        "{once}"
    );
}

#[test]
fn item12_the_byte_order_mark_and_line_endings_are_kept() {
    let crlf = "\u{FEFF}# CRM\r\nstart a \"A\"\r\nend   b \"B\"\r\n\r\na->b\r\n";
    assert_eq!(
        fmt("t", crlf),
        "\u{FEFF}# CRM\r\nstart a \"A\"\r\nend   b \"B\"\r\n\r\na -> b\r\n"
    );
    let cr = "start a \"A\"\rend b \"B\"\r\ra->b\r";
    assert_eq!(fmt("t", cr), "start a \"A\"\rend   b \"B\"\r\ra -> b\r");
    // Mixed: what most lines end with.
    let mixed = "start a \"A\"\r\nend b \"B\"\r\n\r\na->b\n";
    assert_eq!(
        fmt("t", mixed),
        "start a \"A\"\r\nend   b \"B\"\r\n\r\na -> b\r\n"
    );
    // Through the command line, on disk, with --check clean afterwards.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("f.crmflow"), crlf).unwrap();
    let out = run(dir.path(), &["fmt", "f.crmflow"], b"");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let written = std::fs::read(dir.path().join("f.crmflow")).unwrap();
    assert!(written.starts_with("\u{FEFF}".as_bytes()));
    assert!(
        !String::from_utf8(written)
            .unwrap()
            .replace("\r\n", "")
            .contains('\n')
    );
    let out = run(dir.path(), &["fmt", "--check", "f.crmflow"], b"");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn labelled_edges_align_in_columns_and_an_unlabelled_one_ends_the_run() {
    let text = "start s \"S\"\ndecision ok \"OK?\"\nend yes_end \"Y\"\nend n \"N\"\ns -> ok\nok -> yes_end : \"yes\"\nok -> n : \"no\"\nyes_end ..> n : \"x\"\n";
    let out = fmt("t", text);
    assert!(
        out.ends_with(
            "s -> ok\nok      ->  yes_end : \"yes\"\nok      ->  n       : \"no\"\nyes_end ..> n       : \"x\"\n"
        ),
        "{out}"
    );
}

//! Regression tests for hardening round 3 (#29): each test is named after
//! the item it covers and failed before its fix.

use crate::util::{run, stderr, write};
use std::path::Path;

const FLOW: &str = "start a \"Call\"\nend b \"Done\"\na -> b\n";

// ── 1. No writer replaces its own input ──────────────────────────────────

/// Runs `args` in a folder holding `flow.crmflow` (and a symlink and a
/// hard link to it), and asserts the run is refused and the flow kept.
fn assert_refused_and_input_kept(args: &[&str]) {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "flow.crmflow", FLOW);
    #[cfg(unix)]
    std::os::unix::fs::symlink("flow.crmflow", dir.path().join("link.out")).unwrap();
    std::fs::hard_link(dir.path().join("flow.crmflow"), dir.path().join("hard.out")).unwrap();
    let out = run(dir.path(), args, b"");
    assert_ne!(out.status.code(), Some(0), "{args:?} succeeded");
    assert!(
        stderr(&out).contains("input of this run"),
        "{args:?}: {}",
        stderr(&out)
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("flow.crmflow")).unwrap(),
        FLOW,
        "{args:?} replaced its input"
    );
}

#[test]
fn item01_export_and_sop_never_replace_their_input() {
    for output in ["flow.crmflow", "./flow.crmflow", "hard.out"] {
        for to in ["mermaid", "json", "drawio", "bpmn"] {
            assert_refused_and_input_kept(&["export", "flow.crmflow", "--to", to, "-o", output]);
        }
        for format in ["md", "html"] {
            assert_refused_and_input_kept(&[
                "sop",
                "flow.crmflow",
                "--format",
                format,
                "-o",
                output,
            ]);
        }
    }
    #[cfg(unix)]
    {
        assert_refused_and_input_kept(&[
            "export",
            "flow.crmflow",
            "--to",
            "mermaid",
            "-o",
            "link.out",
        ]);
        assert_refused_and_input_kept(&["sop", "flow.crmflow", "-o", "link.out"]);
        assert_refused_and_input_kept(&[
            "render",
            "flow.crmflow",
            "--format",
            "svg",
            "-o",
            "link.out",
        ]);
    }
}

#[test]
fn item01_one_inputs_drawing_never_replaces_another_input() {
    // `a.svg` is a flow (named oddly); rendering `a.crmflow` beside it
    // would write `a.svg`.
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "a.crmflow", FLOW);
    write(dir.path(), "a.svg", FLOW);
    let out = run(
        dir.path(),
        &["render", "a.crmflow", "a.svg", "--format", "svg"],
        b"",
    );
    assert_ne!(out.status.code(), Some(0));
    assert!(
        stderr(&out).contains("input of this run"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("a.svg")).unwrap(),
        FLOW
    );
}

#[test]
fn item01_fmt_still_rewrites_its_input() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "flow.crmflow",
        "start a \"Call\"\nend   b \"Done\"\na->b\n",
    );
    let out = run(dir.path(), &["fmt", "flow.crmflow"], b"");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("flow.crmflow")).unwrap(),
        "start a \"Call\"\nend   b \"Done\"\n\na -> b\n"
    );
}

// ── 2. Wrapping is linear; a text over the limit is refused at its span ──

#[test]
fn item02_a_text_over_the_limit_is_an_error_at_its_exact_span() {
    let dir = tempfile::tempdir().unwrap();
    let label = "follow up ".repeat(201); // 2,010 characters
    let flow = format!("start a \"{label}\"\nend b\na -> b\n");
    write(dir.path(), "long.crmflow", &flow);
    let out = run(
        dir.path(),
        &["check", "long.crmflow", "--format", "json"],
        b"",
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let diag = &json["diagnostics"][0];
    assert_eq!(diag["code"], "E113", "{json}");
    let start = flow.find('"').unwrap();
    assert_eq!(diag["span"]["start"], start);
    assert_eq!(diag["span"]["end"], start + label.len() + 2);
    assert!(diag["message"].as_str().unwrap().contains("2010"), "{diag}");
    // Raised, the same flow draws.
    let out = crate::util::run_with_env(
        dir.path(),
        &["render", "long.crmflow", "-o", "long.svg", "--no-lint"],
        &[("CRMFLOW_LIMITS", "text-chars=5000")],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

// ── 12. A reader that stops reading ends the run quietly ─────────────────

/// Runs crmflow with standard output a pipe whose reader is already gone,
/// so every write to it fails with EPIPE.
fn run_into_closed_pipe(dir: &Path, args: &[&str]) -> std::process::Output {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    std::process::Command::new(env!("CARGO_BIN_EXE_crmflow"))
        .args(args)
        .current_dir(dir)
        .env("CRMFLOW_LANG", "en")
        .env("CRMFLOW_TODAY", crate::util::TODAY)
        .stdin(std::process::Stdio::null())
        .stdout(writer)
        .stderr(std::process::Stdio::piped())
        .output()
        .unwrap()
}

#[test]
fn item12_every_command_exits_quietly_on_a_closed_pipe() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "flow.crmflow", FLOW);
    write(
        dir.path(),
        "messy.crmflow",
        "start a \"Call\"\nend   b \"Done\"\na->b\n",
    );
    for args in [
        &["check", "--explain", "L001"][..],
        &["check", "--list-rules"],
        &["check", "flow.crmflow", "--format", "json"],
        &["check", "flow.crmflow", "--format", "sarif"],
        &["check", "flow.crmflow", "--format", "github"],
        &["templates"],
        &["templates", "show", "lead-to-contract"],
        &["stats", "flow.crmflow"],
        &["stats", "flow.crmflow", "--format", "json"],
        &["paths", "flow.crmflow"],
        &["fmt", "--check", "messy.crmflow"],
        &["render", "flow.crmflow", "-o", "-", "--format", "svg"],
        &["export", "flow.crmflow", "--to", "mermaid", "-o", "-"],
        &["sop", "flow.crmflow"],
        &["completions", "bash"],
        &["man"],
        &["--help"],
    ] {
        let out = run_into_closed_pipe(dir.path(), args);
        let err = stderr(&out);
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert!(
            !err.contains("Broken pipe") && !err.contains("broken pipe"),
            "{args:?}: {err}"
        );
        assert_ne!(out.status.code(), Some(101), "{args:?}: {err}");
    }
}

// ── 7. `check` reports what the font cannot draw, as `render` does ───────

#[test]
fn item07_check_reports_characters_the_font_cannot_draw() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "flow.crmflow",
        "flow \"Glyphs\" { goal \"g\" }\nlane s \"Sales\"\nstart a \"龘 call\" lane s\nend b \"Done\" lane s\na -> b\n",
    );
    let out = run(
        dir.path(),
        &["check", "flow.crmflow", "--format", "json"],
        b"",
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let codes: Vec<&str> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    assert!(codes.contains(&"W300"), "{codes:?}");
    let render = run(dir.path(), &["render", "flow.crmflow", "-o", "x.svg"], b"");
    assert!(stderr(&render).contains("W300"), "{}", stderr(&render));
}

#[test]
fn item12_a_closed_standard_error_ends_the_run_quietly() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "flow.crmflow", FLOW);
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_crmflow"))
        .args(["check", "flow.crmflow"])
        .current_dir(dir.path())
        .env("CRMFLOW_LANG", "en")
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(writer)
        .output()
        .unwrap();
    assert_ne!(out.status.code(), Some(101), "the warnings' panic on EPIPE");
}

// ── 5. Every XML we write parses ──────────────────────────────────────────

#[test]
fn item05_characters_xml_forbids_never_reach_an_xml_export() {
    // U+FFFE, U+FFFF and C0 controls (as escapes the language has no way
    // to write, they come in raw).
    let flow = "flow \"T\u{FFFE}\" { goal \"g\u{FFFF}\" }\nlane s \"S\u{1}\u{FFFF}\"\nstart a \"A\u{FFFE}\u{B}x\" lane s { note \"n\u{FFFF}\" }\ndecision d \"D\u{FFFF}?\" lane s\nend b \"B\u{FFFE}\" lane s\nend c \"C\" lane s\na -> d\nd -> b : \"y\u{FFFE}\"\nd -> c : \"n\u{FFFF}\"\n";
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "flow.crmflow", flow);
    for (to, file) in [("drawio", "x.drawio"), ("bpmn", "x.bpmn")] {
        let out = run(
            dir.path(),
            &["export", "flow.crmflow", "--to", to, "-o", file],
            b"",
        );
        assert_eq!(out.status.code(), Some(0), "{to}: {}", stderr(&out));
        let xml = std::fs::read_to_string(dir.path().join(file)).unwrap();
        if let Err(err) = roxmltree::Document::parse(&xml) {
            panic!("{to}: not well-formed: {err}");
        }
    }
    let out = run(dir.path(), &["render", "flow.crmflow", "-o", "x.svg"], b"");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let svg = std::fs::read_to_string(dir.path().join("x.svg")).unwrap();
    roxmltree::Document::parse(&svg).expect("the SVG is well-formed");
}

// ── 9. `md -o` links images from where the Markdown is written ───────────

#[test]
fn item09_md_output_links_resolve_from_the_output_and_its_folder_is_made() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "docs/guide.md",
        &format!("# Guide\n\n```crmflow\n{FLOW}```\n"),
    );
    let out = run(
        dir.path(),
        &["md", "docs/guide.md", "-o", "build/site/guide.md"],
        b"",
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let written = std::fs::read_to_string(dir.path().join("build/site/guide.md")).unwrap();
    let start = written.find("](").expect("an image link") + 2;
    let link = &written[start..start + written[start..].find(')').unwrap()];
    let image = dir.path().join("build/site").join(link);
    assert!(
        image.is_file(),
        "`{link}` does not resolve from build/site/: {written}"
    );
    assert!(
        std::fs::read_to_string(&image).unwrap().starts_with("<svg"),
        "{link}"
    );
}

// ── 10. Help that tells the truth, and the language reference built in ───

#[test]
fn item10_help_names_every_format_and_variable_and_the_reference_is_built_in() {
    let dir = tempfile::tempdir().unwrap();
    let text = |args: &[&str]| {
        let out = run(dir.path(), args, b"");
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
        String::from_utf8(out.stdout).unwrap()
    };
    let language = text(&["help", "language"]);
    assert!(
        language.starts_with("# The .crmflow language"),
        "{language:.80}"
    );
    assert!(
        language.contains("E113"),
        "the error table is the current one"
    );
    let top = text(&["--help"]);
    assert!(top.contains("crmflow help language"), "{top}");
    assert!(!top.contains("docs/language.md"), "{top}");
    for variable in ["CRMFLOW_PAGE", "CRMFLOW_LIMITS", "CRMFLOW_TODAY"] {
        assert!(top.contains(variable), "{variable}: {top}");
    }
    let export = text(&["export", "--help"]);
    assert!(
        export.contains("draw.io") && export.contains("BPMN"),
        "{export}"
    );
    let render = text(&["render", "--help"]);
    assert!(!render.contains("Render a file to"), "{render}");
    let check = text(&["check", "--help"]);
    assert!(
        check.contains("crmflow check [OPTIONS] <FILES>..."),
        "{check}"
    );
}

// ── 14. Lint runs before layout ──────────────────────────────────────────

#[test]
fn item14_a_flow_too_dense_to_draw_still_reports_its_lint_findings() {
    let dir = tempfile::tempdir().unwrap();
    let flow = "flow \"Dense\" { goal \"G\" reviewed 2026-11-20 }\n\
                start s \"S\"\nstep a \"A\"\nstep b \"B\"\nend e \"E\"\n\
                s -> a -> b -> e\ns -> b\ns -> e\na -> e\nstep dead \"Dead end\"\na -> dead\n";
    std::fs::write(dir.path().join("dense.crmflow"), flow).unwrap();
    let limited = [("CRMFLOW_LIMITS", "segments=3")];
    let out = crate::util::run_with_env(dir.path(), &["render", "dense.crmflow"], &limited);
    assert_eq!(out.status.code(), Some(2));
    let text = String::from_utf8_lossy(&out.stderr);
    assert!(text.contains("E111"), "{text}");
    assert!(
        text.contains("L001"),
        "the dead end is reported too: {text}"
    );
    assert!(
        text.find("L001") < text.find("E111"),
        "findings come before the refusal: {text}"
    );
    assert!(!dir.path().join("dense.svg").exists());
}

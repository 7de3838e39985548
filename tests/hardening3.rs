//! Regression tests for hardening round 3 (#29): each test is named after
//! the item it covers and failed before its fix.

use crate::util::run;
use std::path::Path;

const FLOW: &str = "start a \"Call\"\nend b \"Done\"\na -> b\n";

fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn write(dir: &Path, name: &str, text: &str) {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(path, text).unwrap();
}

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

//! Batch rendering for docs and CI: many inputs, `--out-dir` mirroring,
//! several formats, byte-identical output, `--check`.

use crate::util::{run, stderr};
use std::path::Path;

fn flow(label: &str) -> String {
    format!("start a \"Start\"\nstep b \"{label}\"\nend c \"Done\"\na -> b -> c\n")
}

/// docs/a.crmflow, docs/team/b.crmflow, docs/team/deep/c.crmflow.
fn docs_tree(dir: &Path) {
    std::fs::create_dir_all(dir.join("docs/team/deep")).unwrap();
    std::fs::write(dir.join("docs/a.crmflow"), flow("Alpha")).unwrap();
    std::fs::write(dir.join("docs/team/b.crmflow"), flow("Beta")).unwrap();
    std::fs::write(dir.join("docs/team/deep/c.crmflow"), flow("客户")).unwrap();
    std::fs::write(dir.join("docs/notes.md"), "not a flow").unwrap();
}

#[test]
fn a_folder_renders_into_a_mirrored_tree_in_several_formats() {
    let dir = tempfile::tempdir().unwrap();
    docs_tree(dir.path());
    let out = run(
        dir.path(),
        &[
            "render",
            "docs",
            "--out-dir",
            "site/img",
            "--format",
            "svg,png",
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    for name in ["a", "team/b", "team/deep/c"] {
        let svg = std::fs::read_to_string(dir.path().join(format!("site/img/{name}.svg"))).unwrap();
        assert!(svg.starts_with("<svg"));
        let png = std::fs::read(dir.path().join(format!("site/img/{name}.png"))).unwrap();
        assert_eq!(&png[1..4], b"PNG");
    }
    assert!(
        stderr(&out).contains("rendered 3 files: 6 outputs written, 0 unchanged"),
        "{}",
        stderr(&out)
    );
    // Globs mirror below the part before the first wildcard.
    let out = run(
        dir.path(),
        &["render", "docs/team/**/*.crmflow", "--out-dir", "glob"],
        b"",
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(dir.path().join("glob/b.svg").is_file());
    assert!(dir.path().join("glob/deep/c.svg").is_file());
}

#[test]
fn outputs_are_byte_identical_across_runs_and_working_directories() {
    let dir = tempfile::tempdir().unwrap();
    docs_tree(dir.path());
    let first = run(
        dir.path(),
        &[
            "render",
            "docs",
            "--out-dir",
            "one",
            "--format",
            "svg,png,pdf",
        ],
        b"",
    );
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    // Again, from another working directory, with absolute paths.
    let elsewhere = tempfile::tempdir().unwrap();
    let docs = dir.path().join("docs");
    let two = dir.path().join("two");
    let second = run(
        elsewhere.path(),
        &[
            "render",
            docs.to_str().unwrap(),
            "--out-dir",
            two.to_str().unwrap(),
            "--format",
            "svg,png,pdf",
        ],
        b"",
    );
    assert_eq!(second.status.code(), Some(0), "{}", stderr(&second));
    for name in [
        "a.svg",
        "a.png",
        "a.pdf",
        "team/b.svg",
        "team/b.pdf",
        "team/deep/c.png",
    ] {
        let one = std::fs::read(dir.path().join("one").join(name)).unwrap();
        let two = std::fs::read(two.join(name)).unwrap();
        assert!(one == two, "{name} differs between runs");
    }
}

#[test]
fn one_bad_file_does_not_stop_the_others_and_sets_the_exit_code() {
    let dir = tempfile::tempdir().unwrap();
    docs_tree(dir.path());
    std::fs::write(
        dir.path().join("docs/team/broken.crmflow"),
        "start a \"x\"\na -> nowhere\n",
    )
    .unwrap();
    let out = run(dir.path(), &["render", "docs", "--out-dir", "img"], b"");
    assert_eq!(out.status.code(), Some(2));
    let text = stderr(&out);
    assert!(text.contains("broken.crmflow:2:6"), "{text}");
    assert!(
        text.contains("rendered 3 files: 3 outputs written, 0 unchanged, 1 failed"),
        "{text}"
    );
    assert!(dir.path().join("img/team/deep/c.svg").is_file());
    assert!(!dir.path().join("img/team/broken.svg").exists());
}

#[test]
fn check_lists_stale_and_missing_outputs_and_never_writes() {
    let dir = tempfile::tempdir().unwrap();
    docs_tree(dir.path());
    let args = ["render", "docs", "--out-dir", "img"];
    assert_eq!(run(dir.path(), &args, b"").status.code(), Some(0));
    let check = |expect: i32| {
        let out = run(dir.path(), &[&args[..], &["--check"]].concat(), b"");
        assert_eq!(out.status.code(), Some(expect), "{}", stderr(&out));
        stderr(&out)
    };
    assert!(check(0).contains("3 outputs up to date"));
    // An edited flow makes its picture stale; a deleted picture is missing.
    std::fs::write(dir.path().join("docs/a.crmflow"), flow("Alpha 2")).unwrap();
    std::fs::remove_file(dir.path().join("img/team/b.svg")).unwrap();
    let stale_before = std::fs::read(dir.path().join("img/a.svg")).unwrap();
    let text = check(1);
    assert!(
        text.contains("stale: img/a.svg (from docs/a.crmflow)"),
        "{text}"
    );
    assert!(
        text.contains("missing: img/team/b.svg (from docs/team/b.crmflow)"),
        "{text}"
    );
    assert!(
        text.contains("2 of 3 outputs are stale or missing"),
        "{text}"
    );
    assert_eq!(
        std::fs::read(dir.path().join("img/a.svg")).unwrap(),
        stale_before,
        "--check wrote"
    );
    assert!(!dir.path().join("img/team/b.svg").exists(), "--check wrote");
}

#[test]
fn unchanged_outputs_are_not_rewritten() {
    let dir = tempfile::tempdir().unwrap();
    docs_tree(dir.path());
    let args = ["render", "docs", "--out-dir", "img"];
    assert_eq!(run(dir.path(), &args, b"").status.code(), Some(0));
    let path = dir.path().join("img/a.svg");
    let old = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_000_000_000);
    std::fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(old)
        .unwrap();
    let out = run(dir.path(), &args, b"");
    assert!(
        stderr(&out).contains("0 outputs written, 3 unchanged"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        std::fs::metadata(&path).unwrap().modified().unwrap(),
        old,
        "mtime changed"
    );
    // --check leaves mtimes alone too.
    run(dir.path(), &[&args[..], &["--check"]].concat(), b"");
    assert_eq!(std::fs::metadata(&path).unwrap().modified().unwrap(), old);
}

#[test]
fn batch_usage_errors() {
    let dir = tempfile::tempdir().unwrap();
    docs_tree(dir.path());
    let out = run(dir.path(), &["render", "docs", "-o", "one.svg"], b"");
    assert_eq!(out.status.code(), Some(3));
    assert!(stderr(&out).contains("-o names one output but there are 3 inputs; use --out-dir"));
    let out = run(
        dir.path(),
        &[
            "render",
            "docs/a.crmflow",
            "-o",
            "a.svg",
            "--format",
            "svg,png",
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(3));
    // Two inputs that would land on one output.
    std::fs::create_dir_all(dir.path().join("more")).unwrap();
    std::fs::write(dir.path().join("more/a.crmflow"), flow("Other")).unwrap();
    let out = run(
        dir.path(),
        &["render", "docs", "more", "--out-dir", "img"],
        b"",
    );
    assert_eq!(out.status.code(), Some(3));
    assert!(
        stderr(&out).contains("would both be written to"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn the_in_out_shorthand_renders_like_d2() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("flow.crmflow"), flow("Short")).unwrap();
    let out = run(
        dir.path(),
        &["flow.crmflow", "flow.png", "--scale", "1"],
        b"",
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        &std::fs::read(dir.path().join("flow.png")).unwrap()[1..4],
        b"PNG"
    );
    let out = run(dir.path(), &["flow.crmflow"], b"");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        std::fs::read_to_string(dir.path().join("flow.svg"))
            .unwrap()
            .contains("Short")
    );
    // A mistyped subcommand is still a mistyped subcommand.
    let out = run(dir.path(), &["chek", "flow.crmflow"], b"");
    assert_eq!(out.status.code(), Some(3));
    assert!(stderr(&out).contains("a similar subcommand exists: 'check'"));
}

#[test]
fn completions_man_pages_and_help_come_from_the_command_definitions() {
    let dir = tempfile::tempdir().unwrap();
    for shell in ["bash", "zsh", "fish"] {
        let out = run(dir.path(), &["completions", shell], b"");
        assert_eq!(out.status.code(), Some(0));
        let script = String::from_utf8(out.stdout).unwrap();
        assert!(
            script.contains("crmflow") && script.contains("out-dir"),
            "{shell}"
        );
    }
    let out = run(dir.path(), &["man"], b"");
    assert!(
        String::from_utf8(out.stdout)
            .unwrap()
            .contains(".TH crmflow 1")
    );
    let out = run(dir.path(), &["man", "--out-dir", "man1"], b"");
    assert_eq!(out.status.code(), Some(0));
    assert!(dir.path().join("man1/crmflow-render.1").is_file());
    for sub in [
        "check",
        "render",
        "watch",
        "new",
        "paths",
        "templates",
        "md",
        "completions",
        "man",
    ] {
        let out = run(dir.path(), &[sub, "--help"], b"");
        assert_eq!(out.status.code(), Some(0), "{sub}");
        assert!(
            String::from_utf8(out.stdout).unwrap().contains("Example"),
            "{sub} --help has no example"
        );
    }
    let out = run(dir.path(), &["--help"], b"");
    let help = String::from_utf8(out.stdout).unwrap();
    assert!(help.contains("CRMFLOW_THEME") && help.contains("crmflow FLOW.crmflow OUT.svg"));
    let out = run(dir.path(), &["--version"], b"");
    assert!(
        String::from_utf8(out.stdout)
            .unwrap()
            .starts_with("crmflow ")
    );
}

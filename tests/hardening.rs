//! Regression tests for the hardening issue (#16): each test is named after
//! the item it covers and failed before its fix.

use crate::util::{run, stderr, write};
use std::path::Path;

const FLOW: &str = "start a \"Call\"\nend b \"Done\"\na -> b\n";

// ── 7. Atomic write replaces only regular files ──────────────────────────

#[cfg(unix)]
#[test]
fn item07_a_fifo_output_is_written_through_not_replaced() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "flow.crmflow", FLOW);
    let fifo = dir.path().join("out.svg");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let reader_path = fifo.clone();
    let reader = std::thread::spawn(move || std::fs::read_to_string(reader_path).unwrap());
    let out = run(
        dir.path(),
        &["render", "flow.crmflow", "-o", "out.svg", "--no-lint"],
        b"",
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(reader.join().unwrap().contains("Call"));
    let kind = std::fs::symlink_metadata(&fifo).unwrap().file_type();
    assert!(kind.is_fifo(), "the FIFO is still a FIFO");
}

#[cfg(unix)]
#[test]
fn item07_a_device_output_stays_a_device() {
    use std::os::unix::fs::FileTypeExt;
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "flow.crmflow", FLOW);
    let out = run(
        dir.path(),
        &[
            "render",
            "flow.crmflow",
            "-o",
            "/dev/null",
            "--format",
            "svg",
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let kind = std::fs::symlink_metadata("/dev/null").unwrap().file_type();
    assert!(kind.is_char_device());
}

#[cfg(unix)]
#[test]
fn item07_a_symlink_output_writes_its_target_and_stays_a_link() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "flow.crmflow", FLOW);
    write(dir.path(), "real/target.svg", "old");
    std::os::unix::fs::symlink("real/target.svg", dir.path().join("out.svg")).unwrap();
    let out = run(
        dir.path(),
        &["render", "flow.crmflow", "-o", "out.svg"],
        b"",
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let link = std::fs::symlink_metadata(dir.path().join("out.svg")).unwrap();
    assert!(link.file_type().is_symlink(), "the link is kept");
    let target = std::fs::read_to_string(dir.path().join("real/target.svg")).unwrap();
    assert!(target.contains("Call"));
}

#[cfg(unix)]
#[test]
fn item07_a_read_only_output_is_refused_and_kept() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "flow.crmflow", FLOW);
    write(dir.path(), "out.svg", "keep me");
    let out_path = dir.path().join("out.svg");
    std::fs::set_permissions(&out_path, std::fs::Permissions::from_mode(0o444)).unwrap();
    let out = run(
        dir.path(),
        &["render", "flow.crmflow", "-o", "out.svg"],
        b"",
    );
    assert_eq!(out.status.code(), Some(3));
    assert!(stderr(&out).contains("read-only"), "{}", stderr(&out));
    assert_eq!(std::fs::read_to_string(&out_path).unwrap(), "keep me");
}

// ── 8. The drawing never replaces its own source ─────────────────────────

#[test]
fn item08_output_equal_to_the_input_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "flow.crmflow", FLOW);
    let out = run(
        dir.path(),
        &[
            "render",
            "flow.crmflow",
            "-o",
            "./flow.crmflow",
            "--format",
            "svg",
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(3));
    assert!(
        stderr(&out).contains("is an input of this run"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("flow.crmflow")).unwrap(),
        FLOW
    );
    // A flow named like its own drawing.
    write(dir.path(), "notes.svg", FLOW);
    let out = run(dir.path(), &["render", "notes.svg"], b"");
    assert_eq!(out.status.code(), Some(3), "{}", stderr(&out));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("notes.svg")).unwrap(),
        FLOW
    );
}

// ── 9. md deletes only its own images in its own folder ──────────────────

#[test]
fn item09_md_never_deletes_files_outside_its_image_folder() {
    let dir = tempfile::tempdir().unwrap();
    let outside = "../outside/doc-0123456789ab.svg";
    write(dir.path(), "outside/doc-0123456789ab.svg", "precious");
    write(dir.path(), "docs/img/doc-aaaaaaaaaaaa.svg", "also precious");
    let doc = format!(
        "```crmflow\n{FLOW}```\n\n![x]({outside})\n\n```crmflow\nstart c \"C\"\nend d\nc -> d\n```\n\n![y](/tmp/doc-bbbbbbbbbbbb.svg)\n"
    );
    write(dir.path(), "docs/doc.md", &doc);
    let out = run(
        &dir.path().join("docs"),
        &["md", "doc.md", "--in-place", "--out-dir", "img"],
        b"",
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("outside/doc-0123456789ab.svg")).unwrap(),
        "precious"
    );
    assert!(dir.path().join("docs/img/doc-aaaaaaaaaaaa.svg").exists());
    let rewritten = std::fs::read_to_string(dir.path().join("docs/doc.md")).unwrap();
    assert!(!rewritten.contains(outside), "{rewritten}");
}

#[test]
fn item09_md_deletes_its_own_replaced_image_but_not_one_still_linked() {
    let dir = tempfile::tempdir().unwrap();
    // Two identical blocks share one image; editing one must keep it.
    let block = format!("```crmflow\n{FLOW}```\n");
    write(dir.path(), "doc.md", &format!("{block}\n{block}"));
    let out = run(
        dir.path(),
        &["md", "doc.md", "--in-place", "--out-dir", "img"],
        b"",
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let images = || std::fs::read_dir(dir.path().join("img")).unwrap().count();
    assert_eq!(images(), 1);
    let text = std::fs::read_to_string(dir.path().join("doc.md")).unwrap();
    let edited = text.replacen("Done", "Finished", 1);
    write(dir.path(), "doc.md", &edited);
    let out = run(
        dir.path(),
        &["md", "doc.md", "--in-place", "--out-dir", "img"],
        b"",
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        images(),
        2,
        "the shared image is still linked by the other block"
    );
}

// ── 10. md keeps quotes, lists, line endings; skips unclosed blocks ──────

#[test]
fn item10_md_keeps_quotes_lists_and_crlf_and_skips_an_unclosed_block() {
    let dir = tempfile::tempdir().unwrap();
    let doc = "> Quote\n>\n> ```crmflow\n> start a \"A\"\n> end b\n> a -> b\n> ```\n> more quote\n\n- ```crmflow\n  start c \"C\"\n  end d\n  c -> d\n  ```\n- next item\n";
    write(dir.path(), "doc.md", doc);
    let out = run(dir.path(), &["md", "doc.md"], b"");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("> ```\n>\n> ![crmflow diagram](doc-"),
        "quote kept: {text}"
    );
    assert!(text.contains(".svg)\n>\n> more quote"), "{text}");
    assert!(
        text.contains("  ```\n\n  ![crmflow diagram](doc-"),
        "list kept: {text}"
    );
    // Every line a blockquote line or blank: the quote is one block.
    let events: Vec<_> = pulldown_cmark::Parser::new(&text)
        .filter(|event| {
            matches!(
                event,
                pulldown_cmark::Event::Start(pulldown_cmark::Tag::BlockQuote(_))
            )
        })
        .collect();
    assert_eq!(events.len(), 1, "{text}");

    let crlf = "# T\r\n\r\n```crmflow\r\nstart a \"A\"\r\nend b\r\na -> b\r\n```\r\nafter\r\n";
    write(dir.path(), "crlf.md", crlf);
    let out = run(dir.path(), &["md", "crlf.md"], b"");
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        !text.replace("\r\n", "").contains('\n'),
        "only CRLF: {text:?}"
    );

    let open = "# T\n\n```crmflow\nstart a \"A\"\nend b\na -> b\n";
    write(dir.path(), "open.md", open);
    let out = run(dir.path(), &["md", "open.md"], b"");
    assert!(stderr(&out).contains("not closed"), "{}", stderr(&out));
    assert_eq!(String::from_utf8(out.stdout).unwrap(), open);
}

// ── 11. Temp files of a killed run are cleaned up ────────────────────────

#[test]
fn item11_stale_temp_files_are_removed_and_live_ones_kept() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "flow.crmflow", FLOW);
    let stale = dir.path().join(".crmflow-AbC123.tmp");
    let live = dir.path().join(".crmflow-XyZ789.tmp");
    let other = dir.path().join(".crmflow-notes.txt");
    for path in [&stale, &live, &other] {
        std::fs::write(path, "partial").unwrap();
        let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
        std::fs::File::options()
            .write(true)
            .open(path)
            .unwrap()
            .set_modified(hour_ago)
            .unwrap();
    }
    // A writer that is still alive holds its temp file locked.
    let holder = std::fs::File::open(&live).unwrap();
    holder.lock().unwrap();
    let out = run(
        dir.path(),
        &["render", "flow.crmflow", "-o", "out.svg"],
        b"",
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(!stale.exists(), "the stale temp file is removed");
    assert!(live.exists(), "a locked temp file is left to its writer");
    assert!(other.exists(), "only our temp names are touched");
    drop(holder);
}

// ── 14. `calls` is never a script link ───────────────────────────────────

#[test]
fn item14_a_calls_with_a_scheme_is_no_link() {
    let dir = tempfile::tempdir().unwrap();
    let flow = "start a \"A\"\nsub s \"S\" calls \"javascript:alert(1)//.crmflow\"\nsub t \"T\" calls \"sub/next.crmflow\"\nend b\na -> s -> t -> b\n";
    let out = run(
        dir.path(),
        &["render", "-", "-o", "-", "--no-lint"],
        flow.as_bytes(),
    );
    let svg = String::from_utf8(out.stdout).unwrap();
    assert!(!svg.contains("javascript"), "{svg}");
    assert_eq!(svg.matches("<a ").count(), 1);
    assert!(svg.contains("href=\"sub/next.svg\""));
}

// ── 16. Symlinks out of the tree are not followed, nothing is quoted ─────

#[cfg(unix)]
#[test]
fn item16_check_dir_skips_symlinks_out_of_the_tree_and_never_prints_them() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "secrets/credentials",
        "aws_secret_access_key=SECRET123\n",
    );
    write(dir.path(), "docs/ok.crmflow", FLOW);
    std::os::unix::fs::symlink(
        dir.path().join("secrets/credentials"),
        dir.path().join("docs/evil.crmflow"),
    )
    .unwrap();
    let out = run(dir.path(), &["check", "docs"], b"");
    let all = format!("{}{}", stderr(&out), String::from_utf8_lossy(&out.stdout));
    assert!(!all.contains("SECRET123"), "{all}");
    assert!(all.contains("skipped `docs/evil.crmflow`"), "{all}");
    assert!(all.contains("1 file checked"), "{all}");
}

#[cfg(unix)]
#[test]
fn item16_calls_may_not_leave_the_project_and_never_quote_a_non_flow() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "secrets/key.crmflow", "SECRET123 = yes\n");
    write(dir.path(), "project/crmflow.yaml", "");
    write(
        dir.path(),
        "project/flow.crmflow",
        "start a \"A\"\nsub s \"S\" calls \"../secrets/key.crmflow\"\nsub t \"T\" calls \"link.crmflow\"\nsub u \"U\" calls \"bad.crmflow\"\nend b\na -> s -> t -> u -> b\n",
    );
    std::os::unix::fs::symlink(
        dir.path().join("secrets/key.crmflow"),
        dir.path().join("project/link.crmflow"),
    )
    .unwrap();
    write(dir.path(), "project/bad.crmflow", "PASSWORD=hunter2 here\n");
    let out = run(&dir.path().join("project"), &["check", "flow.crmflow"], b"");
    let text = stderr(&out);
    assert!(!text.contains("SECRET123"), "{text}");
    assert!(!text.contains("hunter2"), "{text}");
    assert_eq!(
        text.matches("outside the project folder").count(),
        2,
        "{text}"
    );
    assert!(text.contains("does not compile (E001 at 1:"), "{text}");
    // Configured wider, the same call is read (and found broken).
    write(dir.path(), "project/crmflow.yaml", "project:\n  root: ..\n");
    let out = run(&dir.path().join("project"), &["check", "flow.crmflow"], b"");
    assert_eq!(
        stderr(&out).matches("outside the project folder").count(),
        0
    );
}

// ── 17. One `..` never cancels another ───────────────────────────────────

#[test]
fn item17_calls_resolve_against_the_file_not_the_working_directory() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "x.crmflow", FLOW);
    write(dir.path(), "crmflow.yaml", "");
    // `../../x.crmflow` from here is two folders up: not `./x.crmflow`.
    write(
        dir.path(),
        "flow.crmflow",
        "start a \"A\"\nsub s \"S\" calls \"../../x.crmflow\"\nend b\na -> s -> b\n",
    );
    let out = run(dir.path(), &["check", "flow.crmflow"], b"");
    assert!(stderr(&out).contains("L024"), "{}", stderr(&out));
}

// ── 18. Control characters never reach the terminal ──────────────────────

#[test]
fn item18_escape_sequences_in_labels_are_neutralised() {
    let dir = tempfile::tempdir().unwrap();
    let flow = "start a \"A\u{1b}]0;pwned\u{7}\u{1b}[2J\" lane x\nend b \"\u{202e}evil\"\na -> b\n";
    write(dir.path(), "esc.crmflow", flow);
    let out = run(dir.path(), &["check", "esc.crmflow"], b"");
    let text = stderr(&out);
    assert!(text.contains("E102"), "{text}");
    assert!(
        !text.contains('\u{1b}') && !text.contains('\u{7}'),
        "{text:?}"
    );
    assert!(text.contains("esc.crmflow:1:"), "{text}");
    let fixed = flow.replace(" lane x", "");
    write(dir.path(), "esc.crmflow", &fixed);
    let out = run(dir.path(), &["paths", "esc.crmflow"], b"");
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        !text.contains('\u{1b}') && !text.contains('\u{202e}'),
        "{text:?}"
    );
    assert!(text.contains("\\u{1b}"), "{text}");
}

// ── 1. No panic on wide lines; CR-only files count lines ─────────────────

#[test]
fn item01_a_diagnostic_past_column_65535_and_cr_only_lines() {
    let dir = tempfile::tempdir().unwrap();
    let wide = format!("start a \"A\"\nend b\n{}a => b\n", "\t".repeat(16_400));
    write(dir.path(), "wide.crmflow", &wide);
    for command in ["check", "render", "fmt", "paths"] {
        let out = run(dir.path(), &[command, "wide.crmflow"], b"");
        assert_eq!(out.status.code(), Some(2), "{command}: {}", stderr(&out));
        assert!(
            stderr(&out).contains("wide.crmflow:3:16403"),
            "{}",
            stderr(&out)
        );
        assert!(stderr(&out).len() < 4000, "a short excerpt");
    }
    write(dir.path(), "mac.crmflow", "start a \"A\"\rend b\ra -> c\r");
    let out = run(
        dir.path(),
        &["check", "mac.crmflow", "--format", "json"],
        b"",
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let span = &json["diagnostics"][0]["span"];
    assert_eq!(
        (span["line"].as_u64(), span["column"].as_u64()),
        (Some(3), Some(6))
    );
    let out = run(dir.path(), &["check", "mac.crmflow"], b"");
    assert!(stderr(&out).contains("mac.crmflow:3:6"), "{}", stderr(&out));
}

// ── 2. Human output is linear and short ──────────────────────────────────

#[test]
fn item02_far_apart_places_are_short_snippets_and_many_findings_summarised() {
    let dir = tempfile::tempdir().unwrap();
    let mut flow = String::from("start a \"A\"\nstep x \"Same\"\n");
    for i in 0..60 {
        flow.push_str(&format!("# filler line {i}\n"));
    }
    flow.push_str("step y \"Same\"\nend b \"B\"\na -> x -> y -> b\n");
    write(dir.path(), "dup.crmflow", &flow);
    let out = run(dir.path(), &["check", "dup.crmflow"], b"");
    let text = stderr(&out);
    assert!(text.contains("duplicate-label"), "{text}");
    assert!(
        !text.contains("filler line 30"),
        "no lines between the places: {text}"
    );

    let mut many = String::from("start s \"S\"\nend e \"E\"\ns -> e\n");
    for i in 0..120 {
        many.push_str(&format!("step x{i} \"X\"\n"));
    }
    write(dir.path(), "many.crmflow", &many);
    let out = run(dir.path(), &["check", "many.crmflow"], b"");
    let text = stderr(&out);
    assert!(
        text.contains("more `L015 isolated-node` findings"),
        "{text}"
    );
    assert!(text.matches("isolated-node").count() < 60, "summarised");
}

// ── 4. Symlink loops end ─────────────────────────────────────────────────

#[cfg(unix)]
#[test]
fn item04_symlink_loops_in_a_checked_folder_end() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "docs/ok.crmflow", FLOW);
    std::os::unix::fs::symlink(".", dir.path().join("docs/loop1")).unwrap();
    std::os::unix::fs::symlink(".", dir.path().join("docs/loop2")).unwrap();
    let started = std::time::Instant::now();
    let out = run(dir.path(), &["check", "docs"], b"");
    assert!(started.elapsed() < std::time::Duration::from_secs(20));
    let out2 = run(dir.path(), &["check", "docs/**/*.crmflow"], b"");
    for out in [out, out2] {
        assert!(stderr(&out).contains("1 file checked"), "{}", stderr(&out));
    }
}

#[cfg(unix)]
#[test]
fn item04_calls_through_symlinked_folders_read_each_file_once() {
    let dir = tempfile::tempdir().unwrap();
    // Every flow calls itself through two folder links: lexically
    // endless, one real file.
    for name in ["l1", "l2"] {
        std::os::unix::fs::symlink(".", dir.path().join(name)).unwrap();
    }
    write(
        dir.path(),
        "flow.crmflow",
        "start a \"A\"\nsub s \"S\" calls \"l1/l2/flow.crmflow\"\nsub t \"T\" calls \"l2/l1/flow.crmflow\"\nend b\na -> s -> t -> b\n",
    );
    let out = run(dir.path(), &["check", "flow.crmflow"], b"");
    assert!(stderr(&out).contains("leads back here"), "{}", stderr(&out));
}

// ── 5. Only regular files are read, and only so much ─────────────────────

#[cfg(unix)]
#[test]
fn item05_devices_and_fifos_are_refused_not_read() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "crmflow.yaml", "project:\n  root: /\n");
    write(
        dir.path(),
        "flow.crmflow",
        "start a \"A\"\nsub s \"S\" calls \"/dev/zero.crmflow\"\nend b\na -> s -> b\n",
    );
    std::os::unix::fs::symlink("/dev/zero", dir.path().join("zero.crmflow")).unwrap();
    write(
        dir.path(),
        "zero-call.crmflow",
        "start a \"A\"\nsub s \"S\" calls \"zero.crmflow\"\nend b\na -> s -> b\n",
    );
    let fifo = dir.path().join("fifo.crmflow");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let started = std::time::Instant::now();
    let out = run(dir.path(), &["check", "zero-call.crmflow"], b"");
    assert!(
        stderr(&out).contains("character device"),
        "{}",
        stderr(&out)
    );
    let out = run(dir.path(), &["check", "fifo.crmflow"], b"");
    assert_eq!(out.status.code(), Some(3));
    assert!(stderr(&out).contains("FIFO"), "{}", stderr(&out));
    let out = run(
        dir.path(),
        &[
            "render",
            "flow.crmflow",
            "-o",
            "x.png",
            "--font",
            "/dev/zero",
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(3));
    assert!(
        stderr(&out).contains("character device"),
        "{}",
        stderr(&out)
    );
    assert!(started.elapsed() < std::time::Duration::from_secs(20));
}

#[test]
fn item05_a_file_over_the_size_limit_is_refused_with_the_way_to_raise_it() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "flow.crmflow", FLOW);
    let out = crate::util::run_with_env(
        dir.path(),
        &["check", "flow.crmflow"],
        &[("CRMFLOW_LIMITS", "file-size=10")],
    );
    assert_eq!(out.status.code(), Some(3));
    assert!(
        stderr(&out).contains("more than the limit of 10 bytes"),
        "{}",
        stderr(&out)
    );
    let out = crate::util::run_with_env(
        dir.path(),
        &["check", "flow.crmflow"],
        &[("CRMFLOW_LIMITS", "file-sise=10")],
    );
    assert_eq!(out.status.code(), Some(3));
    assert!(
        stderr(&out).contains("did you mean `file-size`"),
        "{}",
        stderr(&out)
    );
}

// ── 19. One column convention, in characters ─────────────────────────────

#[test]
fn item19_columns_count_characters_in_every_format() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "cjk.crmflow",
        "start a \"开始\"\nstep 录入客户 \"录入\" lane 销售员\nend b\na -> 录入客户 -> b\n",
    );
    let human = stderr(&run(dir.path(), &["check", "cjk.crmflow"], b""));
    assert!(human.contains("cjk.crmflow:2:21"), "{human}");
    let github = String::from_utf8(
        run(
            dir.path(),
            &["check", "cjk.crmflow", "--format", "github"],
            b"",
        )
        .stdout,
    )
    .unwrap();
    assert!(github.contains("line=2,col=21,"), "{github}");
    let sarif: serde_json::Value = serde_json::from_slice(
        &run(
            dir.path(),
            &["check", "cjk.crmflow", "--format", "sarif"],
            b"",
        )
        .stdout,
    )
    .unwrap();
    let region = &sarif["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"];
    assert_eq!(region["startColumn"], 21);
    // 13 characters on line 1 (with its line break), 20 before the lane.
    assert_eq!(region["charOffset"], 13 + 20);
    assert_eq!(region["charLength"], 3);
}

// ── 20. A one-branch decision is an error ────────────────────────────────

#[test]
fn item20_a_decision_with_one_branch_is_error_l005() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "one.crmflow",
        "flow \"F\" { goal \"G\" }\nstart a \"A\"\ndecision d \"OK?\"\nend b \"B\"\na -> d\nd -> b : \"yes\"\n",
    );
    let out = run(dir.path(), &["check", "one.crmflow"], b"");
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("L005 decision-branches"),
        "{}",
        stderr(&out)
    );
    assert!(!stderr(&out).contains("L020"), "{}", stderr(&out));
}

// ── 23. `.` is a folder like any other ───────────────────────────────────

#[test]
fn item23_render_dot_mirrors_a_nested_tree() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "src/flow.crmflow", FLOW);
    write(dir.path(), "src/sub/flow.crmflow", FLOW);
    for arg in [".", "./"] {
        let out = run(
            &dir.path().join("src"),
            &["render", arg, "--out-dir", "../out", "--no-lint"],
            b"",
        );
        assert_eq!(out.status.code(), Some(0), "{arg}: {}", stderr(&out));
        assert!(dir.path().join("out/flow.svg").exists());
        assert!(dir.path().join("out/sub/flow.svg").exists());
    }
}

// ── 24. render says what it wrote; plurals are right ─────────────────────

#[test]
fn item24_render_says_what_it_wrote_unless_quiet() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "flow.crmflow", FLOW);
    let out = run(dir.path(), &["render", "flow.crmflow", "--no-lint"], b"");
    assert_eq!(stderr(&out), "wrote flow.svg\n");
    let out = run(dir.path(), &["render", "flow.crmflow", "--no-lint"], b"");
    assert_eq!(stderr(&out), "unchanged: flow.svg\n");
    let out = run(
        dir.path(),
        &["render", "flow.crmflow", "-q", "--no-lint"],
        b"",
    );
    assert_eq!(stderr(&out), "");
}

// ── 6. Limits, and no quadratic corners ──────────────────────────────────

#[test]
fn item06_a_flow_over_the_node_limit_is_refused_with_a_way_to_raise_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut flow = String::from("start s \"S\"\nend e \"E\"\ns -> e\n");
    for i in 0..30 {
        flow.push_str(&format!("step x{i} \"X\"\ns -> x{i}\n"));
    }
    write(dir.path(), "big.crmflow", &flow);
    let limited = [("CRMFLOW_LIMITS", "nodes=20")];
    let out = crate::util::run_with_env(dir.path(), &["render", "big.crmflow"], &limited);
    assert_eq!(out.status.code(), Some(2));
    let text = stderr(&out);
    assert!(text.contains("E111"), "{text}");
    assert!(
        text.contains("32 nodes, more than the limit of 20"),
        "{text}"
    );
    assert!(text.contains("CRMFLOW_LIMITS=nodes=32"), "{text}");
    assert!(text.contains("big.crmflow:"), "{text}");
    assert!(!dir.path().join("big.svg").exists());
    let raised = [("CRMFLOW_LIMITS", "nodes=32")];
    let out =
        crate::util::run_with_env(dir.path(), &["render", "big.crmflow", "--no-lint"], &raised);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

// ── 3. Many edges at one node: near-linear ───────────────────────────────

#[test]
fn item03_thirty_thousand_labelled_parallel_edges_and_a_fan_out_render() {
    let dir = tempfile::tempdir().unwrap();
    let mut parallel = String::from("start a \"A\"\nend b \"B\"\n");
    let mut fan_out = String::from("start a \"A\"\n");
    for i in 0..30_000 {
        parallel.push_str(&format!("a -> b : \"L{i}\"\n"));
        fan_out.push_str(&format!("end e{i} \"E{i}\"\na -> e{i}\n"));
    }
    write(dir.path(), "parallel.crmflow", &parallel);
    write(dir.path(), "fan.crmflow", &fan_out);
    let out = crate::util::run_with_env(
        dir.path(),
        &["render", "parallel.crmflow", "fan.crmflow", "--no-lint"],
        &[("CRMFLOW_LIMITS", "nodes=40000")],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let svg = std::fs::read_to_string(dir.path().join("parallel.svg")).unwrap();
    assert!(svg.contains("\nL0\n") && svg.contains("\nL29999\n"));
    let svg = std::fs::read_to_string(dir.path().join("fan.svg")).unwrap();
    assert!(svg.contains("\nE0\n") && svg.contains("\nE29999\n"));
}

#[test]
fn item03_a_densely_connected_flow_is_refused_at_its_longest_edge() {
    // A chain of 300 steps, and 20 edges from each of the first 150 to
    // steps 130–150 columns on: 416,000 segments to place and route
    // (minutes and gigabytes before the limit).
    let dir = tempfile::tempdir().unwrap();
    let mut flow = String::from("lane a \"A\"\nlane b \"B\"\n");
    for i in 0..300 {
        let lane = if i % 2 == 0 { "a" } else { "b" };
        flow.push_str(&format!("step s{i} \"Step {i}\" lane {lane}\n"));
    }
    for i in 0..299 {
        flow.push_str(&format!("s{i} -> s{}\n", i + 1));
    }
    for i in 0..150 {
        for k in 0..20 {
            flow.push_str(&format!("s{i} -> s{}\n", i + 130 + k));
        }
    }
    write(dir.path(), "dense.crmflow", &flow);
    let out = run(dir.path(), &["render", "dense.crmflow", "--no-lint"], b"");
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let text = stderr(&out);
    assert!(text.contains("E111"), "{text}");
    assert!(text.contains("edge segments"), "{text}");
    assert!(text.contains("415886 edge segments"), "{text}");
    assert!(text.contains("200000"), "{text}");
    assert!(text.contains("CRMFLOW_LIMITS=segments="), "{text}");
    assert!(text.contains("dense.crmflow:"), "{text}");
    assert!(!dir.path().join("dense.svg").exists());

    // The limit is the user's to raise.
    write(dir.path(), "long.crmflow", &long_chain(60));
    let low = [("CRMFLOW_LIMITS", "segments=50")];
    let out = crate::util::run_with_env(dir.path(), &["render", "long.crmflow", "--no-lint"], &low);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    let raised = [("CRMFLOW_LIMITS", "segments=1000")];
    let out = crate::util::run_with_env(
        dir.path(),
        &["render", "long.crmflow", "--no-lint"],
        &raised,
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

/// A chain of `n` steps: a drawing `n` columns wide.
fn long_chain(n: usize) -> String {
    let mut flow = String::from("start s0 \"Start\"\n");
    for i in 1..n {
        flow.push_str(&format!("step s{i} \"Step number {i}\"\n"));
    }
    flow.push_str(&format!("end s{n} \"End\"\n"));
    for i in 0..n {
        flow.push_str(&format!("s{i} -> s{}\n", i + 1));
    }
    flow
}

#[test]
fn item06_an_oversized_png_is_refused_before_any_work() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "long.crmflow", &long_chain(60));
    let started = std::time::Instant::now();
    let out = run(
        dir.path(),
        &[
            "render",
            "long.crmflow",
            "-o",
            "x.png",
            "--scale",
            "16",
            "--no-lint",
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(3));
    assert!(
        stderr(&out).contains("too large for a PNG"),
        "{}",
        stderr(&out)
    );
    assert!(started.elapsed() < std::time::Duration::from_secs(10));
    assert!(!dir.path().join("x.png").exists());
}

#[test]
fn item06_a_pdf_larger_than_a_viewer_page_is_scaled_to_fit() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "long.crmflow", &long_chain(120));
    let out = run(
        dir.path(),
        // One long strip: no page target to cut it into rows.
        &[
            "render",
            "long.crmflow",
            "-o",
            "x.pdf",
            "--page",
            "none",
            "--no-lint",
        ],
        b"",
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let pdf = std::fs::read(dir.path().join("x.pdf")).unwrap();
    let text = String::from_utf8_lossy(&pdf);
    let at = text.find("/MediaBox").expect("a page box");
    let numbers: Vec<f64> = text[at + 9..]
        .trim_start_matches([' ', '['])
        .split(|c: char| c == ']' || c.is_whitespace())
        .filter(|part| !part.is_empty())
        .take(4)
        .map(|part| part.parse().unwrap())
        .collect();
    assert!(
        numbers[2] <= 14_400.5 && numbers[3] <= 14_400.5,
        "{numbers:?}"
    );
    assert!(
        numbers[2] > 10_000.0,
        "filled, not shrunk more than needed: {numbers:?}"
    );
}

#[test]
fn item06_config_errors_and_nesting_are_linear() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "flow.crmflow", FLOW);
    let mut config = String::from("lint:\n  rules:\n");
    for i in 0..20_000 {
        config.push_str(&format!("    rule{i}: off\n"));
    }
    write(dir.path(), "crmflow.yaml", &config);
    let started = std::time::Instant::now();
    let out = run(
        dir.path(),
        &["check", "flow.crmflow", "--format", "json"],
        b"",
    );
    assert_eq!(out.status.code(), Some(2));
    write(
        dir.path(),
        "crmflow.yaml",
        &format!(
            "lint:\n  rules: {}1{}\n",
            "{a: ".repeat(100_000),
            "}".repeat(100_000)
        ),
    );
    let out = run(dir.path(), &["check", "flow.crmflow"], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("more than 64 deep"),
        "{}",
        stderr(&out)
    );
    assert!(started.elapsed() < std::time::Duration::from_secs(15));
}

#[test]
fn item06_md_with_many_blocks_is_linear() {
    let dir = tempfile::tempdir().unwrap();
    let mut doc = String::new();
    for i in 0..400 {
        doc.push_str(&format!(
            "## Part {i}\n\n```crmflow\nstart a \"A{i}\"\nend b\na -> b\n```\n\n"
        ));
        doc.push_str(&"Some prose that fills the document between blocks.\n".repeat(20));
    }
    write(dir.path(), "doc.md", &doc);
    let started = std::time::Instant::now();
    let out = run(
        dir.path(),
        &["md", "doc.md", "--in-place", "--out-dir", "img"],
        b"",
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(started.elapsed() < std::time::Duration::from_secs(30));
    assert_eq!(
        std::fs::read_dir(dir.path().join("img")).unwrap().count(),
        400
    );
}

// ── 21 and 22. Every syntax error in one run, with hints for the usual slips ──

/// `(code, line, column, message)` of every finding `check` reports.
fn findings(dir: &Path, file: &str) -> Vec<(String, u64, u64, String)> {
    let out = run(dir, &["check", file, "--format", "json"], b"");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_owned(),
                d["span"]["line"].as_u64().unwrap(),
                d["span"]["column"].as_u64().unwrap(),
                d["message"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

const FIVE_SLIPS: &str = "\
flow \"Leads\" {
  goal \"Qualify leads\"
}
lane sales \"Sales\"
start a “Lead in” lane sales
step b \"Qualify\" lane sales colour red
step c \"Call\" lane sales
decision d \"Good?\" lane sales
end e \"Won\" lane sales
a => b
b -> c ->
c -> d
d -> e \"yes\"
d -> b : \"no\"
lane support \"Support\" {
";

#[test]
fn item21_every_syntax_error_of_a_file_in_one_run() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "five.crmflow", FIVE_SLIPS);
    let got = findings(dir.path(), "five.crmflow");
    let places: Vec<(u64, u64)> = got.iter().map(|f| (f.1, f.2)).collect();
    assert_eq!(
        places,
        [(5, 9), (6, 29), (10, 3), (11, 8), (13, 8), (15, 24)],
        "{got:#?}"
    );
    let out = run(dir.path(), &["check", "five.crmflow"], b"");
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("6 errors"), "{}", stderr(&out));

    // Fixing them one by one never reveals a syntax error the first run
    // did not show: the lines after a bad one were really checked.
    let fixed = FIVE_SLIPS
        .replace("“Lead in”", "\"Lead in\"")
        .replace(" colour red", "")
        .replace("a => b", "a -> b")
        .replace("b -> c ->", "b -> c")
        .replace("d -> e \"yes\"", "d -> e : \"yes\"")
        .replace("lane support \"Support\" {", "lane support \"Support\"");
    write(dir.path(), "fixed.crmflow", &fixed);
    let out = run(dir.path(), &["check", "fixed.crmflow"], b"");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

#[test]
fn item21_a_file_of_errors_stops_after_a_bound_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let text: String = (0..5_000)
        .map(|n| format!("step s{n} => \"bad\"\n"))
        .collect();
    write(dir.path(), "many.crmflow", &text);
    let got = findings(dir.path(), "many.crmflow");
    assert!((2..=50).contains(&got.len()), "{} errors", got.len());
    let lines: Vec<u64> = got.iter().map(|f| f.1).collect();
    assert_eq!(lines, (1..=got.len() as u64).collect::<Vec<_>>());
    let out = run(dir.path(), &["check", "many.crmflow"], b"");
    assert!(
        stderr(&out).contains("the parse stopped after"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn item22_hints_for_the_usual_slips() {
    let dir = tempfile::tempdir().unwrap();
    let cases: &[(&str, (u64, u64), &str)] = &[
        ("start a “Call”\n", (1, 9), "`“` is a typographic quote"),
        ("start a ‘Call’\n", (1, 9), "typographic quote"),
        (
            "start a \"Call\"\nend b\na => b\n",
            (3, 3),
            "`=>` is not an arrow; did you mean `->`?",
        ),
        (
            "start a \"Call\"\nend b\na --> b\n",
            (3, 3),
            "`-->` is not an arrow",
        ),
        (
            "start a \"Call\"\nend b\na → b\n",
            (3, 3),
            "`→` is not an arrow",
        ),
        (
            "start a \"Call\"\nstore s\na ...> s\n",
            (3, 3),
            "did you mean `..>`?",
        ),
        (
            "start a \"Call\"\nend b\na -> b ->\n",
            (3, 8),
            "the edge ends with `->`",
        ),
        (
            "start a \"Call\"\nend b\na -> b -> # then?\n",
            (3, 8),
            "the edge ends with `->`",
        ),
        (
            "lane sales \"Sales\" {\nstart a\n",
            (1, 20),
            "this `{` is never closed",
        ),
        (
            "flow \"F\" {\n  goal \"g\"\nlane sales \"Sales\"\nstart a lane sales\n",
            (1, 10),
            "this `{` is never closed",
        ),
        (
            "start a \"Call\"\n}\nend b\na -> b\n",
            (2, 1),
            "this `}` closes no block",
        ),
        (
            "start a \"Call\"\nend b\na -> b \"done\"\n",
            (3, 8),
            "an edge's label follows a colon",
        ),
    ];
    for (text, place, message) in cases {
        write(dir.path(), "slip.crmflow", text);
        let got = findings(dir.path(), "slip.crmflow");
        assert!(
            got.iter()
                .any(|f| f.0 == "E001" && (f.1, f.2) == *place && f.3.contains(message)),
            "{text:?}: wanted `{message}` at {place:?}, got {got:#?}"
        );
    }
}

#[test]
fn item22_color_on_a_node_or_lane_points_to_modules() {
    let dir = tempfile::tempdir().unwrap();
    for (text, help) in [
        (
            "start a \"Call\" color red\nend b\na -> b\n",
            "colors belong to modules",
        ),
        (
            "lane sales \"Sales\" color red\nstart a lane sales\nend b lane sales\na -> b\n",
            "colors belong to modules",
        ),
        (
            "start a \"Call\" colour red\nend b\na -> b\n",
            "the attribute is spelled `color`; colors belong to modules",
        ),
        (
            "module crm \"CRM\" colour red\nstart a module crm\nend b module crm\na -> b\n",
            "the attribute is spelled `color`",
        ),
    ] {
        write(dir.path(), "slip.crmflow", text);
        let out = run(
            dir.path(),
            &["check", "slip.crmflow", "--format", "json"],
            b"",
        );
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let helps: Vec<&str> = json["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|d| d["help"].as_str())
            .collect();
        assert!(
            helps.iter().any(|h| h.contains(help)),
            "{text:?}: {helps:?}"
        );
    }
}

#[test]
fn item21_recovery_never_reports_past_the_end_of_the_text() {
    // Found by the parse fuzzer: the recovery closes a block it thinks is
    // open with a `}` of its own; nothing may be reported at that brace.
    for text in [
        "a->b:{\ni",
        "a->b:{\ni\n",
        "lane s \"S\" {\nstart a\na ->",
        "flow \"x\" {\n  goal\n",
    ] {
        let source = crmflow::SourceFile::new("t.crmflow", text);
        let diags = crmflow::syntax::parse(&source).expect_err(text);
        for diag in &diags {
            assert!(diag.span.start <= diag.span.end, "{text:?}: {diag:?}");
            assert!(diag.span.end <= text.len(), "{text:?}: {diag:?}");
            for label in &diag.labels {
                assert!(label.span.end <= text.len(), "{text:?}: {label:?}");
            }
        }
    }
}

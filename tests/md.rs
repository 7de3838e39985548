//! `crmflow md`: fenced ```crmflow blocks in Markdown become image links.

use crate::util::{run, stderr};

const DOC: &str = "# Process\n\n```crmflow\nflow \"Lead handling\" {\n  goal \"Fast\"\n}\nstart a \"Lead in\"\nend c \"Done\"\na -> c\n```\nText right after.\n\n- item\n\n  ```crmflow\n  start x \"列表\"\n  end y \"完\"\n  x -> y\n  ```\n\n```rust\nfn main() {}\n```\n";

#[test]
fn blocks_get_image_links_and_a_rerun_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("doc.md"), DOC).unwrap();
    let out = run(
        dir.path(),
        &["md", "doc.md", "--in-place", "--out-dir", "img"],
        b"",
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let first = std::fs::read_to_string(dir.path().join("doc.md")).unwrap();
    // The block stays, the link follows it (indented inside the list item),
    // the rust block is left alone, the text after keeps its own paragraph.
    assert!(
        first.contains("a -> c\n```\n\n![Lead handling](img/doc-"),
        "{first}"
    );
    assert!(first.contains(".svg)\n\nText right after."), "{first}");
    assert!(
        first.contains("  ```\n\n  ![crmflow diagram](img/doc-"),
        "{first}"
    );
    assert!(first.ends_with("```rust\nfn main() {}\n```\n"));
    let images: Vec<_> = std::fs::read_dir(dir.path().join("img")).unwrap().collect();
    assert_eq!(images.len(), 2);
    // Idempotent, and --check agrees.
    let out = run(
        dir.path(),
        &["md", "doc.md", "--in-place", "--out-dir", "img"],
        b"",
    );
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("doc.md")).unwrap(),
        first
    );
    let out = run(
        dir.path(),
        &["md", "doc.md", "--check", "--out-dir", "img"],
        b"",
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // An edited block: --check fails and changes nothing; a run replaces
    // the link and deletes the image nothing points at any more.
    let edited = first.replace("Lead in", "Lead arrives");
    std::fs::write(dir.path().join("doc.md"), &edited).unwrap();
    let out = run(
        dir.path(),
        &["md", "doc.md", "--check", "--out-dir", "img"],
        b"",
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr(&out).contains("missing: img/doc-"),
        "{}",
        stderr(&out)
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("doc.md")).unwrap(),
        edited
    );
    let out = run(
        dir.path(),
        &["md", "doc.md", "--in-place", "--out-dir", "img"],
        b"",
    );
    assert_eq!(out.status.code(), Some(0));
    let images: Vec<_> = std::fs::read_dir(dir.path().join("img")).unwrap().collect();
    assert_eq!(images.len(), 2, "the old image is removed");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("doc.md"))
            .unwrap()
            .matches("![")
            .count(),
        2
    );
}

#[test]
fn a_broken_block_is_reported_at_its_place_in_the_markdown() {
    let dir = tempfile::tempdir().unwrap();
    let doc = "# Doc\n\ntext\n\n```crmflow\nstart a \"A\"\na -> nowhere\n```\n";
    std::fs::write(dir.path().join("doc.md"), doc).unwrap();
    let out = run(
        dir.path(),
        &["md", "doc.md", "-o", "out.md", "--color", "never"],
        b"",
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("doc.md:7:6"), "{}", stderr(&out));
    // Left as it was.
    assert_eq!(
        std::fs::read_to_string(dir.path().join("out.md")).unwrap(),
        doc
    );
}

#[test]
fn without_in_place_the_markdown_goes_to_standard_output() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("doc.md"), DOC).unwrap();
    let out = run(dir.path(), &["md", "doc.md"], b"");
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("![Lead handling](doc-"), "{text}");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("doc.md")).unwrap(),
        DOC
    );
}

// ── One pipeline (#17): md and check lint the flows in Markdown ─────────

const LINTED: &str = "# Leads\n\nIntro 客户.\n\n```crmflow\nflow \"Leads\" {\n  goal \"Qualify\"\n}\nstart a \"Call\"\nstep b \"Dead end\"\nend c \"Done \u{E000}\"\na -> b\na -> c\n```\n";

#[test]
fn md_lints_every_block_at_its_markdown_line_and_reports_missing_glyphs() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("doc.md"), LINTED).unwrap();
    let out = run(dir.path(), &["md", "doc.md", "-o", "out.md"], b"");
    let text = stderr(&out);
    // The dead end is a lint error: exit 1, at the `.md` line (10, column 6).
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(text.contains("L001"), "{text}");
    assert!(text.contains("doc.md:10:6"), "{text}");
    // A character the font lacks: W300, as `render` says it.
    assert!(text.contains("W300") && text.contains("U+E000"), "{text}");
    assert!(text.contains("doc.md:11:1"), "{text}");
    // The image is still made and linked.
    let markdown = std::fs::read_to_string(dir.path().join("out.md")).unwrap();
    assert!(markdown.contains("![Leads]("), "{markdown}");
    // A clean document exits 0 and prints no findings.
    let clean = LINTED
        .replace("a -> b\n", "a -> b -> c\n")
        .replace(" \u{E000}", "");
    std::fs::write(dir.path().join("clean.md"), clean).unwrap();
    let out = run(dir.path(), &["md", "clean.md", "-o", "clean.out.md"], b"");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(!stderr(&out).contains('×'), "{}", stderr(&out));
}

#[test]
fn check_lints_the_blocks_of_markdown_files_and_folders() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("docs")).unwrap();
    std::fs::write(dir.path().join("docs/leads.md"), LINTED).unwrap();
    std::fs::write(dir.path().join("docs/notes.md"), "# No flows here\n").unwrap();
    std::fs::write(
        dir.path().join("docs/ok.crmflow"),
        "flow \"Ok\" { goal \"g\" }\nstart a \"A\"\nend b \"B\"\na -> b\n",
    )
    .unwrap();
    // A file: exit 1 for the lint error, at its place in the Markdown.
    let out = run(
        dir.path(),
        &["check", "docs/leads.md", "--format", "json"],
        b"",
    );
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let dead_end = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "L001")
        .expect("the dead end is found");
    assert_eq!(dead_end["file"], "docs/leads.md");
    assert_eq!(dead_end["span"]["line"], 10);
    assert_eq!(dead_end["span"]["column"], 6);
    // A folder: its Markdown files are checked beside its flows; one
    // without flows is not counted.
    let out = run(dir.path(), &["check", "docs"], b"");
    assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("2 files checked: 1 error"),
        "{}",
        stderr(&out)
    );
    // A block that does not parse: exit 2, at its line.
    std::fs::write(
        dir.path().join("docs/broken.md"),
        "Text\n\n```crmflow\nstart a \"A\"\na => b\n```\n",
    )
    .unwrap();
    let out = run(dir.path(), &["check", "docs/broken.md"], b"");
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).contains("broken.md:5:3"), "{}", stderr(&out));
}

//! `crmflow md`: fenced ```crmflow blocks in Markdown become image links.

use crate::util::run;

const DOC: &str = "# Process\n\n```crmflow\nflow \"Lead handling\" {\n  goal \"Fast\"\n}\nstart a \"Lead in\"\nend c \"Done\"\na -> c\n```\nText right after.\n\n- item\n\n  ```crmflow\n  start x \"列表\"\n  end y \"完\"\n  x -> y\n  ```\n\n```rust\nfn main() {}\n```\n";

fn stderr(output: &std::process::Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

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

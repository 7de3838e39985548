//! docs/language.md stays true: every ```crmflow block in it parses and
//! resolves, every ```crmflow-invalid CODE block fails with that code.

use crate::util::root;
use crmflow::SourceFile;

/// `(info string, content, line of the opening fence)` of each fenced block.
fn fenced_blocks(markdown: &str) -> Vec<(String, String, usize)> {
    let mut blocks = Vec::new();
    let mut open: Option<(String, String, usize)> = None;
    for (number, line) in markdown.lines().enumerate() {
        match (&mut open, line.strip_prefix("```")) {
            (None, Some(info)) => open = Some((info.trim().to_owned(), String::new(), number + 1)),
            (Some(_), Some(rest)) if rest.trim().is_empty() => {
                blocks.push(open.take().expect("open"));
            }
            (Some((_, content, _)), _) => {
                content.push_str(line);
                content.push('\n');
            }
            (None, None) => {}
        }
    }
    assert!(open.is_none(), "a fence is left open");
    blocks
}

#[test]
fn every_example_in_the_language_reference_means_what_it_says() {
    let markdown = std::fs::read_to_string(root().join("docs/language.md")).unwrap();
    let (mut valid, mut invalid) = (0, 0);
    for (info, content, line) in fenced_blocks(&markdown) {
        let source = SourceFile::new(format!("docs/language.md:{line}"), content);
        let mut words = info.split_whitespace();
        match words.next() {
            Some("crmflow") => {
                if let Err(diags) = crmflow::check(&source) {
                    panic!("the block at line {line} should be valid: {diags:?}");
                }
                valid += 1;
            }
            Some("crmflow-invalid") => {
                let code = words.next().expect("crmflow-invalid names its code");
                match crmflow::check(&source) {
                    Ok(_) => panic!("the block at line {line} should fail with {code}"),
                    Err(diags) => {
                        assert_eq!(diags[0].code, code, "the block at line {line}: {diags:?}")
                    }
                }
                invalid += 1;
            }
            _ => {}
        }
    }
    assert!(
        valid >= 11 && invalid >= 19,
        "{valid} valid, {invalid} invalid"
    );
}

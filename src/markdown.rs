//! Flows kept in Markdown: the ```` ```crmflow ```` fenced blocks of a
//! document, each with its text and where every byte of it is in the file.
//!
//! Takes Markdown text; gives [`Block`]s (found with pulldown-cmark, so
//! CommonMark fences of ``` or ~~~, in lists and quotes, count) and, per
//! block, a [`BlockSource`] that moves diagnostics on the block's text onto
//! the Markdown file (`md` renders the blocks, `check` lints them); and what
//! `md` writes back: the image names ([`image_name`]), the links after the
//! blocks ([`LinkWriter`]) and which old image it may delete
//! ([`obsolete_image`]: only its own, in its own folder).

use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag, TagEnd};
use std::ops::Range;
use std::path::{Path, PathBuf};

/// One ```` ```crmflow ```` block.
pub struct Block {
    /// What precedes the opening fence on its line, with a list marker
    /// turned into spaces (`- ` → two spaces, `> ` of a quote kept): the
    /// image link and the blank line before it get the same, so they stay
    /// inside the list item or quote.
    pub prefix: String,
    /// Whether the block has its closing fence (an unclosed block runs to
    /// the end of the document: a link after it would be inside it).
    pub closed: bool,
    /// The whole block, fences included.
    pub range: Range<usize>,
    /// The lines of its content, as ranges of the Markdown text.
    pub lines: Vec<Range<usize>>,
    /// The content.
    pub text: String,
}

/// Finds the crmflow blocks of a Markdown text.
pub fn blocks(markdown: &str) -> Vec<Block> {
    let mut found = Vec::new();
    let mut current: Option<Block> = None;
    for (event, range) in Parser::new(markdown).into_offset_iter() {
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info)))
                if info.split_whitespace().next() == Some("crmflow") =>
            {
                let line_start = markdown[..range.start].rfind('\n').map_or(0, |at| at + 1);
                current = Some(Block {
                    prefix: container_prefix(&markdown[line_start..range.start]),
                    closed: false,
                    range,
                    lines: Vec::new(),
                    text: String::new(),
                });
            }
            Event::Text(text) => {
                if let Some(block) = &mut current {
                    block.lines.push(range);
                    block.text.push_str(&text);
                }
            }
            Event::End(TagEnd::CodeBlock) => {
                if let Some(mut block) = current.take() {
                    block.closed = has_closing_fence(&markdown[block.range.clone()]);
                    // End after the closing fence's line break.
                    let rest = &markdown[block.range.end..];
                    let line = rest.find('\n').map_or(rest.len(), |at| at + 1);
                    if rest[..line].trim().is_empty() {
                        block.range.end += line;
                    }
                    found.push(block);
                }
            }
            _ => {}
        }
    }
    found
}

/// What comes before a fence on its line, as the prefix of the lines md
/// adds after the block: quote markers and indentation kept, list markers
/// (`-`, `*`, `+`, `1.`, `2)`) turned into as many spaces.
fn container_prefix(before_fence: &str) -> String {
    let mut prefix = String::new();
    let mut rest = before_fence;
    while let Some(c) = rest.chars().next() {
        let marker = if matches!(c, '-' | '*' | '+') {
            1
        } else if c.is_ascii_digit() {
            let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
            match rest.as_bytes().get(digits) {
                Some(b'.' | b')') => digits + 1,
                _ => 0,
            }
        } else {
            0
        };
        if marker > 0 {
            prefix.push_str(&" ".repeat(marker));
            rest = &rest[marker..];
        } else if matches!(c, ' ' | '\t' | '>') {
            prefix.push(c);
            rest = &rest[c.len_utf8()..];
        } else {
            // Not a container prefix (the fence is not at a line start).
            return String::new();
        }
    }
    prefix
}

/// Whether a fenced block's text (fences included) ends with a closing
/// fence: a line of the opening fence's character, at least as long.
fn has_closing_fence(block: &str) -> bool {
    let first = block.lines().next().unwrap_or("");
    let opening = first.trim_start_matches([' ', '\t', '>', '-', '*', '+']);
    let opening = opening.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ')');
    let opening = opening.trim_start();
    let Some(fence_char) = opening.chars().next().filter(|c| matches!(c, '`' | '~')) else {
        return false;
    };
    let length = opening.chars().take_while(|&c| c == fence_char).count();
    let mut lines = block.lines();
    lines.next();
    lines.last().is_some_and(|last| {
        let last = last.trim_start_matches([' ', '\t', '>']).trim_end();
        last.len() >= length && last.chars().all(|c| c == fence_char)
    })
}

/// A block's flow text and where each of its bytes is in the Markdown.
pub struct BlockSource {
    /// The content lines, as written.
    pub text: String,
    /// `(offset in text, offset in the Markdown)` at the start of each line.
    starts: Vec<(usize, usize)>,
}

impl BlockSource {
    /// The text of `block` of `markdown`, with its line starts.
    pub fn new(markdown: &str, block: &Block) -> Self {
        let mut text = String::new();
        let mut starts = Vec::with_capacity(block.lines.len());
        for line in &block.lines {
            starts.push((text.len(), line.start));
            text.push_str(&markdown[line.clone()]);
        }
        BlockSource { text, starts }
    }

    /// The Markdown offset of a byte offset into the block's text.
    pub fn to_markdown(&self, offset: usize) -> usize {
        let line = self
            .starts
            .partition_point(|&(start, _)| start <= offset)
            .saturating_sub(1);
        match self.starts.get(line) {
            Some(&(start, at)) => at + (offset - start),
            None => 0,
        }
    }

    /// Diagnostics on the block's text moved onto the Markdown file.
    pub fn relocate(&self, diags: Vec<crate::Diag>) -> Vec<crate::Diag> {
        let span = |span: crate::Span| {
            let start = self.to_markdown(span.start);
            crate::Span::new(start, start.max(self.to_markdown(span.end)))
        };
        diags
            .into_iter()
            .map(|mut diag| {
                diag.span = span(diag.span);
                for label in &mut diag.labels {
                    label.span = span(label.span);
                }
                diag
            })
            .collect()
    }
}

/// Whether `name` is an image name md makes for a document whose file
/// stem is `stem`: `<stem>-<12 hex>.svg|png`.
fn is_our_image_name(name: &str, stem: &str) -> bool {
    let Some((base, extension)) = name.rsplit_once('.') else {
        return false;
    };
    let Some(hash) = base
        .strip_prefix(stem)
        .and_then(|rest| rest.strip_prefix('-'))
    else {
        return false;
    };
    hash.len() == 12
        && hash.bytes().all(|b| b.is_ascii_hexdigit())
        && matches!(extension, "svg" | "png")
}

/// The image file name for a block: `<stem>-<12 hex>.<extension>`, the
/// hex from a hash of the block's text and the format, so the name changes
/// exactly when the drawing does.
pub fn image_name(stem: &str, extension: &str, block_text: &str) -> String {
    let hex = short_hash(&format!("{extension}\n{block_text}"), 6);
    format!("{stem}-{hex}.{extension}")
}

/// The first `bytes` bytes of the SHA-256 of `text`, in hex: a name that
/// changes exactly when the text does.
pub fn short_hash(text: &str, bytes: usize) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(text.as_bytes())
        .iter()
        .take(bytes)
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

/// If an image link md made follows `end`, its range (the line, with the
/// blank lines before it) and target.
fn our_link(markdown: &str, end: usize, stem: &str) -> Option<(Range<usize>, String)> {
    let rest = &markdown[end..];
    let skipped = rest.len() - rest.trim_start_matches(['\n', '\r', ' ', '\t', '>']).len();
    let line_start = end + skipped;
    let line_end = markdown[line_start..]
        .find('\n')
        .map_or(markdown.len(), |at| line_start + at);
    let line = markdown[line_start..line_end].trim_end();
    let line = line.trim_start_matches(['>', ' ', '\t']);
    let target = line
        .strip_prefix("![")?
        .rsplit_once("](")?
        .1
        .strip_suffix(')')?;
    let name = std::path::Path::new(target).file_name()?.to_str()?;
    is_our_image_name(name, stem).then(|| (end..line_end, target.to_owned()))
}

/// Rewrites a Markdown document with an image link right after blocks:
/// `![title](link)`, indented like the block (in lists and quotes), with a
/// blank line before and after; a link of md's own shape already there is
/// replaced. Everything else is kept byte for byte; added lines end the way
/// the file's lines do.
pub struct LinkWriter<'a> {
    markdown: &'a str,
    stem: &'a str,
    newline: &'static str,
    out: String,
    copied: usize,
    replaced: Vec<String>,
}

impl<'a> LinkWriter<'a> {
    /// A writer for `markdown`, whose images are named after `stem`.
    pub fn new(markdown: &'a str, stem: &'a str) -> Self {
        LinkWriter {
            markdown,
            stem,
            newline: if markdown.contains("\r\n") {
                "\r\n"
            } else {
                "\n"
            },
            out: String::with_capacity(markdown.len()),
            copied: 0,
            replaced: Vec::new(),
        }
    }

    /// Puts a link to `target` titled `title` after `block` (blocks in
    /// document order).
    pub fn link(&mut self, block: &Block, title: &str, target: &str) {
        let (markdown, newline) = (self.markdown, self.newline);
        let existing = our_link(markdown, block.range.end, self.stem);
        let alt: String = title
            .chars()
            .map(|c| {
                if matches!(c, '[' | ']') || c.is_control() {
                    ' '
                } else {
                    c
                }
            })
            .collect();
        self.out.push_str(&markdown[self.copied..block.range.end]);
        let line_break = if markdown[..block.range.end].ends_with('\n') {
            ""
        } else {
            newline
        };
        let prefix = &block.prefix;
        let blank = prefix.trim_end();
        self.out.push_str(&format!(
            "{line_break}{blank}{newline}{prefix}![{alt}]({target})"
        ));
        self.copied = match existing {
            Some((range, old)) => {
                if old != target {
                    self.replaced.push(old);
                }
                range.end
            }
            None => {
                // A blank line (inside the same quote or list item) between
                // the image and what follows, so it does not run into the
                // next paragraph.
                self.out.push_str(newline);
                let rest = &markdown[block.range.end..];
                if !rest.is_empty() && !rest.starts_with(['\n', '\r']) {
                    self.out.push_str(blank);
                    self.out.push_str(newline);
                }
                block.range.end
            }
        };
    }

    /// The rewritten document, and the targets of md's links it replaced.
    pub fn finish(mut self) -> (String, Vec<String>) {
        self.out.push_str(&self.markdown[self.copied..]);
        (self.out, self.replaced)
    }
}

/// The link from a Markdown file in `folder` to `image`, with `/`.
pub fn link_target(folder: &Path, image: &Path) -> String {
    let absolute = |path: &Path| std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let relative = pathdiff::diff_paths(absolute(image), absolute(folder))
        .unwrap_or_else(|| image.to_path_buf());
    relative
        .components()
        .map(|part| part.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
}

/// The image an old link pointed at, if md may delete it: a regular file
/// directly in the image folder, named as md names images
/// (`<stem>-<12 hex>.svg|png`), that no link in the new Markdown still
/// points at. Nothing else is ever deleted: not a file a hand-edited link
/// points at elsewhere (`../`, an absolute path, another folder), not a
/// symlink.
pub fn obsolete_image(
    folder: &Path,
    image_dir: &Path,
    old: &str,
    rewritten: &str,
    stem: &str,
) -> Option<PathBuf> {
    let target = Path::new(old);
    if target.is_absolute()
        || target
            .components()
            .any(|part| !matches!(part, std::path::Component::Normal(_)))
    {
        return None;
    }
    let ours = is_our_image_name(target.file_name()?.to_str()?, stem);
    let path = folder.join(target);
    let in_image_dir = path
        .parent()
        .is_some_and(|parent| crate::files::same_file(parent, image_dir));
    let still_linked = rewritten.contains(&format!("]({old})"));
    let regular = std::fs::symlink_metadata(&path).is_ok_and(|meta| meta.is_file());
    (ours && in_image_dir && !still_linked && regular).then_some(path)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_crmflow_blocks_with_either_fence_and_ignores_others() {
        let markdown = "# Doc\n\n```crmflow\nstart a \"A\"\n```\n\n```rust\nfn main() {}\n```\n\n~~~crmflow title\nend b \"B\"\n~~~\n";
        let found = blocks(markdown);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].text, "start a \"A\"\n");
        assert_eq!(found[1].text, "end b \"B\"\n");
        assert!(markdown[found[0].range.clone()].starts_with("```crmflow"));
    }

    #[test]
    fn block_spans_map_back_into_the_markdown() {
        let markdown = "intro é\n\n> ```crmflow\n> start a \"客户\"\n> end b\n> ```\n";
        let block = &blocks(markdown)[0];
        let source = BlockSource::new(markdown, block);
        assert_eq!(source.text, "start a \"客户\"\nend b\n");
        let end = source.text.find("end").unwrap();
        assert_eq!(&markdown[source.to_markdown(end)..][..5], "end b");
        assert_eq!(block.prefix, "> ");
        assert!(block.closed);
    }

    #[test]
    fn list_markers_become_spaces_and_unclosed_fences_are_seen() {
        assert_eq!(container_prefix("- "), "  ");
        assert_eq!(container_prefix("> 12. "), ">     ");
        assert_eq!(container_prefix("text "), "");
        let open = "```crmflow\nstart a\n";
        assert!(!blocks(open)[0].closed);
        let tilde = "~~~~crmflow\nstart a\n~~~~\n";
        assert!(blocks(tilde)[0].closed);
    }

    #[test]
    fn recognises_only_its_own_links() {
        let markdown = "```crmflow\nx\n```\n\n![Lead](img/doc-0123456789ab.svg)\n";
        let end = blocks(markdown)[0].range.end;
        let (range, target) = our_link(markdown, end, "doc").unwrap();
        assert_eq!(target, "img/doc-0123456789ab.svg");
        assert_eq!(&markdown[range.end..], "\n");
        assert!(our_link(markdown, end, "other").is_none());
        let foreign = "```crmflow\nx\n```\n\n![Photo](team.png)\n";
        assert!(our_link(foreign, blocks(foreign)[0].range.end, "doc").is_none());
        assert!(is_our_image_name(&image_name("doc", "svg", "x"), "doc"));
    }
}

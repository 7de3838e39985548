//! `crmflow md FILE.md…`: render every ```` ```crmflow ```` fenced block of
//! a Markdown file to an image and put an image link right after the block.
//!
//! The block stays (it is the source; readers of the raw file see it) and
//! is followed by `![title](img/FILE-0123456789ab.svg)`, named by a hash of
//! the block's text, so the name changes exactly when the diagram does and a
//! rerun is idempotent: an image link of that shape right after a block is
//! recognised as ours and replaced; an image it no longer points at is
//! deleted. `--check` changes nothing and exits 1 when the Markdown or an
//! image is out of date.
//!
//! Markdown is read with pulldown-cmark (CommonMark: fences of ``` or ~~~,
//! blocks in lists and quotes); everything outside the blocks is kept byte
//! for byte. Diagnostics point into the Markdown file at the exact line and
//! column.

use super::args::LookArgs;
use super::args::{MdArgs, MdImageFormat};
use super::io::write_atomic;
use super::render::FontCache;
use super::{exit, report};
use crmflow::SourceFile;
use crmflow::config::{self, Config};
use crmflow::files::read_regular;
use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag, TagEnd};
use sha2::{Digest, Sha256};
use std::ops::Range;
use std::path::{Path, PathBuf};

/// One ```` ```crmflow ```` block.
struct Block {
    /// What precedes the opening fence on its line, with a list marker
    /// turned into spaces (`- ` → two spaces, `> ` of a quote kept): the
    /// image link and the blank line before it get the same, so they stay
    /// inside the list item or quote.
    prefix: String,
    /// Whether the block has its closing fence (an unclosed block runs to
    /// the end of the document: a link after it would be inside it).
    closed: bool,
    /// The whole block, fences included.
    range: Range<usize>,
    /// The lines of its content, as ranges of the Markdown text.
    lines: Vec<Range<usize>>,
    /// The content.
    text: String,
}

/// Finds the crmflow blocks of a Markdown text.
fn blocks(markdown: &str) -> Vec<Block> {
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
struct BlockSource {
    /// The content lines, as written.
    text: String,
    /// `(offset in text, offset in the Markdown)` at the start of each line.
    starts: Vec<(usize, usize)>,
}

impl BlockSource {
    fn new(markdown: &str, block: &Block) -> Self {
        let mut text = String::new();
        let mut starts = Vec::with_capacity(block.lines.len());
        for line in &block.lines {
            starts.push((text.len(), line.start));
            text.push_str(&markdown[line.clone()]);
        }
        BlockSource { text, starts }
    }

    /// The Markdown offset of a byte offset into the block's text.
    fn to_markdown(&self, offset: usize) -> usize {
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
    fn relocate(&self, diags: Vec<crmflow::Diag>) -> Vec<crmflow::Diag> {
        let span = |span: crmflow::Span| {
            let start = self.to_markdown(span.start);
            crmflow::Span::new(start, start.max(self.to_markdown(span.end)))
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

/// If an image link we made follows `end`, its range (the line, with the
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
    let name = Path::new(target).file_name()?.to_str()?;
    let (base, extension) = name.rsplit_once('.')?;
    let hash = base.strip_prefix(stem)?.strip_prefix('-')?;
    let ours = hash.len() == 12
        && hash.bytes().all(|b| b.is_ascii_hexdigit())
        && matches!(extension, "svg" | "png");
    ours.then(|| (end..line_end, target.to_owned()))
}

/// What processing one Markdown file gave.
#[derive(Default)]
struct Outcome {
    code: u8,
    stale: Vec<String>,
}

/// Runs `md`.
pub fn run(args: &MdArgs, fancy: bool) -> u8 {
    if args.files.len() > 1 && args.output.is_some() {
        eprintln!(
            "error: -o names one output but there are {} Markdown files; use --in-place",
            args.files.len()
        );
        return exit::USAGE;
    }
    if args.files.len() > 1 && !args.in_place && !args.check {
        eprintln!("error: several Markdown files: use --in-place (or --check)");
        return exit::USAGE;
    }
    let mut code = exit::OK;
    let mut stale = Vec::new();
    let mut fonts = FontCache::default();
    for file in &args.files {
        let outcome = one(args, file, fancy, &mut fonts);
        code = code.max(outcome.code);
        stale.extend(outcome.stale);
    }
    if args.check {
        for line in &stale {
            eprintln!("{line}");
        }
        if !stale.is_empty() {
            eprintln!(
                "{} out of date; run the same command without --check",
                stale.len()
            );
            code = code.max(exit::FINDINGS);
        }
    }
    code
}

fn one(args: &MdArgs, file: &Path, fancy: bool, fonts: &mut FontCache) -> Outcome {
    let mut outcome = Outcome::default();
    let limit = crmflow::limits::current().file_bytes;
    let markdown = match read_regular(file, limit).map(String::from_utf8) {
        Ok(Ok(text)) => text,
        Ok(Err(_)) => {
            eprintln!("error: `{}` is not UTF-8 text", file.display());
            outcome.code = exit::USAGE;
            return outcome;
        }
        Err(err) => {
            eprintln!("error: cannot read `{}`: {err}", file.display());
            outcome.code = exit::USAGE;
            return outcome;
        }
    };
    let folder = match file.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let image_dir = args.out_dir.clone().unwrap_or_else(|| folder.clone());
    let stem = file
        .file_stem()
        .map(|stem| stem.to_string_lossy().into_owned())
        .unwrap_or_else(|| "diagram".into());
    let config = match args.config.clone().or_else(|| config::discover(&folder)) {
        None => Config::default(),
        Some(path) => match config::load(&path) {
            Ok(config) => config,
            Err((source, diags)) => {
                eprint!("{}", report::human(&source, &diags, fancy));
                outcome.code = exit::INVALID_INPUT;
                return outcome;
            }
        },
    };
    let look = LookArgs {
        theme: args.theme,
        ..LookArgs::default()
    };
    let (options, scale) = match look.resolve(&config, fonts) {
        Ok(resolved) => resolved,
        Err(message) => {
            eprintln!("error: {message}");
            outcome.code = exit::USAGE;
            return outcome;
        }
    };
    let extension = match args.format {
        MdImageFormat::Svg => "svg",
        MdImageFormat::Png => "png",
    };
    // Lines md adds end the way the file's lines do.
    let newline = if markdown.contains("\r\n") {
        "\r\n"
    } else {
        "\n"
    };
    let whole = SourceFile::new(file.display().to_string(), markdown.clone());

    let mut rewritten = String::with_capacity(markdown.len());
    let mut copied = 0;
    let mut replaced_links = Vec::new();
    for block in blocks(&markdown) {
        if !block.closed {
            let at = whole.line_col(block.range.start);
            eprintln!(
                "warning: {}:{at}: the ```crmflow block is not closed; left as it is (add the closing fence)",
                file.display()
            );
            continue;
        }
        let existing = our_link(&markdown, block.range.end, &stem);
        let block_source = BlockSource::new(&markdown, &block);
        let source = SourceFile::new(file.display().to_string(), block_source.text.clone());
        let compiled = match crmflow::compile(&source, &options) {
            Ok(compiled) => compiled,
            Err(diags) => {
                // Left as it is: the block, and the last good image if any.
                let diags = block_source.relocate(diags);
                eprint!("{}", report::human(&whole, &diags, fancy));
                outcome.code = exit::INVALID_INPUT;
                continue;
            }
        };
        let bytes = match args.format {
            MdImageFormat::Svg => Ok(compiled.svg.clone().into_bytes()),
            MdImageFormat::Png => crmflow::render::png(&compiled.svg, options.fonts, scale),
        };
        let bytes = match bytes {
            Ok(bytes) => bytes,
            Err(message) => {
                eprintln!("error: {message}");
                outcome.code = exit::USAGE;
                continue;
            }
        };
        let hash = Sha256::digest(format!("{extension}\n{}", block.text).as_bytes());
        let hex: String = hash
            .iter()
            .take(6)
            .map(|byte| format!("{byte:02x}"))
            .collect();
        let image = image_dir.join(format!("{stem}-{hex}.{extension}"));
        let on_disk = read_regular(&image, bytes.len() as u64).ok();
        if on_disk.as_deref() != Some(bytes.as_slice()) {
            if args.check {
                let state = if on_disk.is_some() {
                    "stale"
                } else {
                    "missing"
                };
                outcome.stale.push(format!("{state}: {}", image.display()));
            } else {
                if let Err(err) = std::fs::create_dir_all(&image_dir) {
                    eprintln!("error: cannot create `{}`: {err}", image_dir.display());
                    outcome.code = exit::USAGE;
                    return outcome;
                }
                if let Err(message) = write_atomic(&image, &bytes) {
                    eprintln!("error: {message}");
                    outcome.code = exit::USAGE;
                    return outcome;
                }
            }
        }
        let link = link_target(&folder, &image);
        let title = compiled
            .flow
            .header
            .title
            .as_ref()
            .map_or("crmflow diagram".to_owned(), |title| title.value.clone());
        let alt: String = title
            .chars()
            .map(|c| {
                if matches!(c, '[' | ']' | '\n' | '\r') || c.is_control() {
                    ' '
                } else {
                    c
                }
            })
            .collect();
        rewritten.push_str(&markdown[copied..block.range.end]);
        let line_break = if markdown[..block.range.end].ends_with('\n') {
            ""
        } else {
            newline
        };
        let prefix = &block.prefix;
        let blank = prefix.trim_end();
        rewritten.push_str(&format!(
            "{line_break}{blank}{newline}{prefix}![{alt}]({link})"
        ));
        copied = match existing {
            Some((range, old)) => {
                if old != link {
                    replaced_links.push(old);
                }
                range.end
            }
            None => {
                // A blank line (inside the same quote or list item) between
                // the image and what follows, so it does not run into the
                // next paragraph.
                rewritten.push_str(newline);
                let rest = &markdown[block.range.end..];
                if !rest.is_empty() && !rest.starts_with(['\n', '\r']) {
                    rewritten.push_str(blank);
                    rewritten.push_str(newline);
                }
                block.range.end
            }
        };
    }
    rewritten.push_str(&markdown[copied..]);

    if rewritten != markdown {
        if args.check {
            outcome
                .stale
                .push(format!("stale: {} (image links)", file.display()));
        } else {
            let target = if args.in_place {
                Some(file.to_path_buf())
            } else {
                args.output.clone()
            };
            let target = target.unwrap_or_else(|| PathBuf::from("-"));
            if let Err(message) = write_atomic(&target, rewritten.as_bytes()) {
                eprintln!("error: {message}");
                outcome.code = exit::USAGE;
                return outcome;
            }
        }
    } else if !args.check && !args.in_place {
        let target = args.output.clone().unwrap_or_else(|| PathBuf::from("-"));
        let unchanged_file = args.output.as_ref().is_some_and(|out| {
            read_regular(out, limit).is_ok_and(|bytes| bytes == rewritten.as_bytes())
        });
        if !unchanged_file && let Err(message) = write_atomic(&target, rewritten.as_bytes()) {
            eprintln!("error: {message}");
            outcome.code = exit::USAGE;
        }
    }
    if !args.check {
        for old in replaced_links {
            if let Some(path) = obsolete_image(&folder, &image_dir, &old, &rewritten, &stem) {
                let _ = std::fs::remove_file(path);
            }
        }
    }
    outcome
}

/// The image an old link pointed at, if md may delete it: a regular file
/// directly in the image folder, named as md names images
/// (`<stem>-<12 hex>.svg|png`), that no link in the new Markdown still
/// points at. Nothing else is ever deleted: not a file a hand-edited link
/// points at elsewhere (`../`, an absolute path, another folder), not a
/// symlink.
fn obsolete_image(
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
    let name = target.file_name()?.to_str()?;
    let (base, extension) = name.rsplit_once('.')?;
    let hash = base.strip_prefix(stem)?.strip_prefix('-')?;
    let ours = hash.len() == 12
        && hash.bytes().all(|b| b.is_ascii_hexdigit())
        && matches!(extension, "svg" | "png");
    let path = folder.join(target);
    let in_image_dir = path
        .parent()
        .is_some_and(|parent| crmflow::files::same_file(parent, image_dir));
    let still_linked = rewritten.contains(&format!("]({old})"));
    let regular = std::fs::symlink_metadata(&path).is_ok_and(|meta| meta.is_file());
    (ours && in_image_dir && !still_linked && regular).then_some(path)
}

/// The link from a Markdown file in `folder` to `image`, with `/`.
fn link_target(folder: &Path, image: &Path) -> String {
    let absolute = |path: &Path| std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let relative = pathdiff::diff_paths(absolute(image), absolute(folder))
        .unwrap_or_else(|| image.to_path_buf());
    relative
        .components()
        .map(|part| part.as_os_str().to_string_lossy().into_owned())
        .collect::<Vec<_>>()
        .join("/")
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
    }
}

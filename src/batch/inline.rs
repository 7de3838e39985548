//! Flows drawn inline for documentation builds: every ```` ```crmflow ````
//! block of a Markdown text replaced by its drawing as an SVG element in
//! the page, for `crmflow md --inline`, the mdBook preprocessor
//! (`crmflow mdbook`) and the MkDocs plugin. Unlike `md`, nothing is
//! written beside the page: the site carries the drawing.
//!
//! Takes a Markdown text and the name of the file it came from (for the
//! nearest `crmflow.yaml` and for diagnostics at their line and column in
//! it); gives the Markdown with the blocks replaced, what to print, and a
//! [`Verdict`]: a block that does not parse, or whose lint has an error,
//! makes the build fail (it is left as a code block), warnings only print.
//!
//! Each drawing is one HTML block — `<div class="crmflow">` around the
//! SVG, no blank line inside (a blank line would end the HTML block in
//! CommonMark and Python-Markdown), every line carrying the block's list
//! or quote prefix — and its element ids start with a prefix made from the
//! file, the block's place and its text, so drawings on one page (mdBook's
//! print page holds every chapter) never share an arrowhead or an id.

use super::markdown::BlockBuilder;
use super::render::Verdict;
use crate::SourceFile;
use crate::markdown::blocks;
use crate::pipeline::{self, FontCache, Look};
use crate::report::human;
use crate::world::Disk;
use std::path::Path;

/// The settings every page of one documentation build shares.
pub struct InlineJob {
    /// `--config`, else the nearest `crmflow.yaml` above each page.
    pub config: Option<std::path::PathBuf>,
    /// `--theme`.
    pub theme: Option<String>,
    /// Lint as of this day.
    pub today: time::Date,
    /// Reports in colour, for a terminal.
    pub fancy: bool,
}

/// What drawing one page's blocks gave.
#[derive(Default)]
pub struct Inlined {
    /// The page with its blocks replaced by their drawings.
    pub markdown: String,
    /// What to print (diagnostics, errors), in order.
    pub messages: String,
    /// How it went: [`Verdict::Findings`] or worse fails the build.
    pub verdict: Verdict,
    /// How many blocks were drawn.
    pub drawn: usize,
}

impl InlineJob {
    /// Replaces the crmflow blocks of `markdown`, the text of the page
    /// `file` (which need not exist: it names the page in diagnostics and
    /// says where to look for `crmflow.yaml`).
    pub fn page(&self, file: &Path, markdown: &str, fonts: &mut FontCache) -> Inlined {
        let mut inlined = Inlined::default();
        let found = blocks(markdown);
        if found.is_empty() {
            inlined.markdown = markdown.to_owned();
            return inlined;
        }
        let config = match pipeline::config_for(Some(file), self.config.as_deref(), &Disk) {
            Ok((_, config)) => config,
            Err((source, diags)) => {
                inlined.markdown = markdown.to_owned();
                inlined.messages = human(&source, &diags, self.fancy);
                inlined.verdict = Verdict::Invalid;
                return inlined;
            }
        };
        let look = Look {
            theme: self.theme.clone(),
            ..Look::default()
        };
        let (options, _) = match look.resolve(&config, fonts, &Disk) {
            Ok(resolved) => resolved,
            Err(message) => {
                inlined.markdown = markdown.to_owned();
                inlined.messages = format!("error: {message}\n");
                inlined.verdict = Verdict::Unusable;
                return inlined;
            }
        };
        let settings = config.lint.clone().today(self.today);
        let whole = SourceFile::new(file.display().to_string(), markdown.to_owned());
        let mut out = String::with_capacity(markdown.len() * 4);
        let mut copied = 0;
        let builder = BlockBuilder {
            file,
            markdown,
            whole: &whole,
            settings: &settings,
            options: &options,
            fancy: self.fancy,
        };
        for (index, block) in found.iter().enumerate() {
            let Some(compiled) = builder.build(block, &mut inlined.messages, &mut inlined.verdict)
            else {
                continue;
            };
            let prefix = id_prefix(&file.display().to_string(), index, &block.text);
            let svg = crate::render::svg_with_ids(&compiled.layout, &options.theme, &prefix);
            out.push_str(&markdown[copied..block.range.start]);
            // The opening fence's line prefix is already in the text copied.
            out.push_str(&html_block(&svg, &block.prefix));
            copied = block.range.end;
            inlined.drawn += 1;
        }
        out.push_str(&markdown[copied..]);
        inlined.markdown = out;
        inlined
    }
}

/// The ids of one drawing start with this: a hash of the page, the
/// block's place on it and its text (the same page gives the same SVG).
fn id_prefix(file: &str, index: usize, text: &str) -> String {
    let hex = crate::markdown::short_hash(&format!("{file}\n{index}\n{text}"), 4);
    format!("crmflow-{hex}-")
}

/// The drawing as one HTML block: no blank line inside, each line behind
/// the block's prefix (the first already follows it in the page), scaled
/// down to the column it sits in.
fn html_block(svg: &str, prefix: &str) -> String {
    let svg = svg.replacen("<svg ", "<svg style=\"max-width: 100%; height: auto\" ", 1);
    let mut html = String::with_capacity(svg.len() + 64);
    html.push_str("<div class=\"crmflow\">\n");
    for line in svg.lines().filter(|line| !line.trim().is_empty()) {
        html.push_str(prefix);
        html.push_str(line);
        html.push('\n');
    }
    html.push_str(prefix);
    html.push_str("</div>\n");
    html
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;

    /// A job as of 1 December 2026, no colour.
    pub(in crate::batch) fn job() -> InlineJob {
        InlineJob {
            config: None,
            theme: None,
            today: time::Date::from_calendar_date(2026, time::Month::December, 1).unwrap(),
            fancy: false,
        }
    }

    const FLOW: &str = "flow \"Refund\" { goal \"Pay back\" owner \"Finance\" reviewed 2026-11-01 }\nlane desk \"Service desk\"\nstart ask \"Customer asks\" lane desk\nstep pay \"Pay <back> & close\" lane desk\nend done \"Closed\" lane desk\nask -> pay -> done\n";

    #[test]
    fn blocks_become_svg_with_ids_of_their_own_and_the_rest_is_kept() {
        let page = format!(
            "# Refunds\n\nText before.\n\n```crmflow\n{FLOW}```\n\nBetween.\n\n- item\n\n  ```crmflow\n{}  ```\n\nAfter.\n",
            FLOW.lines()
                .map(|line| format!("  {line}\n"))
                .collect::<String>()
        );
        let inlined = job().page(
            Path::new("/nonexistent/refund.md"),
            &page,
            &mut FontCache::default(),
        );
        assert_eq!(inlined.verdict, Verdict::Clean, "{}", inlined.messages);
        assert_eq!(inlined.drawn, 2);
        let out = &inlined.markdown;
        assert!(out.starts_with("# Refunds\n\nText before.\n\n<div class=\"crmflow\">\n<svg "));
        assert!(out.contains("Between.\n\n- item\n\n  <div class=\"crmflow\">\n  <svg "));
        assert!(out.ends_with("  </div>\n\nAfter.\n"), "{out}");
        assert!(!out.contains("```"));
        // Labels stay text.
        assert!(out.contains("Pay &lt;back&gt;") && out.contains("&amp; close"));
        // No blank line inside an HTML block.
        let first = &out[out.find("<div").unwrap()..out.find("</div>").unwrap()];
        assert!(!first.contains("\n\n"));
        // The two drawings' ids differ; every reference names its own.
        let prefixes: Vec<&str> = out
            .match_indices("<marker id=\"")
            .map(|(at, m)| &out[at + m.len()..at + m.len() + 17])
            .collect();
        assert_eq!(prefixes.len(), 2);
        assert_ne!(prefixes[0], prefixes[1]);
        for prefix in &prefixes {
            assert!(out.contains(&format!("url(#{prefix}arrow)")));
            assert!(out.contains(&format!("id=\"{prefix}node-pay\"")));
        }
        // The same page gives the same bytes.
        let again = job().page(
            Path::new("/nonexistent/refund.md"),
            &page,
            &mut FontCache::default(),
        );
        assert_eq!(again.markdown, inlined.markdown);
    }

    #[test]
    fn a_broken_block_fails_at_its_line_in_the_page_and_stays_a_code_block() {
        let page = "# Page\n\n```crmflow\nlane a \"A\"\nstep x \"X\" lane nowhere\n```\n";
        let inlined = job().page(
            Path::new("book/src/page.md"),
            page,
            &mut FontCache::default(),
        );
        assert_eq!(inlined.verdict, Verdict::Invalid);
        assert_eq!(inlined.drawn, 0);
        assert_eq!(inlined.markdown, page);
        assert!(
            inlined.messages.contains("book/src/page.md:5:"),
            "{}",
            inlined.messages
        );
    }

    #[test]
    fn a_page_without_blocks_is_handed_back_as_it_is() {
        let page = "# Nothing\n\n```rust\nfn main() {}\n```\n";
        let inlined = job().page(Path::new("x.md"), page, &mut FontCache::default());
        assert_eq!((inlined.markdown.as_str(), inlined.drawn), (page, 0));
        assert_eq!(inlined.verdict, Verdict::Clean);
    }
}

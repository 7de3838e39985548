//! Checking one input of many: a flow file, or the flows in the fenced
//! ```` ```crmflow ```` blocks of a Markdown file (reported at their place
//! in it) — parsed, resolved and linted through [`crate::pipeline`].

use super::load::{LoadError, load};
use crate::i18n::t;
use crate::lint::LintSettings;
use crate::markdown::{BlockSource, blocks};
use crate::pipeline::{self, Request};
use crate::render::Fonts;
use crate::world::World;
use crate::{Diag, SourceFile};
use std::path::Path;

/// What checking one file gave.
pub enum Checked {
    /// It could not be read.
    Unreadable(String),
    /// A Markdown file without ```` ```crmflow ```` blocks: nothing to check.
    NoFlows,
    /// It was read: compile errors, or lint findings.
    Read {
        /// The file.
        source: SourceFile,
        /// Compile errors (then no lint ran), or findings.
        diags: Vec<Diag>,
        /// True when it did not parse or resolve.
        invalid: bool,
        /// Findings suppressed by directives.
        suppressed: usize,
        /// What was skipped (a Markdown block left open), for the user.
        notes: Vec<String>,
    },
}

/// Loads, compiles and lints one file: a flow, or the flows in the
/// fenced blocks of a Markdown file (reported at their place in it).
///
/// `fonts` is the font the flow would be drawn with: characters it lacks
/// are reported (W300) as `render` reports them, so a CI job that gates on
/// `check` sees them too.
pub fn check_file(
    path: &Path,
    settings: &LintSettings,
    fonts: Option<&Fonts>,
    world: &dyn World,
) -> Checked {
    let markdown = path.extension().is_some_and(|ext| ext == "md");
    let source = match load(path, world) {
        Ok(source) => source,
        Err(LoadError::Io(message)) => return Checked::Unreadable(message),
        Err(LoadError::NotUtf8(bad)) => {
            let (source, diag) = *bad;
            return Checked::Read {
                source,
                diags: vec![diag],
                invalid: true,
                suppressed: 0,
                notes: Vec::new(),
            };
        }
    };
    if markdown {
        return check_markdown(path, source, settings, fonts, world);
    }
    let request = Request {
        path: (path.as_os_str() != "-").then_some(path),
        lint: Some(settings),
        draw: None,
        glyphs: fonts,
        world,
    };
    match pipeline::build(&source, &request) {
        Err(diags) => Checked::Read {
            source,
            diags,
            invalid: true,
            suppressed: 0,
            notes: Vec::new(),
        },
        Ok(built) => Checked::Read {
            source,
            diags: built.findings,
            invalid: false,
            suppressed: built.suppressed,
            notes: Vec::new(),
        },
    }
}

/// Lints every closed ```` ```crmflow ```` block of a Markdown file.
fn check_markdown(
    path: &Path,
    whole: SourceFile,
    settings: &LintSettings,
    fonts: Option<&Fonts>,
    world: &dyn World,
) -> Checked {
    let found = blocks(whole.text());
    if found.is_empty() {
        return Checked::NoFlows;
    }
    let mut diags = Vec::new();
    let mut invalid = false;
    let mut suppressed = 0;
    let mut notes = Vec::new();
    for block in &found {
        if !block.closed {
            let at = whole.line_col(block.range.start);
            notes.push(
                t("io-at-crmflow-block-not-closed")
                    .arg("at", &at)
                    .arg(
                        "path",
                        &crate::report::printable(&path.display().to_string()),
                    )
                    .to_string(),
            );
            continue;
        }
        let block_source = BlockSource::new(whole.text(), block);
        let source = SourceFile::new(whole.name(), block_source.text.clone());
        let request = Request {
            path: Some(path),
            lint: Some(settings),
            draw: None,
            glyphs: fonts,
            world,
        };
        match pipeline::build(&source, &request) {
            Err(errors) => {
                invalid = true;
                diags.extend(block_source.relocate(errors));
            }
            Ok(built) => {
                suppressed += built.suppressed;
                diags.extend(block_source.relocate(built.findings));
            }
        }
    }
    Checked::Read {
        source: whole,
        diags,
        invalid,
        suppressed,
        notes,
    }
}

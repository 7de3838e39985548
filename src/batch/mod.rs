//! Batch work over many inputs, as `check`, `render`, `fmt` and `md` do it:
//! which files the arguments name ([`inputs`]), the config of each
//! ([`configs_for`]), reading one ([`load`]), checking one
//! ([`check_file`]), rendering one ([`RenderJob`]), drawing a Markdown
//! file's flows ([`MarkdownJob`]) or putting them inline in a docs page
//! ([`InlineJob`]) and writing an output only when it
//! changed ([`write_if_changed`]). The CLI only reports what these give.

mod check;
mod configs;
mod inline;
pub mod inputs;
mod load;
mod markdown;
mod mdbook;
mod output;
mod render;

pub use check::{Checked, check_file};
pub use configs::configs_for;
pub use inline::{InlineJob, Inlined};
pub use load::{LoadError, load};
pub use markdown::{MarkdownJob, MarkdownOutcome};
pub use mdbook::{Preprocessed, preprocess as mdbook_preprocess};
pub use output::{Written, today, write_if_changed};
pub use render::{RenderJob, Rendered, Verdict, failure_report};

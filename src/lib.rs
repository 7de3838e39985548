//! crmflow — a diagram-as-code compiler for CRM process flowcharts.
//!
//! Analysts describe a customer-management process in a `.crmflow` file;
//! crmflow parses it, resolves names, lays it out with swimlanes and renders
//! it. Every stage takes a typed input and gives a typed output; data flows
//! one way.
//!
//! # Pipeline
//!
//! | stage | entry | takes → gives |
//! |---|---|---|
//! | 0 source | [`SourceFile::from_bytes`] | bytes → [`SourceFile`] (UTF-8 checked, line index) |
//! | 1 [`syntax`] | [`syntax::parse`] | [`SourceFile`] → [`syntax::Ast`] (spans on every node, comments kept) |
//! | 2 [`model`] | [`model::resolve`] | [`syntax::Ast`] → [`model::Flow`] (names resolved, header validated) |
//! | 3 [`lint`] | [`lint::lint`] | [`model::Flow`] + [`lint::LintSettings`] → findings |
//! | 4 [`layout`] | [`layout::layout`] | [`model::Flow`] + [`layout::TextMeasure`] → [`layout::Layout`] |
//! | 5 [`render`] | [`render::svg`] | [`layout::Layout`] + [`render::Theme`] → SVG text (PNG and PDF from it) |
//!
//! Problems are [`diag::Diag`] values with byte [`Span`]s, returned in bulk;
//! only the command line turns them into reports. [`pipeline::build`] runs
//! the whole pipeline for one flow — parse, resolve, lint, lay out, render,
//! glyph check — and gives the drawing, every finding as data and the files
//! it read; `check`, `render`, `watch` and `md` all call it, and
//! [`pipeline::config_for`] finds the `crmflow.yaml` that applies. Every
//! file either reads goes through a [`world::World`] (the disk, files in
//! memory, or a recording of what was asked for). [`compile`] is the short
//! form without lint. [`batch`] holds what commands do per input (argument
//! expansion, each file's config, write-if-changed); [`markdown`] finds the
//! flows kept in Markdown, [`templates`] holds the bundled flows and
//! [`watch`] the file watcher and live preview server of `crmflow watch`.
//!
//! ```
//! let source = crmflow::SourceFile::new("demo.crmflow", "start a \"Call\"\nend b \"Done\"\na -> b\n");
//! let compiled = crmflow::compile(&source, &crmflow::Options::default()).unwrap();
//! assert!(compiled.svg.contains("Call"));
//! ```

pub mod batch;
pub mod config;
pub mod diag;
pub mod export;
pub mod files;
pub mod format;
pub mod i18n;
pub mod layout;
pub mod limits;
pub mod lint;
pub mod lsp;
pub mod markdown;
pub mod model;
pub mod paths;
pub mod pipeline;
pub mod render;
pub mod report;
pub mod sop;
pub mod source;
pub mod stats;
pub mod suggest;
pub mod syntax;
pub mod templates;
pub mod watch;
pub mod world;

pub use diag::{Diag, Diags, Severity};
pub use pipeline::{Compiled, CompiledPage, Options, check, compile, draw};
pub use source::{SourceFile, Span};

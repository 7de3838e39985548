//! The integration tests: one binary, one module per area.

// Helpers: fixtures, golden files, running the binary in a temp dir.
mod util;

// Every example and `ok/` fixture parses, resolves and renders; golden SVGs.
mod examples;
// Layout invariants on examples and generated flows; golden layout JSON.
mod layout;
// Big flows split into pages with off-page connectors.
mod pages;
// Bad input: each gets a specific diagnostic code at the exact span.
mod diagnostics;
// The command line: exit codes, stdin/stdout, atomic output, JSON.
mod cli;
// PNG, PDF, outlined SVG, themes, font warnings.
mod render;
// The linter: rules and fixtures, report formats, config, suppression.
mod lint;
// The template library, the gallery, `crmflow new`.
mod templates;
// No input panics or hangs (property tests).
mod robustness;
// `crmflow watch`: editor saves, missing files, the preview server, a real browser.
mod watch;
// Batch rendering: folders, --out-dir, formats, byte-identical, --check.
mod batch;
// `crmflow md`: Markdown fenced blocks rendered and linked.
mod md;
// docs/language.md: every example parses, every invalid one fails with its code.
mod language;
// `crmflow export`: flow JSON and Mermaid (rendered by the pinned Mermaid in Chromium).
mod export;
// `crmflow lsp` over stdio: diagnostics, completion, hover, rename, formatting.
mod lsp;
// `crmflow fmt`: idempotent, comments kept, same flow (property tests).
mod fmt;
// Regression tests of the hardening issue, one per item.
mod hardening;
// Regression tests of hardening round 3 (#29), one per item.
mod hardening3;
// Messages in Chinese and English: same codes, spans and machine formats.
mod i18n;
// Phases: the language, the drawing, the linter and every output.
mod phases;

//! Input limits: how large a file, a flow and a drawing may be before
//! crmflow refuses it with a clear message instead of spending minutes and
//! gigabytes on it.
//!
//! The defaults are far above any hand-written process (the largest
//! bundled template has 16 nodes; the benchmark's largest flow 10,000) and
//! low enough that a runaway input fails in about a second. Raise one with
//! `CRMFLOW_LIMITS="nodes=100000,file-size=64MiB"`. The command line reads
//! it once at start ([`init`]); a program using the library may call
//! [`init`] with its own.

use crate::i18n::t;
use std::fmt;

/// The limits of one run.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    /// Bytes of one flow, `calls` target or config file.
    pub file_bytes: u64,
    /// Bytes of a font file.
    pub font_bytes: u64,
    /// Nodes in one flow.
    pub nodes: usize,
    /// Edges in one flow.
    pub edges: usize,
    /// Lanes in one flow.
    pub lanes: usize,
    /// Pixels of one PNG (width × height after scaling).
    pub png_pixels: u64,
    /// Files one `calls` walk may read (the flow's sub-flows, theirs, …).
    pub sub_flows: usize,
    /// Edge segments of one drawing: every edge counts one per column
    /// (rank) it crosses. Lays out in about a second at the default.
    pub segments: usize,
    /// Characters of one quoted text (a label, a chip, a note, a header
    /// field). A label this long no longer reads as a label; wrapping and
    /// measuring a longer one costs time for nothing.
    pub text_chars: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            file_bytes: 16 << 20,
            font_bytes: 128 << 20,
            nodes: 20_000,
            edges: 50_000,
            lanes: 200,
            png_pixels: 200_000_000,
            sub_flows: 1_000,
            segments: 200_000,
            text_chars: 2_000,
        }
    }
}

/// One limit's name in `crmflow.yaml` and `CRMFLOW_LIMITS`, and what it
/// counts.
pub const NAMES: [(&str, &str); 9] = [
    ("file-size", "bytes of a flow, config or `calls` file"),
    ("font-size", "bytes of a font file"),
    ("nodes", "nodes in one flow"),
    ("edges", "edges in one flow"),
    ("lanes", "lanes in one flow"),
    ("png-pixels", "pixels of one PNG"),
    ("sub-flows", "files one `calls` walk reads"),
    (
        "segments",
        "edge segments of one drawing (columns each edge crosses)",
    ),
    (
        "text-chars",
        "characters of one quoted text (label, note, chip)",
    ),
];

impl fmt::Display for Limits {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "file-size={},font-size={},nodes={},edges={},lanes={},png-pixels={},sub-flows={},segments={},text-chars={}",
            self.file_bytes,
            self.font_bytes,
            self.nodes,
            self.edges,
            self.lanes,
            self.png_pixels,
            self.sub_flows,
            self.segments,
            self.text_chars
        )
    }
}

impl Limits {
    /// Sets one limit by name from text (`64MiB`, `100000`, `1e6`).
    pub fn set(&mut self, name: &str, value: &str) -> Result<(), String> {
        let number = parse_amount(value).ok_or_else(|| {
            t("limit-not-a-number")
                .arg("name", name)
                .arg("value", value)
                .local()
        })?;
        let count = usize::try_from(number).unwrap_or(usize::MAX);
        match name {
            "file-size" => self.file_bytes = number,
            "font-size" => self.font_bytes = number,
            "nodes" => self.nodes = count,
            "edges" => self.edges = count,
            "lanes" => self.lanes = count,
            "png-pixels" => self.png_pixels = number,
            "sub-flows" => self.sub_flows = count,
            "segments" => self.segments = count,
            "text-chars" => self.text_chars = count,
            _ => {
                let names = NAMES.iter().map(|(name, _)| *name);
                let hint = crate::suggest::did_you_mean(name, names)
                    .map(|hint| format!("; {}", hint.local()))
                    .unwrap_or_default();
                return Err(t("limit-unknown")
                    .arg("name", name)
                    .arg("hint", hint)
                    .local());
            }
        }
        Ok(())
    }

    /// Applies `name=value,name=value` (the `CRMFLOW_LIMITS` syntax).
    pub fn apply(&mut self, text: &str) -> Result<(), String> {
        for part in text
            .split(',')
            .map(str::trim)
            .filter(|part| !part.is_empty())
        {
            let (name, value) = part
                .split_once('=')
                .ok_or_else(|| format!("`{part}` is not `name=value`"))?;
            self.set(name.trim(), value.trim())?;
        }
        Ok(())
    }

    /// The defaults with `CRMFLOW_LIMITS` applied.
    pub fn from_env() -> Result<Limits, String> {
        let mut limits = Limits::default();
        if let Ok(text) = std::env::var("CRMFLOW_LIMITS") {
            limits
                .apply(&text)
                .map_err(|message| format!("CRMFLOW_LIMITS: {message}"))?;
        }
        Ok(limits)
    }
}

impl Limits {
    /// An error for each count of `flow` over its limit, at the first item
    /// past it.
    pub fn check_flow(&self, flow: &crate::model::Flow) -> Result<(), crate::Diags> {
        let mut diags = Vec::new();
        let mut over = |what: &str, name: &str, count: usize, limit: usize, span: crate::Span| {
            diags.push(
                crate::Diag::error(
                    crate::diag::codes::TOO_LARGE,
                    span,
                    t("model-flow-has-count-what-more")
                        .arg("count", count)
                        .arg("what", what)
                        .arg("limit", limit),
                )
                .with_help(
                    t("model-split-into-sub-flows-sub")
                        .arg("name", name)
                        .arg("count", count),
                ),
            );
        };
        if flow.nodes.len() > self.nodes {
            let span = flow.nodes[self.nodes].id_span;
            over("nodes", "nodes", flow.nodes.len(), self.nodes, span);
        }
        if flow.edges.len() > self.edges {
            let span = flow.edges[self.edges].span;
            over("edges", "edges", flow.edges.len(), self.edges, span);
        }
        if flow.lanes.len() > self.lanes {
            let span = flow.lanes[self.lanes].span;
            over("lanes", "lanes", flow.lanes.len(), self.lanes, span);
        }
        if diags.is_empty() { Ok(()) } else { Err(diags) }
    }
}

/// `123`, `64MiB`, `2 GiB`, `10kib` (binary units), `1e6`.
fn parse_amount(text: &str) -> Option<u64> {
    let text = text.trim();
    let split = text
        .find(|c: char| c.is_ascii_alphabetic() && c != 'e')
        .unwrap_or(text.len());
    let (number, unit) = text.split_at(split);
    let factor: u64 = match unit.trim().to_ascii_lowercase().as_str() {
        "" | "b" => 1,
        "k" | "kb" | "kib" => 1 << 10,
        "m" | "mb" | "mib" => 1 << 20,
        "g" | "gb" | "gib" => 1 << 30,
        _ => return None,
    };
    let number = number.trim();
    let value: u64 = match number.parse::<u64>() {
        Ok(value) => value,
        Err(_) => {
            let float: f64 = number.parse().ok()?;
            if !(float.is_finite() && float >= 0.0 && float.fract() == 0.0 && float < 1.8e19) {
                return None;
            }
            float as u64
        }
    };
    value.checked_mul(factor)
}

static CURRENT: std::sync::OnceLock<Limits> = std::sync::OnceLock::new();

/// Sets the limits of this process (once; later calls change nothing and
/// return false).
pub fn init(limits: Limits) -> bool {
    CURRENT.set(limits).is_ok()
}

/// The limits this process runs with: those given to [`init`], else the
/// defaults.
pub fn current() -> Limits {
    *CURRENT.get_or_init(Limits::default)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_with_units() {
        assert_eq!(parse_amount("123"), Some(123));
        assert_eq!(parse_amount("64MiB"), Some(64 << 20));
        assert_eq!(parse_amount("2 gib"), Some(2 << 30));
        assert_eq!(parse_amount("1e6"), Some(1_000_000));
        assert_eq!(parse_amount("-1"), None);
        assert_eq!(parse_amount("lots"), None);
    }

    #[test]
    fn apply_names_and_errors() {
        let mut limits = Limits::default();
        limits.apply("nodes=5, file-size=1KiB").unwrap();
        assert_eq!((limits.nodes, limits.file_bytes), (5, 1024));
        let err = limits.apply("node=5").unwrap_err();
        assert!(err.contains("did you mean `nodes`"), "{err}");
    }
}

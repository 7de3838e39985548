//! Output formats: what a compiled drawing can be written as — pictures
//! (SVG, PNG, PDF), the layout as data, and exports for other tools
//! ([`json`]: the resolved model; [`mermaid`]: a Mermaid flowchart;
//! [`drawio`]: an editable draw.io file with our layout; [`bpmn`]: BPMN 2.0
//! with diagram interchange).
//!
//! Takes a [`Compiled`] drawing; gives the bytes of one [`Format`], and
//! what that format cannot carry ([`Format::losses`], as warnings). The
//! [`FORMATS`] table is the one list `render --format`, `export --to`,
//! batch mode, `watch -o` and the output-extension check read (name, file
//! extension, what it is); a new format is a variant, one row and one arm
//! of [`Format::encode`].

pub mod bpmn;
pub mod drawio;
pub mod json;
pub mod mermaid;

use crate::Compiled;
use crate::render::{Fonts, outlined_svg, pdf, png};
use std::path::Path;

/// A format a drawing can be written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Format {
    /// The diagram as SVG.
    Svg,
    /// The diagram as PNG.
    Png,
    /// The diagram as PDF, text kept as text.
    Pdf,
    /// The positioned layout as neutral JSON (node boxes, edge polylines,
    /// lane bands), the schema the layout benchmark reads.
    LayoutJson,
    /// The resolved flow as JSON (schema `crmflow-flow/2`).
    FlowJson,
    /// A Mermaid flowchart.
    Mermaid,
    /// A draw.io (diagrams.net) file.
    Drawio,
    /// BPMN 2.0 XML with diagram interchange.
    Bpmn,
}

/// One row of [`FORMATS`].
#[derive(Clone, Copy, Debug)]
pub struct FormatInfo {
    /// The format.
    pub format: Format,
    /// Its name for `--format`.
    pub name: &'static str,
    /// The file extension it is written with (and recognised by).
    pub extension: &'static str,
    /// What it is, for `--help`.
    pub summary: &'static str,
}

/// Every format, SVG (the default) first.
pub const FORMATS: &[FormatInfo] = &[
    FormatInfo {
        format: Format::Svg,
        name: "svg",
        extension: "svg",
        summary: "the diagram as SVG",
    },
    FormatInfo {
        format: Format::Png,
        name: "png",
        extension: "png",
        summary: "the diagram as PNG (see --scale)",
    },
    FormatInfo {
        format: Format::Pdf,
        name: "pdf",
        extension: "pdf",
        summary: "the diagram as PDF, text kept as text",
    },
    FormatInfo {
        format: Format::LayoutJson,
        name: "layout-json",
        extension: "json",
        summary: "the positioned layout as neutral JSON (node boxes, edge polylines, lane bands)",
    },
    FormatInfo {
        format: Format::FlowJson,
        name: "json",
        extension: "crmflow.json",
        summary: "the resolved flow as JSON for other tools (schema crmflow-flow/2, docs/export.md)",
    },
    FormatInfo {
        format: Format::Mermaid,
        name: "mermaid",
        extension: "mmd",
        summary: "a Mermaid flowchart (lanes as subgraphs), for GitHub comments and wikis",
    },
    FormatInfo {
        format: Format::Drawio,
        name: "drawio",
        extension: "drawio",
        summary: "an editable draw.io / diagrams.net file with this layout (to Visio, Lucidchart from there)",
    },
    FormatInfo {
        format: Format::Bpmn,
        name: "bpmn",
        extension: "bpmn",
        summary: "BPMN 2.0 XML with diagram interchange, for process tools (Camunda, bpmn.io, Signavio)",
    },
];

impl Format {
    fn info(self) -> &'static FormatInfo {
        FORMATS
            .iter()
            .find(|info| info.format == self)
            .expect("every format has a row in FORMATS")
    }

    /// Its name for `--format`.
    pub fn name(self) -> &'static str {
        self.info().name
    }

    /// The file extension it is written with.
    pub fn extension(self) -> &'static str {
        self.info().extension
    }

    /// The format named `name` (as `--format` spells it).
    pub fn from_name(name: &str) -> Option<Format> {
        FORMATS
            .iter()
            .find(|info| info.name == name)
            .map(|info| info.format)
    }

    /// The format a path's extension asks for (case-insensitive; the
    /// longest matching extension wins, so `x.crmflow.json` is the flow as
    /// JSON and `x.json` the layout).
    pub fn from_extension(path: &Path) -> Option<Format> {
        let name = path.file_name()?.to_str()?.to_ascii_lowercase();
        FORMATS
            .iter()
            .filter(|info| name.ends_with(&format!(".{}", info.extension)))
            .max_by_key(|info| info.extension.len())
            .map(|info| info.format)
    }

    /// Whether it is a picture drawn with the font (so characters the
    /// font lacks matter, W300), not data about the layout.
    pub fn is_picture(self) -> bool {
        match self {
            Format::Svg | Format::Png | Format::Pdf => true,
            Format::LayoutJson
            | Format::FlowJson
            | Format::Mermaid
            | Format::Drawio
            | Format::Bpmn => false,
        }
    }

    /// What this format cannot carry of `compiled`'s flow, as warnings at
    /// their place (none for the pictures and JSON: they carry everything).
    pub fn losses(self, compiled: &Compiled) -> Vec<crate::Diag> {
        match self {
            Format::Mermaid => mermaid::losses(&compiled.flow),
            Format::Bpmn => bpmn::losses(&compiled.flow),
            Format::Svg
            | Format::Png
            | Format::Pdf
            | Format::LayoutJson
            | Format::FlowJson
            | Format::Drawio => Vec::new(),
        }
    }

    /// The bytes of `compiled` in this format: PNG at `scale` device
    /// pixels per unit, SVG with text as outlines when `outlined`.
    pub fn encode(
        self,
        compiled: &Compiled,
        fonts: &Fonts,
        scale: f32,
        outlined: bool,
    ) -> Result<Vec<u8>, String> {
        match self {
            Format::Svg if outlined => outlined_svg(&compiled.svg, fonts).map(String::into_bytes),
            Format::Svg => Ok(compiled.svg.clone().into_bytes()),
            Format::Png => png(&compiled.svg, fonts, scale),
            Format::Pdf if !compiled.pages.is_empty() => {
                let svgs: Vec<&str> = compiled.pages.iter().map(|p| p.svg.as_str()).collect();
                crate::render::pdf_pages(&svgs, fonts)
            }
            Format::Pdf => pdf(&compiled.svg, fonts),
            Format::LayoutJson if !compiled.pages.is_empty() => {
                let pages: Vec<_> = compiled.pages.iter().map(|p| &p.drawing).collect();
                Ok(crate::layout::pages_json(&pages).into_bytes())
            }
            Format::LayoutJson => Ok(crate::layout::layout_json(&compiled.layout).into_bytes()),
            Format::FlowJson => Ok(json::flow_json(&compiled.flow).into_bytes()),
            Format::Mermaid => Ok(mermaid::mermaid(&compiled.flow).into_bytes()),
            Format::Drawio => Ok(drawio::drawio(compiled).into_bytes()),
            Format::Bpmn => Ok(bpmn::bpmn(compiled).into_bytes()),
        }
    }
}

impl Format {
    /// For a flow split into pages: each page's bytes in this format, for
    /// the pictures written one file per page (SVG, PNG; a PDF has a page
    /// per page instead);
    /// empty when the flow is not split or the format is not a picture.
    pub fn encode_pages(
        self,
        compiled: &Compiled,
        fonts: &Fonts,
        scale: f32,
        outlined: bool,
    ) -> Result<Vec<Vec<u8>>, String> {
        // A PDF holds its pages itself.
        if !self.is_picture() || self == Format::Pdf {
            return Ok(Vec::new());
        }
        compiled
            .pages
            .iter()
            .map(|page| match self {
                Format::Svg if outlined => outlined_svg(&page.svg, fonts).map(String::into_bytes),
                Format::Png => png(&page.svg, fonts, scale),
                _ => Ok(page.svg.clone().into_bytes()),
            })
            .collect()
    }
}

/// Where page `index` (from 0) of a drawing written to `output` goes:
/// `name-1.svg`, `name-2.svg`, … beside `name.svg`.
pub fn page_path(output: &std::path::Path, index: usize) -> std::path::PathBuf {
    let stem = output
        .file_stem()
        .map(|stem| stem.to_string_lossy().into_owned())
        .unwrap_or_default();
    let name = match output.extension() {
        Some(extension) => format!("{stem}-{}.{}", index + 1, extension.to_string_lossy()),
        None => format!("{stem}-{}", index + 1),
    };
    output.with_file_name(name)
}

/// The message for an output path whose extension names no format.
pub fn unsupported_output(output: &std::path::Path) -> String {
    let ext = output.extension().and_then(|e| e.to_str());
    format!(
        "cannot write `{}`: unsupported output format{}; supported: {}, or --format",
        output.display(),
        ext.map(|ext| format!(" `.{ext}`")).unwrap_or_default(),
        known_extensions()
    )
}

/// Text escaped for an XML attribute value (draw.io and BPMN): `<`, `>`,
/// `&`, `"` as entities, a line break as `&#10;`, other control characters
/// as spaces.
pub(crate) fn xml_attr(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\n' => out.push_str("&#10;"),
            c if c.is_control() => out.push(' '),
            // The two noncharacters XML 1.0 forbids (the file would not
            // parse): the replacement character, as the SVG writes them.
            '\u{FFFE}' | '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// The extensions [`Format::from_extension`] knows, for a message:
/// `.svg, .png, .pdf, .json (layout-json)`.
pub fn known_extensions() -> String {
    FORMATS
        .iter()
        .map(|info| {
            if info.name == info.extension {
                format!(".{}", info.extension)
            } else {
                format!(".{} ({})", info.extension, info.name)
            }
        })
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_format_has_one_row_a_name_and_an_extension() {
        for info in FORMATS {
            assert_eq!(info.format.name(), info.name);
            assert_eq!(Format::from_name(info.name), Some(info.format));
            let file = format!("out.{}", info.extension.to_uppercase());
            assert_eq!(Format::from_extension(Path::new(&file)), Some(info.format));
        }
        assert_eq!(Format::from_extension(Path::new("out.gif")), None);
        assert_eq!(
            known_extensions(),
            ".svg, .png, .pdf, .json (layout-json), .crmflow.json (json), .mmd (mermaid), .drawio, .bpmn"
        );
        assert_eq!(
            Format::from_extension(Path::new("docs/lead.crmflow.json")),
            Some(Format::FlowJson)
        );
        assert_eq!(
            Format::from_extension(Path::new("lead.json")),
            Some(Format::LayoutJson)
        );
    }
}

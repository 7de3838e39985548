//! Stage 5 — render: [`Layout`](crate::layout::Layout) → SVG.
//!
//! The renderer reads only the finished layout and a [`Theme`]; it cannot
//! fail. PNG and PDF are produced from the SVG.

mod convert;
mod fonts;
mod shapes;
mod svg;
mod theme;

pub use self::svg::{link_target, svg, svg_with_ids};
pub use convert::{outlined_svg, pdf, pdf_pages, png};
pub use fonts::{BUNDLED_FAMILY, Fonts, missing_glyphs};
pub use theme::{ModuleColors, ModuleStyle, THEME_NAMES, THEMES, Theme, ThemeEntry, num};

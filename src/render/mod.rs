//! Stage 4 — render: [`Layout`](crate::layout::Layout) → SVG.
//!
//! The renderer reads only the finished layout and a [`Theme`]; it cannot
//! fail. PNG and PDF are produced from the SVG.

mod shapes;
mod svg;
mod theme;

pub use self::svg::svg;
pub use theme::{ModuleColors, Theme, num};

//! Type sizes and spacing every stage of the layout shares (and the
//! renderer writes): a leaf, so that no stage reaches back into the driver
//! for them.

/// Font size of node and lane labels.
pub const FONT_SIZE: f64 = 14.0;
/// Font size of edge labels and secondary text.
pub const SMALL_FONT_SIZE: f64 = 12.0;
/// Font size of the diagram title.
pub const TITLE_FONT_SIZE: f64 = 20.0;
/// Line height for [`FONT_SIZE`] text.
pub const LINE_HEIGHT: f64 = 18.0;
/// Font size of input/output chips and notes.
pub const CHIP_FONT_SIZE: f64 = 12.0;
/// Line height of chip and note text.
pub const CHIP_LINE_HEIGHT: f64 = 15.0;
/// Line height for [`SMALL_FONT_SIZE`] text.
pub const SMALL_LINE_HEIGHT: f64 = 15.0;
/// Margin around the whole drawing.
pub const MARGIN: f64 = 16.0;

//! The positioned diagram: [`Layout`], the renderer's only input. Plain data,
//! serialisable, all coordinates in SVG user units with the origin top-left.

use crate::model::{Color, Direction, EdgeKind, NodeKind};
use serde::Serialize;

pub use crate::model::Page;

impl Page {
    /// The size in points that 14-unit text comes out at once a drawing of
    /// `width` × `height` units is fitted to the page (for `None`, as
    /// drawn at 96 units per inch).
    pub fn text_points(self, width: f64, height: f64) -> f64 {
        let fit = |w_in: f64, h_in: f64| 14.0 * 72.0 * (w_in / width).min(h_in / height);
        match self {
            Page::Slide => fit(12.3, 6.2),
            Page::A4 => fit(10.7, 7.3).max(fit(7.3, 10.7)),
            Page::None => 14.0 * 72.0 / 96.0,
        }
    }

    /// How far a drawing's shape is from the page's: |log(aspect ÷ the
    /// page's aspect)| (the better orientation for A4; 0 for no page).
    pub fn shape_error(self, width: f64, height: f64) -> f64 {
        let aspect = (width / height.max(1.0)).max(1e-6);
        let error = |page: f64| (aspect / page).ln().abs();
        match self {
            Page::Slide => error(12.3 / 6.2),
            Page::A4 => error(10.7 / 7.3).min(error(7.3 / 10.7)),
            Page::None => 0.0,
        }
    }
}

/// A point.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Point {
    /// Horizontal, growing right.
    pub x: f64,
    /// Vertical, growing down.
    pub y: f64,
}

impl Point {
    /// A point at (x, y).
    pub const fn new(x: f64, y: f64) -> Self {
        Point { x, y }
    }
}

/// An axis-aligned rectangle given by its top-left corner and size.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Rect {
    /// Left edge.
    pub x: f64,
    /// Top edge.
    pub y: f64,
    /// Width.
    pub width: f64,
    /// Height.
    pub height: f64,
}

impl Rect {
    /// A rectangle from its top-left corner and size.
    pub const fn new(x: f64, y: f64, width: f64, height: f64) -> Self {
        Rect {
            x,
            y,
            width,
            height,
        }
    }

    /// The centre point.
    pub fn center(&self) -> Point {
        Point::new(self.x + self.width / 2.0, self.y + self.height / 2.0)
    }

    /// Right edge.
    pub fn right(&self) -> f64 {
        self.x + self.width
    }

    /// Bottom edge.
    pub fn bottom(&self) -> f64 {
        self.y + self.height
    }

    /// True when the two rectangles share interior area.
    pub fn overlaps(&self, other: &Rect) -> bool {
        self.x < other.right()
            && other.x < self.right()
            && self.y < other.bottom()
            && other.y < self.bottom()
    }

    /// True when `other` lies entirely inside (edges may touch).
    pub fn contains(&self, other: &Rect) -> bool {
        const EPS: f64 = 1e-6;
        other.x >= self.x - EPS
            && other.y >= self.y - EPS
            && other.right() <= self.right() + EPS
            && other.bottom() <= self.bottom() + EPS
    }
}

/// A finished diagram.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Layout {
    /// Total width.
    pub width: f64,
    /// Total height.
    pub height: f64,
    /// The direction the flow was laid out in.
    pub direction: Direction,
    /// The page it was laid out for.
    pub page: Page,
    /// The title block drawn from the header, if the header says anything.
    pub title: Option<TitleBlock>,
    /// Lane bands in drawing order.
    pub lanes: Vec<LaneBand>,
    /// Phase columns (rows for `direction down`) in declaration order;
    /// empty for a flow without phases.
    pub phases: Vec<PhaseBand>,
    /// Node boxes, in the flow's declaration order.
    pub nodes: Vec<NodeBox>,
    /// Edge routes, in the flow's edge order.
    pub edges: Vec<EdgePath>,
    /// The legend, if there is something to explain.
    pub legend: Option<Legend>,
    /// The font family the text was measured with, which the renderer
    /// must draw with.
    pub font_family: String,
}

/// The header drawn as a title block.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct TitleBlock {
    /// Where it is drawn.
    pub rect: Rect,
    /// The title line.
    pub title: Option<String>,
    /// Smaller lines under the title (goal; owner · version · reviewed).
    pub lines: Vec<String>,
}

/// A lane drawn as a band with a header cell.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LaneBand {
    /// The lane id (empty for the band of nodes without a lane).
    pub id: String,
    /// The role name shown in the header.
    pub label: String,
    /// The role name broken into lines that fit the header.
    pub lines: Vec<String>,
    /// The whole band, header included.
    pub rect: Rect,
    /// The header cell carrying the label.
    pub header: Rect,
    /// Its position, for alternating fills.
    pub index: usize,
    /// The row it is in (a drawing cut into rows repeats every lane per
    /// row; 0 otherwise).
    pub row: usize,
}

/// A phase drawn as a column across every lane (`direction right`; a row
/// for `down`), with its header in a band along the lanes' far side.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PhaseBand {
    /// The phase id.
    pub id: String,
    /// The phase name shown in the header.
    pub label: String,
    /// The name broken into lines that fit the header.
    pub lines: Vec<String>,
    /// The whole column, header included, across every lane.
    pub rect: Rect,
    /// The header cell carrying the label.
    pub header: Rect,
    /// Its position in declaration order.
    pub index: usize,
    /// The tint of its header, if declared.
    #[serde(skip)]
    pub color: Option<Color>,
    /// Node indices (into [`Layout::nodes`]) drawn in it.
    pub nodes: Vec<usize>,
}

/// A node placed on the canvas.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NodeBox {
    /// The node id.
    pub id: String,
    /// Its kind (decides the shape).
    pub kind: NodeKind,
    /// The label, already broken into lines that fit the box.
    pub lines: Vec<String>,
    /// The bounding box of the shape.
    pub rect: Rect,
    /// Index into [`Legend::modules`] of its module, if any.
    pub module: Option<usize>,
    /// `calls` target for `sub` nodes.
    pub link: Option<String>,
    /// Where the label's lines are centred.
    pub label_center: Point,
    /// Inputs and outputs as chips inside the box.
    pub chips: Vec<Chip>,
    /// Notes as annotation strips inside the box.
    pub notes: Vec<NoteStrip>,
    /// For a copy of a data shape drawn beside another step that uses it:
    /// the index of the node it copies (its id is `<id>.<n>`).
    pub copy_of: Option<usize>,
    /// Index into [`Layout::phases`] of the phase it is drawn in, if the
    /// flow has phases.
    pub phase: Option<usize>,
    /// For an off-page connector (a flow split into pages): where it leads.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub off_page: Option<OffPage>,
}

/// Where an off-page connector leads: the other page and the step there.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct OffPage {
    /// The other page, from 1.
    pub page: usize,
    /// The id of the step on it.
    pub node: String,
    /// True when the flow leaves the page through it.
    pub outgoing: bool,
}

/// One page of a flow split into pages (see [`crate::layout::paginate`]):
/// a drawing of its own, with the lanes and phases it uses, its title
/// saying which page it is, and off-page connectors where the flow leaves
/// and enters it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PageDrawing {
    /// Its position, from 0.
    pub index: usize,
    /// What it shows: its phases' names, or empty.
    pub label: String,
    /// The drawing.
    pub layout: Layout,
}

/// An input or output of a step, drawn as a small chip in its box.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Chip {
    /// The chip.
    pub rect: Rect,
    /// Its text (with the arrow), broken into lines.
    pub lines: Vec<String>,
    /// An output (right column) rather than an input (left column).
    pub output: bool,
}

/// A note drawn as an annotation strip in its node's box.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct NoteStrip {
    /// The strip.
    pub rect: Rect,
    /// Its text, broken into lines.
    pub lines: Vec<String>,
}

/// A routed edge.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EdgePath {
    /// Index of the source node in [`Layout::nodes`].
    pub from: usize,
    /// Index of the target node in [`Layout::nodes`].
    pub to: usize,
    /// Control or data flow.
    pub kind: EdgeKind,
    /// The polyline from the source boundary to the target boundary.
    pub points: Vec<Point>,
    /// The label and the box it is drawn in.
    pub label: Option<EdgeLabel>,
    /// True when the edge goes against the flow direction (a loop back).
    pub back: bool,
}

/// An edge label placed on the canvas.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EdgeLabel {
    /// The label text, broken into lines.
    pub lines: Vec<String>,
    /// The box around it (drawn as a halo).
    pub rect: Rect,
}

/// The legend: modules in use, and the edge styles, as a strip of items
/// (beside the title when there is room, else under the drawing).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Legend {
    /// Where it is drawn.
    pub rect: Rect,
    /// Modules, in declaration order.
    pub modules: Vec<LegendModule>,
    /// Every entry and where its sample starts (left end, vertical middle).
    pub items: Vec<LegendItem>,
    /// Whether data-flow edges occur (and need explaining).
    pub shows_data_flow: bool,
    /// The words for the two edge samples, in the flow's language:
    /// `(control flow, data flow)`.
    #[serde(skip)]
    pub edge_words: (String, String),
    /// The words for the duplicate mark's sample, when some data shape is
    /// drawn more than once.
    #[serde(skip)]
    pub duplicate_words: String,
}

/// One entry of the legend.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LegendItem {
    /// What it explains.
    pub kind: LegendEntry,
    /// The sample's left end, at the middle of its line.
    pub at: Point,
}

/// What a legend entry explains.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum LegendEntry {
    /// A module (index into [`Legend::modules`]): a colour swatch.
    Module(usize),
    /// The solid control-flow arrow.
    ControlFlow,
    /// The dashed data-flow arrow.
    DataFlow,
    /// The mark of a data shape drawn more than once
    /// ([`super::shape::duplicate_mark`]).
    Duplicate,
}

/// A module as the legend shows it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LegendModule {
    /// The module id.
    pub id: String,
    /// Its display name.
    pub label: String,
    /// The declared color, if any (the theme picks one otherwise).
    #[serde(skip)]
    pub color: Option<Color>,
    /// The module's position in declaration order (for palette picks).
    pub index: usize,
}

#[cfg(test)]
mod tests {
    use super::Page;
    use crate::layout::LaneOrder;
    use clap::ValueEnum;

    #[test]
    fn one_name_per_page_and_lane_order_in_the_file_the_config_and_the_flags() {
        for page in Page::ALL {
            assert_eq!(Page::from_name(page.name()), Some(page));
            let flag = page.to_possible_value().unwrap();
            assert_eq!(flag.get_name(), page.name(), "--page {page:?}");
            let json = serde_json::to_value(page).unwrap();
            assert_eq!(json, page.name());
        }
        assert_eq!(Page::value_variants(), Page::ALL);
        for order in LaneOrder::value_variants() {
            assert_eq!(LaneOrder::from_name(order.name()), Some(*order));
            assert_eq!(order.to_possible_value().unwrap().get_name(), order.name());
        }
        assert_eq!(Page::from_name("A4"), None, "names are lowercase");
    }
}

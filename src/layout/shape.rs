//! What each node kind looks like: its size for a text block, the part of
//! each side edges may attach to, where a line meets its outline, where its
//! label is centred, and its outline as path commands.
//!
//! Every function matches on [`NodeKind`] exhaustively (no `_ =>`), so a
//! new kind does not compile until each of them says how it looks. The
//! renderer draws [`outline`] and [`details`]; layout and routing use the
//! rest, so what is drawn and where edges end always agree.

use super::types::{Point, Rect};
use crate::model::NodeKind;

/// Height of the elliptical caps of a `store` cylinder.
pub const CYLINDER_CAP: f64 = 9.0;
/// Amplitude of the wavy bottom of a `doc` page.
pub const DOC_WAVE: f64 = 8.0;
/// Horizontal slant of an `io` parallelogram.
pub const IO_SLANT: f64 = 16.0;
/// Inset of the side bars of a `sub`.
pub const SUB_BAR: f64 = 10.0;
/// Corner radius of steps and sub-processes.
const CORNER: f64 = 4.0;
/// Room kept free of ports at each end of a straight side.
const SIDE_MARGIN: f64 = 8.0;
/// The same at a box's square corners, where two sides' ports meet: with
/// 12 on both sides, the ends nearest a corner are 17 apart (16 is the
/// least two ends may be).
const CORNER_MARGIN: f64 = 12.0;

/// Widest a node's label may be before it wraps.
pub fn label_width(kind: NodeKind) -> f64 {
    match kind {
        NodeKind::Decision => 120.0,
        NodeKind::Start | NodeKind::End => 140.0,
        NodeKind::Step | NodeKind::Io | NodeKind::Store | NodeKind::Doc | NodeKind::Sub => 150.0,
    }
}

/// The box of a shape that holds a text block of `(width, height)`.
pub fn size_for(kind: NodeKind, (text_w, text_h): (f64, f64)) -> (f64, f64) {
    let (w, h) = match kind {
        NodeKind::Start | NodeKind::End => (text_w + 40.0, text_h + 20.0),
        NodeKind::Step => (text_w + 24.0, text_h + 22.0),
        NodeKind::Decision => ((text_w + 20.0) * 1.5, (text_h + 16.0) * 1.6),
        NodeKind::Io => (text_w + 56.0, text_h + 22.0),
        NodeKind::Store => (text_w + 28.0, text_h + 38.0),
        NodeKind::Doc => (text_w + 28.0, text_h + 32.0),
        NodeKind::Sub => (text_w + 44.0, text_h + 22.0),
    };
    let (min_w, min_h) = match kind {
        NodeKind::Decision => (120.0, 72.0),
        NodeKind::Start | NodeKind::End => (88.0, 38.0),
        NodeKind::Step | NodeKind::Io | NodeKind::Store | NodeKind::Doc | NodeKind::Sub => {
            (96.0, 44.0)
        }
    };
    (w.max(min_w).round(), h.max(min_h).round())
}

/// Whether a kind may be stretched along the flow to line up with the
/// widest box of its column (plain boxes; diamonds, terminals and
/// cylinders keep their proportions).
pub fn stretches(kind: NodeKind) -> bool {
    match kind {
        NodeKind::Step | NodeKind::Sub | NodeKind::Io | NodeKind::Doc => true,
        NodeKind::Start | NodeKind::End | NodeKind::Decision | NodeKind::Store => false,
    }
}

/// Where a node's text block is centred (below a cylinder's cap, above a
/// document's wave).
pub fn label_center(kind: NodeKind, rect: &Rect) -> Point {
    let center = rect.center();
    match kind {
        NodeKind::Store => Point::new(center.x, center.y + CYLINDER_CAP / 2.0),
        NodeKind::Doc => Point::new(center.x, center.y - DOC_WAVE / 2.0),
        NodeKind::Start
        | NodeKind::End
        | NodeKind::Step
        | NodeKind::Decision
        | NodeKind::Io
        | NodeKind::Sub => center,
    }
}

/// A side of a node's box, in drawing terms.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Side {
    /// Left.
    West,
    /// Right.
    East,
    /// Top.
    North,
    /// Bottom.
    South,
}

/// Whether a kind has a single attachment point per side (a diamond's
/// tips): every edge end on that side meets there.
pub fn single_port(kind: NodeKind) -> bool {
    match kind {
        NodeKind::Decision => true,
        NodeKind::Start
        | NodeKind::End
        | NodeKind::Step
        | NodeKind::Io
        | NodeKind::Store
        | NodeKind::Doc
        | NodeKind::Sub => false,
    }
}

/// Half the length of the part of `side` ports may use, around the side's
/// middle (0 for a diamond: only its tip).
pub fn port_reach(kind: NodeKind, side: Side, rect: &Rect) -> f64 {
    let across = match side {
        Side::West | Side::East => rect.height,
        Side::North | Side::South => rect.width,
    };
    let reach = match kind {
        NodeKind::Decision => 0.0,
        NodeKind::Start | NodeKind::End => match side {
            // The straight part of the top and bottom.
            Side::North | Side::South => (rect.width - rect.height) / 2.0 - SIDE_MARGIN / 2.0,
            // The round end: close to the tip.
            Side::West | Side::East => rect.height / 4.0,
        },
        NodeKind::Io => match side {
            // The slanted sides.
            Side::West | Side::East => across / 2.0 - SIDE_MARGIN,
            Side::North | Side::South => across / 2.0 - IO_SLANT - SIDE_MARGIN,
        },
        NodeKind::Store => match side {
            Side::North | Side::South => across / 4.0,
            Side::West | Side::East => across / 2.0 - CYLINDER_CAP - SIDE_MARGIN,
        },
        NodeKind::Sub => match side {
            Side::North | Side::South => across / 2.0 - SUB_BAR - SIDE_MARGIN,
            Side::West | Side::East => across / 2.0 - CORNER_MARGIN,
        },
        NodeKind::Step | NodeKind::Doc => across / 2.0 - CORNER_MARGIN,
    };
    reach.max(0.0)
}

/// A horizontal line at `y` meets the outline at this x (on the right
/// when `right`).
pub fn hit_x(kind: NodeKind, rect: &Rect, y: f64, right: bool) -> f64 {
    let (cx, cy) = (rect.x + rect.width / 2.0, rect.y + rect.height / 2.0);
    let side = if right { 1.0 } else { -1.0 };
    match kind {
        NodeKind::Decision => {
            let t = (1.0 - (y - cy).abs() / (rect.height / 2.0)).max(0.0);
            cx + side * rect.width / 2.0 * t
        }
        NodeKind::Start | NodeKind::End => {
            let radius = (rect.height / 2.0).min(rect.width / 2.0);
            let dy = (y - cy).abs().min(radius);
            let dx = (radius * radius - dy * dy).sqrt();
            cx + side * (rect.width / 2.0 - radius + dx)
        }
        NodeKind::Io => {
            if right {
                rect.right() - IO_SLANT * (y - rect.y) / rect.height
            } else {
                rect.x + IO_SLANT * (rect.bottom() - y) / rect.height
            }
        }
        NodeKind::Step | NodeKind::Store | NodeKind::Doc | NodeKind::Sub => {
            if right {
                rect.right()
            } else {
                rect.x
            }
        }
    }
}

/// A vertical line at `x` meets the outline at this y (at the bottom when
/// `bottom`).
pub fn hit_y(kind: NodeKind, rect: &Rect, x: f64, bottom: bool) -> f64 {
    let (cx, cy) = (rect.x + rect.width / 2.0, rect.y + rect.height / 2.0);
    let side = if bottom { 1.0 } else { -1.0 };
    match kind {
        NodeKind::Decision => {
            let t = (1.0 - (x - cx).abs() / (rect.width / 2.0)).max(0.0);
            cy + side * rect.height / 2.0 * t
        }
        NodeKind::Start | NodeKind::End => {
            let radius = (rect.height / 2.0).min(rect.width / 2.0);
            let straight = rect.width / 2.0 - radius;
            let dx = ((x - cx).abs() - straight).clamp(0.0, radius);
            let dy = (radius * radius - dx * dx).sqrt();
            cy + side * (rect.height / 2.0 - radius + dy)
        }
        NodeKind::Store => {
            let u = ((x - cx) / (rect.width / 2.0)).clamp(-1.0, 1.0);
            let bulge = CYLINDER_CAP * (1.0 - u * u).sqrt();
            if bottom {
                rect.bottom() - CYLINDER_CAP + bulge
            } else {
                rect.y + CYLINDER_CAP - bulge
            }
        }
        NodeKind::Doc => {
            if bottom {
                rect.bottom() - DOC_WAVE / 2.0
            } else {
                rect.y
            }
        }
        NodeKind::Step | NodeKind::Io | NodeKind::Sub => {
            if bottom {
                rect.bottom()
            } else {
                rect.y
            }
        }
    }
}

/// One command of an outline path, in absolute coordinates.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum PathOp {
    /// Move to.
    Move(Point),
    /// Straight line to.
    Line(Point),
    /// Elliptical arc (radii, sweep flag) to.
    Arc(f64, f64, bool, Point),
    /// Quadratic curve (control) to.
    Quad(Point, Point),
    /// Cubic curve (two controls) to.
    Cubic(Point, Point, Point),
    /// Close the path.
    Close,
}

/// The outline of a node of `kind` filling `rect`.
pub fn outline(kind: NodeKind, rect: &Rect) -> Vec<PathOp> {
    use PathOp::{Arc, Close, Cubic, Line, Move};
    let (x, y, w, h) = (rect.x, rect.y, rect.width, rect.height);
    let (r, b) = (x + w, y + h);
    let p = Point::new;
    match kind {
        NodeKind::Start | NodeKind::End => {
            let radius = h / 2.0;
            vec![
                Move(p(x + radius, y)),
                Line(p(r - radius, y)),
                Arc(radius, radius, true, p(r - radius, b)),
                Line(p(x + radius, b)),
                Arc(radius, radius, true, p(x + radius, y)),
                Close,
            ]
        }
        NodeKind::Step | NodeKind::Sub => rounded_rect(rect, CORNER),
        NodeKind::Decision => {
            let (cx, cy) = (x + w / 2.0, y + h / 2.0);
            vec![
                Move(p(cx, y)),
                Line(p(r, cy)),
                Line(p(cx, b)),
                Line(p(x, cy)),
                Close,
            ]
        }
        NodeKind::Io => vec![
            Move(p(x + IO_SLANT, y)),
            Line(p(r, y)),
            Line(p(r - IO_SLANT, b)),
            Line(p(x, b)),
            Close,
        ],
        NodeKind::Store => {
            let rx = w / 2.0;
            vec![
                Move(p(x, y + CYLINDER_CAP)),
                Arc(rx, CYLINDER_CAP, true, p(r, y + CYLINDER_CAP)),
                Line(p(r, b - CYLINDER_CAP)),
                Arc(rx, CYLINDER_CAP, true, p(x, b - CYLINDER_CAP)),
                Close,
            ]
        }
        NodeKind::Doc => vec![
            Move(p(x, y)),
            Line(p(r, y)),
            Line(p(r, b - DOC_WAVE)),
            Cubic(
                p(r - w / 4.0, b - 2.0 * DOC_WAVE),
                p(x + w * 0.6, b + DOC_WAVE / 2.0),
                p(x + w / 2.0, b - DOC_WAVE / 2.0),
            ),
            Cubic(
                p(x + w * 0.4, b - 1.5 * DOC_WAVE),
                p(x + w / 6.0, b + DOC_WAVE),
                p(x, b - DOC_WAVE / 2.0),
            ),
            Close,
        ],
    }
}

/// Extra strokes drawn over the outline: the front rim of a cylinder, the
/// side bars of a sub-process.
pub fn details(kind: NodeKind, rect: &Rect) -> Vec<PathOp> {
    use PathOp::{Arc, Line, Move};
    let (x, y, w, h) = (rect.x, rect.y, rect.width, rect.height);
    let p = Point::new;
    match kind {
        NodeKind::Store => vec![
            Move(p(x, y + CYLINDER_CAP)),
            Arc(w / 2.0, CYLINDER_CAP, false, p(x + w, y + CYLINDER_CAP)),
        ],
        NodeKind::Sub => vec![
            Move(p(x + SUB_BAR, y)),
            Line(p(x + SUB_BAR, y + h)),
            Move(p(x + w - SUB_BAR, y)),
            Line(p(x + w - SUB_BAR, y + h)),
        ],
        NodeKind::Start
        | NodeKind::End
        | NodeKind::Step
        | NodeKind::Decision
        | NodeKind::Io
        | NodeKind::Doc => Vec::new(),
    }
}

/// The mark of a data shape drawn more than once (a store, document or
/// input/output beside each step that uses it): a line inside its left end,
/// as data-flow diagrams mark a duplicated store (Gane–Sarson), so a reader
/// knows the copies are one store. Empty for other kinds.
pub fn duplicate_mark(kind: NodeKind, rect: &Rect) -> Vec<PathOp> {
    use PathOp::{Line, Move};
    let (x, y, h) = (rect.x, rect.y, rect.height);
    let b = y + h;
    let p = Point::new;
    match kind {
        NodeKind::Store => vec![
            Move(p(x + 7.0, y + CYLINDER_CAP + 7.0)),
            Line(p(x + 7.0, b - CYLINDER_CAP - 3.0)),
        ],
        NodeKind::Doc => vec![
            Move(p(x + 7.0, y + 5.0)),
            Line(p(x + 7.0, b - DOC_WAVE - 4.0)),
        ],
        NodeKind::Io => vec![
            Move(p(x + IO_SLANT, y + h * 0.3)),
            Line(p(x + IO_SLANT, y + h * 0.7)),
        ],
        NodeKind::Start | NodeKind::End | NodeKind::Step | NodeKind::Decision | NodeKind::Sub => {
            Vec::new()
        }
    }
}

fn rounded_rect(rect: &Rect, radius: f64) -> Vec<PathOp> {
    use PathOp::{Close, Line, Move, Quad};
    let (x, y, r, b) = (rect.x, rect.y, rect.right(), rect.bottom());
    let p = Point::new;
    vec![
        Move(p(x + radius, y)),
        Line(p(r - radius, y)),
        Quad(p(r, y), p(r, y + radius)),
        Line(p(r, b - radius)),
        Quad(p(r, b), p(r - radius, b)),
        Line(p(x + radius, b)),
        Quad(p(x, b), p(x, b - radius)),
        Line(p(x, y + radius)),
        Quad(p(x, y), p(x + radius, y)),
        Close,
    ]
}

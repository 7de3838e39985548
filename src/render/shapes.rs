//! Outline paths as SVG path data: the shapes themselves live in
//! [`crate::layout::shape`], so the renderer draws exactly what layout
//! routed edges to.

use super::theme::num;
use crate::layout::Rect;
use crate::layout::shape::{self, PathOp};
use crate::model::NodeKind;

/// Path data for the outline of a node of `kind` filling `rect`.
pub fn outline(kind: NodeKind, rect: &Rect) -> String {
    path_data(&shape::outline(kind, rect))
}

/// Extra strokes drawn over the outline (a cylinder's rim, a sub-process's
/// side bars), if the kind has any.
pub fn details(kind: NodeKind, rect: &Rect) -> Option<String> {
    let ops = shape::details(kind, rect);
    (!ops.is_empty()).then(|| path_data(&ops))
}

pub(crate) fn path_data(ops: &[PathOp]) -> String {
    let mut data = String::new();
    for op in ops {
        match *op {
            PathOp::Move(p) => data.push_str(&format!("M{} {}", num(p.x), num(p.y))),
            PathOp::Line(p) => data.push_str(&format!("L{} {}", num(p.x), num(p.y))),
            PathOp::Arc(rx, ry, sweep, p) => data.push_str(&format!(
                "A{} {} 0 0 {} {} {}",
                num(rx),
                num(ry),
                u8::from(sweep),
                num(p.x),
                num(p.y)
            )),
            PathOp::Quad(c, p) => data.push_str(&format!(
                "Q{} {} {} {}",
                num(c.x),
                num(c.y),
                num(p.x),
                num(p.y)
            )),
            PathOp::Cubic(c1, c2, p) => data.push_str(&format!(
                "C{} {} {} {} {} {}",
                num(c1.x),
                num(c1.y),
                num(c2.x),
                num(c2.y),
                num(p.x),
                num(p.y)
            )),
            PathOp::Close => data.push('Z'),
        }
    }
    data
}

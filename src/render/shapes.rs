//! The outline of each node kind as SVG path data, inside its layout box.

use super::theme::num;
use crate::layout::{CYLINDER_CAP, DOC_WAVE, IO_SLANT, Rect};
use crate::model::NodeKind;

/// Inset of the side bars of a `sub`.
pub const SUB_BAR: f64 = 10.0;

/// Path data for the outline of a node of `kind` filling `rect`.
pub fn outline(kind: NodeKind, rect: &Rect) -> String {
    let (x, y, w, h) = (rect.x, rect.y, rect.width, rect.height);
    let (r, b) = (x + w, y + h);
    match kind {
        NodeKind::Start | NodeKind::End => {
            let radius = h / 2.0;
            format!(
                "M{} {}H{}A{} {} 0 0 1 {} {}H{}A{} {} 0 0 1 {} {}Z",
                num(x + radius),
                num(y),
                num(r - radius),
                num(radius),
                num(radius),
                num(r - radius),
                num(b),
                num(x + radius),
                num(radius),
                num(radius),
                num(x + radius),
                num(y)
            )
        }
        NodeKind::Step | NodeKind::Sub => rounded_rect(rect, 4.0),
        NodeKind::Decision => {
            let (cx, cy) = (x + w / 2.0, y + h / 2.0);
            format!(
                "M{} {}L{} {}L{} {}L{} {}Z",
                num(cx),
                num(y),
                num(r),
                num(cy),
                num(cx),
                num(b),
                num(x),
                num(cy)
            )
        }
        NodeKind::Io => format!(
            "M{} {}H{}L{} {}H{}Z",
            num(x + IO_SLANT),
            num(y),
            num(r),
            num(r - IO_SLANT),
            num(b),
            num(x)
        ),
        NodeKind::Store => {
            let rx = w / 2.0;
            format!(
                "M{} {}A{} {} 0 0 1 {} {}V{}A{} {} 0 0 1 {} {}Z",
                num(x),
                num(y + CYLINDER_CAP),
                num(rx),
                num(CYLINDER_CAP),
                num(r),
                num(y + CYLINDER_CAP),
                num(b - CYLINDER_CAP),
                num(rx),
                num(CYLINDER_CAP),
                num(x),
                num(b - CYLINDER_CAP)
            )
        }
        NodeKind::Doc => format!(
            "M{} {}H{}V{}C{} {} {} {} {} {}S{} {} {} {}Z",
            num(x),
            num(y),
            num(r),
            num(b - DOC_WAVE),
            num(r - w / 4.0),
            num(b - 2.0 * DOC_WAVE),
            num(x + w * 0.6),
            num(b + DOC_WAVE / 2.0),
            num(x + w / 2.0),
            num(b - DOC_WAVE / 2.0),
            num(x + w / 6.0),
            num(b + DOC_WAVE),
            num(x),
            num(b - DOC_WAVE / 2.0)
        ),
    }
}

/// Extra strokes drawn over the outline: the front rim of a cylinder, the
/// side bars of a sub-process.
pub fn details(kind: NodeKind, rect: &Rect) -> Option<String> {
    let (x, y, w, h) = (rect.x, rect.y, rect.width, rect.height);
    match kind {
        NodeKind::Store => Some(format!(
            "M{} {}A{} {} 0 0 0 {} {}",
            num(x),
            num(y + CYLINDER_CAP),
            num(w / 2.0),
            num(CYLINDER_CAP),
            num(x + w),
            num(y + CYLINDER_CAP)
        )),
        NodeKind::Sub => Some(format!(
            "M{} {}V{}M{} {}V{}",
            num(x + SUB_BAR),
            num(y),
            num(y + h),
            num(x + w - SUB_BAR),
            num(y),
            num(y + h)
        )),
        _ => None,
    }
}

fn rounded_rect(rect: &Rect, radius: f64) -> String {
    let (x, y, r, b) = (rect.x, rect.y, rect.right(), rect.bottom());
    format!(
        "M{} {}H{}Q{} {} {} {}V{}Q{} {} {} {}H{}Q{} {} {} {}V{}Q{} {} {} {}Z",
        num(x + radius),
        num(y),
        num(r - radius),
        num(r),
        num(y),
        num(r),
        num(y + radius),
        num(b - radius),
        num(r),
        num(b),
        num(r - radius),
        num(b),
        num(x + radius),
        num(x),
        num(b),
        num(x),
        num(b - radius),
        num(y + radius),
        num(x),
        num(y),
        num(x + radius),
        num(y)
    )
}

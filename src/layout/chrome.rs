//! Drawing chrome: the title block drawn from the header (or the file's
//! name), the legend of modules and edge styles, and the words crmflow
//! adds to a drawing, in the flow's language.

use super::lanes;
use super::measure::TextMeasure;
use super::types::{Legend, LegendModule, Rect, TitleBlock};
use super::{MARGIN, SMALL_FONT_SIZE, SMALL_LINE_HEIGHT, TITLE_FONT_SIZE};
use crate::model::{EdgeKind, Flow};

/// The words crmflow itself adds to a drawing, in the flow's language.
pub(crate) struct Words {
    goal: &'static str,
    owner: &'static str,
    reviewed: &'static str,
    control_flow: &'static str,
    data_flow: &'static str,
}

const ENGLISH: Words = Words {
    goal: "Goal: ",
    owner: "Owner: ",
    reviewed: "Reviewed ",
    control_flow: "Control flow",
    data_flow: "Data flow",
};

const CHINESE: Words = Words {
    goal: "目标：",
    owner: "负责人：",
    reviewed: "评审于 ",
    control_flow: "控制流",
    data_flow: "数据流",
};

pub(crate) fn words(flow: &Flow) -> &'static Words {
    if lanes::is_chinese(flow) {
        &CHINESE
    } else {
        &ENGLISH
    }
}

/// The title block: the header's title (else `fallback`, the file's
/// name), its goal and its facts.
pub(crate) fn title_block(
    flow: &Flow,
    fallback: Option<&str>,
    measure: &dyn TextMeasure,
) -> Option<TitleBlock> {
    let header = &flow.header;
    let words = words(flow);
    let title = header
        .title
        .as_ref()
        .map(|t| t.value.clone())
        .or_else(|| fallback.map(str::to_owned));
    let mut lines = Vec::new();
    if let Some(goal) = &header.goal {
        lines.push(format!("{}{}", words.goal, goal.value));
    }
    let mut facts = Vec::new();
    if let Some(owner) = &header.owner {
        facts.push(format!("{}{}", words.owner, owner.value));
    }
    if let Some(version) = &header.version {
        facts.push(format!("v{}", version.value));
    }
    if let Some(reviewed) = &header.reviewed {
        facts.push(format!("{}{}", words.reviewed, reviewed.value));
    }
    if !facts.is_empty() {
        lines.push(facts.join("  ·  "));
    }
    if title.is_none() && lines.is_empty() {
        return None;
    }
    let title_w = title
        .as_ref()
        .map_or(0.0, |t| measure.bold_width(t, TITLE_FONT_SIZE));
    let lines_w = lines
        .iter()
        .map(|l| measure.width(l, SMALL_FONT_SIZE))
        .fold(0.0, f64::max);
    let height = title.as_ref().map_or(0.0, |_| TITLE_FONT_SIZE * 1.4)
        + lines.len() as f64 * SMALL_LINE_HEIGHT;
    Some(TitleBlock {
        rect: Rect::new(MARGIN, MARGIN, title_w.max(lines_w).ceil(), height.ceil()),
        title,
        lines,
    })
}

/// The legend: the modules in use and the edge styles, with its top at
/// `top`.
pub(crate) fn legend(
    flow: &Flow,
    used_modules: &[usize],
    top: f64,
    measure: &dyn TextMeasure,
) -> Option<Legend> {
    let shows_data_flow = flow.edges.iter().any(|edge| edge.kind == EdgeKind::Data);
    if used_modules.is_empty() && !shows_data_flow {
        return None;
    }
    let modules: Vec<LegendModule> = used_modules
        .iter()
        .map(|&index| {
            let module = &flow.modules[index];
            LegendModule {
                id: module.id.clone(),
                label: module.label.clone(),
                color: module.color,
                index,
            }
        })
        .collect();
    let mut rows: Vec<f64> = modules
        .iter()
        .map(|m| measure.width(&m.label, SMALL_FONT_SIZE))
        .collect();
    let words = words(flow);
    rows.push(measure.width(words.control_flow, SMALL_FONT_SIZE));
    if shows_data_flow {
        rows.push(measure.width(words.data_flow, SMALL_FONT_SIZE));
    }
    let width = rows.iter().copied().fold(0.0, f64::max) * 1.1 + 56.0;
    let height = rows.len() as f64 * 20.0 + 12.0;
    Some(Legend {
        rect: Rect::new(MARGIN, top, width.ceil(), height),
        modules,
        shows_data_flow,
        edge_words: (words.control_flow.to_owned(), words.data_flow.to_owned()),
    })
}

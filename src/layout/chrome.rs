//! Drawing chrome: the title block drawn from the header (or the file's
//! name), the legend of modules and edge styles, and the words crmflow
//! adds to a drawing, in the flow's language.

use super::measure::TextMeasure;
use super::types::{Legend, LegendEntry, LegendItem, LegendModule, Point, Rect, TitleBlock};
use super::typography::{MARGIN, SMALL_FONT_SIZE, SMALL_LINE_HEIGHT, TITLE_FONT_SIZE};
use crate::i18n::text;
use crate::model::{EdgeKind, Flow};

/// The words crmflow itself adds to a drawing, in the flow's language
/// (from the document catalog).
pub(crate) struct Words {
    goal: String,
    owner: String,
    reviewed: String,
    control_flow: String,
    data_flow: String,
    duplicate: String,
}

/// The words for a flow, read from the catalog once per language (the
/// page search lays a flow out dozens of times).
pub(crate) fn words(flow: &Flow) -> &'static Words {
    static WORDS: [std::sync::OnceLock<Words>; 2] = [const { std::sync::OnceLock::new() }; 2];
    let lang = flow.language();
    WORDS[lang as usize].get_or_init(|| Words {
        goal: text(lang, "doc-goal"),
        owner: text(lang, "doc-owner"),
        reviewed: text(lang, "doc-reviewed"),
        control_flow: text(lang, "doc-control-flow"),
        data_flow: text(lang, "doc-data-flow"),
        duplicate: text(lang, "doc-duplicate"),
    })
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

/// Width of a legend entry's sample and the space after it.
const SAMPLE: f64 = 32.0;
/// Space between legend entries on one line.
const ENTRY_GAP: f64 = 18.0;
/// Height of one line of the legend.
const LEGEND_LINE: f64 = 20.0;
/// Padding inside the legend's box.
const LEGEND_PAD: f64 = 10.0;

/// The legend's entries before placement: what each is and how wide.
pub(crate) struct LegendContent {
    modules: Vec<LegendModule>,
    shows_data_flow: bool,
    edge_words: (String, String),
    duplicate_words: String,
    entries: Vec<(LegendEntry, f64)>,
}

/// The legend's entries: the modules in use, the edge styles, and the
/// duplicate mark when `has_copies` (a data shape drawn more than once), if
/// there is anything to explain.
pub(crate) fn legend_content(
    flow: &Flow,
    used_modules: &[usize],
    has_copies: bool,
    measure: &dyn TextMeasure,
) -> Option<LegendContent> {
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
    let words = words(flow);
    let width = |text: &str| (measure.width(text, SMALL_FONT_SIZE) * 1.05).ceil() + SAMPLE;
    let mut entries: Vec<(LegendEntry, f64)> = modules
        .iter()
        .enumerate()
        .map(|(i, m)| (LegendEntry::Module(i), width(&m.label)))
        .collect();
    entries.push((LegendEntry::ControlFlow, width(&words.control_flow)));
    if shows_data_flow {
        entries.push((LegendEntry::DataFlow, width(&words.data_flow)));
    }
    if has_copies {
        entries.push((LegendEntry::Duplicate, width(&words.duplicate)));
    }
    Some(LegendContent {
        modules,
        shows_data_flow,
        edge_words: (words.control_flow.to_owned(), words.data_flow.to_owned()),
        duplicate_words: if has_copies {
            words.duplicate.to_owned()
        } else {
            String::new()
        },
        entries,
    })
}

impl LegendContent {
    /// The size of the legend with its entries in lines no wider than
    /// `max_width`.
    pub fn size(&self, max_width: f64) -> (f64, f64) {
        let (lines, widest) = self.lines(max_width);
        (
            widest + 2.0 * LEGEND_PAD,
            lines.len() as f64 * LEGEND_LINE + 2.0 * LEGEND_PAD - 4.0,
        )
    }

    fn lines(&self, max_width: f64) -> (Vec<Vec<(LegendEntry, f64)>>, f64) {
        let inner = (max_width - 2.0 * LEGEND_PAD).max(0.0);
        let mut lines: Vec<Vec<(LegendEntry, f64)>> = vec![Vec::new()];
        let mut used = 0.0;
        for &(entry, width) in &self.entries {
            let line = lines.last_mut().expect("one line at least");
            if !line.is_empty() && used + ENTRY_GAP + width > inner {
                lines.push(vec![(entry, width)]);
                used = width;
            } else {
                if !line.is_empty() {
                    used += ENTRY_GAP;
                }
                used += width;
                lines.last_mut().expect("one line").push((entry, width));
            }
        }
        let widest = lines
            .iter()
            .map(|line| {
                line.iter().map(|(_, w)| w).sum::<f64>()
                    + ENTRY_GAP * line.len().saturating_sub(1) as f64
            })
            .fold(0.0, f64::max);
        (lines, widest)
    }

    /// The legend placed with its top-left corner at `corner`, its entries
    /// in lines no wider than `max_width`.
    pub fn place(self, corner: Point, max_width: f64) -> Legend {
        let (lines, _) = self.lines(max_width);
        let (width, height) = self.size(max_width);
        let mut items = Vec::new();
        for (row, line) in lines.iter().enumerate() {
            let y = corner.y + LEGEND_PAD + row as f64 * LEGEND_LINE + LEGEND_LINE / 2.0 - 4.0;
            let mut x = corner.x + LEGEND_PAD;
            for &(kind, w) in line {
                items.push(LegendItem {
                    kind,
                    at: Point::new(x, y),
                });
                x += w + ENTRY_GAP;
            }
        }
        Legend {
            rect: Rect::new(corner.x, corner.y, width.ceil(), height.ceil()),
            modules: self.modules,
            items,
            shows_data_flow: self.shows_data_flow,
            edge_words: self.edge_words,
            duplicate_words: self.duplicate_words,
        }
    }
}

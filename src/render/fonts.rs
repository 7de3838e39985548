//! The one font crmflow draws and measures with.
//!
//! By default the bundled "CrmFlow Sans SC" (a subset of Noto Sans CJK SC:
//! Latin, punctuation, arrows and the 3,755 common hanzi; see
//! `fonts/make_fonts.py` and `fonts/OFL.txt`), or one font file the user
//! names (`--font`). The same faces serve three jobs, so what is measured
//! is what is drawn:
//! - [`TextMeasure`]: label widths shaped by rustybuzz, the shaper usvg uses;
//! - [`Fonts::database`]: the only fonts usvg sees when it makes PNG and PDF
//!   (every generic family maps to them; no system font is ever used);
//! - [`Fonts::missing`]: characters the font cannot draw, for warnings.

use crate::i18n::t;
use crate::layout::TextMeasure;
use crate::model::Flow;
use crate::{Diag, Span};
use std::sync::{Arc, LazyLock};
use usvg::fontdb;

/// The bundled regular face.
pub static BUNDLED_REGULAR: &[u8] = include_bytes!("fonts/CrmFlowSansSC-Regular.otf");
/// The bundled bold face (title, lane headers).
pub static BUNDLED_BOLD: &[u8] = include_bytes!("fonts/CrmFlowSansSC-Bold.otf");
/// The bundled family's name.
pub const BUNDLED_FAMILY: &str = "CrmFlow Sans SC";

/// A regular and a bold face of one family.
pub struct Fonts {
    family: String,
    regular_data: &'static [u8],
    bold_data: &'static [u8],
    /// The regular face's tables, for its character map (what `check`
    /// needs: no shaping tables are read until something is measured).
    characters: rustybuzz::ttf_parser::Face<'static>,
    regular: std::sync::OnceLock<Shaper>,
    bold: std::sync::OnceLock<Shaper>,
    database: std::sync::OnceLock<Arc<fontdb::Database>>,
    /// Labels already wrapped in the regular face.
    wrapped: crate::layout::Remembered,
}

/// One face with what measuring repeats: the shape plan of each script and
/// direction met (building one is most of the cost of shaping a short
/// label), and the advance of each text already measured (a flow repeats
/// its lane names, chips and branch labels, and layout measures a label
/// more than once).
struct Shaper {
    face: rustybuzz::Face<'static>,
    plans: std::sync::Mutex<Vec<(PlanKey, Arc<rustybuzz::ShapePlan>)>>,
    advances: std::sync::Mutex<std::collections::HashMap<Box<str>, i64>>,
}

/// What a shape plan is made for.
type PlanKey = (
    rustybuzz::Direction,
    rustybuzz::Script,
    Option<rustybuzz::Language>,
);

/// Texts a face remembers before it forgets them all (a language server
/// or a watch session measures for hours; a render needs a few hundred).
const REMEMBERED_ADVANCES: usize = 50_000;

impl Shaper {
    fn new(face: rustybuzz::Face<'static>) -> Shaper {
        Shaper {
            face,
            plans: std::sync::Mutex::new(Vec::new()),
            advances: std::sync::Mutex::new(std::collections::HashMap::new()),
        }
    }

    /// The width of `text` at `font_size`, shaped as usvg shapes it.
    fn width(&self, text: &str, font_size: f64) -> f64 {
        if text.is_empty() {
            return 0.0;
        }
        let advance = self.advance(text);
        advance as f64 * font_size / f64::from(self.face.units_per_em())
    }

    /// The advance of `text` in font units.
    fn advance(&self, text: &str) -> i64 {
        if let Some(&advance) = self.advances().get(text) {
            return advance;
        }
        let mut buffer = rustybuzz::UnicodeBuffer::new();
        buffer.push_str(text);
        buffer.guess_segment_properties();
        let plan = self.plan(&buffer);
        let glyphs = rustybuzz::shape_with_plan(&self.face, &plan, buffer);
        let advance: i64 = glyphs
            .glyph_positions()
            .iter()
            .map(|p| i64::from(p.x_advance))
            .sum();
        let mut advances = self.advances();
        if advances.len() >= REMEMBERED_ADVANCES {
            advances.clear();
        }
        advances.insert(text.into(), advance);
        advance
    }

    fn advances(&self) -> std::sync::MutexGuard<'_, std::collections::HashMap<Box<str>, i64>> {
        self.advances
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The shape plan for the buffer's script, direction and language
    /// (what `rustybuzz::shape` would build afresh), made once.
    fn plan(&self, buffer: &rustybuzz::UnicodeBuffer) -> Arc<rustybuzz::ShapePlan> {
        let key: PlanKey = (buffer.direction(), buffer.script(), buffer.language());
        let mut plans = self
            .plans
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some((_, plan)) = plans.iter().find(|(made_for, _)| *made_for == key) {
            return plan.clone();
        }
        let plan = Arc::new(rustybuzz::ShapePlan::new(
            &self.face,
            buffer.direction(),
            Some(buffer.script()),
            buffer.language().as_ref(),
            &[],
        ));
        plans.push((key, plan.clone()));
        plan
    }
}

static BUNDLED: LazyLock<Fonts> = LazyLock::new(|| {
    Fonts::from_static(BUNDLED_REGULAR, BUNDLED_BOLD).expect("the bundled font parses")
});

impl std::fmt::Debug for Fonts {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Fonts")
            .field("family", &self.family)
            .finish()
    }
}

impl Fonts {
    /// The bundled font.
    pub fn bundled() -> &'static Fonts {
        &BUNDLED
    }

    /// A font file (OpenType/TrueType, first face) used for both weights.
    /// The bytes live as long as the process: a run loads at most a few.
    pub fn from_file(path: &std::path::Path) -> Result<&'static Fonts, String> {
        let data = crate::files::read_source(path, crate::limits::current().font_bytes)
            .map_err(|e| format!("cannot read font `{}`: {e}", path.display()))?;
        Fonts::from_bytes(data, path)
    }

    /// A font from the bytes of a font file (`path` names it in errors); it
    /// lives as long as the process.
    pub fn from_bytes(data: Vec<u8>, path: &std::path::Path) -> Result<&'static Fonts, String> {
        let data: &'static [u8] = Box::leak(data.into_boxed_slice());
        let fonts =
            Fonts::from_static(data, data).map_err(|e| format!("`{}`: {e}", path.display()))?;
        Ok(Box::leak(Box::new(fonts)))
    }

    fn from_static(regular_data: &'static [u8], bold_data: &'static [u8]) -> Result<Fonts, String> {
        let face = |data: &'static [u8]| {
            rustybuzz::ttf_parser::Face::parse(data, 0)
                .map_err(|_| "not an OpenType or TrueType font".to_owned())
        };
        let characters = face(regular_data)?;
        face(bold_data)?;
        let family = family_name(&characters).ok_or("the font has no family name")?;
        Ok(Fonts {
            family,
            regular_data,
            bold_data,
            characters,
            regular: std::sync::OnceLock::new(),
            bold: std::sync::OnceLock::new(),
            database: std::sync::OnceLock::new(),
            wrapped: crate::layout::Remembered::default(),
        })
    }

    /// The shaper of a face, made the first time it measures.
    fn shaper<'a>(cell: &'a std::sync::OnceLock<Shaper>, data: &'static [u8]) -> &'a Shaper {
        cell.get_or_init(|| {
            // `from_static` parsed these bytes already.
            let face = rustybuzz::Face::from_slice(data, 0).expect("the face parsed before");
            Shaper::new(face)
        })
    }

    /// The font files' bytes: `(regular, bold)` (the live preview serves
    /// them, so the browser draws with the font the layout measured).
    pub fn faces(&self) -> (&'static [u8], &'static [u8]) {
        (self.regular_data, self.bold_data)
    }

    /// The family name to write into SVG `font-family`.
    pub fn family(&self) -> &str {
        &self.family
    }

    /// A font database holding only these faces, with every generic family
    /// (serif, sans-serif, monospace, cursive, fantasy) mapped to them —
    /// otherwise usvg would silently draw no text.
    pub fn database(&self) -> Arc<fontdb::Database> {
        self.database.get_or_init(|| self.build_database()).clone()
    }

    fn build_database(&self) -> Arc<fontdb::Database> {
        let mut db = fontdb::Database::new();
        db.load_font_source(fontdb::Source::Binary(Arc::new(self.regular_data)));
        if !std::ptr::eq(self.regular_data, self.bold_data) {
            db.load_font_source(fontdb::Source::Binary(Arc::new(self.bold_data)));
        }
        db.set_serif_family(&self.family);
        db.set_sans_serif_family(&self.family);
        db.set_monospace_family(&self.family);
        db.set_cursive_family(&self.family);
        db.set_fantasy_family(&self.family);
        Arc::new(db)
    }

    /// The distinct characters of `text` the font has no glyph for (line
    /// breaks and other controls aside), in order of first appearance.
    pub fn missing(&self, text: &str) -> Vec<char> {
        let mut missing = Vec::new();
        for c in text.chars() {
            if !c.is_control() && self.characters.glyph_index(c).is_none() && !missing.contains(&c)
            {
                missing.push(c);
            }
        }
        missing
    }
}

/// Warnings (code `W300`) for text the font cannot draw — usvg would drop
/// those characters silently — each at the span of the node, edge, lane,
/// module or header field that carries it.
pub fn missing_glyphs(flow: &Flow, fonts: &Fonts) -> Vec<Diag> {
    let mut texts: Vec<(&str, Span, crate::i18n::Message)> = Vec::new();
    let header = &flow.header;
    for (name, field) in [
        ("title", &header.title),
        ("goal", &header.goal),
        ("owner", &header.owner),
        ("version", &header.version),
    ] {
        if let Some(field) = field {
            texts.push((
                &field.value,
                field.span,
                t("glyph-in-field").arg("name", name),
            ));
        }
    }
    for lane in &flow.lanes {
        texts.push((
            &lane.label,
            lane.span,
            t("glyph-in-lane").arg("id", &lane.id),
        ));
    }
    for module in &flow.modules {
        texts.push((
            &module.label,
            module.span,
            t("glyph-in-module").arg("id", &module.id),
        ));
    }
    for node in &flow.nodes {
        texts.push((
            &node.label,
            node.span,
            t("glyph-in-node").arg("id", &node.id),
        ));
        for text in node.inputs.iter().chain(&node.outputs).chain(&node.notes) {
            texts.push((
                &text.value,
                text.span,
                t("glyph-in-node").arg("id", &node.id),
            ));
        }
    }
    for edge in &flow.edges {
        if let Some(label) = &edge.label {
            texts.push((&label.value, label.span, t("glyph-in-edge-label")));
        }
    }
    texts
        .into_iter()
        .filter_map(|(text, span, what)| {
            let missing = fonts.missing(text);
            if missing.is_empty() {
                return None;
            }
            let list: Vec<String> = missing
                .iter()
                .map(|c| format!("`{c}` (U+{:04X})", u32::from(*c)))
                .collect();
            Some(
                Diag::warning(
                    crate::diag::codes::MISSING_GLYPH,
                    span,
                    t("model-font-has-no-glyph-for")
                        .arg("what", what)
                        .arg("family", fonts.family())
                        .arg("list", list.join(", ")),
                )
                .with_help(t("model-use-more-common-character-or")),
            )
        })
        .collect()
}

fn family_name(face: &rustybuzz::ttf_parser::Face<'_>) -> Option<String> {
    let names = face.names();
    let pick = |id: u16| {
        (0..names.len())
            .filter_map(|i| names.get(i))
            .filter(|name| name.name_id == id && name.is_unicode())
            .find_map(|name| name.to_string())
    };
    pick(16).or_else(|| pick(1))
}

impl TextMeasure for Fonts {
    fn width(&self, text: &str, font_size: f64) -> f64 {
        Fonts::shaper(&self.regular, self.regular_data).width(text, font_size)
    }

    fn bold_width(&self, text: &str, font_size: f64) -> f64 {
        Fonts::shaper(&self.bold, self.bold_data).width(text, font_size)
    }

    fn font_family(&self) -> &str {
        &self.family
    }

    fn remembered(&self) -> Option<&crate::layout::Remembered> {
        Some(&self.wrapped)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_font_is_renamed_and_covers_latin_and_common_hanzi() {
        let fonts = Fonts::bundled();
        assert_eq!(fonts.family(), BUNDLED_FAMILY);
        assert!(fonts.missing("Lead → 客户跟进（已签约）！①").is_empty());
        assert_eq!(fonts.missing("龘a龘\n"), ['龘']);
    }

    #[test]
    fn widths_are_shaped_not_guessed() {
        let fonts = Fonts::bundled();
        // Ideographs are one em; Latin is proportional and kerned.
        assert!((fonts.width("客户", 14.0) - 28.0).abs() < 0.01);
        let narrow = fonts.width("iiii", 14.0);
        let wide = fonts.width("MMMM", 14.0);
        assert!(narrow < wide / 2.0, "{narrow} vs {wide}");
        assert!(fonts.bold_width("Sales", 14.0) > fonts.width("Sales", 14.0));
        assert_eq!(fonts.width("", 14.0), 0.0);
    }
}

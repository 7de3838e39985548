//! `crmflow.yaml`: project settings, found by walking up from the flow's
//! folder (or given with `--config`).
//!
//! ```yaml
//! lint:
//!   preset: recommended          # or strict
//!   rules:
//!     duplicate-label: off
//!     stale-review: { severity: error, max-age-days: 90 }
//! render:
//!   theme: print                 # default | print | dark
//!   lane-order: auto             # declared | auto
//!   scale: 2                     # PNG pixels per unit
//!   font: fonts/NotoSansCJK.otf  # relative to this file
//!   page: a4                     # slide (default) | a4 | none
//! project:
//!   root: ..                     # `calls` may reach files below this folder
//!                                # (default: the folder of this file)
//! ```
//!
//! Problems are [`Diag`]s with spans into the YAML file, like any other
//! input's. Command-line flags and environment variables win over the file.

use crate::diag::{Diag, Diags, codes};
use crate::i18n::{Message, t};
use crate::lint::{LintSettings, settings_from_yaml};
use crate::source::{SourceFile, Span};
use crate::world::World;
use std::path::{Path, PathBuf};

/// The sections of the file.
const SECTIONS: [&str; 3] = ["lint", "render", "project"];

/// The file name looked for.
pub const FILE_NAME: &str = "crmflow.yaml";

/// Settings from one `crmflow.yaml`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Config {
    /// Where it was read from (`None`: built-in defaults).
    pub path: Option<PathBuf>,
    /// The `lint:` section.
    pub lint: LintSettings,
    /// The `render:` section.
    pub render: RenderDefaults,
}

/// The `render:` section: defaults for `crmflow render` flags.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RenderDefaults {
    /// `default`, `print` or `dark`.
    pub theme: Option<String>,
    /// `declared` or `auto`.
    pub lane_order: Option<crate::layout::LaneOrder>,
    /// PNG scale.
    pub scale: Option<f32>,
    /// A font file, resolved against the config file's folder.
    pub font: Option<PathBuf>,
    /// `slide`, `a4` or `none`.
    pub page: Option<crate::layout::Page>,
}

/// The nearest `crmflow.yaml` in `dir` or a folder above it.
pub fn discover(dir: &Path, world: &dyn World) -> Option<PathBuf> {
    let start = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let absolute = std::path::absolute(start).ok()?;
    absolute
        .ancestors()
        .map(|folder| folder.join(FILE_NAME))
        .find(|candidate| world.is_file(candidate))
}

/// Parses a config file's text. `source.name()` is used as its path.
pub fn parse(source: &SourceFile) -> Result<Config, Diags> {
    let text = source.text();
    if flow_nesting(text) > MAX_NESTING {
        return Err(vec![
            Diag::error(
                codes::CONFIG,
                Span::point(0),
                t("model-file-name-nests-and-more")
                    .arg("file", FILE_NAME)
                    .arg("depth", MAX_NESTING),
            )
            .with_help(t("model-crmflow-yaml-needs-two-or")),
        ]);
    }
    let value: serde_yaml::Value = if text.trim().is_empty() {
        serde_yaml::Value::Null
    } else {
        serde_yaml::from_str(text).map_err(|err| {
            let at = err.location().map_or(0, |location| location.index());
            let message = err.to_string();
            let message = message
                .split(" at line ")
                .next()
                .unwrap_or(&message)
                .to_owned();
            vec![Diag::error(
                codes::CONFIG,
                source.line_span(at.min(text.len())),
                t("model-file-name-not-valid-yaml")
                    .arg("file", FILE_NAME)
                    .arg("message", &message),
            )]
        })?
    };
    let base = Path::new(source.name())
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let mut config = Config {
        path: Some(PathBuf::from(source.name())),
        ..Config::default()
    };
    let mut diags = Vec::new();
    let keys = KeyIndex::new(text);
    let error = |key: &str, message: Message, help: Option<Message>| {
        Diag::error(codes::CONFIG, keys.span(key), message).with_help_opt(help)
    };
    let map = match &value {
        serde_yaml::Value::Null => return Ok(config),
        serde_yaml::Value::Mapping(map) => map,
        _ => {
            return Err(vec![Diag::error(
                codes::CONFIG,
                source.line_span(0),
                t("model-file-name-must-mapping-with").arg("file", FILE_NAME),
            )]);
        }
    };
    let mut project_root = None;
    for (key, section) in map {
        match key.as_str() {
            Some("lint") => match settings_from_yaml(section) {
                Ok(settings) => config.lint = settings,
                Err(errors) => diags.extend(
                    errors
                        .into_iter()
                        .map(|problem| error(&problem.key, problem.message, problem.help)),
                ),
            },
            Some("render") => render_section(
                section,
                &base,
                &mut config.render,
                &mut |key, message, help| diags.push(error(key, message, help)),
            ),
            Some("project") => match section.get("root").map(serde_yaml::Value::as_str) {
                Some(Some(root)) if section.as_mapping().is_some_and(|map| map.len() == 1) => {
                    project_root = Some(crate::files::normalize(&base.join(root)));
                }
                _ => diags.push(error(
                    "project",
                    t("config-project-takes-one-key-root"),
                    Some(t("config-for-example-project-root-calls")),
                )),
            },
            other => {
                let name = other.unwrap_or("?");
                diags.push(error(
                    name,
                    t("config-unknown-section-name-file-name")
                        .arg("name", name)
                        .arg("file", FILE_NAME),
                    crate::suggest::did_you_mean(name, SECTIONS)
                        .or_else(|| Some(t("config-sections-are-lint-render-and"))),
                ));
            }
        }
    }
    // `calls` may reach files below the project root: `project.root`, else
    // this file's folder.
    config.lint.options.calls_root = Some(project_root.unwrap_or_else(|| {
        let absolute = std::path::absolute(&base).unwrap_or_else(|_| base.clone());
        crate::files::normalize(&absolute)
    }));
    if diags.is_empty() {
        Ok(config)
    } else {
        crate::diag::sort(&mut diags);
        Err(diags)
    }
}

fn render_section(
    section: &serde_yaml::Value,
    base: &Path,
    render: &mut RenderDefaults,
    error: &mut dyn FnMut(&str, Message, Option<Message>),
) {
    let Some(map) = section.as_mapping() else {
        if !section.is_null() {
            error("render", t("config-render-must-mapping"), None);
        }
        return;
    };
    for (key, value) in map {
        let key = key.as_str().unwrap_or("?");
        let word = value.as_str();
        match key {
            "theme" => match word {
                Some(theme) if crate::render::THEME_NAMES.contains(&theme) => {
                    render.theme = Some(theme.into());
                }
                _ => error(
                    key,
                    t("config-unknown-theme"),
                    Some(t("config-use").arg(
                        "theme-names",
                        crate::suggest::one_of(&crate::render::THEME_NAMES),
                    )),
                ),
            },
            "lane-order" => match word.and_then(crate::layout::LaneOrder::from_name) {
                Some(order) => render.lane_order = Some(order),
                _ => error(
                    key,
                    t("config-unknown-lane-order"),
                    Some(t("config-use-declared-or-auto")),
                ),
            },
            "scale" => match value.as_f64() {
                Some(scale) if scale > 0.0 && scale <= 16.0 => render.scale = Some(scale as f32),
                _ => error(key, t("config-scale-must-number-above-0"), None),
            },
            "font" => match word {
                Some(path) => render.font = Some(base.join(path)),
                None => error(key, t("config-font-must-path"), None),
            },
            "page" => match word.and_then(crate::layout::Page::from_name) {
                Some(page) => render.page = Some(page),
                _ => error(
                    key,
                    t("config-unknown-page"),
                    Some(t("config-use-slide-default-a4-or")),
                ),
            },
            _ => error(
                key,
                t("config-unknown-key-key-render").arg("key", key),
                crate::suggest::did_you_mean(key, ["theme", "lane-order", "scale", "font", "page"])
                    .or_else(|| Some(t("config-render-takes-theme-lane-order"))),
            ),
        }
    }
}

/// Where each key is first written in the YAML text: every word followed
/// by `:` at a line's start (after indentation, `- ` or `{`) or after `{`,
/// `,` or a space inside a flow mapping. Built once per file, so locating
/// any number of errors is linear.
struct KeyIndex(std::collections::HashMap<String, Span>);

impl KeyIndex {
    fn new(text: &str) -> Self {
        let mut index = std::collections::HashMap::new();
        let bytes = text.as_bytes();
        let is_word = |b: u8| b.is_ascii_alphanumeric() || b == b'-' || b == b'_';
        let mut at = 0;
        while at < bytes.len() {
            let starts_word = is_word(bytes[at])
                && (at == 0 || matches!(bytes[at - 1], b'\n' | b' ' | b'\t' | b'{' | b','));
            if !starts_word {
                at += 1;
                continue;
            }
            let start = at;
            while at < bytes.len() && is_word(bytes[at]) {
                at += 1;
            }
            let mut colon = at;
            while colon < bytes.len() && bytes[colon] == b' ' {
                colon += 1;
            }
            if bytes.get(colon) == Some(&b':') {
                index
                    .entry(text[start..at].to_owned())
                    .or_insert(Span::new(start, at));
            }
        }
        KeyIndex(index)
    }

    /// The span of `key:` (its first occurrence as a key), or the start of
    /// the file.
    fn span(&self, key: &str) -> Span {
        self.0.get(key).copied().unwrap_or(Span::point(0))
    }
}

/// How deeply `[` and `{` nest outside strings and comments. YAML
/// parsers take time quadratic in it, so a deeper file is refused first.
fn flow_nesting(text: &str) -> usize {
    let (mut depth, mut deepest) = (0usize, 0usize);
    let mut quote: Option<char> = None;
    let mut comment = false;
    let mut previous = '\n';
    for c in text.chars() {
        match (quote, c) {
            _ if comment => comment = c != '\n',
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '#') if previous.is_whitespace() => comment = true,
            (None, '[' | '{') => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            (None, ']' | '}') => depth = depth.saturating_sub(1),
            _ => {}
        }
        previous = c;
    }
    deepest
}

/// The largest `crmflow.yaml` read (a real one is a few hundred bytes).
const MAX_CONFIG_BYTES: u64 = 1 << 20;

/// Deepest `[`/`{` nesting accepted in `crmflow.yaml`.
const MAX_NESTING: usize = 64;

/// Loads and parses a config file.
pub fn load(path: &Path, world: &dyn World) -> Result<Config, (SourceFile, Diags)> {
    let name = path.display().to_string();
    match world.read_bytes(path, MAX_CONFIG_BYTES) {
        Err(err) => {
            let source = SourceFile::new(name, "");
            let diag = Diag::error(
                codes::CONFIG,
                Span::point(0),
                t("model-cannot-read-err")
                    .arg("err", &err)
                    .arg("path", path.display().to_string()),
            );
            Err((source, vec![diag]))
        }
        Ok(bytes) => {
            let text = String::from_utf8_lossy(&bytes).into_owned();
            let source = SourceFile::new(name, text);
            parse(&source).map_err(|diags| (source, diags))
        }
    }
}

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
//! project:
//!   root: ..                     # `calls` may reach files below this folder
//!                                # (default: the folder of this file)
//! ```
//!
//! Problems are [`Diag`]s with spans into the YAML file, like any other
//! input's. Command-line flags and environment variables win over the file.

use crate::diag::{Diag, Diags, codes};
use crate::lint::{LintSettings, settings_from_yaml};
use crate::source::{SourceFile, Span};
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
    pub lane_order: Option<String>,
    /// PNG scale.
    pub scale: Option<f32>,
    /// A font file, resolved against the config file's folder.
    pub font: Option<PathBuf>,
}

/// The nearest `crmflow.yaml` in `dir` or a folder above it.
pub fn discover(dir: &Path) -> Option<PathBuf> {
    let start = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let absolute = std::path::absolute(start).ok()?;
    absolute
        .ancestors()
        .map(|folder| folder.join(FILE_NAME))
        .find(|candidate| candidate.is_file())
}

/// Parses a config file's text. `source.name()` is used as its path.
pub fn parse(source: &SourceFile) -> Result<Config, Diags> {
    let text = source.text();
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
                format!("`{FILE_NAME}` is not valid YAML: {message}"),
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
    let error = |key: &str, message: String, help: Option<String>| {
        Diag::error(codes::CONFIG, key_span(text, key), message).with_help_opt(help)
    };
    let map = match &value {
        serde_yaml::Value::Null => return Ok(config),
        serde_yaml::Value::Mapping(map) => map,
        _ => {
            return Err(vec![Diag::error(
                codes::CONFIG,
                source.line_span(0),
                format!("`{FILE_NAME}` must be a mapping with `lint` and `render` sections"),
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
                    "`project` takes one key, `root`: a folder path".into(),
                    Some(
                        "for example `project: { root: .. }`: `calls` may reach files below it"
                            .into(),
                    ),
                )),
            },
            other => {
                let name = other.unwrap_or("?");
                diags.push(error(
                    name,
                    format!("unknown section `{name}` in `{FILE_NAME}`"),
                    crate::suggest::did_you_mean(name, SECTIONS)
                        .or_else(|| Some("the sections are `lint`, `render` and `project`".into())),
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
    error: &mut dyn FnMut(&str, String, Option<String>),
) {
    let Some(map) = section.as_mapping() else {
        if !section.is_null() {
            error("render", "`render` must be a mapping".into(), None);
        }
        return;
    };
    for (key, value) in map {
        let key = key.as_str().unwrap_or("?");
        let word = value.as_str();
        match key {
            "theme" => match word {
                Some(theme @ ("default" | "print" | "dark")) => render.theme = Some(theme.into()),
                _ => error(
                    key,
                    "unknown theme".into(),
                    Some("use `default`, `print` or `dark`".into()),
                ),
            },
            "lane-order" => match word {
                Some(order @ ("declared" | "auto")) => render.lane_order = Some(order.into()),
                _ => error(
                    key,
                    "unknown lane order".into(),
                    Some("use `declared` or `auto`".into()),
                ),
            },
            "scale" => match value.as_f64() {
                Some(scale) if scale > 0.0 && scale <= 16.0 => render.scale = Some(scale as f32),
                _ => error(
                    key,
                    "`scale` must be a number above 0 and at most 16".into(),
                    None,
                ),
            },
            "font" => match word {
                Some(path) => render.font = Some(base.join(path)),
                None => error(key, "`font` must be a path".into(), None),
            },
            _ => error(
                key,
                format!("unknown key `{key}` in `render`"),
                crate::suggest::did_you_mean(key, ["theme", "lane-order", "scale", "font"])
                    .or_else(|| {
                        Some("`render` takes `theme`, `lane-order`, `scale` and `font`".into())
                    }),
            ),
        }
    }
}

/// The span of `key:` in the YAML text (its first occurrence as a key), or
/// the start of the file.
fn key_span(text: &str, key: &str) -> Span {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        let bare = trimmed.trim_start_matches(['{', ' ']);
        for candidate in [bare, trimmed] {
            if let Some(rest) = candidate.strip_prefix(key)
                && rest.trim_start().starts_with(':')
            {
                let start = offset + indent + (trimmed.len() - candidate.len());
                return Span::new(start, start + key.len());
            }
        }
        // keys inside a flow mapping on this line: `{ severity: error, max: 4 }`
        if let Some(at) = line
            .find(&format!(" {key}:"))
            .or_else(|| line.find(&format!("{{{key}:")))
        {
            let start = offset + at + 1;
            return Span::new(start, start + key.len());
        }
        offset += line.len();
    }
    Span::point(0)
}

/// Loads and parses a config file.
pub fn load(path: &Path) -> Result<Config, (SourceFile, Diags)> {
    let name = path.display().to_string();
    match crate::files::read_regular(path, crate::limits::current().file_bytes) {
        Err(err) => {
            let source = SourceFile::new(name, "");
            let diag = Diag::error(
                codes::CONFIG,
                Span::point(0),
                format!("cannot read `{}`: {err}", path.display()),
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

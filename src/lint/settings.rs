//! Severities per rule (a preset, then overrides) and rule options.

use super::rule::{Level, Rule, RuleOptions, describe_value, parse_level};
use super::rules::RULES;
use crate::i18n::{Message, t};

/// A named set of severities for every rule.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Preset {
    /// Errors for broken flows, warnings for what is worth a look.
    #[default]
    Recommended,
    /// Everything is an error, and a `reviewed` date is required.
    Strict,
}

impl Preset {
    /// Reads a preset name.
    pub fn from_name(name: &str) -> Option<Preset> {
        match name {
            "recommended" => Some(Preset::Recommended),
            "strict" => Some(Preset::Strict),
            _ => None,
        }
    }
}

/// Everything that decides what lint reports.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LintSettings {
    /// The level of each rule, in [`RULES`] order.
    levels: Vec<Level>,
    /// Rule options.
    pub options: RuleOptions,
}

impl Default for LintSettings {
    fn default() -> Self {
        LintSettings::preset(Preset::Recommended)
    }
}

impl LintSettings {
    /// The settings of a preset.
    pub fn preset(preset: Preset) -> Self {
        let levels = RULES
            .iter()
            .map(|rule| match preset {
                Preset::Recommended => rule.recommended,
                Preset::Strict => rule.strict,
            })
            .collect();
        let options = RuleOptions {
            review_required: preset == Preset::Strict,
            ..RuleOptions::default()
        };
        LintSettings { levels, options }
    }

    /// The level of a rule.
    pub fn level(&self, rule: &Rule) -> Level {
        RULES
            .iter()
            .position(|known| known.code == rule.code)
            .map_or(Level::Off, |index| self.levels[index])
    }

    /// Overrides the level of a rule.
    pub fn set_level(&mut self, rule: &Rule, level: Level) {
        if let Some(index) = RULES.iter().position(|known| known.code == rule.code) {
            self.levels[index] = level;
        }
    }

    /// Sets today's date (for `stale-review`).
    pub fn today(mut self, today: time::Date) -> Self {
        self.options.today = Some(today);
        self
    }
}

/// A problem in the `lint:` section of `crmflow.yaml`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SettingsError {
    /// The key the problem is at (`rules.dead-end`), to find its span.
    pub key: String,
    /// What is wrong.
    pub message: Message,
    /// What to do.
    pub help: Option<Message>,
}

/// Builds settings from the `lint:` section of `crmflow.yaml`:
///
/// ```yaml
/// lint:
///   preset: recommended        # or strict
///   rules:
///     duplicate-label: off
///     stale-review: { severity: error, max-age-days: 90, required: true }
///     excessive-handoffs: { max: 4 }
/// ```
pub fn settings_from_yaml(section: &serde_yaml::Value) -> Result<LintSettings, Vec<SettingsError>> {
    let mut errors = Vec::new();
    let error = |key: &str, message: Message, help: Option<Message>| SettingsError {
        key: key.to_owned(),
        message,
        help,
    };
    let Some(map) = section.as_mapping() else {
        if section.is_null() {
            return Ok(LintSettings::default());
        }
        return Err(vec![error(
            "lint",
            t("config-lint-must-mapping-with-preset"),
            None,
        )]);
    };
    let preset = match map.get("preset") {
        None => Preset::Recommended,
        Some(value) => match value.as_str().and_then(Preset::from_name) {
            Some(preset) => preset,
            None => {
                errors.push(error(
                    "preset",
                    t("config-unknown-preset").arg("value", describe_value(value)),
                    Some(t("config-use-recommended-or-strict")),
                ));
                Preset::Recommended
            }
        },
    };
    let mut settings = LintSettings::preset(preset);
    for (key, _) in map {
        let key = key.as_str().unwrap_or("?");
        if key != "preset" && key != "rules" {
            errors.push(error(
                key,
                t("config-unknown-key-key-lint").arg("key", key),
                Some(t("config-lint-takes-preset-and-rules")),
            ));
        }
    }
    let rules = match map.get("rules") {
        None => None,
        Some(value) if value.is_null() => None,
        Some(value) => match value.as_mapping() {
            Some(rules) => Some(rules),
            None => {
                errors.push(error("rules", t("config-rules-must-map-rule-names"), None));
                None
            }
        },
    };
    for (name, value) in rules.into_iter().flatten() {
        let name = name.as_str().unwrap_or("?");
        let Some(rule) = rule_by_name(name).or_else(|| super::rules::rule_by_code(name)) else {
            let names = RULES.iter().map(|rule| rule.name);
            errors.push(error(
                name,
                t("config-unknown-rule-name").arg("name", name),
                crate::suggest::did_you_mean(name, names)
                    .or_else(|| Some(t("config-crmflow-check-explain-lists-rules"))),
            ));
            continue;
        };
        if let Some(word) = value.as_str() {
            match parse_level(word) {
                Some(level) => settings.set_level(rule, level),
                None => errors.push(bad_level(name, value)),
            }
            continue;
        }
        let Some(options) = value.as_mapping() else {
            errors.push(bad_level(name, value));
            continue;
        };
        for (option, value) in options {
            let option = option.as_str().unwrap_or("?");
            if option == "severity" {
                match value.as_str().and_then(parse_level) {
                    Some(level) => settings.set_level(rule, level),
                    None => errors.push(bad_level(name, value)),
                }
            } else if rule.options.contains(&option) {
                if let Err(refused) = (rule.configure)(option, value, &mut settings.options) {
                    errors.push(error(option, refused.message, refused.help));
                }
            } else {
                let takes: Vec<&str> = std::iter::once("severity")
                    .chain(rule.options.iter().copied())
                    .collect();
                let help = if takes.len() == 1 {
                    t("config-takes-only-severity")
                } else {
                    t("config-takes").arg(
                        "and",
                        crate::suggest::joined_with_and(
                            &takes
                                .iter()
                                .map(|word| format!("`{word}`"))
                                .collect::<Vec<_>>(),
                        ),
                    )
                };
                errors.push(error(
                    option,
                    t("config-rule-has-no-option-option")
                        .arg("option", option)
                        .arg("name", rule.name),
                    Some(help),
                ));
            }
        }
    }
    if errors.is_empty() {
        Ok(settings)
    } else {
        Err(errors)
    }
}

use super::rules::rule_by_name;

fn bad_level(key: &str, value: &serde_yaml::Value) -> SettingsError {
    SettingsError {
        key: key.to_owned(),
        message: t("config-unknown-level").arg("value", describe_value(value)),
        help: Some(t("config-use-error-warning-info-or")),
    }
}

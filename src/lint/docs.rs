//! What the rules say about themselves: the text `check --explain` prints
//! (and an editor shows on hover), and the table of `--list-rules`, in
//! the [current language](crate::i18n::current). English docs live with
//! their rules; the Chinese ones are Markdown files in `docs/zh/` with the
//! same examples; each rule's one-line summary is in the catalogs.

use super::rule::Rule;
use super::rules::{RULES, rule_by_code, rule_by_name};
use crate::i18n::{Lang, t};

/// The Chinese documentation of each rule, by name.
const ZH_DOCS: &[(&str, &str)] = &[
    ("dead-end", include_str!("docs/zh/dead-end.md")),
    ("missing-phase", include_str!("docs/zh/missing-phase.md")),
    ("missing-title", include_str!("docs/zh/missing-title.md")),
    ("unused-phase", include_str!("docs/zh/unused-phase.md")),
    ("backward-phase", include_str!("docs/zh/backward-phase.md")),
    ("phase-order", include_str!("docs/zh/phase-order.md")),
    (
        "single-lane-phase",
        include_str!("docs/zh/single-lane-phase.md"),
    ),
    (
        "decision-branches",
        include_str!("docs/zh/decision-branches.md"),
    ),
    (
        "disconnected-store",
        include_str!("docs/zh/disconnected-store.md"),
    ),
    (
        "duplicate-branch-label",
        include_str!("docs/zh/duplicate-branch-label.md"),
    ),
    ("duplicate-edge", include_str!("docs/zh/duplicate-edge.md")),
    (
        "duplicate-label",
        include_str!("docs/zh/duplicate-label.md"),
    ),
    (
        "edge-into-start",
        include_str!("docs/zh/edge-into-start.md"),
    ),
    (
        "edge-out-of-end",
        include_str!("docs/zh/edge-out-of-end.md"),
    ),
    ("endless-loop", include_str!("docs/zh/endless-loop.md")),
    (
        "excessive-handoffs",
        include_str!("docs/zh/excessive-handoffs.md"),
    ),
    (
        "ignore-directive",
        include_str!("docs/zh/ignore-directive.md"),
    ),
    ("isolated-node", include_str!("docs/zh/isolated-node.md")),
    (
        "loop-without-decision",
        include_str!("docs/zh/loop-without-decision.md"),
    ),
    ("missing-end", include_str!("docs/zh/missing-end.md")),
    ("missing-goal", include_str!("docs/zh/missing-goal.md")),
    ("missing-role", include_str!("docs/zh/missing-role.md")),
    ("missing-start", include_str!("docs/zh/missing-start.md")),
    ("self-loop", include_str!("docs/zh/self-loop.md")),
    ("stale-review", include_str!("docs/zh/stale-review.md")),
    ("sub-target", include_str!("docs/zh/sub-target.md")),
    (
        "superfluous-decision",
        include_str!("docs/zh/superfluous-decision.md"),
    ),
    (
        "unlabeled-branch",
        include_str!("docs/zh/unlabeled-branch.md"),
    ),
    ("unreachable", include_str!("docs/zh/unreachable.md")),
    ("unused-lane", include_str!("docs/zh/unused-lane.md")),
    ("unused-module", include_str!("docs/zh/unused-module.md")),
];

/// A rule's documentation in `lang`.
pub fn doc(rule: &Rule, lang: Lang) -> &'static str {
    match lang {
        Lang::En => rule.doc,
        Lang::Zh => ZH_DOCS
            .iter()
            .find(|(name, _)| *name == rule.name)
            .map_or(rule.doc, |(_, doc)| doc),
    }
}

/// What a rule finds, in one line, in `lang`.
pub fn summary(rule: &Rule, lang: Lang) -> String {
    crate::i18n::text_of(lang, &format!("rule-summary-{}", rule.name))
        .unwrap_or_else(|| rule.summary.to_owned())
}

/// A rule's documentation and its levels, by name or code; else why not,
/// with the nearest rule name. In the current language.
pub fn explain(name: &str) -> Result<String, String> {
    let lang = crate::i18n::current();
    match rule_by_name(name).or_else(|| rule_by_code(name)) {
        Some(rule) => Ok(format!(
            "{}\n\n{}",
            doc(rule, lang).trim_end(),
            t("explain-levels")
                .arg("recommended", rule.recommended.name())
                .arg("strict", rule.strict.name())
                .text(lang)
        )),
        None => {
            let hint = crate::suggest::did_you_mean(name, RULES.iter().map(|rule| rule.name))
                .map(|hint| format!("; {}", hint.text(lang)))
                .unwrap_or_default();
            Err(t("explain-no-rule")
                .arg("name", name)
                .arg("hint", hint)
                .text(lang))
        }
    }
}

/// Every rule: code, name, levels and what it finds, one line each under a
/// header (in the current language).
pub fn rule_table() -> String {
    let lang = crate::i18n::current();
    let width = RULES.iter().map(|rule| rule.name.len()).max().unwrap_or(0);
    let mut table = format!(
        "code  {:width$}  recommended  strict   {}\n",
        "name",
        t("rule-table-finds").text(lang)
    );
    for rule in RULES {
        table.push_str(&format!(
            "{}  {:width$}  {:11}  {:7}  {}\n",
            rule.code,
            rule.name,
            rule.recommended.name(),
            rule.strict.name(),
            summary(rule, lang)
        ));
    }
    table
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_rule_has_chinese_docs_with_its_examples_in_chinese_and_a_summary() {
        let blocks = |doc: &str| -> Vec<String> {
            doc.split("```")
                .skip(1)
                .step_by(2)
                .map(str::to_owned)
                .collect()
        };
        for rule in RULES {
            let zh = doc(rule, Lang::Zh);
            assert_ne!(zh, rule.doc, "{} has no Chinese doc", rule.name);
            assert!(
                zh.starts_with(&format!("# {}（{}）", rule.name, rule.code)),
                "{zh}"
            );
            assert!(!blocks(rule.doc).is_empty(), "{}", rule.name);
            // The same examples, their texts in Chinese: the same lines
            // once every quoted text is blanked.
            let unquoted = |doc: &str| -> Vec<String> {
                blocks(doc)
                    .iter()
                    .map(|block| {
                        block
                            .split('"')
                            .enumerate()
                            .filter(|(index, _)| index % 2 == 0)
                            .map(|(_, part)| part)
                            .collect::<Vec<_>>()
                            .join("\"\"")
                    })
                    .collect()
            };
            assert_eq!(
                unquoted(zh),
                unquoted(rule.doc),
                "{}: the examples differ",
                rule.name
            );
            // The English summary in the catalog is the rule's own.
            assert_eq!(summary(rule, Lang::En), rule.summary, "{}", rule.name);
            let zh_summary = summary(rule, Lang::Zh);
            assert!(
                zh_summary != rule.summary && !zh_summary.is_empty(),
                "{}",
                rule.name
            );
        }
        assert_eq!(
            ZH_DOCS.len(),
            RULES.len(),
            "a Chinese doc for a rule that does not exist"
        );
    }

    #[test]
    fn a_rule_is_explained_by_name_or_code_and_a_slip_gets_the_nearest_name() {
        let by_name = explain("dead-end").unwrap();
        assert_eq!(explain("L001").unwrap(), by_name);
        assert!(by_name.ends_with("(strict)."), "{by_name}");
        let slip = explain("dead-ends").unwrap_err();
        assert!(slip.contains("dead-end"), "{slip}");
        let table = rule_table();
        assert_eq!(table.lines().count(), RULES.len() + 1);
        assert!(
            table
                .lines()
                .any(|line| line.starts_with("L001  dead-end "))
        );
    }
}

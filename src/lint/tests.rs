//! Every rule's doc examples: the incorrect one triggers the rule, the
//! correct one does not (so the docs that `--explain` prints stay true).

use super::*;
use crate::source::SourceFile;
use crate::world::Disk;

/// The fenced `crmflow` block under a `## heading`.
fn example(doc: &str, heading: &str) -> String {
    let section = doc
        .split("\n## ")
        .find(|section| section.starts_with(heading))
        .unwrap_or_else(|| panic!("no `## {heading}` section"));
    let start = section.find("```crmflow\n").expect("a crmflow block") + "```crmflow\n".len();
    let end = section[start..].find("```").expect("closed block");
    section[start..start + end].to_owned()
}

fn codes(text: &str) -> Vec<&'static str> {
    let source = SourceFile::new("example.crmflow", text);
    let flow = crate::check(&source)
        .unwrap_or_else(|diags| panic!("example does not compile: {diags:?}\n{text}"));
    let today = time::Date::from_calendar_date(2026, time::Month::November, 24).unwrap();
    let settings = LintSettings::preset(Preset::Strict).today(today);
    lint(&source, &flow, &settings, None, &Disk)
        .findings
        .iter()
        .map(|finding| finding.code)
        .collect()
}

#[test]
fn every_rule_has_examples_that_prove_it() {
    for rule in RULES {
        assert!(
            rule.doc
                .starts_with(&format!("# {} ({})", rule.name, rule.code)),
            "{}",
            rule.name
        );
        let zh = super::docs::doc(rule, crate::i18n::Lang::Zh);
        for (doc, wrong, right) in [
            (rule.doc, "Incorrect", "Correct"),
            (zh, "错误示例", "正确示例"),
        ] {
            let incorrect = codes(&example(doc, wrong));
            assert!(
                incorrect.contains(&rule.code),
                "{}: the incorrect example gives {incorrect:?}",
                rule.name
            );
            let correct = codes(&example(doc, right));
            assert!(
                !correct.contains(&rule.code),
                "{}: the correct example gives {correct:?}",
                rule.name
            );
        }
    }
}

#[test]
fn codes_and_names_are_unique_and_well_formed() {
    let mut seen = std::collections::HashSet::new();
    for rule in RULES {
        assert!(
            seen.insert(rule.code) && seen.insert(rule.name),
            "{}",
            rule.name
        );
        assert!(
            rule.code.len() == 4 && rule.code.starts_with('L'),
            "{}",
            rule.code
        );
        assert!(
            rule.name
                .chars()
                .all(|c| c.is_ascii_lowercase() || c == '-'),
            "{}",
            rule.name
        );
        assert!(
            rule.strict >= rule.recommended,
            "{}: strict is stricter",
            rule.name
        );
    }
}

#[test]
fn a_long_chain_is_analysed_without_recursion() {
    let mut text = String::from("start s0\n");
    for i in 1..19_000 {
        text.push_str(&format!("step s{i}\n"));
    }
    text.push_str("end e\n");
    for i in 1..19_000 {
        text.push_str(&format!("s{} -> s{i}\n", i - 1));
    }
    text.push_str("s18999 -> e\ne -> s0\n");
    let found = codes(&text);
    assert!(
        found.contains(&"L011") && found.contains(&"L010"),
        "{found:?}"
    );
}

use super::*;
use fluent_syntax::ast;
use std::collections::{BTreeMap, BTreeSet};

/// Every message of one catalog file: id → the variables it uses.
fn entries(source: &str, file: &str) -> BTreeMap<String, BTreeSet<String>> {
    let resource = fluent_syntax::parser::parse(source)
        .unwrap_or_else(|(_, errors)| panic!("{file} does not parse: {errors:?}"));
    let mut found = BTreeMap::new();
    for entry in resource.body {
        match entry {
            ast::Entry::Message(message) => {
                let mut variables = BTreeSet::new();
                if let Some(pattern) = &message.value {
                    pattern_variables(pattern, &mut variables);
                }
                let id = message.id.name.to_owned();
                assert!(
                    found.insert(id.clone(), variables).is_none(),
                    "{file}: `{id}` twice"
                );
            }
            ast::Entry::Junk { content } => panic!("{file}: cannot read {content:?}"),
            _ => {}
        }
    }
    found
}

fn pattern_variables(pattern: &ast::Pattern<&str>, out: &mut BTreeSet<String>) {
    for element in &pattern.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            expression_variables(expression, out);
        }
    }
}

fn expression_variables(expression: &ast::Expression<&str>, out: &mut BTreeSet<String>) {
    match expression {
        ast::Expression::Select { selector, variants } => {
            inline_variables(selector, out);
            for variant in variants {
                pattern_variables(&variant.value, out);
            }
        }
        ast::Expression::Inline(inline) => inline_variables(inline, out),
    }
}

fn inline_variables(inline: &ast::InlineExpression<&str>, out: &mut BTreeSet<String>) {
    match inline {
        ast::InlineExpression::VariableReference { id } => {
            out.insert(id.name.to_owned());
        }
        ast::InlineExpression::Placeable { expression } => expression_variables(expression, out),
        _ => {}
    }
}

fn catalog(lang: Lang) -> BTreeMap<String, (String, BTreeSet<String>)> {
    let (_, files) = CATALOGS
        .iter()
        .find(|(l, _)| *l == lang)
        .expect("a catalog");
    let mut all = BTreeMap::new();
    for (file, source) in files.iter() {
        for (id, variables) in entries(source, file) {
            assert!(
                all.insert(id.clone(), (file.to_string(), variables))
                    .is_none(),
                "{}: `{id}` is in two files",
                lang.code()
            );
        }
    }
    all
}

#[test]
fn every_message_exists_in_every_language_with_the_same_arguments() {
    let english = catalog(Lang::En);
    assert!(english.len() > 200, "{}", english.len());
    for lang in [Lang::Zh] {
        let other = catalog(lang);
        let missing: Vec<&String> = english
            .keys()
            .filter(|id| !other.contains_key(*id))
            .collect();
        assert!(
            missing.is_empty(),
            "no {} translation of {missing:?}",
            lang.code()
        );
        let extra: Vec<&String> = other
            .keys()
            .filter(|id| !english.contains_key(*id))
            .collect();
        assert!(
            extra.is_empty(),
            "{} has messages English lacks: {extra:?}",
            lang.code()
        );
        for (id, (file, variables)) in &english {
            let (other_file, other_variables) = &other[id];
            assert_eq!(
                file,
                other_file,
                "`{id}` is in another file in {}",
                lang.code()
            );
            assert_eq!(
                variables,
                other_variables,
                "`{id}` uses other arguments in {}",
                lang.code()
            );
        }
    }
}

/// The ids the code asks for: `t("…")` and `text(lang, "…")` in the Rust
/// sources, `tr("…")` and `data-t="…"` in the page.
fn ids_in_code() -> BTreeSet<(String, String)> {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut found = BTreeSet::new();
    let patterns = [
        r#"t(""#,
        r#"text(lang, ""#,
        r#"tr(""#,
        r#"data-t=""#,
        r#"data-t-title=""#,
    ];
    for entry in walkdir::WalkDir::new(&root) {
        let entry = entry.unwrap();
        let path = entry.path();
        if !matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("rs" | "js" | "html")
        ) || path.ends_with("i18n/tests.rs")
        {
            continue;
        }
        let text = std::fs::read_to_string(path).unwrap();
        for pattern in patterns {
            for (at, _) in text.match_indices(pattern) {
                // `t(` must be the function, not the end of a longer name.
                let before = text[..at].chars().next_back();
                if pattern.starts_with('t')
                    && before.is_some_and(|c| c.is_alphanumeric() || c == '_')
                {
                    continue;
                }
                let rest = &text[at + pattern.len()..];
                let id: String = rest
                    .chars()
                    .take_while(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-')
                    .collect();
                if !id.is_empty() && rest[id.len()..].starts_with('"') {
                    found.insert((path.display().to_string(), id));
                }
            }
        }
    }
    found
}

#[test]
fn every_message_the_code_asks_for_is_in_the_catalogs() {
    let english = catalog(Lang::En);
    let asked = ids_in_code();
    assert!(asked.len() > 150, "{}", asked.len());
    let missing: Vec<_> = asked
        .iter()
        .filter(|(_, id)| !english.contains_key(id))
        .collect();
    assert!(missing.is_empty(), "not in the catalogs: {missing:?}");
}

#[test]
fn messages_format_in_both_languages_with_plurals_lists_and_nested_messages() {
    let message = t("report-more-findings")
        .arg("count", 1usize)
        .arg("code", "L001 dead-end")
        .arg("file", "a.crmflow");
    assert_eq!(
        message.text(Lang::En),
        "… and 1 more `L001 dead-end` finding in a.crmflow not shown (`--format json` lists them all)"
    );
    assert!(
        message.text(Lang::Zh).contains("L001 dead-end"),
        "{}",
        message.text(Lang::Zh)
    );
    let three = message.clone().arg("count", 3usize);
    assert!(
        three
            .text(Lang::En)
            .contains("3 more `L001 dead-end` findings")
    );
    // Lists join by language; a nested message follows the language too.
    let list = t("verbatim").arg("text", Arg::Or(texts(["`a`", "`b`", "`c`"])));
    assert_eq!(list.text(Lang::En), "`a`, `b` or `c`");
    assert_eq!(list.text(Lang::Zh), "`a`、`b` 或 `c`");
    let nested = t("verbatim").arg("text", t("did-you-mean").arg("found", "sales"));
    assert_eq!(nested.text(Lang::En), "did you mean `sales`?");
    assert!(
        nested.text(Lang::Zh).contains("sales") && nested.text(Lang::Zh) != nested.text(Lang::En)
    );
    // No catalog has it: the id, never a panic.
    assert_eq!(t("no-such-message").text(Lang::Zh), "no-such-message");
    // Machine formats carry English.
    assert_eq!(
        serde_json::to_string(&t("did-you-mean").arg("found", "x")).unwrap(),
        "\"did you mean `x`?\""
    );
}

#[test]
fn languages_from_tags_and_accept_language() {
    assert_eq!(Lang::from_tag("zh_CN.UTF-8"), Some(Lang::Zh));
    assert_eq!(Lang::from_tag("zh-Hant-TW"), Some(Lang::Zh));
    assert_eq!(Lang::from_tag("en-GB"), Some(Lang::En));
    assert_eq!(Lang::from_tag("C"), Some(Lang::En));
    assert_eq!(Lang::from_tag("fr-FR"), None);
    assert_eq!(
        Lang::from_accept_language("fr-FR,zh-CN;q=0.9,en;q=0.8"),
        Some(Lang::Zh)
    );
    assert_eq!(
        Lang::from_accept_language("en;q=0.5, zh;q=0.7"),
        Some(Lang::Zh)
    );
    assert_eq!(Lang::from_accept_language("de, fr"), None);
    assert_eq!(Lang::from_accept_language("zh;q=0, en"), Some(Lang::En));
}

#[test]
fn page_messages_keep_their_placeholders_for_the_page() {
    let zh: BTreeMap<String, String> = page_messages(Lang::Zh).into_iter().collect();
    let en: BTreeMap<String, String> = page_messages(Lang::En).into_iter().collect();
    assert_eq!(zh.keys().collect::<Vec<_>>(), en.keys().collect::<Vec<_>>());
    assert!(
        en["page-journey"].contains("{ $number }"),
        "{}",
        en["page-journey"]
    );
}

#[test]
fn each_message_is_looked_for_first_in_its_own_file() {
    // A wrong guess still finds the message (in another file), so this
    // holds the guesses to the catalogs: a message whose first word points
    // elsewhere makes every run that prints it parse two files.
    let mut misses = Vec::new();
    for (_, files) in CATALOGS.iter() {
        for (name, source) in files.iter() {
            let resource = fluent_syntax::parser::parse(*source).unwrap();
            for entry in resource.body {
                if let ast::Entry::Message(message) = entry
                    && super::likely_file(message.id.name) != *name
                {
                    misses.push(format!("{name}: {}", message.id.name));
                }
            }
        }
    }
    // `watch-…` is in both the diagnostics and the command line's file.
    misses.retain(|miss| !miss.starts_with("cli.ftl: watch-"));
    assert!(misses.is_empty(), "{misses:#?}");
    assert_eq!(text(Lang::Zh, "doc-data-flow"), "数据流");
    assert_eq!(
        text(Lang::En, "doc-goal"),
        "Goal: ",
        "significant space kept"
    );
}

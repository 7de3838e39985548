//! What the rules say about themselves: the text `check --explain` prints
//! (and an editor shows on hover), and the table of `--list-rules`.

use super::rules::{RULES, rule_by_code, rule_by_name};

/// A rule's documentation and its levels, by name or code; else why not,
/// with the nearest rule name.
pub fn explain(name: &str) -> Result<String, String> {
    match rule_by_name(name).or_else(|| rule_by_code(name)) {
        Some(rule) => Ok(format!(
            "{}\n\nLevel: {} (recommended), {} (strict).",
            rule.doc.trim_end(),
            rule.recommended.name(),
            rule.strict.name()
        )),
        None => {
            let hint = crate::suggest::did_you_mean(name, RULES.iter().map(|rule| rule.name))
                .map(|hint| format!("; {}", hint.local()))
                .unwrap_or_default();
            Err(format!(
                "no lint rule `{name}`{hint}; `crmflow check --list-rules` lists them"
            ))
        }
    }
}

/// Every rule: code, name, levels and what it finds, one line each under a
/// header.
pub fn rule_table() -> String {
    let width = RULES.iter().map(|rule| rule.name.len()).max().unwrap_or(0);
    let mut table = format!(
        "code  {:width$}  recommended  strict   what it finds\n",
        "name"
    );
    for rule in RULES {
        table.push_str(&format!(
            "{}  {:width$}  {:11}  {:7}  {}\n",
            rule.code,
            rule.name,
            rule.recommended.name(),
            rule.strict.name(),
            rule.summary
        ));
    }
    table
}

#[cfg(test)]
mod tests {
    use super::*;

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

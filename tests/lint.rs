//! The linter: every rule against its fixtures (exact code and span), the
//! report formats (human snapshot, JSON, SARIF, GitHub), configuration,
//! suppression, exit codes, and lint inside `render`.

use crate::util::{TODAY, assert_golden, crmflow_files, root, run};
use crmflow::SourceFile;
use crmflow::lint::{LintSettings, Preset, RULES, lint};
use crmflow::world::Disk;
use std::collections::BTreeSet;
use std::path::Path;

fn today() -> time::Date {
    time::Date::from_calendar_date(2026, time::Month::November, 24).unwrap()
}

/// (line, column, length, rule name) of every finding in a fixture under
/// the strict preset.
fn findings(path: &Path, settings: &LintSettings) -> BTreeSet<(usize, usize, usize, String)> {
    let text = std::fs::read_to_string(path).unwrap();
    let source = SourceFile::new(path.display().to_string(), text);
    let flow = crmflow::check(&source)
        .unwrap_or_else(|diags| panic!("{} does not compile: {diags:?}", path.display()));
    let linted = lint(&source, &flow, settings, Some(path), &Disk);
    linted
        .findings
        .iter()
        .map(|finding| {
            let start = source.line_col(finding.span.start);
            let end = source.line_col(finding.span.end);
            let line_end = source
                .slice(source.line_span(finding.span.start))
                .chars()
                .count()
                + 1;
            let end_column = if end.line == start.line {
                end.column
            } else {
                line_end
            };
            let rule = crmflow::lint::rule_by_code(finding.code)
                .unwrap()
                .name
                .to_owned();
            (
                start.line,
                start.column,
                (end_column - start.column).max(1),
                rule,
            )
        })
        .collect()
}

/// The `# ^^^ rule` annotations of a fixture: carets under the span on the
/// nearest line above that is not an annotation.
fn annotations(path: &Path) -> BTreeSet<(usize, usize, usize, String)> {
    let text = std::fs::read_to_string(path).unwrap();
    let mut expected = BTreeSet::new();
    let mut target = 0;
    for (index, line) in text.lines().enumerate() {
        let is_annotation = line.starts_with('#') && line[1..].trim_start().starts_with('^');
        if !is_annotation {
            target = index + 1;
            continue;
        }
        let chars: Vec<char> = line.chars().collect();
        let first = chars.iter().position(|&c| c == '^').unwrap();
        let count = chars[first..].iter().take_while(|&&c| c == '^').count();
        let rule = chars[first + count..]
            .iter()
            .collect::<String>()
            .trim()
            .to_owned();
        expected.insert((target, first + 1, count, rule));
    }
    expected
}

#[test]
fn every_rule_has_fixtures_whose_findings_match_their_annotations() {
    let strict = LintSettings::preset(Preset::Strict).today(today());
    for rule in RULES {
        let dir = root().join("tests/fixtures/lint").join(rule.name);
        let invalid = dir.join("invalid.crmflow");
        let expected = annotations(&invalid);
        assert!(
            expected.iter().any(|(_, _, _, name)| name == rule.name),
            "{} has no annotated finding of its own rule",
            invalid.display()
        );
        assert_eq!(
            findings(&invalid, &strict),
            expected,
            "{}",
            invalid.display()
        );
        let valid = dir.join("valid.crmflow");
        assert_eq!(
            findings(&valid, &strict),
            BTreeSet::new(),
            "{}",
            valid.display()
        );
    }
}

#[test]
fn examples_lint_clean_under_the_recommended_preset() {
    let settings = LintSettings::default().today(today());
    for path in crmflow_files(&root().join("examples")) {
        assert_eq!(
            findings(&path, &settings),
            BTreeSet::new(),
            "{}",
            path.display()
        );
    }
}

#[test]
fn human_report_snapshot() {
    let dir = root().join("tests/fixtures/lint/ignore-directive");
    let out = run(&dir, &["check", "invalid.crmflow"], b"");
    assert_eq!(out.status.code(), Some(1));
    assert_golden(
        &root().join("tests/golden/lint-report.txt"),
        &String::from_utf8(out.stderr).unwrap(),
    );
}

#[test]
fn json_report_names_rules_and_counts() {
    let dir = root().join("tests/fixtures/lint/sub-target");
    let out = run(&dir, &["check", "--format", "json", "invalid.crmflow"], b"");
    assert_eq!(out.status.code(), Some(1));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let first = &json["diagnostics"][0];
    assert_eq!(first["code"], "L024");
    assert_eq!(first["rule"], "sub-target");
    assert_eq!(first["span"]["line"], 4);
    assert_eq!(first["span"]["column"], 28);
    assert!(
        first["message"]
            .as_str()
            .unwrap()
            .contains("missing.crmflow")
    );
    let cycle = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["message"].as_str().unwrap().contains("leads back here"))
        .expect("the include cycle is reported");
    assert!(
        cycle["message"]
            .as_str()
            .unwrap()
            .contains("invalid.crmflow → calls-back.crmflow → invalid.crmflow"),
        "{cycle}"
    );
    assert_eq!(json["summary"]["errors"], 3);
}

#[test]
fn sarif_has_the_fields_code_scanning_requires() {
    let dir = root().join("tests/fixtures/lint/dead-end");
    let out = run(
        &dir,
        &["check", "--format", "sarif", "invalid.crmflow"],
        b"",
    );
    assert_eq!(out.status.code(), Some(1));
    let sarif: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(sarif["version"], "2.1.0");
    assert!(sarif["$schema"].as_str().unwrap().contains("sarif-2.1.0"));
    let run = &sarif["runs"][0];
    let driver = &run["tool"]["driver"];
    assert_eq!(driver["name"], "crmflow");
    let rules = driver["rules"].as_array().unwrap();
    assert_eq!(rules.len(), RULES.len());
    for rule in rules {
        assert!(rule["id"].is_string() && rule["shortDescription"]["text"].is_string());
        let level = rule["defaultConfiguration"]["level"].as_str().unwrap();
        assert!(["none", "note", "warning", "error"].contains(&level));
    }
    let results = run["results"].as_array().unwrap();
    assert_eq!(results.len(), 1);
    let result = &results[0];
    assert_eq!(result["ruleId"], "L001");
    assert_eq!(
        rules[result["ruleIndex"].as_u64().unwrap() as usize]["id"],
        "L001"
    );
    assert_eq!(result["level"], "error");
    assert!(result["message"]["text"].as_str().unwrap().contains("`b`"));
    let location = &result["locations"][0]["physicalLocation"];
    assert_eq!(location["artifactLocation"]["uri"], "invalid.crmflow");
    assert_eq!(location["region"]["startLine"], 5);
    assert_eq!(location["region"]["startColumn"], 9);
    assert_eq!(location["region"]["endColumn"], 10);
}

#[test]
fn github_format_prints_workflow_annotations() {
    let dir = root().join("tests/fixtures/lint/unlabeled-branch");
    let out = run(
        &dir,
        &["check", "--format", "github", "invalid.crmflow"],
        b"",
    );
    assert_eq!(out.status.code(), Some(0), "a warning does not fail");
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(
        stdout.starts_with(
            "::warning file=invalid.crmflow,line=8,col=3,endLine=8,endColumn=9,title=L006 unlabeled-branch::this branch"
        ),
        "{stdout}"
    );
    assert!(
        stdout.contains("%0Ahelp: "),
        "newlines are escaped: {stdout}"
    );
}

#[test]
fn exit_codes_max_warnings_and_summary() {
    let dir = tempfile::tempdir().unwrap();
    let clean = "flow \"x\" { goal \"g\" }\nstart s\nend e\ns -> e\n";
    let warns = "flow \"x\" { goal \"g\" }\nstart s\nstep a\nend e\ns -> a -> e\na -> a\n";
    std::fs::write(dir.path().join("clean.crmflow"), clean).unwrap();
    std::fs::write(dir.path().join("warns.crmflow"), warns).unwrap();
    let ok = run(dir.path(), &["check", "clean.crmflow"], b"");
    assert_eq!(ok.status.code(), Some(0));
    let both = run(dir.path(), &["check", "."], b"");
    assert_eq!(both.status.code(), Some(0), "warnings alone pass");
    let stderr = String::from_utf8(both.stderr).unwrap();
    assert!(
        stderr.contains("2 files checked: 0 errors, 1 warning in 1 file"),
        "{stderr}"
    );
    let strict = run(dir.path(), &["check", ".", "--max-warnings", "0"], b"");
    assert_eq!(strict.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&strict.stderr)
            .contains("error: 1 warning, more than --max-warnings 0"),
        "one warning is not \"1 warnings\""
    );
    let glob = run(dir.path(), &["check", "*.crmflow", "--format", "json"], b"");
    let json: serde_json::Value = serde_json::from_slice(&glob.stdout).unwrap();
    assert_eq!(json["summary"]["files"], 2);
    let broken = run(
        dir.path(),
        &["check", "clean.crmflow", "-"],
        b"step a \"x\n",
    );
    assert_eq!(
        broken.status.code(),
        Some(2),
        "compile errors beat findings"
    );
    let nothing = run(dir.path(), &["check", "nope/*.crmflow"], b"");
    assert_eq!(nothing.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&nothing.stderr).contains("no files match"));
}

#[test]
fn config_is_found_above_the_file_and_errors_point_into_it() {
    let dir = tempfile::tempdir().unwrap();
    let nested = dir.path().join("docs/flows");
    std::fs::create_dir_all(&nested).unwrap();
    let flow = "flow \"x\" { goal \"g\" }\nstart s\nstep a\nend e\ns -> a -> e\na -> a\n";
    std::fs::write(nested.join("f.crmflow"), flow).unwrap();
    std::fs::write(
        dir.path().join("crmflow.yaml"),
        "lint:\n  rules:\n    self-loop: error\n",
    )
    .unwrap();
    let out = run(dir.path(), &["check", "docs/flows/f.crmflow"], b"");
    assert_eq!(
        out.status.code(),
        Some(1),
        "self-loop raised to error by the config"
    );
    std::fs::write(
        dir.path().join("crmflow.yaml"),
        "lint:\n  rules:\n    self-loop: off\n",
    )
    .unwrap();
    let out = run(dir.path(), &["check", "docs/flows/f.crmflow"], b"");
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stderr).contains("no problems"));
    std::fs::write(
        dir.path().join("crmflow.yaml"),
        "lint:\n  rules:\n    self-lop: off\n    stale-review: { max-age-days: soon }\n",
    )
    .unwrap();
    let out = run(dir.path(), &["check", "docs/flows/f.crmflow"], b"");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(
        stderr.contains("E200") && stderr.contains("unknown rule `self-lop`"),
        "{stderr}"
    );
    assert!(stderr.contains("did you mean `self-loop`?"), "{stderr}");
    assert!(stderr.contains("crmflow.yaml:3:5"), "{stderr}");
    assert!(
        stderr.contains("`max-age-days` must be a whole number"),
        "{stderr}"
    );
    let explicit = dir.path().join("strict.yaml");
    std::fs::write(&explicit, "lint:\n  preset: strict\n").unwrap();
    let out = run(
        dir.path(),
        &["check", "docs/flows/f.crmflow", "--config", "strict.yaml"],
        b"",
    );
    assert_eq!(out.status.code(), Some(1), "strict: warnings are errors");
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("no `reviewed` date"), "{stderr}");
}

#[test]
fn explain_prints_the_rule_doc() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(dir.path(), &["check", "--explain", "L001"], b"");
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(stdout.starts_with("# dead-end (L001)") && stdout.contains("## Correct"));
    let out = run(dir.path(), &["check", "--explain", "dead-ends"], b"");
    assert_eq!(out.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&out.stderr).contains("did you mean `dead-end`?"));
}

#[test]
fn stale_review_uses_today() {
    let dir = root().join("tests/fixtures/lint/stale-review");
    let out = run(&dir, &["check", "--format", "json", "invalid.crmflow"], b"");
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let message = json["diagnostics"][0]["message"].as_str().unwrap();
    assert!(message.contains("313 days ago"), "{message}");
    let help = json["diagnostics"][0]["help"].as_str().unwrap();
    assert!(help.contains(&format!("reviewed {TODAY}")), "{help}");
}

#[test]
fn render_lints_and_still_writes_the_drawing() {
    let dir = tempfile::tempdir().unwrap();
    let warns = "flow \"x\" { goal \"g\" }\nstart s\nstep a\nend e\ns -> a -> e\na -> a\n";
    let errors = "flow \"x\" { goal \"g\" }\nstart s\nstep a\nend e\ns -> a\n";
    std::fs::write(dir.path().join("warns.crmflow"), warns).unwrap();
    std::fs::write(dir.path().join("errors.crmflow"), errors).unwrap();
    let out = run(dir.path(), &["render", "warns.crmflow"], b"");
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stderr).contains("L019 self-loop"));
    let out = run(
        dir.path(),
        &["render", "warns.crmflow", "--deny-warnings"],
        b"",
    );
    assert_eq!(out.status.code(), Some(1));
    let out = run(dir.path(), &["render", "errors.crmflow"], b"");
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("L001 dead-end"));
    assert!(
        dir.path().join("errors.svg").exists(),
        "the drawing is written anyway"
    );
    let out = run(
        dir.path(),
        &["render", "errors.crmflow", "--no-lint", "-o", "n.svg"],
        b"",
    );
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "wrote n.svg\n");
}

#[test]
fn render_takes_theme_and_lane_order_from_the_config() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        root().join("examples/lead-to-contract.crmflow"),
        dir.path().join("f.crmflow"),
    )
    .unwrap();
    let default = run(dir.path(), &["render", "f.crmflow", "-o", "-"], b"");
    std::fs::write(dir.path().join("crmflow.yaml"), "render:\n  theme: dark\n").unwrap();
    let dark = run(dir.path(), &["render", "f.crmflow", "-o", "-"], b"");
    assert_eq!(dark.status.code(), Some(0));
    assert_ne!(default.stdout, dark.stdout);
    let flag = run(
        dir.path(),
        &["render", "f.crmflow", "-o", "-", "--theme", "default"],
        b"",
    );
    assert_eq!(flag.stdout, default.stdout, "the flag wins over the file");
    let dark_flag = run(
        dir.path(),
        &["render", "-", "-o", "-", "--theme", "dark"],
        &std::fs::read(dir.path().join("f.crmflow")).unwrap(),
    );
    assert_eq!(dark_flag.stdout, dark.stdout);
}

#[test]
fn the_rule_table_in_the_docs_lists_every_rule() {
    let doc = std::fs::read_to_string(root().join("docs/lint.md")).unwrap();
    for rule in RULES {
        let row = format!(
            "| {} | `{}` | {} | {} |",
            rule.code,
            rule.name,
            rule.recommended.name(),
            rule.strict.name()
        );
        assert!(doc.contains(&row), "docs/lint.md lacks or misstates: {row}");
    }
}

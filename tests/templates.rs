//! The template library as users get it: every bundled template (the list
//! in the binary, both languages) compiles, lints clean and renders; the
//! gallery in docs/gallery is up to date; `crmflow new` scaffolds safely.

use crate::util::{TODAY, root, run};
use crmflow::lint::{LintSettings, lint};
use crmflow::render::{Fonts, pdf, png};
use crmflow::templates::{CONFIG_ZH, Lang, TEMPLATES, minimal, scaffold};
use crmflow::world::Disk;
use crmflow::{Options, SourceFile, compile};

fn today() -> time::Date {
    time::Date::from_calendar_date(2026, time::Month::November, 24).unwrap()
}

fn lint_clean(name: &str, text: &str) -> crmflow::Compiled {
    let source = SourceFile::new(name, text);
    let compiled = compile(&source, &Options::default())
        .unwrap_or_else(|diags| panic!("{name} does not compile: {diags:?}"));
    let settings = LintSettings::default().today(today());
    let linted = lint(&source, &compiled.flow, &settings, None, &Disk);
    assert!(linted.findings.is_empty(), "{name}: {:#?}", linted.findings);
    assert_eq!(
        linted.suppressed, 0,
        "{name}: templates need no suppressions"
    );
    compiled
}

#[test]
fn every_bundled_template_compiles_lints_clean_and_renders() {
    assert_eq!(TEMPLATES.len(), 8);
    for template in TEMPLATES {
        for lang in Lang::ALL {
            let name = format!("{}.{}", template.name, lang.code());
            let text = template.text(lang);
            let on_disk =
                std::fs::read_to_string(root().join("templates").join(format!("{name}.crmflow")));
            assert_eq!(
                on_disk.as_deref().ok(),
                Some(text),
                "{name}: the binary bundles templates/{name}.crmflow"
            );
            let compiled = lint_clean(&name, text);
            assert!(compiled.flow.header.goal.is_some() && compiled.flow.header.reviewed.is_some());
            crate::util::assert_valid_svg(&compiled.svg);
            assert!(
                png(&compiled.svg, Fonts::bundled(), 1.0)
                    .unwrap()
                    .starts_with(b"\x89PNG")
            );
            assert!(
                pdf(&compiled.svg, Fonts::bundled())
                    .unwrap()
                    .starts_with(b"%PDF")
            );
            // Scaffolded copies stay clean (only `reviewed` changes).
            lint_clean(&name, &scaffold(text, today()));
        }
        let zh = template
            .zh
            .chars()
            .filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c))
            .count();
        assert!(zh > 20, "{}: the zh version is in Chinese", template.name);
    }
    for lang in Lang::ALL {
        lint_clean("minimal", &scaffold(minimal(lang), today()));
    }
}

#[test]
fn ten_step_marks_every_step_of_the_method() {
    let ten_step = crmflow::templates::find("ten-step").unwrap();
    for step in 1..=10 {
        assert!(
            ten_step.en.contains(&format!("# Step {step} — "))
                || ten_step.en.contains(&format!("Step {step} — ")),
            "en: step {step}"
        );
        assert!(
            ten_step.zh.contains(&format!("第 {step} 步")),
            "zh: step {step}"
        );
    }
}

#[test]
fn the_gallery_is_up_to_date() {
    let dir = root().join("docs/gallery");
    for template in TEMPLATES {
        for lang in Lang::ALL {
            let name = format!("{}.{}", template.name, lang.code());
            let source = SourceFile::new(format!("{name}.crmflow"), template.text(lang));
            let compiled = compile(&source, &Options::default()).unwrap();
            let stale = |what: &str| {
                format!(
                    "docs/gallery/{name}.{what} is stale or missing: run `crmflow templates gallery docs/gallery`"
                )
            };
            let svg = std::fs::read_to_string(dir.join(format!("{name}.svg")))
                .unwrap_or_else(|_| panic!("{}", stale("svg")));
            assert!(svg == compiled.svg, "{}", stale("svg"));
            let png_bytes = std::fs::read(dir.join(format!("{name}.png")))
                .unwrap_or_else(|_| panic!("{}", stale("png")));
            assert!(
                png_bytes == png(&compiled.svg, Fonts::bundled(), 1.0).unwrap(),
                "{}",
                stale("png")
            );
        }
    }
}

#[test]
fn new_scaffolds_without_overwriting() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(
        dir.path(),
        &[
            "new",
            "flow.crmflow",
            "--template",
            "complaint-handling",
            "--lang",
            "zh",
            "--with-config",
        ],
        b"",
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(dir.path().join("flow.crmflow")).unwrap();
    assert!(
        text.contains("投诉处理") && text.contains(&format!("reviewed {TODAY}")),
        "{text}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("crmflow.yaml")).unwrap(),
        CONFIG_ZH
    );
    let check = run(dir.path(), &["check", "flow.crmflow"], b"");
    assert_eq!(
        check.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
    // Never overwrite without --force; the file is untouched.
    std::fs::write(dir.path().join("flow.crmflow"), "mine").unwrap();
    let again = run(dir.path(), &["new", "flow.crmflow"], b"");
    assert_eq!(again.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&again.stderr).contains("already exists; use --force"));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("flow.crmflow")).unwrap(),
        "mine"
    );
    let forced = run(dir.path(), &["new", "flow.crmflow", "--force"], b"");
    assert_eq!(forced.status.code(), Some(0));
    assert!(
        std::fs::read_to_string(dir.path().join("flow.crmflow"))
            .unwrap()
            .starts_with("# A new crmflow file")
    );
    // Clear refusals.
    let missing_dir = run(dir.path(), &["new", "no/such/flow.crmflow"], b"");
    assert_eq!(missing_dir.status.code(), Some(3));
    assert!(
        String::from_utf8_lossy(&missing_dir.stderr)
            .contains("the folder `no/such` does not exist")
    );
    let typo = run(dir.path(), &["new", "t.crmflow", "-t", "ten-stpe"], b"");
    assert_eq!(typo.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&typo.stderr).contains("did you mean `ten-step`?"));
    assert!(!dir.path().join("t.crmflow").exists());
}

#[test]
fn templates_lists_and_shows_from_the_binary() {
    let dir = tempfile::tempdir().unwrap();
    let list = run(dir.path(), &["templates"], b"");
    let stdout = String::from_utf8(list.stdout).unwrap();
    for template in TEMPLATES {
        assert!(stdout.contains(template.name) && stdout.contains(template.summary));
    }
    let show = run(
        dir.path(),
        &["templates", "show", "crm-modules", "--lang", "zh"],
        b"",
    );
    assert_eq!(show.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(show.stdout).unwrap(),
        crmflow::templates::find("crm-modules").unwrap().zh
    );
}

#[test]
fn paths_walks_every_journey_of_the_ten_step_flow() {
    let file = root().join("templates/ten-step.en.crmflow");
    let out = run(&root(), &["paths", file.to_str().unwrap()], b"");
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8(out.stdout).unwrap();
    // A heading per journey, then one numbered step per line with the
    // branch taken and the role.
    let headings: Vec<&str> = stdout
        .lines()
        .filter(|line| !line.is_empty() && !line.starts_with(' '))
        .collect();
    assert_eq!(
        headings,
        [
            "1. First contact (web / phone / social) → Customer served (10 steps)",
            "2. First contact (web / phone / social) → … → Analyse needs again (7 steps, then a loop back)",
            "3. First contact (web / phone / social) → Not a fit (5 steps)",
        ],
        "{stdout}"
    );
    assert!(
        stdout.contains("\n    6  Needs follow-up? → needs time         Sales rep\n    7  Schedule a follow-up                  Sales rep\n     ↺  back to step 3: Analyse needs\n"),
        "{stdout}"
    );
    assert!(
        stdout.contains("\n    4  Qualified lead? → no                  Sales rep\n"),
        "{stdout}"
    );
    assert!(
        stdout.lines().all(|line| line.chars().count() <= 100),
        "{stdout}"
    );
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("2 journeys from a start to an end, 1 loop back")
    );
    // Exponentially many paths are cut at the limit, not enumerated.
    let mut text = String::from("start s\n");
    let mut previous = "s".to_owned();
    for i in 0..40 {
        text.push_str(&format!("decision d{i}\nstep a{i}\nstep b{i}\nstep j{i}\n"));
        text.push_str(&format!("{previous} -> d{i}\nd{i} -> a{i} : \"a\"\nd{i} -> b{i} : \"b\"\na{i} -> j{i}\nb{i} -> j{i}\n"));
        previous = format!("j{i}");
    }
    text.push_str(&format!("end e\n{previous} -> e\n"));
    let out = run(&root(), &["paths", "-", "--limit", "50"], text.as_bytes());
    let headings = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .filter(|line| !line.is_empty() && !line.starts_with(' '))
        .count();
    assert_eq!(headings, 50);
    assert!(String::from_utf8_lossy(&out.stderr).contains("there are more"));
}

#[test]
fn paths_stops_on_exponential_dead_ends() {
    // 40 diamonds that never reach an end: 2^40 partial paths.
    let mut text = String::from("start s\nend e\ns -> e\n");
    let mut previous = "s".to_owned();
    for i in 0..40 {
        text.push_str(&format!("step a{i}\nstep b{i}\nstep j{i}\n"));
        text.push_str(&format!(
            "{previous} -> a{i}\n{previous} -> b{i}\na{i} -> j{i}\nb{i} -> j{i}\n"
        ));
        previous = format!("j{i}");
    }
    let out = run(&root(), &["paths", "-"], text.as_bytes());
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stderr).contains("there are more"));
}

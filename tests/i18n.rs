//! Messages in Chinese and English (`--lang`, `CRMFLOW_LANG`, the system
//! locale): the words change, nothing a program reads does.

use crate::util::{run_with_env, stderr};
use std::process::Command;

/// Two lint errors, a syntax-free file with a misspelled lane and an
/// unknown node, Chinese labels.
const BAD: &str = "lane sales \"销售\"\nstart a \"客户来电\" lane sals\nstep b \"记录需求\" lane sales\nend c \"完成\" lane sales\na -> b\nb -> d\n";
/// A flow that compiles, with findings (a dead end, no goal).
const FINDINGS: &str = "lane sales \"销售\"\nstart a \"客户来电\" lane sales\nstep b \"记录需求\" lane sales\nstep x \"无人跟进\" lane sales\nend c \"完成\" lane sales\na -> b -> c\nb -> x\n";

fn dir_with(name: &str, text: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(name), text).unwrap();
    dir
}

fn stdout(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// `CODE at file:line:col` for every diagnostic of a human report: the
/// part that must not change with the language.
fn codes_and_places(report: &str) -> Vec<String> {
    let mut found = Vec::new();
    let mut code = None;
    for line in report.lines() {
        let trimmed = line.trim();
        let first = trimmed.split(' ').next().unwrap_or("");
        if first.len() == 4
            && first.starts_with(['E', 'L', 'W'])
            && first[1..].chars().all(|c| c.is_ascii_digit())
        {
            code = Some(trimmed.to_owned());
        } else if let Some(code) = code.as_ref()
            && let Some(at) = trimmed.strip_prefix("╭─[")
        {
            found.push(format!("{code} at {}", at.trim_end_matches(']')));
        }
    }
    found
}

#[test]
fn crmflow_lang_zh_check_prints_chinese() {
    let dir = dir_with("bad.crmflow", BAD);
    let out = run_with_env(
        dir.path(),
        &["check", "bad.crmflow"],
        &[("CRMFLOW_LANG", "zh")],
    );
    assert_eq!(out.status.code(), Some(2));
    let text = stderr(&out);
    assert!(text.contains("未知泳道 `sals`"), "{text}");
    assert!(text.contains("提示：你是想写 `sales` 吗？"), "{text}");
    assert!(text.contains("未知节点 `d`"), "{text}");
    assert!(text.contains("检查了 1 个文件"), "{text}");
    assert!(!text.contains("unknown lane"), "{text}");
    // `--lang` wins over the variable.
    let out = run_with_env(
        dir.path(),
        &["check", "bad.crmflow", "--lang", "en"],
        &[("CRMFLOW_LANG", "zh")],
    );
    assert!(
        stderr(&out).contains("unknown lane `sals`"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn the_same_bad_file_gives_the_same_codes_and_spans_in_both_languages() {
    for (text, exit) in [(BAD, 2), (FINDINGS, 1)] {
        let dir = dir_with("flow.crmflow", text);
        let run = |lang: &str, format: &[&str]| {
            let mut args = vec!["check", "flow.crmflow"];
            args.extend_from_slice(format);
            run_with_env(dir.path(), &args, &[("CRMFLOW_LANG", lang)])
        };
        let (en, zh) = (run("en", &[]), run("zh", &[]));
        assert_eq!(en.status.code(), Some(exit));
        assert_eq!(zh.status.code(), Some(exit));
        let places = codes_and_places(&stderr(&en));
        assert!(places.len() >= 2, "{places:?}\n{}", stderr(&en));
        assert_eq!(places, codes_and_places(&stderr(&zh)));
        assert_ne!(stderr(&en), stderr(&zh), "the words do change");
        // Machine formats: byte for byte the same, in English.
        for format in ["json", "sarif", "github"] {
            let (en, zh) = (
                run("en", &["--format", format]),
                run("zh", &["--format", format]),
            );
            if format == "github" {
                // Annotations are read by people: same places, their words.
                let head = |out: &std::process::Output| -> Vec<String> {
                    stdout(out)
                        .lines()
                        .map(|l| l.split("::").nth(1).unwrap_or("").to_owned())
                        .collect()
                };
                assert_eq!(head(&en), head(&zh), "{format}");
                continue;
            }
            assert_eq!(
                stdout(&en),
                stdout(&zh),
                "{format} differs between languages"
            );
            for phrase in ["未知", "提示", "流程在", "检查了"] {
                assert!(
                    !stdout(&zh).contains(phrase),
                    "{format} carries Chinese messages"
                );
            }
        }
    }
}

#[test]
fn the_system_locale_chooses_when_nothing_else_does() {
    let dir = dir_with("bad.crmflow", BAD);
    let run = |vars: &[(&str, &str)]| {
        let mut command = Command::new(env!("CARGO_BIN_EXE_crmflow"));
        command
            .args(["check", "bad.crmflow"])
            .current_dir(dir.path())
            .env_remove("CRMFLOW_LANG")
            .env_remove("LC_ALL")
            .env_remove("LC_MESSAGES")
            .env_remove("LANG")
            .env("NO_COLOR", "1");
        for (name, value) in vars {
            command.env(name, value);
        }
        stderr(&command.output().unwrap())
    };
    assert!(run(&[("LANG", "zh_CN.UTF-8")]).contains("未知泳道"));
    assert!(run(&[("LC_ALL", "zh_TW.UTF-8")]).contains("未知泳道"));
    assert!(run(&[("LANG", "de_DE.UTF-8")]).contains("unknown lane"));
    assert!(run(&[]).contains("unknown lane"));
    // The variable wins over the locale.
    assert!(run(&[("LANG", "zh_CN.UTF-8"), ("CRMFLOW_LANG", "en")]).contains("unknown lane"));
}

#[test]
fn rule_docs_summaries_and_config_errors_speak_chinese() {
    let dir = dir_with("flow.crmflow", FINDINGS);
    let zh = [("CRMFLOW_LANG", "zh")];
    let explain = run_with_env(dir.path(), &["check", "--explain", "L001"], &zh);
    let text = stdout(&explain);
    assert!(text.starts_with("# dead-end（L001）"), "{text}");
    assert!(
        text.contains("## 错误示例") && text.contains("级别：error"),
        "{text}"
    );
    let table = stdout(&run_with_env(dir.path(), &["check", "--list-rules"], &zh));
    assert!(table.contains("非 `end` 节点没有流出的控制连线"), "{table}");
    std::fs::write(
        dir.path().join("crmflow.yaml"),
        "lint:\n  rules:\n    dead-ends: off\n",
    )
    .unwrap();
    let config = run_with_env(dir.path(), &["check", "flow.crmflow"], &zh);
    assert_eq!(config.status.code(), Some(2));
    let text = stderr(&config);
    assert!(
        text.contains("E200") && text.contains("未知规则 `dead-ends`"),
        "{text}"
    );
    assert!(text.contains("你是想写 `dead-end` 吗？"), "{text}");
}

#[test]
fn a_new_flow_and_its_messages_follow_the_language() {
    let dir = tempfile::tempdir().unwrap();
    let out = run_with_env(
        dir.path(),
        &["new", "flow.crmflow", "--template", "complaint-handling"],
        &[("CRMFLOW_LANG", "zh")],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stderr(&out).contains("已从"), "{}", stderr(&out));
    let text = std::fs::read_to_string(dir.path().join("flow.crmflow")).unwrap();
    assert!(text.contains("客户投诉"), "the Chinese template");
}

#[test]
fn the_language_is_a_locale_tag_and_an_empty_variable_is_unset() {
    let dir = dir_with("bad.crmflow", BAD);
    for (value, chinese) in [
        ("zh_CN.UTF-8", true),
        ("zh-Hans", true),
        ("en-GB", false),
        ("", false),
    ] {
        // (an English system locale, so that "unset" means English)
        let env = [("CRMFLOW_LANG", value), ("LC_ALL", "C")];
        let out = run_with_env(dir.path(), &["check", "bad.crmflow"], &env);
        assert_eq!(out.status.code(), Some(2), "`{value}`: {}", stderr(&out));
        assert_eq!(stderr(&out).contains("未知泳道"), chinese, "`{value}`");
    }
    let out = run_with_env(dir.path(), &["check", "bad.crmflow", "--lang", "fr"], &[]);
    assert_eq!(out.status.code(), Some(3));
    assert!(
        stderr(&out).contains("crmflow speaks `en` (English) and `zh` (中文), not `fr`"),
        "{}",
        stderr(&out)
    );
}

/// #29 item 11 (its status words): what render, export and fmt say they
/// did is in the user's language too.
#[test]
fn what_was_written_is_said_in_chinese() {
    let dir = dir_with("flow.crmflow", FINDINGS);
    let zh = [("CRMFLOW_LANG", "zh")];
    let rendered = run_with_env(dir.path(), &["render", "flow.crmflow", "-o", "x.svg"], &zh);
    assert!(
        stderr(&rendered).contains("已写入 x.svg"),
        "{}",
        stderr(&rendered)
    );
    let exported = run_with_env(
        dir.path(),
        &["export", "flow.crmflow", "--to", "json", "-o", "x.json"],
        &zh,
    );
    assert!(
        stderr(&exported).contains("已写入 x.json"),
        "{}",
        stderr(&exported)
    );
    std::fs::write(dir.path().join("messy.crmflow"), "start a\nend   b\na->b\n").unwrap();
    let formatted = run_with_env(dir.path(), &["fmt", "messy.crmflow"], &zh);
    assert!(
        stderr(&formatted).contains("已格式化 messy.crmflow"),
        "{}",
        stderr(&formatted)
    );
}

/// #29 item 11 (stats): the table's words follow the language; its figures
/// and the JSON do not change.
#[test]
fn stats_speaks_chinese_and_its_figures_do_not_change() {
    let dir = dir_with("flow.crmflow", FINDINGS);
    let zh = run_with_env(
        dir.path(),
        &["stats", "flow.crmflow"],
        &[("CRMFLOW_LANG", "zh")],
    );
    let en = run_with_env(
        dir.path(),
        &["stats", "flow.crmflow"],
        &[("CRMFLOW_LANG", "en")],
    );
    let (zh, en) = (stdout(&zh), stdout(&en));
    for word in ["类型", "泳道", "交接", "决策", "路径", "最短", "最长"] {
        assert!(zh.contains(word), "{word}: {zh}");
    }
    assert!(
        !zh.contains("hand-offs") && !zh.contains("shortest"),
        "{zh}"
    );
    let figures = |text: &str| -> Vec<String> {
        text.split(|c: char| !c.is_ascii_digit())
            .filter(|part| !part.is_empty())
            .map(str::to_owned)
            .collect()
    };
    assert_eq!(figures(&zh), figures(&en), "the same figures\n{zh}\n{en}");
    let json = |lang: &str| {
        stdout(&run_with_env(
            dir.path(),
            &["stats", "flow.crmflow", "--format", "json"],
            &[("CRMFLOW_LANG", lang)],
        ))
    };
    assert_eq!(json("zh"), json("en"));
}

#[test]
fn help_speaks_the_language_asked_for_and_parses_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let zh = run_with_env(dir.path(), &["render", "--help"], &[("CRMFLOW_LANG", "zh")]);
    assert_eq!(zh.status.code(), Some(0));
    let zh = stdout(&zh);
    for word in ["用法", "参数", "选项", "渲染流程", "可选值", "打印帮助"] {
        assert!(zh.contains(word), "no {word} in:\n{zh}");
    }
    let flag = run_with_env(
        dir.path(),
        &["--lang", "zh", "--help"],
        &[("CRMFLOW_LANG", "en")],
    );
    let flag = stdout(&flag);
    assert!(flag.contains("命令") && flag.contains("退出码"), "{flag}");
    let en = stdout(&run_with_env(
        dir.path(),
        &["render", "--help"],
        &[("CRMFLOW_LANG", "en")],
    ));
    assert!(
        en.contains("Usage:") && en.contains("Possible values:") && !en.contains("用法"),
        "{en}"
    );
    // The same arguments mean the same in either language.
    std::fs::write(dir.path().join("f.crmflow"), FINDINGS).unwrap();
    for lang in ["en", "zh"] {
        let out = run_with_env(
            dir.path(),
            &[
                "render",
                "f.crmflow",
                "--format",
                "layout-json",
                "-o",
                "-",
                "--page",
                "none",
            ],
            &[("CRMFLOW_LANG", lang)],
        );
        assert_eq!(out.status.code(), Some(1), "{lang}: {}", stderr(&out));
        assert!(stdout(&out).starts_with('{'), "{lang}");
    }
}

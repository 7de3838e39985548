//! The command line as users and CI see it: exit codes, messages, files.

use crate::util::{assert_valid_svg, root, run};

fn temp() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

fn example(name: &str) -> String {
    root().join("examples").join(name).display().to_string()
}

#[test]
fn render_writes_an_svg() {
    let dir = temp();
    let out = run(
        dir.path(),
        &[
            "render",
            &example("lead-to-contract.crmflow"),
            "-o",
            "out.svg",
        ],
        b"",
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let svg = std::fs::read_to_string(dir.path().join("out.svg")).unwrap();
    assert_valid_svg(&svg);
    // No temp files are left behind, and the file is readable by others.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(dir.path().join("out.svg"))
            .unwrap()
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o644);
    }
}

#[test]
fn render_reads_stdin_and_writes_stdout() {
    let dir = temp();
    let out = run(
        dir.path(),
        &["render", "-", "-o", "-"],
        "start a \"来电\"\nend b\na -> b\n".as_bytes(),
    );
    assert_eq!(out.status.code(), Some(0));
    let svg = String::from_utf8(out.stdout).unwrap();
    assert!(svg.contains("来电"));
    assert_valid_svg(&svg);
}

#[test]
fn render_of_bad_input_exits_2_and_writes_nothing() {
    let dir = temp();
    std::fs::write(
        dir.path().join("bad.crmflow"),
        "lane sales \"S\"\nstep a lane sals\nstep b\na -> c\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("keep.svg"), "previous").unwrap();
    let out = run(dir.path(), &["render", "bad.crmflow", "-o", "new.svg"], b"");
    assert_eq!(out.status.code(), Some(2));
    assert!(!dir.path().join("new.svg").exists());
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("E102"), "{stderr}");
    assert!(stderr.contains("E104"), "{stderr}");
    assert!(stderr.contains("bad.crmflow:2:13"), "{stderr}");
    assert!(stderr.contains("did you mean `sales`?"), "{stderr}");
    // An existing output is never overwritten by a failed render.
    let again = run(
        dir.path(),
        &["render", "bad.crmflow", "-o", "keep.svg"],
        b"",
    );
    assert_eq!(again.status.code(), Some(2));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("keep.svg")).unwrap(),
        "previous"
    );
}

#[test]
fn check_reports_ok_and_errors() {
    let dir = temp();
    let ok = run(
        dir.path(),
        &[
            "check",
            &example("customer-lifecycle.crmflow"),
            &example("service-desk.crmflow"),
        ],
        b"",
    );
    assert_eq!(ok.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&ok.stderr).contains("2 files checked"));
    let bad = run(dir.path(), &["check", "-"], b"step a \"x\nstep b\n");
    assert_eq!(bad.status.code(), Some(2));
    let stderr = String::from_utf8(bad.stderr).unwrap();
    assert!(
        stderr.contains("E002") && stderr.contains("unterminated string"),
        "{stderr}"
    );
}

#[test]
fn check_json_has_codes_and_positions() {
    let dir = temp();
    let out = run(
        dir.path(),
        &["check", "--format", "json", "-"],
        "step 录入 lane 销售\n".as_bytes(),
    );
    assert_eq!(out.status.code(), Some(2));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let diag = &json["diagnostics"][0];
    assert_eq!(diag["code"], "E102");
    assert_eq!(diag["severity"], "error");
    assert_eq!(diag["span"]["line"], 1);
    assert_eq!(diag["span"]["column"], 14);
    assert_eq!(diag["span"]["start"], 17);
    assert_eq!(json["summary"]["errors"], 1);
}

#[test]
fn io_and_usage_errors_exit_3() {
    let dir = temp();
    let missing = run(dir.path(), &["check", "nope.crmflow"], b"");
    assert_eq!(missing.status.code(), Some(3));
    assert!(
        String::from_utf8_lossy(&missing.stderr)
            .contains("cannot read `nope.crmflow`: no such file")
    );
    let usage = run(dir.path(), &["render"], b"");
    assert_eq!(usage.status.code(), Some(3));
    let unknown = run(dir.path(), &["frobnicate"], b"");
    assert_eq!(unknown.status.code(), Some(3));
    let format = run(
        dir.path(),
        &["render", &example("diagnosis.crmflow"), "-o", "x.gif"],
        b"",
    );
    assert_eq!(format.status.code(), Some(3));
    assert!(!dir.path().join("x.gif").exists());
    let unwritable = run(
        dir.path(),
        &[
            "render",
            &example("diagnosis.crmflow"),
            "-o",
            "no/such/dir/x.svg",
        ],
        b"",
    );
    assert_eq!(unwritable.status.code(), Some(3));
}

#[test]
fn help_documents_exit_codes() {
    let dir = temp();
    let help = run(dir.path(), &["--help"], b"");
    assert_eq!(help.status.code(), Some(0));
    let text = String::from_utf8(help.stdout).unwrap();
    assert!(text.contains("Exit codes") && text.contains("3  usage or I/O error"));
    let version = run(dir.path(), &["--version"], b"");
    assert_eq!(version.status.code(), Some(0));
}

#[test]
fn empty_and_binary_input_get_clear_messages() {
    let dir = temp();
    let empty = run(dir.path(), &["check", "-"], b"");
    assert_eq!(empty.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&empty.stderr).contains("the file is empty"));
    let binary = run(
        dir.path(),
        &["render", "-", "-o", "-"],
        &[0x89, b'P', b'N', b'G', 0xff, 0x00],
    );
    assert_eq!(binary.status.code(), Some(2));
    assert!(binary.stdout.is_empty());
    assert!(String::from_utf8_lossy(&binary.stderr).contains("not valid UTF-8"));
}

#[test]
fn lane_order_auto_reorders_the_lane_bands_in_the_layout_json() {
    let dir = temp();
    let lane_ids = |args: &[&str]| -> Vec<String> {
        let out = run(dir.path(), args, b"");
        assert_eq!(out.status.code(), Some(0));
        let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        json["lanes"]
            .as_array()
            .unwrap()
            .iter()
            .map(|lane| lane["id"].as_str().unwrap().to_owned())
            .collect()
    };
    let file = example("customer-lifecycle.crmflow");
    let base = ["render", file.as_str(), "-f", "layout-json", "-o", "-"];
    let declared = lane_ids(&base);
    let auto = lane_ids(&[&base[..], &["--lane-order", "auto"]].concat());
    assert_eq!(declared[0], "marketing");
    assert_ne!(declared, auto);
    let bad = run(
        dir.path(),
        &[&base[..], &["--lane-order", "random"]].concat(),
        b"",
    );
    assert_eq!(bad.status.code(), Some(3));
}

#[test]
fn render_verbose_reports_the_fitted_text_size_and_page_flags_are_honoured() {
    let dir = temp();
    let flow = example("lead-to-contract.crmflow");
    let out = run(
        dir.path(),
        &["render", &flow, "-o", "a.svg", "-v", "--no-lint"],
        b"",
    );
    let text = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(text.contains("(laid out for a slide)"), "{text}");
    assert!(
        text.contains("fitted to a 16:9 slide:") && text.contains(" pt, to A4: "),
        "{text}"
    );
    let out = run(
        dir.path(),
        &[
            "render",
            &flow,
            "-o",
            "b.svg",
            "-v",
            "--no-lint",
            "--page",
            "none",
        ],
        b"",
    );
    let text = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(text.contains("(usual spacing)"), "{text}");
    let config = "render:\n  page: a4\n";
    std::fs::write(dir.path().join("crmflow.yaml"), config).unwrap();
    std::fs::copy(&flow, dir.path().join("f.crmflow")).unwrap();
    let out = run(dir.path(), &["render", "f.crmflow", "-v", "--no-lint"], b"");
    let text = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(text.contains("(laid out for A4)"), "{text}");
}

//! Shared test helpers.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The date tests run "on" (`CRMFLOW_TODAY`).
pub const TODAY: &str = "2026-11-24";

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `*.crmflow` files directly in a directory, sorted.
pub fn crmflow_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|err| panic!("{}: {err}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "crmflow"))
        .collect();
    files.sort();
    files
}

/// Compares `actual` with the golden file; with `CRMFLOW_BLESS=1` rewrites
/// it instead. On mismatch leaves `<name>.got.<ext>` beside it and fails.
pub fn assert_golden(golden: &Path, actual: &str) {
    let got = golden.with_extension(format!(
        "got.{}",
        golden.extension().unwrap().to_str().unwrap()
    ));
    if std::env::var_os("CRMFLOW_BLESS").is_some_and(|v| v == "1") {
        std::fs::write(golden, actual).unwrap();
        let _ = std::fs::remove_file(&got);
        return;
    }
    let expected = std::fs::read_to_string(golden).unwrap_or_else(|_| {
        std::fs::write(&got, actual).unwrap();
        panic!(
            "missing golden file {}; run with CRMFLOW_BLESS=1 to create it",
            golden.display()
        )
    });
    if expected != actual {
        std::fs::write(&got, actual).unwrap();
        panic!(
            "{} differs from the output; see {}; run with CRMFLOW_BLESS=1 to accept",
            golden.display(),
            got.display()
        );
    }
    let _ = std::fs::remove_file(&got);
}

/// Runs the `crmflow` binary in `dir` with `stdin`, returning its output.
pub fn run(dir: &Path, args: &[&str], stdin: &[u8]) -> Output {
    run_with(dir, args, stdin, &[])
}

/// [`run`] with no input and extra environment variables.
pub fn run_with_env(dir: &Path, args: &[&str], env: &[(&str, &str)]) -> Output {
    run_with(dir, args, b"", env)
}

fn run_with(dir: &Path, args: &[&str], stdin: &[u8], env: &[(&str, &str)]) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_crmflow"))
        .args(args)
        // English unless a test asks otherwise, whatever this machine's locale.
        .env("CRMFLOW_LANG", "en")
        .envs(env.iter().copied())
        .current_dir(dir)
        .env_remove("CRMFLOW_COLOR")
        .env_remove("CRMFLOW_CONFIG")
        .env_remove("CRMFLOW_THEME")
        .env_remove("CRMFLOW_SCALE")
        .env_remove("CRMFLOW_FONT")
        // stale-review compares with today: pin it so results do not age
        .env("CRMFLOW_TODAY", TODAY)
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the crmflow binary runs");
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    child.wait_with_output().unwrap()
}

/// Parses an SVG with usvg, as a consumer would.
pub fn assert_valid_svg(svg: &str) {
    let options = usvg::Options::default();
    usvg::Tree::from_str(svg, &options).unwrap_or_else(|err| panic!("invalid SVG: {err}\n{svg}"));
}

/// The flags every headless Chromium the tests start gets: no sandbox (CI
/// runs as root), nothing reaching for the network.
pub const HEADLESS: [&str; 8] = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
];

/// A Chromium binary: `CRMFLOW_CHROMIUM`, else the first on `PATH`.
pub fn chromium() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("CRMFLOW_CHROMIUM") {
        return Some(PathBuf::from(path));
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| {
            ["chromium", "chromium-browser", "google-chrome"].map(|name| dir.join(name))
        })
        .find(|candidate| candidate.is_file())
}

/// [`chromium`], or `None` with a note to skip the test — never in CI,
/// which installs Chromium and sets `CRMFLOW_REQUIRE_BROWSER`.
pub fn chromium_or_skip() -> Option<PathBuf> {
    let found = chromium();
    if found.is_none() {
        assert!(
            std::env::var_os("CRMFLOW_REQUIRE_BROWSER").is_none(),
            "CRMFLOW_REQUIRE_BROWSER is set but no chromium was found"
        );
        eprintln!("skipped: no chromium on PATH (set CRMFLOW_CHROMIUM)");
    }
    found
}

/// A run's standard error as text.
pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Writes `text` to `dir/name`, making its folders.
pub fn write(dir: &Path, name: &str, text: &str) {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).unwrap();
    }
    std::fs::write(path, text).unwrap();
}

//! Per-file settings for `check` and `render`: the `crmflow.yaml` that
//! applies (found once per folder, each file read once) and today's date.

use super::report;
use crmflow::SourceFile;
use crmflow::config::{self, Config};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Today: `CRMFLOW_TODAY` (YYYY-MM-DD) for reproducible runs, else the
/// clock (UTC).
pub fn today() -> Result<time::Date, String> {
    match std::env::var("CRMFLOW_TODAY") {
        Ok(text) if !text.is_empty() => parse_date(&text)
            .ok_or_else(|| format!("CRMFLOW_TODAY must be a date like 2026-11-24, got `{text}`")),
        _ => Ok(time::OffsetDateTime::now_utc().date()),
    }
}

/// [`today`] for commands: a bad `CRMFLOW_TODAY` is printed and becomes
/// the usage exit code.
pub fn today_or_report() -> Result<time::Date, u8> {
    today().map_err(|message| {
        eprintln!("error: {message}");
        super::exit::USAGE
    })
}

/// Finds and loads the config of each input (`explicit` wins for all).
/// Config problems are printed; then `Err(())`.
pub fn configs_for(
    files: &[PathBuf],
    explicit: Option<&Path>,
    fancy: bool,
) -> Result<Vec<Arc<Config>>, ()> {
    let mut loaded: HashMap<Option<PathBuf>, Result<Arc<Config>, ()>> = HashMap::new();
    let mut by_folder: HashMap<PathBuf, Option<PathBuf>> = HashMap::new();
    let mut configs = Vec::with_capacity(files.len());
    let mut failed = false;
    for file in files {
        let path = match explicit {
            Some(path) => Some(path.to_path_buf()),
            None => {
                let folder = if file.as_os_str() == "-" {
                    PathBuf::new()
                } else {
                    file.parent().map(Path::to_path_buf).unwrap_or_default()
                };
                by_folder
                    .entry(folder.clone())
                    .or_insert_with(|| config::discover(&folder))
                    .clone()
            }
        };
        let entry = loaded.entry(path.clone()).or_insert_with(|| match &path {
            None => Ok(Arc::new(Config::default())),
            Some(path) => config::load(path).map(Arc::new).map_err(|(source, diags)| {
                print_config_errors(&source, &diags, fancy);
            }),
        });
        match entry {
            Ok(config) => configs.push(config.clone()),
            Err(()) => failed = true,
        }
    }
    if failed { Err(()) } else { Ok(configs) }
}

fn print_config_errors(source: &SourceFile, diags: &[crmflow::Diag], fancy: bool) {
    eprint!("{}", report::human(source, diags, fancy));
}

fn parse_date(text: &str) -> Option<time::Date> {
    let mut parts = text.trim().splitn(3, '-');
    let year: i32 = parts.next()?.parse().ok()?;
    let month: u8 = parts.next()?.parse().ok()?;
    let day: u8 = parts.next()?.parse().ok()?;
    time::Date::from_calendar_date(year, time::Month::try_from(month).ok()?, day).ok()
}

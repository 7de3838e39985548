//! Writing one output of a batch run: left alone when the file already
//! holds these bytes (so a docs folder is not touched for nothing, and
//! `--check` can say what is stale).

use crate::files::{read_regular, write_output};
use crate::i18n::t;
use std::path::Path;

/// What [`write_if_changed`] did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Written {
    /// The file already held these bytes.
    Unchanged,
    /// Only checking: the file is missing.
    Missing,
    /// Only checking: the file holds other bytes.
    Stale,
    /// The file was written (atomically; see [`crate::files`]).
    Written,
}

/// Writes `bytes` to `path` (`-`: standard output) unless it already holds
/// them; with `check_only` nothing is written, the answer says what would
/// change. `create_folder` makes the file's folder first.
pub fn write_if_changed(
    path: &Path,
    bytes: &[u8],
    check_only: bool,
    create_folder: bool,
) -> Result<Written, String> {
    let on_disk = (path.as_os_str() != "-")
        .then(|| read_regular(path, bytes.len() as u64).ok())
        .flatten();
    if on_disk.as_deref() == Some(bytes) {
        return Ok(Written::Unchanged);
    }
    if check_only {
        return Ok(if on_disk.is_some() {
            Written::Stale
        } else {
            Written::Missing
        });
    }
    if create_folder
        && let Some(folder) = path
            .parent()
            .filter(|folder| !folder.as_os_str().is_empty())
    {
        std::fs::create_dir_all(folder).map_err(|err| {
            t("io-cannot-create-err")
                .arg("err", &err)
                .arg("folder", &folder.display())
                .to_string()
        })?;
    }
    write_output(path, bytes)?;
    Ok(Written::Written)
}

/// Today: `CRMFLOW_TODAY` (YYYY-MM-DD) for reproducible runs, else the
/// clock (UTC). Review-date rules compare against it.
pub fn today() -> Result<time::Date, String> {
    match std::env::var("CRMFLOW_TODAY") {
        Ok(text) if !text.is_empty() => parse_date(&text).ok_or_else(|| {
            t("io-crmflow-today-must-date-like")
                .arg("text", &text)
                .to_string()
        }),
        _ => Ok(time::OffsetDateTime::now_utc().date()),
    }
}

fn parse_date(text: &str) -> Option<time::Date> {
    let mut parts = text.trim().splitn(3, '-');
    let year: i32 = parts.next()?.parse().ok()?;
    let month: u8 = parts.next()?.parse().ok()?;
    let day: u8 = parts.next()?.parse().ok()?;
    time::Date::from_calendar_date(year, time::Month::try_from(month).ok()?, day).ok()
}

//! Every file a build reads goes through one small trait, [`World`] (the
//! pattern of typst's `World` and d2's `CompileOptions.FS`): the flows that
//! `calls` name, the `crmflow.yaml` that applies and where it was looked
//! for, and font files — and so do what a build takes from its
//! surroundings: today's date (as typst's `World::today`) and the limits
//! it keeps within. The CLI uses [`Disk`]; tests, and an editor holding
//! unsaved buffers, use [`Memory`]; [`Recording`] wraps either and lists
//! what a build asked for, which is what `watch` follows.

use crate::files::{ReadError, normalize, read_source};
use crate::limits::Limits;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Read access to files, for one build.
pub trait World: Sync {
    /// What file `path` names: its canonical path, the same for every path
    /// that reaches the file (through symlinks, `..`), or why there is
    /// none. Nothing is read. Folders have an identity too.
    fn identity(&self, path: &Path) -> Result<PathBuf, String>;
    /// The bytes of a regular file, at most `limit` of them (more is an
    /// error naming the limit), or why it cannot be read.
    fn read_bytes(&self, file: &Path, limit: u64) -> Result<Vec<u8>, String>;
    /// True when `path` is a regular file (config discovery asks this of
    /// each folder up the tree).
    fn is_file(&self, path: &Path) -> bool;

    /// Today's date, for `stale-review`: `CRMFLOW_TODAY` (YYYY-MM-DD) for
    /// reproducible runs, else the clock (UTC); a world may fix its own.
    fn today(&self) -> Result<time::Date, String> {
        crate::batch::today()
    }

    /// The limits a build keeps within: the run's
    /// ([`crate::limits::current`]), unless a world sets its own.
    fn limits(&self) -> Limits {
        crate::limits::current()
    }

    /// The text of a flow file (UTF-8, within the `file-size` limit).
    fn read(&self, file: &Path) -> Result<String, String> {
        let bytes = self.read_bytes(file, self.limits().file_bytes)?;
        String::from_utf8(bytes).map_err(|_| "not UTF-8 text".to_owned())
    }
}

/// The real file system: regular files only, within their size limits (see
/// [`crate::files::read_regular`]); devices and FIFOs are refused unread.
/// Every file read is an input of the run ([`crate::files::read_source`]):
/// no output replaces it.
#[derive(Clone, Copy, Debug, Default)]
pub struct Disk;

impl World for Disk {
    fn identity(&self, path: &Path) -> Result<PathBuf, String> {
        std::fs::canonicalize(path).map_err(|err| ReadError::from(err).to_string())
    }

    fn read_bytes(&self, file: &Path, limit: u64) -> Result<Vec<u8>, String> {
        read_source(file, limit).map_err(|err| err.to_string())
    }

    fn is_file(&self, path: &Path) -> bool {
        path.is_file()
    }
}

/// Files held in memory, by path (normalised: `a/../b` is `b`). A folder
/// exists when a file lies below it.
#[derive(Clone, Debug, Default)]
pub struct Memory {
    files: BTreeMap<PathBuf, Vec<u8>>,
    /// Its own date, else the run's.
    today: Option<time::Date>,
    /// Its own limits, else the run's.
    limits: Option<Limits>,
}

impl Memory {
    /// No files.
    pub fn new() -> Memory {
        Memory::default()
    }

    /// Adds (or replaces) a file.
    pub fn with(mut self, path: impl AsRef<Path>, contents: impl Into<Vec<u8>>) -> Memory {
        self.insert(path, contents);
        self
    }

    /// A world whose today is `date` (a test of a review date, an editor
    /// showing a flow as of a day).
    pub fn on(mut self, date: time::Date) -> Memory {
        self.today = Some(date);
        self
    }

    /// A world with limits of its own.
    pub fn within(mut self, limits: Limits) -> Memory {
        self.limits = Some(limits);
        self
    }

    /// Adds (or replaces) a file.
    pub fn insert(&mut self, path: impl AsRef<Path>, contents: impl Into<Vec<u8>>) {
        self.files.insert(normalize(path.as_ref()), contents.into());
    }
}

impl World for Memory {
    fn identity(&self, path: &Path) -> Result<PathBuf, String> {
        let path = normalize(path);
        let is_folder = self.files.keys().any(|file| file.starts_with(&path));
        if self.files.contains_key(&path) || is_folder {
            Ok(path)
        } else {
            Err("no such file".into())
        }
    }

    fn read_bytes(&self, file: &Path, limit: u64) -> Result<Vec<u8>, String> {
        let bytes = self
            .files
            .get(&normalize(file))
            .ok_or_else(|| "no such file".to_owned())?;
        if bytes.len() as u64 > limit {
            return Err(format!(
                "it is more than the limit of {}",
                crate::files::human_bytes(limit)
            ));
        }
        Ok(bytes.clone())
    }

    fn is_file(&self, path: &Path) -> bool {
        self.files.contains_key(&normalize(path))
    }

    fn today(&self) -> Result<time::Date, String> {
        self.today.map_or_else(crate::batch::today, Ok)
    }

    fn limits(&self) -> Limits {
        self.limits.unwrap_or_else(crate::limits::current)
    }
}

/// A [`World`] that lists the files asked for: those read and those only
/// looked for (a `crmflow.yaml` that may appear later), each once, in the
/// order first asked. Folders are not listed.
pub struct Recording<'a> {
    inner: &'a dyn World,
    asked: Mutex<Vec<PathBuf>>,
}

impl<'a> Recording<'a> {
    /// Records what is asked of `inner`.
    pub fn new(inner: &'a dyn World) -> Recording<'a> {
        Recording {
            inner,
            asked: Mutex::new(Vec::new()),
        }
    }

    /// Records `path` as asked for (a build's own flow file, read before).
    pub fn note(&self, path: &Path) {
        let mut asked = self.asked.lock().unwrap_or_else(|e| e.into_inner());
        if !asked.iter().any(|known| known == path) {
            asked.push(path.to_path_buf());
        }
    }

    /// The files asked for so far.
    pub fn asked(&self) -> Vec<PathBuf> {
        self.asked.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }
}

impl World for Recording<'_> {
    /// A flow file is recorded by the path written (so a watcher sees one
    /// that does not exist yet when it appears); folders, which `calls`
    /// checks also ask the identity of, are not inputs.
    fn identity(&self, path: &Path) -> Result<PathBuf, String> {
        if path.extension().is_some_and(|ext| ext == "crmflow") {
            self.note(path);
        }
        self.inner.identity(path)
    }

    fn read_bytes(&self, file: &Path, limit: u64) -> Result<Vec<u8>, String> {
        self.note(file);
        self.inner.read_bytes(file, limit)
    }

    fn is_file(&self, path: &Path) -> bool {
        self.note(path);
        self.inner.is_file(path)
    }

    fn read(&self, file: &Path) -> Result<String, String> {
        self.note(file);
        self.inner.read(file)
    }

    fn today(&self) -> Result<time::Date, String> {
        self.inner.today()
    }

    fn limits(&self) -> Limits {
        self.inner.limits()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memory_files_have_identities_folders_too_and_limits_hold() {
        let world = Memory::new().with("/p/a/../flow.crmflow", "start s \"S\"\n");
        assert_eq!(
            world.identity(Path::new("/p/flow.crmflow")).unwrap(),
            Path::new("/p/flow.crmflow")
        );
        assert_eq!(world.identity(Path::new("/p")).unwrap(), Path::new("/p"));
        assert!(world.identity(Path::new("/q/x.crmflow")).is_err());
        assert!(world.is_file(Path::new("/p/flow.crmflow")));
        assert!(!world.is_file(Path::new("/p")));
        assert!(world.read_bytes(Path::new("/p/flow.crmflow"), 4).is_err());
        assert_eq!(
            world.read(Path::new("/p/flow.crmflow")).unwrap(),
            "start s \"S\"\n"
        );
    }

    #[test]
    fn a_world_gives_its_date_and_limits_and_reads_within_them() {
        let day = time::Date::from_calendar_date(2026, time::Month::March, 3).unwrap();
        let small = Limits {
            file_bytes: 8,
            ..crate::limits::current()
        };
        let memory = Memory::new()
            .with("/p/big.crmflow", "start s \"Sixteen bytes\"\n")
            .on(day)
            .within(small);
        let world = Recording::new(&memory);
        assert_eq!(world.today(), Ok(day));
        assert_eq!(world.limits(), small);
        let refused = world.read(Path::new("/p/big.crmflow")).unwrap_err();
        assert!(refused.contains("8 bytes"), "{refused}");
        // Without its own, a world has the run's.
        assert_eq!(Memory::new().limits(), crate::limits::current());
    }

    #[test]
    fn the_stale_review_rule_counts_from_the_worlds_today() {
        let text = "flow \"T\" {\n  owner \"O\"\n  reviewed 2026-01-01\n}\nstart s \"S\"\nend e \"E\"\ns -> e\n";
        let source = crate::SourceFile::new("/p/t.crmflow", text);
        let stale = |day: time::Date| {
            let world = Memory::new().with("/p/t.crmflow", text).on(day);
            let settings = crate::lint::LintSettings::default().today(world.today().unwrap());
            let built = crate::pipeline::build(
                &source,
                &crate::pipeline::Request {
                    path: Some(Path::new("/p/t.crmflow")),
                    lint: Some(&settings),
                    draw: None,
                    glyphs: None,
                    world: &world,
                },
            )
            .unwrap();
            built.findings.iter().any(|d| d.code == "L022")
        };
        let date = |m, d| time::Date::from_calendar_date(2026, m, d).unwrap();
        assert!(!stale(date(time::Month::February, 1)));
        assert!(stale(date(time::Month::December, 1)));
    }

    #[test]
    fn a_recording_lists_files_asked_for_once_and_no_folders() {
        let memory = Memory::new().with("/p/part.crmflow", "");
        let world = Recording::new(&memory);
        assert!(!world.is_file(Path::new("/p/crmflow.yaml")));
        let _ = world.identity(Path::new("/p"));
        let _ = world.read(Path::new("/p/part.crmflow"));
        let _ = world.identity(Path::new("/p/part.crmflow"));
        assert_eq!(
            world.asked(),
            [
                PathBuf::from("/p/crmflow.yaml"),
                PathBuf::from("/p/part.crmflow")
            ]
        );
    }
}

//! Following the files a compile read.
//!
//! Takes: the set of input paths (the flow, the sub-flows it `calls`, its
//! `crmflow.yaml`). Gives: a wake-up when one of them changes.
//!
//! Each input's **parent directory** is watched (non-recursively) and events
//! are filtered on the input paths: a watch on the file itself goes deaf
//! after the first save that renames a new file over it, which is how vim,
//! VS Code and most editors save. Bursts of events from one save are merged
//! by notify-debouncer-full, and a periodic re-stat (size, mtime, inode)
//! catches anything the OS did not report (network file systems, full
//! event queues). Paths outside the set — the outputs, editor swap files,
//! temp files — never wake the watcher.

use notify::RecursiveMode;
use notify::event::{AccessKind, AccessMode, EventKind};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Component, Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, Sender, channel};
use std::time::{Duration, Instant, SystemTime};

/// Why [`FileWatcher::wait`] returned.
#[derive(Debug, PartialEq, Eq)]
pub enum Wake {
    /// These inputs changed (or appeared, or went away).
    Changed(Vec<PathBuf>),
    /// [`Stopper::stop`] was called (Ctrl-C).
    Stop,
}

enum Signal {
    Events(DebounceEventResult),
    Stop,
}

/// Ends a [`FileWatcher::wait`] from another thread (a signal handler).
#[derive(Clone)]
pub struct Stopper(Sender<Signal>);

impl Stopper {
    /// Makes the current or next `wait` return [`Wake::Stop`].
    pub fn stop(&self) {
        let _ = self.0.send(Signal::Stop);
    }
}

/// What identifies one version of a file on disk.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Stamp {
    len: u64,
    modified: Option<SystemTime>,
    inode: u64,
}

fn stamp(path: &Path) -> Option<Stamp> {
    let metadata = std::fs::metadata(path).ok()?;
    #[cfg(unix)]
    let inode = std::os::unix::fs::MetadataExt::ino(&metadata);
    #[cfg(not(unix))]
    let inode = 0;
    Some(Stamp {
        len: metadata.len(),
        modified: metadata.modified().ok(),
        inode,
    })
}

/// Watches a set of input files through their parent directories.
pub struct FileWatcher {
    debouncer: Debouncer<notify::RecommendedWatcher, RecommendedCache>,
    signals: Receiver<Signal>,
    sender: Sender<Signal>,
    /// Directories being watched.
    directories: BTreeSet<PathBuf>,
    /// The inputs, absolute and normalised, with the stamp each had when
    /// the last `wait` returned (the version the caller is about to read).
    inputs: BTreeMap<PathBuf, Option<Stamp>>,
    poll_every: Duration,
}

impl FileWatcher {
    /// A watcher that merges events closer than `debounce` and re-stats
    /// the inputs every `poll_every`.
    pub fn new(debounce: Duration, poll_every: Duration) -> Result<Self, String> {
        let (sender, signals) = channel();
        let events = sender.clone();
        let debouncer = new_debouncer(debounce, None, move |result| {
            let _ = events.send(Signal::Events(result));
        })
        .map_err(|err| {
            crate::i18n::t("watch-cannot-watch")
                .arg("err", err.to_string())
                .local()
        })?;
        Ok(FileWatcher {
            debouncer,
            signals,
            sender,
            directories: BTreeSet::new(),
            inputs: BTreeMap::new(),
            poll_every,
        })
    }

    /// A handle that stops [`wait`](Self::wait) from another thread.
    pub fn stopper(&self) -> Stopper {
        Stopper(self.sender.clone())
    }

    /// Replaces the set of inputs. Inputs already followed keep their
    /// stamp; new ones are stamped now (the caller has just read them).
    /// Directories that no longer hold an input are unwatched; one that
    /// cannot be watched (it does not exist yet) is left to the re-stat.
    pub fn follow(&mut self, paths: impl IntoIterator<Item = PathBuf>) {
        let mut inputs = BTreeMap::new();
        for path in paths {
            let path = absolute(&path);
            let known = self.inputs.get(&path).copied();
            let stamp = known.unwrap_or_else(|| stamp(&path));
            inputs.insert(path, stamp);
        }
        self.inputs = inputs;
        let wanted: BTreeSet<PathBuf> = self
            .inputs
            .keys()
            .filter_map(|path| path.parent().map(Path::to_path_buf))
            .collect();
        for gone in self
            .directories
            .difference(&wanted)
            .cloned()
            .collect::<Vec<_>>()
        {
            let _ = self.debouncer.unwatch(&gone);
            self.directories.remove(&gone);
        }
        for directory in wanted {
            if !self.directories.contains(&directory)
                && self
                    .debouncer
                    .watch(&directory, RecursiveMode::NonRecursive)
                    .is_ok()
            {
                self.directories.insert(directory);
            }
        }
    }

    /// Blocks until an input changes or [`Stopper::stop`] is called. On
    /// return the inputs' stamps are taken, so a change made while the
    /// caller reads them is seen by the next `wait`.
    pub fn wait(&mut self) -> Wake {
        let mut next_poll = Instant::now() + self.poll_every;
        loop {
            let timeout = next_poll.saturating_duration_since(Instant::now());
            let changed = match self.signals.recv_timeout(timeout) {
                Ok(Signal::Stop) => return Wake::Stop,
                Ok(Signal::Events(Ok(events))) => {
                    let mut changed = BTreeSet::new();
                    for event in events.iter().filter(|event| touches_content(&event.kind)) {
                        for path in &event.paths {
                            let path = absolute(path);
                            if self.inputs.contains_key(&path) {
                                changed.insert(path);
                            }
                        }
                    }
                    // Events for a file say it was touched; the stamp says
                    // whether its content can differ (an editor that
                    // rewrites the same bytes still counts: mtime moves).
                    changed.into_iter().collect::<Vec<_>>()
                }
                // The OS dropped events (queue overflow): re-stat now.
                Ok(Signal::Events(Err(_))) => self.restat(),
                Err(RecvTimeoutError::Timeout) => {
                    next_poll = Instant::now() + self.poll_every;
                    self.restat()
                }
                Err(RecvTimeoutError::Disconnected) => return Wake::Stop,
            };
            if !changed.is_empty() {
                for path in &changed {
                    self.inputs.insert(path.clone(), stamp(path));
                }
                return Wake::Changed(changed);
            }
        }
    }

    /// Inputs whose stamp differs from the one last seen.
    fn restat(&self) -> Vec<PathBuf> {
        self.inputs
            .iter()
            .filter(|(path, seen)| stamp(path) != **seen)
            .map(|(path, _)| path.clone())
            .collect()
    }
}

/// Whether an event can mean new content. Opening and reading do not —
/// our own read of the input would otherwise wake us again, forever.
fn touches_content(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        _ => true,
    }
}

/// `path` made absolute against the current directory, with `.` and `..`
/// folded, and its directory resolved through symlinks when it exists (the
/// paths notify reports are under the canonical directory).
pub fn absolute(path: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()
            .map(|dir| dir.join(path))
            .unwrap_or_else(|_| path.to_path_buf())
    };
    let mut normal = PathBuf::new();
    for component in joined.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                normal.pop();
            }
            other => normal.push(other),
        }
    }
    match (normal.parent(), normal.file_name()) {
        (Some(parent), Some(name)) => match parent.canonicalize() {
            Ok(parent) => parent.join(name),
            Err(_) => normal,
        },
        _ => normal,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn absolute_folds_dots_and_resolves_the_directory() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().canonicalize().unwrap();
        let dotted = dir
            .path()
            .join("sub")
            .join("..")
            .join(".")
            .join("flow.crmflow");
        assert_eq!(absolute(&dotted), real.join("flow.crmflow"));
    }

    #[test]
    fn a_rename_over_the_input_wakes_the_watcher_and_other_files_do_not() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("flow.crmflow");
        std::fs::write(&input, "one").unwrap();
        let mut watcher =
            FileWatcher::new(Duration::from_millis(20), Duration::from_secs(60)).unwrap();
        watcher.follow([input.clone()]);
        // An output file next to it: no wake-up.
        std::fs::write(dir.path().join("flow.svg"), "<svg/>").unwrap();
        // A rename-over save of the input: wake-up.
        let temp = dir.path().join(".flow.crmflow.swp");
        std::fs::write(&temp, "two").unwrap();
        std::fs::rename(&temp, &input).unwrap();
        assert_eq!(watcher.wait(), Wake::Changed(vec![absolute(&input)]));
        // And the directory watch survives it: a second save is seen too.
        std::fs::write(&input, "three").unwrap();
        assert_eq!(watcher.wait(), Wake::Changed(vec![absolute(&input)]));
    }

    #[test]
    fn the_restat_catches_a_change_without_events() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("missing-dir").join("flow.crmflow");
        let mut watcher =
            FileWatcher::new(Duration::from_millis(20), Duration::from_millis(50)).unwrap();
        // The directory does not exist: nothing to watch, only the re-stat.
        watcher.follow([input.clone()]);
        std::fs::create_dir(input.parent().unwrap()).unwrap();
        std::fs::write(&input, "now here").unwrap();
        match watcher.wait() {
            Wake::Changed(paths) => assert_eq!(paths.len(), 1),
            Wake::Stop => panic!("expected a change"),
        }
    }

    #[test]
    fn stop_ends_a_wait() {
        let mut watcher =
            FileWatcher::new(Duration::from_millis(20), Duration::from_secs(60)).unwrap();
        watcher.stopper().stop();
        assert_eq!(watcher.wait(), Wake::Stop);
    }
}

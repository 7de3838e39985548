//! Files in and out, treating every path as hostile.
//!
//! **Reading** ([`read_regular`]): only regular files are read, never a
//! FIFO, a device or a directory (opening does not block on a FIFO: the
//! file is opened non-blocking and checked before a byte is read), and
//! never more than a limit, so `/dev/zero` named as a font or a `calls`
//! target is an error, not a hang.
//!
//! **Writing** ([`write_output`]): a regular file is replaced atomically (a
//! temp file in the same folder, then a rename), keeping its permissions; a
//! symlink is followed, so the file it points at is replaced and the link
//! stays; a character device or a FIFO (`/dev/null`, `/dev/stdout`, a
//! pipe) is written through, never replaced; a read-only file, a
//! directory, a block device or a socket is refused. Temp files that a
//! killed run left behind (`.crmflow-XXXXXX.tmp`, not locked by a live
//! writer) are removed the next time something is written to that folder.
//!
//! **Inputs are never outputs**: every file read as a source of this run
//! ([`read_source`]: flows, `calls` targets, configs, fonts) or named as
//! one up front ([`protect`]) is remembered by identity (device and inode,
//! so a symlink or a hard link to it is the same file), and
//! [`write_output`] refuses to replace it — whichever command writes
//! (`render`, `export`, `sop`, `md`, `watch`). Only `fmt`, whose job is
//! to rewrite its input, uses [`rewrite_source`].

use crate::i18n::t;
use std::fmt;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// Why a file could not be read.
#[derive(Debug)]
pub enum ReadError {
    /// Nothing at that path.
    NotFound,
    /// Not allowed to read it.
    PermissionDenied,
    /// A directory.
    Directory,
    /// Something other than a regular file (a FIFO, a device, a socket).
    NotRegular(&'static str),
    /// Larger than the limit.
    TooLarge {
        /// Its size in bytes.
        size: u64,
        /// The limit in bytes.
        limit: u64,
    },
    /// Any other I/O error.
    Other(std::io::Error),
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::NotFound => t("io-no-such-file").fmt(f),
            ReadError::PermissionDenied => t("io-permission-denied").fmt(f),
            ReadError::Directory => t("io-is-a-directory").fmt(f),
            ReadError::NotRegular(kind) => t("io-not-regular").arg("kind", *kind).fmt(f),
            ReadError::TooLarge { size, limit } => t("io-too-large")
                .arg("size", human_bytes(*size))
                .arg("limit", human_bytes(*limit))
                .fmt(f),
            ReadError::Other(err) => write!(f, "{err}"),
        }
    }
}

impl From<std::io::Error> for ReadError {
    fn from(err: std::io::Error) -> Self {
        match err.kind() {
            std::io::ErrorKind::NotFound => ReadError::NotFound,
            std::io::ErrorKind::PermissionDenied => ReadError::PermissionDenied,
            std::io::ErrorKind::IsADirectory => ReadError::Directory,
            _ => ReadError::Other(err),
        }
    }
}

/// `1.5 MiB`, `300 bytes`.
pub fn human_bytes(bytes: u64) -> String {
    const UNITS: [&str; 4] = ["KiB", "MiB", "GiB", "TiB"];
    if bytes < 1024 {
        return format!("{bytes} bytes");
    }
    let mut value = bytes as f64;
    let mut unit = "";
    for name in UNITS {
        if value < 1024.0 {
            break;
        }
        value /= 1024.0;
        unit = name;
    }
    let text = format!("{value:.1}");
    format!("{} {unit}", text.trim_end_matches(".0"))
}

/// A file that is neither a regular file, a directory nor a symlink.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Special {
    Fifo,
    CharDevice,
    BlockDevice,
    Socket,
    Other,
}

impl Special {
    /// What a file of this type is, if it is special.
    fn of(file_type: &std::fs::FileType) -> Option<Special> {
        if file_type.is_file() || file_type.is_dir() || file_type.is_symlink() {
            return None;
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::FileTypeExt;
            if file_type.is_fifo() {
                return Some(Special::Fifo);
            }
            if file_type.is_char_device() {
                return Some(Special::CharDevice);
            }
            if file_type.is_block_device() {
                return Some(Special::BlockDevice);
            }
            if file_type.is_socket() {
                return Some(Special::Socket);
            }
        }
        Some(Special::Other)
    }

    fn name(self) -> &'static str {
        match self {
            Special::Fifo => "FIFO (named pipe)",
            Special::CharDevice => "character device",
            Special::BlockDevice => "block device",
            Special::Socket => "socket",
            Special::Other => "special file",
        }
    }
}

/// Opens `path` for reading without blocking on a FIFO.
fn open_for_reading(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY);
    }
    options.open(path)
}

/// Reads a regular file of at most `limit` bytes (symlinks are followed).
pub fn read_regular(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let file = open_for_reading(path)?;
    let metadata = file.metadata()?;
    read_open(file, metadata, limit)
}

fn read_open(
    file: std::fs::File,
    metadata: std::fs::Metadata,
    limit: u64,
) -> Result<Vec<u8>, ReadError> {
    let file_type = metadata.file_type();
    if file_type.is_dir() {
        return Err(ReadError::Directory);
    }
    if let Some(special) = Special::of(&file_type) {
        return Err(ReadError::NotRegular(special.name()));
    }
    if metadata.len() > limit {
        return Err(ReadError::TooLarge {
            size: metadata.len(),
            limit,
        });
    }
    let mut bytes = Vec::with_capacity(metadata.len() as usize);
    // The file may grow while it is read: never take more than the limit.
    file.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(ReadError::TooLarge {
            size: bytes.len() as u64,
            limit,
        });
    }
    Ok(bytes)
}

/// What identifies a file however it is reached.
#[derive(Clone, Debug, PartialEq, Eq)]
enum FileId {
    /// Device and inode.
    #[cfg(unix)]
    Inode(u64, u64),
    /// The canonical path (where there are no inodes).
    #[cfg_attr(unix, allow(dead_code))]
    Path(PathBuf),
}

impl FileId {
    #[cfg(unix)]
    fn of(_path: &Path, metadata: &std::fs::Metadata) -> Option<FileId> {
        use std::os::unix::fs::MetadataExt;
        Some(FileId::Inode(metadata.dev(), metadata.ino()))
    }

    #[cfg(not(unix))]
    fn of(path: &Path, _metadata: &std::fs::Metadata) -> Option<FileId> {
        std::fs::canonicalize(path).ok().map(FileId::Path)
    }
}

/// The sources of this process: files read as inputs, or named as inputs,
/// each with the path it was reached by.
static SOURCES: std::sync::Mutex<Vec<(FileId, PathBuf)>> = std::sync::Mutex::new(Vec::new());

fn remember_source(id: FileId, path: &Path) {
    let mut sources = SOURCES
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    // A path names one file at a time: a flow saved again is its new file.
    match sources.iter_mut().find(|(_, at)| at == path) {
        Some(entry) => entry.0 = id,
        None => sources.push((id, path.to_path_buf())),
    }
}

/// True when `id` is a source that is still there: its path still names
/// it. (A long-running `watch` sees its flow replaced by each editor save;
/// the old file's inode number may then go to a new file, an output among
/// them, which is no source.)
fn is_source(id: &FileId) -> bool {
    let sources = SOURCES
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    sources.iter().any(|(known, path)| {
        known == id
            && std::fs::metadata(path)
                .ok()
                .and_then(|metadata| FileId::of(path, &metadata))
                .is_some_and(|now| now == *id)
    })
}

/// Names `path` as an input of this run before it is read (a batch names
/// all its inputs first, so one input's output can never replace another
/// input not yet read). Nothing happens for a path that does not exist.
pub fn protect(path: &Path) {
    if let Ok(metadata) = std::fs::metadata(path)
        && metadata.is_file()
        && let Some(id) = FileId::of(path, &metadata)
    {
        remember_source(id, path);
    }
}

/// True when `path` (symlinks followed) is an input of this run.
pub fn is_protected(path: &Path) -> bool {
    std::fs::metadata(path)
        .ok()
        .and_then(|metadata| FileId::of(path, &metadata))
        .is_some_and(|id| is_source(&id))
}

/// [`read_regular`] for an input of this run: the file is remembered, and
/// no output of this process may replace it.
pub fn read_source(path: &Path, limit: u64) -> Result<Vec<u8>, ReadError> {
    let file = open_for_reading(path)?;
    let metadata = file.metadata()?;
    if metadata.is_file()
        && let Some(id) = FileId::of(path, &metadata)
    {
        remember_source(id, path);
    }
    read_open(file, metadata, limit)
}

/// True when `a` and `b` name the same file: the same device and inode if
/// both exist, else the same absolute path once `.` and `..` are resolved.
pub fn same_file(a: &Path, b: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        if let (Ok(x), Ok(y)) = (std::fs::metadata(a), std::fs::metadata(b)) {
            return x.dev() == y.dev() && x.ino() == y.ino();
        }
    }
    let absolute = |path: &Path| std::path::absolute(path).map(|path| normalize(&path));
    matches!((absolute(a), absolute(b)), (Ok(x), Ok(y)) if x == y)
}

/// `a/./b/../c` → `a/c`, lexically. A `..` removes only a real folder name
/// before it, never another `..` (`../../x` stays `../../x`), and at the
/// root it stays at the root.
pub fn normalize(path: &Path) -> PathBuf {
    use std::path::Component;
    let mut parts: Vec<Component<'_>> = Vec::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => match parts.last() {
                Some(Component::Normal(_)) => {
                    parts.pop();
                }
                Some(Component::RootDir | Component::Prefix(_)) => {}
                _ => parts.push(component),
            },
            other => parts.push(other),
        }
    }
    parts.iter().collect()
}

/// Where writing to `path` really goes: symlinks followed (at most 40, as
/// the kernel does), relative link targets resolved against the link's
/// folder. A dangling link resolves to the path it points at.
fn resolve_links(path: &Path) -> Result<PathBuf, String> {
    let mut current = path.to_path_buf();
    for _ in 0..40 {
        match std::fs::symlink_metadata(&current) {
            Ok(metadata) if metadata.file_type().is_symlink() => {
                let target = std::fs::read_link(&current).map_err(|err| {
                    t("io-cannot-follow-err")
                        .arg("err", &err)
                        .arg("current", &current.display())
                        .to_string()
                })?;
                current = match current.parent() {
                    Some(parent) if target.is_relative() => parent.join(target),
                    _ => target,
                };
            }
            _ => return Ok(current),
        }
    }
    Err(t("io-cannot-write-too-many-levels")
        .arg("path", &path.display())
        .to_string())
}

/// Writes `bytes` to `path` (`-`: standard output) as described in the
/// module documentation. On error nothing is left behind and an existing
/// file is unchanged. An input of this run is never replaced.
pub fn write_output(path: &Path, bytes: &[u8]) -> Result<(), String> {
    write(path, bytes, false)
}

/// [`write_output`] for the one command whose output is its input: `fmt`
/// rewrites the flow it read.
pub fn rewrite_source(path: &Path, bytes: &[u8]) -> Result<(), String> {
    write(path, bytes, true)
}

fn write(path: &Path, bytes: &[u8], may_replace_source: bool) -> Result<(), String> {
    if path.as_os_str() == "-" {
        let mut stdout = std::io::stdout().lock();
        return match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
            // The reader stopped reading (`| head`): it has what it wanted.
            Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
            written => written.map_err(|err| {
                t("io-cannot-write-standard-output-err")
                    .arg("err", &err)
                    .to_string()
            }),
        };
    }
    let target = resolve_links(path)?;
    let shown = path.display();
    let fail = |err: std::io::Error| {
        t("io-cannot-write-shown")
            .arg("shown", &shown)
            .arg("err", &ReadError::from(err))
            .to_string()
    };
    let existing = match std::fs::symlink_metadata(&target) {
        Ok(metadata) => Some(metadata),
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => None,
        Err(err) => return Err(fail(err)),
    };
    if let Some(metadata) = &existing {
        let file_type = metadata.file_type();
        if file_type.is_dir() {
            return Err(t("io-cannot-write-shown-directory")
                .arg("shown", &shown)
                .to_string());
        }
        match Special::of(&file_type) {
            Some(Special::Fifo | Special::CharDevice) => {
                return write_through(&target, bytes).map_err(fail);
            }
            Some(special) => {
                return Err(t("io-cannot-write-shown-only-regular")
                    .arg("shown", &shown)
                    .arg("name", special.name())
                    .to_string());
            }
            None => {}
        }
        if !may_replace_source && FileId::of(&target, metadata).is_some_and(|id| is_source(&id)) {
            return Err(t("io-cannot-write-shown-input")
                .arg("shown", &shown)
                .to_string());
        }
        if metadata.permissions().readonly() {
            return Err(t("io-cannot-write-shown-file-read")
                .arg("shown", &shown)
                .to_string());
        }
    }
    replace_atomically(&target, bytes, existing.as_ref()).map_err(fail)
}

/// Writes into an existing FIFO or character device.
fn write_through(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut file = std::fs::OpenOptions::new().write(true).open(path)?;
    file.write_all(bytes)?;
    file.flush()
}

/// The prefix and suffix of the temp files [`write_output`] creates.
const TEMP_PREFIX: &str = ".crmflow-";
const TEMP_SUFFIX: &str = ".tmp";
/// A temp file younger than this is never taken for stale (its writer may
/// not have locked it yet).
const STALE_AFTER: std::time::Duration = std::time::Duration::from_secs(2);

fn replace_atomically(
    path: &Path,
    bytes: &[u8],
    existing: Option<&std::fs::Metadata>,
) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    remove_stale_temp_files(dir);
    let mut temp = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .suffix(TEMP_SUFFIX)
        .tempfile_in(dir)?;
    // Held while writing: a later run that finds this file locked knows
    // its writer is alive.
    temp.as_file().lock()?;
    temp.write_all(bytes)?;
    temp.flush()?;
    // Temp files are created private (0600); give the output the
    // permissions of the file it replaces, or the usual 0644 for a new one.
    let permissions = match existing {
        Some(metadata) => metadata.permissions(),
        None => default_permissions(temp.as_file())?,
    };
    temp.as_file().set_permissions(permissions)?;
    temp.persist(path).map_err(|err| err.error)?;
    Ok(())
}

/// Removes the temp files a killed writer left in `dir`: named as ours,
/// regular files, older than [`STALE_AFTER`] and not locked. Each folder is
/// looked at once per process.
fn remove_stale_temp_files(dir: &Path) {
    static CLEANED: std::sync::Mutex<Vec<PathBuf>> = std::sync::Mutex::new(Vec::new());
    let key = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    {
        let mut cleaned = CLEANED.lock().unwrap_or_else(|e| e.into_inner());
        if cleaned.contains(&key) {
            return;
        }
        cleaned.push(key);
    }
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        if !is_our_temp_name(name) {
            continue;
        }
        let path = entry.path();
        let Ok(metadata) = std::fs::symlink_metadata(&path) else {
            continue;
        };
        let old = metadata
            .modified()
            .ok()
            .and_then(|modified| modified.elapsed().ok())
            .is_some_and(|age| age >= STALE_AFTER);
        if !metadata.is_file() || !old {
            continue;
        }
        let Ok(file) = std::fs::OpenOptions::new().read(true).open(&path) else {
            continue;
        };
        if file.try_lock().is_ok() {
            let _ = std::fs::remove_file(&path);
        }
    }
}

/// `.crmflow-` + 6 letters or digits + `.tmp`: the names `tempfile` gives
/// our temp files.
fn is_our_temp_name(name: &str) -> bool {
    name.strip_prefix(TEMP_PREFIX)
        .and_then(|rest| rest.strip_suffix(TEMP_SUFFIX))
        .is_some_and(|random| {
            random.len() == 6 && random.bytes().all(|b| b.is_ascii_alphanumeric())
        })
}

#[cfg(unix)]
fn default_permissions(file: &std::fs::File) -> std::io::Result<std::fs::Permissions> {
    use std::os::unix::fs::PermissionsExt;
    let mut permissions = file.metadata()?.permissions();
    permissions.set_mode(0o644);
    Ok(permissions)
}

#[cfg(not(unix))]
fn default_permissions(file: &std::fs::File) -> std::io::Result<std::fs::Permissions> {
    Ok(file.metadata()?.permissions())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_never_lets_one_parent_cancel_another() {
        assert_eq!(normalize(Path::new("a/./b/../c")), PathBuf::from("a/c"));
        assert_eq!(normalize(Path::new("../../x")), PathBuf::from("../../x"));
        assert_eq!(normalize(Path::new("a/../../x")), PathBuf::from("../x"));
        assert_eq!(normalize(Path::new("/../x")), PathBuf::from("/x"));
    }

    #[test]
    fn temp_names() {
        assert!(is_our_temp_name(".crmflow-a1B2c3.tmp"));
        assert!(!is_our_temp_name(".crmflow-a1B2c3.tmp.bak"));
        assert!(!is_our_temp_name("crmflow-a1B2c3.tmp"));
        assert!(!is_our_temp_name(".crmflow-../x.tmp"));
    }

    #[test]
    fn sizes_read_well() {
        assert_eq!(human_bytes(300), "300 bytes");
        assert_eq!(human_bytes(16 * 1024 * 1024), "16 MiB");
        assert_eq!(human_bytes(1536), "1.5 KiB");
    }
}

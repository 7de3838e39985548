//! Reading inputs and writing outputs atomically.

use crmflow::{Diag, SourceFile, diag::codes};
use std::io::{Read, Write};
use std::path::Path;

/// Why an input could not be loaded.
pub enum LoadError {
    /// The file could not be read (message for the user).
    Io(String),
    /// The bytes are not UTF-8: a diagnostic over the lossy text.
    NotUtf8(Box<(SourceFile, Diag)>),
}

/// Reads a file, or standard input for `-`.
pub fn load(path: &Path) -> Result<SourceFile, LoadError> {
    let (name, bytes) = if path.as_os_str() == "-" {
        let mut bytes = Vec::new();
        std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|err| LoadError::Io(format!("cannot read standard input: {err}")))?;
        ("<stdin>".to_owned(), bytes)
    } else {
        let bytes = std::fs::read(path).map_err(|err| {
            LoadError::Io(format!(
                "cannot read `{}`: {}",
                path.display(),
                describe(&err)
            ))
        })?;
        (path.display().to_string(), bytes)
    };
    SourceFile::from_bytes(name, bytes).map_err(|err| {
        let diag = Diag::error(
            codes::NOT_UTF8,
            err.span,
            "the file is not valid UTF-8 text",
        )
        .with_help(
            "save the file as UTF-8 (the encoding every editor offers); is this a .crmflow file?",
        );
        LoadError::NotUtf8(Box::new((err.lossy, diag)))
    })
}

/// [`load`] for commands that take one file: problems are printed (an
/// unreadable file as a message, non-UTF-8 bytes as a diagnostic) and
/// become the exit code.
pub fn load_or_report(path: &Path, fancy: bool) -> Result<SourceFile, u8> {
    match load(path) {
        Ok(source) => Ok(source),
        Err(LoadError::Io(message)) => {
            eprintln!("error: {message}");
            Err(super::exit::USAGE)
        }
        Err(LoadError::NotUtf8(bad)) => {
            let (source, diag) = *bad;
            eprint!("{}", super::report::human(&source, &[diag], fancy));
            Err(super::exit::INVALID_INPUT)
        }
    }
}

fn describe(err: &std::io::Error) -> String {
    match err.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ if err.raw_os_error() == Some(21) => "it is a directory".into(),
        _ => err.to_string(),
    }
}

/// Writes `bytes` to `path` atomically (a temp file in the same directory,
/// then a rename), or to standard output for `-`. On error nothing is left.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), String> {
    if path.as_os_str() == "-" {
        let mut stdout = std::io::stdout().lock();
        return stdout
            .write_all(bytes)
            .and_then(|()| stdout.flush())
            .map_err(|err| format!("cannot write to standard output: {err}"));
    }
    let dir = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let fail =
        |err: std::io::Error| format!("cannot write `{}`: {}", path.display(), describe(&err));
    let mut temp = tempfile::Builder::new()
        .prefix(".crmflow-")
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(fail)?;
    temp.write_all(bytes)
        .and_then(|()| temp.flush())
        .map_err(fail)?;
    // Temp files are created private (0600); give the output the permissions
    // of the file it replaces, or the usual 0644 for a new one.
    let permissions = match std::fs::metadata(path) {
        Ok(existing) => existing.permissions(),
        Err(_) => default_permissions(temp.as_file()).map_err(fail)?,
    };
    temp.as_file().set_permissions(permissions).map_err(fail)?;
    temp.persist(path).map_err(|err| fail(err.error))?;
    Ok(())
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

//! Reading one input: a file (a regular file within the size limit) or
//! standard input, as a [`SourceFile`]; bytes that are not UTF-8 become a
//! diagnostic over the lossily decoded text.

use crate::world::World;
use crate::{Diag, SourceFile, diag::codes};
use std::io::Read;
use std::path::Path;

/// Why an input could not be loaded.
pub enum LoadError {
    /// The file could not be read (message for the user).
    Io(String),
    /// The bytes are not UTF-8: a diagnostic over the lossy text.
    NotUtf8(Box<(SourceFile, Diag)>),
}

/// Reads a file from `world`, or standard input for `-`.
pub fn load(path: &Path, world: &dyn World) -> Result<SourceFile, LoadError> {
    let (name, bytes) = if path.as_os_str() == "-" {
        let limit = crate::limits::current().file_bytes;
        let mut bytes = Vec::new();
        std::io::stdin()
            .take(limit + 1)
            .read_to_end(&mut bytes)
            .map_err(|err| LoadError::Io(format!("cannot read standard input: {err}")))?;
        if bytes.len() as u64 > limit {
            return Err(LoadError::Io(format!(
                "standard input is more than the limit of {} (raise `file-size` in CRMFLOW_LIMITS or crmflow.yaml's `limits:`)",
                crate::files::human_bytes(limit)
            )));
        }
        ("<stdin>".to_owned(), bytes)
    } else {
        let bytes = world
            .read_bytes(path, crate::limits::current().file_bytes)
            .map_err(|err| LoadError::Io(format!("cannot read `{}`: {err}", path.display())))?;
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

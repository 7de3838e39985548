//! Reading one input: a file (a regular file within the size limit) or
//! standard input, as a [`SourceFile`]; bytes that are not UTF-8 become a
//! diagnostic over the lossily decoded text.

use crate::i18n::t;
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
        let limit = world.limits().file_bytes;
        let mut bytes = Vec::new();
        std::io::stdin()
            .take(limit + 1)
            .read_to_end(&mut bytes)
            .map_err(|err| {
                LoadError::Io(
                    t("io-cannot-read-standard-input-err")
                        .arg("err", &err)
                        .to_string(),
                )
            })?;
        if bytes.len() as u64 > limit {
            return Err(LoadError::Io(
                t("io-standard-input-more-than-limit")
                    .arg("limit", crate::files::human_bytes(limit))
                    .to_string(),
            ));
        }
        ("<stdin>".to_owned(), bytes)
    } else {
        let bytes = world
            .read_bytes(path, world.limits().file_bytes)
            .map_err(|err| {
                LoadError::Io(
                    t("model-cannot-read-err")
                        .arg("err", &err)
                        .arg("path", &path.display())
                        .to_string(),
                )
            })?;
        (path.display().to_string(), bytes)
    };
    SourceFile::from_bytes(name, bytes).map_err(|err| {
        let diag = Diag::error(codes::NOT_UTF8, err.span, t("model-file-not-valid-utf-8"))
            .with_help(t("model-save-file-as-utf-8"));
        LoadError::NotUtf8(Box::new((err.lossy, diag)))
    })
}

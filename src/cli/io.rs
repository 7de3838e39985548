//! Reading inputs and writing outputs atomically.

use crmflow::SourceFile;
pub use crmflow::batch::{LoadError, load};
use crmflow::world::Disk;
use std::path::Path;

/// [`load`] for commands that take one file: problems are printed (an
/// unreadable file as a message, non-UTF-8 bytes as a diagnostic) and
/// become the exit code.
pub fn load_or_report(path: &Path, fancy: bool) -> Result<SourceFile, u8> {
    match load(path, &Disk) {
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

/// Writes `bytes` to `path` (`-`: standard output): a regular file is
/// replaced atomically, a symlink followed, a FIFO or character device
/// written through, anything else refused (see [`crmflow::files`]).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), String> {
    if path.as_os_str() == "-" {
        out_bytes(bytes);
        return Ok(());
    }
    crmflow::files::write_output(path, bytes)
}

/// Writes `text` to standard output. A reader that stopped reading (`|
/// head`, a closed pager) ends the run quietly, as it would a shell
/// tool's; any other write error is reported and ends it with
/// [`super::exit::USAGE`].
pub fn out(text: &str) {
    out_bytes(text.as_bytes());
}

/// [`out`] for bytes (an SVG, a man page).
pub fn out_bytes(bytes: &[u8]) {
    use std::io::Write;
    let mut stdout = std::io::stdout().lock();
    if let Err(err) = stdout.write_all(bytes).and_then(|()| stdout.flush()) {
        if err.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(i32::from(super::exit::OK));
        }
        eprintln!(
            "error: {}",
            crmflow::i18n::t("io-cannot-write-standard-output-err").arg("err", &err)
        );
        std::process::exit(i32::from(super::exit::USAGE));
    }
}

/// Runs one of [`crmflow::batch::inputs`]' expansions, printing a note for
/// each entry it skipped.
pub fn expand_inputs<T>(
    expand: impl FnOnce(&mut Vec<String>) -> Result<T, String>,
) -> Result<T, String> {
    let mut notes = Vec::new();
    let expanded = expand(&mut notes);
    for note in notes {
        eprintln!("note: {note}");
    }
    expanded
}

/// [`load_or_report`], then parse and resolve: the flow, or the exit code
/// after its errors are printed.
pub fn flow_or_report(path: &Path, fancy: bool) -> Result<crmflow::model::Flow, u8> {
    let source = load_or_report(path, fancy)?;
    crmflow::check(&source).map_err(|diags| {
        eprint!("{}", super::report::human(&source, &diags, fancy));
        super::exit::INVALID_INPUT
    })
}

/// `each` over the pairs of `items` and `configs`, in order: in parallel
/// when there are several, on this thread when there is one (a single
/// render starts no thread pool).
pub fn map_each<A: Sync, B: Sync, R: Send>(
    items: &[A],
    configs: &[B],
    each: impl Fn(&A, &B) -> R + Sync + Send,
) -> Vec<R> {
    use rayon::prelude::*;
    if items.len() <= 1 {
        return items.iter().zip(configs).map(|(a, b)| each(a, b)).collect();
    }
    items
        .par_iter()
        .zip(configs.par_iter())
        .map(|(a, b)| each(a, b))
        .collect()
}

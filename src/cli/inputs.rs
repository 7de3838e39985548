//! Input arguments → the list of flow files: files as given, folders
//! searched recursively for `*.crmflow`, and glob patterns the shell left
//! unexpanded (`'docs/**/*.crmflow'`). Order is kept; duplicates are dropped.

use std::path::{Path, PathBuf};

/// Expands inputs; an error names the argument that matched nothing.
pub fn expand(args: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut files: Vec<PathBuf> = Vec::new();
    let push = |path: PathBuf, files: &mut Vec<PathBuf>| {
        if !files.contains(&path) {
            files.push(path);
        }
    };
    for arg in args {
        let text = arg.to_string_lossy();
        if arg.as_os_str() == "-" || arg.is_file() {
            push(arg.clone(), &mut files);
        } else if arg.is_dir() {
            let found = matches(&arg.join("**").join("*.crmflow"))?;
            if found.is_empty() {
                return Err(format!("no .crmflow files in `{}`", arg.display()));
            }
            for path in found {
                push(path, &mut files);
            }
        } else if text.contains(['*', '?', '[']) {
            let found = matches(arg)?;
            if found.is_empty() {
                return Err(format!("no files match `{text}`"));
            }
            for path in found {
                push(path, &mut files);
            }
        } else {
            // Reading it reports the precise reason (no such file, permission…).
            push(arg.clone(), &mut files);
        }
    }
    Ok(files)
}

fn matches(pattern: &Path) -> Result<Vec<PathBuf>, String> {
    let text = pattern.to_string_lossy();
    let paths = glob::glob(&text).map_err(|err| format!("bad pattern `{text}`: {err}"))?;
    let mut found: Vec<PathBuf> = paths
        .filter_map(Result::ok)
        .filter(|path| path.is_file())
        .collect();
    found.sort();
    Ok(found)
}

//! Input arguments → the list of flow files: files as given, folders
//! searched recursively for `*.crmflow`, and glob patterns the shell left
//! unexpanded (`'docs/**/*.crmflow'`). Order is kept; duplicates are dropped.

use std::path::{Path, PathBuf};

/// Expands inputs; an error names the argument that matched nothing.
pub fn expand(args: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    Ok(expand_with_roots(args)?
        .into_iter()
        .map(|input| input.path)
        .collect())
}

/// One input file and the folder its argument named, which `--out-dir`
/// mirrors from: the folder itself for a folder argument, the part before
/// the first wildcard for a glob, the file's own folder for a file.
#[derive(Clone, Debug)]
pub struct Input {
    /// The file.
    pub path: PathBuf,
    /// Where the mirrored tree starts.
    pub root: PathBuf,
}

impl Input {
    /// The file's path below its root (`sub/flow.crmflow`).
    pub fn relative(&self) -> PathBuf {
        match self.path.strip_prefix(&self.root) {
            Ok(relative) if !relative.as_os_str().is_empty() => relative.to_path_buf(),
            _ => self.path.file_name().map(PathBuf::from).unwrap_or_default(),
        }
    }
}

/// [`expand`], keeping each file's root.
pub fn expand_with_roots(args: &[PathBuf]) -> Result<Vec<Input>, String> {
    let mut files: Vec<Input> = Vec::new();
    let push = |path: PathBuf, root: &Path, files: &mut Vec<Input>| {
        if !files.iter().any(|input| input.path == path) {
            files.push(Input {
                path,
                root: root.to_path_buf(),
            });
        }
    };
    for arg in args {
        let text = arg.to_string_lossy();
        if arg.as_os_str() == "-" || arg.is_file() {
            let root = arg.parent().unwrap_or(Path::new(""));
            push(arg.clone(), root, &mut files);
        } else if arg.is_dir() {
            let found = matches(&arg.join("**").join("*.crmflow"))?;
            if found.is_empty() {
                return Err(format!("no .crmflow files in `{}`", arg.display()));
            }
            for path in found {
                push(path, arg, &mut files);
            }
        } else if text.contains(['*', '?', '[']) {
            let found = matches(arg)?;
            if found.is_empty() {
                return Err(format!("no files match `{text}`"));
            }
            let root: PathBuf = arg
                .components()
                .take_while(|part| !part.as_os_str().to_string_lossy().contains(['*', '?', '[']))
                .collect();
            for path in found {
                push(path, &root, &mut files);
            }
        } else {
            // Reading it reports the precise reason (no such file, permission…).
            let root = arg.parent().unwrap_or(Path::new(""));
            push(arg.clone(), root, &mut files);
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

//! Input arguments → the list of flow files: files as given, folders
//! searched recursively for `*.crmflow`, and glob patterns the shell left
//! unexpanded (`'docs/**/*.crmflow'`). Order is kept; duplicates are dropped.
//! What was skipped, and why, comes back as notes for the caller to show.
//!
//! Folders and patterns are walked without trusting the tree: a symlink is
//! followed only when what it points at lies inside the folder being
//! walked (a committed `docs/evil.crmflow → ~/.aws/credentials` is skipped
//! with a note, never read), symlink loops are detected, each real file is
//! listed once however many links reach it, and only regular files are
//! taken (a FIFO named `x.crmflow` would block the run).

use crate::i18n::t;
use std::collections::HashSet;
use std::path::{Path, PathBuf};

/// Expands inputs; an error names the argument that matched nothing.
/// Notes about skipped entries are added to `notes`.
pub fn expand(args: &[PathBuf], notes: &mut Vec<String>) -> Result<Vec<PathBuf>, String> {
    expand_kinds(args, &["crmflow"], notes)
}

/// [`expand`], taking from folders the files with one of `extensions`
/// (`check` also reads the flows in Markdown files).
pub fn expand_kinds(
    args: &[PathBuf],
    extensions: &[&str],
    notes: &mut Vec<String>,
) -> Result<Vec<PathBuf>, String> {
    Ok(expand_roots_kinds(args, extensions, notes)?
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
pub fn expand_with_roots(args: &[PathBuf], notes: &mut Vec<String>) -> Result<Vec<Input>, String> {
    expand_roots_kinds(args, &["crmflow"], notes)
}

fn expand_roots_kinds(
    args: &[PathBuf],
    extensions: &[&str],
    notes: &mut Vec<String>,
) -> Result<Vec<Input>, String> {
    let mut files: Vec<Input> = Vec::new();
    let mut seen: HashSet<PathBuf> = HashSet::new();
    let mut push = |path: PathBuf, root: &Path, files: &mut Vec<Input>| {
        let identity = std::fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
        if seen.insert(identity) {
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
            let found = walk(arg, None, extensions, notes);
            if found.is_empty() {
                let kinds: Vec<String> = extensions.iter().map(|ext| format!(".{ext}")).collect();
                return Err(t("io-no-files")
                    .arg("or", kinds.join(" or "))
                    .arg("arg", &arg.display())
                    .to_string());
            }
            for path in found {
                push(path, arg, &mut files);
            }
        } else if text.contains(['*', '?', '[']) {
            let pattern = glob::Pattern::new(&text).map_err(|err| {
                t("io-bad-pattern-text-err")
                    .arg("text", &text)
                    .arg("err", &err)
                    .to_string()
            })?;
            let root: PathBuf = arg
                .components()
                .take_while(|part| !part.as_os_str().to_string_lossy().contains(['*', '?', '[']))
                .collect();
            let found = if root.as_os_str().is_empty() {
                walk(Path::new("."), Some(&pattern), extensions, notes)
            } else {
                walk(&root, Some(&pattern), extensions, notes)
            };
            if found.is_empty() {
                return Err(t("io-no-files-match-text").arg("text", &text).to_string());
            }
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

/// The regular files below `root`, sorted: those whose names end in
/// one of `extensions`, or with a pattern those it matches. Symlinks leading out of
/// `root` and symlink loops are skipped with a note.
fn walk(
    root: &Path,
    pattern: Option<&glob::Pattern>,
    extensions: &[&str],
    notes: &mut Vec<String>,
) -> Vec<PathBuf> {
    let Ok(real_root) = std::fs::canonicalize(root) else {
        return Vec::new();
    };
    // `./x` for a root of `.` is shown and matched as `x`, as the shell does.
    let shown = |path: &Path| -> PathBuf {
        match path.strip_prefix(".") {
            Ok(rest) if root == Path::new(".") && pattern.is_some() => rest.to_path_buf(),
            _ => path.to_path_buf(),
        }
    };
    let options = glob::MatchOptions {
        require_literal_separator: true,
        require_literal_leading_dot: false,
        case_sensitive: true,
    };
    // Without `**` a pattern reaches a fixed depth below its root.
    let depth = pattern
        .filter(|pattern| !pattern.as_str().contains("**"))
        .map_or(usize::MAX, |pattern| {
            Path::new(pattern.as_str()).components().count()
                - root
                    .components()
                    .filter(|c| *c != std::path::Component::CurDir)
                    .count()
        });
    let mut found = Vec::new();
    let mut outside = Vec::new();
    let walker = walkdir::WalkDir::new(root)
        .follow_links(true)
        .max_depth(depth)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| {
            if !entry.path_is_symlink() {
                return true;
            }
            match std::fs::canonicalize(entry.path()) {
                Ok(target) if target.starts_with(&real_root) => true,
                _ => {
                    outside.push(
                        t("io-skipped-symlink-outside")
                            .arg("path", &entry.path().display())
                            .arg("root", &root.display())
                            .to_string(),
                    );
                    false
                }
            }
        });
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                if let Some(ancestor) = err.loop_ancestor() {
                    notes.push(
                        t("io-skipped-symlink-loop-back")
                            .arg("new", &err.path().unwrap_or(Path::new("?")).display())
                            .arg("ancestor", &ancestor.display())
                            .to_string(),
                    );
                }
                continue;
            }
        };
        if !entry.file_type().is_file() {
            continue;
        }
        let path = shown(entry.path());
        let wanted = match pattern {
            Some(pattern) => pattern.matches_path_with(&path, options),
            None => path
                .extension()
                .is_some_and(|ext| extensions.iter().any(|wanted| ext == *wanted)),
        };
        if wanted {
            found.push(path);
        }
    }
    notes.append(&mut outside);
    found
}

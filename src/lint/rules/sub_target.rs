//! `sub-target` (L024): a `calls` that points nowhere, at a broken flow, or
//! back at the caller.

use super::{Rule, describe};
use crate::diag::Diag;
use crate::lint::{Context, FlowFiles, Level};
use crate::source::SourceFile;
use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};

/// The rule.
pub const RULE: Rule = Rule {
    code: "L024",
    name: "sub-target",
    summary: "a `calls` file that does not exist, does not parse, or calls back (an include cycle)",
    recommended: Level::Error,
    strict: Level::Error,
    doc: DOC,
    check,
};

const DOC: &str = r#"# sub-target (L024)

A `sub` node draws a sub-process that lives in its own file (分层绘制): its
`calls` path, relative to the calling file, must name a flow that exists
and compiles, and the chain of calls must not lead back to a file already
on it (an include cycle: `a` calls `b` calls `a`), which no reader can
follow to an end.

## Incorrect
```crmflow
start order   "Order received"
sub   billing "Billing" calls "no-such-file.crmflow"
end   done    "Done"
order -> billing -> done
```

## Correct
```crmflow
start order   "Order received"
step  billing "Billing"
end   done    "Done"
order -> billing -> done
```
"#;

fn check(cx: &Context<'_>, out: &mut Vec<Diag>) {
    let flow = cx.flow;
    let here = cx.path.map(normalize);
    let base = here
        .as_deref()
        .and_then(Path::parent)
        .map(Path::to_path_buf)
        .unwrap_or_default();
    let mut loader = Loader {
        files: cx.files,
        cache: HashMap::new(),
    };
    for id in flow.node_ids() {
        let node = flow.node_at(id);
        let Some(calls) = &node.calls else {
            continue;
        };
        let target = normalize(&base.join(&calls.value));
        let shown = calls.value.as_str();
        let problem = match loader.load(&target) {
            Loaded::Unreadable(reason) => Some((
                format!(
                    "{} calls `{shown}`, which cannot be read: {reason}",
                    describe(flow, id)
                ),
                "check the path: it is relative to this file's folder".to_owned(),
            )),
            Loaded::Broken(first) => Some((
                format!(
                    "{} calls `{shown}`, which does not compile: {first}",
                    describe(flow, id)
                ),
                format!("run `crmflow check {shown}` and fix it"),
            )),
            Loaded::Calls(_) => here.as_ref().and_then(|here| {
                loader.cycle(&target, here).map(|chain| {
                    let mut names = vec![display(here)];
                    names.extend(chain.iter().map(|path| display(path)));
                    (
                        format!("calling `{shown}` leads back here: {}", names.join(" → ")),
                        "a sub-process must not call the flow that contains it; break the cycle"
                            .to_owned(),
                    )
                })
            }),
        };
        if let Some((message, help)) = problem {
            out.push(Diag::error(RULE.code, calls.span, message).with_help(help));
        }
    }
}

enum Loaded {
    Unreadable(String),
    /// The first diagnostic, as `line:col: message`.
    Broken(String),
    /// The normalised paths it calls.
    Calls(Vec<PathBuf>),
}

struct Loader<'a> {
    files: &'a dyn FlowFiles,
    cache: HashMap<PathBuf, Loaded>,
}

impl Loader<'_> {
    fn load(&mut self, path: &Path) -> &Loaded {
        if !self.cache.contains_key(path) {
            let loaded = match self.files.read(path) {
                Err(reason) => Loaded::Unreadable(reason),
                Ok(text) => {
                    let source = SourceFile::new(path.display().to_string(), text);
                    match crate::check(&source) {
                        Err(diags) => {
                            let first = &diags[0];
                            Loaded::Broken(format!(
                                "{}: {}",
                                source.line_col(first.span.start),
                                first.message
                            ))
                        }
                        Ok(flow) => {
                            let base = path.parent().map(Path::to_path_buf).unwrap_or_default();
                            Loaded::Calls(
                                flow.nodes
                                    .iter()
                                    .filter_map(|node| node.calls.as_ref())
                                    .map(|calls| normalize(&base.join(&calls.value)))
                                    .collect(),
                            )
                        }
                    }
                }
            };
            self.cache.insert(path.to_path_buf(), loaded);
        }
        &self.cache[path]
    }

    /// A chain of calls from `from` that reaches `back_to`, if any
    /// (depth-first; each file is read once).
    fn cycle(&mut self, from: &Path, back_to: &Path) -> Option<Vec<PathBuf>> {
        let mut visited = std::collections::HashSet::new();
        let mut chain = vec![from.to_path_buf()];
        let mut work = vec![(from.to_path_buf(), 0usize)];
        visited.insert(from.to_path_buf());
        if from == back_to {
            return Some(chain);
        }
        while let Some((file, position)) = work.last().cloned() {
            let next = match self.load(&file) {
                Loaded::Calls(calls) => calls.get(position).cloned(),
                _ => None,
            };
            let Some(next) = next else {
                work.pop();
                chain.pop();
                continue;
            };
            work.last_mut().expect("non-empty").1 += 1;
            if next == back_to {
                chain.push(next);
                return Some(chain);
            }
            if visited.insert(next.clone()) {
                chain.push(next.clone());
                work.push((next, 0));
            }
        }
        None
    }
}

/// `a/./b/../c` → `a/c`, without touching the file system.
fn normalize(path: &Path) -> PathBuf {
    let mut normal = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                if !normal.pop() {
                    normal.push("..");
                }
            }
            other => normal.push(other),
        }
    }
    normal
}

fn display(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |name| name.to_string_lossy().into_owned(),
    )
}

//! `sub-target` (L024): a `calls` that points nowhere, at a broken flow, or
//! back at the caller.

use super::describe;
use crate::diag::Diag;
use crate::i18n::{Message, t};
use crate::lint::rule::Rule;
use crate::lint::rule::{Context, Level, no_options};
use crate::model::calls::CallsScope;
use crate::source::SourceFile;
use crate::world::World;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The rule.
pub const RULE: Rule = Rule {
    code: "L024",
    name: "sub-target",
    summary: "a `calls` file that does not exist, does not parse, or calls back (an include cycle)",
    recommended: Level::Error,
    strict: Level::Error,
    doc: DOC,
    check,
    options: &[],
    configure: no_options,
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
    let files = cx.files;
    // The calling file (for cycles back to it), its folder, and the root
    // `calls` may not leave.
    let here = cx.path.and_then(|path| files.identity(path).ok());
    let scope = CallsScope::of(files, cx.path, cx.options.calls_root.as_deref());
    let base = scope.base.clone();
    let mut walk = Walk {
        files,
        scope,
        cache: HashMap::new(),
        reads: 0,
        max_reads: files.limits().sub_flows,
    };
    for id in flow.node_ids() {
        let node = flow.node_at(id);
        let Some(calls) = &node.calls else {
            continue;
        };
        let shown = calls.value.as_str();
        let unreadable = |reason: Message| {
            (
                t("lint-calls-shown-which-cannot-read")
                    .arg("shown", shown)
                    .arg("reason", &reason)
                    .arg("flow", describe(flow, id)),
                t("lint-check-path-relative-this-file"),
            )
        };
        let problem = match walk.resolve(&base, shown) {
            Err(reason) => Some(unreadable(reason)),
            Ok(target) => match walk.load(&target) {
                Loaded::Unreadable(reason) => Some(unreadable(reason.clone())),
                Loaded::Broken(first) => Some((
                    t("lint-calls-shown-which-does-not")
                        .arg("shown", shown)
                        .arg("first", first)
                        .arg("flow", describe(flow, id)),
                    t("lint-run-crmflow-check-shown-and").arg("shown", shown),
                )),
                Loaded::Calls(_) => here.as_ref().and_then(|here| {
                    walk.cycle(&target, here).map(|chain| {
                        let mut names = vec![display(here)];
                        names.extend(chain.iter().map(|path| display(path)));
                        (
                            t("lint-calling-shown-leads-back-here")
                                .arg("shown", shown)
                                .arg("names", names.join(" → ")),
                            t("lint-sub-process-must-not-call"),
                        )
                    })
                }),
            },
        };
        if let Some((message, help)) = problem {
            out.push(Diag::error(RULE.code, calls.span, message).with_help(help));
        }
    }
}

enum Loaded {
    Unreadable(Message),
    /// Where the first error is, as `E001 at 3:5` (its message is not
    /// quoted: it may show bytes of a file that is no flow).
    Broken(Message),
    /// The files it calls (their identities; calls that resolve to no
    /// file are left out).
    Calls(Vec<PathBuf>),
}

/// The walk over `calls`: every real file read at most once, none outside
/// the project root, at most `max_reads` in all.
struct Walk<'a> {
    files: &'a dyn World,
    scope: CallsScope,
    cache: HashMap<PathBuf, Loaded>,
    reads: usize,
    max_reads: usize,
}

impl Walk<'_> {
    /// The file a `calls` text names from a file in `base`: its identity,
    /// or why it is not one `calls` may name.
    fn resolve(&self, base: &Path, calls: &str) -> Result<PathBuf, Message> {
        self.scope.resolve(self.files, base, calls)
    }

    fn load(&mut self, file: &Path) -> &Loaded {
        if !self.cache.contains_key(file) {
            let loaded = if self.reads >= self.max_reads {
                Loaded::Unreadable(
                    t("lint-sub-flows-calls-turn-are").arg("max-reads", self.max_reads),
                )
            } else {
                self.reads += 1;
                self.read(file)
            };
            self.cache.insert(file.to_path_buf(), loaded);
        }
        &self.cache[file]
    }

    fn read(&self, file: &Path) -> Loaded {
        let text = match self.files.read(file) {
            Ok(text) => text,
            Err(reason) => return Loaded::Unreadable(t("verbatim").arg("text", reason)),
        };
        let source = SourceFile::new(file.display().to_string(), text);
        // The stages before this one, run on the called flow.
        let resolved = crate::syntax::parse(&source).and_then(|ast| crate::model::resolve(&ast));
        match resolved {
            Err(diags) => {
                let first = &diags[0];
                Loaded::Broken(
                    t("lint-at")
                        .arg("code", first.code)
                        .arg("start", source.line_col(first.span.start).to_string()),
                )
            }
            Ok(flow) => {
                let base = file.parent().map(Path::to_path_buf).unwrap_or_default();
                Loaded::Calls(
                    flow.nodes
                        .iter()
                        .filter_map(|node| node.calls.as_ref())
                        .filter_map(|calls| self.resolve(&base, &calls.value).ok())
                        .collect(),
                )
            }
        }
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

fn display(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |name| name.to_string_lossy().into_owned(),
    )
}

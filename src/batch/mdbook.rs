//! mdBook's preprocessor protocol, so that `crmflow mdbook` can stand in
//! a book's `book.toml` (`[preprocessor.crmflow]`) and draw the book's
//! ```` ```crmflow ```` blocks inline ([`super::InlineJob`]).
//!
//! mdBook runs the preprocessor with `supports <renderer>` first (every
//! renderer is supported: the drawing is HTML, which the Markdown renderer
//! keeps too), then hands it `[context, book]` as JSON on standard input
//! and reads the book back from standard output. The book is walked as
//! JSON, not as mdBook's types, so that books of mdBook 0.4 (`sections`)
//! and 0.5 (`items`) both work: every `Chapter` object's `content` is
//! replaced, everything else is handed back as it came.
//!
//! Takes the JSON mdBook wrote; gives the JSON to hand back, what to print
//! and a [`Verdict`] (a lint error or a broken block fails the build, with
//! the chapter's file, line and column).

use super::inline::InlineJob;
use super::render::Verdict;
use crate::pipeline::FontCache;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// What running over one book gave.
pub struct Preprocessed {
    /// The book, as JSON, to write to standard output.
    pub book: String,
    /// What to print (diagnostics), in order.
    pub messages: String,
    /// How it went: [`Verdict::Findings`] or worse fails the build.
    pub verdict: Verdict,
    /// How many blocks were drawn.
    pub drawn: usize,
}

/// Runs the preprocessor over `input` (`[context, book]`). `job` gives
/// the settings; a `theme` in the book's `[preprocessor.crmflow]` table
/// is used when the job names none.
pub fn preprocess(
    input: &str,
    job: &InlineJob,
    fonts: &mut FontCache,
) -> Result<Preprocessed, String> {
    let parsed: Value =
        serde_json::from_str(input).map_err(|err| format!("mdBook's input is not JSON: {err}"))?;
    let Value::Array(mut pair) = parsed else {
        return Err("mdBook's input is not a [context, book] pair".into());
    };
    if pair.len() != 2 {
        return Err("mdBook's input is not a [context, book] pair".into());
    }
    let mut book = pair.pop().unwrap_or(Value::Null);
    let context = pair.pop().unwrap_or(Value::Null);
    let source_dir = source_dir(&context);
    let theme = (context.pointer("/config/preprocessor/crmflow/theme"))
        .and_then(Value::as_str)
        .map(str::to_owned);
    let job = InlineJob {
        config: job.config.clone(),
        theme: job.theme.clone().or(theme),
        today: job.today,
        fancy: job.fancy,
    };
    let mut walk = Walk {
        job: &job,
        source_dir: &source_dir,
        fonts,
        messages: String::new(),
        verdict: Verdict::Clean,
        drawn: 0,
    };
    walk.value(&mut book);
    let book = serde_json::to_string(&book).map_err(|err| err.to_string())?;
    Ok(Preprocessed {
        book,
        messages: walk.messages,
        verdict: walk.verdict,
        drawn: walk.drawn,
    })
}

/// The book's source folder as mdBook names it (`root` joined with
/// `book.src`, made relative to where mdBook runs when it can be): where
/// each chapter's `source_path` is, for diagnostics and `crmflow.yaml`.
fn source_dir(context: &Value) -> PathBuf {
    let root = context.get("root").and_then(Value::as_str).unwrap_or(".");
    let src = (context.pointer("/config/book/src"))
        .and_then(Value::as_str)
        .unwrap_or("src");
    let dir = Path::new(root).join(src);
    match std::env::current_dir() {
        Ok(here) => dir
            .strip_prefix(&here)
            .map(Path::to_path_buf)
            .unwrap_or(dir),
        Err(_) => dir,
    }
}

/// The walk over the book's JSON.
struct Walk<'a> {
    job: &'a InlineJob,
    source_dir: &'a Path,
    fonts: &'a mut FontCache,
    messages: String,
    verdict: Verdict,
    drawn: usize,
}

impl Walk<'_> {
    fn value(&mut self, value: &mut Value) {
        match value {
            Value::Array(items) => items.iter_mut().for_each(|item| self.value(item)),
            Value::Object(fields) => {
                if let Some(chapter) = fields.get_mut("Chapter") {
                    self.chapter(chapter);
                }
                for (key, field) in fields.iter_mut() {
                    if key != "Chapter" {
                        self.value(field);
                    }
                }
            }
            _ => {}
        }
    }

    fn chapter(&mut self, chapter: &mut Value) {
        let path = (chapter.get("source_path").and_then(Value::as_str))
            .or_else(|| chapter.get("path").and_then(Value::as_str))
            .map(|path| self.source_dir.join(path))
            .unwrap_or_else(|| self.source_dir.join("chapter.md"));
        if let Some(Value::String(content)) = chapter.get_mut("content") {
            let inlined = self.job.page(&path, content, self.fonts);
            *content = inlined.markdown;
            self.messages.push_str(&inlined.messages);
            self.verdict = self.verdict.max(inlined.verdict);
            self.drawn += inlined.drawn;
        }
        // Sub-chapters.
        if let Some(items) = chapter.get_mut("sub_items") {
            self.value(items);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::inline::tests::job;
    use super::*;

    const FLOW: &str = "```crmflow\nflow \"Refund\" { goal \"Pay back\" owner \"Finance\" reviewed 2026-11-01 }\nlane desk \"Desk\"\nstart a \"Ask\" lane desk\nend b \"Done\" lane desk\na -> b\n```\n";

    fn chapter(name: &str, content: &str, sub: Vec<Value>) -> Value {
        serde_json::json!({"Chapter": {
            "name": name, "content": content, "number": [1], "sub_items": sub,
            "path": format!("{name}.md"), "source_path": format!("{name}.md"), "parent_names": []
        }})
    }

    fn context(src: &str) -> Value {
        serde_json::json!({"root": "/nonexistent/book", "config": {"book": {"src": src}},
            "renderer": "html", "mdbook_version": "0.5.4"})
    }

    #[test]
    fn chapters_and_sub_chapters_of_either_mdbook_version_get_their_drawings() {
        let sub = chapter("sub", &format!("# Sub\n\n{FLOW}"), vec![]);
        let top = chapter("top", "# Top\n", vec![sub]);
        for key in ["items", "sections"] {
            let book = serde_json::json!({key: [top, "Separator", {"PartTitle": "Part"}], "__non_exhaustive": null});
            let input = serde_json::json!([context("src"), book]).to_string();
            let out = preprocess(&input, &job(), &mut FontCache::default()).unwrap();
            assert_eq!(out.verdict, Verdict::Clean, "{}", out.messages);
            assert_eq!(out.drawn, 1);
            let book: Value = serde_json::from_str(&out.book).unwrap();
            let items = &book[key];
            assert_eq!(items[0]["Chapter"]["content"], "# Top\n");
            let sub = items[0]["Chapter"]["sub_items"][0]["Chapter"]["content"]
                .as_str()
                .unwrap();
            assert!(
                sub.starts_with("# Sub\n\n<div class=\"crmflow\">\n<svg "),
                "{sub}"
            );
            assert_eq!(items[1], "Separator");
            assert_eq!(items[2]["PartTitle"], "Part");
            assert_eq!(book["__non_exhaustive"], Value::Null);
        }
    }

    #[test]
    fn a_lint_error_names_the_chapter_file_and_line() {
        let bad = "# Bad\n\n```crmflow\nlane desk \"Desk\"\nstep a \"A\" lane desk\nstep b \"B\" lane desk\na -> b\n```\n";
        let book = serde_json::json!({"items": [chapter("bad", bad, vec![])]});
        let input = serde_json::json!([context("pages"), book]).to_string();
        let out = preprocess(&input, &job(), &mut FontCache::default()).unwrap();
        assert!(out.verdict >= Verdict::Findings, "{}", out.messages);
        assert!(
            out.messages.contains("/nonexistent/book/pages/bad.md:4:"),
            "{}",
            out.messages
        );
    }

    #[test]
    fn input_that_is_not_mdbooks_is_refused_with_a_reason() {
        for input in ["", "{}", "[1]", "not json"] {
            assert!(
                preprocess(input, &job(), &mut FontCache::default()).is_err(),
                "{input}"
            );
        }
    }
}

//! Messages people read, in English and Chinese.
//!
//! Takes a [`Message`] — a catalog id and its arguments, built where the
//! problem is found — and a [`Lang`]; gives the sentence in that language.
//! The catalogs are Project Fluent files in this folder (`en/*.ftl`,
//! `zh/*.ftl`), formatted by `fluent-bundle` (CLDR plural rules, selectors
//! for words like "lane"/"泳道"); no sentence a person reads is written in
//! the code. Codes, spans and machine formats (JSON, SARIF) do not change
//! with the language: they always carry the English text.
//!
//! Which language: `--lang`, else `CRMFLOW_LANG`, else the system locale
//! ([`choose`]), set once per process by the front end ([`set_current`]);
//! the watch page follows the browser's language.

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU8, Ordering};

/// A language crmflow speaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Lang {
    /// English (the default, and what machine formats carry).
    En,
    /// Simplified Chinese.
    Zh,
}

impl Lang {
    /// Every language, English first.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Zh];

    /// Its code: `en`, `zh`.
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
        }
    }

    /// The language of a tag such as `zh`, `zh-CN`, `zh_TW.UTF-8`,
    /// `en-GB`, `C`; `None` for a language crmflow does not speak.
    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag
            .trim()
            .split(['-', '_', '.', '@'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        match primary.as_str() {
            "zh" | "cmn" => Some(Lang::Zh),
            "en" | "c" | "posix" => Some(Lang::En),
            _ => None,
        }
    }

    /// The first language of an HTTP `Accept-Language` list that crmflow
    /// speaks (`zh-CN,zh;q=0.9,en;q=0.8` → Chinese), by quality.
    pub fn from_accept_language(header: &str) -> Option<Lang> {
        let mut offered: Vec<(f32, usize, Lang)> = header
            .split(',')
            .enumerate()
            .filter_map(|(order, item)| {
                let mut parts = item.split(';');
                let lang = Lang::from_tag(parts.next()?)?;
                let quality = parts
                    .find_map(|p| p.trim().strip_prefix("q="))
                    .and_then(|q| q.trim().parse::<f32>().ok())
                    .unwrap_or(1.0);
                (quality > 0.0).then_some((quality, order, lang))
            })
            .collect();
        offered.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        offered.first().map(|&(_, _, lang)| lang)
    }
}

/// The language of the system locale (`LC_ALL`, `LC_MESSAGES`, `LANG` on
/// Unix; the user's UI language elsewhere), else English.
pub fn system_language() -> Lang {
    sys_locale::get_locale()
        .as_deref()
        .and_then(Lang::from_tag)
        .unwrap_or(Lang::En)
}

static CURRENT: AtomicU8 = AtomicU8::new(0);

/// Sets the language of everything printed for people from now on.
pub fn set_current(lang: Lang) {
    CURRENT.store(lang as u8, Ordering::Relaxed);
}

/// The language set by [`set_current`] (English until then).
pub fn current() -> Lang {
    match CURRENT.load(Ordering::Relaxed) {
        1 => Lang::Zh,
        _ => Lang::En,
    }
}

/// A message to show a person: a catalog id and its arguments. Formatted
/// late, in whatever language the reader wants; serialised (JSON) as its
/// English text.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Message {
    id: &'static str,
    args: Vec<(&'static str, Arg)>,
}

/// One argument of a [`Message`].
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Arg {
    /// Text shown as it is (an id, a label, a file name).
    Text(String),
    /// A count (chooses plural forms).
    Count(i64),
    /// Another message, formatted in the same language.
    Message(Box<Message>),
    /// Items joined as "a, b and c" / "a、b 和 c".
    And(Vec<Arg>),
    /// Items joined as "a, b or c" / "a、b 或 c".
    Or(Vec<Arg>),
}

impl From<&str> for Arg {
    fn from(text: &str) -> Arg {
        Arg::Text(text.to_owned())
    }
}
impl From<String> for Arg {
    fn from(text: String) -> Arg {
        Arg::Text(text)
    }
}
impl From<&String> for Arg {
    fn from(text: &String) -> Arg {
        Arg::Text(text.clone())
    }
}
impl From<usize> for Arg {
    fn from(count: usize) -> Arg {
        Arg::Count(count as i64)
    }
}
impl From<u32> for Arg {
    fn from(count: u32) -> Arg {
        Arg::Count(count.into())
    }
}
impl From<i64> for Arg {
    fn from(count: i64) -> Arg {
        Arg::Count(count)
    }
}
impl From<&&str> for Arg {
    fn from(text: &&str) -> Arg {
        Arg::Text((*text).to_owned())
    }
}
impl From<&&String> for Arg {
    fn from(text: &&String) -> Arg {
        Arg::Text((*text).clone())
    }
}
impl From<&i64> for Arg {
    fn from(count: &i64) -> Arg {
        Arg::Count(*count)
    }
}
impl From<&time::Date> for Arg {
    fn from(date: &time::Date) -> Arg {
        Arg::Text(date.to_string())
    }
}
/// Shown as text: things whose `Display` is what a person should read.
macro_rules! arg_from_display {
    ($($t:ty),* $(,)?) => {$(
        impl From<&$t> for Arg {
            fn from(value: &$t) -> Arg {
                Arg::Text(value.to_string())
            }
        }
    )*};
}
arg_from_display!(
    crate::source::LineCol,
    std::borrow::Cow<'_, str>,
    std::path::Display<'_>,
    std::io::Error,
    crate::files::ReadError,
    glob::PatternError,
    f64,
);

impl From<char> for Arg {
    fn from(c: char) -> Arg {
        Arg::Text(c.to_string())
    }
}
impl From<&char> for Arg {
    fn from(c: &char) -> Arg {
        Arg::Text(c.to_string())
    }
}
impl From<&usize> for Arg {
    fn from(count: &usize) -> Arg {
        Arg::Count(*count as i64)
    }
}
impl From<&i32> for Arg {
    fn from(count: &i32) -> Arg {
        Arg::Count((*count).into())
    }
}
impl From<&u32> for Arg {
    fn from(count: &u32) -> Arg {
        Arg::Count((*count).into())
    }
}
impl From<&Message> for Arg {
    fn from(message: &Message) -> Arg {
        Arg::Message(Box::new(message.clone()))
    }
}
impl From<&Arg> for Arg {
    fn from(arg: &Arg) -> Arg {
        arg.clone()
    }
}
impl From<Message> for Arg {
    fn from(message: Message) -> Arg {
        Arg::Message(Box::new(message))
    }
}

/// The message with this catalog id (add arguments with [`Message::arg`]).
pub fn t(id: &'static str) -> Message {
    Message {
        id,
        args: Vec::new(),
    }
}

impl Message {
    /// Adds an argument (`{ $name }` in the catalogs).
    pub fn arg(mut self, name: &'static str, value: impl Into<Arg>) -> Message {
        self.args.push((name, value.into()));
        self
    }

    /// Its catalog id.
    pub fn id(&self) -> &'static str {
        self.id
    }

    /// The text of its argument `name`, if it has one given as text.
    pub fn arg_text(&self, name: &str) -> Option<&str> {
        self.args.iter().find_map(|(arg, value)| match value {
            Arg::Text(text) if *arg == name => Some(text.as_str()),
            _ => None,
        })
    }

    /// The sentence in `lang` (in English when that catalog lacks it; the
    /// id itself if no catalog has it — never a panic).
    pub fn text(&self, lang: Lang) -> String {
        let mut fluent_args = FluentArgs::new();
        for (name, value) in &self.args {
            let value = match value {
                Arg::Count(count) => FluentValue::from(*count),
                other => FluentValue::from(other.text(lang)),
            };
            fluent_args.set(*name, value);
        }
        format(lang, self.id, Some(&fluent_args))
            .or_else(|| format(Lang::En, self.id, Some(&fluent_args)))
            .unwrap_or_else(|| self.id.to_owned())
    }

    /// The English sentence (what JSON and SARIF carry).
    pub fn english(&self) -> String {
        self.text(Lang::En)
    }

    /// The sentence in the [`current`] language.
    pub fn local(&self) -> String {
        self.text(current())
    }
}

/// A message printed for a person: in the [`current`] language. (Machine
/// formats serialise it, which gives English.)
impl std::fmt::Display for Message {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.local())
    }
}

impl serde::Serialize for Message {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.english())
    }
}

impl Arg {
    /// The argument as text in `lang`.
    pub fn text(&self, lang: Lang) -> String {
        match self {
            Arg::Text(text) => text.clone(),
            Arg::Count(count) => count.to_string(),
            Arg::Message(message) => message.text(lang),
            Arg::And(items) => join(items, lang, "list-and"),
            Arg::Or(items) => join(items, lang, "list-or"),
        }
    }
}

/// "a, b and c" in English, "a、b 和 c" in Chinese (`pair` is the catalog
/// id of the two-item form `{ $rest } and { $last }`).
fn join(items: &[Arg], lang: Lang, pair: &'static str) -> String {
    match items.split_last() {
        None => String::new(),
        Some((last, [])) => last.text(lang),
        Some((last, rest)) => {
            let separator = text(lang, "list-separator");
            let rest: Vec<String> = rest.iter().map(|item| item.text(lang)).collect();
            t(pair)
                .arg("rest", rest.join(&separator))
                .arg("last", last.text(lang))
                .text(lang)
        }
    }
}

/// Words to show as they are, as list items.
pub fn texts<S: ToString>(items: impl IntoIterator<Item = S>) -> Vec<Arg> {
    items
        .into_iter()
        .map(|item| Arg::Text(item.to_string()))
        .collect()
}

/// A catalog message without arguments whose id is made at run time
/// (`rule-summary-{name}`), in `lang`; `None` if no catalog has it.
pub fn text_of(lang: Lang, id: &str) -> Option<String> {
    format(lang, id, None).or_else(|| format(Lang::En, id, None))
}

/// A catalog message without arguments, in `lang`.
pub fn text(lang: Lang, id: &'static str) -> String {
    t(id).text(lang)
}

/// The catalog files of each language: (file name, Fluent source).
pub const CATALOGS: [(Lang, &[(&str, &str)]); 2] = [
    (
        Lang::En,
        &[
            ("diagnostics.ftl", include_str!("en/diagnostics.ftl")),
            ("lint.ftl", include_str!("en/lint.ftl")),
            ("cli.ftl", include_str!("en/cli.ftl")),
            ("page.ftl", include_str!("en/page.ftl")),
            ("document.ftl", include_str!("en/document.ftl")),
            ("help.ftl", include_str!("en/help.ftl")),
        ],
    ),
    (
        Lang::Zh,
        &[
            ("diagnostics.ftl", include_str!("zh/diagnostics.ftl")),
            ("lint.ftl", include_str!("zh/lint.ftl")),
            ("cli.ftl", include_str!("zh/cli.ftl")),
            ("page.ftl", include_str!("zh/page.ftl")),
            ("document.ftl", include_str!("zh/document.ftl")),
            ("help.ftl", include_str!("zh/help.ftl")),
        ],
    ),
];

type Bundle = FluentBundle<FluentResource>;

/// Catalog files per language (every language has the same files).
const FILES: usize = CATALOGS[0].1.len();
const _: () = assert!(CATALOGS[1].1.len() == FILES);

/// The catalog file a message id most likely lives in, by its first word
/// (`lint-…` in lint.ftl); the message is looked for there first, then in
/// the other files, so a guess that misses costs time, never a message.
fn likely_file(id: &str) -> &'static str {
    let word = id.split('-').next().unwrap_or("");
    match word {
        "doc" | "sop" => "document.ftl",
        "help" => "help.ftl",
        "lint" | "rule" | "explain" => "lint.ftl",
        "page" => "page.ftl",
        "cli" | "io" | "stats" | "count" | "lsp" | "summary" | "serve" | "limit" => "cli.ftl",
        _ => "diagnostics.ftl",
    }
}

/// The bundle of one catalog file, parsed the first time a message is
/// looked for in it: a run that prints a lint warning parses the lint
/// and command-line catalogs, not the diagnostics or the watch page's; a
/// drawing's legend only the document words. (No message refers to a
/// message of another file.)
fn bundle(lang: Lang, file: usize) -> &'static Bundle {
    static BUNDLES: [[OnceLock<Bundle>; FILES]; CATALOGS.len()] =
        [const { [const { OnceLock::new() }; FILES] }; CATALOGS.len()];
    BUNDLES[lang as usize][file].get_or_init(|| {
        let (lang, files) = &CATALOGS[lang as usize];
        let tag: unic_langid::LanguageIdentifier =
            lang.code().parse().expect("a valid language tag");
        let mut bundle = FluentBundle::new_concurrent(vec![tag]);
        // Our output is plain text in terminals and files: no Unicode
        // isolation marks around arguments.
        bundle.set_use_isolating(false);
        // A broken entry is left out (the catalog tests fail on it); the
        // rest of the file still loads.
        let resource = FluentResource::try_new(files[file].1.to_string())
            .unwrap_or_else(|(partial, _)| partial);
        let _ = bundle.add_resource(resource);
        bundle
    })
}

fn format(lang: Lang, id: &str, args: Option<&FluentArgs>) -> Option<String> {
    let files = CATALOGS[lang as usize].1;
    let likely = files
        .iter()
        .position(|(name, _)| *name == likely_file(id))
        .unwrap_or(0);
    let (bundle, message) = std::iter::once(likely)
        .chain((0..files.len()).filter(|&file| file != likely))
        .find_map(|file| {
            let bundle = bundle(lang, file);
            bundle.get_message(id).map(|message| (bundle, message))
        })?;
    let pattern = message.value()?;
    let mut errors = Vec::new();
    let text = bundle.format_pattern(pattern, args, &mut errors);
    // A message asked for without one of its arguments shows `{$name}`:
    // every test that formats it fails on that.
    debug_assert!(errors.is_empty(), "message `{id}`: {errors:?}");
    Some(text.into_owned())
}

/// Every message of a language's catalogs as `(id, text)` with no
/// arguments filled in (`{ $name }` stays): what the watch page formats
/// itself.
pub fn page_messages(lang: Lang) -> Vec<(String, String)> {
    let mut found = Vec::new();
    for (catalog_lang, files) in CATALOGS.iter() {
        if *catalog_lang != lang {
            continue;
        }
        for (name, source) in files.iter() {
            if *name != "page.ftl" {
                continue;
            }
            let resource =
                FluentResource::try_new(source.to_string()).unwrap_or_else(|(partial, _)| partial);
            for entry in resource.entries() {
                if let fluent_syntax::ast::Entry::Message(message) = entry
                    && let Some(pattern) = &message.value
                {
                    found.push((message.id.name.to_owned(), raw_pattern(pattern)));
                }
            }
        }
    }
    found
}

/// A pattern as text with each variable left as `{ $name }`.
fn raw_pattern(pattern: &fluent_syntax::ast::Pattern<&str>) -> String {
    use fluent_syntax::ast::{Expression, InlineExpression, PatternElement};
    let mut text = String::new();
    for element in &pattern.elements {
        match element {
            PatternElement::TextElement { value } => text.push_str(value),
            PatternElement::Placeable {
                expression: Expression::Inline(InlineExpression::VariableReference { id }),
            } => text.push_str(&format!("{{ ${} }}", id.name)),
            PatternElement::Placeable {
                expression: Expression::Inline(InlineExpression::StringLiteral { value }),
            } => text.push_str(value),
            PatternElement::Placeable { .. } => {}
        }
    }
    text
}

#[cfg(test)]
mod tests;

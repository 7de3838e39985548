//! `crmflow lsp`: a Language Server over stdio, for any editor.
//!
//! Takes the editor's open documents (full-text sync) and gives what the
//! command line gives, live: every parse, resolve and lint finding exactly
//! as `crmflow check` reports it (through [`crate::pipeline::build`], with
//! the file's `crmflow.yaml` and `# crmflow-ignore`), and the editing help
//! that needs names: completion, hover, go to definition, references,
//! rename, document symbols, folding, formatting (`crmflow fmt`) and quick
//! fixes. Names come from the syntax tree ([`index`]), so they work while
//! the file does not resolve. Positions are UTF-16 as LSP requires
//! ([`position`]).
//!
//! The server is synchronous (`lsp-server`, as rust-analyzer): one request
//! at a time, each answered or refused with an error; no input makes it
//! panic or exit — a request that fails inside is answered with an internal
//! error and the server goes on.

mod actions;
mod complete;
pub mod index;
pub mod position;
#[cfg(test)]
mod tests;
pub mod transport;

use crate::diag::Severity;
use crate::i18n::t;
use crate::lint::LintSettings;
use crate::pipeline::{self, Request};
use crate::source::SourceFile;
use crate::world::{Disk, World};
use index::{Index, Namespace};
use lsp_server::{Connection, ErrorCode, Message, Notification, Response};
use lsp_types as lsp;
use lsp_types::notification::Notification as _;
use lsp_types::request::Request as _;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Runs the server on standard input and output until the client says
/// `exit`.
pub fn serve_stdio() -> Result<(), String> {
    let (connection, threads) = transport::stdio(crate::limits::current().file_bytes);
    serve(&connection)?;
    drop(connection);
    threads.join()
}

/// Runs the server on a connection until the client says `exit`.
pub fn serve(connection: &Connection) -> Result<(), String> {
    let capabilities = serde_json::to_value(capabilities()).expect("capabilities serialise");
    let client = connection
        .initialize(capabilities)
        .map_err(|err| err.to_string())?;
    // Messages in the editor's language when it says which (VS Code sends
    // `zh-cn` under a Chinese UI) and crmflow speaks it.
    if let Some(lang) = client["locale"]
        .as_str()
        .and_then(crate::i18n::Lang::from_tag)
    {
        crate::i18n::set_current(lang);
    }
    let mut server = Session::default();
    let mut shut_down = false;
    let mut next: Option<Message> = None;
    loop {
        let message = match next.take() {
            Some(message) => message,
            None => match connection.receiver.recv() {
                Ok(message) => message,
                Err(_) => return Ok(()),
            },
        };
        // A change followed at once by another change of the same document
        // is skipped (full-text sync: the later one holds all of it), so a
        // burst of keystrokes on a large flow is checked once, not per key.
        let message = match message {
            Message::Notification(change)
                if change.method == lsp::notification::DidChangeTextDocument::METHOD =>
            {
                let mut change = change;
                while let Ok(following) = connection.receiver.try_recv() {
                    match following {
                        Message::Notification(later)
                            if later.method == change.method
                                && same_document(&later.params, &change.params) =>
                        {
                            change = later;
                        }
                        other => {
                            next = Some(other);
                            break;
                        }
                    }
                }
                Message::Notification(change)
            }
            other => other,
        };
        match message {
            Message::Notification(notification) if notification.method == "exit" => {
                return Ok(());
            }
            Message::Request(request) if shut_down => {
                let response = Response::new_err(
                    request.id,
                    ErrorCode::InvalidRequest as i32,
                    "the server is shutting down: only `exit` is expected".into(),
                );
                send(connection, Message::Response(response))?;
            }
            Message::Request(request) if request.method == "shutdown" => {
                shut_down = true;
                let response = Response::new_ok(request.id, serde_json::Value::Null);
                send(connection, Message::Response(response))?;
            }
            Message::Request(request) => {
                let id = request.id.clone();
                let answer = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    server.request(&request.method, request.params)
                }));
                let response = match answer {
                    Ok(Ok(value)) => Response::new_ok(id, value),
                    Ok(Err((code, message))) => Response::new_err(id, code as i32, message),
                    Err(_) => Response::new_err(
                        id,
                        ErrorCode::InternalError as i32,
                        "crmflow could not answer this request (an internal error; please report it)"
                            .into(),
                    ),
                };
                send(connection, Message::Response(response))?;
            }
            Message::Notification(notification) => {
                let published = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    server.notification(&notification.method, notification.params)
                }))
                .unwrap_or_default();
                for (uri, diagnostics, version) in published {
                    let params = lsp::PublishDiagnosticsParams {
                        uri,
                        diagnostics,
                        version,
                    };
                    let note = Notification::new(
                        lsp::notification::PublishDiagnostics::METHOD.to_owned(),
                        params,
                    );
                    send(connection, Message::Notification(note))?;
                }
            }
            Message::Response(_) => {}
        }
    }
}

/// True when two `didChange` params name the same document.
fn same_document(a: &serde_json::Value, b: &serde_json::Value) -> bool {
    let uri =
        |params: &serde_json::Value| params["textDocument"]["uri"].as_str().map(str::to_owned);
    uri(a).is_some() && uri(a) == uri(b)
}

fn send(connection: &Connection, message: Message) -> Result<(), String> {
    connection
        .sender
        .send(message)
        .map_err(|err| err.to_string())
}

/// What the server offers.
pub fn capabilities() -> lsp::ServerCapabilities {
    lsp::ServerCapabilities {
        text_document_sync: Some(lsp::TextDocumentSyncCapability::Kind(
            lsp::TextDocumentSyncKind::FULL,
        )),
        completion_provider: Some(lsp::CompletionOptions {
            trigger_characters: Some(vec![" ".into(), ">".into(), "\"".into()]),
            ..lsp::CompletionOptions::default()
        }),
        hover_provider: Some(lsp::HoverProviderCapability::Simple(true)),
        definition_provider: Some(lsp::OneOf::Left(true)),
        references_provider: Some(lsp::OneOf::Left(true)),
        rename_provider: Some(lsp::OneOf::Left(true)),
        document_symbol_provider: Some(lsp::OneOf::Left(true)),
        folding_range_provider: Some(lsp::FoldingRangeProviderCapability::Simple(true)),
        document_formatting_provider: Some(lsp::OneOf::Left(true)),
        code_action_provider: Some(lsp::CodeActionProviderCapability::Simple(true)),
        ..lsp::ServerCapabilities::default()
    }
}

/// An error answer: its code and message.
pub type Failure = (ErrorCode, String);

/// Diagnostics to publish: the document, its diagnostics, its version.
pub type Published = (lsp::Url, Vec<lsp::Diagnostic>, Option<i32>);

/// The server's state apart from the transport: the open documents. Each
/// message in, its answer out — what [`serve`] runs, and what a benchmark
/// or an embedding editor can call directly.
#[derive(Default)]
pub struct Session {
    documents: HashMap<lsp::Url, Document>,
}

struct Document {
    text: String,
    version: i32,
}

/// A document as the handlers see it: its text, file path and names.
pub(crate) struct View {
    pub uri: lsp::Url,
    pub path: Option<PathBuf>,
    pub source: SourceFile,
    /// The names, when the file parses.
    pub index: Option<Index>,
}

impl Session {
    /// Handles a notification (open, change, save, close); gives the
    /// diagnostics to publish.
    pub fn notification(&mut self, method: &str, params: serde_json::Value) -> Vec<Published> {
        use lsp::notification as n;
        let uri = match method {
            n::DidOpenTextDocument::METHOD => {
                let Ok(p) = serde_json::from_value::<lsp::DidOpenTextDocumentParams>(params) else {
                    return Vec::new();
                };
                let document = Document {
                    text: p.text_document.text,
                    version: p.text_document.version,
                };
                self.documents.insert(p.text_document.uri.clone(), document);
                p.text_document.uri
            }
            n::DidChangeTextDocument::METHOD => {
                let Ok(p) = serde_json::from_value::<lsp::DidChangeTextDocumentParams>(params)
                else {
                    return Vec::new();
                };
                let Some(document) = self.documents.get_mut(&p.text_document.uri) else {
                    return Vec::new();
                };
                // Full sync: the last change holds the whole text.
                if let Some(change) = p.content_changes.into_iter().last() {
                    document.text = change.text;
                }
                document.version = p.text_document.version;
                p.text_document.uri
            }
            n::DidSaveTextDocument::METHOD => {
                let Ok(p) = serde_json::from_value::<lsp::DidSaveTextDocumentParams>(params) else {
                    return Vec::new();
                };
                p.text_document.uri
            }
            n::DidCloseTextDocument::METHOD => {
                let Ok(p) = serde_json::from_value::<lsp::DidCloseTextDocumentParams>(params)
                else {
                    return Vec::new();
                };
                self.documents.remove(&p.text_document.uri);
                return vec![(p.text_document.uri, Vec::new(), None)];
            }
            _ => return Vec::new(),
        };
        // A saved config or called flow can change any open document's
        // findings: every open document is checked again.
        let uris: Vec<lsp::Url> = if method == n::DidSaveTextDocument::METHOD {
            self.documents.keys().cloned().collect()
        } else {
            vec![uri]
        };
        uris.into_iter()
            .filter_map(|uri| {
                let version = self.documents.get(&uri)?.version;
                let view = self.view(&uri).ok()?;
                Some((uri, self.diagnostics(&view), Some(version)))
            })
            .collect()
    }

    /// Answers a request, or refuses it with an error.
    pub fn request(
        &mut self,
        method: &str,
        params: serde_json::Value,
    ) -> Result<serde_json::Value, Failure> {
        use lsp::request as r;
        fn parse<T: serde::de::DeserializeOwned>(params: serde_json::Value) -> Result<T, Failure> {
            serde_json::from_value(params).map_err(|err| {
                (
                    ErrorCode::InvalidParams,
                    format!("invalid parameters: {err}"),
                )
            })
        }
        fn answer<T: serde::Serialize>(value: T) -> Result<serde_json::Value, Failure> {
            Ok(serde_json::to_value(value).expect("LSP types serialise"))
        }
        match method {
            r::HoverRequest::METHOD => {
                let p: lsp::HoverParams = parse(params)?;
                let at = &p.text_document_position_params;
                let view = self.view(&at.text_document.uri)?;
                answer(self.hover(&view, at.position))
            }
            r::GotoDefinition::METHOD => {
                let p: lsp::GotoDefinitionParams = parse(params)?;
                let at = &p.text_document_position_params;
                let view = self.view(&at.text_document.uri)?;
                let open = OpenDocuments {
                    documents: &self.documents,
                };
                let root = pipeline::config_for(view.path.as_deref(), None, &open)
                    .ok()
                    .and_then(|(_, config)| config.lint.options.calls_root);
                answer(definition(&view, at.position, &open, root.as_deref()))
            }
            r::References::METHOD => {
                let p: lsp::ReferenceParams = parse(params)?;
                let at = &p.text_document_position;
                let view = self.view(&at.text_document.uri)?;
                answer(references(
                    &view,
                    at.position,
                    p.context.include_declaration,
                ))
            }
            r::Rename::METHOD => {
                let p: lsp::RenameParams = parse(params)?;
                let at = &p.text_document_position;
                let view = self.view(&at.text_document.uri)?;
                answer(rename(&view, at.position, &p.new_name)?)
            }
            r::DocumentSymbolRequest::METHOD => {
                let p: lsp::DocumentSymbolParams = parse(params)?;
                let view = self.view(&p.text_document.uri)?;
                answer(symbols(&view))
            }
            r::FoldingRangeRequest::METHOD => {
                let p: lsp::FoldingRangeParams = parse(params)?;
                let view = self.view(&p.text_document.uri)?;
                answer(folding(&view))
            }
            r::Formatting::METHOD => {
                let p: lsp::DocumentFormattingParams = parse(params)?;
                let view = self.view(&p.text_document.uri)?;
                answer(formatting(&view)?)
            }
            r::Completion::METHOD => {
                let p: lsp::CompletionParams = parse(params)?;
                let at = &p.text_document_position;
                let view = self.view(&at.text_document.uri)?;
                answer(complete::complete(&view, at.position))
            }
            r::CodeActionRequest::METHOD => {
                let p: lsp::CodeActionParams = parse(params)?;
                let view = self.view(&p.text_document.uri)?;
                let findings = self.findings(&view);
                answer(actions::actions(&view, &findings, p.range))
            }
            _ => Err((
                ErrorCode::MethodNotFound,
                format!("crmflow lsp does not handle `{method}`"),
            )),
        }
    }

    /// An open document. A request about a document the editor has not
    /// opened is refused unread: answering it from the disk would let a
    /// request read any file (`/etc/shadow`) and quote it in an error.
    fn view(&self, uri: &lsp::Url) -> Result<View, Failure> {
        let path = uri.to_file_path().ok();
        let text = match self.documents.get(uri) {
            Some(document) => document.text.clone(),
            None => {
                return Err((
                    ErrorCode::InvalidParams,
                    format!("`{uri}` is not open in the editor"),
                ));
            }
        };
        let name = path
            .as_ref()
            .map_or_else(|| uri.to_string(), |path| path.display().to_string());
        let source = SourceFile::new(name, text);
        let index = if too_large(&source).is_some() {
            None
        } else {
            crate::syntax::parse(&source)
                .ok()
                .map(|ast| Index::of(&ast))
        };
        Ok(View {
            uri: uri.clone(),
            path,
            source,
            index,
        })
    }

    /// Every finding of a document, as `crmflow check` gives them.
    fn findings(&self, view: &View) -> Vec<crate::Diag> {
        if let Some(refused) = too_large(&view.source) {
            return vec![refused];
        }
        let open = OpenDocuments {
            documents: &self.documents,
        };
        let path = view.path.as_deref();
        let settings = match pipeline::config_for(path, None, &open) {
            Ok((_, config)) => config.lint,
            // The config's own errors show where it is edited; the flow is
            // still checked with the defaults.
            Err(_) => LintSettings::default(),
        };
        let settings = match open.today() {
            Ok(today) => settings.today(today),
            Err(_) => settings,
        };
        let request = Request {
            path,
            lint: Some(&settings),
            draw: None,
            glyphs: None,
            world: &open,
        };
        match pipeline::build(&view.source, &request) {
            Ok(built) => built.findings,
            Err(errors) => errors,
        }
    }

    fn diagnostics(&self, view: &View) -> Vec<lsp::Diagnostic> {
        self.findings(view)
            .iter()
            .map(|diag| diagnostic(view, diag))
            .collect()
    }

    /// What is under the cursor: the lane, module or node an id names, then
    /// the rule doc (as `check --explain` prints it) of each lint finding
    /// there.
    fn hover(&self, view: &View, at: lsp::Position) -> Option<lsp::Hover> {
        let offset = position::offset(&view.source, at);
        let mut parts = Vec::new();
        let mut span = None;
        if let Some(index) = &view.index
            && let Some((namespace, id, id_span)) = index.id_at(offset)
        {
            parts.push(describe(index, namespace, id));
            span = Some(id_span);
        }
        let mut explained = Vec::new();
        for diag in self.findings(view) {
            if diag.span.start > offset || offset > diag.span.end || explained.contains(&diag.code)
            {
                continue;
            }
            if let Ok(doc) = crate::lint::explain(diag.code) {
                explained.push(diag.code);
                parts.push(doc);
                span.get_or_insert(diag.span);
            }
        }
        let span = span?;
        Some(lsp::Hover {
            contents: lsp::HoverContents::Markup(lsp::MarkupContent {
                kind: lsp::MarkupKind::Markdown,
                value: parts.join("\n\n---\n\n"),
            }),
            range: Some(position::range(&view.source, span)),
        })
    }
}

/// A document over the `file-size` limit is not checked (as `crmflow
/// check` would not read it): one error at its start says so.
fn too_large(source: &SourceFile) -> Option<crate::Diag> {
    let limit = crate::limits::current().file_bytes;
    (source.text().len() as u64 > limit).then(|| {
        crate::Diag::error(
            crate::diag::codes::TOO_LARGE,
            crate::Span::point(0),
            t("model-this-document-more-than-file").arg("limit", crate::files::human_bytes(limit)),
        )
        .with_help(t("model-raise-file-size-crmflow-limits"))
    })
}

/// Open documents over the disk: `calls` targets and configs the editor
/// holds unsaved are read as the editor has them.
struct OpenDocuments<'a> {
    documents: &'a HashMap<lsp::Url, Document>,
}

impl OpenDocuments<'_> {
    fn open(&self, path: &Path) -> Option<&Document> {
        let uri = lsp::Url::from_file_path(path).ok()?;
        self.documents.get(&uri)
    }
}

impl World for OpenDocuments<'_> {
    fn identity(&self, path: &Path) -> Result<PathBuf, String> {
        match Disk.identity(path) {
            Ok(identity) => Ok(identity),
            Err(_) if self.open(path).is_some() => Ok(crate::files::normalize(path)),
            Err(err) => Err(err),
        }
    }

    fn read_bytes(&self, file: &Path, limit: u64) -> Result<Vec<u8>, String> {
        match self.open(file) {
            Some(document) if document.text.len() as u64 <= limit => {
                Ok(document.text.clone().into_bytes())
            }
            _ => Disk.read_bytes(file, limit),
        }
    }

    fn is_file(&self, path: &Path) -> bool {
        self.open(path).is_some() || Disk.is_file(path)
    }
}

/// A finding as an LSP diagnostic: the same code, severity, message and
/// help as `crmflow check`, related places as related information.
fn diagnostic(view: &View, diag: &crate::Diag) -> lsp::Diagnostic {
    let severity = match diag.severity {
        Severity::Error => lsp::DiagnosticSeverity::ERROR,
        Severity::Warning => lsp::DiagnosticSeverity::WARNING,
        Severity::Info => lsp::DiagnosticSeverity::INFORMATION,
    };
    let lang = crate::i18n::current();
    let message = match &diag.help {
        Some(help) => format!(
            "{}\n{}{}",
            diag.message.text(lang),
            crate::i18n::text(lang, "report-help-prefix"),
            help.text(lang)
        ),
        None => diag.message.text(lang),
    };
    let related: Vec<lsp::DiagnosticRelatedInformation> = diag
        .labels
        .iter()
        .map(|label| lsp::DiagnosticRelatedInformation {
            location: lsp::Location::new(
                view.uri.clone(),
                position::range(&view.source, label.span),
            ),
            message: label.message.text(lang),
        })
        .collect();
    lsp::Diagnostic {
        range: position::range(&view.source, diag.span),
        severity: Some(severity),
        code: Some(lsp::NumberOrString::String(diag.code.to_owned())),
        source: Some("crmflow".into()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        ..lsp::Diagnostic::default()
    }
}

/// Markdown describing a lane, module or node.
fn describe(index: &Index, namespace: Namespace, id: &str) -> String {
    let Some(decl) = index.decl(namespace, id) else {
        return crate::i18n::t("lsp-none-declared")
            .arg("id", id)
            .arg("what", namespace.word())
            .local();
    };
    let label = decl
        .label
        .as_deref()
        .map(|label| format!(" “{label}”"))
        .unwrap_or_default();
    let mut text = match decl.kind {
        Some(kind) => format!("**{}** `{id}`{label}", kind.keyword()),
        None => format!("**{}** `{id}`{label}", namespace.word()),
    };
    let mut line = |name: &str, value: String| {
        if !value.is_empty() {
            text.push_str(&format!("\n\n{name}: {value}"));
        }
    };
    match namespace {
        Namespace::Node => {
            line("lane", decl.lane.clone().unwrap_or_default());
            line("module", decl.module.clone().unwrap_or_default());
            line("phase", decl.phase.clone().unwrap_or_default());
            line("inputs", decl.inputs.join(", "));
            line("outputs", decl.outputs.join(", "));
            line("calls", decl.calls.clone().unwrap_or_default());
            let edge = |other: &str, label: &Option<String>, data: bool| {
                let arrow = if data { " (data)" } else { "" };
                match label {
                    Some(label) => format!("`{other}` “{label}”{arrow}"),
                    None => format!("`{other}`{arrow}"),
                }
            };
            let incoming: Vec<String> = index
                .edges
                .iter()
                .filter(|e| e.to == id)
                .map(|e| edge(&e.from, &e.label, e.data))
                .collect();
            let outgoing: Vec<String> = index
                .edges
                .iter()
                .filter(|e| e.from == id)
                .map(|e| edge(&e.to, &e.label, e.data))
                .collect();
            line("from", incoming.join(", "));
            line("to", outgoing.join(", "));
        }
        Namespace::Lane | Namespace::Module | Namespace::Phase => {
            let members: Vec<String> = index
                .decls_of(Namespace::Node)
                .filter(|node| {
                    let owner = match namespace {
                        Namespace::Lane => &node.lane,
                        Namespace::Phase => &node.phase,
                        Namespace::Module | Namespace::Node => &node.module,
                    };
                    owner.as_deref() == Some(id)
                })
                .map(|node| format!("`{}`", node.id))
                .collect();
            let members = if members.is_empty() {
                "none".to_owned()
            } else {
                members.join(", ")
            };
            line("steps", members);
        }
    }
    text
}

fn not_parsed(view: &View) -> Failure {
    (
        ErrorCode::RequestFailed,
        format!(
            "`{}` does not parse; fix the syntax error first",
            view.source.name()
        ),
    )
}

/// The declaration of the id at `at`, or the file a `calls` there names
/// — only one `calls` may name (inside the project root, as lint's
/// `sub-target` and compile decide).
fn definition(
    view: &View,
    at: lsp::Position,
    world: &dyn World,
    calls_root: Option<&Path>,
) -> Option<lsp::GotoDefinitionResponse> {
    let index = view.index.as_ref()?;
    let offset = position::offset(&view.source, at);
    if let Some(target) = index.calls_at(offset) {
        let path = view.path.as_deref()?;
        let scope = crate::model::calls::CallsScope::of(world, Some(path), calls_root);
        let file = scope.resolve(world, &scope.base, target).ok()?;
        let uri = lsp::Url::from_file_path(file).ok()?;
        let start = lsp::Range::default();
        return Some(lsp::GotoDefinitionResponse::Scalar(lsp::Location::new(
            uri, start,
        )));
    }
    let (namespace, id, _) = index.id_at(offset)?;
    let decl = index.decl(namespace, id)?;
    Some(lsp::GotoDefinitionResponse::Scalar(lsp::Location::new(
        view.uri.clone(),
        position::range(&view.source, decl.id_span),
    )))
}

fn references(
    view: &View,
    at: lsp::Position,
    with_declaration: bool,
) -> Option<Vec<lsp::Location>> {
    let index = view.index.as_ref()?;
    let (namespace, id, _) = index.id_at(position::offset(&view.source, at))?;
    let declared: Vec<crate::Span> = index
        .decls
        .iter()
        .filter(|d| d.namespace == namespace && d.id == id)
        .map(|d| d.id_span)
        .collect();
    Some(
        index
            .occurrences(namespace, id)
            .into_iter()
            .filter(|span| with_declaration || !declared.contains(span))
            .map(|span| lsp::Location::new(view.uri.clone(), position::range(&view.source, span)))
            .collect(),
    )
}

/// Renames an id everywhere in the file; refused when the new name is not
/// an identifier (a reserved word, a space…) or is already taken.
fn rename(view: &View, at: lsp::Position, new_name: &str) -> Result<lsp::WorkspaceEdit, Failure> {
    let index = view.index.as_ref().ok_or_else(|| not_parsed(view))?;
    let (namespace, id, _) = index
        .id_at(position::offset(&view.source, at))
        .ok_or_else(|| {
            (
                ErrorCode::RequestFailed,
                "there is no id here to rename".to_owned(),
            )
        })?;
    let refused = |why: String| Err((ErrorCode::RequestFailed, why));
    if new_name == id {
        return refused(crate::i18n::t("lsp-rename-same").arg("id", id).local());
    }
    if let Some(invisible) = new_name.chars().find(|&c| is_invisible(c)) {
        return refused(format!(
            "`{new_name}` holds an invisible character (U+{:04X}): a name that looks like another is refused",
            u32::from(invisible)
        ));
    }
    if !is_identifier(new_name) {
        return refused(format!(
            "`{new_name}` cannot be a {} id: ids are one word of letters, digits and `_` (Chinese too), not starting with a digit, and not a declaration word such as `step` or `lane`",
            namespace.word()
        ));
    }
    if index.decl(namespace, new_name).is_some() {
        return refused(format!(
            "a {} named `{new_name}` already exists; pick another name",
            namespace.word()
        ));
    }
    let edits = index
        .occurrences(namespace, id)
        .into_iter()
        .map(|span| lsp::TextEdit::new(position::range(&view.source, span), new_name.to_owned()))
        .collect();
    Ok(lsp::WorkspaceEdit::new(HashMap::from([(
        view.uri.clone(),
        edits,
    )])))
}

/// Characters that show nothing (zero-width joiners and spaces, bidi
/// controls, the soft hyphen, the byte-order mark): in a name, they make two
/// different ids look the same.
fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{061C}' | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{206F}' | '\u{FEFF}')
}

/// True when `word` parses as a node id.
pub(crate) fn is_identifier(word: &str) -> bool {
    if word.is_empty() || word.contains(char::is_whitespace) {
        return false;
    }
    let probe = SourceFile::new("probe", format!("step {word} \"x\"\n"));
    match crate::syntax::parse(&probe) {
        Ok(ast) => matches!(
            ast.items.as_slice(),
            [crate::syntax::ast::Item::Node(node)] if node.id.value == word
        ),
        Err(_) => false,
    }
}

#[allow(deprecated)] // `DocumentSymbol::deprecated` must still be given
fn symbols(view: &View) -> Option<Vec<lsp::DocumentSymbol>> {
    let index = view.index.as_ref()?;
    let range = |span| position::range(&view.source, span);
    let mut symbols = Vec::new();
    if let Some((span, title)) = &index.header {
        symbols.push(lsp::DocumentSymbol {
            name: title.clone().unwrap_or_else(|| "flow".into()),
            detail: Some("flow".into()),
            kind: lsp::SymbolKind::FILE,
            tags: None,
            deprecated: None,
            range: range(*span),
            selection_range: range(*span),
            children: None,
        });
    }
    for decl in &index.decls {
        let kind = match decl.namespace {
            Namespace::Lane => lsp::SymbolKind::NAMESPACE,
            Namespace::Module => lsp::SymbolKind::MODULE,
            Namespace::Phase => lsp::SymbolKind::STRUCT,
            Namespace::Node => lsp::SymbolKind::FUNCTION,
        };
        let detail = match decl.kind {
            Some(kind) => kind.keyword(),
            None => decl.namespace.word(),
        };
        symbols.push(lsp::DocumentSymbol {
            name: match &decl.label {
                Some(label) => format!("{} “{label}”", decl.id),
                None => decl.id.clone(),
            },
            detail: Some(detail.into()),
            kind,
            tags: None,
            deprecated: None,
            range: range(decl.span),
            selection_range: range(decl.id_span),
            children: None,
        });
    }
    Some(symbols)
}

fn folding(view: &View) -> Option<Vec<lsp::FoldingRange>> {
    let index = view.index.as_ref()?;
    Some(
        index
            .folds
            .iter()
            .filter_map(|span| {
                let (start, end) = (
                    view.source.line_index(span.start),
                    view.source.line_index(span.end.saturating_sub(1)),
                );
                (end > start).then(|| lsp::FoldingRange {
                    start_line: start as u32,
                    end_line: end as u32,
                    ..lsp::FoldingRange::default()
                })
            })
            .collect(),
    )
}

/// `crmflow fmt` as one edit of the whole text; refused with the parse
/// error when the file does not parse.
fn formatting(view: &View) -> Result<Option<Vec<lsp::TextEdit>>, Failure> {
    let ast = crate::syntax::parse(&view.source).map_err(|errors| {
        let first = &errors[0];
        (
            ErrorCode::RequestFailed,
            format!(
                "not formatted: {} at {}: {}",
                first.code,
                view.source.line_col(first.span.start),
                first.message.local()
            ),
        )
    })?;
    let formatted = crate::format::format(&view.source, &ast);
    if formatted == view.source.text() {
        return Ok(Some(Vec::new()));
    }
    let whole = crate::Span::new(0, view.source.text().len());
    Ok(Some(vec![lsp::TextEdit::new(
        position::range(&view.source, whole),
        formatted,
    )]))
}

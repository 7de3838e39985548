//! The live preview: a small local web server.
//!
//! Takes: [`Snapshot`]s, published after each compile. Gives: a page at
//! `/` that shows the latest one and updates in place, pushed over a
//! websocket at `/ws` to every open tab.
//!
//! Parts: a small accept loop of our own over `std::net`, `httparse`
//! (hyper's request parser) for the request head and tungstenite for the
//! websocket protocol once the upgrade is answered. A preview for a handful
//! of tabs needs no async runtime; owning the loop is what lets it bound
//! what one client may take (tiny_http, used before, could not).
//!
//! Bounds: at most [`MAX_CONNECTIONS`] connections at once (more are told
//! 503 and closed, so file descriptors never run out); a request head of
//! at most [`MAX_HEAD_BYTES`] and [`MAX_HEADERS`] headers (431 past that),
//! sent within [`HEAD_DEADLINE`] (408 past that, one byte at a time or
//! not); every write may stall at most [`WRITE_TIMEOUT`], so a client that
//! never reads holds only its own connection, and only that long. Each
//! connection has its own thread; the accept loop never ends while watch
//! runs — an accept error (such as running out of file descriptors) is
//! reported once and retried.
//!
//! Safety: the server serves a few fixed routes and never touches the file
//! system (no directory listing, no path to traverse). It answers only
//! requests whose `Host` is its own address (a DNS-rebinding page cannot
//! reach it) and refuses websocket upgrades from any other origin. Bound
//! beyond loopback, it also wants an access token: a random 128-bit value
//! in the printed links (`/?token=…`), which the first page load trades
//! for a same-site cookie; without either, every route answers 403, so a
//! meeting room's network cannot read the flow by finding the port.

use super::Snapshot;
use crate::i18n::Lang;
use crate::render::Fonts;
use std::io::{ErrorKind, Read, Write};
use std::net::{Shutdown, SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};
use tungstenite::protocol::{Role, WebSocket};
use tungstenite::{Message, handshake::derive_accept_key};

/// The page, embedded in the binary (no build step).
const PAGE: &str = include_str!("page.html");
/// The page's script, served as a file so the page's policy can forbid
/// inline scripts and `javascript:` URLs.
const SCRIPT: &str = include_str!("app.js");

/// How often an idle websocket is pinged (a closed tab is noticed then).
const PING_EVERY: Duration = Duration::from_secs(10);
/// Connections served at once (pages, their files and websockets).
pub const MAX_CONNECTIONS: usize = 64;
/// Bytes a request line and its headers may take.
pub const MAX_HEAD_BYTES: usize = 16 * 1024;
/// Headers one request may send.
pub const MAX_HEADERS: usize = 64;
/// Time a client has to send a whole request head after connecting.
pub const HEAD_DEADLINE: Duration = Duration::from_secs(10);
/// Time one write to a client may stall before the client is dropped.
pub const WRITE_TIMEOUT: Duration = Duration::from_secs(10);
/// Pause after an accept error before trying again.
const ACCEPT_RETRY: Duration = Duration::from_millis(100);

/// The latest published state.
#[derive(Default)]
struct Latest {
    version: u64,
    /// The snapshot as JSON, with `version` set.
    json: Arc<String>,
    /// The diagram's SVG in the default theme, for `/diagram.svg`.
    svg: Option<Arc<String>>,
}

struct Shared {
    latest: Mutex<Latest>,
    /// The font the diagrams are measured with, served to the page.
    fonts: Mutex<&'static Fonts>,
    published: Condvar,
    /// Connections being served now.
    open: AtomicUsize,
    /// The access token, when bound beyond loopback.
    token: Option<String>,
}

/// A running preview server.
pub struct Preview {
    shared: Arc<Shared>,
    address: SocketAddr,
}

impl Preview {
    /// Binds `address` (port 0: a free port) and serves in the background.
    pub fn start(address: SocketAddr) -> Result<Preview, String> {
        let listener = TcpListener::bind(address).map_err(|err| {
            crate::i18n::t("serve-cannot-listen")
                .arg("address", address.to_string())
                .arg("err", &err)
                .local()
        })?;
        let address = listener.local_addr().map_err(|err| {
            crate::i18n::t("serve-cannot-listen")
                .arg("address", address.to_string())
                .arg("err", &err)
                .local()
        })?;
        let token = if address.ip().is_loopback() {
            None
        } else {
            Some(new_token()?)
        };
        let shared = Arc::new(Shared {
            latest: Mutex::new(Latest::default()),
            fonts: Mutex::new(Fonts::bundled()),
            published: Condvar::new(),
            open: AtomicUsize::new(0),
            token,
        });
        let serving = shared.clone();
        std::thread::Builder::new()
            .name("crmflow preview".into())
            .spawn(move || accept_forever(&listener, &serving, address))
            .map_err(|err| {
                crate::i18n::t("serve-cannot-start")
                    .arg("err", &err)
                    .local()
            })?;
        Ok(Preview { shared, address })
    }

    /// The page's URL (an all-interfaces address is shown as
    /// `127.0.0.1`), with its access token if it needs one.
    pub fn url(&self) -> String {
        let host = if self.address.ip().is_unspecified() {
            SocketAddr::new([127, 0, 0, 1].into(), self.address.port())
        } else {
            self.address
        };
        self.link(host)
    }

    /// Every address the page can be reached at: this one, or for a server
    /// bound to all interfaces, loopback and each interface's address.
    pub fn urls(&self) -> Vec<String> {
        if !self.address.ip().is_unspecified() {
            return vec![self.url()];
        }
        let mut urls = vec![self.url()];
        let v6 = self.address.is_ipv6();
        for interface in if_addrs::get_if_addrs().unwrap_or_default() {
            let ip = interface.ip();
            if ip.is_loopback() || ip.is_ipv6() != v6 {
                continue;
            }
            urls.push(self.link(SocketAddr::new(ip, self.address.port())));
        }
        urls.dedup();
        urls
    }

    /// Whether the page can be reached from beyond this machine (and so
    /// wants its token).
    pub fn is_shared(&self) -> bool {
        self.shared.token.is_some()
    }

    fn link(&self, host: SocketAddr) -> String {
        match &self.shared.token {
            Some(token) => format!("http://{host}/?token={token}"),
            None => format!("http://{host}/"),
        }
    }

    /// The font the diagrams are drawn with (the page loads it, so it
    /// looks the same on a machine without it).
    pub fn set_fonts(&self, fonts: &'static Fonts) {
        *self.shared.fonts.lock().unwrap_or_else(|e| e.into_inner()) = fonts;
    }

    /// Shows `snapshot` on every open page.
    pub fn publish(&self, snapshot: &Snapshot) {
        let mut latest = self.shared.latest.lock().unwrap_or_else(|e| e.into_inner());
        latest.version += 1;
        let mut json = serde_json::to_value(snapshot).unwrap_or_default();
        json["version"] = latest.version.into();
        latest.json = Arc::new(json.to_string());
        latest.svg = snapshot
            .diagram
            .as_ref()
            .and_then(|diagram| diagram.svg.default_theme().cloned())
            .map(Arc::new);
        drop(latest);
        self.shared.published.notify_all();
    }
}

/// Accepts connections until the process ends, each served on its own
/// thread while fewer than [`MAX_CONNECTIONS`] are open.
fn accept_forever(listener: &TcpListener, shared: &Arc<Shared>, address: SocketAddr) {
    let mut failing = false;
    loop {
        let stream = match listener.accept() {
            Ok((stream, _)) => {
                failing = false;
                stream
            }
            Err(err) => {
                // Out of file descriptors, a connection reset before it
                // was accepted…: say so once, then keep serving.
                if !failing && err.kind() != ErrorKind::ConnectionAborted {
                    eprintln!("[preview] cannot accept a connection ({err}); retrying");
                }
                failing = true;
                std::thread::sleep(ACCEPT_RETRY);
                continue;
            }
        };
        let _ = stream.set_write_timeout(Some(WRITE_TIMEOUT));
        if shared.open.fetch_add(1, Ordering::SeqCst) >= MAX_CONNECTIONS {
            shared.open.fetch_sub(1, Ordering::SeqCst);
            refuse(
                stream,
                503,
                "too many connections to the preview; try again\n",
            );
            continue;
        }
        let slot = Slot(shared.clone());
        let spawned = std::thread::Builder::new()
            .name("crmflow preview connection".into())
            .spawn(move || serve_connection(stream, &slot, address));
        if spawned.is_err() {
            // The slot went with the closure and was released.
            continue;
        }
    }
}

/// One connection's place among [`MAX_CONNECTIONS`], given back on drop
/// (also when its thread panics).
struct Slot(Arc<Shared>);

impl Drop for Slot {
    fn drop(&mut self) {
        self.0.open.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Answers `status` and closes, without reading the request.
fn refuse(mut stream: TcpStream, status: u16, body: &str) {
    let _ = stream.set_write_timeout(Some(Duration::from_millis(200)));
    let _ = Reply::text(status, body).write_to(&mut stream, false);
    let _ = stream.shutdown(Shutdown::Write);
}

/// What the server needs of a request head.
struct Head {
    method: String,
    path: String,
    host: Option<String>,
    upgrade: Option<String>,
    websocket_key: Option<String>,
    origin: Option<String>,
    cookie: Option<String>,
    accept_language: Option<String>,
}

/// Reads one request head within [`HEAD_DEADLINE`] and
/// [`MAX_HEAD_BYTES`]. Gives the head and the bytes read past it, or the
/// status to refuse the request with (`None`: the client went away).
fn read_head(stream: &mut TcpStream) -> Result<(Head, Vec<u8>), Option<u16>> {
    let deadline = Instant::now() + HEAD_DEADLINE;
    let mut buffer = Vec::with_capacity(1024);
    let mut chunk = [0u8; 4096];
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Err(Some(408));
        }
        let _ = stream.set_read_timeout(Some(left));
        let read = match stream.read(&mut chunk) {
            Ok(0) => return Err(None),
            Ok(read) => read,
            Err(err) if matches!(err.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {
                return Err(Some(408));
            }
            Err(err) if err.kind() == ErrorKind::Interrupted => continue,
            Err(_) => return Err(None),
        };
        buffer.extend_from_slice(&chunk[..read]);
        let mut headers = [httparse::EMPTY_HEADER; MAX_HEADERS];
        let mut request = httparse::Request::new(&mut headers);
        match request.parse(&buffer) {
            Ok(httparse::Status::Complete(length)) => {
                let find = |name: &str| {
                    request
                        .headers
                        .iter()
                        .find(|header| header.name.eq_ignore_ascii_case(name))
                        .and_then(|header| std::str::from_utf8(header.value).ok())
                        .map(|value| value.trim().to_owned())
                };
                let head = Head {
                    method: request.method.unwrap_or_default().to_owned(),
                    path: request.path.unwrap_or_default().to_owned(),
                    host: find("Host"),
                    upgrade: find("Upgrade"),
                    websocket_key: find("Sec-WebSocket-Key"),
                    origin: find("Origin"),
                    cookie: find("Cookie"),
                    accept_language: find("Accept-Language"),
                };
                return Ok((head, buffer[length..].to_vec()));
            }
            Ok(httparse::Status::Partial) if buffer.len() < MAX_HEAD_BYTES => {}
            Ok(httparse::Status::Partial) | Err(httparse::Error::TooManyHeaders) => {
                return Err(Some(431));
            }
            Err(_) => return Err(Some(400)),
        }
    }
}

/// Serves one request on `stream`, then closes it (or hands it to the
/// websocket).
fn serve_connection(mut stream: TcpStream, slot: &Slot, address: SocketAddr) {
    let shared = &slot.0;
    let (head, rest) = match read_head(&mut stream) {
        Ok(read) => read,
        Err(None) => return,
        Err(Some(status)) => {
            let body = match status {
                408 => "the request took too long\n",
                431 => "request header fields too large\n",
                _ => "bad request\n",
            };
            let _ = Reply::text(status, body).write_to(&mut stream, false);
            return;
        }
    };
    let is_head = head.method == "HEAD";
    let reply = match answer(&head, shared, address) {
        Answer::Reply(reply) => reply,
        Answer::Upgrade { key } => {
            let accept = derive_accept_key(key.as_bytes());
            let handshake = format!(
                "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: {accept}\r\n\r\n"
            );
            if stream.write_all(handshake.as_bytes()).is_ok() {
                let _ = stream.set_read_timeout(None);
                push(
                    WebSocket::from_partially_read(stream, rest, Role::Server, None),
                    shared,
                );
            }
            return;
        }
    };
    let _ = reply.write_to(&mut stream, is_head);
    let _ = stream.shutdown(Shutdown::Write);
    // Let the client read the answer before the socket goes (closing with
    // unread request bytes would reset the connection).
    let _ = stream.set_read_timeout(Some(Duration::from_millis(200)));
    let _ = stream.read(&mut [0u8; 1024]);
}

/// A response's body.
enum Body {
    Static(&'static [u8]),
    Shared(Arc<String>),
    Owned(Vec<u8>),
}

/// A whole response, sent with `Connection: close`.
struct Reply {
    status: u16,
    headers: Vec<(&'static str, String)>,
    body: Body,
}

impl Reply {
    fn new(status: u16, content_type: &str, body: Body) -> Reply {
        Reply {
            status,
            headers: vec![("Content-Type", content_type.to_owned())],
            body,
        }
    }

    fn text(status: u16, body: &str) -> Reply {
        Reply::new(
            status,
            "text/plain; charset=utf-8",
            Body::Owned(body.as_bytes().to_vec()),
        )
    }

    fn with(mut self, name: &'static str, value: &str) -> Reply {
        self.headers.push((name, value.to_owned()));
        self
    }

    fn write_to(&self, stream: &mut TcpStream, head_only: bool) -> std::io::Result<()> {
        let body: &[u8] = match &self.body {
            Body::Static(bytes) => bytes,
            Body::Shared(text) => text.as_bytes(),
            Body::Owned(bytes) => bytes,
        };
        let mut head = format!("HTTP/1.1 {} {}\r\n", self.status, reason(self.status));
        for (name, value) in &self.headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str(&format!(
            "Content-Length: {}\r\nConnection: close\r\n\r\n",
            body.len()
        ));
        stream.write_all(head.as_bytes())?;
        if !head_only {
            stream.write_all(body)?;
        }
        stream.flush()
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        101 => "Switching Protocols",
        200 => "OK",
        400 => "Bad Request",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        421 => "Misdirected Request",
        426 => "Upgrade Required",
        431 => "Request Header Fields Too Large",
        503 => "Service Unavailable",
        _ => "",
    }
}

/// The page, its theme menu filled from the theme registry.
/// The page's language: `?lang=zh|en`, else the browser's
/// `Accept-Language`, else English.
fn page_language(head: &Head) -> Lang {
    let query = head.path.split_once('?').map_or("", |(_, query)| query);
    let asked = query
        .split('&')
        .find_map(|pair| pair.strip_prefix("lang="))
        .and_then(Lang::from_tag);
    asked
        .or_else(|| {
            head.accept_language
                .as_deref()
                .and_then(Lang::from_accept_language)
        })
        .unwrap_or(Lang::En)
}

/// The page in `lang`: its controls from the catalog (escaped for HTML),
/// and every page message for the script as JSON in a data block (no
/// script runs from it; `<` is escaped so no text can end the block).
fn page(lang: Lang) -> String {
    // A theme's name and summary in the page's language when the catalog
    // has them (a theme added to the registry shows its own words first).
    let options: String = crate::render::THEMES
        .iter()
        .map(|theme| {
            let label = crate::i18n::text_of(lang, &format!("page-theme-{}", theme.name))
                .unwrap_or_else(|| {
                    let mut label = theme.name.to_owned();
                    label[..1].make_ascii_uppercase();
                    label
                });
            let summary = crate::i18n::text_of(lang, &format!("page-theme-{}-summary", theme.name))
                .unwrap_or_else(|| theme.summary.to_owned());
            format!(
                "    <option value=\"{}\" title=\"{}\"{}>{}</option>\n",
                theme.name,
                escape_html(&summary),
                if theme.dark { " data-dark" } else { "" },
                escape_html(&label)
            )
        })
        .collect();
    let messages = crate::i18n::page_messages(lang);
    let mut html = PAGE.replace("<!--THEMES-->\n", &options);
    for (id, text) in &messages {
        html = html.replace(&format!("{{{{{id}}}}}"), &escape_html(text));
    }
    let json: serde_json::Map<String, serde_json::Value> = messages
        .into_iter()
        .map(|(id, text)| (id, serde_json::Value::String(text)))
        .collect();
    let json = serde_json::Value::Object(json)
        .to_string()
        .replace('<', "\\u003c");
    html.replace("<!--PAGE-TEXT-->", &json)
}

/// Text as HTML text or attribute value.
fn escape_html(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

/// 128 random bits from the operating system, as hex.
fn new_token() -> Result<String, String> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes)
        .map_err(|err| format!("cannot make an access token for the preview: {err}"))?;
    Ok(bytes.iter().map(|byte| format!("{byte:02x}")).collect())
}

/// The cookie the token is kept in after the first page load.
const TOKEN_COOKIE: &str = "crmflow_token";

/// Whether a request carries the access token (in the query, or in the
/// cookie the page got): `Some(true)` when it came in the query (answer
/// with the cookie), `None` when it is missing or wrong.
fn carries_token(head: &Head, token: &str) -> Option<bool> {
    let same = |given: &str| {
        // Compared in full whatever the input, so timing says nothing.
        given.len() == token.len()
            && given
                .bytes()
                .zip(token.bytes())
                .fold(0u8, |diff, (a, b)| diff | (a ^ b))
                == 0
    };
    let query = head.path.split_once('?').map_or("", |(_, query)| query);
    let in_query = query
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .any(|(name, value)| name == "token" && same(value));
    if in_query {
        return Some(true);
    }
    let in_cookie = head.cookie.as_deref().is_some_and(|cookies| {
        cookies
            .split(';')
            .filter_map(|pair| pair.trim().split_once('='))
            .any(|(name, value)| name == TOKEN_COOKIE && same(value))
    });
    in_cookie.then_some(false)
}

/// Whether `host` (a `Host` header) names this server: its own address,
/// or a loopback name with its port. A server bound to all interfaces was
/// opened to the network on purpose and accepts any host.
fn host_allowed(host: &str, address: SocketAddr) -> bool {
    if address.ip().is_unspecified() {
        return true;
    }
    let port = address.port();
    let mut allowed = vec![address.to_string()];
    if address.ip().is_loopback() {
        allowed.extend([
            format!("localhost:{port}"),
            format!("127.0.0.1:{port}"),
            format!("[::1]:{port}"),
        ]);
    }
    allowed.iter().any(|name| name.eq_ignore_ascii_case(host))
}

/// The page's Content-Security-Policy: scripts only from this server's own
/// `/app.js` (no inline script, no `javascript:` link in a drawing can
/// run), nothing loaded from anywhere else.
const PAGE_POLICY: &str = "default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; \
     img-src data: 'self'; font-src 'self'; connect-src 'self'; base-uri 'none'; \
     form-action 'none'; frame-ancestors 'none'";

/// What to do with a request.
enum Answer {
    Reply(Reply),
    /// Switch to the websocket protocol.
    Upgrade {
        key: String,
    },
}

fn answer(head: &Head, shared: &Shared, address: SocketAddr) -> Answer {
    let Some(host) = &head.host else {
        return Answer::Reply(Reply::text(400, "missing Host header\n"));
    };
    if !host_allowed(host, address) {
        return Answer::Reply(Reply::text(
            421,
            "this server answers only to its own address\n",
        ));
    }
    let mut set_cookie = None;
    if let Some(token) = &shared.token {
        match carries_token(head, token) {
            None => {
                return Answer::Reply(Reply::text(
                    403,
                    "this preview is shared beyond its machine and needs its access link: open the address `crmflow watch` printed (it ends in ?token=…)\n",
                ));
            }
            Some(true) => {
                set_cookie = Some(format!(
                    "{TOKEN_COOKIE}={token}; HttpOnly; SameSite=Strict; Path=/"
                ));
            }
            Some(false) => {}
        }
    }
    if head.method != "GET" && head.method != "HEAD" {
        return Answer::Reply(Reply::text(405, "method not allowed\n").with("Allow", "GET, HEAD"));
    }
    let path = head.path.split(['?', '#']).next().unwrap_or("");
    let reply = match path {
        "/" | "/index.html" => Reply::new(
            200,
            "text/html; charset=utf-8",
            Body::Owned(page(page_language(head)).into_bytes()),
        )
        .with("Content-Language", page_language(head).code())
        .with("Vary", "Accept-Language")
        .with("Content-Security-Policy", PAGE_POLICY),
        "/app.js" => Reply::new(
            200,
            "text/javascript; charset=utf-8",
            Body::Static(SCRIPT.as_bytes()),
        ),
        "/state.json" => {
            let json = shared
                .latest
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .json
                .clone();
            Reply::new(200, "application/json", Body::Shared(json))
        }
        "/diagram.svg" => {
            let svg = shared
                .latest
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .svg
                .clone();
            match svg {
                Some(svg) => Reply::new(200, "image/svg+xml", Body::Shared(svg)),
                None => Reply::text(404, "no diagram yet\n"),
            }
        }
        "/fonts.css" => {
            let fonts = *shared.fonts.lock().unwrap_or_else(|e| e.into_inner());
            // A family name is text from a font file: keep it inside the
            // CSS string.
            let family: String = fonts
                .family()
                .chars()
                .filter(|c| !matches!(c, '\'' | '"' | '\\' | '<' | '>') && !c.is_control())
                .collect();
            // The page's own text falls back to the same font (as
            // `crmflow-ui`): a projector PC without a Chinese system font
            // still shows the controls.
            let css = format!(
                "@font-face {{ font-family: '{family}'; src: url(/fonts/regular.otf); font-weight: 400; }}\n\
                 @font-face {{ font-family: '{family}'; src: url(/fonts/bold.otf); font-weight: 700; }}\n\
                 @font-face {{ font-family: 'crmflow-ui'; src: url(/fonts/regular.otf); font-weight: 400; }}\n\
                 @font-face {{ font-family: 'crmflow-ui'; src: url(/fonts/bold.otf); font-weight: 700; }}\n"
            );
            Reply::new(200, "text/css", Body::Owned(css.into_bytes()))
        }
        "/fonts/regular.otf" | "/fonts/bold.otf" => {
            let (regular, bold) = shared
                .fonts
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .faces();
            let data = if path.ends_with("bold.otf") {
                bold
            } else {
                regular
            };
            Reply::new(200, "font/otf", Body::Static(data))
        }
        "/ws" => return upgrade(head, host),
        _ => Reply::text(404, "not found\n"),
    };
    let reply = reply
        .with("Cache-Control", "no-store")
        .with("X-Content-Type-Options", "nosniff");
    Answer::Reply(match set_cookie {
        Some(cookie) => reply.with("Set-Cookie", &cookie),
        None => reply,
    })
}

/// Accepts a websocket upgrade on `/ws` from this server's own page (or
/// from a client that sends no `Origin`, which no browser page can be).
fn upgrade(head: &Head, host: &str) -> Answer {
    let is_upgrade = head
        .upgrade
        .as_deref()
        .is_some_and(|v| v.eq_ignore_ascii_case("websocket"));
    let Some(key) = head.websocket_key.clone().filter(|_| is_upgrade) else {
        return Answer::Reply(Reply::text(426, "websocket upgrade required\n"));
    };
    if let Some(origin) = &head.origin
        && !origin.eq_ignore_ascii_case(&format!("http://{host}"))
    {
        return Answer::Reply(Reply::text(403, "cross-origin websocket refused\n"));
    }
    Answer::Upgrade { key }
}

/// Sends the latest snapshot now and each new one as it is published,
/// until the page goes away (or stops reading for [`WRITE_TIMEOUT`]).
fn push<S: std::io::Read + std::io::Write>(mut socket: WebSocket<S>, shared: &Shared) {
    let mut sent = 0;
    loop {
        let next = {
            let latest = shared.latest.lock().unwrap_or_else(|e| e.into_inner());
            let (latest, _) = shared
                .published
                .wait_timeout_while(latest, PING_EVERY, |latest| latest.version == sent)
                .unwrap_or_else(|e| e.into_inner());
            (latest.version != sent).then(|| (latest.version, latest.json.clone()))
        };
        let result = match next {
            Some((version, json)) => {
                sent = version;
                socket.send(Message::text(json.as_str()))
            }
            None => socket.send(Message::Ping(Vec::new().into())),
        };
        if result.is_err() {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_page_is_in_the_language_asked_for_and_every_control_is_filled_in() {
        let head = |path: &str, accept: Option<&str>| Head {
            method: "GET".into(),
            path: path.into(),
            host: None,
            upgrade: None,
            websocket_key: None,
            origin: None,
            cookie: None,
            accept_language: accept.map(str::to_owned),
        };
        assert_eq!(page_language(&head("/", None)), Lang::En);
        assert_eq!(
            page_language(&head("/", Some("zh-CN,zh;q=0.9,en;q=0.8"))),
            Lang::Zh
        );
        assert_eq!(page_language(&head("/?lang=en", Some("zh-CN"))), Lang::En);
        assert_eq!(page_language(&head("/?token=x&lang=zh", None)), Lang::Zh);
        let zh = page(Lang::Zh);
        assert!(!zh.contains("{{"), "a control without its text");
        assert!(zh.contains("<html lang=\"zh\">"));
        assert!(zh.contains(">演示</button>"), "presenter button in Chinese");
        assert!(
            zh.contains("data-dark>深色</option>"),
            "theme names in Chinese"
        );
        for theme in crate::render::THEMES {
            let id = format!("page-theme-{}", theme.name);
            assert!(crate::i18n::text_of(Lang::Zh, &id).is_some(), "{id}");
        }
        let en = page(Lang::En);
        assert!(!en.contains("{{"));
        assert!(en.contains(">Present</button>"));
        // The script's messages: JSON that no text can close early.
        let start = en.find("id=\"page-text\">").unwrap() + "id=\"page-text\">".len();
        let end = start + en[start..].find("</script>").unwrap();
        let messages: serde_json::Value = serde_json::from_str(&en[start..end]).unwrap();
        assert_eq!(
            messages["page-journey"],
            "Journey { $number } of { $total }: { $name }"
        );
    }

    #[test]
    fn the_page_offers_every_registered_theme() {
        let page = page(Lang::En);
        assert!(!page.contains("<!--THEMES-->"));
        for theme in crate::render::THEMES {
            assert!(page.contains(&format!("<option value=\"{}\"", theme.name)));
        }
        assert!(page.contains("value=\"dark\" title=\"light on dark, for projectors\" data-dark>"));
    }

    #[test]
    fn only_its_own_host_names_are_answered() {
        let address: SocketAddr = "127.0.0.1:4123".parse().unwrap();
        assert!(host_allowed("127.0.0.1:4123", address));
        assert!(host_allowed("localhost:4123", address));
        assert!(host_allowed("LOCALHOST:4123", address));
        assert!(!host_allowed("evil.example:4123", address));
        assert!(!host_allowed("localhost:80", address));
        let everywhere: SocketAddr = "0.0.0.0:4123".parse().unwrap();
        assert!(host_allowed("meeting-room-pc:4123", everywhere));
    }
}

//! The live preview: a small local web server.
//!
//! Takes: [`Snapshot`]s, published after each compile. Gives: a page at
//! `/` that shows the latest one and updates in place, pushed over a
//! websocket at `/ws` to every open tab.
//!
//! Parts: tiny_http for HTTP (synchronous, small, builds in seconds — a
//! preview for a handful of tabs needs no async runtime) and tungstenite
//! for the websocket protocol once tiny_http hands over the upgraded
//! connection.
//!
//! Safety: the server serves a few fixed routes and never touches the file
//! system (no directory listing, no path to traverse). It answers only
//! requests whose `Host` is its own address (a DNS-rebinding page cannot
//! reach it) and refuses websocket upgrades from any other origin.

use super::Snapshot;
use crate::render::Fonts;
use std::io::Cursor;
use std::net::{SocketAddr, TcpListener};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;
use tiny_http::{Header, Method, Request, Response, StatusCode};
use tungstenite::protocol::{Role, WebSocket};
use tungstenite::{Message, handshake::derive_accept_key};

/// The page, embedded in the binary (no build step).
const PAGE: &str = include_str!("page.html");
/// The page's script, served as a file so the page's policy can forbid
/// inline scripts and `javascript:` URLs.
const SCRIPT: &str = include_str!("app.js");

/// How often an idle websocket is pinged (a closed tab is noticed then).
const PING_EVERY: Duration = Duration::from_secs(10);

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
}

/// A running preview server.
pub struct Preview {
    shared: Arc<Shared>,
    address: SocketAddr,
}

impl Preview {
    /// Binds `address` (port 0: a free port) and serves in the background.
    pub fn start(address: SocketAddr) -> Result<Preview, String> {
        let listener = TcpListener::bind(address)
            .map_err(|err| format!("cannot listen on {address}: {err}"))?;
        let address = listener
            .local_addr()
            .map_err(|err| format!("cannot listen on {address}: {err}"))?;
        let server = tiny_http::Server::from_listener(listener, None)
            .map_err(|err| format!("cannot listen on {address}: {err}"))?;
        let shared = Arc::new(Shared {
            latest: Mutex::new(Latest::default()),
            fonts: Mutex::new(Fonts::bundled()),
            published: Condvar::new(),
        });
        let serving = shared.clone();
        std::thread::Builder::new()
            .name("crmflow preview".into())
            .spawn(move || {
                for request in server.incoming_requests() {
                    handle(request, &serving, address);
                }
            })
            .map_err(|err| format!("cannot start the preview server: {err}"))?;
        Ok(Preview { shared, address })
    }

    /// The page's URL (loopback addresses are shown as `127.0.0.1`).
    pub fn url(&self) -> String {
        let host = if self.address.ip().is_unspecified() {
            SocketAddr::new([127, 0, 0, 1].into(), self.address.port())
        } else {
            self.address
        };
        format!("http://{host}/")
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
            .map(|diagram| Arc::new(diagram.svg.default.clone()));
        drop(latest);
        self.shared.published.notify_all();
    }
}

fn header<'a>(request: &'a Request, name: &'static str) -> Option<&'a str> {
    request
        .headers()
        .iter()
        .find(|header| header.field.equiv(name))
        .map(|header| header.value.as_str())
}

fn with_header(
    response: Response<Cursor<Vec<u8>>>,
    name: &str,
    value: &str,
) -> Response<Cursor<Vec<u8>>> {
    match Header::from_bytes(name.as_bytes(), value.as_bytes()) {
        Ok(header) => response.with_header(header),
        Err(()) => response,
    }
}

fn text(status: u16, body: &str) -> Response<Cursor<Vec<u8>>> {
    with_header(
        Response::from_string(body).with_status_code(StatusCode(status)),
        "Content-Type",
        "text/plain; charset=utf-8",
    )
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

fn handle(request: Request, shared: &Arc<Shared>, address: SocketAddr) {
    let Some(host) = header(&request, "Host").map(str::to_owned) else {
        let _ = request.respond(text(400, "missing Host header\n"));
        return;
    };
    if !host_allowed(&host, address) {
        let _ = request.respond(text(421, "this server answers only to its own address\n"));
        return;
    }
    if *request.method() != Method::Get && *request.method() != Method::Head {
        let _ = request.respond(with_header(
            text(405, "method not allowed\n"),
            "Allow",
            "GET, HEAD",
        ));
        return;
    }
    let path = request
        .url()
        .split(['?', '#'])
        .next()
        .unwrap_or("")
        .to_owned();
    let response = match path.as_str() {
        "/" | "/index.html" => with_header(
            with_header(
                Response::from_string(PAGE),
                "Content-Type",
                "text/html; charset=utf-8",
            ),
            "Content-Security-Policy",
            PAGE_POLICY,
        ),
        "/app.js" => with_header(
            Response::from_string(SCRIPT),
            "Content-Type",
            "text/javascript; charset=utf-8",
        ),
        "/state.json" => {
            let json = shared
                .latest
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .json
                .clone();
            with_header(
                Response::from_string(json.as_str()),
                "Content-Type",
                "application/json",
            )
        }
        "/diagram.svg" => {
            let svg = shared
                .latest
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .svg
                .clone();
            match svg {
                Some(svg) => with_header(
                    Response::from_string(svg.as_str()),
                    "Content-Type",
                    "image/svg+xml",
                ),
                None => text(404, "no diagram yet\n"),
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
            let css = format!(
                "@font-face {{ font-family: '{family}'; src: url(/fonts/regular.otf); font-weight: 400; }}\n\
                 @font-face {{ font-family: '{family}'; src: url(/fonts/bold.otf); font-weight: 700; }}\n"
            );
            with_header(Response::from_string(css), "Content-Type", "text/css")
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
            with_header(Response::from_data(data), "Content-Type", "font/otf")
        }
        "/ws" => return upgrade(request, &host, shared.clone()),
        _ => text(404, "not found\n"),
    };
    let response = with_header(response, "Cache-Control", "no-store");
    let response = with_header(response, "X-Content-Type-Options", "nosniff");
    let _ = request.respond(response);
}

/// Accepts a websocket upgrade on `/ws` from this server's own page (or
/// from a client that sends no `Origin`, which no browser page can be).
fn upgrade(request: Request, host: &str, shared: Arc<Shared>) {
    let is_upgrade =
        header(&request, "Upgrade").is_some_and(|v| v.eq_ignore_ascii_case("websocket"));
    let Some(key) = header(&request, "Sec-WebSocket-Key")
        .filter(|_| is_upgrade)
        .map(str::to_owned)
    else {
        let _ = request.respond(text(426, "websocket upgrade required\n"));
        return;
    };
    if let Some(origin) = header(&request, "Origin")
        && !origin.eq_ignore_ascii_case(&format!("http://{host}"))
    {
        let _ = request.respond(text(403, "cross-origin websocket refused\n"));
        return;
    }
    let response = with_header(
        Response::from_data(Vec::new()).with_status_code(StatusCode(101)),
        "Sec-WebSocket-Accept",
        &derive_accept_key(key.as_bytes()),
    );
    let stream = request.upgrade("websocket", response);
    let spawned = std::thread::Builder::new()
        .name("crmflow preview socket".into())
        .spawn(move || {
            push(
                WebSocket::from_raw_socket(stream, Role::Server, None),
                &shared,
            )
        });
    drop(spawned);
}

/// Sends the latest snapshot now and each new one as it is published,
/// until the page goes away.
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

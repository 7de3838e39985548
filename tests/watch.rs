//! `crmflow watch`, driven as a user drives it: the real binary, real file
//! operations the way editors save, the preview server over real sockets.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long any expected event may take before a test fails (generous:
/// CI machines are slow; the figures in the docs come from the benches).
const PATIENCE: Duration = Duration::from_secs(10);

pub fn flow(label: &str) -> String {
    format!(
        "lane sales \"Sales\"\nstart a \"Lead in\" lane sales\nstep b \"{label}\" lane sales\nend c \"Won\" lane sales\na -> b -> c\n"
    )
}

/// A running `crmflow watch`, its stderr collected line by line.
pub struct Watch {
    pub child: Child,
    pub lines: Arc<Mutex<Vec<String>>>,
    pub dir: tempfile::TempDir,
}

impl Watch {
    /// Starts `crmflow watch flow.crmflow ARGS…` in a new temp dir holding
    /// `source` as `flow.crmflow`; waits for the first compile.
    pub fn start(source: &str, args: &[&str]) -> Watch {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("flow.crmflow"), source).unwrap();
        Watch::start_in(dir, args)
    }

    pub fn start_in(dir: tempfile::TempDir, args: &[&str]) -> Watch {
        let mut child = Command::new(env!("CARGO_BIN_EXE_crmflow"))
            .arg("watch")
            .arg("flow.crmflow")
            .args(["--poll", "300", "--color", "never"])
            .args(args)
            .current_dir(dir.path())
            .env("CRMFLOW_TODAY", crate::util::TODAY)
            .env("CRMFLOW_LANG", "en")
            .env_remove("CRMFLOW_THEME")
            .env_remove("CRMFLOW_CONFIG")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let lines = Arc::new(Mutex::new(Vec::new()));
        let stderr = child.stderr.take().unwrap();
        let sink = lines.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines() {
                let Ok(line) = line else { break };
                sink.lock().unwrap().push(line);
            }
        });
        let watch = Watch { child, lines, dir };
        watch.wait_for_line(|line| {
            line.starts_with("[ok]") || line.starts_with("[error]") || line.starts_with("[missing]")
        });
        watch
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Lines printed so far that start with `prefix`.
    pub fn count(&self, prefix: &str) -> usize {
        self.lines
            .lock()
            .unwrap()
            .iter()
            .filter(|l| l.starts_with(prefix))
            .count()
    }

    pub fn wait_for_line(&self, found: impl Fn(&str) -> bool) -> String {
        self.wait_for_nth_line(1, found)
    }

    /// Waits until `n` printed lines satisfy `found`; returns the last one.
    pub fn wait_for_nth_line(&self, n: usize, found: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            {
                let lines = self.lines.lock().unwrap();
                let matching: Vec<&String> = lines.iter().filter(|l| found(l)).collect();
                if matching.len() >= n {
                    return matching[n - 1].clone();
                }
            }
            if start.elapsed() > PATIENCE {
                panic!(
                    "timed out; watch printed:\n{}",
                    self.lines.lock().unwrap().join("\n")
                );
            }
            std::thread::sleep(Duration::from_millis(5));
        }
    }

    /// Waits until `out.svg` holds `label`; every version read on the way
    /// must be a whole SVG document (never a half-written file).
    pub fn wait_for_output(&self, label: &str) -> Duration {
        let out = self.path("out.svg");
        let start = Instant::now();
        loop {
            if let Ok(svg) = std::fs::read_to_string(&out) {
                assert!(
                    svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"),
                    "a broken output file: {} bytes",
                    svg.len()
                );
                if svg.contains(label) {
                    return start.elapsed();
                }
            }
            if start.elapsed() > PATIENCE {
                panic!(
                    "out.svg never showed `{label}`; watch printed:\n{}",
                    self.lines.lock().unwrap().join("\n")
                );
            }
            std::thread::sleep(Duration::from_millis(1));
        }
    }

    /// The preview URL the watch printed.
    pub fn url(&self) -> String {
        let line = self.wait_for_line(|line| line.starts_with("preview: "));
        line["preview: ".len()..].trim().to_owned()
    }

    /// Sends SIGINT (Ctrl-C) and returns the exit code.
    pub fn interrupt(mut self) -> Option<i32> {
        let status = Command::new("kill")
            .args(["-INT", &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(status.success());
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.code();
            }
            assert!(start.elapsed() < PATIENCE, "watch did not stop on Ctrl-C");
            std::thread::sleep(Duration::from_millis(10));
        }
    }
}

impl Drop for Watch {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn svg_files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| name != "flow.crmflow")
        .collect();
    names.sort();
    names
}

#[test]
fn an_in_place_write_rerenders_and_the_output_does_not_trigger_itself() {
    let watch = Watch::start(&flow("Alpha"), &["-o", "out.svg"]);
    watch.wait_for_output("Alpha");
    std::fs::write(watch.path("flow.crmflow"), flow("Beta")).unwrap();
    let latency = watch.wait_for_output("Beta");
    eprintln!("in-place save → out.svg: {latency:?}");
    // Writing out.svg (and reading flow.crmflow) must not wake the watch:
    // once the save is handled, no more compiles however long we wait.
    std::thread::sleep(Duration::from_millis(300));
    let settled = watch.count("[ok]");
    std::thread::sleep(Duration::from_millis(900));
    assert_eq!(
        watch.count("[ok]"),
        settled,
        "{:?}",
        watch.lines.lock().unwrap()
    );
    // Only the output beside the input: no temp file left behind.
    assert_eq!(svg_files(watch.dir.path()), ["out.svg"]);
}

#[test]
fn an_atomic_rename_over_the_file_is_seen_every_time() {
    let watch = Watch::start(&flow("Alpha"), &["-o", "out.svg"]);
    watch.wait_for_output("Alpha");
    for label in ["Beta", "Gamma", "Delta"] {
        let temp = watch.path(".flow.crmflow.tmp~");
        std::fs::write(&temp, flow(label)).unwrap();
        std::fs::rename(&temp, watch.path("flow.crmflow")).unwrap();
        watch.wait_for_output(label);
    }
}

#[test]
fn a_vim_style_save_is_seen_and_not_reported_missing() {
    let watch = Watch::start(&flow("Alpha"), &["-o", "out.svg"]);
    watch.wait_for_output("Alpha");
    for label in ["Beta", "Gamma"] {
        // vim with backupcopy=no: move the old file to the backup name,
        // write the new one, delete the backup.
        std::fs::rename(watch.path("flow.crmflow"), watch.path("flow.crmflow~")).unwrap();
        std::fs::write(watch.path("flow.crmflow"), flow(label)).unwrap();
        std::fs::remove_file(watch.path("flow.crmflow~")).unwrap();
        watch.wait_for_output(label);
    }
    assert_eq!(
        watch.count("[missing]"),
        0,
        "{:?}",
        watch.lines.lock().unwrap()
    );
}

#[test]
fn a_deleted_file_is_reported_missing_and_followed_again_when_it_returns() {
    let watch = Watch::start(&flow("Alpha"), &["-o", "out.svg"]);
    watch.wait_for_output("Alpha");
    std::fs::remove_file(watch.path("flow.crmflow")).unwrap();
    watch.wait_for_line(|line| line.starts_with("[missing] flow.crmflow is missing"));
    // The last good output stays.
    assert!(
        std::fs::read_to_string(watch.path("out.svg"))
            .unwrap()
            .contains("Alpha")
    );
    std::fs::write(watch.path("flow.crmflow"), flow("Back again")).unwrap();
    watch.wait_for_output("Back again");
}

#[test]
fn an_invalid_save_keeps_the_last_good_output_until_it_is_fixed() {
    let watch = Watch::start(&flow("Alpha"), &["-o", "out.svg"]);
    watch.wait_for_output("Alpha");
    let good = std::fs::read(watch.path("out.svg")).unwrap();
    std::fs::write(
        watch.path("flow.crmflow"),
        flow("Broken").replace("a -> b", "a -> nowhere"),
    )
    .unwrap();
    let error =
        watch.wait_for_line(|line| line.starts_with("[error] flow.crmflow does not compile"));
    assert!(error.contains("keeping the last good diagram"), "{error}");
    // The diagnostic names the place: file:line:col.
    watch.wait_for_line(|line| line.contains("flow.crmflow:5:6"));
    assert_eq!(
        std::fs::read(watch.path("out.svg")).unwrap(),
        good,
        "a broken save overwrote the output"
    );
    std::fs::write(watch.path("flow.crmflow"), flow("Fixed")).unwrap();
    watch.wait_for_output("Fixed");
}

#[test]
fn fifty_rapid_saves_end_on_the_last_one() {
    let watch = Watch::start(&flow("Save 00"), &["-o", "out.svg"]);
    watch.wait_for_output("Save 00");
    for n in 1..=50 {
        std::fs::write(watch.path("flow.crmflow"), flow(&format!("Save {n:02}"))).unwrap();
    }
    watch.wait_for_output("Save 50");
    std::thread::sleep(Duration::from_millis(500));
    let svg = std::fs::read_to_string(watch.path("out.svg")).unwrap();
    assert!(
        svg.contains("Save 50"),
        "the last save is not the one shown"
    );
    // Debounced: far fewer compiles than saves (4 here: the first, then the
    // burst settles in a few debounce windows; a compile per save would be
    // 51), never a failed one.
    let compiles = watch.count("[ok]");
    assert!(compiles <= 15, "{compiles} compiles for 50 saves");
    assert_eq!(
        watch.count("[error]"),
        0,
        "{:?}",
        watch.lines.lock().unwrap()
    );
    assert_eq!(svg_files(watch.dir.path()), ["out.svg"]);
}

#[test]
fn a_called_sub_flow_and_the_config_are_watched_too() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("flow.crmflow"),
        "start a \"Start\"\nsub b \"Billing\" calls \"billing.crmflow\"\nend c \"Done\"\na -> b -> c\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("billing.crmflow"), flow("Invoice")).unwrap();
    let watch = Watch::start_in(dir, &["-o", "out.svg"]);
    watch.wait_for_output("Billing");
    // Breaking the sub-flow: the caller's lint reports it (sub-target).
    std::fs::write(
        watch.path("billing.crmflow"),
        "start a \"x\"\na -> nowhere\n",
    )
    .unwrap();
    watch.wait_for_line(|line| line.starts_with("[ok]") && line.contains("1 lint error,"));
    // A new crmflow.yaml next to the file: its theme applies at once.
    std::fs::write(watch.path("crmflow.yaml"), "render:\n  theme: dark\n").unwrap();
    let dark = crmflow::render::Theme::dark().background;
    watch.wait_for_output(&format!("fill=\"{dark}\""));
}

#[test]
fn ctrl_c_stops_cleanly_with_exit_0() {
    let watch = Watch::start(&flow("Alpha"), &["--serve"]);
    let code = watch.interrupt();
    assert_eq!(code, Some(0));
}

#[test]
fn a_file_that_does_not_exist_yet_is_waited_for() {
    let dir = tempfile::tempdir().unwrap();
    let watch = Watch::start_in(dir, &["-o", "out.svg"]);
    assert_eq!(watch.count("[missing]"), 1);
    std::fs::write(watch.path("flow.crmflow"), flow("Created")).unwrap();
    watch.wait_for_output("Created");
}

#[test]
fn watch_refuses_an_output_that_is_the_input_and_unknown_formats() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("flow.crmflow"), flow("x")).unwrap();
    let out = crate::util::run(
        dir.path(),
        &["watch", "flow.crmflow", "-o", "flow.crmflow"],
        b"",
    );
    assert_eq!(out.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is the input itself"));
    let out = crate::util::run(
        dir.path(),
        &["watch", "flow.crmflow", "-o", "flow.gif"],
        b"",
    );
    assert_eq!(out.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unsupported output format `.gif`"));
}

// ---- the preview server ----

/// One raw HTTP/1.1 request; returns (status, headers+body text).
fn http(address: &str, request: &str) -> (u16, String) {
    let mut stream = TcpStream::connect(address).unwrap();
    stream.set_read_timeout(Some(PATIENCE)).unwrap();
    stream.write_all(request.as_bytes()).unwrap();
    let mut response = Vec::new();
    let _ = stream.read_to_end(&mut response);
    let text = String::from_utf8_lossy(&response).into_owned();
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|code| code.parse().ok())
        .unwrap_or(0);
    (status, text)
}

fn get(address: &str, path: &str, host: &str) -> (u16, String) {
    http(
        address,
        &format!("GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"),
    )
}

fn address_of(url: &str) -> String {
    url.trim_start_matches("http://")
        .trim_end_matches('/')
        .to_owned()
}

#[test]
fn the_server_serves_its_routes_and_nothing_else() {
    let watch = Watch::start(&flow("Alpha"), &["--serve"]);
    let address = address_of(&watch.url());
    assert!(
        address.starts_with("127.0.0.1:"),
        "binds loopback by default: {address}"
    );
    let (status, page) = get(&address, "/", &address);
    assert_eq!(status, 200);
    assert!(page.contains("<title>crmflow preview</title>"));
    assert!(page.contains("Content-Security-Policy"));
    let (status, svg) = get(&address, "/diagram.svg", &address);
    assert_eq!(status, 200);
    assert!(svg.contains("Alpha"));
    let (status, state) = get(&address, "/state.json", &address);
    assert_eq!(status, 200);
    assert!(state.contains("\"status\":\"ok\""));
    // No files, no listing, no traversal.
    for path in [
        "/../flow.crmflow",
        "/flow.crmflow",
        "/%2e%2e/etc/passwd",
        "/fonts/",
        "/static/",
    ] {
        assert_eq!(get(&address, path, &address).0, 404, "{path}");
    }
    // A page on another name (DNS rebinding) gets nothing.
    assert_eq!(get(&address, "/state.json", "attacker.example").0, 421);
    let (status, _) = http(
        &address,
        &format!(
            "POST / HTTP/1.1\r\nHost: {address}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
        ),
    );
    assert_eq!(status, 405);
}

#[test]
fn a_preview_shared_beyond_loopback_prints_its_links_and_wants_its_token() {
    let watch = Watch::start(&flow("Shared"), &["--serve", "0.0.0.0:0"]);
    let url = watch.url();
    let (base, token) = url.split_once("/?token=").expect("a link with a token");
    assert_eq!(token.len(), 32, "128 bits as hex: {url}");
    assert!(token.chars().all(|c| c.is_ascii_hexdigit()));
    watch.wait_for_line(|line| {
        line.starts_with("warning: the preview is served beyond this machine")
    });
    let address = address_of(base);
    // Without the token: nothing, not even the page.
    for path in ["/", "/state.json", "/diagram.svg", "/app.js", "/ws"] {
        let (status, body) = get(&address, path, &address);
        assert_eq!(status, 403, "{path}");
        assert!(body.contains("needs its access link"), "{body}");
    }
    // The same token with its last digit changed.
    let last = if token.ends_with('0') { '1' } else { '0' };
    let wrong = format!("{}{last}", &token[..31]);
    assert_eq!(get(&address, &format!("/?token={wrong}"), &address).0, 403);
    // With it: the page, and a cookie that opens the rest.
    let (status, page) = get(&address, &format!("/?token={token}"), &address);
    assert_eq!(status, 200);
    assert!(page.contains(&format!(
        "Set-Cookie: crmflow_token={token}; HttpOnly; SameSite=Strict; Path=/"
    )));
    let (status, state) = http(
        &address,
        &format!(
            "GET /state.json HTTP/1.1\r\nHost: {address}\r\nCookie: theme=dark; crmflow_token={token}\r\nConnection: close\r\n\r\n"
        ),
    );
    assert_eq!(status, 200);
    assert!(state.contains("\"status\":\"ok\""));
    // On loopback no token is asked for (the other tests).
    let local = Watch::start(&flow("Local"), &["--serve", "127.0.0.1:0"]);
    assert!(!local.url().contains("token"));
}

fn upgrade_request(address: &str, origin: Option<&str>) -> String {
    let origin = origin
        .map(|o| format!("Origin: {o}\r\n"))
        .unwrap_or_default();
    format!(
        "GET /ws HTTP/1.1\r\nHost: {address}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\
         Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n{origin}\r\n"
    )
}

#[test]
fn cross_origin_websockets_are_refused() {
    let watch = Watch::start(&flow("Alpha"), &["--serve"]);
    let address = address_of(&watch.url());
    let (status, _) = http(
        &address,
        &upgrade_request(&address, Some("http://attacker.example")),
    );
    assert_eq!(status, 403);
    let (status, _) = http(
        &address,
        &upgrade_request(&address, Some("http://localhost:1")),
    );
    assert_eq!(status, 403);
}

#[test]
fn every_tab_gets_each_new_state_over_the_websocket() {
    let watch = Watch::start(&flow("Alpha"), &["--serve"]);
    let address = address_of(&watch.url());
    let connect = || {
        let stream = TcpStream::connect(&address).unwrap();
        stream.set_read_timeout(Some(PATIENCE)).unwrap();
        let mut request = format!("ws://{address}/ws").into_client_request_compat();
        request
            .headers_mut()
            .insert("Origin", format!("http://{address}").parse().unwrap());
        tungstenite::client(request, stream).unwrap().0
    };
    let mut tabs: Vec<_> = (0..3).map(|_| connect()).collect();
    let next_text = |socket: &mut tungstenite::WebSocket<TcpStream>| loop {
        match socket.read().unwrap() {
            tungstenite::Message::Text(text) => return text.to_string(),
            _ => continue,
        }
    };
    for tab in &mut tabs {
        assert!(next_text(tab).contains("Alpha"));
    }
    std::fs::write(watch.path("flow.crmflow"), flow("Beta")).unwrap();
    for tab in &mut tabs {
        let state = next_text(tab);
        assert!(
            state.contains("Beta") && state.contains("\"status\":\"ok\""),
            "{state}"
        );
    }
    // A broken save: the state says invalid and still carries the last
    // good diagram.
    std::fs::write(watch.path("flow.crmflow"), "start a \"Gamma\"\na -> \n").unwrap();
    for tab in &mut tabs {
        let state = next_text(tab);
        assert!(state.contains("\"status\":\"invalid\""), "{state}");
        assert!(state.contains("Beta"), "the last good diagram is kept");
        assert!(state.contains("flow.crmflow:2:3"), "{state}");
    }
}

trait IntoClientRequestCompat {
    fn into_client_request_compat(self) -> tungstenite::handshake::client::Request;
}

impl IntoClientRequestCompat for String {
    fn into_client_request_compat(self) -> tungstenite::handshake::client::Request {
        use tungstenite::client::IntoClientRequest;
        self.into_client_request().unwrap()
    }
}

// ---- a real browser: headless Chromium over the DevTools protocol ----

/// The text of the drawing on the page, for `wait_until`.
const DIAGRAM_TEXT: &str = "document.getElementById('diagram').textContent";

/// The Chromium to test with: `CRMFLOW_CHROMIUM`, else the first found.
/// A headless Chromium showing one page, driven through its DevTools
/// websocket.
struct Browser {
    child: Child,
    socket: tungstenite::WebSocket<tungstenite::stream::MaybeTlsStream<TcpStream>>,
    next_id: u64,
    _profile: tempfile::TempDir,
}

impl Browser {
    fn open(binary: &Path, url: &str) -> Browser {
        Browser::open_sized(binary, url, (1280, 800))
    }

    /// Opens the page `watch` serves (`query` appended to its link) in a
    /// window of `size` and waits until the diagram shows `label`.
    fn on_watch(
        binary: &Path,
        watch: &Watch,
        query: &str,
        size: (u32, u32),
        label: &str,
    ) -> Browser {
        let mut browser = Browser::open_sized(binary, &format!("{}{query}", watch.url()), size);
        browser.wait_until(&format!("{DIAGRAM_TEXT}.includes('{label}')"));
        browser
    }

    /// A browser window of `size` (width, height) CSS pixels.
    fn open_sized(binary: &Path, url: &str, size: (u32, u32)) -> Browser {
        let profile = tempfile::tempdir().unwrap();
        let mut child = Command::new(binary)
            .args(crate::util::HEADLESS)
            .arg("--remote-debugging-port=0")
            .arg(format!("--window-size={},{}", size.0, size.1))
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg(url)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Chromium prints where its DevTools endpoint listens.
        let (found, endpoint) = std::sync::mpsc::channel();
        let stderr = child.stderr.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines() {
                let Ok(line) = line else { break };
                if let Some(at) = line.find("DevTools listening on ws://") {
                    let _ = found.send(line[at + "DevTools listening on ws://".len()..].to_owned());
                }
            }
        });
        let endpoint = endpoint
            .recv_timeout(PATIENCE * 3)
            .expect("chromium did not start");
        let host = endpoint.split('/').next().unwrap().to_owned();
        // The page's own DevTools socket.
        let start = Instant::now();
        let page_socket = loop {
            let (_, list) = get(&host, "/json/list", &host);
            let body = &list[list.find("\r\n\r\n").map_or(0, |at| at + 4)..];
            let targets: serde_json::Value = serde_json::from_str(body).unwrap_or_default();
            let page = targets.as_array().into_iter().flatten().find(|target| {
                target["type"] == "page"
                    && target["url"].as_str().is_some_and(|u| u.starts_with(url))
            });
            if let Some(socket) = page.and_then(|page| page["webSocketDebuggerUrl"].as_str()) {
                break socket.to_owned();
            }
            assert!(start.elapsed() < PATIENCE, "no page target: {body}");
            std::thread::sleep(Duration::from_millis(50));
        };
        let (socket, _) = tungstenite::connect(page_socket).unwrap();
        Browser {
            child,
            socket,
            next_id: 0,
            _profile: profile,
        }
    }

    /// Evaluates a JavaScript expression in the page; its JSON value.
    fn eval(&mut self, expression: &str) -> serde_json::Value {
        self.next_id += 1;
        let id = self.next_id;
        let call = serde_json::json!({
            "id": id,
            "method": "Runtime.evaluate",
            "params": { "expression": expression, "returnByValue": true },
        });
        self.socket
            .send(tungstenite::Message::text(call.to_string()))
            .unwrap();
        loop {
            if let tungstenite::Message::Text(text) = self.socket.read().unwrap() {
                let reply: serde_json::Value = serde_json::from_str(&text).unwrap();
                if reply["id"] == id {
                    return reply["result"]["result"]["value"].clone();
                }
            }
        }
    }

    /// Waits until `expression` is true in the page; how long it took.
    fn wait_until(&mut self, expression: &str) -> Duration {
        let start = Instant::now();
        loop {
            if self.eval(expression) == serde_json::Value::Bool(true) {
                return start.elapsed();
            }
            assert!(
                start.elapsed() < PATIENCE,
                "never true in the page: {expression}"
            );
            std::thread::sleep(Duration::from_millis(5));
        }
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn the_page_in_a_real_browser_follows_saves_errors_and_lint() {
    // CI installs Chromium and sets CRMFLOW_REQUIRE_BROWSER: never skipped there.
    let Some(binary) = crate::util::chromium_or_skip() else {
        return;
    };
    let watch = Watch::start(&flow("Alpha"), &["--serve"]);
    let mut browser = Browser::on_watch(&binary, &watch, "", (1280, 800), "Alpha");
    let diagram = DIAGRAM_TEXT;

    // Zoom in, then save: the new label appears within 2 s and the zoom
    // and pan stay as they were.
    browser.eval("document.getElementById('zoom-in').click()");
    let view = browser.eval("document.getElementById('stage').style.transform");
    std::fs::write(watch.path("flow.crmflow"), flow("Beta")).unwrap();
    let latency = browser.wait_until(&format!("{diagram}.includes('Beta')"));
    eprintln!("save → browser DOM: {latency:?}");
    assert!(latency < Duration::from_secs(2), "{latency:?}");
    assert_eq!(
        browser.eval("document.getElementById('stage').style.transform"),
        view
    );

    // An invalid save: the banner shows the error, the old diagram stays.
    std::fs::write(watch.path("flow.crmflow"), "start a \"Gamma\"\na -> \n").unwrap();
    browser.wait_until("document.getElementById('banner').className === 'invalid'");
    let banner = browser.eval("document.getElementById('banner').textContent");
    assert!(
        banner.as_str().unwrap().contains("flow.crmflow:2:3"),
        "{banner}"
    );
    assert_eq!(browser.eval(&format!("{diagram}.includes('Beta')")), true);

    // The fix: the banner goes away. The lint overlay outlines the
    // dangling step; the toggle hides it.
    let dangling = "lane s \"Sales\"\nstart a \"Start\" lane s\nstep b \"Dangling\" lane s\nend c \"Done\" lane s\na -> b\na -> c\n";
    std::fs::write(watch.path("flow.crmflow"), dangling).unwrap();
    browser.wait_until(&format!(
        "{diagram}.includes('Dangling') && document.getElementById('banner').className === ''"
    ));
    browser.wait_until("document.querySelector('.crm-lint-box[data-node=\"b\"]') !== null");
    browser.eval("document.getElementById('lint').click()");
    assert_eq!(
        browser.eval("document.querySelectorAll('.crm-lint-box').length"),
        0
    );

    // The lane filter and the theme toggle.
    browser.eval("const s = document.getElementById('lane'); s.value = 's'; s.dispatchEvent(new Event('change'))");
    assert_eq!(
        browser.eval("document.querySelector('#node-b').classList.contains('crm-in-lane')"),
        true
    );
    browser.eval("const t = document.getElementById('theme'); t.value = 'dark'; t.dispatchEvent(new Event('change'))");
    assert_eq!(
        browser.eval("document.body.classList.contains('dark')"),
        true
    );

    // A `calls` that is a script is no link, and the page's policy stops
    // any `javascript:` URL from running (it allows only /app.js).
    let hostile = "start a \"Start\"\nsub s \"Evil\" calls \"javascript:window.__pwned=1//.crmflow\"\nend c \"Done\"\na -> s -> c\n";
    std::fs::write(watch.path("flow.crmflow"), hostile).unwrap();
    browser.wait_until(&format!("{diagram}.includes('Evil')"));
    assert_eq!(
        browser.eval("document.querySelectorAll('#diagram a').length"),
        0
    );
    browser.eval("const a = document.createElement('a'); a.href = 'javascript:window.__pwned=1'; document.body.appendChild(a); a.click()");
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(browser.eval("typeof window.__pwned"), "undefined");

    // The file goes away: a "missing" banner, the diagram stays.
    std::fs::remove_file(watch.path("flow.crmflow")).unwrap();
    browser.wait_until("document.getElementById('banner').className === 'missing'");
    assert_eq!(browser.eval(&format!("{diagram}.includes('Evil')")), true);
}

// ---- hardening (#16 items 13 and 15) ----

#[test]
fn item13_a_save_caught_half_written_that_parses_is_never_published() {
    // Each save is written in two parts, like a slow editor or a network
    // share: the first part parses on its own (the edge to `c` is cut
    // off mid-line, leaving `c` unreachable) and must never be shown.
    let watch = Watch::start(&flow("Save 00"), &["-o", "out.svg"]);
    watch.wait_for_output("Save 00");
    for n in 1..=60 {
        let whole = flow(&format!("Save {n:02}"));
        let cut = whole.rfind(" -> c").unwrap();
        let mut file = std::fs::File::create(watch.path("flow.crmflow")).unwrap();
        file.write_all(&whole.as_bytes()[..cut]).unwrap();
        file.flush().unwrap();
        std::thread::sleep(Duration::from_millis(if n % 2 == 0 { 2 } else { 6 }));
        file.write_all(&whole.as_bytes()[cut..]).unwrap();
        drop(file);
        std::thread::sleep(Duration::from_millis(20));
    }
    watch.wait_for_output("Save 60");
    std::thread::sleep(Duration::from_millis(300));
    let lines = watch.lines.lock().unwrap().clone();
    let published: Vec<&String> = lines.iter().filter(|l| l.starts_with("[ok]")).collect();
    assert!(!published.is_empty());
    for line in &published {
        // The whole flow has two warnings (no `goal`, no title); the cut
        // one has a dead end and an unreachable end as well.
        assert!(
            line.contains("0 lint errors, 2 warnings,"),
            "a half-written save was published: {line}\n{}",
            lines.join("\n")
        );
    }
    assert!(
        lines
            .iter()
            .all(|l| !l.contains("L001") && !l.contains("L015")),
        "{}",
        lines.join("\n")
    );
}

#[test]
fn item15_an_endless_header_is_cut_off_and_the_server_serves_on() {
    let watch = Watch::start(&flow("Alpha"), &["--serve"]);
    let address = address_of(&watch.url());
    let mut stream = TcpStream::connect(&address).unwrap();
    stream.set_read_timeout(Some(PATIENCE)).unwrap();
    stream
        .write_all(format!("GET / HTTP/1.1\r\nHost: {address}\r\nX-Endless: ").as_bytes())
        .unwrap();
    let chunk = vec![b'a'; 64 * 1024];
    let mut sent = 0usize;
    // The server stops reading at its limit, answers 431 and closes:
    // writing on fails long before 64 MiB (an unbounded reader takes it all).
    stream.set_write_timeout(Some(PATIENCE)).unwrap();
    let mut closed = false;
    while sent < 64 << 20 {
        if stream.write_all(&chunk).is_err() {
            closed = true;
            break;
        }
        sent += chunk.len();
    }
    assert!(closed, "the server read {sent} bytes of one header");
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    let answer = String::from_utf8_lossy(&answer);
    assert!(
        answer.is_empty() || answer.starts_with("HTTP/1.1 431"),
        "{answer}"
    );
    // Too many headers is refused the same way.
    let many: String = (0..200).map(|n| format!("X-H{n}: v\r\n")).collect();
    let (status, _) = http(
        &address,
        &format!("GET / HTTP/1.1\r\nHost: {address}\r\n{many}\r\n"),
    );
    assert_eq!(status, 431);
    let (status, page) = get(&address, "/", &address);
    assert_eq!(status, 200, "{page}");
}

#[test]
fn item15_six_hundred_idle_sockets_do_not_close_the_server() {
    let watch = Watch::start(&flow("Alpha"), &["--serve"]);
    let address = address_of(&watch.url());
    let idle: Vec<TcpStream> = (0..600)
        .map(|_| TcpStream::connect(&address).unwrap())
        .collect();
    // While they are held, a new client is told to come back, at once.
    let started = Instant::now();
    let (status, _) = get(&address, "/state.json", &address);
    assert!(status == 503 || status == 200, "{status}");
    assert!(started.elapsed() < Duration::from_secs(5));
    drop(idle);
    // Once they are gone, everything is served again.
    let started = Instant::now();
    loop {
        let (status, body) = get(&address, "/state.json", &address);
        if status == 200 {
            assert!(body.contains("\"status\":\"ok\""));
            break;
        }
        assert!(
            started.elapsed() < PATIENCE,
            "still {status} after the idle sockets closed"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
    // And the watch still compiles and publishes.
    std::fs::write(watch.path("flow.crmflow"), flow("Beta")).unwrap();
    watch.wait_for_line(|line| line.starts_with("[ok]") && line.contains("3 nodes"));
    let started = Instant::now();
    while !get(&address, "/diagram.svg", &address).1.contains("Beta") {
        assert!(
            started.elapsed() < PATIENCE,
            "the new diagram was never served"
        );
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn item15_a_client_that_never_reads_blocks_no_one_else() {
    let watch = Watch::start(&flow("Alpha"), &["--serve"]);
    let address = address_of(&watch.url());
    // Ask for the largest files and never read the answers.
    let stalled: Vec<TcpStream> = (0..8)
        .map(|_| {
            let mut stream = TcpStream::connect(&address).unwrap();
            let request = format!("GET /fonts/regular.otf HTTP/1.1\r\nHost: {address}\r\n\r\n");
            for _ in 0..20 {
                stream.write_all(request.as_bytes()).unwrap();
            }
            stream
        })
        .collect();
    std::thread::sleep(Duration::from_millis(200));
    for _ in 0..5 {
        let started = Instant::now();
        let (status, page) = get(&address, "/", &address);
        assert_eq!(status, 200, "{page}");
        assert!(
            started.elapsed() < Duration::from_secs(2),
            "a stalled client held the server up for {:?}",
            started.elapsed()
        );
    }
    drop(stalled);
}

#[test]
fn a_sub_step_opens_the_called_flow_in_the_page_which_follows_its_saves() {
    let Some(binary) = crate::util::chromium_or_skip() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("part.crmflow"),
        "flow \"Diagnosis\"\nstart a \"Reproduce\"\nstep x \"Loose end\"\nend b \"Cause found\"\na -> b\na -> x\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("flow.crmflow"),
        "start s \"Ticket\"\nsub p \"Diagnose\" calls \"part.crmflow\"\nend e \"Closed\"\ns -> p -> e\n",
    )
    .unwrap();
    let watch = Watch::start_in(dir, &["--serve"]);
    let url = watch.url();
    let mut browser = Browser::open(&binary, &url);
    let diagram = "document.getElementById('diagram').textContent";
    browser.wait_until(&format!("{diagram}.includes('Ticket')"));
    // Clicking the sub step opens the called flow here, with the way back.
    browser.eval(
        "document.querySelector('#diagram a').dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true }))",
    );
    browser.wait_until(&format!("{diagram}.includes('Cause found')"));
    assert_eq!(
        browser.eval("location.pathname"),
        "/",
        "the page is not left"
    );
    assert_eq!(
        browser.eval("document.getElementById('crumbs').hidden"),
        false
    );
    let crumb = browser.eval("document.getElementById('crumb-sub').textContent");
    assert_eq!(crumb, "flow.crmflow › Diagnosis");
    // Its own lint overlay: the dead end in the called flow is outlined.
    browser.wait_until("document.querySelector('.crm-lint-box[data-node=\"x\"]') !== null");
    // The called flow is watched: its save shows while it is open.
    std::fs::write(
        watch.path("part.crmflow"),
        "flow \"Diagnosis\"\nstart a \"Reproduce\"\nend b \"Root cause found\"\na -> b\n",
    )
    .unwrap();
    browser.wait_until(&format!("{diagram}.includes('Root cause found')"));
    // Back to the watched flow.
    browser.eval("document.getElementById('crumb-main').click()");
    browser.wait_until(&format!("{diagram}.includes('Ticket')"));
    assert_eq!(
        browser.eval("document.getElementById('crumbs').hidden"),
        true
    );
}

// ---- review meetings (#20): presenter mode, walkthrough, what changed ----

/// A 30-node flow over three roles: a chain with two decisions and a loop,
/// wider than any projector at "fit".
fn thirty_nodes() -> String {
    let lanes = ["sales", "service", "finance"];
    let mut text = String::from(
        // Left to right, so its pages are wider than a projector's screen.
        "flow \"Thirty steps\" { direction right }\nlane sales \"Sales\"\nlane service \"Service\"\nlane finance \"Finance\"\n",
    );
    text.push_str("start n0 \"Customer calls\" lane sales\n");
    for i in 1..28 {
        let lane = lanes[(i / 4) % 3];
        if i == 9 || i == 19 {
            text.push_str(&format!(
                "decision n{i} \"Check {i} passed?\" lane {lane}\n"
            ));
        } else {
            text.push_str(&format!("step n{i} \"Work item {i}\" lane {lane}\n"));
        }
    }
    text.push_str("end n28 \"Done\" lane finance\nend n29 \"Dropped\" lane sales\n");
    for i in 0..28 {
        let label = if i == 9 || i == 19 { " : \"yes\"" } else { "" };
        text.push_str(&format!("n{i} -> n{}{label}\n", i + 1));
    }
    text.push_str("n9 -> n29 : \"no\"\nn19 -> n12 : \"no\"\n");
    text
}

/// The smallest text on screen, in CSS pixels: each text's font size times
/// how many screen pixels one unit of the drawing takes now.
const SMALLEST_TEXT_ON_SCREEN: &str = "(() => { let least = Infinity; \
    document.querySelectorAll('#diagram svg text').forEach((t) => { \
      const box = t.getBBox(); if (!box.height) return; \
      const scale = t.getBoundingClientRect().height / box.height; \
      least = Math.min(least, parseFloat(getComputedStyle(t).fontSize) * scale); }); \
    return least; })()";

#[test]
fn presenter_mode_shows_a_thirty_node_flow_with_readable_text_on_a_projector() {
    let Some(binary) = crate::util::chromium_or_skip() else {
        return;
    };
    let watch = Watch::start(&thirty_nodes(), &["--serve"]);

    // The plain page at 1024×768 fits the whole drawing: text too small to
    // read from the back of a room.
    let mut browser = Browser::on_watch(&binary, &watch, "", (1024, 768), "Work item 27");
    let fitted = browser.eval(SMALLEST_TEXT_ON_SCREEN).as_f64().unwrap();
    assert!(
        fitted < 14.0,
        "the test flow is too small to test anything: {fitted}"
    );

    // Presenter mode by the key: every text at least 14 px.
    browser.eval(
        "document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 's', bubbles: true }))",
    );
    browser.wait_until("document.body.classList.contains('presenting')");
    let presented = browser.eval(SMALLEST_TEXT_ON_SCREEN).as_f64().unwrap();
    eprintln!("smallest text at 1024×768: fit {fitted:.1} px, presenter mode {presented:.1} px");
    assert!(presented >= 14.0, "{presented}");
    // It starts at the start, and Space pans on through the drawing.
    assert_eq!(
        browser.eval("(() => { const r = document.getElementById('node-n0').getBoundingClientRect(); return r.left >= 0 && r.right <= innerWidth && r.top >= 0 && r.bottom <= innerHeight; })()"),
        true
    );
    let before = browser.eval("document.getElementById('stage').style.transform");
    let rail =
        "Array.from(document.querySelectorAll('.rail-lane'), (r) => r.textContent).join(',')";
    assert_eq!(
        browser.eval(rail),
        "",
        "the lanes' own headers are on screen"
    );
    browser.eval(
        "document.body.dispatchEvent(new KeyboardEvent('keydown', { key: ' ', bubbles: true }))",
    );
    assert_ne!(
        browser.eval("document.getElementById('stage').style.transform"),
        before
    );
    // Panned on, the role names stay at the screen's edge beside their bands.
    let names = browser.eval(rail);
    let names = names.as_str().unwrap();
    assert!(
        names.contains("Sales") && names.contains("Service"),
        "{names}"
    );
    drop(browser);

    // The URL parameter opens the page in presenter mode.
    let mut browser = Browser::on_watch(&binary, &watch, "?present=1", (1024, 768), "Work item 27");
    let presented = browser.eval(SMALLEST_TEXT_ON_SCREEN).as_f64().unwrap();
    assert!(presented >= 14.0, "{presented}");
}

#[test]
fn the_walkthrough_steps_through_both_journeys_of_the_ten_step_template() {
    let Some(binary) = crate::util::chromium_or_skip() else {
        return;
    };
    let template =
        std::fs::read_to_string(crate::util::root().join("templates/ten-step.en.crmflow")).unwrap();
    let watch = Watch::start(&template, &["--serve"]);
    let mut browser = Browser::on_watch(
        &binary,
        &watch,
        "?present=1",
        (1024, 768),
        "Customer served",
    );
    browser.eval("document.getElementById('walk').click()");
    browser.wait_until("!document.getElementById('walkbar').hidden");

    let journey = "document.getElementById('walk-journey').textContent";
    let step = "document.getElementById('walk-step').textContent";
    let current = "document.querySelector('.crm-walk-now') && (() => { const r = document.querySelector('.crm-walk-now').getBBox(); \
        const hit = [...document.querySelectorAll('#diagram .node')].find((g) => { const b = g.getBBox(); \
        return b.x >= r.x && b.y >= r.y && b.x + b.width <= r.x + r.width && b.y + b.height <= r.y + r.height; }); \
        return hit ? hit.id : null; })()";
    let next = "document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', bubbles: true }))";
    let on_screen = "(() => { const r = document.querySelector('.crm-walk-now').getBoundingClientRect(); \
        return r.left >= 0 && r.right <= innerWidth && r.top >= 0 && r.bottom <= innerHeight; })()";

    // (journey title, the node ids walked, the branch named on the way)
    let expected: [(&str, &[&str], &str); 2] = [
        (
            "Journey 1 of 3: Qualified lead? yes · Needs follow-up? ready to buy → Customer served",
            &[
                "contact",
                "record",
                "needs",
                "qualified",
                "recommend",
                "followup",
                "close",
                "setup",
                "feedback",
                "served",
            ],
            "“ready to buy”",
        ),
        (
            "Journey 2 of 3: Qualified lead? no → Not a fit",
            &["contact", "record", "needs", "qualified", "dropped"],
            "“no”",
        ),
    ];
    let mut ids_seen_first = None;
    for (title, nodes, branch) in expected {
        let mut branch_named = false;
        for (index, node) in nodes.iter().enumerate() {
            assert_eq!(browser.eval(journey), title);
            let text = browser.eval(step);
            let text = text.as_str().unwrap();
            assert!(
                text.starts_with(&format!("Step {} of {}", index + 1, nodes.len())),
                "{text}"
            );
            branch_named |= text.contains(branch);
            let at = browser.eval(current);
            if ids_seen_first.is_none() {
                ids_seen_first = Some(at.clone());
            }
            assert_eq!(at, format!("node-{node}"), "step {} of {title}", index + 1);
            // The walked part stands out: this node and those before it,
            // and the edges taken between them.
            assert_eq!(
                browser.eval("document.querySelectorAll('#diagram .node.crm-walk-seen').length"),
                index + 1
            );
            assert_eq!(
                browser
                    .eval("document.querySelectorAll('#diagram path.edge.crm-walk-seen').length"),
                index
            );
            // Presenter mode pans to follow.
            assert_eq!(
                browser.eval(on_screen),
                true,
                "step {} of {title} is off screen",
                index + 1
            );
            browser.eval(next);
        }
        assert!(branch_named, "{title} never named the branch {branch}");
    }
    // After both: the loop back, then Esc ends the walk.
    assert!(
        browser
            .eval(journey)
            .as_str()
            .unwrap()
            .starts_with("Journey 3 of 3")
    );
    browser.eval("document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }))");
    assert_eq!(
        browser.eval("document.getElementById('walkbar').hidden"),
        true
    );
    assert_eq!(
        browser.eval("document.querySelectorAll('#diagram .crm-walk-seen').length"),
        0
    );
}

#[test]
fn an_edit_that_renames_a_step_is_outlined_and_listed_as_a_change() {
    let Some(binary) = crate::util::chromium_or_skip() else {
        return;
    };
    let watch = Watch::start(&flow("Alpha"), &["--serve"]);
    let mut browser = Browser::on_watch(&binary, &watch, "", (1280, 800), "Alpha");
    let diagram = DIAGRAM_TEXT;
    // Nothing changed yet: no panel.
    assert_eq!(
        browser.eval("document.getElementById('changes').hidden"),
        true
    );

    let renamed = flow("Qualify").replace(
        "end c \"Won\" lane sales",
        "end c \"Won\" lane sales\nstep d \"Send a thank-you\" lane sales",
    );
    let renamed = renamed.replace("a -> b -> c", "a -> b -> d -> c");
    std::fs::write(watch.path("flow.crmflow"), renamed).unwrap();
    browser.wait_until(&format!("{diagram}.includes('Qualify')"));
    browser.wait_until("!document.getElementById('changes').hidden");
    let listed = browser.eval("document.getElementById('change-list').textContent");
    let listed = listed.as_str().unwrap();
    assert!(
        listed.contains("Relabelled “Alpha” → “Qualify”"),
        "{listed}"
    );
    assert!(listed.contains("Added “Send a thank-you”"), "{listed}");
    assert!(
        listed.contains("Added link Qualify → Send a thank-you"),
        "{listed}"
    );
    assert!(listed.contains("Removed link Qualify → Won"), "{listed}");
    assert_eq!(
        browser.eval("document.getElementById('change-count').textContent"),
        "5"
    );
    // The renamed step and the new one are outlined on the drawing ...
    assert_eq!(
        browser.eval("document.querySelector('.crm-change-box.relabelled[data-node=\"b\"]') !== null && document.querySelector('.crm-change-box.added[data-node=\"d\"]') !== null"),
        true
    );
    // ... for a few seconds.
    browser.wait_until("document.querySelectorAll('.crm-change-box').length === 0");
    // A save that changes nothing in the drawing (a comment; an editor's
    // second write) keeps the list of the last real change and outlines
    // nothing again.
    let text = std::fs::read_to_string(watch.path("flow.crmflow")).unwrap();
    let compiles = watch.count("[ok]");
    std::fs::write(
        watch.path("flow.crmflow"),
        format!("# reviewed in the meeting\n{text}"),
    )
    .unwrap();
    watch.wait_for_nth_line(compiles + 1, |line| line.starts_with("[ok]"));
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(
        browser.eval("document.getElementById('change-count').textContent"),
        "5"
    );
    assert_eq!(
        browser.eval("document.querySelectorAll('.crm-change-box').length"),
        0
    );
    // The next real change replaces the list.
    std::fs::write(
        watch.path("flow.crmflow"),
        text.replace("\"Won\"", "\"Contract won\""),
    )
    .unwrap();
    browser.wait_until("document.getElementById('change-list').textContent === '✎Relabelled “Won” → “Contract won”'");
}

#[test]
fn the_page_speaks_chinese_to_a_chinese_browser() {
    let Some(binary) = crate::util::chromium_or_skip() else {
        return;
    };
    let dangling = "lane s \"销售\"\nstart a \"客户来电\" lane s\nstep b \"无人跟进\" lane s\nend c \"完成\" lane s\na -> b\na -> c\n";
    let watch = Watch::start(dangling, &["--serve"]);
    let mut browser = Browser::on_watch(&binary, &watch, "?lang=zh", (1280, 800), "无人跟进");
    assert_eq!(browser.eval("document.documentElement.lang"), "zh");
    assert_eq!(
        browser.eval("document.getElementById('present').textContent"),
        "演示"
    );
    assert_eq!(
        browser.eval("document.getElementById('walk').textContent"),
        "逐步走查"
    );
    // The compiler's findings in the page's language, codes as they are.
    browser.eval("document.getElementById('panel').click()");
    let findings = browser.eval("document.getElementById('list').textContent");
    let findings = findings.as_str().unwrap();
    assert!(findings.contains("L001 dead-end: 流程在"), "{findings}");
    let meta = browser.eval("document.getElementById('meta').textContent");
    assert!(
        meta.as_str().unwrap().starts_with("已是最新 · 节点：3"),
        "{meta}"
    );
    // The walkthrough and the changes panel too.
    browser.eval("document.getElementById('walk').click()");
    let journey = browser.eval("document.getElementById('walk-journey').textContent");
    assert!(
        journey
            .as_str()
            .unwrap()
            .starts_with("第 1 条路径，共 1 条"),
        "{journey}"
    );
    std::fs::write(
        watch.path("flow.crmflow"),
        dangling.replace("无人跟进", "电话回访"),
    )
    .unwrap();
    browser.wait_until("!document.getElementById('changes').hidden");
    assert_eq!(
        browser.eval("document.getElementById('change-list').textContent"),
        "✎改名“无人跟进” → “电话回访”"
    );
}

#[test]
fn the_page_steps_through_the_pages_of_a_flow_too_big_for_a_slide() {
    let Some(binary) = crate::util::chromium_or_skip() else {
        return;
    };
    let text =
        std::fs::read_to_string(crate::util::root().join("examples/lead-to-cash.crmflow")).unwrap();
    let watch = Watch::start(&text, &["--serve"]);
    let mut browser = Browser::on_watch(&binary, &watch, "", (1280, 800), "线索打分");
    // The whole drawing first, and a menu of its pages.
    browser.wait_until("!document.getElementById('pages').hidden");
    let options = browser.eval("document.getElementById('pages').options.length");
    assert!(
        options.as_u64().unwrap() >= 3,
        "the whole drawing and its pages: {options}"
    );
    assert_eq!(
        browser.eval("document.querySelectorAll('#diagram .node.off-page').length"),
        0,
        "the whole drawing has no connectors"
    );
    // ] shows page 1: its title says so, and it leads on to page 2.
    browser.eval(
        "document.body.dispatchEvent(new KeyboardEvent('keydown', { key: ']', bubbles: true }))",
    );
    browser.wait_until(&format!("{DIAGRAM_TEXT}.includes('（1/')"));
    assert_eq!(browser.eval("document.getElementById('pages').value"), "1");
    assert_eq!(
        browser.eval(&format!("{DIAGRAM_TEXT}.includes('→ 2 · ')")),
        true
    );
    // The menu picks the last page; [ goes back one.
    browser.eval(
        "const s = document.getElementById('pages'); s.value = String(s.options.length - 1); s.dispatchEvent(new Event('change'))",
    );
    let last = browser.eval("document.getElementById('pages').options.length - 1");
    browser.wait_until(&format!("{DIAGRAM_TEXT}.includes('（{last}/')"));
    browser.eval(
        "document.body.dispatchEvent(new KeyboardEvent('keydown', { key: '[', bubbles: true }))",
    );
    let before = last.as_u64().unwrap() - 1;
    browser.wait_until(&format!("{DIAGRAM_TEXT}.includes('（{before}/')"));
}

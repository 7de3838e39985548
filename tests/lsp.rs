//! `crmflow lsp` driven over stdio with real JSON-RPC, as an editor does:
//! initialize → open a flow with an error on a Chinese line → diagnostics
//! with exact UTF-16 ranges and codes → fix it → no diagnostics; then
//! completion, hover, definition, references, rename (and refused ones),
//! formatting, quick fixes, and a clean shutdown.

use serde_json::{Value, json};
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};

struct Server {
    child: Child,
    input: ChildStdin,
    output: BufReader<ChildStdout>,
    next_id: i64,
}

impl Server {
    fn start() -> Server {
        Server::start_with(&[])
    }

    fn start_with(env: &[(&str, &str)]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_crmflow"))
            .arg("lsp")
            .envs(env.iter().copied())
            .env("CRMFLOW_TODAY", "2026-12-01")
            .env("CRMFLOW_LANG", "en")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let input = child.stdin.take().unwrap();
        let output = BufReader::new(child.stdout.take().unwrap());
        Server {
            child,
            input,
            output,
            next_id: 0,
        }
    }

    fn send(&mut self, message: &Value) {
        let body = message.to_string();
        write!(self.input, "Content-Length: {}\r\n\r\n{body}", body.len()).unwrap();
        self.input.flush().unwrap();
    }

    fn receive(&mut self) -> Value {
        let mut length = 0;
        loop {
            let mut line = String::new();
            assert!(
                self.output.read_line(&mut line).unwrap() > 0,
                "the server hung up"
            );
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some(value) = line.strip_prefix("Content-Length: ") {
                length = value.parse().unwrap();
            }
        }
        let mut body = vec![0; length];
        self.output.read_exact(&mut body).unwrap();
        serde_json::from_slice(&body).unwrap()
    }

    fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({"jsonrpc": "2.0", "method": method, "params": params}));
    }

    /// Sends a request and gives its response (notifications in between
    /// are skipped).
    fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(&json!({"jsonrpc": "2.0", "id": id, "method": method, "params": params}));
        loop {
            let message = self.receive();
            if message["id"] == json!(id) {
                return message;
            }
        }
    }

    /// `initialize`, then `initialized`: a session ready for documents.
    fn initialized(&mut self) -> Value {
        let init = self.request(
            "initialize",
            json!({"processId": null, "rootUri": null, "capabilities": {}}),
        );
        self.notify("initialized", json!({}));
        init
    }

    /// The next diagnostics published.
    fn diagnostics(&mut self) -> Value {
        loop {
            let message = self.receive();
            if message["method"] == "textDocument/publishDiagnostics" {
                return message["params"].clone();
            }
        }
    }
}

const BROKEN: &str = "flow \"合同流程\" {\n  goal \"审核每一份合同\"\n  owner \"销售部\"\n}\nlane 销售 \"销售部\"\nstart s \"开始\" lane 销售\nstep 审核 \"审核合同\" lane 销售\nstep 发送 \"发送邮件\" lane 销售x\nend e \"结束\" lane 销售\ns -> 审核 -> 发送 -> e\n";

fn at(line: u32, character: u32) -> Value {
    json!({"line": line, "character": character})
}

#[test]
fn an_editor_session_over_stdio() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("合同.crmflow");
    std::fs::write(&path, BROKEN).unwrap();
    let uri = url::Url::from_file_path(&path).unwrap().to_string();
    let doc = json!({"uri": uri});
    let mut server = Server::start();

    let init = server.request(
        "initialize",
        json!({"processId": null, "rootUri": null, "capabilities": {}}),
    );
    let capabilities = &init["result"]["capabilities"];
    assert_eq!(capabilities["hoverProvider"], json!(true));
    assert_eq!(capabilities["renameProvider"], json!(true));
    server.notify("initialized", json!({}));

    // An unknown lane on a line of Chinese: the range counts UTF-16 units.
    server.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "crmflow", "version": 1, "text": BROKEN}}),
    );
    let published = server.diagnostics();
    assert_eq!(published["uri"], json!(uri));
    assert_eq!(published["version"], json!(1));
    let diagnostics = published["diagnostics"].as_array().unwrap();
    assert_eq!(diagnostics.len(), 1, "{diagnostics:?}");
    let unknown = &diagnostics[0];
    assert_eq!(unknown["code"], json!("E102"));
    assert_eq!(unknown["severity"], json!(1));
    assert_eq!(unknown["source"], json!("crmflow"));
    // `step 发送 "发送邮件" lane 销售x`: 销售x is UTF-16 columns 20..23.
    assert_eq!(
        unknown["range"],
        json!({"start": at(7, 20), "end": at(7, 23)})
    );
    assert!(
        unknown["message"]
            .as_str()
            .unwrap()
            .contains("help: did you mean `销售`?"),
        "{unknown}"
    );

    // Quick fixes at the finding: the suggestion and declaring the lane.
    let actions = server.request(
        "textDocument/codeAction",
        json!({"textDocument": doc, "range": {"start": at(7, 21), "end": at(7, 21)}, "context": {"diagnostics": []}}),
    );
    let titles: Vec<&str> = actions["result"]
        .as_array()
        .unwrap()
        .iter()
        .map(|action| action["title"].as_str().unwrap())
        .collect();
    assert!(titles.contains(&"Change to `销售`"), "{titles:?}");
    assert!(titles.contains(&"Declare lane `销售x`"), "{titles:?}");
    let change = actions["result"]
        .as_array()
        .unwrap()
        .iter()
        .find(|action| action["title"] == "Change to `销售`")
        .unwrap();
    assert_eq!(
        change["edit"]["changes"][&uri][0],
        json!({"range": {"start": at(7, 20), "end": at(7, 23)}, "newText": "销售"})
    );

    // The fix: no findings left.
    let fixed = BROKEN.replace("销售x", "销售");
    server.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": fixed}]}),
    );
    let published = server.diagnostics();
    assert_eq!(published["version"], json!(2));
    assert_eq!(published["diagnostics"], json!([]));

    // Completion after `lane `: the declared lanes with their labels.
    let completion = server.request(
        "textDocument/completion",
        json!({"textDocument": doc, "position": at(7, 20)}),
    );
    let items = completion["result"].as_array().unwrap();
    assert!(
        items
            .iter()
            .any(|item| item["label"] == "销售" && item["detail"] == "lane “销售部”"),
        "{items:?}"
    );
    // At a line's start: declaration words and node ids.
    let completion = server.request(
        "textDocument/completion",
        json!({"textDocument": doc, "position": at(9, 0)}),
    );
    let labels: Vec<&str> = completion["result"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item["label"].as_str().unwrap())
        .collect();
    assert!(
        labels.contains(&"step") && labels.contains(&"审核"),
        "{labels:?}"
    );

    // Hover on 审核 in the edge line: kind, label, lane, edges.
    let hover = server.request(
        "textDocument/hover",
        json!({"textDocument": doc, "position": at(9, 6)}),
    );
    let text = hover["result"]["contents"]["value"].as_str().unwrap();
    assert!(text.starts_with("**step** `审核` “审核合同”"), "{text}");
    assert!(
        text.contains("lane: 销售") && text.contains("to: `发送`"),
        "{text}"
    );
    assert_eq!(
        hover["result"]["range"],
        json!({"start": at(9, 5), "end": at(9, 7)})
    );

    // Definition and references.
    let definition = server.request(
        "textDocument/definition",
        json!({"textDocument": doc, "position": at(9, 6)}),
    );
    assert_eq!(
        definition["result"]["range"],
        json!({"start": at(6, 5), "end": at(6, 7)})
    );
    let references = server.request(
        "textDocument/references",
        json!({"textDocument": doc, "position": at(6, 5), "context": {"includeDeclaration": true}}),
    );
    assert_eq!(references["result"].as_array().unwrap().len(), 2);

    // Rename, and the refused ones.
    let rename = server.request(
        "textDocument/rename",
        json!({"textDocument": doc, "position": at(6, 6), "newName": "复核"}),
    );
    let edits = rename["result"]["changes"][&uri].as_array().unwrap();
    assert_eq!(edits.len(), 2);
    assert!(edits.iter().all(|edit| edit["newText"] == "复核"));
    for (taken, why) in [("发送", "already exists"), ("step", "cannot be a node id")] {
        let refused = server.request(
            "textDocument/rename",
            json!({"textDocument": doc, "position": at(6, 6), "newName": taken}),
        );
        let message = refused["error"]["message"].as_str().unwrap();
        assert!(message.contains(why), "{taken}: {message}");
    }

    // Formatting is `crmflow fmt`.
    let formatting = server.request(
        "textDocument/formatting",
        json!({"textDocument": doc, "options": {"tabSize": 2, "insertSpaces": true}}),
    );
    let formatted = formatting["result"][0]["newText"].as_str().unwrap();
    assert!(
        formatted.contains("step  审核 \"审核合同\" lane 销售"),
        "{formatted}"
    );

    // Symbols and folding.
    let symbols = server.request("textDocument/documentSymbol", json!({"textDocument": doc}));
    assert_eq!(
        symbols["result"].as_array().unwrap().len(),
        6,
        "flow, lane, 4 nodes"
    );
    let folds = server.request("textDocument/foldingRange", json!({"textDocument": doc}));
    assert_eq!(folds["result"][0]["startLine"], json!(0));
    assert_eq!(folds["result"][0]["endLine"], json!(3));

    // Half-typed text never breaks it: requests still answer.
    server.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 3}, "contentChanges": [{"text": "step 审核 \"未闭合\n审核 -> "}]}),
    );
    let published = server.diagnostics();
    assert!(!published["diagnostics"].as_array().unwrap().is_empty());
    let hover = server.request(
        "textDocument/hover",
        json!({"textDocument": doc, "position": at(99, 99)}),
    );
    assert!(hover.get("error").is_none(), "{hover}");
    let formatting = server.request(
        "textDocument/formatting",
        json!({"textDocument": doc, "options": {"tabSize": 2, "insertSpaces": true}}),
    );
    assert!(
        formatting["error"]["message"]
            .as_str()
            .unwrap()
            .starts_with("not formatted: E00"),
        "{formatting}"
    );
    let unknown = server.request("crmflow/nothing", json!({}));
    assert_eq!(unknown["error"]["code"], json!(-32601));

    let shutdown = server.request("shutdown", json!(null));
    assert_eq!(shutdown["result"], json!(null));
    server.notify("exit", json!(null));
    let status = server.child.wait().unwrap();
    assert!(status.success(), "{status}");
}

#[test]
fn a_chinese_editor_gets_chinese_diagnostics_with_the_same_codes_and_ranges() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("合同.crmflow");
    std::fs::write(&path, BROKEN).unwrap();
    let uri = url::Url::from_file_path(&path).unwrap().to_string();
    let mut ranges = Vec::new();
    for locale in ["en", "zh-cn"] {
        let mut server = Server::start();
        server.request(
            "initialize",
            json!({"processId": null, "rootUri": null, "capabilities": {}, "locale": locale}),
        );
        server.notify("initialized", json!({}));
        server.notify(
            "textDocument/didOpen",
            json!({"textDocument": {"uri": uri, "languageId": "crmflow", "version": 1, "text": BROKEN}}),
        );
        let published = server.diagnostics();
        let diagnostic = published["diagnostics"][0].clone();
        let message = diagnostic["message"].as_str().unwrap().to_owned();
        if locale == "en" {
            assert!(message.starts_with("unknown lane `销售x`"), "{message}");
        } else {
            assert!(message.starts_with("未知泳道 `销售x`"), "{message}");
            assert!(message.contains("提示："), "{message}");
        }
        ranges.push((diagnostic["code"].clone(), diagnostic["range"].clone()));
    }
    assert_eq!(ranges[0], ranges[1]);
}

/// Hardening round 3 (#29 item 3): the framing and the protocol hold
/// against a client that sends garbage, and the server goes on.
#[test]
fn bad_frames_and_messages_get_json_rpc_errors_and_the_server_goes_on() {
    let mut server = Server::start_with(&[("CRMFLOW_LIMITS", "file-size=4KiB")]);
    // A request before `initialize`: ServerNotInitialized, not the end.
    let early = server.request("textDocument/hover", json!({}));
    assert_eq!(early["error"]["code"], json!(-32002), "{early}");
    let init = server.request(
        "initialize",
        json!({"processId": null, "rootUri": null, "capabilities": {}}),
    );
    assert!(init["result"]["capabilities"].is_object(), "{init}");
    server.notify("initialized", json!({}));
    // Not JSON: -32700 with a null id.
    let garbage = b"{this is not json";
    write!(server.input, "Content-Length: {}\r\n\r\n", garbage.len()).unwrap();
    server.input.write_all(garbage).unwrap();
    server.input.flush().unwrap();
    let parse_error = server.receive();
    assert_eq!(parse_error["error"]["code"], json!(-32700), "{parse_error}");
    assert_eq!(parse_error["id"], json!(null));
    // A batch: -32600.
    server.send(&json!([{"jsonrpc": "2.0", "id": 99, "method": "shutdown"}]));
    let batch = server.receive();
    assert_eq!(batch["error"]["code"], json!(-32600), "{batch}");
    // A body over the limit (4 KiB here): skipped unread, -32600.
    let big = format!("{{\"pad\": \"{}\"}}", "x".repeat(10_000));
    write!(server.input, "Content-Length: {}\r\n\r\n{big}", big.len()).unwrap();
    server.input.flush().unwrap();
    let too_large = server.receive();
    assert_eq!(too_large["error"]["code"], json!(-32600), "{too_large}");
    assert!(
        too_large["error"]["message"]
            .as_str()
            .unwrap()
            .contains("over the limit"),
        "{too_large}"
    );
    // Still answering.
    let symbols = server.request(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": "file:///etc/shadow"}}),
    );
    assert!(
        symbols["error"]["message"]
            .as_str()
            .unwrap()
            .contains("not open"),
        "{symbols}"
    );
    // After shutdown a request is refused, and exit ends the server cleanly.
    let shutdown = server.request("shutdown", json!(null));
    assert_eq!(shutdown["result"], json!(null));
    let late = server.request("textDocument/hover", json!({}));
    assert_eq!(late["error"]["code"], json!(-32600), "{late}");
    server.notify("exit", json!(null));
    let status = server.child.wait().unwrap();
    assert!(status.success(), "{status}");
}

#[test]
fn a_huge_length_or_an_endless_header_ends_the_reader_without_a_panic_or_4_gb() {
    for frame in [
        b"Content-Length: 4294967296\r\n\r\n{}".to_vec(),
        b"Content-Length: 18446744073709551616\r\n\r\n".to_vec(),
        vec![b'a'; 64 * 1024],
    ] {
        let mut server = Server::start();
        server.input.write_all(&frame).unwrap();
        drop(server.input);
        let status = server.child.wait().unwrap();
        assert_ne!(status.code(), Some(101), "a panic");
        assert!(
            status.code().is_some(),
            "killed by a signal (an abort): {status}"
        );
    }
}

#[test]
fn rename_refuses_invisible_characters_and_definition_stays_in_the_project() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("project");
    std::fs::create_dir_all(&project).unwrap();
    std::fs::write(
        dir.path().join("outside.crmflow"),
        "start a\nend b\na -> b\n",
    )
    .unwrap();
    std::fs::write(project.join("inside.crmflow"), "start a\nend b\na -> b\n").unwrap();
    let text = "start s \"S\"\nsub out \"Out\" calls \"../outside.crmflow\"\nsub in \"In\" calls \"inside.crmflow\"\nend e \"E\"\ns -> out -> in -> e\n";
    let path = project.join("main.crmflow");
    std::fs::write(&path, text).unwrap();
    let uri = url::Url::from_file_path(&path).unwrap().to_string();
    let mut server = Server::start();
    server.initialized();
    server.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "crmflow", "version": 1, "text": text}}),
    );
    let outside = server.request(
        "textDocument/definition",
        json!({"textDocument": {"uri": uri}, "position": at(1, 30)}),
    );
    assert_eq!(outside["result"], json!(null), "{outside}");
    let inside = server.request(
        "textDocument/definition",
        json!({"textDocument": {"uri": uri}, "position": at(2, 28)}),
    );
    assert!(
        inside["result"]["uri"]
            .as_str()
            .unwrap()
            .ends_with("project/inside.crmflow"),
        "{inside}"
    );
    for name in ["s\u{200D}", "s\u{202E}x", "\u{200B}s2"] {
        let renamed = server.request(
            "textDocument/rename",
            json!({"textDocument": {"uri": uri}, "position": at(0, 6), "newName": name}),
        );
        assert!(
            renamed["error"]["message"]
                .as_str()
                .unwrap()
                .contains("invisible"),
            "{name:?}: {renamed}"
        );
    }
}

#[test]
fn a_burst_of_changes_is_checked_once_per_burst_not_per_keystroke() {
    let mut text = String::from("start n0 \"开始\"\n");
    for i in 1..1500 {
        text.push_str(&format!("step n{i} \"处理客户请求 {i}\"\n"));
    }
    text.push_str("end n1500 \"结束\"\n");
    for i in 0..1500 {
        text.push_str(&format!("n{i} -> n{}\n", i + 1));
    }
    let uri = "file:///tmp/crmflow-burst-test.crmflow";
    let mut server = Server::start();
    server.initialized();
    server.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "crmflow", "version": 1, "text": text}}),
    );
    for version in 2..32 {
        server.notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": version},
                   "contentChanges": [{"text": format!("{text}# edit {version}\n")}]}),
        );
    }
    // The last version is always checked; most in between are skipped.
    let mut published = 0;
    loop {
        let diagnostics = server.diagnostics();
        published += 1;
        if diagnostics["version"] == json!(31) {
            break;
        }
    }
    assert!(published <= 10, "{published} checks for 31 versions");
}

#[test]
fn phases_complete_hover_and_rename_across_declarations_attributes_and_blocks() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("phases.crmflow");
    let text = "lane sales \"Sales\"\nphase lead \"获客\"\nphase deal \"Deal\"\nstart s \"Inquiry\" lane sales phase lead\nlane sales {\n  phase deal {\n    step offer \"Offer\"\n  }\n}\nend e \"Won\" lane sales phase \ns -> offer -> e\n";
    std::fs::write(&path, text).unwrap();
    let uri = url::Url::from_file_path(&path).unwrap().to_string();
    let doc = json!({"uri": uri});
    let mut server = Server::start();
    server.initialized();
    server.notify(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "crmflow", "version": 1, "text": text}}),
    );
    server.diagnostics();

    // After `phase ` on a node: the declared phases with their labels.
    let completion = server.request(
        "textDocument/completion",
        json!({"textDocument": doc, "position": at(9, 29)}),
    );
    let items = completion["result"].as_array().unwrap();
    let labels: Vec<(&str, &str)> = items
        .iter()
        .map(|item| {
            (
                item["label"].as_str().unwrap(),
                item["detail"].as_str().unwrap_or(""),
            )
        })
        .collect();
    assert!(labels.contains(&("lead", "phase “获客”")), "{labels:?}");
    assert!(labels.contains(&("deal", "phase “Deal”")), "{labels:?}");
    assert!(
        !labels.iter().any(|(label, _)| *label == "sales"),
        "{labels:?}"
    );

    // The line finished: the document parses again.
    let finished = text.replace("phase \ns ->", "phase deal\ns ->");
    server.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": finished}]}),
    );
    let published = server.diagnostics();
    let codes: Vec<&Value> = published["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| &d["code"])
        .collect();
    assert_eq!(
        codes,
        [&json!("L021"), &json!("L030")],
        "only the missing goal and title are left"
    );

    // Hover on the phase of `s`.
    let hover = server.request(
        "textDocument/hover",
        json!({"textDocument": doc, "position": at(3, 36)}),
    );
    let shown = hover["result"]["contents"]["value"].as_str().unwrap();
    assert!(shown.contains("lead") && shown.contains("获客"), "{shown}");

    // Rename `deal` from its declaration: the nested block and the
    // attribute follow.
    let rename = server.request(
        "textDocument/rename",
        json!({"textDocument": doc, "position": at(2, 7), "newName": "contract"}),
    );
    let mut edits: Vec<Value> = rename["result"]["changes"][&uri]
        .as_array()
        .unwrap()
        .clone();
    edits.sort_by_key(|edit| edit["range"]["start"]["line"].as_u64());
    assert_eq!(
        edits,
        vec![
            json!({"range": {"start": at(2, 6), "end": at(2, 10)}, "newText": "contract"}),
            json!({"range": {"start": at(5, 8), "end": at(5, 12)}, "newText": "contract"}),
            json!({"range": {"start": at(9, 29), "end": at(9, 33)}, "newText": "contract"}),
        ]
    );
    // An id another phase already has is refused.
    let refused = server.request(
        "textDocument/rename",
        json!({"textDocument": doc, "position": at(2, 7), "newName": "lead"}),
    );
    let message = refused["error"]["message"].as_str().unwrap();
    assert!(message.contains("already exists"), "{message}");

    let shutdown = server.request("shutdown", json!(null));
    assert_eq!(shutdown["result"], json!(null));
    server.notify("exit", json!(null));
    assert!(server.child.wait().unwrap().success());
}

//! The server's handlers in process, on files in a temporary folder: the
//! parts the stdio test does not reach.

use super::*;
use serde_json::json;

fn open(session: &mut Session, uri: &lsp::Url, text: &str) -> Vec<lsp::Diagnostic> {
    let published = session.notification(
        "textDocument/didOpen",
        json!({"textDocument": {"uri": uri, "languageId": "crmflow", "version": 1, "text": text}}),
    );
    published
        .into_iter()
        .next()
        .map(|(_, d, _)| d)
        .unwrap_or_default()
}

fn at(line: u32, character: u32) -> serde_json::Value {
    json!({"line": line, "character": character})
}

#[test]
fn a_one_branch_decision_gets_its_second_branch_and_calls_targets_complete_and_open() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("part.crmflow"),
        "start a \"A\"\nend b \"B\"\na -> b\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("notes.txt"), "not a flow").unwrap();
    let path = dir.path().join("main.crmflow");
    let uri = lsp::Url::from_file_path(&path).unwrap();
    let text = "start s \"开始\"\ndecision ok \"通过?\"\nsub p \"Part\" calls \"\"\nend e \"结束\"\ns -> ok\nok -> p : \"是\"\np -> e\n";
    std::fs::write(&path, text).unwrap();
    let mut session = Session::default();
    let diagnostics = open(&mut session, &uri, text);
    let branch = diagnostics
        .iter()
        .find(|d| d.code == Some(lsp::NumberOrString::String("L005".into())))
        .expect("a one-branch decision is reported");

    // The quick fix adds a `否` branch to a new end (the existing branch is Chinese).
    let actions = session
        .request(
            "textDocument/codeAction",
            json!({"textDocument": {"uri": uri}, "range": branch.range, "context": {"diagnostics": []}}),
        )
        .unwrap();
    let add = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"] == "Add a `否` branch to `ok`")
        .expect("the branch fix");
    let inserted = add["edit"]["changes"][uri.as_str()][0]["newText"]
        .as_str()
        .unwrap();
    assert_eq!(inserted, "end ok_否 \"待定\"\nok -> ok_否 : \"否\"\n");
    let fixed = format!("{text}{inserted}");
    let published = session.notification(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": fixed}]}),
    );
    let codes: Vec<_> = published[0].1.iter().map(|d| d.code.clone()).collect();
    assert!(
        !codes.contains(&Some(lsp::NumberOrString::String("L005".into()))),
        "{codes:?}"
    );
    // Every lint finding offers a crmflow-ignore line.
    let ignore = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"] == "Ignore `decision-branches` here (crmflow-ignore)")
        .expect("the ignore fix");
    assert_eq!(
        ignore["edit"]["changes"][uri.as_str()][0]["newText"],
        "# crmflow-ignore: decision-branches -- reason\n"
    );

    // Inside `calls "…"`: the flows in the folder, not this one, not other files.
    let completion = session
        .request(
            "textDocument/completion",
            json!({"textDocument": {"uri": uri}, "position": at(2, 20)}),
        )
        .unwrap();
    let labels: Vec<&str> = completion
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item["label"].as_str().unwrap())
        .collect();
    assert_eq!(labels, ["part.crmflow"]);

    // Go to definition on a calls target opens that file.
    let with_target = fixed.replace("calls \"\"", "calls \"part.crmflow\"");
    session.notification(
        "textDocument/didChange",
        json!({"textDocument": {"uri": uri, "version": 3}, "contentChanges": [{"text": with_target}]}),
    );
    let definition = session
        .request(
            "textDocument/definition",
            json!({"textDocument": {"uri": uri}, "position": at(2, 22)}),
        )
        .unwrap();
    let target = lsp::Url::from_file_path(dir.path().join("part.crmflow")).unwrap();
    assert_eq!(definition["uri"], json!(target));
}

#[test]
fn hover_on_a_finding_explains_its_rule_and_unreadable_files_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("flow.crmflow");
    let uri = lsp::Url::from_file_path(&path).unwrap();
    let text = "start s \"S\"\nstep x \"Dead end\"\nend e \"E\"\ns -> e\ns -> x\n";
    let mut session = Session::default();
    open(&mut session, &uri, text);
    // On the dead end's id: the node, then the dead-end rule's doc.
    let hover = session
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": at(1, 5)}),
        )
        .unwrap();
    let text = hover["contents"]["value"].as_str().unwrap();
    let explained = crate::lint::explain("dead-end").unwrap();
    assert_eq!(
        text,
        format!("**step** `x` “Dead end”\n\nfrom: `s`\n\n---\n\n{explained}")
    );

    // A file the editor has not opened is refused unread (#29 item 3): a
    // request naming any file on disk must not read it and quote it.
    let secret = dir.path().join("secret.txt");
    std::fs::write(&secret, "root:$6$token-of-the-secret:19000:0:99999:7:::\n").unwrap();
    for file in [secret, dir.path().join("bad.crmflow")] {
        std::fs::write(dir.path().join("bad.crmflow"), b"step a \"\xff\"\n").unwrap();
        let uri = lsp::Url::from_file_path(&file).unwrap();
        for method in ["textDocument/documentSymbol", "textDocument/hover"] {
            let refused = session
                .request(
                    method,
                    json!({"textDocument": {"uri": uri}, "position": at(0, 3)}),
                )
                .unwrap_err();
            assert!(refused.1.contains("not open"), "{}", refused.1);
            assert!(!refused.1.contains("token-of-the-secret"), "{}", refused.1);
        }
    }
    // Parameters of the wrong shape: invalid params, still no crash.
    let wrong = session
        .request("textDocument/hover", json!({"nothing": true}))
        .unwrap_err();
    assert_eq!(wrong.0 as i32, ErrorCode::InvalidParams as i32);
}

#[test]
fn a_document_over_the_size_limit_gets_one_error_and_requests_still_answer() {
    let mut session = Session::default();
    let uri = lsp::Url::parse("file:///tmp/crmflow-huge/huge.crmflow").unwrap();
    let limit = crate::limits::current().file_bytes as usize;
    let huge = "step a \"A\"\n".repeat(limit / 11 + 1);
    let diagnostics = open(&mut session, &uri, &huge);
    assert_eq!(diagnostics.len(), 1);
    assert_eq!(
        diagnostics[0].code,
        Some(lsp::NumberOrString::String("E111".into()))
    );
    let hover = session
        .request(
            "textDocument/hover",
            json!({"textDocument": {"uri": uri}, "position": at(0, 5)}),
        )
        .unwrap();
    assert!(hover.is_null(), "{hover}");
    let symbols = session
        .request(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": uri}}),
        )
        .unwrap();
    assert!(symbols.is_null());
}

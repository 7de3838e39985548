//! `crmflow export` and `crmflow stats`: every example and template exports to the flow JSON
//! (everything carried) and to Mermaid, which the pinned Mermaid
//! (tests/js, npm) parses and renders in headless Chromium; what Mermaid
//! cannot show is a W310 warning; the CLI's default names and stdout.

use crate::util::{crmflow_files, root, run};
use crmflow::SourceFile;
use crmflow::export::Format;
use std::path::{Path, PathBuf};

fn flows() -> Vec<(String, crmflow::Compiled)> {
    let mut files = crmflow_files(&root().join("examples"));
    files.extend(crmflow_files(&root().join("templates")));
    files
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).unwrap();
            let name = path.display().to_string();
            let source = SourceFile::new(&name, text.trim_start_matches('\u{feff}').to_owned());
            let compiled = crmflow::compile(&source, &crmflow::Options::default()).unwrap();
            (name, compiled)
        })
        .collect()
}

fn encode(compiled: &crmflow::Compiled, format: Format) -> String {
    let bytes = format
        .encode(compiled, crmflow::render::Fonts::bundled(), 1.0, false)
        .unwrap();
    String::from_utf8(bytes).unwrap()
}

#[test]
fn the_flow_json_carries_every_node_edge_and_attribute() {
    for (name, compiled) in flows() {
        let json: serde_json::Value =
            serde_json::from_str(&encode(&compiled, Format::FlowJson)).unwrap();
        let flow = &compiled.flow;
        assert_eq!(json["schema"], "crmflow-flow/2");
        assert_eq!(
            json["nodes"].as_array().unwrap().len(),
            flow.nodes.len(),
            "{name}"
        );
        assert_eq!(
            json["edges"].as_array().unwrap().len(),
            flow.edges.len(),
            "{name}"
        );
        assert_eq!(
            json["lanes"].as_array().unwrap().len(),
            flow.lanes.len(),
            "{name}"
        );
        for (node, exported) in flow.nodes.iter().zip(json["nodes"].as_array().unwrap()) {
            assert_eq!(exported["id"], node.id.as_str());
            assert_eq!(exported["label"], node.label.as_str());
            assert_eq!(
                exported["inputs"].as_array().unwrap().len(),
                node.inputs.len()
            );
            assert_eq!(
                exported["notes"].as_array().unwrap().len(),
                node.notes.len()
            );
        }
        assert!(Format::FlowJson.losses(&compiled).is_empty());
    }
}

/// Runs a page in headless Chromium: `head` in its head, `script` as its
/// script, which writes JSON into `#result`; gives that JSON.
fn run_page(chromium: &Path, head: &str, script: &str) -> serde_json::Value {
    let dir = tempfile::tempdir().unwrap();
    let page = format!(
        "<!doctype html><html><head><meta charset=\"utf-8\">{head}</head>\n<body><pre id=\"result\">pending</pre><div id=\"graph\"></div><script>\n{script}\n</script></body></html>"
    );
    let page_path = dir.path().join("page.html");
    std::fs::write(&page_path, page).unwrap();
    let output = std::process::Command::new(chromium)
        .args(crate::util::HEADLESS)
        .args([
            "--allow-file-access-from-files",
            "--virtual-time-budget=60000",
        ])
        .arg(format!(
            "--user-data-dir={}",
            dir.path().join("profile").display()
        ))
        .arg("--dump-dom")
        .arg(url::Url::from_file_path(&page_path).unwrap().as_str())
        .output()
        .unwrap();
    let dom = String::from_utf8_lossy(&output.stdout);
    let start = dom.find("<pre id=\"result\">").expect("the page") + "<pre id=\"result\">".len();
    let end = dom[start..].find("</pre>").unwrap() + start;
    let text = dom[start..end]
        .replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">");
    serde_json::from_str(&text).unwrap_or_else(|_| panic!("the page did not finish: {text}"))
}

/// Chromium and a file under tests/js/node_modules, or `None` to skip
/// (never in CI, which installs both).
fn browser_and(file: &str) -> Option<(PathBuf, PathBuf)> {
    let chromium = crate::util::chromium_or_skip()?;
    let script = root().join("tests/js/node_modules").join(file);
    if !script.is_file() {
        assert!(
            std::env::var_os("CRMFLOW_REQUIRE_BROWSER").is_none(),
            "CRMFLOW_REQUIRE_BROWSER is set but {} is missing (npm ci in tests/js)",
            script.display()
        );
        eprintln!("skipped: no {} (npm ci in tests/js)", script.display());
        return None;
    }
    Some((chromium, script))
}

#[test]
fn every_mermaid_export_parses_and_renders_in_the_pinned_mermaid() {
    let exports: Vec<(String, String, usize)> = flows()
        .into_iter()
        .map(|(name, compiled)| {
            let nodes = compiled.flow.nodes.len();
            (name, encode(&compiled, Format::Mermaid), nodes)
        })
        .collect();
    // Labels are escaped: no raw markup from a label reaches Mermaid.
    for (name, text, _) in &exports {
        assert!(
            text.starts_with("---\ntitle: ") || text.starts_with("flowchart "),
            "{name}"
        );
    }
    let Some((chromium, script)) = browser_and("mermaid/dist/mermaid.min.js") else {
        return;
    };
    let texts: Vec<&str> = exports.iter().map(|(_, text, _)| text.as_str()).collect();
    let head = format!(
        r#"<script src="{}"></script>"#,
        url::Url::from_file_path(&script).unwrap()
    );
    let body = format!(
        r#"const diagrams = {};
mermaid.initialize({{ startOnLoad: false, securityLevel: "strict" }});
(async () => {{
  const out = [];
  for (let i = 0; i < diagrams.length; i++) {{
    try {{
      const {{ svg }} = await mermaid.render("d" + i, diagrams[i]);
      out.push({{ ok: true, nodes: (svg.match(/class="node /g) || []).length, script: svg.includes("<script") }});
    }} catch (e) {{ out.push({{ ok: false, error: String((e && e.message) || e) }}); }}
  }}
  document.getElementById("result").textContent = JSON.stringify(out);
}})();"#,
        serde_json::to_string(&texts).unwrap()
    );
    let results = run_page(&chromium, &head, &body);
    let results = results.as_array().unwrap();
    assert_eq!(results.len(), exports.len());
    assert!(exports.len() >= 18, "every example and template");
    for ((name, _, nodes), result) in exports.iter().zip(results) {
        assert_eq!(result["ok"], true, "{name}: {result}");
        assert_eq!(result["nodes"], *nodes, "{name}: every node drawn");
        assert_eq!(result["script"], false, "{name}");
    }
}

#[test]
fn the_cli_exports_to_default_names_or_stdout_and_warns_what_mermaid_cannot_show() {
    let dir = tempfile::tempdir().unwrap();
    let flow = root().join("examples/lead-to-contract.crmflow");
    std::fs::copy(&flow, dir.path().join("lead.crmflow")).unwrap();
    let mermaid = run(
        dir.path(),
        &["export", "lead.crmflow", "--to", "mermaid"],
        b"",
    );
    assert_eq!(mermaid.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&mermaid.stderr);
    assert!(
        stderr.contains("W310") && stderr.contains("Mermaid cannot show the header's `goal`"),
        "{stderr}"
    );
    assert!(dir.path().join("lead.mmd").is_file());
    let json = run(dir.path(), &["export", "lead.crmflow", "--to", "json"], b"");
    assert_eq!(json.status.code(), Some(0));
    let text = std::fs::read_to_string(dir.path().join("lead.crmflow.json")).unwrap();
    assert!(text.starts_with("{\n  \"schema\": \"crmflow-flow/2\""));
    let stdout = run(
        dir.path(),
        &["export", "-", "--to", "mermaid"],
        b"step a \"<b>x</b>\"\n",
    );
    assert_eq!(stdout.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&stdout.stdout),
        "flowchart LR\n  n0[\"#lt;b#gt;x#lt;/b#gt;\"]\n"
    );
    // Batch mode knows the formats too.
    let batch = run(
        dir.path(),
        &[
            "render",
            "lead.crmflow",
            "--format",
            "mermaid,json",
            "--no-lint",
        ],
        b"",
    );
    assert_eq!(
        batch.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&batch.stderr)
    );
    let bad = run(
        dir.path(),
        &["export", "lead.crmflow", "--to", "visio"],
        b"",
    );
    assert_eq!(bad.status.code(), Some(3), "a usage error");
}

#[test]
fn stats_prints_a_table_or_json_and_refuses_an_invalid_flow() {
    let dir = tempfile::tempdir().unwrap();
    let ten = root().join("templates/ten-step.en.crmflow");
    std::fs::copy(&ten, dir.path().join("ten.crmflow")).unwrap();
    let table = run(dir.path(), &["stats", "ten.crmflow"], b"");
    assert_eq!(table.status.code(), Some(0));
    let text = String::from_utf8_lossy(&table.stdout);
    assert!(
        text.starts_with("13 nodes, 12 control edges, 3 data edges\n"),
        "{text}"
    );
    assert!(
        text.contains("decisions  2 · loops 1 · cyclomatic complexity 3"),
        "{text}"
    );
    assert!(
        text.contains("hand-offs  3 control edges change lane"),
        "{text}"
    );
    // Lanes and steps by their labels (#29 item 13), not their ids.
    assert!(
        text.contains("\n   1 Customer service  2  1  0  0\n"),
        "{text}"
    );
    assert!(
        text.contains("shortest   5 nodes: First contact (web / phone / social) → Enter customer information →"),
        "{text}"
    );
    assert!(!text.contains("contact → record"), "{text}");
    let json = run(
        dir.path(),
        &["stats", "ten.crmflow", "--format", "json"],
        b"",
    );
    let figures: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(figures["journeys"], 2);
    assert_eq!(figures["longest"]["length"], 10);
    assert_eq!(figures["handoffs"]["total"], 3);
    let bad = run(dir.path(), &["stats", "-"], b"step a \"A\"\na -> b\n");
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("E104"));
}

#[test]
fn the_sop_of_every_example_and_the_ten_step_template_matches_its_golden_file() {
    let mut files = crmflow_files(&root().join("examples"));
    files.push(root().join("templates/ten-step.en.crmflow"));
    files.push(root().join("templates/ten-step.zh.crmflow"));
    for path in files {
        let text = std::fs::read_to_string(&path).unwrap();
        let source = SourceFile::new(path.display().to_string(), text);
        let flow = crmflow::check(&source).unwrap();
        let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
        let golden = root().join("tests/golden/sop").join(format!("{stem}.md"));
        crate::util::assert_golden(&golden, &crmflow::sop::sop_markdown(&flow));
    }
    // The HTML page is the Markdown rendered, in the flow's language.
    let dir = tempfile::tempdir().unwrap();
    let zh = root().join("templates/ten-step.zh.crmflow");
    let html = run(
        dir.path(),
        &[
            "sop",
            zh.to_str().unwrap(),
            "--format",
            "html",
            "-o",
            "sop.html",
        ],
        b"",
    );
    assert_eq!(html.status.code(), Some(0));
    let page = std::fs::read_to_string(dir.path().join("sop.html")).unwrap();
    assert!(page.starts_with("<!doctype html>\n<html lang=\"zh\">"));
    assert!(page.contains("<h2>角色</h2>"), "{page}");
    assert!(!page.contains("<script"));
}

#[test]
fn every_drawio_export_loads_in_mxgraph_with_every_lane_node_and_edge() {
    let Some((chromium, script)) = browser_and("mxgraph/javascript/mxClient.min.js") else {
        return;
    };
    let exports: Vec<(String, String, [usize; 4])> = flows()
        .into_iter()
        .map(|(name, compiled)| {
            let layout = &compiled.layout;
            let counts = [
                layout.lanes.len(),
                layout.nodes.len(),
                layout.edges.len(),
                2 * layout.phases.len(),
            ];
            (name, encode(&compiled, Format::Drawio), counts)
        })
        .collect();
    let base = url::Url::from_file_path(script.parent().unwrap().join("src")).unwrap();
    let head = format!(
        r#"<script>window.mxBasePath = "{base}"; window.mxLoadResources = false; window.mxLoadStylesheets = false;</script><script src="{}"></script>"#,
        url::Url::from_file_path(&script).unwrap()
    );
    let texts: Vec<&str> = exports.iter().map(|(_, text, _)| text.as_str()).collect();
    let body = format!(
        r#"const files = {};
const out = files.map((xml) => {{
  try {{
    const doc = mxUtils.parseXml(xml);
    const model = new mxGraphModel();
    new mxCodec(doc).decode(doc.documentElement.getElementsByTagName("mxGraphModel")[0], model);
    const cells = Object.values(model.cells);
    const lane = (c) => (c.style || "").startsWith("swimlane");
    const phase = (c) => (c.style || "").includes("crmflow=phase");
    const lanes = cells.filter((c) => c.vertex && lane(c));
    const phases = cells.filter((c) => c.vertex && phase(c));
    const nodes = cells.filter((c) => c.vertex && !lane(c) && !phase(c));
    const edges = cells.filter((c) => c.edge);
    const sized = [...lanes, ...nodes, ...phases].every((c) => c.geometry && c.geometry.width > 0 && c.geometry.height > 0);
    const wired = edges.every((e) => e.source && e.target && e.source.vertex && e.target.vertex);
    const inside = nodes.every((n) => !lane(n.parent) || (n.geometry.x >= -1 && n.geometry.y >= -1
      && n.geometry.x + n.geometry.width <= n.parent.geometry.width + 1
      && n.geometry.y + n.geometry.height <= n.parent.geometry.height + 1));
    return {{ ok: true, counts: [lanes.length, nodes.length, edges.length, phases.length], sized, wired, inside }};
  }} catch (e) {{ return {{ ok: false, error: String(e) }}; }}
}});
document.getElementById("result").textContent = JSON.stringify(out);"#,
        serde_json::to_string(&texts).unwrap()
    );
    let results = run_page(&chromium, &head, &body);
    let results = results.as_array().unwrap();
    assert_eq!(results.len(), exports.len());
    for ((name, _, counts), result) in exports.iter().zip(results) {
        assert_eq!(result["ok"], true, "{name}: {result}");
        assert_eq!(result["counts"], serde_json::json!(counts), "{name}");
        assert_eq!(result["sized"], true, "{name}");
        assert_eq!(result["wired"], true, "{name}");
        assert_eq!(
            result["inside"], true,
            "{name}: nodes inside their lane containers"
        );
    }
}

#[test]
fn every_bpmn_export_reads_cleanly_passes_bpmnlint_and_imports_in_bpmn_js() {
    // bpmn-moddle and bpmnlint need only Node and tests/js; bpmn-js needs
    // Chromium too. Each part runs when it can, and CI (which sets
    // CRMFLOW_REQUIRE_BROWSER) fails with a message when one cannot.
    let modules = root().join("tests/js/node_modules");
    if !modules.join("bpmnlint").is_dir() {
        assert!(
            std::env::var_os("CRMFLOW_REQUIRE_BROWSER").is_none(),
            "CRMFLOW_REQUIRE_BROWSER is set but {} is missing (npm ci in tests/js)",
            modules.display()
        );
        eprintln!("skipped: no bpmnlint (npm ci in tests/js)");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let exports: Vec<(String, String)> = flows()
        .into_iter()
        .map(|(name, compiled)| (name, encode(&compiled, Format::Bpmn)))
        .collect();
    let mut files = Vec::new();
    for (index, (_, xml)) in exports.iter().enumerate() {
        let path = dir.path().join(format!("{index}.bpmn"));
        std::fs::write(&path, xml).unwrap();
        files.push(path);
    }
    // bpmn-moddle and bpmnlint (recommended rules), in Node.
    let checked = std::process::Command::new("node")
        .arg(root().join("tests/js/check-bpmn.cjs"))
        .args(&files)
        .output()
        .unwrap();
    assert!(
        checked.status.success(),
        "{}",
        String::from_utf8_lossy(&checked.stderr)
    );
    let results: serde_json::Value = serde_json::from_slice(&checked.stdout).unwrap();
    for ((name, _), result) in exports.iter().zip(results.as_array().unwrap()) {
        assert_eq!(
            result["warnings"],
            serde_json::json!([]),
            "{name}: bpmn-moddle"
        );
        for report in result["reports"].as_array().unwrap() {
            // The one exception, explained in docs/export.md: a labelled
            // edge that does not leave a decision keeps its label.
            assert_eq!(report["rule"], "superfluous-label", "{name}: {report}");
            assert_eq!(report["category"], "warn", "{name}: {report}");
        }
    }
    // bpmn-js imports each without a warning.
    let Some((chromium, viewer)) = browser_and("bpmn-js/dist/bpmn-viewer.production.min.js") else {
        return;
    };
    let head = format!(
        r#"<script src="{}"></script>"#,
        url::Url::from_file_path(&viewer).unwrap()
    );
    let texts: Vec<&str> = exports.iter().map(|(_, xml)| xml.as_str()).collect();
    let body = format!(
        r#"const files = {};
(async () => {{
  const out = [];
  for (const xml of files) {{
    const container = document.createElement("div");
    container.style.width = "1200px"; container.style.height = "600px";
    document.body.append(container);
    try {{
      const viewer = new BpmnJS({{ container }});
      const {{ warnings }} = await viewer.importXML(xml);
      out.push({{ ok: true, warnings: warnings.map((w) => w.message), shapes: viewer.get("elementRegistry").getAll().length }});
      viewer.destroy();
    }} catch (e) {{ out.push({{ ok: false, error: String(e) }}); }}
  }}
  document.getElementById("result").textContent = JSON.stringify(out);
}})();"#,
        serde_json::to_string(&texts).unwrap()
    );
    let results = run_page(&chromium, &head, &body);
    let results = results.as_array().unwrap();
    assert_eq!(results.len(), exports.len());
    for ((name, _), result) in exports.iter().zip(results) {
        assert_eq!(result["ok"], true, "{name}: {result}");
        assert_eq!(result["warnings"], serde_json::json!([]), "{name}");
        assert!(result["shapes"].as_u64().unwrap() > 5, "{name}: {result}");
    }
}

#[test]
fn bpmn_says_what_it_cannot_carry() {
    let flows = flows();
    let (_, service) = flows
        .iter()
        .find(|(name, _)| name.ends_with("service-desk.crmflow"))
        .unwrap();
    let losses = Format::Bpmn.losses(service);
    assert!(
        losses
            .iter()
            .any(|d| d.code == "W310"
                && d.message.english().contains("`form` is exported as a task")),
        "{losses:?}"
    );
}

/// A flow written to attack whoever renders its Mermaid export: a
/// `%%{init}%%` directive in a label, a branch label and the header, a
/// `javascript:` and a remote `calls`, YAML escapes in a `doc` label.
const HOSTILE: &str = "flow \"%%{init: {'themeVariables': {'primaryColor': '#ff0000'}}}%%\" {\n  goal \"%%{init: {'themeCSS': '.node rect { fill: #00ff00 }'}}%%\"\n}\nsub a \"%%{init: {'themeVariables': {'lineColor': '#0000ff'}}}%%\" calls \"javascript:alert(1)\"\nsub b \"B\" calls \"//evil.example/x.crmflow\"\ndoc d \"\\\\x3cimg src=https://evil.example/t.png\\\\x3e\"\na -> b -> d : \"%%{init: {'themeVariables': {'primaryTextColor': '#ff00ff'}}}%%\"\n";

#[test]
fn a_hostile_flow_stays_text_in_the_pinned_mermaid_at_both_security_levels() {
    let compiled = crmflow::compile(
        &crmflow::SourceFile::new("x.crmflow", HOSTILE),
        &Default::default(),
    )
    .unwrap();
    let text = encode(&compiled, Format::Mermaid);
    assert!(!text.contains("%%{"), "{text}");
    assert!(!text.contains("javascript:"), "{text}");
    assert!(!text.contains("evil.example/x"), "{text}");
    let Some((chromium, script)) = browser_and("mermaid/dist/mermaid.min.js") else {
        return;
    };
    let head = format!(
        r#"<script src="{}"></script>"#,
        url::Url::from_file_path(&script).unwrap()
    );
    for level in ["strict", "loose"] {
        let body = format!(
            r#"const diagram = {};
mermaid.initialize({{ startOnLoad: false, securityLevel: "{level}" }});
(async () => {{
  try {{
    const {{ svg, bindFunctions }} = await mermaid.render("d", diagram);
    const graph = document.getElementById("graph");
    graph.innerHTML = svg;
    if (bindFunctions) bindFunctions(graph);
    const hrefs = [...graph.querySelectorAll("a")].map(a => a.getAttribute("href") || a.getAttribute("xlink:href") || "");
    // Everything that styles or links: style sheets and attribute values
    // (a label's text may name a color; it must not become one).
    const styling = [...graph.querySelectorAll("*")].map(element =>
      (element.tagName === "style" ? element.textContent : "") + " " +
      [...element.attributes].map(a => a.value).join(" ")).join("\n");
    document.getElementById("result").textContent = JSON.stringify({{
      ok: true, styling, hrefs, images: graph.querySelectorAll("img, image").length }});
  }} catch (e) {{
    document.getElementById("result").textContent = JSON.stringify({{ ok: false, error: String((e && e.message) || e) }});
  }}
}})();"#,
            serde_json::to_string(&text).unwrap()
        );
        let result = run_page(&chromium, &head, &body);
        assert_eq!(result["ok"], true, "{level}: {result}");
        let styling = result["styling"].as_str().unwrap().to_lowercase();
        for injected in [
            "#ff0000",
            "#00ff00",
            "#0000ff",
            "#ff00ff",
            "evil.example",
            "javascript:",
        ] {
            assert!(
                !styling.contains(injected),
                "{level}: `{injected}` reached the drawing's styles or links"
            );
        }
        assert_eq!(result["images"], 0, "{level}: {result}");
        for href in result["hrefs"].as_array().unwrap() {
            let href = href.as_str().unwrap();
            // Strict mode drops the link (an empty anchor); loose keeps it.
            assert!(
                href.is_empty()
                    || (href.ends_with(".mmd") && !href.contains(':') && !href.starts_with('/')),
                "{level}: {href}"
            );
        }
    }
}

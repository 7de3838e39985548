//! Any text that compiles: every export (flow JSON, Mermaid, draw.io,
//! BPMN, layout JSON) and the SOP (Markdown and HTML) never panic; the
//! JSON parses, the XML is well-formed, and no Mermaid directive, script
//! scheme or raw markup from a label gets through.
#![no_main]

use crmflow::export::Format;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if text.len() > 4096 {
        return;
    }
    let source = crmflow::SourceFile::new("fuzz.crmflow", text);
    let options = crmflow::Options::default();
    let Ok(compiled) = crmflow::compile(&source, &options) else {
        return;
    };
    let fonts = crmflow::render::Fonts::bundled();
    for format in [Format::FlowJson, Format::LayoutJson, Format::Mermaid, Format::Drawio, Format::Bpmn] {
        let bytes = format.encode(&compiled, fonts, 1.0, false).expect("text formats encode");
        let _ = format.losses(&compiled);
        let out = String::from_utf8(bytes).expect("UTF-8");
        match format {
            Format::FlowJson | Format::LayoutJson => {
                serde_json::from_str::<serde_json::Value>(&out).expect("valid JSON");
            }
            Format::Drawio | Format::Bpmn => {
                if let Err(err) = roxmltree::Document::parse(&out) {
                    panic!("{format:?} is not well-formed: {err}");
                }
            }
            Format::Mermaid => {
                assert!(!out.contains("%%{"), "a directive formed: {out}");
                assert!(!out.contains("<script"), "{out}");
                assert!(!out.to_ascii_lowercase().contains("javascript:"), "{out}");
            }
            _ => {}
        }
    }
    let md = crmflow::sop::sop_markdown(&compiled.flow);
    assert!(!md.contains("<script"), "{md}");
    let html = crmflow::sop::sop_html(&compiled.flow);
    assert!(!html.contains("<script"), "{html}");
});

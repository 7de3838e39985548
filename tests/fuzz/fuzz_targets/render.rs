//! Any text that compiles: layout and SVG never panic, and the SVG is the
//! same twice.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    // Layout cost grows with the flow; keep each run short.
    if text.len() > 4096 {
        return;
    }
    let source = crmflow::SourceFile::new("fuzz.crmflow", text);
    let options = crmflow::Options::default();
    if let Ok(first) = crmflow::compile(&source, &options) {
        let second = crmflow::compile(&source, &options).expect("compiles twice");
        assert_eq!(first.svg, second.svg, "deterministic");
        let _ = crmflow::layout::layout_json(&first.layout);
    }
});

//! Any bytes: decoding and parsing answer with a flow or diagnostics whose
//! spans lie inside the text, and never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(source) = crmflow::SourceFile::from_bytes("fuzz.crmflow", data.to_vec()) else {
        return;
    };
    if let Err(diags) = crmflow::syntax::parse(&source) {
        for diag in diags {
            assert!(diag.span.start <= diag.span.end && diag.span.end <= source.text().len());
            let _ = source.line_col(diag.span.start);
        }
    }
});

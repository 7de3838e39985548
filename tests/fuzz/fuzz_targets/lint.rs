//! Any text: resolving and linting give diagnostics inside the text and
//! never panic.
#![no_main]

use crmflow::lint::{LintSettings, Preset, lint};
use crmflow::world::Disk;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let source = crmflow::SourceFile::new("fuzz.crmflow", text);
    match crmflow::check(&source) {
        Err(diags) => {
            for diag in diags {
                assert!(diag.span.end <= text.len());
            }
        }
        Ok(flow) => {
            let settings = LintSettings::preset(Preset::Strict);
            for finding in lint(&source, &flow, &settings, None, &Disk).findings {
                assert!(finding.span.end <= text.len());
            }
        }
    }
});

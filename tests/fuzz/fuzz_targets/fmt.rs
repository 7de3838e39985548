//! Any text that parses: formatting is idempotent and, when the flow
//! resolves, keeps its meaning.
#![no_main]

use crmflow::format::{format, meaning};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let source = crmflow::SourceFile::new("fuzz.crmflow", text);
    let Ok(ast) = crmflow::syntax::parse(&source) else {
        return;
    };
    let once = format(&source, &ast);
    let reparsed = crmflow::SourceFile::new("fuzz.crmflow", once.clone());
    let again = crmflow::syntax::parse(&reparsed).expect("formatted text parses");
    assert_eq!(format(&reparsed, &again), once, "idempotent");
    if let Ok(before) = crmflow::model::resolve(&ast) {
        let after = crmflow::check(&reparsed).expect("formatted text resolves");
        assert!(meaning(&after) == meaning(&before), "same meaning");
    }
});

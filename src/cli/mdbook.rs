//! `crmflow mdbook`: mdBook's preprocessor protocol over
//! [`crmflow::batch::mdbook_preprocess`]. `supports RENDERER` answers yes
//! (exit 0); otherwise the book comes as JSON on standard input and goes
//! back on standard output, diagnostics on standard error, and a broken
//! block or a lint error exits non-zero so that `mdbook build` fails.

use super::args::{MdbookAction, MdbookArgs};
use super::exit;
use super::io::{load_or_report, out};
use super::settings::today_or_report;
use crmflow::batch::{InlineJob, mdbook_preprocess};
use crmflow::pipeline::FontCache;

/// Runs `mdbook`.
pub fn run(args: &MdbookArgs, fancy: bool) -> u8 {
    if let Some(MdbookAction::Supports { .. }) = &args.action {
        return exit::OK;
    }
    let today = match today_or_report() {
        Ok(today) => today,
        Err(code) => return code,
    };
    let input = match load_or_report(std::path::Path::new("-"), fancy) {
        Ok(input) => input,
        Err(code) => return code,
    };
    let job = InlineJob {
        config: args.config.clone(),
        theme: args.theme.clone(),
        today,
        fancy,
    };
    match mdbook_preprocess(input.text(), &job, &mut FontCache::default()) {
        Ok(done) => {
            eprint!("{}", done.messages);
            out(&done.book);
            exit::of(done.verdict)
        }
        Err(message) => {
            eprintln!("error: {message}");
            exit::USAGE
        }
    }
}

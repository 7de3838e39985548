//! `crmflow sop FILE [-o OUT] [--format md|html]`: the standard operating
//! procedure of [`crmflow::sop`].

use super::args::{SopArgs, SopFormat};
use super::exit;
use super::io::{flow_or_report, write_atomic};
use std::path::PathBuf;

/// Runs `sop`.
pub fn run(args: &SopArgs, fancy: bool) -> u8 {
    let flow = match flow_or_report(&args.file, fancy) {
        Ok(flow) => flow,
        Err(code) => return code,
    };
    let text = match args.format {
        SopFormat::Md => crmflow::sop::sop_markdown(&flow),
        SopFormat::Html => crmflow::sop::sop_html(&flow),
    };
    let output = args.output.clone().unwrap_or_else(|| PathBuf::from("-"));
    match write_atomic(&output, text.as_bytes()) {
        Ok(()) => exit::OK,
        Err(message) => {
            eprintln!("error: {message}");
            exit::USAGE
        }
    }
}

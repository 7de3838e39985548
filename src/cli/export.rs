//! `crmflow export FLOW --to json|mermaid [-o OUT]`: the flow for other
//! tools, with a warning for whatever the format cannot carry.

use super::args::ExportArgs;
use super::failure_report;
use super::io::load_or_report;
use super::{exit, report};
use crmflow::batch::write_if_changed;
use crmflow::pipeline::{self, FileRequest, FontCache, Look};
use crmflow::world::Disk;
use std::path::PathBuf;

/// Runs `export`.
pub fn run(args: &ExportArgs, fancy: bool) -> u8 {
    let source = match load_or_report(&args.file, fancy) {
        Ok(source) => source,
        Err(code) => return code,
    };
    let path = (args.file.as_os_str() != "-").then_some(args.file.as_path());
    let request = FileRequest {
        path,
        explicit_config: args.config.as_deref(),
        config: None,
        look: &Look::default(),
        lint_today: None,
        glyphs: false,
    };
    let (compiled, options, scale) =
        match pipeline::build_file(&source, &request, &Disk, &mut FontCache::default()) {
            Ok(prepared) => (
                prepared.built.drawing.expect("a drawing was asked for"),
                prepared.options,
                prepared.scale,
            ),
            Err(failure) => {
                let (code, report) = failure_report(&source, failure, fancy);
                eprint!("{report}");
                return code;
            }
        };
    let losses = args.to.losses(&compiled);
    if !losses.is_empty() {
        eprint!("{}", report::human(&source, &losses, fancy));
    }
    let bytes = match args.to.encode(&compiled, options.fonts, scale, false) {
        Ok(bytes) => bytes,
        Err(message) => {
            eprintln!("error: {message}");
            return exit::USAGE;
        }
    };
    let output = args.output.clone().unwrap_or_else(|| match path {
        Some(path) => path.with_extension(args.to.extension()),
        None => PathBuf::from("-"),
    });
    match write_if_changed(&output, &bytes, false, false) {
        Ok(_) => {
            if output.as_os_str() != "-" {
                eprintln!(
                    "{}",
                    crmflow::i18n::t("cli-wrote").arg("path", &output.display())
                );
            }
            exit::OK
        }
        Err(message) => {
            eprintln!("error: {message}");
            exit::USAGE
        }
    }
}

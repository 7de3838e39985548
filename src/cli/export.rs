//! `crmflow export FLOW --to json|mermaid [-o OUT]`: the flow for other
//! tools, with a warning for whatever the format cannot carry.

use super::args::ExportArgs;
use super::io::load_or_report;
use super::{exit, report};
use crmflow::batch::write_if_changed;
use crmflow::pipeline::{self, FontCache, Look, Request};
use crmflow::world::Disk;
use std::path::PathBuf;

/// Runs `export`.
pub fn run(args: &ExportArgs, fancy: bool) -> u8 {
    let source = match load_or_report(&args.file, fancy) {
        Ok(source) => source,
        Err(code) => return code,
    };
    let path = (args.file.as_os_str() != "-").then_some(args.file.as_path());
    let config = match pipeline::config_for(path, args.config.as_deref(), &Disk) {
        Ok((_, config)) => config,
        Err((config, diags)) => {
            eprint!("{}", report::human(&config, &diags, fancy));
            return exit::INVALID_INPUT;
        }
    };
    let (options, scale) = match Look::default().resolve(&config, &mut FontCache::default(), &Disk)
    {
        Ok(resolved) => resolved,
        Err(message) => {
            eprintln!("error: {message}");
            return exit::USAGE;
        }
    };
    let request = Request {
        path,
        lint: None,
        draw: Some(&options),
        glyphs: false,
        world: &Disk,
    };
    let compiled = match pipeline::build(&source, &request) {
        Ok(built) => built.drawing.expect("a drawing was asked for"),
        Err(diags) => {
            eprint!("{}", report::human(&source, &diags, fancy));
            return exit::INVALID_INPUT;
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
                eprintln!("wrote {}", output.display());
            }
            exit::OK
        }
        Err(message) => {
            eprintln!("error: {message}");
            exit::USAGE
        }
    }
}

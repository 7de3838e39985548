//! Per-file settings for `check` and `render`: the `crmflow.yaml` that
//! applies (found once per folder, each file read once) and today's date.

use super::report;
use crmflow::SourceFile;
use crmflow::config::Config;
use crmflow::world::{Disk, World};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Today, as the disk world tells it ([`crmflow::world::World::today`]),
/// for commands: a bad `CRMFLOW_TODAY` is printed and becomes the usage
/// exit code.
pub fn today_or_report() -> Result<time::Date, u8> {
    Disk.today().map_err(|message| {
        eprintln!("error: {message}");
        super::exit::USAGE
    })
}

/// [`crmflow::batch::configs_for`] for commands: config problems are
/// printed; then `Err(())`.
pub fn configs_for(
    files: &[PathBuf],
    explicit: Option<&Path>,
    fancy: bool,
) -> Result<Vec<Arc<Config>>, ()> {
    crmflow::batch::configs_for(files, explicit, &Disk).map_err(|broken| {
        for (source, diags) in &broken {
            print_config_errors(source, diags, fancy);
        }
    })
}

fn print_config_errors(source: &SourceFile, diags: &[crmflow::Diag], fancy: bool) {
    eprint!("{}", report::human(source, diags, fancy));
}

//! `crmflow stats FILE [--format table|json]`: the figures of
//! [`crmflow::stats`], as a table or JSON.

use super::args::{StatsArgs, StatsFormat};
use super::io::flow_or_report;
use super::{exit, report};
use crmflow::stats::{stats, table};

/// Runs `stats`.
pub fn run(args: &StatsArgs, fancy: bool) -> u8 {
    let flow = match flow_or_report(&args.file, fancy) {
        Ok(flow) => flow,
        Err(code) => return code,
    };
    let figures = stats(&flow);
    match args.format {
        StatsFormat::Json => super::io::out(&format!(
            "{}\n",
            serde_json::to_string_pretty(&figures).expect("stats serialise")
        )),
        StatsFormat::Table => super::io::out(&report::printable(&table(&figures, &flow))),
    }
    exit::OK
}

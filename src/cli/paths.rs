//! `crmflow paths FILE`: every journey from a start to an end.

use super::args::PathsArgs;
use super::io::flow_or_report;
use super::{exit, report};
use crmflow::i18n::t;

/// Runs `paths`.
pub fn run(args: &PathsArgs, fancy: bool) -> u8 {
    let flow = match flow_or_report(&args.file, fancy) {
        Ok(flow) => flow,
        Err(code) => return code,
    };
    let (journeys, cut) = crmflow::paths::journeys(&flow, args.limit);
    for (number, journey) in journeys.iter().enumerate() {
        let mut line = format!(
            "{:>3}. {}",
            number + 1,
            flow.node_at(journey.nodes[0]).label
        );
        for (&edge, &node) in journey.edges.iter().zip(&journey.nodes[1..]) {
            match &flow.edges[edge].label {
                Some(label) => line.push_str(&format!(" →[{}] ", label.value)),
                None => line.push_str(" → "),
            }
            line.push_str(&flow.node_at(node).label.replace('\n', " "));
        }
        if journey.loops_back {
            line.push_str("  ↺ (repeats from here)");
        }
        super::io::out(&format!("{}\n", report::printable(&line)));
    }
    let count = journeys.len();
    if cut {
        eprintln!(
            "{}",
            t("cli-stopped-after-count-journeys-there").arg("count", count)
        );
    } else {
        let loops = journeys.iter().filter(|journey| journey.loops_back).count();
        eprintln!(
            "{}",
            t("cli-journeys")
                .arg("journeys", count - loops)
                .arg("loops", loops)
        );
    }
    exit::OK
}

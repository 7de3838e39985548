//! `crmflow paths FILE`: every journey from a start to an end.

use super::args::PathsArgs;
use super::io::flow_or_report;
use super::{exit, report};

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
        println!("{}", report::printable(&line));
    }
    let count = journeys.len();
    if cut {
        eprintln!(
            "stopped after {count} journeys: there are more (raise --limit, or simplify the flow)"
        );
    } else {
        let loops = journeys.iter().filter(|journey| journey.loops_back).count();
        eprintln!(
            "{} journey{} from a start to an end, {loops} loop{} back",
            count - loops,
            if count - loops == 1 { "" } else { "s" },
            if loops == 1 { "" } else { "s" }
        );
    }
    exit::OK
}

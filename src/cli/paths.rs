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
        let text = journey_text(&flow, number + 1, journey);
        let gap = if number == 0 { "" } else { "\n" };
        super::io::out(&format!("{gap}{}", report::printable(&text)));
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

/// One journey as people read it: a heading (where it starts and ends, how
/// many steps), then one step per line, numbered, with the branch taken
/// after a decision and the role that does the step in a column.
fn journey_text(
    flow: &crmflow::model::Flow,
    number: usize,
    journey: &crmflow::paths::Journey,
) -> String {
    use unicode_width::UnicodeWidthStr;
    let label = |node: crmflow::model::NodeId| flow.node_at(node).label.replace('\n', " ");
    let steps = if journey.loops_back {
        journey.nodes.len() - 1
    } else {
        journey.nodes.len()
    };
    let first = label(journey.nodes[0]);
    let last = label(*journey.nodes.last().expect("a journey has a start"));
    let heading = if journey.loops_back {
        "cli-journey-loop"
    } else {
        "cli-journey"
    };
    let mut text = t(heading)
        .arg("number", number)
        .arg("first", &first)
        .arg("last", &last)
        .arg("steps", steps)
        .to_string();
    text.push('\n');
    // Each step's text: its label, and after a decision the branch taken.
    let rows: Vec<(String, String)> = journey.nodes[..steps]
        .iter()
        .enumerate()
        .map(|(at, &node)| {
            let mut step = label(node);
            if let Some(branch) = journey
                .edges
                .get(at)
                .and_then(|&edge| flow.edges[edge].label.as_ref())
            {
                step.push_str(&format!(" → {}", branch.value.replace('\n', " ")));
            }
            let role = flow
                .node_at(node)
                .lane
                .map(|lane| flow.lanes[lane.index()].label.replace('\n', " "))
                .unwrap_or_default();
            (step, role)
        })
        .collect();
    let widest = rows
        .iter()
        .map(|(step, _)| step.width())
        .max()
        .unwrap_or(0)
        .min(60);
    for (at, (step, role)) in rows.iter().enumerate() {
        let pad = widest.saturating_sub(step.width());
        let line = format!("  {:>3}  {step}{}  {role}", at + 1, " ".repeat(pad));
        text.push_str(line.trim_end());
        text.push('\n');
    }
    if journey.loops_back {
        let back = *journey.nodes.last().expect("a journey has a start");
        let again = journey
            .nodes
            .iter()
            .position(|&node| node == back)
            .unwrap_or(0);
        text.push_str(
            &t("cli-journey-back")
                .arg("step", again + 1)
                .arg("label", label(back))
                .to_string(),
        );
        text.push('\n');
    }
    text
}

//! `crmflow stats FILE [--format table|json]`: the figures of
//! [`crmflow::stats`], as a table or JSON.

use super::args::{StatsArgs, StatsFormat};
use super::io::flow_or_report;
use super::{exit, plural, report};
use crmflow::stats::{Path, Stats, stats};

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
        StatsFormat::Table => super::io::out(&report::printable(&table(&figures))),
    }
    exit::OK
}

fn table(s: &Stats) -> String {
    let mut out = format!(
        "{}, {}, {}\n",
        plural(s.nodes, "node"),
        plural(s.control_edges, "control edge"),
        plural(s.data_edges, "data edge")
    );
    let kinds: Vec<String> = s
        .by_kind
        .iter()
        .filter(|k| k.count > 0)
        .map(|k| format!("{} {}", k.id, k.count))
        .collect();
    out += &format!("kinds      {}\n", kinds.join(" · "));
    for lane in &s.by_lane {
        out += &format!(
            "lane       {}: {}, {}\n",
            lane.label,
            plural(lane.nodes, "node"),
            plural(lane.steps, "step")
        );
    }
    for module in &s.by_module {
        out += &format!(
            "module     {}: {}\n",
            module.label,
            plural(module.count, "node")
        );
    }
    out += &format!(
        "hand-offs  {} control edges change lane (rows: from, columns: to)\n",
        s.handoffs.total
    );
    let name = |id: &String| {
        if id.is_empty() {
            "—".to_owned()
        } else {
            id.clone()
        }
    };
    let width = s
        .handoffs
        .lanes
        .iter()
        .map(|l| name(l).chars().count())
        .max()
        .unwrap_or(1)
        .max(3);
    out += &format!("  {:width$}", "");
    for lane in &s.handoffs.lanes {
        out += &format!(" {:>width$}", name(lane));
    }
    out.push('\n');
    for (lane, row) in s.handoffs.lanes.iter().zip(&s.handoffs.matrix) {
        out += &format!("  {:width$}", name(lane));
        for count in row {
            out += &format!(" {count:>width$}");
        }
        out.push('\n');
    }
    out += &format!(
        "decisions  {} · loops {} · cyclomatic complexity {}\n",
        s.decisions, s.loops, s.cyclomatic_complexity
    );
    let more = if s.journeys_cut {
        " (stopped counting)"
    } else {
        ""
    };
    out += &format!("journeys   {}{more}\n", s.journeys);
    let path = |p: &Path| format!("{} nodes: {}", p.length, p.nodes.join(" → "));
    if let Some(shortest) = &s.shortest {
        out += &format!("shortest   {}\n", path(shortest));
    }
    if let Some(longest) = &s.longest {
        out += &format!("longest    {}\n", path(longest));
    }
    out
}

//! The figures as a table people read (`crmflow stats`), in the user's
//! language.

use super::{Path, Stats};
use crate::i18n::t;
use crate::model::Flow;
use crate::report::plural;
use unicode_width::UnicodeWidthStr;

/// The figures as people read them, in the user's language: lanes and
/// steps by their labels (the JSON keeps the ids, for tools).
pub fn table(s: &Stats, flow: &Flow) -> String {
    let lane_label = |id: &str| {
        flow.lanes
            .iter()
            .find(|lane| lane.id == id)
            .map_or_else(|| id.to_owned(), |lane| lane.label.replace('\n', " "))
    };
    let node_label = |id: &String| {
        flow.nodes
            .iter()
            .find(|node| &node.id == id)
            .map_or_else(|| id.clone(), |node| node.label.replace('\n', " "))
    };
    let no_lane = t("stats-no-lane").to_string();
    // A row's heading, padded to one column width in any language.
    let heading = |id: &'static str| {
        let word = t(id).to_string();
        let pad = 11usize.saturating_sub(word.width()).max(1);
        format!("{word}{}", " ".repeat(pad))
    };
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
    out += &format!("{}{}\n", heading("stats-kinds"), kinds.join(" · "));
    for lane in &s.by_lane {
        let label = if lane.id.is_empty() {
            no_lane.clone()
        } else {
            lane.label.clone()
        };
        out += &format!(
            "{}{label}: {}, {}\n",
            heading("stats-lane"),
            plural(lane.nodes, "node"),
            plural(lane.steps, "step")
        );
    }
    for module in &s.by_module {
        let label = if module.id.is_empty() {
            t("stats-no-module").to_string()
        } else {
            module.label.clone()
        };
        out += &format!(
            "{}{label}: {}\n",
            heading("stats-module"),
            plural(module.count, "node")
        );
    }
    out += &format!(
        "{}{}\n",
        heading("stats-handoffs"),
        t("stats-handoffs-line").arg("count", s.handoffs.total)
    );
    let (handoff_rows, names, name_width) = handoff_table(s, &lane_label, &no_lane);
    out += &handoff_rows;
    out += &phase_table(s, &names, name_width, &heading);
    out += &format!(
        "{}{}\n",
        heading("stats-decisions"),
        t("stats-decisions-line")
            .arg("decisions", s.decisions)
            .arg("loops", s.loops)
            .arg("complexity", s.cyclomatic_complexity)
    );
    let journeys = if s.journeys_cut {
        t("stats-journeys-cut").arg("count", s.journeys).to_string()
    } else {
        s.journeys.to_string()
    };
    out += &format!("{}{journeys}\n", heading("stats-journeys"));
    let path = |p: &Path| {
        let labels: Vec<String> = p.nodes.iter().map(node_label).collect();
        format!("{}: {}", plural(p.length, "node"), labels.join(" → "))
    };
    if let Some(shortest) = &s.shortest {
        out += &format!("{}{}\n", heading("stats-shortest"), path(shortest));
    }
    if let Some(longest) = &s.longest {
        out += &format!("{}{}\n", heading("stats-longest"), path(longest));
    }
    out
}

/// The hand-off table: rows by number and label, columns by the same
/// numbers (labels are too wide for column heads); with the row names and
/// their width, which the lane × phase table shares.
fn handoff_table(
    s: &Stats,
    lane_label: &dyn Fn(&str) -> String,
    no_lane: &str,
) -> (String, Vec<String>, usize) {
    let marks: Vec<String> = s
        .handoffs
        .lanes
        .iter()
        .enumerate()
        .map(|(at, id)| {
            if id.is_empty() {
                "—".to_owned()
            } else {
                (at + 1).to_string()
            }
        })
        .collect();
    let names: Vec<String> = s
        .handoffs
        .lanes
        .iter()
        .zip(&marks)
        .map(|(id, mark)| {
            let label = if id.is_empty() {
                no_lane.to_owned()
            } else {
                lane_label(id)
            };
            format!("{mark:>2} {label}")
        })
        .collect();
    let name_width = names.iter().map(|name| name.width()).max().unwrap_or(0);
    let out = matrix(&names, name_width, &marks, &s.handoffs.matrix);
    (out, names, name_width)
}

/// With phases: steps per phase, the lane × phase table of steps (rows as
/// in the hand-off table) and the edges that cross phases.
fn phase_table(
    s: &Stats,
    lane_names: &[String],
    name_width: usize,
    heading: &dyn Fn(&'static str) -> String,
) -> String {
    let Some(crossing) = &s.phase_handoffs else {
        return String::new();
    };
    let mut out = String::new();
    for phase in &s.by_phase {
        out += &format!(
            "{}{}: {}, {}\n",
            heading("stats-phase"),
            phase.label.replace('\n', " "),
            plural(phase.nodes, "node"),
            plural(phase.steps, "step")
        );
    }
    out += &format!(
        "{}{}\n",
        heading("stats-lane-phase"),
        t("stats-lane-phase-line")
    );
    let heads: Vec<String> = (1..=s.by_phase.len()).map(|at| format!("P{at}")).collect();
    out += &matrix(lane_names, name_width, &heads, &s.steps_by_lane_and_phase);
    let legend: Vec<String> = s
        .by_phase
        .iter()
        .enumerate()
        .map(|(at, phase)| format!("P{} {}", at + 1, phase.label.replace('\n', " ")))
        .collect();
    out += &format!("  {}\n", legend.join(" · "));
    out += &format!(
        "{}{}\n",
        heading("stats-phase-crossings"),
        t("stats-phase-crossings-line")
            .arg("forward", crossing.forward)
            .arg("backward", crossing.backward)
    );
    out
}

/// A table of counts: a row per name (padded to `name_width` columns of
/// terminal width), a column per head, right-aligned in cells as wide as
/// the widest number (two at least).
fn matrix(names: &[String], name_width: usize, heads: &[String], rows: &[Vec<usize>]) -> String {
    let cell = rows
        .iter()
        .flatten()
        .map(|count| count.to_string().len())
        .chain(heads.iter().map(|head| head.width()))
        .max()
        .unwrap_or(1)
        .max(2);
    let mut out = format!("  {}", " ".repeat(name_width));
    for head in heads {
        out += &format!(" {head:>cell$}");
    }
    out.push('\n');
    for (name, row) in names.iter().zip(rows) {
        out += &format!(
            "  {name}{}",
            " ".repeat(name_width.saturating_sub(name.width()))
        );
        for count in row {
            out += &format!(" {count:>cell$}");
        }
        out.push('\n');
    }
    out
}

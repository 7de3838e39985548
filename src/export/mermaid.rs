//! The flow as a Mermaid `flowchart`, for places where only Mermaid
//! renders (GitHub comments, many wikis): lanes as subgraphs, a shape per
//! node kind, modules as class colors, dashed data edges, labels escaped
//! as Mermaid entities (never markup), a `sub`'s called flow as a link to
//! its own export. Mermaid lays the drawing out itself: our positions are
//! not carried. What Mermaid cannot show — the header's goal, owner,
//! version and review date — is kept as `%%` comments and reported by
//! [`losses`].

use crate::diag::{Diag, codes};
use crate::i18n::t;
use crate::model::{EdgeKind, Flow, NodeKind};
use crate::render::Theme;
use std::fmt::Write;

/// The flow as Mermaid text.
pub fn mermaid(flow: &Flow) -> String {
    let mut out = String::new();
    if let Some(title) = &flow.header.title {
        // YAML front matter: a double-quoted YAML string on one line.
        let title = comment(&title.value)
            .replace('\\', "\\\\")
            .replace('"', "\\\"");
        let _ = writeln!(out, "---\ntitle: \"{title}\"\n---");
    }
    let direction = match flow.header.direction {
        crate::model::Direction::Right => "LR",
        crate::model::Direction::Down => "TB",
    };
    let _ = writeln!(out, "flowchart {direction}");
    let header = &flow.header;
    for (name, value) in [
        ("goal", header.goal.as_ref().map(|v| v.value.clone())),
        ("owner", header.owner.as_ref().map(|v| v.value.clone())),
        ("version", header.version.as_ref().map(|v| v.value.clone())),
        (
            "reviewed",
            header.reviewed.as_ref().map(|v| v.value.to_string()),
        ),
    ] {
        if let Some(value) = value {
            let _ = writeln!(out, "  %% {name}: {}", comment(&value));
        }
    }
    let node = |index: usize| format!("n{index}");
    // Phases have no Mermaid form: each is a comment naming its nodes.
    let phase_of = flow.phase_of();
    for (phase_index, phase) in flow.phases.iter().enumerate() {
        let members: Vec<String> = (0..flow.nodes.len())
            .filter(|&n| phase_of[n].map(|p| p.index()) == Some(phase_index))
            .map(node)
            .collect();
        let _ = writeln!(
            out,
            "  %% phase {}: {}",
            comment(&phase.label),
            members.join(", ")
        );
    }
    // Lanes as subgraphs, in declaration order; nodes without a lane after.
    for (lane_index, lane) in flow.lanes.iter().enumerate() {
        let _ = writeln!(
            out,
            "  subgraph lane{lane_index}[\"{}\"]",
            label(&lane.label)
        );
        let _ = writeln!(out, "    direction {direction}");
        for (index, n) in flow.nodes.iter().enumerate() {
            if n.lane.map(|l| l.index()) == Some(lane_index) {
                let _ = writeln!(out, "    {}", shape(&node(index), n));
            }
        }
        let _ = writeln!(out, "  end");
    }
    for (index, n) in flow.nodes.iter().enumerate() {
        if n.lane.is_none() {
            let _ = writeln!(out, "  {}", shape(&node(index), n));
        }
    }
    for edge in &flow.edges {
        let arrow = match edge.kind {
            EdgeKind::Control => "-->",
            EdgeKind::Data => "-.->",
        };
        let (from, to) = (node(edge.from.index()), node(edge.to.index()));
        match &edge.label {
            Some(text) => {
                let _ = writeln!(out, "  {from} {arrow}|\"{}\"| {to}", label(&text.value));
            }
            None => {
                let _ = writeln!(out, "  {from} {arrow} {to}");
            }
        }
    }
    // Module colors as the light theme draws them.
    let theme = Theme::default();
    for (module_index, module) in flow.modules.iter().enumerate() {
        let members: Vec<String> = flow
            .nodes
            .iter()
            .enumerate()
            .filter(|(_, n)| n.module.map(|m| m.index()) == Some(module_index))
            .map(|(index, _)| node(index))
            .collect();
        let colors = theme.module_colors(module.color, module_index);
        let _ = writeln!(
            out,
            "  classDef module{module_index} fill:{},stroke:{},color:#1f2933",
            colors.fill, colors.stroke
        );
        if !members.is_empty() {
            let _ = writeln!(out, "  class {} module{module_index}", members.join(","));
        }
    }
    let ends: Vec<String> = flow
        .nodes
        .iter()
        .enumerate()
        .filter(|(_, n)| n.kind == NodeKind::End)
        .map(|(index, _)| node(index))
        .collect();
    if !ends.is_empty() {
        let _ = writeln!(out, "  classDef crmflowEnd stroke-width:3px");
        let _ = writeln!(out, "  class {} crmflowEnd", ends.join(","));
    }
    // A sub-process links to its own flow's export (a relative link only).
    for (index, n) in flow.nodes.iter().enumerate() {
        if let Some(target) = n.calls.as_ref().and_then(|calls| link(&calls.value)) {
            let _ = writeln!(out, "  click {} href \"{target}\"", node(index));
        }
    }
    out
}

/// What the Mermaid export cannot show, as warnings at their place.
pub fn losses(flow: &Flow) -> Vec<Diag> {
    let header = &flow.header;
    let mut kept_as_comments: Vec<(&str, crate::Span)> = Vec::new();
    if let Some(v) = &header.goal {
        kept_as_comments.push(("goal", v.span));
    }
    if let Some(v) = &header.owner {
        kept_as_comments.push(("owner", v.span));
    }
    if let Some(v) = &header.version {
        kept_as_comments.push(("version", v.span));
    }
    if let Some(v) = &header.reviewed {
        kept_as_comments.push(("reviewed", v.span));
    }
    // A `calls` that is not a relative path gets no link.
    let mut diags: Vec<Diag> = flow
        .nodes
        .iter()
        .filter_map(|node| node.calls.as_ref())
        .filter(|calls| link(&calls.value).is_none())
        .map(|calls| {
            Diag::warning(
                codes::EXPORT_LOSS,
                calls.span,
                t("model-mermaid-link-not-relative").arg("target", &calls.value),
            )
        })
        .collect();
    if let Some(first) = flow.phases.first() {
        let mut diag = Diag::warning(
            codes::EXPORT_LOSS,
            first.id_span,
            t("model-mermaid-cannot-show-phases"),
        )
        .with_help(t("model-svg-png-or-pdf-shows"));
        for phase in &flow.phases[1..] {
            diag = diag.with_label(phase.id_span, t("model-name-too").arg("name", &phase.id));
        }
        diags.insert(0, diag);
    }
    let Some(&(_, first)) = kept_as_comments.first() else {
        return diags;
    };
    let names: Vec<String> = kept_as_comments
        .iter()
        .map(|(name, _)| format!("`{name}`"))
        .collect();
    let mut diag = Diag::warning(
        codes::EXPORT_LOSS,
        first,
        t("model-mermaid-cannot-show-header-s")
            .arg("names", crate::suggest::joined_with_and(&names)),
    )
    .with_help(t("model-svg-png-or-pdf-shows"));
    for &(name, span) in &kept_as_comments[1..] {
        diag = diag.with_label(span, t("model-name-too").arg("name", name));
    }
    diags.insert(0, diag);
    diags
}

/// `id["label"]` in the node kind's shape; inputs, outputs and notes as
/// further lines of the label.
fn shape(id: &str, node: &crate::model::Node) -> String {
    let mut lines = vec![label(&node.label)];
    for input in &node.inputs {
        lines.push(format!("→ {}", label(&input.value)));
    }
    for output in &node.outputs {
        lines.push(format!("{} →", label(&output.value)));
    }
    for note in &node.notes {
        lines.push(format!("<i>{}</i>", label(&note.value)));
    }
    let text = lines.join("<br>");
    match node.kind {
        NodeKind::Start | NodeKind::End => format!("{id}([\"{text}\"])"),
        NodeKind::Step => format!("{id}[\"{text}\"]"),
        NodeKind::Decision => format!("{id}{{\"{text}\"}}"),
        NodeKind::Io => format!("{id}[/\"{text}\"/]"),
        NodeKind::Store => format!("{id}[(\"{text}\")]"),
        NodeKind::Doc => format!("{id}@{{ shape: doc, label: \"{text}\" }}"),
        NodeKind::Sub => format!("{id}[[\"{text}\"]]"),
    }
}

/// Label text for inside Mermaid's quotes: every character that Mermaid,
/// HTML or YAML (the `@{ label: "…" }` of new shapes) would read as syntax
/// becomes an entity — `%` too, so no `%%{init: …}%%` directive can form;
/// a line break becomes `<br>`.
fn label(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' => out.push_str("<br>"),
            '"' => out.push_str("#quot;"),
            '<' => out.push_str("#lt;"),
            '>' => out.push_str("#gt;"),
            '&' => out.push_str("#amp;"),
            '#' => out.push_str("#35;"),
            '\\' => out.push_str("#92;"),
            '%' => out.push_str("#37;"),
            c if is_line_break_or_control(c) => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Controls, and the characters YAML also reads as line breaks.
fn is_line_break_or_control(c: char) -> bool {
    c.is_control() || matches!(c, '\u{2028}' | '\u{2029}')
}

/// Text for a `%%` comment or the front matter's title: one line, and no
/// `%%` left in it (Mermaid takes `%%{…}%%` anywhere as a directive).
fn comment(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if is_line_break_or_control(c) {
            out.push(' ');
        } else {
            if c == '%' && out.ends_with('%') {
                out.push(' ');
            }
            out.push(c);
        }
    }
    out
}

/// The link a `sub` gets to its called flow's export (`part.crmflow` →
/// `part.mmd`): only a relative path, every byte outside the unreserved
/// URL characters percent-encoded (so no `javascript:` or other scheme can
/// form); `None` for an absolute path, a `//host` or a backslash.
fn link(target: &str) -> Option<String> {
    let target = target.strip_suffix(".crmflow").unwrap_or(target);
    if target.is_empty() || target.starts_with('/') || target.contains('\\') {
        return None;
    }
    let mut out = String::with_capacity(target.len() + 4);
    for byte in target.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(char::from(byte));
        } else {
            let _ = write!(out, "%{byte:02X}");
        }
    }
    out.push_str(".mmd");
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn export(text: &str) -> String {
        let source = crate::SourceFile::new("t.crmflow", text);
        mermaid(&crate::check(&source).unwrap())
    }

    #[test]
    fn shapes_lanes_modules_and_edges() {
        let out = export(
            "flow \"Leads\" { goal \"Close\" }\nlane s \"Sales\"\nmodule m \"M\" color teal\nstart a \"In\" lane s\ndecision d \"OK?\" lane s module m\ndoc q \"Quote\"\nend e \"Won\" lane s\na -> d\nd -> e : \"yes\"\nd ..> q : \"write\"\n",
        );
        assert!(
            out.starts_with("---\ntitle: \"Leads\"\n---\nflowchart LR\n  %% goal: Close\n"),
            "{out}"
        );
        assert!(out.contains("  subgraph lane0[\"Sales\"]\n    direction LR\n    n0([\"In\"])\n    n1{\"OK?\"}\n    n3([\"Won\"])\n  end\n"), "{out}");
        assert!(
            out.contains("  n2@{ shape: doc, label: \"Quote\" }\n"),
            "{out}"
        );
        assert!(
            out.contains("  n1 -->|\"yes\"| n3\n  n1 -.->|\"write\"| n2\n"),
            "{out}"
        );
        assert!(out.contains("  class n1 module0\n"), "{out}");
        assert!(out.contains("  class n3 crmflowEnd\n"), "{out}");
    }

    #[test]
    fn labels_are_text_never_syntax_or_markup() {
        let out = export(
            "step a \"<script>alert(1)</script> \\\"q\\\" #x & y\\nz\"\nstep b \"]) --> evil\"\na -> b : \"|\\\"|\"\n",
        );
        assert!(!out.contains("<script>"), "{out}");
        assert!(
            out.contains("#lt;script#gt;alert(1)#lt;/script#gt; #quot;q#quot; #35;x #amp; y<br>z"),
            "{out}"
        );
        assert!(out.contains("n1[\"]) --#gt; evil\"]"), "{out}");
        assert!(out.contains("-->|\"|#quot;|\"| n1"), "{out}");
    }

    #[test]
    fn no_directive_link_or_yaml_escape_reaches_mermaid() {
        let out = export(
            "flow \"%%{init: {'theme':'dark'}}%%\u{85}x\" { goal \"%%{init: {'themeCSS': 'x'}}%%\" }\nsub a \"%%{init: {}}%%\" calls \"javascript:alert(1)\"\nsub b \"B\" calls \"//evil.example/x.crmflow\"\nsub c \"C\" calls \"部分 1.crmflow\"\ndoc d \"\\\\x3cimg src=x\\\\x3e\"\na -> b -> c -> d : \"%%{init: {}}%%\"\n",
        );
        assert!(!out.contains("%%{"), "{out}");
        assert!(!out.contains("javascript:"), "{out}");
        assert!(
            out.contains("click n0 href \"javascript%3Aalert%281%29.mmd\""),
            "{out}"
        );
        assert!(!out.contains("evil.example"), "{out}");
        assert!(
            out.contains("click n2 href \"%E9%83%A8%E5%88%86%201.mmd\""),
            "{out}"
        );
        assert!(out.contains("label: \"#92;x3cimg src=x#92;x3e\""), "{out}");
        let title = out.lines().nth(1).unwrap();
        assert!(!title.contains('\u{85}'), "{title:?}");
        let flow = crate::check(&crate::SourceFile::new(
            "t.crmflow",
            "sub b \"B\" calls \"//evil.example/x.crmflow\"\n",
        ))
        .unwrap();
        assert_eq!(losses(&flow).len(), 1);
    }
}

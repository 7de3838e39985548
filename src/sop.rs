//! The standard operating procedure of a flow (step 10 of the ten-step
//! method: write the SOP from the chart): per role, in lane order, its
//! steps in flow order, each with its module, what it receives and from
//! whom, its inputs, outputs and notes, and whom it hands on to; each
//! decision with what happens on every branch; loops called out ("back to
//! step 4"). A flow written in Chinese gets Chinese headings.
//!
//! Takes a [`Flow`]; gives Markdown ([`sop_markdown`]) or a self-contained
//! HTML page ([`sop_html`]). Labels are text: every Markdown and HTML
//! special character in them is escaped.

use crate::i18n::{self, Lang};
use crate::model::{EdgeKind, Flow, NodeId, NodeKind};
use std::fmt::Write;

/// The words of the document, in one language.
struct Words {
    title: String,
    goal: String,
    owner: String,
    version: String,
    reviewed: String,
    roles: String,
    no_role: String,
    phase: String,
    step: String,
    steps: String,
    module: String,
    receives: String,
    begins: String,
    inputs: String,
    outputs: String,
    reads: String,
    writes: String,
    notes: String,
    hands_on: String,
    ends: String,
    calls: String,
    decides: String,
    branch_if: String,
    go_to: String,
    back_to: String,
    otherwise: String,
    start: String,
    end: String,
    decision: String,
    sub: String,
    resources: String,
    colon: String,
}

impl Words {
    /// The words in `lang`, from the document catalog.
    fn of(lang: Lang) -> Words {
        Words {
            title: i18n::text(lang, "sop-title"),
            goal: i18n::text(lang, "sop-goal"),
            owner: i18n::text(lang, "sop-owner"),
            version: i18n::text(lang, "sop-version"),
            reviewed: i18n::text(lang, "sop-reviewed"),
            roles: i18n::text(lang, "sop-roles"),
            no_role: i18n::text(lang, "sop-no-role"),
            phase: i18n::text(lang, "sop-phase"),
            step: i18n::text(lang, "sop-step"),
            steps: i18n::text(lang, "sop-steps"),
            module: i18n::text(lang, "sop-module"),
            receives: i18n::text(lang, "sop-receives"),
            begins: i18n::text(lang, "sop-begins"),
            inputs: i18n::text(lang, "sop-inputs"),
            outputs: i18n::text(lang, "sop-outputs"),
            reads: i18n::text(lang, "sop-reads"),
            writes: i18n::text(lang, "sop-writes"),
            notes: i18n::text(lang, "sop-notes"),
            hands_on: i18n::text(lang, "sop-hands-on"),
            ends: i18n::text(lang, "sop-ends"),
            calls: i18n::text(lang, "sop-calls"),
            decides: i18n::text(lang, "sop-decides"),
            branch_if: i18n::text(lang, "sop-branch-if"),
            go_to: i18n::text(lang, "sop-go-to"),
            back_to: i18n::text(lang, "sop-back-to"),
            otherwise: i18n::text(lang, "sop-otherwise"),
            start: i18n::text(lang, "sop-start"),
            end: i18n::text(lang, "sop-end"),
            decision: i18n::text(lang, "sop-decision"),
            sub: i18n::text(lang, "sop-sub"),
            resources: i18n::text(lang, "sop-resources"),
            colon: i18n::text(lang, "sop-colon"),
        }
    }
}

/// Markdown text: every character Markdown or HTML could read as syntax in
/// the middle of a line is escaped (a label never starts one here, so `1.`
/// or `-` cannot begin a list); line breaks become spaces.
fn text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\n' | '\r' => out.push(' '),
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '~' | '!' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// The order steps are numbered in: a depth-first walk of the control
/// edges from the starts (branches in the order they are written), then
/// whatever it did not reach, in declaration order. Data shapes are not
/// steps.
fn flow_order(flow: &Flow) -> Vec<NodeId> {
    let n = flow.nodes.len();
    let mut outgoing: Vec<Vec<NodeId>> = vec![Vec::new(); n];
    for edge in &flow.edges {
        if edge.kind == EdgeKind::Control {
            outgoing[edge.from.index()].push(edge.to);
        }
    }
    let mut seen = vec![false; n];
    let mut order = Vec::new();
    let roots = flow
        .node_ids()
        .filter(|&id| flow.node_at(id).kind == NodeKind::Start)
        .chain(flow.node_ids());
    for root in roots {
        if seen[root.index()] || !flow.is_step(root) {
            continue;
        }
        let mut stack = vec![root];
        while let Some(id) = stack.pop() {
            if seen[id.index()] {
                continue;
            }
            seen[id.index()] = true;
            order.push(id);
            for &next in outgoing[id.index()].iter().rev() {
                if !seen[next.index()] {
                    stack.push(next);
                }
            }
        }
    }
    // With phases, phase by phase (the walk's order within each).
    let phase = flow.phase_of();
    order.sort_by_key(|id| phase[id.index()]);
    order
}

/// The procedure as Markdown.
pub fn sop_markdown(flow: &Flow) -> String {
    let sop = Sop::of(flow);
    let mut out = String::new();
    sop.header(&mut out);
    let roles = sop.roles();
    sop.role_summary(&mut out, &roles);
    let phase_of = flow.phase_of();
    // With phases, each role's steps come under a heading per phase, one
    // level down.
    let step_level = if flow.phases.is_empty() {
        "###"
    } else {
        "####"
    };
    for (label, members) in &roles {
        let _ = writeln!(out, "\n## {}", text(label));
        let mut current_phase = None;
        for &id in members {
            if let Some(phase) = phase_of[id.index()]
                && current_phase != Some(phase)
            {
                current_phase = Some(phase);
                let _ = writeln!(
                    out,
                    "\n### {}{}{}",
                    sop.words.phase,
                    sop.words.colon,
                    text(&flow.phases[phase.index()].label)
                );
            }
            sop.step(&mut out, id, step_level);
        }
    }
    sop.resources(&mut out);
    out
}

/// What the procedure is written from: the flow, its language and words,
/// and each step's number in reading order (0 for data shapes).
struct Sop<'a> {
    flow: &'a Flow,
    lang: Lang,
    words: Words,
    /// The steps in reading order.
    order: Vec<NodeId>,
    number: Vec<usize>,
}

impl<'a> Sop<'a> {
    fn of(flow: &'a Flow) -> Sop<'a> {
        let lang = flow.language();
        let order = flow_order(flow);
        let mut number = vec![0usize; flow.nodes.len()];
        for (index, id) in order.iter().enumerate() {
            number[id.index()] = index + 1;
        }
        Sop {
            flow,
            lang,
            words: Words::of(lang),
            order,
            number,
        }
    }

    fn lane_label(&self, id: NodeId) -> String {
        match self.flow.node_at(id).lane {
            Some(lane) => self.flow.lanes[lane.index()].label.clone(),
            None => self.words.no_role.to_owned(),
        }
    }

    /// A step as the text names it: its number and label.
    fn step_ref(&self, id: NodeId) -> String {
        let node = self.flow.node_at(id);
        if self.number[id.index()] == 0 {
            text(&node.label)
        } else {
            format!("{}. {}", self.number[id.index()], text(&node.label))
        }
    }

    /// `(x)` after a name: full-width brackets in a Chinese document.
    fn aside(&self, what: &str) -> String {
        if self.lang == Lang::Zh {
            format!("（{what}）")
        } else {
            format!(" ({what})")
        }
    }

    /// The title and the header's facts.
    fn header(&self, out: &mut String) {
        let flow = self.flow;
        let title = flow
            .header
            .title
            .as_ref()
            .map_or("", |title| title.value.as_str());
        if title.is_empty() {
            let _ = writeln!(out, "# {}", self.words.title);
        } else {
            let _ = writeln!(out, "# {} — {}", text(title), self.words.title);
        }
        let header = &flow.header;
        for (name, value) in [
            (
                &self.words.goal,
                header.goal.as_ref().map(|v| v.value.clone()),
            ),
            (
                &self.words.owner,
                header.owner.as_ref().map(|v| v.value.clone()),
            ),
            (
                &self.words.version,
                header.version.as_ref().map(|v| v.value.clone()),
            ),
            (
                &self.words.reviewed,
                header.reviewed.as_ref().map(|v| v.value.to_string()),
            ),
        ] {
            if let Some(value) = value {
                if !out.ends_with("  \n") {
                    out.push('\n');
                }
                let _ = writeln!(out, "**{name}**{}{}  ", self.words.colon, text(&value));
            }
        }
    }

    /// The roles in lane order, then the steps without one, each with its
    /// steps in reading order (roles without steps left out).
    fn roles(&self) -> Vec<(String, Vec<NodeId>)> {
        let (flow, order) = (self.flow, &self.order);
        let mut roles: Vec<(String, Vec<NodeId>)> = flow
            .lanes
            .iter()
            .enumerate()
            .map(|(index, lane)| {
                let members = order
                    .iter()
                    .copied()
                    .filter(|&id| flow.node_at(id).lane.map(|l| l.index()) == Some(index))
                    .collect();
                (lane.label.clone(), members)
            })
            .collect();
        let laneless: Vec<NodeId> = order
            .iter()
            .copied()
            .filter(|&id| flow.node_at(id).lane.is_none())
            .collect();
        if !laneless.is_empty() {
            roles.push((self.words.no_role.to_owned(), laneless));
        }
        roles.retain(|(_, members)| !members.is_empty());
        roles
    }

    /// The roles, each with the numbers of its steps.
    fn role_summary(&self, out: &mut String, roles: &[(String, Vec<NodeId>)]) {
        let _ = writeln!(out, "\n## {}\n", self.words.roles);
        for (label, members) in roles {
            let numbers: Vec<String> = members
                .iter()
                .map(|id| self.number[id.index()].to_string())
                .collect();
            let _ = writeln!(
                out,
                "- **{}** — {} {}{}{}",
                text(label),
                members.len(),
                if members.len() == 1 {
                    &self.words.step
                } else {
                    &self.words.steps
                },
                self.words.colon,
                numbers.join(", ")
            );
        }
    }

    /// One step: its heading, module, where it comes from, inputs,
    /// outputs, data read and written, notes, the procedure it follows,
    /// and where it goes (its branches, for a decision).
    fn step(&self, out: &mut String, id: NodeId, step_level: &str) {
        let flow = self.flow;
        let node = flow.node_at(id);
        let kind = match node.kind {
            NodeKind::Start => self.aside(&self.words.start),
            NodeKind::End => self.aside(&self.words.end),
            NodeKind::Decision => self.aside(&self.words.decision),
            NodeKind::Sub => self.aside(&self.words.sub),
            NodeKind::Step | NodeKind::Io | NodeKind::Store | NodeKind::Doc => String::new(),
        };
        let _ = writeln!(out, "\n{step_level} {}{kind}\n", self.step_ref(id));
        // `- **name:** value`, or `- value` without a name.
        let mut line = |name: &str, value: String| {
            if value.is_empty() {
            } else if name.is_empty() {
                let _ = writeln!(out, "- {value}");
            } else {
                let _ = writeln!(out, "- **{name}**{}{value}", self.words.colon);
            }
        };
        if let Some(module) = node.module {
            line(
                &self.words.module,
                text(&flow.modules[module.index()].label),
            );
        }
        let control_in: Vec<NodeId> = flow
            .edges
            .iter()
            .filter(|e| e.kind == EdgeKind::Control && e.to == id)
            .map(|e| e.from)
            .collect();
        if node.kind == NodeKind::Start && control_in.is_empty() {
            line("", self.words.begins.to_owned());
        } else {
            let from: Vec<String> = control_in
                .iter()
                .map(|&from| {
                    format!(
                        "{}{}",
                        self.step_ref(from),
                        self.aside(&text(&self.lane_label(from)))
                    )
                })
                .collect();
            line(&self.words.receives, from.join("; "));
        }
        let list = |values: &[crate::source::Spanned<String>]| {
            values
                .iter()
                .map(|v| text(&v.value))
                .collect::<Vec<_>>()
                .join("; ")
        };
        line(&self.words.inputs, list(&node.inputs));
        line(&self.words.outputs, list(&node.outputs));
        let data = |reading: bool| {
            flow.edges
                .iter()
                .filter(|e| e.kind == EdgeKind::Data)
                .filter(|e| if reading { e.to == id } else { e.from == id })
                .map(|e| {
                    let other = if reading { e.from } else { e.to };
                    let label = e.label.as_ref().map(|l| self.aside(&text(&l.value)));
                    format!(
                        "{}{}",
                        text(&flow.node_at(other).label),
                        label.unwrap_or_default()
                    )
                })
                .collect::<Vec<_>>()
                .join("; ")
        };
        line(&self.words.reads, data(true));
        line(&self.words.writes, data(false));
        line(&self.words.notes, list(&node.notes));
        if let Some(calls) = &node.calls {
            line(
                &self.words.calls,
                format!("`{}`", calls.value.replace('`', "'")),
            );
        }
        self.exits(out, id);
    }

    /// Where a step goes: a decision's question and its branches (or any
    /// step with labelled exits), the hand-on to the next steps, or the end.
    fn exits(&self, out: &mut String, id: NodeId) {
        let flow = self.flow;
        let node = flow.node_at(id);
        let outgoing: Vec<&crate::model::Edge> = flow
            .edges
            .iter()
            .filter(|e| e.kind == EdgeKind::Control && e.from == id)
            .collect();
        let target = |to: NodeId| {
            let back = self.number[to.index()] <= self.number[id.index()];
            let verb = if back {
                &self.words.back_to
            } else {
                &self.words.go_to
            };
            let role = if flow.node_at(to).lane == node.lane {
                String::new()
            } else {
                self.aside(&text(&self.lane_label(to)))
            };
            format!("{verb} {}{role}", self.step_ref(to))
        };
        if node.kind == NodeKind::Decision || outgoing.iter().any(|e| e.label.is_some()) {
            if !outgoing.is_empty() {
                let _ = writeln!(
                    out,
                    "- **{}**{}{}",
                    self.words.decides,
                    self.words.colon,
                    text(&node.label)
                );
            }
            for edge in &outgoing {
                let answer = edge.label.as_ref().map_or_else(
                    || self.words.otherwise.to_owned(),
                    |l| format!("“{}”", text(&l.value)),
                );
                let _ = writeln!(
                    out,
                    "  - {} {answer}{}{}",
                    self.words.branch_if,
                    self.words.colon,
                    target(edge.to)
                );
            }
        } else if outgoing.is_empty() {
            if node.kind == NodeKind::End {
                let _ = writeln!(out, "- {}", self.words.ends);
            }
        } else {
            let next: Vec<String> = outgoing.iter().map(|e| target(e.to)).collect();
            let _ = writeln!(
                out,
                "- **{}**{}{}",
                self.words.hands_on,
                self.words.colon,
                next.join("; ")
            );
        }
    }

    /// The data shapes the steps use, once each.
    fn resources(&self, out: &mut String) {
        let flow = self.flow;
        let resources: Vec<String> = flow
            .nodes
            .iter()
            .enumerate()
            .filter(|(index, node)| node.kind.is_data() && self.number[*index] == 0)
            .map(|(_, node)| format!("- {}", text(&node.label)))
            .collect();
        if !resources.is_empty() {
            let _ = writeln!(
                out,
                "\n## {}\n\n{}",
                self.words.resources,
                resources.join("\n")
            );
        }
    }
}

/// The procedure as one HTML page (no scripts, styles inline).
pub fn sop_html(flow: &Flow) -> String {
    let markdown = sop_markdown(flow);
    let mut body = String::new();
    pulldown_cmark::html::push_html(&mut body, pulldown_cmark::Parser::new(&markdown));
    let lang = flow.language().code();
    let title = flow
        .header
        .title
        .as_ref()
        .map_or("crmflow", |title| title.value.as_str());
    let escaped: String = title
        .chars()
        .map(|c| match c {
            '<' => "&lt;".to_owned(),
            '>' => "&gt;".to_owned(),
            '&' => "&amp;".to_owned(),
            '"' => "&quot;".to_owned(),
            c => c.to_string(),
        })
        .collect();
    format!(
        "<!doctype html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{escaped}</title>\n<style>\n\
         body {{ font-family: system-ui, 'Noto Sans CJK SC', 'PingFang SC', 'Microsoft YaHei', sans-serif; max-width: 46rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.55; color: #1f2933; }}\n\
         h1 {{ font-size: 1.6rem; border-bottom: 2px solid #1f6fb4; padding-bottom: .3rem; }}\n\
         h2 {{ font-size: 1.25rem; margin-top: 2rem; color: #1f6fb4; }}\n\
         h3 {{ font-size: 1.05rem; margin: 1.2rem 0 .3rem; }}\n\
         ul {{ margin: .2rem 0; padding-left: 1.3rem; }}\n\
         @media print {{ body {{ margin: 0; }} h2 {{ break-after: avoid; }} h3 {{ break-after: avoid; }} }}\n\
         </style>\n</head>\n<body>\n{body}</body>\n</html>\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn flow(text: &str) -> Flow {
        crate::check(&crate::SourceFile::new("t.crmflow", text)).unwrap()
    }

    /// One `Flow::language` for the SOP and the drawing (#29 item 17):
    /// the drawing called a flow Chinese at its first ideograph, the SOP
    /// by majority, so a mostly English flow got Chinese legend words and
    /// English SOP headings.
    #[test]
    fn the_sop_and_the_drawing_agree_on_the_language() {
        let english = "flow \"Order handling\" { goal \"Ship within two days\" }\nlane s \"Sales\"\nstart a \"Order received from the web shop\" lane s\nstep b \"Check stock with 王经理\" lane s\nend c \"Order shipped to the customer\" lane s\na -> b -> c\n";
        let chinese = "flow \"订单处理\" { goal \"两天内发货\" }\nlane s \"销售部\"\nstart a \"收到 Web 订单\" lane s\nstep b \"检查库存\" lane s\nend c \"发货给客户\" lane s\na -> b -> c\n";
        for (text, lang) in [
            (english, crate::i18n::Lang::En),
            (chinese, crate::i18n::Lang::Zh),
        ] {
            let f = flow(text);
            assert_eq!(f.language(), lang, "{text}");
            let md = sop_markdown(&f);
            let svg = crate::compile(
                &crate::SourceFile::new("t.crmflow", text),
                &crate::Options::default(),
            )
            .unwrap()
            .svg;
            match lang {
                crate::i18n::Lang::En => {
                    assert!(md.contains("## Roles"), "{md}");
                    assert!(
                        svg.contains("Goal:") && !svg.contains("目标："),
                        "English chrome"
                    );
                }
                crate::i18n::Lang::Zh => {
                    assert!(!md.contains("## Roles"), "{md}");
                    assert!(svg.contains("目标："), "Chinese chrome");
                }
            }
        }
    }

    #[test]
    fn steps_by_role_with_branches_loops_and_hand_offs() {
        let f = flow(
            "flow \"Quotes\" { goal \"Quote fast\" }\nlane s \"Sales\"\nlane m \"Manager\"\n\
             start in \"Request\" lane s\nstep draft \"Draft quote\" lane s { output \"Quote\" }\n\
             decision ok \"Approved?\" lane m\nend sent \"Sent\" lane s\nstore crm \"CRM\"\n\
             in -> draft -> ok\nok -> sent : \"yes\"\nok -> draft : \"no\"\ndraft ..> crm : \"save\"\n",
        );
        let md = sop_markdown(&f);
        assert!(
            md.starts_with("# Quotes — Standard operating procedure\n\n**Goal**: Quote fast  \n"),
            "{md}"
        );
        assert!(
            md.contains("- **Sales** — 3 steps: 1, 2, 4\n- **Manager** — 1 step: 3\n"),
            "{md}"
        );
        assert!(md.contains("### 1. Request (start)\n\n- The process begins here.\n- **Hands on to**: go to 2. Draft quote\n"), "{md}");
        assert!(md.contains("### 2. Draft quote\n\n- **Receives from**: 1. Request (Sales); 3. Approved? (Manager)\n- **Outputs**: Quote\n- **Writes**: CRM (save)\n- **Hands on to**: go to 3. Approved? (Manager)\n"), "{md}");
        assert!(
            md.contains(
                "  - If “yes”: go to 4. Sent (Sales)\n  - If “no”: back to 2. Draft quote (Sales)\n"
            ),
            "{md}"
        );
        assert!(md.contains("### 4. Sent (end)\n\n- **Receives from**: 3. Approved? (Manager)\n- The process ends here.\n"), "{md}");
        assert!(md.contains("## Data used\n\n- CRM\n"), "{md}");
    }

    #[test]
    fn chinese_flows_get_chinese_headings_and_labels_stay_text() {
        let f = flow(
            "lane 销售 \"销售部\"\nstart a \"收到询价\" lane 销售\nstep b \"<script>x</script> *报价*\" lane 销售\nend c \"完成\" lane 销售\na -> b -> c\n",
        );
        let md = sop_markdown(&f);
        assert!(md.starts_with("# 标准作业程序\n"), "{md}");
        assert!(md.contains("## 角色"), "{md}");
        assert!(
            md.contains("### 2. &lt;script&gt;x&lt;/script&gt; \\*报价\\*\n"),
            "{md}"
        );
        assert!(md.contains("- **移交给**：转到 3. 完成\n"), "{md}");
        let html = sop_html(&f);
        assert!(html.contains("<html lang=\"zh\">"));
        assert!(!html.contains("<script>"), "{html}");
        assert!(
            html.contains("&lt;script&gt;x&lt;/script&gt; *报价*"),
            "{html}"
        );
    }
}

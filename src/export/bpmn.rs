//! The flow as BPMN 2.0 XML with diagram interchange (DI), for the process
//! tools teams run (Camunda Modeler, bpmn.io, Signavio …): one pool, one
//! lane per role with its `flowNodeRef`s; start and end events, tasks,
//! exclusive gateways (each branch's label as its name and condition), call
//! activities for `sub … calls`, data store and data object references with
//! data associations for `..>` edges; sequence flows; shapes and edges at
//! crmflow's positions.
//!
//! BPMN wants what a flowchart leaves implicit: where several flows meet
//! before a step, a decision or an end, a converging exclusive gateway is added,
//! and a step with several exits gets a diverging one, named after it. What BPMN
//! cannot say is reported by [`losses`] (`W310`): an `io`, `doc` or `store`
//! on the control flow becomes a task, and a data edge with no data shape
//! at either end is left out.

use super::xml_attr as xml;
use crate::Compiled;
use crate::diag::{Diag, codes};
use crate::i18n::t;
use crate::layout::Rect;
use crate::model::{EdgeKind, Flow, NodeId, NodeKind};
use crate::render::num;
use std::fmt::Write;

/// Whether a node is drawn as data (not a step of the process): a data
/// kind that no control edge touches.
fn is_data(flow: &Flow, id: NodeId) -> bool {
    flow.node_at(id).kind.is_data()
        && !flow
            .edges
            .iter()
            .any(|e| e.kind == EdgeKind::Control && (e.from == id || e.to == id))
}

/// A sequence flow to write: from and to element ids, name, condition.
struct SequenceFlow {
    id: String,
    from: String,
    to: String,
    name: Option<String>,
    condition: bool,
    /// Waypoints (absolute).
    points: Vec<(f64, f64)>,
}

/// An added gateway: its id, where it is drawn (centre), diverging or not.
struct AddedGateway {
    id: String,
    /// A diverging gateway is named after the step it follows (bpmnlint's
    /// `label-required` asks every splitting gateway for a name).
    name: Option<String>,
    center: (f64, f64),
    lane: Option<usize>,
}

/// The BPMN XML of `compiled`.
pub fn bpmn(compiled: &Compiled) -> String {
    let writer = Writer {
        flow: &compiled.flow,
        layout: &compiled.layout,
    };
    let routes = writer.edge_routes();
    let (flows, gateways) = writer.sequence_flows(&routes);
    let mut out = String::new();
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        out,
        "<bpmn:definitions xmlns:bpmn=\"http://www.omg.org/spec/BPMN/20100524/MODEL\" xmlns:bpmndi=\"http://www.omg.org/spec/BPMN/20100524/DI\" xmlns:dc=\"http://www.omg.org/spec/DD/20100524/DC\" xmlns:di=\"http://www.omg.org/spec/DD/20100524/DI\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" id=\"Definitions_1\" targetNamespace=\"https://crmflow.dev/bpmn\" exporter=\"crmflow\" exporterVersion=\"{}\">",
        env!("CARGO_PKG_VERSION")
    );
    writer.process(&mut out, &flows, &gateways);
    writer.diagram(&mut out, &flows, &gateways, &routes);
    out
}

/// The `<incoming>` or `<outgoing>` references of an element.
fn refs(flows: &[SequenceFlow], element: &str, incoming: bool) -> String {
    let tag = if incoming { "incoming" } else { "outgoing" };
    flows
        .iter()
        .filter(|f| {
            if incoming {
                f.to == element
            } else {
                f.from == element
            }
        })
        .map(|f| format!("      <bpmn:{tag}>{}</bpmn:{tag}>\n", f.id))
        .collect()
}

/// The id of a flow node's element.
fn node_element(index: usize) -> String {
    format!("Node_{index}")
}

/// A rectangle's centre.
fn center(r: &Rect) -> (f64, f64) {
    (r.x + r.width / 2.0, r.y + r.height / 2.0)
}

/// What the export reads: the flow and its drawing.
struct Writer<'a> {
    flow: &'a crate::model::Flow,
    layout: &'a crate::layout::Layout,
}

impl Writer<'_> {
    /// Where a node is drawn: the first box with its id.
    fn rect_of(&self, index: usize) -> Rect {
        let id = &self.flow.nodes[index].id;
        self.layout
            .nodes
            .iter()
            .find(|node| &node.id == id)
            .map_or(Rect::new(0.0, 0.0, 100.0, 60.0), |node| node.rect)
    }

    /// The route of each flow edge, by (from, to) in flow order.
    fn edge_routes(&self) -> Vec<Option<Vec<(f64, f64)>>> {
        let (flow, layout) = (self.flow, self.layout);
        let mut routes: Vec<Option<Vec<(f64, f64)>>> = vec![None; flow.edges.len()];
        {
            let mut used = vec![false; layout.edges.len()];
            for (e, edge) in flow.edges.iter().enumerate() {
                let (from, to) = (&flow.node_at(edge.from).id, &flow.node_at(edge.to).id);
                if let Some(k) = (0..layout.edges.len()).find(|&k| {
                    !used[k]
                        && &layout.nodes[layout.edges[k].from].id == from
                        && &layout.nodes[layout.edges[k].to].id == to
                }) {
                    used[k] = true;
                    routes[e] = Some(layout.edges[k].points.iter().map(|p| (p.x, p.y)).collect());
                }
            }
        }
        routes
    }

    /// The sequence flows, with joins (several arrivals) and splits (a
    /// step with several exits) added as gateways.
    fn sequence_flows(
        &self,
        routes: &[Option<Vec<(f64, f64)>>],
    ) -> (Vec<SequenceFlow>, Vec<AddedGateway>) {
        let (flow, layout) = (self.flow, self.layout);
        let control: Vec<usize> = (0..flow.edges.len())
            .filter(|&e| flow.edges[e].kind == EdgeKind::Control)
            .collect();
        let mut flows: Vec<SequenceFlow> = Vec::new();
        let mut gateways: Vec<AddedGateway> = Vec::new();
        let mut target_of: Vec<String> = control
            .iter()
            .map(|&e| node_element(flow.edges[e].to.index()))
            .collect();
        let mut source_of: Vec<String> = control
            .iter()
            .map(|&e| node_element(flow.edges[e].from.index()))
            .collect();
        for index in 0..flow.nodes.len() {
            let id = NodeId(index as u32);
            let kind = flow.nodes[index].kind;
            let incoming: Vec<usize> = (0..control.len())
                .filter(|&c| flow.edges[control[c]].to == id)
                .collect();
            let outgoing: Vec<usize> = (0..control.len())
                .filter(|&c| flow.edges[control[c]].from == id)
                .collect();
            let rect = self.rect_of(index);
            let cy = center(&rect).1;
            if incoming.len() > 1 {
                let gateway = format!("Join_{index}");
                let at = free_spot(layout, &rect, false);
                for &c in &incoming {
                    target_of[c] = gateway.clone();
                }
                flows.push(SequenceFlow {
                    id: format!("Flow_join_{index}"),
                    from: gateway.clone(),
                    to: node_element(index),
                    name: None,
                    condition: false,
                    points: vec![(at.0 + GATEWAY / 2.0, at.1), (rect.x, cy)],
                });
                gateways.push(AddedGateway {
                    id: gateway,
                    name: None,
                    center: at,
                    lane: flow.nodes[index].lane.map(|l| l.index()),
                });
            }
            // A step with several exits splits through a gateway, labelled
            // exits or not (an implicit split is what bpmnlint refuses).
            if outgoing.len() > 1 && kind != NodeKind::Decision {
                let gateway = format!("Split_{index}");
                let at = free_spot(layout, &rect, true);
                for &c in &outgoing {
                    source_of[c] = gateway.clone();
                }
                flows.push(SequenceFlow {
                    id: format!("Flow_split_{index}"),
                    from: node_element(index),
                    to: gateway.clone(),
                    name: None,
                    condition: false,
                    points: vec![(rect.x + rect.width, cy), (at.0 - GATEWAY / 2.0, at.1)],
                });
                gateways.push(AddedGateway {
                    id: gateway,
                    name: Some(flow.nodes[index].label.clone()),
                    center: at,
                    lane: flow.nodes[index].lane.map(|l| l.index()),
                });
            }
        }
        for (c, &e) in control.iter().enumerate() {
            let edge = &flow.edges[e];
            let from_decision = flow.node_at(edge.from).kind == NodeKind::Decision
                && source_of[c] == node_element(edge.from.index());
            let mut points = routes[e].clone().unwrap_or_default();
            if points.len() < 2 {
                let (a, b) = (
                    center(&self.rect_of(edge.from.index())),
                    center(&self.rect_of(edge.to.index())),
                );
                points = vec![a, b];
            }
            flows.push(SequenceFlow {
                id: format!("Flow_{e}"),
                from: source_of[c].clone(),
                to: target_of[c].clone(),
                name: edge.label.as_ref().map(|l| l.value.clone()),
                condition: from_decision && edge.label.is_some(),
                points,
            });
        }
        (flows, gateways)
    }

    /// The semantic model: phases as a category, the pool, the lanes, every
    /// flow node with its flows and data associations, the added gateways,
    /// data objects and stores, the sequence flows and the phase groups.
    fn process(&self, out: &mut String, flows: &[SequenceFlow], gateways: &[AddedGateway]) {
        let flow = self.flow;
        let title = flow
            .header
            .title
            .as_ref()
            .map_or("Process", |t| t.value.as_str());
        // Phases: one category whose values name the phases; each flow node
        // refers to its phase's value and one group per phase draws it.
        if !flow.phases.is_empty() {
            out.push_str("  <bpmn:category id=\"Category_Phases\" name=\"Phases\">\n");
            for (p, phase) in flow.phases.iter().enumerate() {
                let _ = writeln!(
                    out,
                    "    <bpmn:categoryValue id=\"Phase_{p}\" value=\"{}\"/>",
                    xml(&phase.label)
                );
            }
            out.push_str("  </bpmn:category>\n");
        }
        let phase_of = flow.phase_of();
        out.push_str("  <bpmn:collaboration id=\"Collaboration_1\">\n");
        let _ = writeln!(
            out,
            "    <bpmn:participant id=\"Participant_1\" name=\"{}\" processRef=\"Process_1\"/>",
            xml(title)
        );
        out.push_str(
            "  </bpmn:collaboration>\n  <bpmn:process id=\"Process_1\" isExecutable=\"false\">\n",
        );
        self.lane_set(out, gateways);
        for (index, node) in flow.nodes.iter().enumerate() {
            if !is_data(flow, NodeId(index as u32)) {
                self.flow_node(out, index, node, flows, &phase_of);
            }
        }
        for gateway in gateways {
            let name = gateway
                .name
                .as_ref()
                .map(|name| format!(" name=\"{}\"", super::xml_attr(name)))
                .unwrap_or_default();
            let _ = writeln!(
                out,
                "    <bpmn:exclusiveGateway id=\"{}\"{name}>",
                gateway.id
            );
            out.push_str(&refs(flows, &gateway.id, true));
            out.push_str(&refs(flows, &gateway.id, false));
            out.push_str("    </bpmn:exclusiveGateway>\n");
        }
        for (index, node) in flow.nodes.iter().enumerate() {
            if !is_data(flow, NodeId(index as u32)) {
                continue;
            }
            if node.kind == NodeKind::Store {
                let _ = writeln!(
                    out,
                    "    <bpmn:dataStoreReference id=\"{}\" name=\"{}\"/>",
                    node_element(index),
                    xml(&node.label)
                );
            } else {
                let _ = writeln!(out, "    <bpmn:dataObject id=\"DataObject_{index}\"/>");
                let _ = writeln!(
                    out,
                    "    <bpmn:dataObjectReference id=\"{}\" name=\"{}\" dataObjectRef=\"DataObject_{index}\"/>",
                    node_element(index),
                    xml(&node.label)
                );
            }
        }
        for sequence in flows {
            let name = sequence
                .name
                .as_ref()
                .map(|n| format!(" name=\"{}\"", xml(n)))
                .unwrap_or_default();
            if sequence.condition {
                let _ = writeln!(
                    out,
                    "    <bpmn:sequenceFlow id=\"{}\"{name} sourceRef=\"{}\" targetRef=\"{}\">\n      <bpmn:conditionExpression xsi:type=\"bpmn:tFormalExpression\">{}</bpmn:conditionExpression>\n    </bpmn:sequenceFlow>",
                    sequence.id,
                    sequence.from,
                    sequence.to,
                    xml(sequence.name.as_deref().unwrap_or(""))
                );
            } else {
                let _ = writeln!(
                    out,
                    "    <bpmn:sequenceFlow id=\"{}\"{name} sourceRef=\"{}\" targetRef=\"{}\"/>",
                    sequence.id, sequence.from, sequence.to
                );
            }
        }
        for p in 0..flow.phases.len() {
            let _ = writeln!(
                out,
                "    <bpmn:group id=\"Group_{p}\" categoryValueRef=\"Phase_{p}\"/>"
            );
        }
        out.push_str("  </bpmn:process>\n");
    }

    /// The lanes and the flow nodes (and added gateways) in each.
    fn lane_set(&self, out: &mut String, gateways: &[AddedGateway]) {
        let flow = self.flow;
        if flow.lanes.is_empty() {
            return;
        }
        out.push_str("    <bpmn:laneSet id=\"LaneSet_1\">\n");
        for (l, lane) in flow.lanes.iter().enumerate() {
            let _ = writeln!(
                out,
                "      <bpmn:lane id=\"Lane_{l}\" name=\"{}\">",
                xml(&lane.label)
            );
            for (index, node) in flow.nodes.iter().enumerate() {
                if node.lane.map(|x| x.index()) == Some(l) {
                    let _ = writeln!(
                        out,
                        "        <bpmn:flowNodeRef>{}</bpmn:flowNodeRef>",
                        node_element(index)
                    );
                }
            }
            for gateway in gateways.iter().filter(|g| g.lane == Some(l)) {
                let _ = writeln!(
                    out,
                    "        <bpmn:flowNodeRef>{}</bpmn:flowNodeRef>",
                    gateway.id
                );
            }
            out.push_str("      </bpmn:lane>\n");
        }
        out.push_str("    </bpmn:laneSet>\n");
    }

    /// One flow node: its element (task, event, gateway, call), phase,
    /// flows in and out, and data associations — reading before writing.
    fn flow_node(
        &self,
        out: &mut String,
        index: usize,
        node: &crate::model::Node,
        flows: &[SequenceFlow],
        phase_of: &[Option<crate::model::PhaseId>],
    ) {
        let flow = self.flow;
        let id = NodeId(index as u32);
        let element = node_element(index);
        let tag = match node.kind {
            NodeKind::Start => "startEvent",
            NodeKind::End => "endEvent",
            NodeKind::Decision => "exclusiveGateway",
            NodeKind::Sub => "callActivity",
            NodeKind::Step | NodeKind::Io | NodeKind::Store | NodeKind::Doc => "task",
        };
        let called = match (&node.calls, node.kind) {
            (Some(calls), NodeKind::Sub) => format!(
                " calledElement=\"{}\"",
                xml(calls.value.strip_suffix(".crmflow").unwrap_or(&calls.value))
            ),
            _ => String::new(),
        };
        let _ = writeln!(
            out,
            "    <bpmn:{tag} id=\"{element}\" name=\"{}\"{called}>",
            xml(&node.label)
        );
        let mut body = phase_of[index]
            .map(|phase| {
                format!(
                    "      <bpmn:categoryValueRef>Phase_{}</bpmn:categoryValueRef>\n",
                    phase.index()
                )
            })
            .unwrap_or_default();
        body += &refs(flows, &element, true);
        body += &refs(flows, &element, false);
        // Data associations: reading (input) before writing (output).
        let can_read = !matches!(node.kind, NodeKind::Start | NodeKind::Decision);
        let can_write = !matches!(node.kind, NodeKind::End | NodeKind::Decision);
        for (e, edge) in flow.edges.iter().enumerate() {
            if edge.kind == EdgeKind::Data && edge.to == id && can_read && is_data(flow, edge.from)
            {
                let _ = write!(
                    body,
                    "      <bpmn:dataInputAssociation id=\"Data_{e}\">\n        <bpmn:sourceRef>{}</bpmn:sourceRef>\n      </bpmn:dataInputAssociation>\n",
                    node_element(edge.from.index())
                );
            }
        }
        for (e, edge) in flow.edges.iter().enumerate() {
            if edge.kind == EdgeKind::Data && edge.from == id && can_write && is_data(flow, edge.to)
            {
                let _ = write!(
                    body,
                    "      <bpmn:dataOutputAssociation id=\"Data_{e}\">\n        <bpmn:targetRef>{}</bpmn:targetRef>\n      </bpmn:dataOutputAssociation>\n",
                    node_element(edge.to.index())
                );
            }
        }
        out.push_str(&body);
        let _ = writeln!(out, "    </bpmn:{tag}>");
    }

    /// Diagram interchange: the pool, lanes and phase groups, every shape,
    /// and the waypoints of the sequence flows and data associations.
    fn diagram(
        &self,
        out: &mut String,
        flows: &[SequenceFlow],
        gateways: &[AddedGateway],
        routes: &[Option<Vec<(f64, f64)>>],
    ) {
        let (flow, layout) = (self.flow, self.layout);
        // Diagram interchange.
        out.push_str("  <bpmndi:BPMNDiagram id=\"Diagram_1\">\n    <bpmndi:BPMNPlane id=\"Plane_1\" bpmnElement=\"Collaboration_1\">\n");
        let horizontal = layout.direction != crate::model::Direction::Down;
        let lanes_box = layout.lanes.iter().map(|band| band.rect).reduce(|a, b| {
            let (x, y) = (a.x.min(b.x), a.y.min(b.y));
            Rect::new(
                x,
                y,
                (a.x + a.width).max(b.x + b.width) - x,
                (a.y + a.height).max(b.y + b.height) - y,
            )
        });
        // The pool's own header strip sits before the lanes' headers.
        let pool = match lanes_box {
            Some(lanes) if horizontal => {
                Rect::new(lanes.x - 30.0, lanes.y, lanes.width + 30.0, lanes.height)
            }
            Some(lanes) => Rect::new(lanes.x, lanes.y - 30.0, lanes.width, lanes.height + 30.0),
            None => Rect::new(0.0, 0.0, layout.width, layout.height),
        };
        shape(out, "Participant_1", &pool, Some(horizontal));
        // One lane shape per lane: its first band (a drawing cut into rows
        // has one per row; BPMN has one lane).
        for (l, lane) in flow.lanes.iter().enumerate() {
            if let Some(band) = layout.lanes.iter().find(|band| band.id == lane.id) {
                shape(out, &format!("Lane_{l}"), &band.rect, Some(horizontal));
            }
        }
        // A phase's group spans its column across the whole pool (not its
        // members' box, so an empty phase still shows).
        for (p, band) in layout.phases.iter().enumerate() {
            let column = band.rect;
            let bounds = if horizontal {
                Rect::new(column.x, pool.y, column.width, pool.height)
            } else {
                Rect::new(pool.x, column.y, pool.width, column.height)
            };
            shape(out, &format!("Group_{p}"), &bounds, None);
        }
        // Every flow node's bounds, for the ends of the edges.
        let mut bounds_of: std::collections::HashMap<String, Rect> =
            std::collections::HashMap::new();
        for (index, node) in flow.nodes.iter().enumerate() {
            let rect = self.rect_of(index);
            let (cx, cy) = center(&rect);
            let square = |side: f64| Rect::new(cx - side / 2.0, cy - side / 2.0, side, side);
            let bounds = match node.kind {
                NodeKind::Start | NodeKind::End => square(36.0),
                NodeKind::Decision => square(50.0),
                NodeKind::Store if is_data(flow, NodeId(index as u32)) => square(50.0),
                NodeKind::Io | NodeKind::Doc if is_data(flow, NodeId(index as u32)) => {
                    Rect::new(cx - 18.0, cy - 25.0, 36.0, 50.0)
                }
                _ => rect,
            };
            shape(out, &node_element(index), &bounds, None);
            bounds_of.insert(node_element(index), bounds);
        }
        for gateway in gateways {
            let (x, y) = gateway.center;
            let half = GATEWAY / 2.0;
            let bounds = Rect::new(x - half, y - half, GATEWAY, GATEWAY);
            shape(out, &gateway.id, &bounds, None);
            bounds_of.insert(gateway.id.clone(), bounds);
        }
        for sequence in flows {
            let mut points = sequence.points.clone();
            snap_ends(
                &mut points,
                bounds_of.get(&sequence.from),
                bounds_of.get(&sequence.to),
            );
            edge(out, &sequence.id, &points);
        }
        for (e, data) in flow.edges.iter().enumerate() {
            if data.kind != EdgeKind::Data {
                continue;
            }
            let linked = (is_data(flow, data.from) || is_data(flow, data.to))
                && !(is_data(flow, data.from) && is_data(flow, data.to));
            let holder = if is_data(flow, data.from) {
                data.to
            } else {
                data.from
            };
            let kind = flow.node_at(holder).kind;
            let allowed = if is_data(flow, data.from) {
                !matches!(kind, NodeKind::Start | NodeKind::Decision)
            } else {
                !matches!(kind, NodeKind::End | NodeKind::Decision)
            };
            if linked && allowed {
                let points = routes[e].clone().unwrap_or_else(|| {
                    vec![
                        center(&self.rect_of(data.from.index())),
                        center(&self.rect_of(data.to.index())),
                    ]
                });
                let mut points = points;
                snap_ends(
                    &mut points,
                    bounds_of.get(&node_element(data.from.index())),
                    bounds_of.get(&node_element(data.to.index())),
                );
                edge(out, &format!("Data_{e}"), &points);
            }
        }
        out.push_str("    </bpmndi:BPMNPlane>\n  </bpmndi:BPMNDiagram>\n</bpmn:definitions>\n");
    }
}

/// Moves a route's first and last points onto the outline of the shapes
/// they leave and reach (events, gateways and data shapes are drawn
/// smaller than crmflow's boxes), keeping the segments axis-parallel.
fn snap_ends(points: &mut [(f64, f64)], from: Option<&Rect>, to: Option<&Rect>) {
    fn snap(point: &mut (f64, f64), toward: (f64, f64), bounds: &Rect) {
        let horizontal = (point.1 - toward.1).abs() < 0.5;
        if horizontal {
            point.0 = if toward.0 > point.0 {
                bounds.x + bounds.width
            } else {
                bounds.x
            };
            point.1 = point.1.clamp(bounds.y, bounds.y + bounds.height);
        } else {
            point.1 = if toward.1 > point.1 {
                bounds.y + bounds.height
            } else {
                bounds.y
            };
            point.0 = point.0.clamp(bounds.x, bounds.x + bounds.width);
        }
    }
    let n = points.len();
    if n < 2 {
        return;
    }
    // Only where the next point keeps the segment straight after the move.
    if let Some(bounds) = from {
        let next = points[1];
        let mut first = points[0];
        snap(&mut first, next, bounds);
        if (first.0 - next.0).abs() < 0.5 || (first.1 - next.1).abs() < 0.5 {
            points[0] = first;
        }
    }
    if let Some(bounds) = to {
        let before = points[n - 2];
        let mut last = points[n - 1];
        snap(&mut last, before, bounds);
        if (last.0 - before.0).abs() < 0.5 || (last.1 - before.1).abs() < 0.5 {
            points[n - 1] = last;
        }
    }
}

/// The side of an added gateway.
const GATEWAY: f64 = 30.0;

/// Where an added gateway goes: in the gap before (or after) `rect`, level
/// with it if that is free of every box, else a little above or below.
fn free_spot(layout: &crate::layout::Layout, rect: &Rect, after: bool) -> (f64, f64) {
    let cy = rect.y + rect.height / 2.0;
    let x = if after {
        rect.x + rect.width + GATEWAY / 2.0 + 4.0
    } else {
        rect.x - GATEWAY / 2.0 - 4.0
    };
    let free = |(cx, cy): (f64, f64)| {
        let half = GATEWAY / 2.0;
        layout.nodes.iter().all(|node| {
            let r = &node.rect;
            cx + half <= r.x
                || cx - half >= r.x + r.width
                || cy + half <= r.y
                || cy - half >= r.y + r.height
        })
    };
    [0.0, -1.0, 1.0, -2.0, 2.0]
        .iter()
        .map(|step| (x, cy + step * (GATEWAY + 6.0)))
        .find(|&at| free(at))
        .unwrap_or((x, cy))
}

fn shape(out: &mut String, element: &str, rect: &Rect, horizontal: Option<bool>) {
    let horizontal = horizontal
        .map(|h| format!(" isHorizontal=\"{h}\""))
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "      <bpmndi:BPMNShape id=\"{element}_di\" bpmnElement=\"{element}\"{horizontal}>\n        <dc:Bounds x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"/>\n      </bpmndi:BPMNShape>",
        num(rect.x),
        num(rect.y),
        num(rect.width),
        num(rect.height)
    );
}

fn edge(out: &mut String, element: &str, points: &[(f64, f64)]) {
    let _ = writeln!(
        out,
        "      <bpmndi:BPMNEdge id=\"{element}_di\" bpmnElement=\"{element}\">"
    );
    for (x, y) in points {
        let _ = writeln!(
            out,
            "        <di:waypoint x=\"{}\" y=\"{}\"/>",
            num(*x),
            num(*y)
        );
    }
    out.push_str("      </bpmndi:BPMNEdge>\n");
}

/// What BPMN cannot say, as warnings at their place.
pub fn losses(flow: &Flow) -> Vec<Diag> {
    let mut found = Vec::new();
    for (index, node) in flow.nodes.iter().enumerate() {
        let id = NodeId(index as u32);
        if node.kind.is_data() && !is_data(flow, id) {
            found.push(
                Diag::warning(
                    codes::EXPORT_LOSS,
                    node.id_span,
                    t("model-bpmn-has-no-on-sequence")
                        .arg("keyword", node.kind.keyword())
                        .arg("id", &node.id),
                )
                .with_help(t("model-connect-with-data-edges-keep")),
            );
        }
    }
    for edge in &flow.edges {
        if edge.kind != EdgeKind::Data {
            continue;
        }
        let (from_data, to_data) = (is_data(flow, edge.from), is_data(flow, edge.to));
        let holder = if from_data { edge.to } else { edge.from };
        let kind = flow.node_at(holder).kind;
        let allowed = if from_data {
            !matches!(kind, NodeKind::Start | NodeKind::Decision)
        } else {
            !matches!(kind, NodeKind::End | NodeKind::Decision)
        };
        if from_data == to_data || !allowed {
            found.push(
                Diag::warning(
                    codes::EXPORT_LOSS,
                    edge.span,
                    t("model-bpmn-has-no-data-association"),
                )
                .with_help(t("model-bpmn-data-flows-between-task")),
            );
        }
    }
    found
}

//! Phase 5 — coordinates along the flow, ports, and orthogonal edge routes.
//!
//! Algorithm, in flow coordinates (`r` along the flow, `o` across it):
//! 1. **Ports.** Each edge end gets a point on its node's side: the far side
//!    for edges toward later layers, the near side for edges from earlier
//!    ones. An end wants the `o` of the item it links to (or the middle of
//!    the shared span of two facing nodes, so they join with a straight
//!    line); the ends on one side are then spread to a minimum spacing in
//!    the order of their neighbours, by the same isotonic regression phase 4
//!    uses, within the part of the side that belongs to the shape (a
//!    diamond's tip, a terminal's straight part).
//! 2. **Channels.** A link whose two ends differ in `o` turns twice in the
//!    gap after its layer. The vertical runs of one gap are given slots as in
//!    ELK's orthogonal edge router (Schulze, Spönemann, von Hanxleden,
//!    "Drawing layered graphs with port constraints", JVLC 2014): runs whose
//!    spans overlap must use different slots, and of each such pair the
//!    order that crosses fewer horizontal runs is preferred; the preferences
//!    form a graph whose cycles are broken like phase 1's and whose longest
//!    paths number the slots. Runs that do not overlap share a slot.
//! 3. **Layers.** Each layer is as deep as its deepest item; each gap as wide
//!    as its slots need. Nodes are centred in their layer.
//! 4. **Routes.** A chain becomes a polyline from its source's boundary to
//!    its target's boundary (the exact outline of diamonds, terminals,
//!    parallelograms and cylinders): straight through dummies and label
//!    dummies, turning only in gaps. A self-loop is a small loop on the
//!    node's `o`-low side, in room phase 4 reserved.
//!
//! Since nodes and dummies of a layer never overlap (phase 4) and nothing but
//! vertical runs lives in gaps, no route passes through a node that is not
//! its end, and no label (a label dummy) sits on a node or another label.
//!
//! Precondition: phase 4's order-axis placement.
//! Postcondition: every route starts on its source's boundary, ends on its
//! target's boundary, and consists of axis-parallel segments.

use super::chains::{ItemKind, LayeredGraph};
use super::cycles;
use super::positioning::{OrderAxis, isotonic, snap};
use super::types::{CYLINDER_CAP, DOC_WAVE, IO_SLANT, Rect};
use crate::model::NodeKind;

/// A rectangle in flow coordinates.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(crate) struct FlowRect {
    pub r: f64,
    pub o: f64,
    pub dr: f64,
    pub d_o: f64,
}

impl FlowRect {
    pub fn r_mid(&self) -> f64 {
        self.r + self.dr / 2.0
    }
}

/// A route in flow coordinates `(r, o)`.
pub(crate) type FlowPath = Vec<(f64, f64)>;

/// Least width of a gap between layers.
pub(crate) const RANK_GAP: f64 = 44.0;
/// Distance between vertical runs in a gap.
const CHANNEL: f64 = 10.0;
/// Least distance between two ports on one side.
const PORT_GAP: f64 = 10.0;
/// How far a self-loop reaches out of its node.
pub(crate) const SELF_LOOP: f64 = 16.0;

/// What routing needs to know beyond the layered graph.
pub(crate) struct RoutingInput<'a> {
    pub graph: &'a LayeredGraph,
    pub layers: &'a [Vec<usize>],
    pub axis: &'a OrderAxis,
    /// Node kinds (for port ranges and outlines), by node index.
    pub kinds: &'a [NodeKind],
    /// Per flow edge: `(tail, head)` of the flow edge (self-loops included)
    /// and whether it was reversed.
    pub edges: &'a [(usize, usize, bool)],
    /// Per node: how many self-loops it has and the breadth of their
    /// largest label (its item carries room for them, see [`self_loop_room`]).
    pub self_loops: &'a [(usize, f64)],
    /// Per flow edge: the breadth of its label (0 without one).
    pub label_breadth: &'a [f64],
    /// Where layer 0 may start along `r` (after lane headers).
    pub r_start: f64,
    /// True for `direction down` (r = y), false for `right` (r = x).
    pub down: bool,
}

/// Routed geometry in flow coordinates.
pub(crate) struct Routes {
    pub nodes: Vec<FlowRect>,
    pub paths: Vec<FlowPath>,
    /// Centre of each edge's label, if it has one.
    pub labels: Vec<Option<(f64, f64)>>,
    /// End of the drawing along `r`.
    pub r_extent: f64,
}

/// Where the ends of an edge attach.
struct EndPorts {
    tail: f64,
    head: f64,
}

/// A vertical run in a gap.
struct Run {
    chain: usize,
    link: usize,
    from: f64,
    to: f64,
}

impl Run {
    fn low(&self) -> f64 {
        self.from.min(self.to)
    }
    fn high(&self) -> f64 {
        self.from.max(self.to)
    }
    fn strictly_inside(&self, o: f64) -> bool {
        o > self.low() + 0.5 && o < self.high() - 0.5
    }
}

/// Half the usable span of a side for ports, around the side's middle.
fn port_reach(kind: NodeKind, breadth: f64, depth: f64, down: bool) -> f64 {
    let reach = match kind {
        NodeKind::Decision => breadth / 6.0,
        NodeKind::Start | NodeKind::End if down => (breadth - depth) / 2.0,
        _ => breadth / 2.0 - 8.0,
    };
    reach.max(0.0)
}

/// Routes every edge and fixes coordinates along the flow.
pub(crate) fn route(input: &RoutingInput<'_>) -> Routes {
    let graph = input.graph;
    let items = &graph.items;
    let center = &input.axis.center;
    let node_count = input.kinds.len();
    let node_breadth = |n: usize| match items[n].kind {
        ItemKind::Node(_) => items[n].breadth - self_loop_room(input, n),
        _ => items[n].breadth,
    };

    // 1. Ports.
    let mut ends: Vec<Option<EndPorts>> = Vec::with_capacity(graph.chains.len());
    // Per node: (far side, near side) lists of (chain, desired o, neighbour o).
    let mut far: Vec<Vec<(usize, f64, f64)>> = vec![Vec::new(); node_count];
    let mut near: Vec<Vec<(usize, f64, f64)>> = vec![Vec::new(); node_count];
    let reach: Vec<f64> = (0..node_count)
        .map(|n| port_reach(input.kinds[n], node_breadth(n), items[n].depth, input.down))
        .collect();
    let desired = |node: usize, other: usize| -> f64 {
        if other < node_count {
            // Two facing nodes: meet in the middle of their shared span.
            let lo = (center[node] - reach[node]).max(center[other] - reach[other]);
            let hi = (center[node] + reach[node]).min(center[other] + reach[other]);
            if lo <= hi {
                return ((center[node] + center[other]) / 2.0).clamp(lo, hi);
            }
        }
        center[other].clamp(center[node] - reach[node], center[node] + reach[node])
    };
    for (index, chain) in graph.chains.iter().enumerate() {
        let Some(chain) = chain else {
            ends.push(None);
            continue;
        };
        let (tail, head) = (chain[0], chain[chain.len() - 1]);
        let (after_tail, before_head) = (chain[1], chain[chain.len() - 2]);
        far[tail].push((index, desired(tail, after_tail), center[after_tail]));
        near[head].push((index, desired(head, before_head), center[before_head]));
        ends.push(Some(EndPorts {
            tail: 0.0,
            head: 0.0,
        }));
    }
    for node in 0..node_count {
        for (side, is_far) in [(&mut far[node], true), (&mut near[node], false)] {
            if side.is_empty() {
                continue;
            }
            side.sort_by(|a, b| {
                a.1.total_cmp(&b.1)
                    .then(a.2.total_cmp(&b.2))
                    .then(a.0.cmp(&b.0))
            });
            let (lo, hi) = (center[node] - reach[node], center[node] + reach[node]);
            let gap = if side.len() > 1 {
                PORT_GAP.min((hi - lo) / (side.len() - 1) as f64)
            } else {
                0.0
            };
            // Clamping target i into the window that leaves room for the
            // ports before and after it keeps the regression inside the side.
            let last = (side.len() - 1) as f64;
            let targets: Vec<f64> = side
                .iter()
                .enumerate()
                .map(|(i, s)| {
                    s.1.max(lo + i as f64 * gap)
                        .min(hi - (last - i as f64) * gap)
                })
                .collect();
            let placed = isotonic(&targets, &vec![1.0; side.len()], &vec![gap; side.len() - 1]);
            for (&(chain, _, _), o) in side.iter().zip(placed) {
                let end = ends[chain].as_mut().expect("chained edges have ends");
                if is_far {
                    end.tail = snap(o);
                } else {
                    end.head = snap(o);
                }
            }
        }
    }
    // The o at which a chain leaves item `k` of the chain, and enters it.
    let exit_o = |chain: usize, k: usize| -> f64 {
        let items_of = graph.chains[chain].as_ref().expect("chained");
        if k == 0 {
            ends[chain].as_ref().expect("chained").tail
        } else {
            center[items_of[k]]
        }
    };
    let entry_o = |chain: usize, k: usize| -> f64 {
        let items_of = graph.chains[chain].as_ref().expect("chained");
        if k == items_of.len() - 1 {
            ends[chain].as_ref().expect("chained").head
        } else {
            center[items_of[k]]
        }
    };

    // 2. Channels.
    let layer_count = input.layers.len();
    let mut runs: Vec<Vec<Run>> = (0..layer_count).map(|_| Vec::new()).collect();
    for (index, chain) in graph.chains.iter().enumerate() {
        let Some(chain) = chain else { continue };
        for k in 0..chain.len() - 1 {
            let (from, to) = (exit_o(index, k), entry_o(index, k + 1));
            if from != to {
                runs[items[chain[k]].rank].push(Run {
                    chain: index,
                    link: k,
                    from,
                    to,
                });
            }
        }
    }
    let slots: Vec<(Vec<usize>, usize)> = runs.iter().map(|gap| assign_slots(gap)).collect();

    // 3. Layers along r.
    let depth: Vec<f64> = input
        .layers
        .iter()
        .map(|layer| layer.iter().map(|&i| items[i].depth).fold(0.0, f64::max))
        .collect();
    let gap_width: Vec<f64> = slots
        .iter()
        .map(|(_, count)| RANK_GAP.max((*count as f64 + 1.0) * CHANNEL))
        .collect();
    let mut layer_start = Vec::with_capacity(layer_count);
    let mut r = input.r_start + RANK_GAP / 2.0;
    for layer in 0..layer_count {
        layer_start.push(r);
        r += depth[layer] + gap_width[layer];
    }
    let r_extent = r - gap_width.last().copied().unwrap_or(0.0) + RANK_GAP / 2.0;
    let nodes: Vec<FlowRect> = (0..node_count)
        .map(|n| {
            let item = &items[n];
            let breadth = node_breadth(n);
            FlowRect {
                r: layer_start[item.rank] + (depth[item.rank] - item.depth) / 2.0,
                o: center[n] - breadth / 2.0,
                dr: item.depth,
                d_o: breadth,
            }
        })
        .collect();
    let slot_r = |gap: usize, slot: usize| -> f64 {
        let start = layer_start[gap] + depth[gap];
        let count = slots[gap].1 as f64;
        start + gap_width[gap] * (slot as f64 + 1.0) / (count + 1.0)
    };
    let mut run_slot: Vec<Vec<(usize, f64)>> = vec![Vec::new(); graph.chains.len()];
    for (gap, gap_runs) in runs.iter().enumerate() {
        for (run, &slot) in gap_runs.iter().zip(&slots[gap].0) {
            run_slot[run.chain].push((run.link, slot_r(gap, slot).round()));
        }
    }

    // 4. Routes.
    let mut paths = Vec::with_capacity(input.edges.len());
    let mut labels = Vec::with_capacity(input.edges.len());
    let mut loops_drawn = vec![0usize; node_count];
    for (index, &(from, _, reversed)) in input.edges.iter().enumerate() {
        let Some(chain) = &graph.chains[index] else {
            let node = &nodes[from];
            let step = loop_step(input.self_loops[from].1);
            let top = node.o - SELF_LOOP - loops_drawn[from] as f64 * step;
            loops_drawn[from] += 1;
            paths.push(self_loop(node, top, input.kinds[from], input.down));
            let breadth = input.label_breadth[index];
            labels.push((breadth > 0.0).then(|| (node.r_mid(), top - 2.0 - breadth / 2.0)));
            continue;
        };
        let (tail, head) = (chain[0], chain[chain.len() - 1]);
        let end = ends[index].as_ref().expect("chained");
        let mut points: FlowPath = vec![(
            boundary_r(input.kinds[tail], &nodes[tail], end.tail, true, input.down),
            end.tail,
        )];
        for &(link, r) in &run_slot[index] {
            points.push((r, exit_o(index, link)));
            points.push((r, entry_o(index, link + 1)));
        }
        points.push((
            boundary_r(input.kinds[head], &nodes[head], end.head, false, input.down),
            end.head,
        ));
        let mut points = simplify(points);
        if reversed {
            points.reverse();
        }
        paths.push(points);
        labels.push(chain.iter().find_map(|&item| match items[item].kind {
            ItemKind::Label(_) => {
                let rank = items[item].rank;
                Some((layer_start[rank] + depth[rank] / 2.0, center[item]))
            }
            _ => None,
        }));
    }
    Routes {
        nodes,
        paths,
        labels,
        r_extent,
    }
}

/// True when every route has at least two points and only axis-parallel
/// segments (phase 5's postcondition; ends on the outlines are checked by the
/// integration tests, which know the drawn shapes).
pub(crate) fn routes_are_orthogonal(routes: &Routes) -> bool {
    routes.paths.iter().all(|path| {
        path.len() >= 2
            && path
                .windows(2)
                .all(|w| w[0].0 == w[1].0 || w[0].1 == w[1].1)
    })
}

fn self_loop_room(input: &RoutingInput<'_>, node: usize) -> f64 {
    let (count, label) = input.self_loops[node];
    loop_room(count, label)
}

/// How far each stacked self-loop (with its label) reaches.
fn loop_step(label: f64) -> f64 {
    SELF_LOOP + label + 4.0
}

/// Breadth added to a node item with `count` self-loops whose largest label
/// is `label` wide across the flow: on both sides, so the node stays
/// centred on its item.
pub(crate) fn loop_room(count: usize, label: f64) -> f64 {
    2.0 * count as f64 * loop_step(label)
}

/// Slots for the runs of one gap, and how many slots there are.
fn assign_slots(runs: &[Run]) -> (Vec<usize>, usize) {
    let n = runs.len();
    if n == 0 {
        return (Vec::new(), 0);
    }
    let mut by_low: Vec<usize> = (0..n).collect();
    by_low.sort_by(|&a, &b| runs[a].low().total_cmp(&runs[b].low()).then(a.cmp(&b)));
    let mut prefer: Vec<(usize, usize)> = Vec::new();
    for (i, &a) in by_low.iter().enumerate() {
        for &b in &by_low[i + 1..] {
            if runs[b].low() > runs[a].high() + 1.0 {
                break;
            }
            let (ra, rb) = (&runs[a], &runs[b]);
            // Crossings with a's run left of b's, and the other way round.
            let a_first =
                usize::from(ra.strictly_inside(rb.from)) + usize::from(rb.strictly_inside(ra.to));
            let b_first =
                usize::from(rb.strictly_inside(ra.from)) + usize::from(ra.strictly_inside(rb.to));
            let (first, second) = if a_first < b_first || (a_first == b_first && a < b) {
                (a, b)
            } else {
                (b, a)
            };
            prefer.push((first, second));
        }
    }
    let reversed = cycles::break_cycles(n, &prefer, &[]);
    let mut successors: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut indegree = vec![0usize; n];
    for (&(a, b), &flip) in prefer.iter().zip(&reversed) {
        let (a, b) = if flip { (b, a) } else { (a, b) };
        successors[a].push(b);
        indegree[b] += 1;
    }
    let mut slot = vec![0usize; n];
    let mut ready: Vec<usize> = (0..n).filter(|&v| indegree[v] == 0).collect();
    while let Some(v) = ready.pop() {
        for &w in &successors[v] {
            slot[w] = slot[w].max(slot[v] + 1);
            indegree[w] -= 1;
            if indegree[w] == 0 {
                ready.push(w);
            }
        }
    }
    let count = slot.iter().max().map_or(0, |m| m + 1);
    (slot, count)
}

/// Drops points that do not turn.
fn simplify(points: FlowPath) -> FlowPath {
    let mut out: FlowPath = Vec::with_capacity(points.len());
    for p in points {
        if let Some(&last) = out.last()
            && (last.0 - p.0).abs() < 1e-9
            && (last.1 - p.1).abs() < 1e-9
        {
            continue;
        }
        if out.len() >= 2 {
            let a = out[out.len() - 2];
            let b = out[out.len() - 1];
            let same_r = (a.0 - b.0).abs() < 1e-9 && (b.0 - p.0).abs() < 1e-9;
            let same_o = (a.1 - b.1).abs() < 1e-9 && (b.1 - p.1).abs() < 1e-9;
            if same_r || same_o {
                out.pop();
            }
        }
        out.push(p);
    }
    out
}

/// A loop on the node's `o`-low side: out near its far end, in near its
/// near end.
fn self_loop(node: &FlowRect, top: f64, kind: NodeKind, down: bool) -> FlowPath {
    let out_r = node.r_mid() + node.dr / 4.0;
    let in_r = node.r_mid() - node.dr / 4.0;
    vec![
        (out_r, boundary_o_low(kind, node, out_r, down)),
        (out_r, top),
        (in_r, top),
        (in_r, boundary_o_low(kind, node, in_r, down)),
    ]
}

/// The rectangle in x/y of a flow rectangle.
fn xy_rect(node: &FlowRect, down: bool) -> Rect {
    if down {
        Rect::new(node.o, node.r, node.d_o, node.dr)
    } else {
        Rect::new(node.r, node.o, node.dr, node.d_o)
    }
}

/// Where a line at `o`, running along the flow, meets the outline: on the
/// far side (`far`) or the near side.
fn boundary_r(kind: NodeKind, node: &FlowRect, o: f64, far: bool, down: bool) -> f64 {
    let rect = xy_rect(node, down);
    if down {
        hit_y(kind, &rect, o, far)
    } else {
        hit_x(kind, &rect, o, far)
    }
}

/// Where a line at `r`, running across the flow, meets the `o`-low side.
fn boundary_o_low(kind: NodeKind, node: &FlowRect, r: f64, down: bool) -> f64 {
    let rect = xy_rect(node, down);
    if down {
        hit_x(kind, &rect, r, false)
    } else {
        hit_y(kind, &rect, r, false)
    }
}

/// A horizontal line at `y` meets the outline at this x (right side when
/// `right`).
pub(crate) fn hit_x(kind: NodeKind, rect: &Rect, y: f64, right: bool) -> f64 {
    let (cx, cy) = (rect.x + rect.width / 2.0, rect.y + rect.height / 2.0);
    let side = if right { 1.0 } else { -1.0 };
    match kind {
        NodeKind::Decision => {
            let t = (1.0 - (y - cy).abs() / (rect.height / 2.0)).max(0.0);
            cx + side * rect.width / 2.0 * t
        }
        NodeKind::Start | NodeKind::End => {
            let radius = (rect.height / 2.0).min(rect.width / 2.0);
            let dy = (y - cy).abs().min(radius);
            let dx = (radius * radius - dy * dy).sqrt();
            cx + side * (rect.width / 2.0 - radius + dx)
        }
        NodeKind::Io => {
            if right {
                rect.right() - IO_SLANT * (y - rect.y) / rect.height
            } else {
                rect.x + IO_SLANT * (rect.bottom() - y) / rect.height
            }
        }
        _ => {
            if right {
                rect.right()
            } else {
                rect.x
            }
        }
    }
}

/// A vertical line at `x` meets the outline at this y (bottom side when
/// `bottom`).
pub(crate) fn hit_y(kind: NodeKind, rect: &Rect, x: f64, bottom: bool) -> f64 {
    let (cx, cy) = (rect.x + rect.width / 2.0, rect.y + rect.height / 2.0);
    let side = if bottom { 1.0 } else { -1.0 };
    match kind {
        NodeKind::Decision => {
            let t = (1.0 - (x - cx).abs() / (rect.width / 2.0)).max(0.0);
            cy + side * rect.height / 2.0 * t
        }
        NodeKind::Start | NodeKind::End => {
            let radius = (rect.height / 2.0).min(rect.width / 2.0);
            let straight = rect.width / 2.0 - radius;
            let dx = ((x - cx).abs() - straight).clamp(0.0, radius);
            let dy = (radius * radius - dx * dx).sqrt();
            cy + side * (rect.height / 2.0 - radius + dy)
        }
        NodeKind::Store => {
            let u = ((x - cx) / (rect.width / 2.0)).clamp(-1.0, 1.0);
            let bulge = CYLINDER_CAP * (1.0 - u * u).sqrt();
            if bottom {
                rect.bottom() - CYLINDER_CAP + bulge
            } else {
                rect.y + CYLINDER_CAP - bulge
            }
        }
        NodeKind::Doc if bottom => rect.bottom() - DOC_WAVE / 2.0,
        _ => {
            if bottom {
                rect.bottom()
            } else {
                rect.y
            }
        }
    }
}

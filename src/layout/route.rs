//! Phase 5 — edge routing.
//!
//! Algorithm: orthogonal routes in flow coordinates. A forward edge leaves
//! its source on the far side (ports spread along the side when several
//! edges leave or enter it), runs to a bend in the gap after the source's
//! layer, crosses to the target's port and enters the near side. An edge
//! whose phase-1 direction was reversed (a loop back) leaves on the far
//! side, drops through the gap after its layer, runs below the nodes of the
//! target's band (in room reserved for it) and enters the target from below.
//! Edges between nodes of one layer run along `o`. Self-loops are a small
//! loop on the far side.
//!
//! Precondition: phase-4 geometry.
//! Postcondition: every route starts on its source's boundary and ends on
//! its target's boundary; segments are axis-parallel.

use super::position::Geometry;

/// A route in flow coordinates `(r, o)`.
pub(crate) type FlowPath = Vec<(f64, f64)>;

/// One edge as the router sees it.
pub(crate) struct RouteEdge {
    pub from: usize,
    pub to: usize,
    /// Depth of its label along `r` (0 without a label).
    pub label_depth: f64,
}

/// How edges attach to a node's side.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ports {
    /// Spread along the side.
    Spread,
    /// All at the middle of the side (a diamond's vertex).
    Vertex,
}

/// Spacing between loop-back routes below a band's nodes.
pub(crate) const LOOP_STEP: f64 = 10.0;

/// Routes every edge.
pub(crate) fn route_edges(
    geometry: &Geometry,
    rank: &[usize],
    band: &[usize],
    ports: &[Ports],
    edges: &[RouteEdge],
) -> Vec<FlowPath> {
    let nodes = &geometry.nodes;
    // Port slots: for each node, the edges using its far (out) and near (in) sides.
    let mut out_ports: Vec<Vec<usize>> = vec![Vec::new(); nodes.len()];
    let mut in_ports: Vec<Vec<usize>> = vec![Vec::new(); nodes.len()];
    for (index, edge) in edges.iter().enumerate() {
        if rank[edge.from] < rank[edge.to] {
            out_ports[edge.from].push(index);
            in_ports[edge.to].push(index);
        } else if rank[edge.from] > rank[edge.to] {
            out_ports[edge.from].push(index);
        }
    }
    for ports in out_ports.iter_mut() {
        ports.sort_by(|&a, &b| {
            nodes[edges[a].to]
                .o_mid()
                .total_cmp(&nodes[edges[b].to].o_mid())
                .then(a.cmp(&b))
        });
    }
    for ports in in_ports.iter_mut() {
        ports.sort_by(|&a, &b| {
            nodes[edges[a].from]
                .o_mid()
                .total_cmp(&nodes[edges[b].from].o_mid())
                .then(a.cmp(&b))
        });
    }
    let port = |side: &Vec<usize>, edge: usize, node: usize| -> f64 {
        let rect = &nodes[node];
        if ports[node] == Ports::Vertex {
            return rect.o_mid();
        }
        let count = side.len();
        let slot = side.iter().position(|&e| e == edge).unwrap_or(0);
        let spacing = (rect.d_o / (count as f64 + 1.0)).min(14.0);
        rect.o_mid() + (slot as f64 - (count as f64 - 1.0) / 2.0) * spacing
    };
    // Loop-back lanes below each band's nodes.
    let mut loops_in_band = vec![0usize; geometry.bands.len()];

    edges
        .iter()
        .enumerate()
        .map(|(index, edge)| {
            let source = &nodes[edge.from];
            let target = &nodes[edge.to];
            if edge.from == edge.to {
                let r = source.r_end();
                let top = source.o;
                return vec![
                    (r, source.o_mid() - source.d_o / 4.0),
                    (r + 18.0, source.o_mid() - source.d_o / 4.0),
                    (r + 18.0, top - 14.0),
                    (source.r_mid() + source.dr / 4.0, top - 14.0),
                    (source.r_mid() + source.dr / 4.0, top),
                ];
            }
            let (rs, rt) = (rank[edge.from], rank[edge.to]);
            if rs < rt {
                let start_o = port(&out_ports[edge.from], index, edge.from);
                let end_o = port(&in_ports[edge.to], index, edge.to);
                let layer_end = geometry.layers[rs].0 + geometry.layers[rs].1;
                let gap_end = geometry.layers[rs + 1].0;
                let bend = if edge.label_depth > 0.0 {
                    layer_end + 14.0
                } else {
                    (layer_end + gap_end) / 2.0
                };
                if (start_o - end_o).abs() < 0.5 {
                    vec![(source.r_end(), start_o), (target.r, start_o)]
                } else {
                    vec![
                        (source.r_end(), start_o),
                        (bend, start_o),
                        (bend, end_o),
                        (target.r, end_o),
                    ]
                }
            } else if rs > rt {
                // A loop back: out of the far side into the gap after the
                // source's layer, along the loop room at the bottom of the
                // target's band, and up into the target's bottom side.
                let lane = band[edge.to];
                let (band_o, thickness) = geometry.bands[lane];
                let slot = loops_in_band[lane];
                loops_in_band[lane] += 1;
                let below =
                    (band_o + thickness - 12.0 - slot as f64 * LOOP_STEP).max(target.o_end() + 8.0);
                let start_o = port(&out_ports[edge.from], index, edge.from);
                let channel =
                    geometry.layers[rs].0 + geometry.layers[rs].1 + 12.0 + slot as f64 * 6.0;
                vec![
                    (source.r_end(), start_o),
                    (channel, start_o),
                    (channel, below),
                    (target.r_mid(), below),
                    (target.r_mid(), target.o_end()),
                ]
            } else if source.o < target.o {
                let r = (source.r_mid() + target.r_mid()) / 2.0;
                vec![(r, source.o_end()), (r, target.o)]
            } else {
                let r = (source.r_mid() + target.r_mid()) / 2.0;
                vec![(r, source.o), (r, target.o_end())]
            }
        })
        .collect()
}

//! Phase 4 — coordinate assignment and lane bands.
//!
//! Works in flow coordinates: `r` runs along the flow (the rank axis: x for
//! `direction right`, y for `direction down`) and `o` across it (the order
//! axis, along which lanes are stacked). `mod.rs` maps to x/y at the end.
//!
//! Algorithm: layers get consecutive slots along `r`, each as deep as its
//! deepest node, with a gap wide enough for the edge labels crossing it.
//! Along `o`, each band (lane) is as thick as its fullest layer; every
//! layer's nodes of a band are stacked in phase-3 order and centred in the
//! band, so a lane's main path runs straight. (Brandes–Köpf balancing is the
//! planned refinement.)
//!
//! Precondition: a valid layer order (phase 3's postcondition).
//! Postcondition: no two node boxes overlap; every node lies inside its
//! band, clear of the band's header.

/// A rectangle in flow coordinates.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub(crate) struct FlowRect {
    pub r: f64,
    pub o: f64,
    pub dr: f64,
    pub d_o: f64,
}

impl FlowRect {
    pub fn r_end(&self) -> f64 {
        self.r + self.dr
    }
    pub fn o_end(&self) -> f64 {
        self.o + self.d_o
    }
    pub fn r_mid(&self) -> f64 {
        self.r + self.dr / 2.0
    }
    pub fn o_mid(&self) -> f64 {
        self.o + self.d_o / 2.0
    }
}

/// Spacing, in user units.
pub(crate) const RANK_GAP: f64 = 56.0;
pub(crate) const NODE_GAP: f64 = 32.0;
pub(crate) const BAND_PAD: f64 = 24.0;

/// What phase 4 needs to know about the graph.
pub(crate) struct PositionInput<'a> {
    /// Node extents `(along r, along o)`.
    pub extents: &'a [(f64, f64)],
    pub band: &'a [usize],
    pub order: &'a [Vec<usize>],
    pub band_count: usize,
    /// Minimum thickness of each band (room for its header label).
    pub band_min: &'a [f64],
    /// Depth along `r` of the lane headers (0 without lanes).
    pub header_depth: f64,
    /// Extra gap needed after each layer (for edge labels).
    pub label_gap: &'a [f64],
    /// Room needed below the nodes of each band for loop-back routes.
    pub loop_room: &'a [f64],
}

/// Node boxes and bands in flow coordinates.
pub(crate) struct Geometry {
    pub nodes: Vec<FlowRect>,
    /// Each band's `(o start, thickness)`.
    pub bands: Vec<(f64, f64)>,
    /// Each layer's `(r start, depth)`.
    pub layers: Vec<(f64, f64)>,
    /// Extent of the whole drawing along `r` and `o`.
    pub r_extent: f64,
    pub o_extent: f64,
}

/// Places nodes and bands.
pub(crate) fn assign_coordinates(input: &PositionInput<'_>) -> Geometry {
    let layer_count = input.order.len();
    let mut layers = Vec::with_capacity(layer_count);
    let mut r = input.header_depth;
    for (layer, nodes) in input.order.iter().enumerate() {
        let depth = nodes
            .iter()
            .map(|&n| input.extents[n].0)
            .fold(0.0, f64::max);
        if layer > 0 {
            r += RANK_GAP.max(input.label_gap[layer - 1]);
        } else {
            r += RANK_GAP / 2.0;
        }
        layers.push((r, depth));
        r += depth;
    }
    let r_extent = r + RANK_GAP / 2.0;

    // Stack size of each (band, layer).
    let mut stack = vec![vec![0.0f64; layer_count]; input.band_count];
    for (layer, nodes) in input.order.iter().enumerate() {
        for &node in nodes {
            let cell = &mut stack[input.band[node]][layer];
            if *cell > 0.0 {
                *cell += NODE_GAP;
            }
            *cell += input.extents[node].1;
        }
    }
    let mut bands = Vec::with_capacity(input.band_count);
    let mut o = 0.0;
    for (band, cells) in stack.iter().enumerate() {
        let content = cells.iter().copied().fold(0.0, f64::max);
        let thickness =
            (content + 2.0 * BAND_PAD + input.loop_room[band]).max(input.band_min[band]);
        bands.push((o, thickness));
        o += thickness;
    }
    let o_extent = o;

    let mut nodes = vec![FlowRect::default(); input.extents.len()];
    for (layer, members) in input.order.iter().enumerate() {
        let (layer_r, layer_depth) = layers[layer];
        let mut cursor = vec![None::<f64>; input.band_count];
        for &node in members {
            let band = input.band[node];
            let (band_o, thickness) = bands[band];
            let usable = thickness - input.loop_room[band];
            let start = cursor[band].unwrap_or(band_o + (usable - stack[band][layer]) / 2.0);
            let (dr, d_o) = input.extents[node];
            nodes[node] = FlowRect {
                r: layer_r + (layer_depth - dr) / 2.0,
                o: start,
                dr,
                d_o,
            };
            cursor[band] = Some(start + d_o + NODE_GAP);
        }
    }
    Geometry {
        nodes,
        bands,
        layers,
        r_extent,
        o_extent,
    }
}

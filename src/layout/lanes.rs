//! Lanes as bands: which band each node belongs to.
//!
//! Bands are the flow's lanes in declaration order. When the flow has lanes,
//! nodes without one (typically stores, inputs/outputs and documents) get a
//! band of their own after the role lanes, so they never sit inside a
//! role's lane; a flow without lanes is one band without a header.
//!
//! Postcondition: `of_node[n] < count` for every node; nodes with a lane
//! are in that lane's band.

use crate::model::Flow;

/// The band plan of a flow.
pub(crate) struct BandPlan {
    /// The band of each node.
    pub of_node: Vec<usize>,
    /// How many bands there are.
    pub count: usize,
    /// Whether bands are drawn (the flow declares lanes).
    pub has_lanes: bool,
    /// The band of lane-less nodes, if there is one.
    pub laneless: Option<usize>,
}

/// Assigns every node to a band.
pub(crate) fn plan_bands(flow: &Flow) -> BandPlan {
    let has_lanes = !flow.lanes.is_empty();
    let laneless_band = flow.lanes.len();
    let of_node: Vec<usize> = flow
        .nodes
        .iter()
        .map(|node| match node.lane {
            Some(lane) => lane.index(),
            None if has_lanes => laneless_band,
            None => 0,
        })
        .collect();
    let laneless = (has_lanes && of_node.contains(&laneless_band)).then_some(laneless_band);
    let count = if has_lanes {
        flow.lanes.len() + usize::from(laneless.is_some())
    } else {
        1
    };
    BandPlan {
        of_node,
        count,
        has_lanes,
        laneless,
    }
}

//! Phase 5b — rows: a drawing far longer than its page is cut into rows,
//! stacked across the flow (below one another for `direction right`), each
//! with every lane again (Rüegg, von Hanxleden, "Wrapping Layered
//! Graphs", Kiel TR 1803, 2018; design note §4).
//!
//! Cuts fall at the end of a layer, where no edge turns, at the boundary
//! near each row's share of the length that the fewest edges cross. An
//! edge that crosses a cut leaves its row at the row's far end, runs along
//! a return track in the space between the rows and comes back in at the
//! near end of the next row, at the line it left: the tracks nest (the
//! topmost edge takes the outermost column on the far side and the
//! innermost on the near side), so returning edges never cross each
//! other, nodes or lanes. The number of rows is the one whose drawing
//! fits its page with the largest text, one row unless that gains at
//! least [`GAIN`]; a flow of fewer than [`MIN_NODES`] nodes is never cut.
//!
//! Works on routed flow coordinates. Postcondition: every route is still
//! orthogonal and joins its own nodes; every node keeps its place in its
//! band, within its row.

use super::routing::{CHANNEL, FlowPath, FlowRect, Routes};
use super::types::Page;

/// Rows must fit text this much larger than one row to be used.
const GAIN: f64 = 1.15;
/// A flow with fewer nodes is never cut: it reads better whole.
const MIN_NODES: usize = 30;
/// Space between a row and the return tracks around it.
const ROW_MARGIN: f64 = 24.0;
/// Most rows a drawing is cut into.
const MAX_ROWS: usize = 12;

/// Rows to cut a drawing into.
pub(crate) struct Cuts {
    /// Where each cut falls along `r` (a layer's end).
    pub at: Vec<f64>,
}

/// How a page fits a drawing body of `r_length` × `o_extent` (flow
/// coordinates) with `chrome` along each axis besides the body.
pub(crate) struct Frame {
    /// Drawn with `r` as x (direction right) or as y.
    pub r_is_x: bool,
    /// Room taken besides the body along x and y (margins, title, headers).
    pub chrome: (f64, f64),
}

/// The cuts that fit the page best (none when one row does).
pub(crate) fn choose(
    routes: &Routes,
    o_extent: f64,
    r_start: f64,
    page: Page,
    frame: &Frame,
) -> Cuts {
    let none = Cuts { at: Vec::new() };
    if page == Page::None || routes.nodes.len() < MIN_NODES || routes.layer_ends.len() < 4 {
        return none;
    }
    let length = routes.r_extent - r_start;
    let size = |r_len: f64, o_len: f64| {
        let (body_w, body_h) = if frame.r_is_x {
            (r_start + r_len, o_len)
        } else {
            (o_len, r_start + r_len)
        };
        (body_w + frame.chrome.0, body_h + frame.chrome.1)
    };
    let (w, h) = size(length, o_extent);
    let one = page.text_points(w, h);
    let crossings = cut_crossings(routes);
    let mut best: (f64, Cuts) = (one * GAIN, none);
    for rows in 2..=MAX_ROWS.min(routes.layer_ends.len() / 2) {
        let cuts = place_cuts(routes, r_start, rows, &crossings);
        if cuts.len() + 1 != rows {
            continue;
        }
        // The longest row with its gutters, rows stacked with their tracks.
        let mut starts = vec![r_start];
        starts.extend(cuts.iter().map(|&(at, _)| at));
        let mut ends: Vec<f64> = cuts.iter().map(|&(at, _)| at).collect();
        ends.push(routes.r_extent);
        let longest = starts
            .iter()
            .zip(&ends)
            .enumerate()
            .map(|(row, (&from, &to))| {
                let left = if row == 0 { 0 } else { cuts[row - 1].1 };
                let right = cuts.get(row).map_or(0, |c| c.1);
                to - from + gutter(left) + gutter(right)
            })
            .fold(0.0, f64::max);
        let tracks: f64 = cuts.iter().map(|&(_, m)| track_room(m)).sum();
        let (w, h) = size(longest, rows as f64 * o_extent + tracks);
        let points = page.text_points(w, h);
        if points > best.0 {
            best = (
                points,
                Cuts {
                    at: cuts.iter().map(|&(at, _)| at).collect(),
                },
            );
        }
        if w < h {
            break;
        }
    }
    best.1
}

/// Room along the flow for `m` return columns at a row's end.
fn gutter(m: usize) -> f64 {
    if m == 0 {
        0.0
    } else {
        (m as f64 + 1.0) * CHANNEL
    }
}

/// Room across the flow between two rows for `m` return tracks.
fn track_room(m: usize) -> f64 {
    2.0 * ROW_MARGIN + (m as f64 + 1.0) * CHANNEL
}

/// For every layer end: how many routes cross it.
fn cut_crossings(routes: &Routes) -> Vec<usize> {
    let ends = &routes.layer_ends;
    let mut delta = vec![0i64; ends.len() + 1];
    for path in &routes.paths {
        for pair in path.windows(2) {
            let (a, b) = (pair[0].0.min(pair[1].0), pair[0].0.max(pair[1].0));
            if a == b {
                continue;
            }
            // Layer ends strictly inside (a, b).
            let first = ends.partition_point(|&e| e <= a);
            let last = ends.partition_point(|&e| e < b);
            if first < last {
                delta[first] += 1;
                delta[last] -= 1;
            }
        }
    }
    let mut running = 0;
    delta[..ends.len()]
        .iter()
        .map(|d| {
            running += d;
            running.max(0) as usize
        })
        .collect()
}

/// `rows - 1` cuts: near each row's share of the length, the layer end the
/// fewest routes cross (the nearer on a tie), never the last layer's.
fn place_cuts(
    routes: &Routes,
    r_start: f64,
    rows: usize,
    crossings: &[usize],
) -> Vec<(f64, usize)> {
    let ends = &routes.layer_ends;
    let length = routes.r_extent - r_start;
    let share = length / rows as f64;
    let mut cuts: Vec<(f64, usize)> = Vec::new();
    let mut after = 0;
    for row in 1..rows {
        let target = r_start + share * row as f64;
        let window = share * 0.2;
        let candidates = (after..ends.len() - 1).filter(|&i| (ends[i] - target).abs() <= window);
        let pick = candidates.min_by(|&a, &b| {
            crossings[a].cmp(&crossings[b]).then(
                (ends[a] - target)
                    .abs()
                    .total_cmp(&(ends[b] - target).abs()),
            )
        });
        let Some(i) = pick.or_else(|| {
            (after..ends.len() - 1).min_by(|&a, &b| {
                (ends[a] - target)
                    .abs()
                    .total_cmp(&(ends[b] - target).abs())
            })
        }) else {
            break;
        };
        cuts.push((ends[i], crossings[i]));
        after = i + 1;
    }
    cuts
}

/// The routes cut into rows. `bands` are `(start, thickness)` across the
/// flow; the result's bands are those of every row, row by row.
pub(crate) fn wrap(
    routes: &Routes,
    bands: &[(f64, f64)],
    r_start: f64,
    cuts: &Cuts,
) -> (Routes, Vec<(f64, f64)>) {
    let o_extent = bands.last().map_or(0.0, |&(o, t)| o + t);
    let rows = cuts.at.len() + 1;
    let row_of = |r: f64| cuts.at.partition_point(|&c| c < r);
    // The routes crossing each cut, by the line they cross it on.
    // A point on a cut belongs to the row before it.
    let mut crossing: Vec<Vec<f64>> = vec![Vec::new(); cuts.at.len()];
    for path in &routes.paths {
        for pair in path.windows(2) {
            let (a, b) = (row_of(pair[0].0), row_of(pair[1].0));
            for lines in &mut crossing[a.min(b)..a.max(b)] {
                lines.push(pair[0].1);
            }
        }
    }
    for lines in &mut crossing {
        lines.sort_by(f64::total_cmp);
    }
    let count = |i: Option<usize>| i.map_or(0, |i: usize| crossing[i].len());
    // Each row: where its content starts along r, and its shifts.
    let starts: Vec<f64> = std::iter::once(r_start)
        .chain(cuts.at.iter().copied())
        .collect();
    let shift_r: Vec<f64> = (0..rows)
        .map(|row| {
            let left = gutter(count(row.checked_sub(1)));
            r_start + left - starts[row]
        })
        .collect();
    let mut shift_o = vec![0.0; rows];
    for row in 1..rows {
        shift_o[row] = shift_o[row - 1] + o_extent + track_room(count(Some(row - 1)));
    }
    let ends: Vec<f64> = cuts
        .at
        .iter()
        .copied()
        .chain(std::iter::once(routes.r_extent))
        .collect();
    let r_extent = (0..rows)
        .map(|row| ends[row] + shift_r[row] + gutter(count((row < rows - 1).then_some(row))))
        .fold(0.0, f64::max);
    let place = |r: f64, o: f64| {
        let row = row_of(r);
        (r + shift_r[row], o + shift_o[row])
    };
    // Where the route crossing cut `i` on line `o` returns: its column on
    // the far side, its track between the rows, its column on the near
    // side of the next row.
    let return_path = |i: usize, o: f64| -> [(f64, f64); 4] {
        let lines = &crossing[i];
        let m = lines.len();
        let index = lines.iter().position(|&line| line == o).unwrap_or(0);
        let outer = (m - index) as f64 * CHANNEL;
        let far_column = cuts.at[i] + shift_r[i] + outer;
        let track = shift_o[i] + o_extent + ROW_MARGIN + (m - index) as f64 * CHANNEL;
        let near_column = r_start + (index + 1) as f64 * CHANNEL;
        [
            (far_column, o + shift_o[i]),
            (far_column, track),
            (near_column, track),
            (near_column, o + shift_o[i + 1]),
        ]
    };
    let paths: Vec<FlowPath> = routes
        .paths
        .iter()
        .map(|path| {
            let mut out: FlowPath = Vec::with_capacity(path.len());
            for (k, &(r, o)) in path.iter().enumerate() {
                if k > 0 {
                    let (pr, po) = path[k - 1];
                    let (a, b) = (row_of(pr), row_of(r));
                    let forward = b > a;
                    let mut crossed: Vec<usize> = (a.min(b)..a.max(b)).collect();
                    if !forward {
                        crossed.reverse();
                    }
                    for i in crossed {
                        let turn = return_path(i, po);
                        if forward {
                            out.extend(turn);
                        } else {
                            out.extend(turn.iter().rev());
                        }
                    }
                }
                out.push(place(r, o));
            }
            out
        })
        .collect();
    let nodes: Vec<FlowRect> = routes
        .nodes
        .iter()
        .map(|node| {
            let row = row_of(node.r_mid());
            FlowRect {
                r: node.r + shift_r[row],
                o: node.o + shift_o[row],
                ..*node
            }
        })
        .collect();
    let labels = routes
        .labels
        .iter()
        .map(|label| label.map(|(r, o)| place(r, o)))
        .collect();
    let row_bands = (0..rows)
        .flat_map(|row| {
            bands
                .iter()
                .map(|&(o, t)| (o + shift_o[row], t))
                .collect::<Vec<_>>()
        })
        .collect();
    (
        Routes {
            nodes,
            paths,
            labels,
            r_extent,
            layer_ends: Vec::new(),
            phase_spans: Vec::new(),
        },
        row_bands,
    )
}

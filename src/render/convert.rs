//! SVG → PNG, PDF and text-as-paths SVG, all through one usvg tree.
//!
//! usvg parses the SVG crmflow wrote into a render tree, shaping its text
//! with the [`Fonts`] database only (the bundled font unless `--font` named
//! another; never a system font). resvg rasterises that tree for PNG,
//! svg2pdf writes it as PDF with the font subset embedded and the text kept
//! as real, searchable text, and usvg's own writer turns text into paths for
//! `--embed-font`. usvg, resvg and svg2pdf are pinned to the versions that
//! share one tree type (usvg 0.45).
//!
//! These steps can fail only on limits (a PNG too large to allocate,
//! refused before any work), which come back as messages; the SVG itself is
//! always valid. A PDF larger than a viewer's largest page is scaled to it.

use super::fonts::Fonts;

/// The largest PNG side we allocate, in pixels.
const MAX_PNG_SIDE: u32 = 32_000;
/// The largest PDF page side viewers open (Acrobat: 200 in = 14,400 pt); a
/// larger drawing is scaled down to fit it, text kept as text.
const MAX_PDF_SIDE_PT: f32 = 14_400.0;

/// The `width` and `height` of an SVG's root element, read without parsing
/// the document (for a size check before any expensive work).
fn root_size(svg: &str) -> Option<(f32, f32)> {
    let start = svg.find("<svg")?;
    let tag = &svg[start..start + svg[start..].find('>')?];
    let attribute = |name: &str| -> Option<f32> {
        let at = tag.find(&format!(" {name}=\""))? + name.len() + 3;
        tag[at..at + tag[at..].find('"')?].parse().ok()
    };
    Some((attribute("width")?, attribute("height")?))
}

fn tree(svg: &str, fonts: &Fonts) -> Result<usvg::Tree, String> {
    let options = usvg::Options {
        fontdb: fonts.database(),
        font_family: fonts.family().to_owned(),
        ..usvg::Options::default()
    };
    usvg::Tree::from_str(svg, &options).map_err(|e| format!("cannot read the SVG: {e}"))
}

/// Rasterises `svg` at `scale` (2 = two device pixels per SVG unit) into PNG
/// bytes.
pub fn png(svg: &str, fonts: &Fonts, scale: f32) -> Result<Vec<u8>, String> {
    if !(scale.is_finite() && scale > 0.0) {
        return Err(format!(
            "invalid PNG scale {scale}: it must be a positive number"
        ));
    }
    let max_pixels = crate::limits::current().png_pixels;
    let check = |width: f32, height: f32| {
        let (width, height) = ((width * scale).ceil(), (height * scale).ceil());
        if width > MAX_PNG_SIDE as f32
            || height > MAX_PNG_SIDE as f32
            || (width as u64).saturating_mul(height as u64) > max_pixels
        {
            return Err(format!(
                "the drawing is {width:.0} × {height:.0} px at scale {scale}, too large for a PNG \
                 (at most {MAX_PNG_SIDE} px a side and {max_pixels} pixels, the `png-pixels` limit); \
                 use a smaller --scale, or SVG or PDF"
            ));
        }
        Ok(((width as u32).max(1), (height as u32).max(1)))
    };
    // Refused before the document is parsed and its text shaped.
    if let Some((width, height)) = root_size(svg) {
        check(width, height)?;
    }
    let tree = tree(svg, fonts)?;
    let (width, height) = check(tree.size().width(), tree.size().height())?;
    encode_png_in_strips(&tree, width, height, scale)
}

/// Rows per strip: each thread renders one strip at a time into its own
/// small pixmap, so rendering runs on every core and stays in cache.
const STRIP_ROWS: u32 = 128;

/// Renders the image in horizontal strips, a batch of strips in parallel
/// while the previous batch is filtered and deflated, and streams the rows
/// into the PNG (RGB when the drawing has an opaque background, else
/// straight RGBA) with fdeflate, the fast deflate the `png` crate itself
/// uses for its fast level: on diagrams (large flat areas) it compresses
/// nearly as well as the default level at a fraction of the time. No buffer
/// holds the whole image (at 11 M pixels one did: a third of the time went
/// to faulting in and freeing its pages). The strips and the filter are
/// fixed, so the bytes are the same on every run and machine.
fn encode_png_in_strips(
    tree: &usvg::Tree,
    width: u32,
    height: u32,
    scale: f32,
) -> Result<Vec<u8>, String> {
    use rayon::prelude::*;
    let fail = |e: png::EncodingError| format!("cannot encode PNG: {e}");
    let io_fail = |e: std::io::Error| format!("cannot encode PNG: {e}");
    let background = opaque_background(tree);
    let opaque = background.is_some();
    let channels = if opaque { 3 } else { 4 };
    let strips = height.div_ceil(STRIP_ROWS) as usize;
    let batch = rayon::current_num_threads().clamp(1, 8).min(strips);
    let new_batch = || -> Result<Vec<resvg::tiny_skia::Pixmap>, String> {
        (0..batch)
            .map(|_| {
                let mut pixmap = resvg::tiny_skia::Pixmap::new(width, STRIP_ROWS)
                    .ok_or_else(|| format!("cannot allocate a {width} × {STRIP_ROWS} px strip"))?;
                if let Some(color) = background {
                    pixmap.fill(color);
                }
                Ok(pixmap)
            })
            .collect()
    };
    let render_batch = |pixmaps: &mut [resvg::tiny_skia::Pixmap], first: usize| {
        let count = pixmaps.len().min(strips.saturating_sub(first));
        pixmaps[..count]
            .par_iter_mut()
            .enumerate()
            .for_each(|(offset, pixmap)| {
                let top = ((first + offset) as u32) * STRIP_ROWS;
                render_strip(tree, pixmap, top, scale, opaque)
            });
    };

    let mut bytes = Vec::new();
    let mut encoder = png::Encoder::new(&mut bytes, width, height);
    encoder.set_color(if channels == 3 {
        png::ColorType::Rgb
    } else {
        png::ColorType::Rgba
    });
    encoder.set_depth(png::BitDepth::Eight);
    let mut writer = encoder.write_header().map_err(fail)?;
    let mut rows = RowEncoder::new(width as usize, channels).map_err(io_fail)?;

    let (mut ready, mut next) = (new_batch()?, new_batch()?);
    render_batch(&mut ready, 0);
    let mut first = 0;
    let mut rows_left = height as usize;
    while first < strips {
        let count = batch.min(strips - first);
        let (encoded, ()) = rayon::join(
            || -> std::io::Result<()> {
                for pixmap in &ready[..count] {
                    let take = rows_left.min(STRIP_ROWS as usize);
                    rows_left -= take;
                    rows.write_strip(pixmap, take)?;
                }
                Ok(())
            },
            || render_batch(&mut next, first + batch),
        );
        encoded.map_err(io_fail)?;
        std::mem::swap(&mut ready, &mut next);
        first += batch;
    }
    writer
        .write_chunk(png::chunk::IDAT, &rows.finish().map_err(io_fail)?)
        .map_err(fail)?;
    writer.finish().map_err(fail)?;
    Ok(bytes)
}

/// Turns a strip's premultiplied RGBA rows into PNG scanlines (RGB, or
/// straight RGBA), each with PNG's Sub filter (a byte minus the same byte of
/// the pixel to its left: flat areas become zeros), and deflates them.
struct RowEncoder {
    channels: usize,
    row: Vec<u8>,
    scanline: Vec<u8>,
    compressor: fdeflate::Compressor<Vec<u8>>,
}

impl RowEncoder {
    fn new(width: usize, channels: usize) -> std::io::Result<Self> {
        Ok(RowEncoder {
            channels,
            row: vec![0; width * channels],
            scanline: vec![0; width * channels + 1],
            compressor: fdeflate::Compressor::new(Vec::new())?,
        })
    }

    fn write_strip(
        &mut self,
        pixmap: &resvg::tiny_skia::Pixmap,
        rows: usize,
    ) -> std::io::Result<()> {
        let source_row = pixmap.width() as usize * 4;
        for source in pixmap.data().chunks_exact(source_row).take(rows) {
            straight_pixels(source, &mut self.row, self.channels);
            self.scanline[0] = 1; // the Sub filter
            let (filtered, row, bpp) = (&mut self.scanline[1..], &self.row, self.channels);
            filtered[..bpp].copy_from_slice(&row[..bpp]);
            // Zipped, not indexed: no bounds checks, so it vectorises.
            for (out, (byte, left)) in filtered[bpp..].iter_mut().zip(row[bpp..].iter().zip(row)) {
                *out = byte.wrapping_sub(*left);
            }
            self.compressor.write_data(&self.scanline)?;
        }
        Ok(())
    }

    fn finish(self) -> std::io::Result<Vec<u8>> {
        self.compressor.finish()
    }
}

/// Renders the rows from `top` into `pixmap`. Over an opaque background the
/// pixmap is not cleared: the background paints every pixel again (a pixel
/// it covers only in part at the canvas's edge blends it over itself, so
/// it stays solid).
fn render_strip(
    tree: &usvg::Tree,
    pixmap: &mut resvg::tiny_skia::Pixmap,
    top: u32,
    scale: f32,
    opaque: bool,
) {
    if !opaque {
        pixmap.fill(resvg::tiny_skia::Color::TRANSPARENT);
    }
    let transform =
        resvg::tiny_skia::Transform::from_scale(scale, scale).post_translate(0.0, -(top as f32));
    resvg::render(tree, transform, &mut pixmap.as_mut());
}

/// One row of premultiplied RGBA as RGB (3 channels) or straight RGBA (4).
fn straight_pixels(source: &[u8], out: &mut [u8], channels: usize) {
    if channels == 3 {
        // Four pixels at a time: fixed-size copies the compiler turns into
        // shuffles (a pixel-by-pixel loop is a tenth of the PNG time).
        let mut to = out.chunks_exact_mut(12);
        let mut from = source.chunks_exact(16);
        for (to, from) in (&mut to).zip(&mut from) {
            to[0..3].copy_from_slice(&from[0..3]);
            to[3..6].copy_from_slice(&from[4..7]);
            to[6..9].copy_from_slice(&from[8..11]);
            to[9..12].copy_from_slice(&from[12..15]);
        }
        let (to, from) = (to.into_remainder(), from.remainder());
        for (to, from) in to.chunks_exact_mut(3).zip(from.chunks_exact(4)) {
            to.copy_from_slice(&from[..3]);
        }
        return;
    }
    out.copy_from_slice(source);
    for pixel in out.chunks_exact_mut(4) {
        let alpha = pixel[3];
        if alpha != 0 && alpha != 255 {
            for channel in &mut pixel[..3] {
                *channel =
                    ((u16::from(*channel) * 255 + u16::from(alpha) / 2) / u16::from(alpha)) as u8;
            }
        }
    }
}

/// The colour of the opaque rectangle the drawing starts with, when it
/// covers the whole canvas (crmflow's themes all paint one): then every
/// pixel is opaque and the PNG can be RGB, a quarter less to filter and
/// deflate.
fn opaque_background(tree: &usvg::Tree) -> Option<resvg::tiny_skia::Color> {
    let Some(usvg::Node::Path(path)) = tree.root().children().first() else {
        return None;
    };
    let bounds = path.data().bounds();
    let size = tree.size();
    let color = match path.fill().map(|fill| (fill.paint(), fill.opacity().get())) {
        Some((usvg::Paint::Color(color), opacity)) if opacity >= 1.0 => color,
        _ => return None,
    };
    let covers = path.is_visible()
        && path.abs_transform().is_identity()
        && bounds.left() <= 0.0
        && bounds.top() <= 0.0
        && bounds.right() >= size.width()
        && bounds.bottom() >= size.height()
        && tree.root().opacity().get() >= 1.0;
    covers.then(|| resvg::tiny_skia::Color::from_rgba8(color.red, color.green, color.blue, 255))
}

/// Converts `svg` into a one-page PDF of the same physical size: SVG units
/// are CSS pixels (96 per inch), so 1 unit = 0.75 pt.
pub fn pdf(svg: &str, fonts: &Fonts) -> Result<Vec<u8>, String> {
    let tree = tree(svg, fonts)?;
    // 96 units per inch, unless that makes a page larger than viewers open.
    let side = tree.size().width().max(tree.size().height());
    let page = svg2pdf::PageOptions {
        dpi: (side * 72.0 / MAX_PDF_SIDE_PT).max(96.0),
    };
    // Content streams are compressed below, at deflate's fast level:
    // svg2pdf's level 6 was a sixth of the PDF's time for a few per cent
    // of its size.
    let options = svg2pdf::ConversionOptions {
        compress: false,
        ..svg2pdf::ConversionOptions::default()
    };
    let bytes =
        svg2pdf::to_pdf(&tree, options, page).map_err(|e| format!("cannot write PDF: {e}"))?;
    canonical_pdf(&bytes)
}

/// Converts each of `svgs` into a page of one PDF, each page the physical
/// size of its drawing (as [`pdf`]: 1 unit = 0.75 pt, scaled down to the
/// largest page viewers open).
pub fn pdf_pages(svgs: &[&str], fonts: &Fonts) -> Result<Vec<u8>, String> {
    use pdf_writer::{Content, Finish, Name, Pdf, Rect, Ref};
    use std::collections::HashMap;
    let fail = |e: svg2pdf::ConversionError| format!("cannot write PDF: {e}");
    let mut next = 0;
    let mut alloc = || {
        next += 1;
        Ref::new(next)
    };
    let (catalog, page_tree) = (alloc(), alloc());
    let mut pdf = Pdf::new();
    let mut kids = Vec::with_capacity(svgs.len());
    for svg in svgs {
        let tree = tree(svg, fonts)?;
        let options = svg2pdf::ConversionOptions {
            compress: false,
            ..svg2pdf::ConversionOptions::default()
        };
        let (chunk, drawing) = svg2pdf::to_chunk(&tree, options).map_err(fail)?;
        let mut map = HashMap::new();
        let chunk = chunk.renumber(|old| *map.entry(old).or_insert_with(&mut alloc));
        let drawing = map[&drawing];
        let (page, content) = (alloc(), alloc());
        let (width, height) = (tree.size().width(), tree.size().height());
        let scale = (0.75f32).min(MAX_PDF_SIDE_PT / width.max(height).max(1.0));
        let (width, height) = (width * scale, height * scale);
        let mut writer = pdf.page(page);
        writer
            .media_box(Rect::new(0.0, 0.0, width, height))
            .parent(page_tree)
            .contents(content);
        writer.resources().x_objects().pair(Name(b"D"), drawing);
        writer.finish();
        let mut stream = Content::new();
        stream
            .transform([width, 0.0, 0.0, height, 0.0, 0.0])
            .x_object(Name(b"D"));
        pdf.stream(content, &stream.finish());
        pdf.extend(&chunk);
        kids.push(page);
    }
    pdf.catalog(catalog).pages(page_tree);
    pdf.pages(page_tree)
        .kids(kids.iter().copied())
        .count(kids.len() as i32);
    canonical_pdf(&pdf.finish())
}

/// The same PDF with objects numbered in the order a depth-first walk from
/// the trailer meets them, every dictionary's keys sorted and every
/// uncompressed stream deflated (fast level). svg2pdf
/// writes fonts and resource dictionaries in hash-map order, which differs
/// from run to run; this makes the bytes depend on the content only.
fn canonical_pdf(bytes: &[u8]) -> Result<Vec<u8>, String> {
    use lopdf::{Dictionary, Document, Object, ObjectId};
    use std::collections::BTreeMap;

    fn sorted(dict: &Dictionary) -> Vec<(Vec<u8>, Object)> {
        let mut entries: Vec<(Vec<u8>, Object)> =
            dict.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
        entries.sort_by(|a, b| a.0.cmp(&b.0));
        entries
    }
    /// Collects references in walk order.
    fn walk(
        object: &Object,
        doc: &Document,
        order: &mut Vec<ObjectId>,
        seen: &mut BTreeMap<ObjectId, u32>,
    ) {
        match object {
            Object::Reference(id) => {
                if seen.contains_key(id) {
                    return;
                }
                seen.insert(*id, order.len() as u32 + 1);
                order.push(*id);
                if let Ok(target) = doc.get_object(*id) {
                    walk(target, doc, order, seen);
                }
            }
            Object::Array(items) => items.iter().for_each(|item| walk(item, doc, order, seen)),
            Object::Dictionary(dict) => {
                for (_, value) in sorted(dict) {
                    walk(&value, doc, order, seen);
                }
            }
            Object::Stream(stream) => {
                for (_, value) in sorted(&stream.dict) {
                    walk(&value, doc, order, seen);
                }
            }
            _ => {}
        }
    }
    /// Renumbers references and sorts dictionaries.
    fn rewrite(object: &Object, seen: &BTreeMap<ObjectId, u32>) -> Object {
        let dict = |d: &Dictionary| {
            let mut out = Dictionary::new();
            for (key, value) in sorted(d) {
                out.set(key, rewrite(&value, seen));
            }
            out
        };
        match object {
            Object::Reference(id) => Object::Reference((seen.get(id).copied().unwrap_or(0), 0)),
            Object::Array(items) => Object::Array(items.iter().map(|i| rewrite(i, seen)).collect()),
            Object::Dictionary(d) => Object::Dictionary(dict(d)),
            Object::Stream(stream) => {
                let mut copy = stream.clone();
                copy.dict = dict(&stream.dict);
                if copy.dict.get(b"Filter").is_err()
                    && let Some(compressed) = deflate_fast(&copy.content)
                    && compressed.len() < copy.content.len()
                {
                    copy.dict.set("Filter", "FlateDecode");
                    copy.set_content(compressed);
                }
                Object::Stream(copy)
            }
            other => other.clone(),
        }
    }

    let error = |e: lopdf::Error| format!("cannot write PDF: {e}");
    let doc = Document::load_mem(bytes).map_err(error)?;
    let mut order = Vec::new();
    let mut seen = BTreeMap::new();
    walk(
        &Object::Dictionary(doc.trailer.clone()),
        &doc,
        &mut order,
        &mut seen,
    );
    let mut out = Document::with_version(doc.version.clone());
    for (index, id) in order.iter().enumerate() {
        if let Ok(object) = doc.get_object(*id) {
            out.objects
                .insert((index as u32 + 1, 0), rewrite(object, &seen));
        }
    }
    out.max_id = order.len() as u32;
    if let Object::Dictionary(trailer) = rewrite(&Object::Dictionary(doc.trailer.clone()), &seen) {
        out.trailer = trailer;
    }
    out.trailer.remove(b"Size");
    let mut written = Vec::new();
    out.save_to(&mut written)
        .map_err(|e| format!("cannot write PDF: {e}"))?;
    Ok(written)
}

/// `bytes` as a zlib stream at deflate's fastest level.
fn deflate_fast(bytes: &[u8]) -> Option<Vec<u8>> {
    use std::io::Write;
    let mut encoder = flate2::write::ZlibEncoder::new(
        Vec::with_capacity(bytes.len() / 4),
        flate2::Compression::fast(),
    );
    encoder.write_all(bytes).ok()?;
    encoder.finish().ok()
}

/// `svg` with every text turned into outlines, so it looks the same in any
/// viewer without the font (`--embed-font`). Links and titles are dropped by
/// usvg's normalisation; the picture is identical.
pub fn outlined_svg(svg: &str, fonts: &Fonts) -> Result<String, String> {
    let tree = tree(svg, fonts)?;
    let options = usvg::WriteOptions {
        preserve_text: false,
        coordinates_precision: 3,
        transforms_precision: 5,
        ..usvg::WriteOptions::default()
    };
    Ok(tree.to_string(&options))
}

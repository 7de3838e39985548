//! PNG, PDF, outlined SVG and themes as users get them: images that decode
//! at the expected size with something drawn in every node, PDFs that keep
//! text as text, byte-identical output on every run, and warnings for
//! characters the bundled font cannot draw.

use crate::util::{assert_valid_svg, root, run};
use crmflow::render::{Fonts, Theme, outlined_svg, pdf, png};
use crmflow::{Options, SourceFile, compile};

fn compiled(name: &str, theme: Theme) -> crmflow::Compiled {
    let path = root().join("examples").join(name);
    let text = std::fs::read_to_string(&path).unwrap();
    let options = Options {
        theme,
        ..Options::default()
    };
    compile(&SourceFile::new(name, text), &options).unwrap()
}

fn decode(bytes: &[u8]) -> (u32, u32, Vec<u8>) {
    let mut decoder = png::Decoder::new(std::io::Cursor::new(bytes));
    // crmflow's drawings have an opaque background, so they are RGB PNGs;
    // decode them as RGBA for uniform pixel access.
    decoder.set_transformations(png::Transformations::ALPHA);
    let mut reader = decoder.read_info().unwrap();
    assert_eq!(reader.info().color_type, png::ColorType::Rgb);
    let mut buffer = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buffer).unwrap();
    buffer.truncate(info.buffer_size());
    (info.width, info.height, buffer)
}

#[test]
fn png_has_the_expected_size_and_ink_inside_every_node() {
    for name in [
        "customer-lifecycle.crmflow",
        "service-desk.crmflow",
        "lead-to-contract.crmflow",
    ] {
        let compiled = compiled(name, Theme::default());
        let scale = 2.0;
        let bytes = png(&compiled.svg, Fonts::bundled(), scale).unwrap();
        let (width, height, pixels) = decode(&bytes);
        assert_eq!(width, (compiled.layout.width * 2.0).ceil() as u32, "{name}");
        assert_eq!(
            height,
            (compiled.layout.height * 2.0).ceil() as u32,
            "{name}"
        );
        let pixel = |x: u32, y: u32| {
            let i = ((y * width + x) * 4) as usize;
            [pixels[i], pixels[i + 1], pixels[i + 2], pixels[i + 3]]
        };
        for node in &compiled.layout.nodes {
            // The middle third of the box holds the label: some pixels there
            // must be dark (text), not only the fill.
            let r = &node.rect;
            let (x0, x1) = (
                ((r.x + r.width / 3.0) * 2.0) as u32,
                ((r.right() - r.width / 3.0) * 2.0) as u32,
            );
            let (y0, y1) = (
                ((r.y + r.height / 4.0) * 2.0) as u32,
                ((r.bottom() - r.height / 4.0) * 2.0) as u32,
            );
            let dark = (y0..y1)
                .flat_map(|y| (x0..x1).map(move |x| (x, y)))
                .filter(|&(x, y)| {
                    let [r, g, b, a] = pixel(x, y);
                    a == 255 && u32::from(r) + u32::from(g) + u32::from(b) < 3 * 110
                })
                .count();
            assert!(
                dark > 20,
                "{name}: no text drawn in node {} ({dark} dark pixels)",
                node.id
            );
        }
        assert!(
            bytes == png(&compiled.svg, Fonts::bundled(), scale).unwrap(),
            "{name}: PNG not byte-stable"
        );
    }
}

#[test]
fn png_refuses_absurd_sizes_with_a_message() {
    let compiled = compiled("diagnosis.crmflow", Theme::default());
    let error = png(&compiled.svg, Fonts::bundled(), 1000.0).unwrap_err();
    assert!(error.contains("too large for a PNG"), "{error}");
    assert!(png(&compiled.svg, Fonts::bundled(), 0.0).is_err());
}

#[test]
fn pdf_keeps_text_as_text_with_the_font_embedded_and_is_byte_stable() {
    let compiled = compiled("customer-lifecycle.crmflow", Theme::default());
    let bytes = pdf(&compiled.svg, Fonts::bundled()).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    let text = String::from_utf8_lossy(&bytes);
    assert!(text.contains("/FontFile"), "font embedded");
    assert!(text.contains("CrmFlowSansSC"), "the bundled font by name");
    assert!(text.contains("/ToUnicode"), "text is searchable");
    // svg2pdf writes in hash-map order; crmflow renumbers canonically.
    for _ in 0..3 {
        assert!(
            bytes == pdf(&compiled.svg, Fonts::bundled()).unwrap(),
            "PDF not byte-stable"
        );
    }
}

#[test]
fn embed_font_turns_every_text_into_outlines() {
    let compiled = compiled("service-desk.crmflow", Theme::default());
    let outlined = outlined_svg(&compiled.svg, Fonts::bundled()).unwrap();
    assert!(compiled.svg.contains("<text"));
    assert!(!outlined.contains("<text"));
    assert!(outlined.matches("<path").count() > compiled.svg.matches("<path").count());
    assert_valid_svg(&outlined);
}

#[test]
fn every_theme_renders_and_differs() {
    let mut svgs = Vec::new();
    for name in crmflow::render::THEME_NAMES {
        let svg = compiled("service-desk.crmflow", Theme::named(name).unwrap()).svg;
        assert_valid_svg(&svg);
        svgs.push(svg);
    }
    assert!(svgs[2].contains("#0f172a"), "dark background");
    assert!(!svgs[1].contains("#1f6fb4"), "print drops module hues");
    assert_ne!(svgs[0], svgs[1]);
}

#[test]
fn cli_writes_png_and_pdf_by_extension_and_theme_flag() {
    let dir = tempfile::tempdir().unwrap();
    let example = root()
        .join("examples/lead-to-contract.crmflow")
        .display()
        .to_string();
    for (out, magic) in [("a.png", &b"\x89PNG"[..]), ("a.pdf", b"%PDF-")] {
        let result = run(
            dir.path(),
            &["render", &example, "-o", out, "--theme", "print"],
            b"",
        );
        assert_eq!(
            result.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&result.stderr)
        );
        assert!(
            std::fs::read(dir.path().join(out))
                .unwrap()
                .starts_with(magic)
        );
    }
    let bad = run(
        dir.path(),
        &["render", &example, "-o", "a.pdf", "--embed-font"],
        b"",
    );
    assert_eq!(bad.status.code(), Some(3));
    let bad = run(
        dir.path(),
        &["render", &example, "-o", "b.png", "--scale", "5000"],
        b"",
    );
    assert_eq!(bad.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("too large"));
    assert!(
        !dir.path().join("b.png").exists(),
        "nothing written on failure"
    );
}

#[test]
fn characters_the_font_lacks_are_warned_about_at_their_node() {
    let dir = tempfile::tempdir().unwrap();
    let text = "start a \"来电\"\nstep b \"核对𠀋号\"\nend c \"完成\"\na -> b -> c\n";
    let out = run(
        dir.path(),
        &["render", "-", "-o", "x.svg", "--color", "never"],
        text.as_bytes(),
    );
    assert_eq!(out.status.code(), Some(0));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("W300"), "{stderr}");
    assert!(stderr.contains("U+2000B"), "{stderr}");
    assert!(stderr.contains(":2:1"), "the node's line: {stderr}");
}

#[test]
fn png_of_a_transparent_svg_keeps_its_alpha() {
    let svg = r##"<svg xmlns="http://www.w3.org/2000/svg" width="300" height="200" viewBox="0 0 300 200"><rect x="10" y="10" width="100" height="50" fill="#ff0000" fill-opacity="0.5"/></svg>"##;
    let bytes = png(svg, Fonts::bundled(), 1.0).unwrap();
    let decoder = png::Decoder::new(std::io::Cursor::new(&bytes[..]));
    let mut reader = decoder.read_info().unwrap();
    assert_eq!(reader.info().color_type, png::ColorType::Rgba);
    let mut buffer = vec![0; reader.output_buffer_size()];
    reader.next_frame(&mut buffer).unwrap();
    let pixel = |x: usize, y: usize| &buffer[(y * 300 + x) * 4..(y * 300 + x) * 4 + 4];
    assert_eq!(pixel(0, 0), [0, 0, 0, 0], "outside the rect: transparent");
    // inside: straight (not premultiplied) red at half opacity
    let inside = pixel(50, 30);
    assert!(
        inside[0] >= 254 && inside[1] == 0 && (126..=129).contains(&inside[3]),
        "{inside:?}"
    );
    // rows in different strips (128 rows each) are rendered alike
    let tall = r##"<svg xmlns="http://www.w3.org/2000/svg" width="20" height="400" viewBox="0 0 20 400"><rect width="20" height="400" fill="#ffffff"/><rect x="5" y="100.5" width="10" height="200" fill="#000000"/></svg>"##;
    let bytes = png(tall, Fonts::bundled(), 1.0).unwrap();
    let mut decoder = png::Decoder::new(std::io::Cursor::new(&bytes[..]));
    decoder.set_transformations(png::Transformations::ALPHA);
    let mut reader = decoder.read_info().unwrap();
    let mut buffer = vec![0; reader.output_buffer_size()];
    reader.next_frame(&mut buffer).unwrap();
    let at = |y: usize| buffer[(y * 20 + 10) * 4];
    assert_eq!(at(100), 128, "the half-covered first row");
    for y in 101..300 {
        assert_eq!(
            at(y),
            0,
            "row {y} (strip boundaries at 128 and 256) is solid"
        );
    }
    assert_eq!(at(300), 127, "the half-covered last row");
}

#[test]
fn a_flow_without_a_title_warns_and_is_not_titled_with_its_file_name() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("flow-v3-final.crmflow"),
        "start s \"Start\"\nend e \"End\"\ns -> e\n",
    )
    .unwrap();
    let out = crate::util::run(dir.path(), &["render", "flow-v3-final.crmflow"], b"");
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8_lossy(&out.stderr);
    assert!(text.contains("L030"), "{text}");
    let svg = std::fs::read_to_string(dir.path().join("flow-v3-final.svg")).unwrap();
    assert!(!svg.contains("flow-v3-final"), "titled with the file name");
}

#[test]
fn a_data_shape_drawn_more_than_once_is_marked_as_one_store_in_every_drawing_of_it() {
    let text = "flow \"Marks\" { goal \"G\" }\nlane a \"A\"\n\
                start s \"Start\" lane a\nstep one \"Write\" lane a\nstep two \"Read\" lane a\n\
                end e \"End\" lane a\nstore db \"Customer database\"\nstore log \"Audit log\"\n\
                s -> one -> two -> e\none ..> db\ndb ..> two\ntwo ..> log\n";
    let compiled = compile(&SourceFile::new("marks.crmflow", text), &Options::default()).unwrap();
    let copies: Vec<_> = compiled
        .layout
        .nodes
        .iter()
        .filter(|n| n.id.starts_with("db"))
        .collect();
    assert_eq!(copies.len(), 2, "drawn beside each user");
    let group = |id: &str| {
        let start = compiled.svg.find(&format!("id=\"node-{id}\"")).unwrap();
        let end = compiled.svg[start..].find("</g>").unwrap() + start;
        compiled.svg[start..end].to_owned()
    };
    for copy in &copies {
        assert!(
            group(&copy.id).contains("class=\"duplicate\""),
            "{}",
            copy.id
        );
    }
    assert!(!group("log").contains("duplicate"), "drawn once: no mark");
    assert!(compiled.svg.contains("Data drawn more than once"));
    let once = text.replace("db ..> two\n", "");
    let compiled = compile(&SourceFile::new("once.crmflow", &once), &Options::default()).unwrap();
    assert!(!compiled.svg.contains("duplicate"));
    assert!(!compiled.svg.contains("Data drawn more than once"));
}

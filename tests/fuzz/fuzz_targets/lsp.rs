//! The language server's edges: any bytes through its framing and message
//! decoding, and any position into any text — no panic, no allocation past
//! the limit, offsets always inside the text and on a character boundary,
//! and position ↔ offset round trips.
#![no_main]

use crmflow::lsp::{position, transport};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    // Framing: frames until the end or a broken header; each body decodes
    // to a message or a JSON-RPC error.
    let mut input = std::io::Cursor::new(bytes);
    for _ in 0..64 {
        match transport::read_frame(&mut input, 4096) {
            Ok(transport::Frame::Body(body)) => {
                assert!(body.len() <= 4096);
                if let Err(answer) = transport::decode(&body) {
                    serde_json::from_str::<serde_json::Value>(&answer).expect("the error is JSON");
                }
            }
            Ok(transport::Frame::TooLarge(_)) => {}
            Ok(transport::Frame::End) | Err(_) => break,
        }
    }
    // Positions: the first 8 bytes pick a position, the rest is the text.
    if bytes.len() < 8 {
        return;
    }
    let line = u32::from_le_bytes(bytes[0..4].try_into().unwrap()) % 64;
    let character = u32::from_le_bytes(bytes[4..8].try_into().unwrap());
    let text = String::from_utf8_lossy(&bytes[8..]).into_owned();
    let source = crmflow::SourceFile::new("fuzz.crmflow", text.clone());
    let at = position::offset(&source, lsp_types::Position::new(line, character));
    assert!(at <= text.len() && text.is_char_boundary(at), "{at} in {text:?}");
    let back = position::position(&source, at);
    assert_eq!(position::offset(&source, back), at, "{text:?}");
});

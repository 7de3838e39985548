//! The language server's framing on standard input and output, within
//! limits: takes bytes from the editor, gives the server [`Message`]s and
//! writes its answers back.
//!
//! lsp-server's own transport trusts the client: a `Content-Length` of
//! 4 GB is allocated (or aborts the process), a header line without a line
//! break grows without bound, and one message that is not valid JSON ends
//! the reader and with it the server. Here a header line may be at most
//! [`MAX_HEADER_LINE`] bytes and a body at most the `file-size` limit; a
//! larger body is skipped unread (never held) and answered with an error;
//! malformed JSON is answered with `-32700` (parse error), a batch array
//! or an object that is no JSON-RPC message with `-32600` (invalid
//! request), and the server goes on. Only a header that breaks the framing
//! itself (no `Content-Length`, an endless header line) ends the reader,
//! since no later message could be found in the stream.

use lsp_server::{Connection, Message};
use std::io::{BufRead, Read, Write};

/// The longest header line read (`Content-Length: …` is about 30 bytes).
pub const MAX_HEADER_LINE: u64 = 8 * 1024;

/// One frame of the stream.
#[derive(Debug, PartialEq, Eq)]
pub enum Frame {
    /// A body within the limit.
    Body(Vec<u8>),
    /// A body over the limit, skipped: its length.
    TooLarge(u64),
    /// The stream ended between frames.
    End,
}

/// Reads one frame: header lines up to an empty one (each at most
/// [`MAX_HEADER_LINE`] bytes), then `Content-Length` bytes of body. An
/// error means the framing is broken and no later frame can be found.
pub fn read_frame(input: &mut impl BufRead, max_body: u64) -> Result<Frame, String> {
    let mut length: Option<u64> = None;
    let mut first = true;
    loop {
        let mut line = Vec::new();
        let read = input
            .by_ref()
            .take(MAX_HEADER_LINE + 1)
            .read_until(b'\n', &mut line)
            .map_err(|err| format!("cannot read standard input: {err}"))?;
        if read == 0 {
            return if first {
                Ok(Frame::End)
            } else {
                Err("the stream ended inside a header".to_owned())
            };
        }
        first = false;
        if line.last() != Some(&b'\n') {
            return Err(if line.len() as u64 > MAX_HEADER_LINE {
                format!("a header line is longer than {MAX_HEADER_LINE} bytes")
            } else {
                "the stream ended inside a header".to_owned()
            });
        }
        let line = String::from_utf8_lossy(&line);
        let line = line.trim_end_matches(['\r', '\n']);
        if line.is_empty() {
            break;
        }
        if let Some((name, value)) = line.split_once(':')
            && name.trim().eq_ignore_ascii_case("Content-Length")
        {
            let value = value.trim();
            length = Some(
                value
                    .parse()
                    .map_err(|_| format!("`Content-Length: {value}` is not a length"))?,
            );
        }
    }
    let length = length.ok_or("a message has no Content-Length header")?;
    if length > max_body {
        // Skipped in pieces, never held: the next frame starts after it.
        let skipped = std::io::copy(&mut input.by_ref().take(length), &mut std::io::sink())
            .map_err(|err| format!("cannot read standard input: {err}"))?;
        if skipped < length {
            return Err("the stream ended inside a message".to_owned());
        }
        return Ok(Frame::TooLarge(length));
    }
    let mut body = Vec::with_capacity(length as usize);
    input
        .by_ref()
        .take(length)
        .read_to_end(&mut body)
        .map_err(|err| format!("cannot read standard input: {err}"))?;
    if (body.len() as u64) < length {
        return Err("the stream ended inside a message".to_owned());
    }
    Ok(Frame::Body(body))
}

/// What a body holds: a message for the server, or the error to answer
/// in its place (a JSON-RPC error response, as text).
pub fn decode(body: &[u8]) -> Result<Message, String> {
    let value: serde_json::Value = match serde_json::from_slice(body) {
        Ok(value) => value,
        Err(err) => return Err(error_response(None, -32700, &format!("parse error: {err}"))),
    };
    if value.is_array() {
        return Err(error_response(
            None,
            -32600,
            "batches are not supported: send one message at a time",
        ));
    }
    let id = value.get("id").cloned();
    serde_json::from_value::<Message>(value).map_err(|err| {
        error_response(
            id.as_ref(),
            -32600,
            &format!("not a JSON-RPC request, response or notification: {err}"),
        )
    })
}

/// A JSON-RPC error response; the id of the message it answers when that
/// can be told (a number or a string), else `null`.
pub fn error_response(id: Option<&serde_json::Value>, code: i32, message: &str) -> String {
    let id = id
        .filter(|id| id.is_number() || id.is_string())
        .cloned()
        .unwrap_or(serde_json::Value::Null);
    serde_json::json!({
        "jsonrpc": "2.0",
        "id": id,
        "error": { "code": code, "message": message },
    })
    .to_string()
}

/// Writes one frame.
fn write_frame(out: &mut impl Write, body: &str) -> std::io::Result<()> {
    write!(out, "Content-Length: {}\r\n\r\n", body.len())?;
    out.write_all(body.as_bytes())?;
    out.flush()
}

/// The threads that move messages; [`Threads::join`] waits for them.
pub struct Threads {
    reader: std::thread::JoinHandle<Result<(), String>>,
    writer: std::thread::JoinHandle<std::io::Result<()>>,
}

impl Threads {
    /// Waits for both threads; the reader's framing error, if any.
    pub fn join(self) -> Result<(), String> {
        let written = self
            .writer
            .join()
            .map_err(|_| "the writer thread failed".to_owned())?;
        let read = self
            .reader
            .join()
            .map_err(|_| "the reader thread failed".to_owned())?;
        written.map_err(|err| err.to_string())?;
        read
    }
}

/// A connection over standard input and output, bodies at most
/// `max_body` bytes. Messages queue without bound between the reader and
/// the server, so the server can see that a change is followed by
/// another of the same document (and skip the first).
pub fn stdio(max_body: u64) -> (Connection, Threads) {
    let (to_writer, from_server) = crossbeam_channel::unbounded::<Message>();
    let (to_server, from_reader) = crossbeam_channel::unbounded::<Message>();
    let writer = std::thread::Builder::new()
        .name("crmflow-lsp-writer".to_owned())
        .spawn(move || {
            for message in from_server {
                let mut stdout = std::io::stdout().lock();
                message.write(&mut stdout)?;
            }
            Ok(())
        })
        .expect("a thread starts");
    let reader = std::thread::Builder::new()
        .name("crmflow-lsp-reader".to_owned())
        .spawn(move || {
            let stdin = std::io::stdin();
            let mut input = stdin.lock();
            loop {
                let answer = match read_frame(&mut input, max_body)? {
                    Frame::End => return Ok(()),
                    Frame::TooLarge(length) => error_response(
                        None,
                        -32600,
                        &format!(
                            "a message of {length} bytes is over the limit of {max_body} (raise `file-size` in CRMFLOW_LIMITS)"
                        ),
                    ),
                    Frame::Body(body) => match decode(&body) {
                        Ok(message) => {
                            let exit = matches!(&message, Message::Notification(n) if n.method == "exit");
                            if to_server.send(message).is_err() || exit {
                                return Ok(());
                            }
                            continue;
                        }
                        Err(answer) => answer,
                    },
                };
                // Written whole under the lock the writer takes per message.
                let mut stdout = std::io::stdout().lock();
                write_frame(&mut stdout, &answer).map_err(|err| err.to_string())?;
            }
        })
        .expect("a thread starts");
    (
        Connection {
            sender: to_writer,
            receiver: from_reader,
        },
        Threads { reader, writer },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frames(bytes: &[u8], max: u64) -> Vec<Result<Frame, String>> {
        let mut input = std::io::Cursor::new(bytes.to_vec());
        let mut out = Vec::new();
        loop {
            let frame = read_frame(&mut input, max);
            let done = !matches!(frame, Ok(Frame::Body(_)) | Ok(Frame::TooLarge(_)));
            out.push(frame);
            if done {
                return out;
            }
        }
    }

    #[test]
    fn frames_within_limits() {
        let got = frames(b"Content-Length: 2\r\n\r\n{}Content-Length: 3\n\n[1]", 100);
        assert_eq!(
            got,
            [
                Ok(Frame::Body(b"{}".to_vec())),
                Ok(Frame::Body(b"[1]".to_vec())),
                Ok(Frame::End)
            ]
        );
    }

    #[test]
    fn a_huge_length_is_skipped_not_allocated_and_the_next_frame_is_read() {
        let mut bytes = b"Content-Length: 50\r\n\r\n".to_vec();
        bytes.extend([b'x'; 50]);
        bytes.extend(b"Content-Length: 2\r\n\r\n{}");
        let got = frames(&bytes, 10);
        assert_eq!(got[0], Ok(Frame::TooLarge(50)));
        assert_eq!(got[1], Ok(Frame::Body(b"{}".to_vec())));
        // 4 GB announced, nothing sent: an error, no allocation.
        let got = frames(b"Content-Length: 4294967296\r\n\r\n", 16 << 20);
        assert!(got[0].is_err(), "{got:?}");
        let got = frames(b"Content-Length: 99999999999999999999999\r\n\r\n", 16 << 20);
        assert!(got[0].is_err(), "{got:?}");
    }

    #[test]
    fn an_endless_header_line_is_an_error_not_unbounded_memory() {
        let bytes = vec![b'a'; 1 << 20];
        let got = frames(&bytes, 100);
        assert!(
            got[0].as_ref().unwrap_err().contains("longer than"),
            "{got:?}"
        );
    }

    #[test]
    fn bodies_that_are_no_message_get_json_rpc_errors() {
        let parse = decode(b"{not json").unwrap_err();
        assert!(
            parse.contains("-32700") && parse.contains("\"id\":null"),
            "{parse}"
        );
        let batch = decode(br#"[{"jsonrpc":"2.0","id":1,"method":"x"}]"#).unwrap_err();
        assert!(batch.contains("-32600"), "{batch}");
        // An object that is no request, response or notification.
        let odd = decode(br#"{"jsonrpc":"2.0","method":3}"#).unwrap_err();
        assert!(
            odd.contains("-32600") && odd.contains("\"id\":null"),
            "{odd}"
        );
        // Its id, when it has one that can be told, is answered.
        let with_id = error_response(Some(&serde_json::json!(7)), -32600, "x");
        assert!(with_id.contains("\"id\":7"), "{with_id}");
        let bad_id = error_response(Some(&serde_json::json!({"x": 1})), -32600, "x");
        assert!(bad_id.contains("\"id\":null"), "{bad_id}");
        assert!(decode(br#"{"jsonrpc":"2.0","id":1,"method":"shutdown"}"#).is_ok());
    }
}

//! Bad input: every case gets a specific code at the exact span, and
//! resolve reports all its errors at once.

use crmflow::diag::codes;
use crmflow::{Diag, SourceFile, Span};

fn diags(text: &str) -> Vec<Diag> {
    crmflow::check(&SourceFile::new("bad.crmflow", text)).expect_err("input should be rejected")
}

/// The span of the `nth` (0-based) occurrence of `needle`.
fn span_of(text: &str, needle: &str, nth: usize) -> Span {
    let start = text
        .match_indices(needle)
        .nth(nth)
        .unwrap_or_else(|| panic!("`{needle}` in {text}"))
        .0;
    Span::new(start, start + needle.len())
}

#[track_caller]
fn assert_diag(text: &str, code: &str, needle: &str, nth: usize) -> Diag {
    let all = diags(text);
    let diag = all
        .iter()
        .find(|d| d.code == code)
        .unwrap_or_else(|| panic!("no {code} in {all:#?}"))
        .clone();
    assert_eq!(diag.span, span_of(text, needle, nth), "{diag:#?}");
    diag
}

#[test]
fn unknown_lane_with_suggestion() {
    let text = "lane sales \"Sales\"\nstep a lane sals\n";
    let diag = assert_diag(text, codes::UNKNOWN_LANE, "sals", 0);
    assert_eq!(diag.message.english(), "unknown lane `sals`");
    assert_eq!(
        diag.help.as_ref().map(|h| h.english()).as_deref(),
        Some("did you mean `sales`?")
    );
}

#[test]
fn unknown_module_with_suggestion() {
    let text = "module customer \"客户信息\" color blue\nstep a module custmer\n";
    let diag = assert_diag(text, codes::UNKNOWN_MODULE, "custmer", 0);
    assert_eq!(
        diag.help.as_ref().map(|h| h.english()).as_deref(),
        Some("did you mean `customer`?")
    );
}

#[test]
fn unknown_node_with_suggestion() {
    let text = "start 开始\nstep 录入客户信息\n开始 -> 录入客户\n";
    let diag = assert_diag(text, codes::UNKNOWN_NODE, "录入客户", 1);
    assert_eq!(
        diag.help.as_ref().map(|h| h.english()).as_deref(),
        Some("did you mean `录入客户信息`?")
    );
}

#[test]
fn duplicate_id_points_at_both() {
    let text = "step a \"one\"\nstep a \"two\"\n";
    let diag = assert_diag(text, codes::DUPLICATE_ID, "a", 1);
    assert_eq!(diag.labels[0].span, span_of(text, "a", 0));
}

#[test]
fn unterminated_string() {
    let text = "start a \"客户来电\nend b\n";
    assert_diag(text, codes::UNTERMINATED_STRING, "\"客户来电", 0);
}

#[test]
fn unknown_color() {
    let text = "module m \"M\" color bleu\nstep a module m\n";
    let diag = assert_diag(text, codes::UNKNOWN_COLOR, "bleu", 0);
    assert_eq!(
        diag.help.as_ref().map(|h| h.english()).as_deref(),
        Some("did you mean `blue`?")
    );
    let hex = "module m \"M\" color \"#12345\"\nstep a module m\n";
    assert_diag(hex, codes::UNKNOWN_COLOR, "\"#12345\"", 0);
}

#[test]
fn invalid_date() {
    let text = "flow \"F\" { reviewed 2026-13-45 }\nstart a\n";
    let diag = assert_diag(text, codes::INVALID_DATE, "2026-13-45", 0);
    assert!(
        diag.message.english().contains("month 13"),
        "{}",
        diag.message.english()
    );
}

#[test]
fn unknown_direction() {
    let text = "flow \"F\" {\n  direction left\n}\nstart a\n";
    let diag = assert_diag(text, codes::UNKNOWN_DIRECTION, "left", 0);
    assert!(diag.message.english().contains("`right` or `down`"));
}

#[test]
fn broken_edge() {
    let text = "start a\nend b\na -> -> b\n";
    let diag = assert_diag(text, codes::SYNTAX, "->", 1);
    assert_eq!(diag.message.english(), "expected a node id, found `->`");
}

#[test]
fn colon_with_no_label() {
    let text = "start a\nend b\na -> b :\n";
    assert_diag(text, codes::MISSING_LABEL, ":", 0);
}

#[test]
fn reserved_word_as_id() {
    let text = "step flow \"Flow\"\n";
    let diag = assert_diag(text, codes::RESERVED_WORD, "flow", 0);
    assert_eq!(
        diag.message.english(),
        "`flow` is a reserved word and cannot be used as an id"
    );
    let edge = "start a\na -> end\n";
    assert_diag(edge, codes::RESERVED_WORD, "end", 0);
}

#[test]
fn calls_on_a_non_sub_node() {
    let text = "step a \"A\" calls \"other.crmflow\"\n";
    assert_diag(text, codes::CALLS_NOT_SUB, "calls \"other.crmflow\"", 0);
}

#[test]
fn node_in_lane_block_naming_another_lane() {
    let text = "lane cs \"CS\"\nlane sales \"Sales\" {\n  step a lane cs\n}\n";
    let diag = assert_diag(text, codes::LANE_CONFLICT, "cs", 1);
    assert_eq!(diag.labels[0].span, span_of(text, "sales", 0));
}

#[test]
fn empty_file_and_no_nodes() {
    let diag = assert_diag("", codes::EMPTY_FLOW, "", 0);
    assert!(diag.message.english().contains("empty"));
    let comments = diags("# nothing yet\nlane a \"A\"\n");
    assert_eq!(comments[0].code, codes::EMPTY_FLOW);
}

#[test]
fn invalid_utf8_is_a_clear_error() {
    let err = SourceFile::from_bytes("x", vec![b's', b't', 0xC3, 0x28, 0xff]).unwrap_err();
    assert_eq!(err.span.start, 2);
}

#[test]
fn resolve_reports_every_error_at_once() {
    let text = "lane sales \"S\"\nstep a lane sals\nstep b module nope\nstep a\na -> c\nflow { direction up reviewed 2026-02-30 }\n";
    let codes_found: Vec<&str> = diags(text).iter().map(|d| d.code).collect();
    for code in [
        codes::UNKNOWN_LANE,
        codes::UNKNOWN_MODULE,
        codes::DUPLICATE_ID,
        codes::UNKNOWN_NODE,
        codes::UNKNOWN_DIRECTION,
        codes::INVALID_DATE,
    ] {
        assert!(
            codes_found.contains(&code),
            "{code} missing from {codes_found:?}"
        );
    }
}

#[test]
fn messages_name_rules_in_human_words() {
    for text in [
        "lane",
        "module m color",
        "flow { reviewed 2026-1-1 }",
        "step a {",
        "a b",
        "decision",
    ] {
        for diag in diags(text) {
            assert!(
                !diag.message.english().contains("Rule"),
                "{}",
                diag.message.english()
            );
            assert!(
                !diag.message.english().contains("_id") && !diag.message.english().contains("kw_"),
                "{}",
                diag.message.english()
            );
        }
    }
}

#[test]
fn unknown_page_with_suggestion() {
    let text = "flow \"F\" { page slides }\nstart a\n";
    let diag = assert_diag(text, codes::UNKNOWN_PAGE, "slides", 0);
    assert_eq!(
        diag.help.as_ref().map(|h| h.english()).as_deref(),
        Some("did you mean `slide`?")
    );
}

//! Grammar and lowering tests, one concern each.

use super::*;
use crate::diag::codes;
use crate::source::{SourceFile, Span};

fn ast(text: &str) -> Ast {
    parse(&SourceFile::new("t.crmflow", text)).unwrap_or_else(|diags| panic!("{diags:#?}"))
}

fn first_error(text: &str) -> crate::diag::Diag {
    let diags = parse(&SourceFile::new("t.crmflow", text)).expect_err("should not parse");
    diags.into_iter().next().unwrap()
}

fn span_of(text: &str, needle: &str) -> Span {
    let start = text.find(needle).unwrap();
    Span::new(start, start + needle.len())
}

#[test]
fn empty_and_comment_only_files_parse() {
    assert!(ast("").items.is_empty());
    let parsed = ast("# only a comment\n\n  # another\n");
    assert!(parsed.items.is_empty());
    assert_eq!(parsed.comments.len(), 2);
}

#[test]
fn header_on_one_line_and_in_a_block() {
    let one = ast("flow \"Clean\" { goal \"Close deals\" reviewed 2026-11-01 }");
    let Item::Flow(flow) = &one.items[0] else {
        panic!()
    };
    assert_eq!(flow.title.as_ref().unwrap().value, "Clean");
    assert_eq!(flow.fields.len(), 2);
    let block = ast(
        "flow \"T\" {\n  goal \"g\"\n  owner \"o\"\n  version \"2.1\"\n  reviewed 2026-09-30\n  direction down\n}\n",
    );
    let Item::Flow(flow) = &block.items[0] else {
        panic!()
    };
    assert_eq!(flow.fields.len(), 5);
    assert!(matches!(&flow.fields[4].kind, HeaderFieldKind::Direction(d) if d.value == "down"));
}

#[test]
fn nodes_with_inline_and_block_attributes() {
    let text = "step collect \"销售线索收集\" lane cs module customer {\n  input \"客户咨询\"\n  output \"销售线索\"\n}\n";
    let parsed = ast(text);
    let Item::Node(node) = &parsed.items[0] else {
        panic!()
    };
    assert_eq!(node.kind.value, NodeKind::Step);
    assert_eq!(node.id.value, "collect");
    assert_eq!(node.label.as_ref().unwrap().value, "销售线索收集");
    assert_eq!(node.attrs.len(), 4);
    assert_eq!(node.id.span, span_of(text, "collect"));
}

#[test]
fn unicode_identifiers_and_words_that_are_not_reserved() {
    let parsed =
        ast("step 录入客户信息\nstep in\nstep yes\nstep lanes\nin -> yes -> 录入客户信息\n");
    assert_eq!(parsed.items.len(), 5);
}

#[test]
fn edge_chains_labels_and_data_flow() {
    let parsed = ast("a -> b ..> c : \"写入\"\n");
    let Item::Edge(edge) = &parsed.items[0] else {
        panic!()
    };
    assert_eq!(edge.nodes.len(), 3);
    assert_eq!(edge.arrows[0].value, Arrow::Control);
    assert_eq!(edge.arrows[1].value, Arrow::Data);
    assert_eq!(edge.label.as_ref().unwrap().value, "写入");
}

#[test]
fn lane_blocks_hold_nodes_and_edges() {
    let parsed = ast(
        "lane sales \"销售代表\" {\n  step followup \"潜在客户跟进\" module deal\n  # comment\n  decision intent \"确认购买意向?\"\n  followup -> intent\n}\n",
    );
    let Item::Lane(lane) = &parsed.items[0] else {
        panic!()
    };
    assert_eq!(lane.body.as_ref().unwrap().len(), 3);
}

#[test]
fn string_escapes() {
    let parsed = ast(r#"step a "say \"hi\"\\ now\nnext""#);
    let Item::Node(node) = &parsed.items[0] else {
        panic!()
    };
    assert_eq!(node.label.as_ref().unwrap().value, "say \"hi\"\\ now\nnext");
}

#[test]
fn bom_and_crlf() {
    let parsed = ast("\u{FEFF}lane a \"A\"\r\nstep x lane a\r\n");
    assert_eq!(parsed.items.len(), 2);
}

#[test]
fn comments_are_kept_with_position() {
    let parsed = ast("# own line\nstep a # trailing\n");
    assert!(!parsed.comments[0].trailing);
    assert!(parsed.comments[1].trailing);
    assert_eq!(parsed.comments[1].text, " trailing");
}

#[test]
fn unterminated_string() {
    let text = "step a \"never closed\nstep b\n";
    let diag = first_error(text);
    assert_eq!(diag.code, codes::UNTERMINATED_STRING);
    assert_eq!(diag.span, span_of(text, "\"never closed"));
}

#[test]
fn several_recoverable_errors_at_once() {
    let text = "step a \"open\nstep b \"bad \\q escape\"\na -> b :\n";
    let diags = parse(&SourceFile::new("t", text)).unwrap_err();
    let found: Vec<_> = diags.iter().map(|d| d.code).collect();
    assert_eq!(
        found,
        [
            codes::UNTERMINATED_STRING,
            codes::INVALID_ESCAPE,
            codes::MISSING_LABEL
        ]
    );
    assert_eq!(diags[1].span, span_of(text, "\\q"));
}

#[test]
fn broken_edge_points_at_the_second_arrow() {
    let text = "a -> -> b\n";
    let diag = first_error(text);
    assert_eq!(diag.code, codes::SYNTAX);
    assert_eq!(diag.span, Span::new(5, 7));
    assert_eq!(diag.message.english(), "expected a node id, found `->`");
}

#[test]
fn colon_without_label() {
    let text = "a -> b :   # nothing\n";
    let diag = first_error(text);
    assert_eq!(diag.code, codes::MISSING_LABEL);
    assert_eq!(diag.span, span_of(text, ":"));
}

#[test]
fn unquoted_label() {
    let text = "a -> b : 是 \n";
    let diag = first_error(text);
    assert_eq!(diag.code, codes::UNQUOTED_LABEL);
    assert_eq!(diag.span, span_of(text, "是"));
}

#[test]
fn input_method_slips_get_the_straight_form_as_help() {
    // A full-width colon after an edge (#29 item 8).
    let text = "start a \"A\"\nend b \"B\"\na -> b ：“否”\n";
    let diag = first_error(text);
    assert_eq!(diag.code, codes::SYNTAX);
    assert_eq!(diag.span, span_of(text, "："));
    assert!(
        diag.message.local().contains("full-width colon"),
        "{diag:?}"
    );
    let help = diag.help.as_ref().unwrap().local();
    assert!(help.contains("`a -> b : \"否\"`"), "{help}");
    // Curly quotes around an unquoted label are replaced, not kept inside.
    let text = "a -> b : “否”\n";
    let diag = first_error(text);
    assert_eq!(diag.code, codes::UNQUOTED_LABEL);
    let help = diag.help.as_ref().unwrap().local();
    assert!(help.contains("`: \"否\"`"), "{help}");
    assert!(!help.contains('“'), "{help}");
}

#[test]
fn reserved_word_as_id() {
    let text = "step lane \"Lane\"\n";
    let diag = first_error(text);
    assert_eq!(diag.code, codes::RESERVED_WORD);
    assert_eq!(diag.span, Span::new(5, 9));
}

#[test]
fn unknown_attribute_suggests() {
    let text = "step a \"A\" lane sales moduel deal\n";
    let diag = first_error(text);
    assert_eq!(diag.code, codes::UNKNOWN_ATTRIBUTE);
    assert_eq!(diag.span, span_of(text, "moduel"));
    assert_eq!(
        diag.help.as_ref().map(|h| h.english()).as_deref(),
        Some("did you mean `module`?")
    );
}

#[test]
fn misspelled_declaration_word() {
    let diag = first_error("stpe a \"A\"\n");
    assert_eq!(diag.code, codes::SYNTAX);
    assert!(
        diag.help
            .unwrap()
            .english()
            .contains("did you mean `step`?")
    );
}

#[test]
fn every_declaration_word_is_suggested_for_its_misspelling() {
    // The list comes from the node kinds (NodeKind::ALL) and the other
    // declarations: `phase`, added later, was missing from the old list.
    for (typo, word) in [("phse", "phase"), ("stroe", "store"), ("lnae", "lane")] {
        let diag = first_error(&format!("{typo} a \"A\"\n"));
        let help = diag.help.unwrap().english();
        assert!(
            help.contains(&format!("did you mean `{word}`?")),
            "{typo}: {help}"
        );
    }
}

#[test]
fn the_reserved_words_are_the_grammars() {
    let grammar = include_str!("../../grammar/crmflow.pest");
    let rule = grammar
        .split("reserved_word = @{")
        .nth(1)
        .and_then(|rest| rest.split('}').next())
        .unwrap();
    let listed: Vec<&str> = rule.split('"').skip(1).step_by(2).collect();
    assert_eq!(listed, super::reserved_words().collect::<Vec<_>>());
    for kind in NodeKind::ALL {
        assert_eq!(NodeKind::from_keyword(kind.keyword()), Some(kind));
        let diag = first_error(&format!("step {} \"A\"\n", kind.keyword()));
        assert_eq!(diag.code, codes::RESERVED_WORD, "{kind:?}");
    }
}

#[test]
fn every_rule_has_a_human_name_without_rule_syntax() {
    // The match in `error::human_name` is exhaustive; check the words too.
    for text in [
        "step",
        "a ->",
        "flow { goal }",
        "module m color",
        "lane",
        "a -> b : \"x\" y",
        "step a {",
    ] {
        let diag = first_error(text);
        let message = diag.message.english();
        assert!(!message.contains("Rule::"), "{message}");
        assert!(!message.contains('_'), "{message}");
    }
}

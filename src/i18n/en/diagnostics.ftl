## Shared pieces
list-separator = {", "}
list-and = { $rest } and { $last }
list-or = { $rest } or { $last }
verbatim = { $text }

## Syntax (E001–E007): what the parser expected
expected-a-space = a space
expected-a-comment = a comment
expected-a-byte-order-mark = a byte-order mark
expected-a-crmflow-file = a .crmflow file
expected-the-end-of-the-line = the end of the line
expected-declaration = a declaration (`flow`, `lane`, `module`, a node kind) or an edge
expected-a-reserved-word = a reserved word
expected-an-identifier = an identifier
expected-a-node-id = a node id
expected-a-lane-id = a lane id
expected-a-module-id = a module id
expected-a-phase-id = a phase id
expected-an-attribute = an attribute
expected-a-word = a word
expected-an-attribute-keyword = an attribute keyword
expected-a-quoted-text = a quoted text
expected-text = text
expected-a-date = a date (YYYY-MM-DD)
expected-a-value = a value
expected-a-flow-header = a `flow` header
expected-a-header-block = a header block `{"{"} … {"}"}`
expected-header-field = a header field (`goal`, `owner`, `version`, `reviewed`, `direction`)
expected-a-lane-declaration = a lane declaration
expected-a-lane-block = a lane block `{"{"} … {"}"}`
expected-a-module-declaration = a module declaration
expected-a-module-block = a module block `{"{"} … {"}"}`
expected-a-phase-declaration = a phase declaration
expected-a-phase-block = a phase block `{"{"} … {"}"}`
expected-a-node-declaration = a node declaration
expected-node-kind = a node kind (`start`, `end`, `step`, `decision`, `io`, `store`, `doc`, `sub`)
expected-a-node-block = a node block `{"{"} … {"}"}`
expected-a-node-attribute = a node attribute
expected-an-edge = an edge
expected-arrow = an arrow (`->` or `..>`)
expected-colon-label = `:` and a label
expected-a-label = a label
expected-the-end-of-the-file = the end of the file
found-reserved-word = the reserved word `{ $word }`
unexpected = unexpected { $found }
expected-found = expected { $expected }, found { $found }
reserved-word = `{ $word }` is a reserved word and cannot be used as an id
reserved-word-help = the declaration words ({ $words }) are reserved; pick another id, e.g. `{ $word }_1`
stray-close-brace = this `{"}"}` closes no block
stray-close-brace-help = remove it, or check that the `{"{"}` it should close is where you meant
curly-quote = `{ $quote }` is a typographic quote; text goes in straight quotes `"…"`
curly-quote-help = word processors and some input methods turn `"` into curly quotes; type the label as "Label", or turn off smart quotes in your editor
wrong-arrow = `{ $wrong }` is not an arrow; did you mean `{ $right }`?
wrong-arrow-help = control flow is `a -> b`, data flow (to or from a store or document) is `a ..> b`
color-here = `{ $word }` cannot go here
color-here-help = colors belong to modules: declare `module sales "Sales" color green`, then put the node in it with `module sales`
label-without-colon = an edge's label follows a colon
label-without-colon-help = write `{ $edge } : "…"`
fullwidth-colon = `：` is a full-width colon; an edge's label follows an ASCII colon `:`
fullwidth-colon-help = a Chinese input method types `：`; write `{ $edge } : { $label }`
edge-ends-with-arrow = the edge ends with `{ $arrow }`: no node after it
edge-ends-with-arrow-help = an edge joins nodes: `a -> b`; name the next node or remove the arrow
unclosed-block = this `{"{"}` is never closed
unclosed-block-at-end = the end of the file is still inside the block
unclosed-block-at-declaration = this declaration is still inside the block
unclosed-block-help = close the block with `{"}"}` on a line after its last attribute or node
misspelled-declaration = a line starts with a declaration word or a node id; did you mean `{ $keyword }`?
line-is-an-edge = a line that starts with an id is an edge: `a -> b`; to declare a node, start with its kind: `step a "…"`
one-declaration-per-line = one declaration per line; attributes are `lane ID`, `module ID`, `input "…"`, `output "…"`, `note "…"`, `calls "…"`
did-you-mean = did you mean `{ $found }`?

## Syntax: strings, labels, attributes
syntax-unterminated-string-closing-missing = unterminated string: the closing `"` is missing
syntax-text-too-long = this text is { $chars } characters long; the limit is { $limit }
syntax-text-too-long-help = a label reads at a glance: shorten it, put the detail in a `note` or the SOP, or raise the limit: CRMFLOW_LIMITS=text-chars={ $chars }
syntax-end-text-with-on-same = end the text with `"` on the same line; write `\"` for a quote inside it and `\n` for a line break
syntax-unknown-escape-written-string = unknown escape `{ $written }` in a string
syntax-escapes-are-quote-backslash-and = the escapes are `\"` (quote), `\\` (backslash) and `\n` (line break)
syntax-must-followed-by-quoted-label = `:` must be followed by a quoted label
syntax-write-label-after-colon-e = write the label after the colon, e.g. `intent -> won : "yes"`, or remove the `:`
syntax-edge-labels-must-quoted = edge labels must be quoted
syntax-write = write `: "{ $text }"`
syntax-name-must-followed-by-expected = `{ $name }` must be followed by { $expected }
syntax-name-attribute-not = `{ $name }` is an attribute of { $place }, not of { $place2 }
syntax-unknown-attribute-name = unknown attribute `{ $name }` in { $place }

## Names, header, limits, files, fonts, exports
model-lane-unknown-lane-wanted = --lane: unknown lane `{ $wanted }`
model-what-declared-twice = the { $what } `{ $value }` is declared twice
model-first-declared-here = first declared here
model-give-each-what-own-id = give each { $what } its own id
model-declare-at-least-one-node = declare at least one node, e.g.
    {"  "}start enter "Customer calls"
    {"  "}end done "Resolved"
    {"  "}enter -> done
model-file-has-one-flow-header = a file has one `flow` header
model-header-here = the header is here
model-merge-fields-into-first-flow = merge the fields into the first `flow` block
model-name-given-twice = `{ $name }` is given twice
model-first-given-here = first given here
model-invalid-date-problem = invalid date `{ $text }`: { $problem }
model-write-date-as-yyyy-mm = write the date as YYYY-MM-DD, e.g. `reviewed 2026-09-30`
model-unknown-page-other-expected-slide = unknown page `{ $other }`: expected `slide`, `a4` or `none`
model-unknown-direction-other-expected-right = unknown direction `{ $other }`: expected `right` or `down`
model-what-has-two-colors = { $what } `{ $decl }` has two colors
model-first-color = first color
model-unknown-color = unknown color `{ $word }`
model-not-color = `"{ $text }"` is not a color
model-node-inside-block-lane-but = node `{ $id }` is inside the block of lane `{ $block }` but names lane `{ $value }`
model-enclosing-lane-block = the enclosing lane block
model-move-node-out-block-or = move the node out of the `{ $block }` block, or remove `lane { $value }`
model-unknown-lane = unknown lane `{ $value }`
model-unknown-phase = unknown phase `{ $value }`
model-node-inside-block-phase-but = node `{ $id }` is inside the block of phase `{ $block }` but names phase `{ $value }`
model-enclosing-phase-block = the enclosing phase block
model-move-node-out-phase-block-or = move the node out of the `{ $block }` block, or remove `phase { $value }`
model-nested-block-names-declared = a { $what } block nested in a { $what ->
        [lane] phase
       *[other] lane
    } block names the { $what } `{ $id }` declared at the top level; it cannot give a label or color
model-nested-block-label-help = give the label and color on the top-level declaration: `{ $what } { $id } "…"`
model-block-inside-same-kind = the { $what } block `{ $inner }` is inside the { $what } block `{ $outer }`
model-enclosing-block = the enclosing block
model-block-inside-same-kind-help = a node belongs to one { $what }: move this block out of the other
model-unknown-module = unknown module `{ $value }`
model-calls-only-for-sub-nodes = `calls` is only for `sub` nodes, and `{ $id }` is a `{ $keyword }`
model-declared-here = declared here
model-declare-as-sub-draw-as = declare it as `sub { $id } …` to draw it as a sub-process
model-node-node-has-attr-twice = node `{ $node }` has `{ $attr }` twice
model-node-has-at-most-one = a node has at most one `{ $attr }`
model-unknown-node = unknown node `{ $value }`
model-drawing-needs-edge-segments-one = the drawing needs { $segments } edge segments (one per column an edge crosses), more than the limit of { $limit }; this edge alone crosses { $longest-segments } columns
model-flow-too-densely-connected-draw = the flow is too densely connected to draw readably: split it into sub-flows (`sub … calls "part.crmflow"`), or raise the limit: CRMFLOW_LIMITS=segments={ $segments }
model-flow-has-count-what-more = the flow has { $count } { $what }, more than the limit of { $limit }
model-split-into-sub-flows-sub = split it into sub-flows (`sub … calls "part.crmflow"`), or raise the limit: CRMFLOW_LIMITS={ $name }={ $count }
model-file-not-valid-utf-8 = the file is not valid UTF-8 text
model-save-file-as-utf-8 = save the file as UTF-8 (the encoding every editor offers); is this a .crmflow file?
model-font-has-no-glyph-for = the font { $family } has no glyph for { $list } in { $what }; it would be left out of PNG and PDF
model-use-more-common-character-or = use a more common character, or render with `--font PATH` naming a font that has it (e.g. the full Noto Sans CJK SC)
model-file-name-nests-and-more = `{ $file }` nests `[` and `{"{"}` more than { $depth } deep
model-crmflow-yaml-needs-two-or = a crmflow.yaml needs two or three levels; is this the right file?
model-file-name-not-valid-yaml = `{ $file }` is not valid YAML: { $message }
model-file-name-must-mapping-with = `{ $file }` must be a mapping with `lint` and `render` sections
model-cannot-read-err = cannot read `{ $path }`: { $err }
model-mermaid-cannot-show-header-s = Mermaid cannot show the header's { $names }; kept as `%%` comments
model-mermaid-cannot-show-phases = Mermaid has no phase columns; each phase is kept as a `%%` comment listing its nodes
model-mermaid-link-not-relative = Mermaid gets no link to `{ $target }`: only a relative path is linked
model-svg-png-or-pdf-shows = the SVG, PNG or PDF shows them in the title block
model-name-too = `{ $name }` too
model-bpmn-has-no-on-sequence = BPMN has no { $keyword } on the sequence flow; `{ $id }` is exported as a task
model-connect-with-data-edges-keep = connect it with `..>` data edges to keep it a data shape in BPMN
model-bpmn-has-no-data-association = BPMN has no data association here (it joins a task or event to a data store or object); this data edge is left out
model-bpmn-data-flows-between-task = in BPMN, data flows between a task and a data store or data object
model-this-document-more-than-file = this document is more than the file-size limit of { $limit }; it is not checked
model-raise-file-size-crmflow-limits = raise `file-size` in CRMFLOW_LIMITS or in crmflow.yaml's `limits:`

## crmflow.yaml (E200)
config-project-takes-one-key-root = `project` takes one key, `root`: a folder path
config-for-example-project-root-calls = for example `project: {"{"} root: .. {"}"}`: `calls` may reach files below it
config-unknown-section-name-file-name = unknown section `{ $name }` in `{ $file }`
config-sections-are-lint-render-and = the sections are `lint`, `render` and `project`
config-render-must-mapping = `render` must be a mapping
config-unknown-theme = unknown theme
config-use = use { $theme-names }
config-unknown-lane-order = unknown lane order
config-use-declared-or-auto = use `declared` or `auto`
config-scale-must-number-above-0 = `scale` must be a number above 0 and at most 16
config-font-must-path = `font` must be a path
config-unknown-page = unknown page
config-use-slide-default-a4-or = use `slide` (the default), `a4` or `none`
config-unknown-key-key-render = unknown key `{ $key }` in `render`
config-render-takes-theme-lane-order = `render` takes `theme`, `lane-order`, `scale`, `font` and `page`
config-lint-must-mapping-with-preset = `lint` must be a mapping with `preset` and `rules`
config-unknown-preset = unknown preset { $value }
config-use-recommended-or-strict = use `recommended` or `strict`
config-unknown-key-key-lint = unknown key `{ $key }` in `lint`
config-lint-takes-preset-and-rules = `lint` takes `preset` and `rules`
config-rules-must-map-rule-names = `rules` must map rule names to a level or to options
config-unknown-rule-name = unknown rule `{ $name }`
config-crmflow-check-explain-lists-rules = `crmflow check --explain` lists the rules
config-takes-only-severity = it takes only `severity`
config-takes = it takes { $and }
config-rule-has-no-option-option = the rule `{ $name }` has no option `{ $option }`
config-unknown-level = unknown level { $value }
config-use-error-warning-info-or = use `error`, `warning`, `info` or `off`
value-nothing = nothing
value-wrong-type = a value of the wrong type
model-named-color-unquoted = named colors are written without quotes: `color { $name }`
model-hex-color-help = write a hex color as "#rrggbb" (e.g. "#2e86de"), or use a named color: { $names }
model-declare-node-first = edges connect declared nodes; declare it first, e.g. `step { $id } "…"`
model-none-declared = no { $what } is declared; add `{ $what } { $name } "…"`
model-declared-list = declared { $what }s: { $list }
date-expected-format = expected YYYY-MM-DD
date-no-such-month = there is no month { $month } (months run 01–12)
date-no-such-day = { $month ->
        [1] January
        [2] February
        [3] March
        [4] April
        [5] May
        [6] June
        [7] July
        [8] August
        [9] September
        [10] October
        [11] November
       *[12] December
    } { $year } has { $days } days, not { $day }
model-named-colors-are = the named colors are { $names }; or write a quoted hex color like "#2e86de"
model-direction-help = `right` lays the flow out left to right (the default), `down` top to bottom
model-page-help = `slide` fits a 16:9 slide (the default), `a4` an A4 page, `none` keeps the usual spacing
model-empty-file = the file is empty: there is nothing to draw
model-no-nodes = the flow declares no nodes: there is nothing to draw

## Reports
report-help-prefix = {"help: "}
report-more-places = ({ $count } more related places are not shown)
report-more-findings = … and { $count } more `{ $code }` { $count ->
        [one] finding
       *[other] findings
    } in { $file } not shown (`--format json` lists them all)
view-lanes-are = the lanes are { $ids }
two-lines = { $first }
    { $second }
parse-stopped = the parse stopped after { $count } syntax errors; fix these and run again to see what follows
place-header = the `flow` header
place-module = a `module`
place-phase = a `phase`
place-node = a node
attr-expects-date = a date written YYYY-MM-DD
attr-expects-direction = `right` or `down`
attr-expects-page = `slide`, `a4` or `none`
attr-expects-color = a color name or a quoted "#rrggbb"
attr-spelled-color = the attribute is spelled `color`
attr-spelled-color-and = the attribute is spelled `color`; { $help }
attr-accepts = { $place } accepts { $known }
attr-quote-label = { $accepts }; if `{ $name }` is meant as the label, quote it: `"{ $name }"`

## Watch
watch-sub-does-not-compile = `{ $calls }` does not compile: { $code } at { $at }: { $message }
watch-sub-cannot-open = cannot open `{ $calls }`: { $reason }
glyph-in-field = the { $name }
glyph-in-lane = lane `{ $id }`
glyph-in-module = module `{ $id }`
glyph-in-node = `{ $id }`
glyph-in-edge-label = the edge label
render-page-too-dense = page {$page}/{$count} comes out at {$points} pt on its page, under 9 pt: “{$what}” is too big for one page and is not split further
render-page-too-dense-help = split it into two phases, or let fewer roles share its steps
render-page-too-dense-help-ranks = declare phases (`phase …`) so the flow can be cut between them, or let fewer roles share these steps

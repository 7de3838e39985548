# --help texts by place: help-crmflow[-SUBCOMMAND…]-about, -long-about,
# -after-help, -arg-ID, -arg-ID-long. The English file is written from
# the command line's declarations (CRMFLOW_BLESS=1 cargo test help);
# the Chinese one is translated from it.

help-crmflow-about =
    Diagram-as-code compiler for CRM process flowcharts: parse, lint, lay out with swimlanes, render SVG

help-crmflow-after-help =
    The language: `crmflow help language` prints the reference (every construct,
    with examples).

    Shorthand:
    {""}  crmflow FLOW.crmflow OUT.svg [render options]   same as `crmflow render FLOW.crmflow -o OUT.svg`
    {""}  crmflow FLOW.crmflow                            same as `crmflow render FLOW.crmflow`

    Environment (a flag on the command line wins):
    {""}  CRMFLOW_THEME    --theme             CRMFLOW_FORMAT   render --format
    {""}  CRMFLOW_SCALE    --scale             CRMFLOW_OUT_DIR  render --out-dir
    {""}  CRMFLOW_FONT     --font              CRMFLOW_CONFIG   --config
    {""}  CRMFLOW_LANG     --lang              CRMFLOW_COLOR    --color (NO_COLOR is honoured too)
    {""}  CRMFLOW_PAGE     render --page       CRMFLOW_TODAY    the date stale-review counts from
    {""}                                                        (YYYY-MM-DD), for reproducible CI
    {""}  CRMFLOW_LIMITS   input limits, e.g. nodes=100000,file-size=64MiB,text-chars=5000

    Exit codes:
    {""}  0  success
    {""}  1  lint found errors (or warnings over --max-warnings, or any with
    {""}     render --deny-warnings); render --check / fmt --check / md --check
    {""}     found stale files
    {""}  2  the input does not parse or resolve
    {""}  3  usage or I/O error

help-crmflow-arg-color =
    When to use colors and fancy graphics in diagnostics

help-crmflow-arg-color-value-auto =
    Fancy on a terminal (unless NO_COLOR is set), plain otherwise

help-crmflow-arg-color-value-always =
    Always fancy

help-crmflow-arg-color-value-never =
    Always plain

help-crmflow-arg-lang =
    The language of messages, help and reports, and of the template `new` and `templates show` write (default: the system locale, else English). Codes, spans and JSON/SARIF do not change with it

help-crmflow-check-about =
    Lint flows: parse, resolve and run the lint rules; print every problem

help-crmflow-check-after-help =
    Examples:
    {""}  crmflow check examples/
    {""}  crmflow check 'docs/**/*.crmflow' --format sarif > crmflow.sarif
    {""}  crmflow check flow.crmflow --max-warnings 0
    {""}  crmflow check --explain dead-end

    Configuration: the nearest crmflow.yaml above each file (or --config):
    {""}  lint:
    {""}    preset: recommended        # or strict
    {""}    rules:
    {""}      duplicate-label: off
    {""}      stale-review: {"{"} severity: error, max-age-days: 90 {"}"}
    Suppress one finding in the file: `# crmflow-ignore: dead-end -- why`.

    Exit codes:
    {""}  0  success
    {""}  1  lint found errors (or warnings over --max-warnings, or any with
    {""}     render --deny-warnings); a --check found stale files
    {""}  2  the input does not parse or resolve
    {""}  3  usage or I/O error

help-crmflow-check-arg-files =
    Files, folders (searched for `*.crmflow`) or glob patterns; `-` reads standard input

help-crmflow-check-arg-format =
    How to print diagnostics

help-crmflow-check-arg-format-value-human =
    Annotated source excerpts

help-crmflow-check-arg-format-value-json =
    One JSON document on standard output

help-crmflow-check-arg-format-value-sarif =
    SARIF 2.1.0 on standard output, for GitHub code scanning

help-crmflow-check-arg-format-value-github =
    GitHub Actions annotations (`::error file=…`) on standard output

help-crmflow-check-arg-config =
    The crmflow.yaml to use for every file (default: the nearest one above each file)

help-crmflow-check-arg-max-warnings =
    Fail (exit 1) when there are more warnings than this

help-crmflow-check-arg-explain =
    Print a rule's documentation (by name or code) and exit

help-crmflow-check-arg-list-rules =
    List every rule with its code and levels, and exit

help-crmflow-render-about =
    Render flows — one file, folders or glob patterns — to SVG, PNG or PDF, or to an export format (layout JSON, flow JSON, Mermaid, draw.io, BPMN)

help-crmflow-render-after-help =
    Examples:
    {""}  crmflow render examples/lead-to-contract.crmflow -o lead.svg
    {""}  crmflow render examples/customer-lifecycle.crmflow -o lifecycle.png --scale 3
    {""}  crmflow render flow.crmflow -o flow.pdf --theme print
    {""}  crmflow render docs/ --out-dir site/img --format svg,png
    {""}  crmflow render 'docs/**/*.crmflow' --check   # CI: are the committed diagrams up to date?
    {""}  cat flow.crmflow | crmflow render - -o -

    Exit codes:
    {""}  0  success
    {""}  1  lint found errors (or warnings over --max-warnings, or any with
    {""}     render --deny-warnings); a --check found stale files
    {""}  2  the input does not parse or resolve
    {""}  3  usage or I/O error

help-crmflow-render-arg-files =
    Flows to render: files, folders (searched for `*.crmflow`) or glob patterns; `-` reads standard input

help-crmflow-render-arg-output =
    Where to write, for one input (`-` for standard output). Default: the input path with the format's extension, or standard output when reading standard input

help-crmflow-render-arg-out-dir =
    Write into this folder, mirroring the inputs' tree (a folder argument's files keep their path below it)

help-crmflow-render-arg-format =
    What to write; several at once with commas (`svg,png`). Default: from the output's extension (`.svg`, `.png`, `.pdf`; `.json` gives `layout-json`), else `svg`

help-crmflow-render-arg-format-value-svg =
    the diagram as SVG

help-crmflow-render-arg-format-value-png =
    the diagram as PNG (see --scale)

help-crmflow-render-arg-format-value-pdf =
    the diagram as PDF, text kept as text

help-crmflow-render-arg-format-value-layout-json =
    the positioned layout as neutral JSON (node boxes, edge polylines, lane bands)

help-crmflow-render-arg-format-value-json =
    the resolved flow as JSON for other tools (schema crmflow-flow/2, docs/export.md)

help-crmflow-render-arg-format-value-mermaid =
    a Mermaid flowchart (lanes as subgraphs), for GitHub comments and wikis

help-crmflow-render-arg-format-value-drawio =
    an editable draw.io / diagrams.net file with this layout (to Visio, Lucidchart from there)

help-crmflow-render-arg-format-value-bpmn =
    BPMN 2.0 XML with diagram interchange, for process tools (Camunda, bpmn.io, Signavio)

help-crmflow-render-arg-check =
    Write nothing: render in memory and compare with the files on disk; list the stale and missing ones and exit 1 if there are any

help-crmflow-render-arg-verbose =
    Print a line for every file (a progress bar is shown on a terminal otherwise)

help-crmflow-render-arg-quiet =
    Print only problems: not the line saying what was written

help-crmflow-render-arg-theme =
    Colors. Default: `render.theme` in crmflow.yaml, else `default`

help-crmflow-render-arg-theme-value-default =
    module colors on white

help-crmflow-render-arg-theme-value-print =
    black and white, modules as gray levels

help-crmflow-render-arg-theme-value-dark =
    light on dark, for projectors

help-crmflow-render-arg-scale =
    Device pixels per SVG unit for PNG. Default: `render.scale` in crmflow.yaml, else 2

help-crmflow-render-arg-font =
    A font file (OTF/TTF) to measure and draw with instead of the bundled one, e.g. for characters outside its 3,755 common hanzi

help-crmflow-render-arg-lane-order =
    Order of the lanes: as declared in the file, or `auto`: the order with the shortest hand-offs between lanes. Default: `render.lane-order` in crmflow.yaml, else `declared`

help-crmflow-render-arg-lane-order-value-declared =
    As declared in the file (the default: the analyst's order)

help-crmflow-render-arg-lane-order-value-auto =
    The order with the shortest hand-offs

help-crmflow-render-arg-page =
    The page the drawing is made for: its spacing (and, where the flow sets none, its direction) is chosen so that its text comes out largest on that page. Default: the flow's `page`, else `render.page` in crmflow.yaml, else `slide`

help-crmflow-render-arg-page-value-slide =
    A 16:9 slide (12.3 × 6.2 in of content), the default

help-crmflow-render-arg-page-value-a4 =
    An A4 page (10.7 × 7.3 in of content), either orientation

help-crmflow-render-arg-page-value-none =
    No page: the usual spacing, as declared

help-crmflow-render-arg-lanes =
    A role view: draw these lanes (ids, comma-separated) in full and collapse every other lane to one step, so its band is thin but the hand-offs in and out still show

help-crmflow-render-arg-embed-font =
    SVG only: turn text into outlines, so the drawing looks the same in any viewer, with or without the font (links are dropped)

help-crmflow-render-arg-config =
    The crmflow.yaml to use (default: the nearest one above the file)

help-crmflow-render-arg-deny-warnings =
    Exit 1 when lint finds warnings (errors always do)

help-crmflow-render-arg-no-lint =
    Do not lint (render only)

help-crmflow-watch-about =
    Recompile on every save: write the output and/or serve a live preview page for review meetings

help-crmflow-watch-after-help =
    Examples:
    {""}  crmflow watch flow.crmflow --serve --open
    {""}  crmflow watch flow.crmflow -o flow.svg
    {""}  crmflow watch flow.crmflow -o flow.png --serve 0.0.0.0:8080

    The page updates in place on each save (zoom and scroll are kept), shows
    errors in a banner over the last good diagram, outlines nodes with lint
    findings (L toggles), and has fit (F), zoom, fullscreen (Shift+F), theme (T)
    and lane filter controls. For meetings: presenter mode (S, ?present=1: text
    readable from the back of the room), a walkthrough of every journey (W), and
    what the last save changed (C). It speaks the browser's language (?lang=zh).
    Ctrl-C stops.

    Exit codes:
    {""}  0  success
    {""}  1  lint found errors (or warnings over --max-warnings, or any with
    {""}     render --deny-warnings); a --check found stale files
    {""}  2  the input does not parse or resolve
    {""}  3  usage or I/O error

help-crmflow-watch-arg-file =
    The flow to watch

help-crmflow-watch-arg-output =
    Also write the diagram here on every good compile (`.svg`, `.png`, `.pdf`), atomically; a broken save never overwrites it

help-crmflow-watch-arg-serve =
    Serve a live preview page. ADDR: `PORT`, `HOST`, or `HOST:PORT` (default: 127.0.0.1 on a free port)

help-crmflow-watch-arg-open =
    Open the preview page in the default browser

help-crmflow-watch-arg-theme =
    Colors. Default: `render.theme` in crmflow.yaml, else `default`

help-crmflow-watch-arg-theme-value-default =
    module colors on white

help-crmflow-watch-arg-theme-value-print =
    black and white, modules as gray levels

help-crmflow-watch-arg-theme-value-dark =
    light on dark, for projectors

help-crmflow-watch-arg-scale =
    Device pixels per SVG unit for PNG. Default: `render.scale` in crmflow.yaml, else 2

help-crmflow-watch-arg-font =
    A font file (OTF/TTF) to measure and draw with instead of the bundled one, e.g. for characters outside its 3,755 common hanzi

help-crmflow-watch-arg-lane-order =
    Order of the lanes: as declared in the file, or `auto`: the order with the shortest hand-offs between lanes. Default: `render.lane-order` in crmflow.yaml, else `declared`

help-crmflow-watch-arg-lane-order-value-declared =
    As declared in the file (the default: the analyst's order)

help-crmflow-watch-arg-lane-order-value-auto =
    The order with the shortest hand-offs

help-crmflow-watch-arg-page =
    The page the drawing is made for: its spacing (and, where the flow sets none, its direction) is chosen so that its text comes out largest on that page. Default: the flow's `page`, else `render.page` in crmflow.yaml, else `slide`

help-crmflow-watch-arg-page-value-slide =
    A 16:9 slide (12.3 × 6.2 in of content), the default

help-crmflow-watch-arg-page-value-a4 =
    An A4 page (10.7 × 7.3 in of content), either orientation

help-crmflow-watch-arg-page-value-none =
    No page: the usual spacing, as declared

help-crmflow-watch-arg-lanes =
    A role view: draw these lanes (ids, comma-separated) in full and collapse every other lane to one step, so its band is thin but the hand-offs in and out still show

help-crmflow-watch-arg-config =
    The crmflow.yaml to use (default: the nearest one above the file)

help-crmflow-watch-arg-no-lint =
    Do not lint (no overlay, no findings)

help-crmflow-watch-arg-debounce =
    Merge file events closer than this many milliseconds (one save is often several events)

help-crmflow-watch-arg-poll =
    Re-check the files every this many milliseconds, for changes the operating system did not report

help-crmflow-new-about =
    Start a new flow from a template (or a minimal commented one)

help-crmflow-new-after-help =
    Examples:
    {""}  crmflow new onboarding.crmflow
    {""}  crmflow new complaints.crmflow --template complaint-handling --lang zh
    {""}  crmflow new flows/lead.crmflow --template lead-to-contract --with-config

    Exit codes:
    {""}  0  success
    {""}  1  lint found errors (or warnings over --max-warnings, or any with
    {""}     render --deny-warnings); a --check found stale files
    {""}  2  the input does not parse or resolve
    {""}  3  usage or I/O error

help-crmflow-new-arg-file =
    The file to create (`.crmflow`)

help-crmflow-new-arg-template =
    The template to start from (`crmflow templates` lists them); without it, a minimal commented flow

help-crmflow-new-arg-force =
    Overwrite the file (and crmflow.yaml) if it exists

help-crmflow-new-arg-with-config =
    Also write a commented crmflow.yaml next to it

help-crmflow-paths-about =
    List every journey from a start to an end (step 8 of the ten-step method: test the flow by walking each one)

help-crmflow-paths-after-help =
    Example:
    {""}  crmflow paths templates/ten-step.en.crmflow

    Exit codes:
    {""}  0  success
    {""}  1  lint found errors (or warnings over --max-warnings, or any with
    {""}     render --deny-warnings); a --check found stale files
    {""}  2  the input does not parse or resolve
    {""}  3  usage or I/O error

help-crmflow-paths-arg-file =
    The flow (`-` reads standard input)

help-crmflow-paths-arg-limit =
    Show at most this many journeys

help-crmflow-fmt-about =
    Rewrite files in the canonical layout (comments kept)

help-crmflow-fmt-after-help =
    Examples:
    {""}  crmflow fmt flows/
    {""}  crmflow fmt --check 'docs/**/*.crmflow'   # CI: exit 1 and a diff when a file is not formatted
    {""}  cat flow.crmflow | crmflow fmt - > formatted.crmflow

    The layout: declarations of one kind aligned in columns, one space around
    arrows, canonical quoting, blocks indented two spaces, one blank line between
    sections, labelled edges aligned, every comment where it was; the file keeps
    its line endings (CRLF, LF or CR) and byte-order mark. The formatted file
    always means the same flow; formatting twice changes nothing.

    Exit codes:
    {""}  0  success
    {""}  1  lint found errors (or warnings over --max-warnings, or any with
    {""}     render --deny-warnings); a --check found stale files
    {""}  2  the input does not parse or resolve
    {""}  3  usage or I/O error

help-crmflow-fmt-arg-files =
    Files, folders (searched for `*.crmflow`) or glob patterns; `-` formats standard input to standard output

help-crmflow-fmt-arg-check =
    Change nothing; print a diff and exit 1 when a file is not formatted

help-crmflow-md-about =
    Render the ```crmflow blocks of Markdown files to images and link them after each block

help-crmflow-md-after-help =
    Examples:
    {""}  crmflow md README.md --in-place --out-dir docs/img
    {""}  crmflow md docs/process.md -o build/process.md
    {""}  crmflow md docs/*.md --in-place --check     # CI: are the pictures up to date?

    Each block stays; right after it comes ![title](img/FILE-<hash>.svg), named
    by a hash of the block, so a rerun changes nothing unless a block did.

    Exit codes:
    {""}  0  success
    {""}  1  lint found errors (or warnings over --max-warnings, or any with
    {""}     render --deny-warnings); a --check found stale files
    {""}  2  the input does not parse or resolve
    {""}  3  usage or I/O error

help-crmflow-md-arg-files =
    Markdown files

help-crmflow-md-arg-out-dir =
    Where the images go (default: next to each Markdown file)

help-crmflow-md-arg-in-place =
    Rewrite the Markdown files themselves

help-crmflow-md-arg-output =
    Write the Markdown here (default: standard output)

help-crmflow-md-arg-check =
    Change nothing; exit 1 when an image or a Markdown file is out of date

help-crmflow-md-arg-format =
    Image format

help-crmflow-md-arg-format-value-svg =
    SVG (sharp at any zoom; text stays text)

help-crmflow-md-arg-format-value-png =
    PNG at 2x

help-crmflow-md-arg-theme =
    Colors (default: `render.theme` in crmflow.yaml, else `default`)

help-crmflow-md-arg-theme-value-default =
    module colors on white

help-crmflow-md-arg-theme-value-print =
    black and white, modules as gray levels

help-crmflow-md-arg-theme-value-dark =
    light on dark, for projectors

help-crmflow-md-arg-config =
    The crmflow.yaml to use (default: the nearest one above each file)

help-crmflow-md-arg-inline =
    Replace each block by its drawing as inline SVG (for a docs build; no image files). `-` reads the Markdown from standard input

help-crmflow-md-arg-stdin-name =
    With `--inline -`: the page's path, for diagnostics and crmflow.yaml

help-crmflow-mdbook-about =
    mdBook preprocessor: draw a book's ```crmflow blocks inline

help-crmflow-mdbook-after-help =
    In book.toml:
    {""}  [preprocessor.crmflow]
    {""}  command = "crmflow mdbook"
    {""}  # theme = "print"

    mdBook hands the book over as JSON on standard input and reads it back;
    every ```crmflow block becomes its drawing (inline SVG). A block that does
    not parse, or whose lint has an error, fails the build at its file, line and
    column.

    Exit codes:
    {""}  0  success
    {""}  1  lint found errors (or warnings over --max-warnings, or any with
    {""}     render --deny-warnings); a --check found stale files
    {""}  2  the input does not parse or resolve
    {""}  3  usage or I/O error

help-crmflow-mdbook-arg-theme =
    Colors (default: `theme` in book.toml's [preprocessor.crmflow], else crmflow.yaml's `render.theme`, else `default`)

help-crmflow-mdbook-arg-theme-value-default =
    module colors on white

help-crmflow-mdbook-arg-theme-value-print =
    black and white, modules as gray levels

help-crmflow-mdbook-arg-theme-value-dark =
    light on dark, for projectors

help-crmflow-mdbook-arg-config =
    The crmflow.yaml to use (default: the nearest one above each chapter)

help-crmflow-mdbook-supports-about =
    Whether the preprocessor works with a renderer (every one: yes)

help-crmflow-mdbook-supports-arg-renderer =
    The renderer's name (html, markdown, …)

help-crmflow-completions-about =
    Print shell completions (bash, zsh, fish, elvish, powershell)

help-crmflow-completions-after-help =
    Examples:
    {""}  crmflow completions bash > ~/.local/share/bash-completion/completions/crmflow
    {""}  crmflow completions zsh > ~/.zfunc/_crmflow
    {""}  crmflow completions fish > ~/.config/fish/completions/crmflow.fish

help-crmflow-completions-arg-shell =
    The shell

help-crmflow-man-about =
    Print the man page, or write one per subcommand into a folder

help-crmflow-man-after-help =
    Examples:
    {""}  crmflow man | man -l -
    {""}  crmflow man --out-dir /usr/local/share/man/man1

help-crmflow-man-arg-out-dir =
    Write crmflow.1 and crmflow-SUBCOMMAND.1 here instead

help-crmflow-sop-about =
    Write the standard operating procedure: per role, its steps in flow order with inputs, outputs, hand-offs, decisions and loops

help-crmflow-sop-after-help =
    Examples:
    {""}  crmflow sop templates/ten-step.zh.crmflow -o 作业程序.md
    {""}  crmflow sop flow.crmflow --format html -o sop.html

    Exit codes:
    {""}  0  success
    {""}  1  lint found errors (or warnings over --max-warnings, or any with
    {""}     render --deny-warnings); a --check found stale files
    {""}  2  the input does not parse or resolve
    {""}  3  usage or I/O error

help-crmflow-sop-arg-file =
    The flow (`-` reads standard input)

help-crmflow-sop-arg-output =
    Output file (`-`: standard output, the default)

help-crmflow-sop-arg-format =
    Markdown, or one HTML page to print or share

help-crmflow-sop-arg-format-value-md =
    Markdown

help-crmflow-sop-arg-format-value-html =
    A self-contained HTML page

help-crmflow-stats-about =
    Figures for measuring a process: counts by kind, lane and module, the hand-off matrix, decisions, loops, complexity, and the shortest and longest journey

help-crmflow-stats-after-help =
    Examples:
    {""}  crmflow stats templates/ten-step.en.crmflow
    {""}  crmflow stats flow.crmflow --format json

    Exit codes:
    {""}  0  success
    {""}  1  lint found errors (or warnings over --max-warnings, or any with
    {""}     render --deny-warnings); a --check found stale files
    {""}  2  the input does not parse or resolve
    {""}  3  usage or I/O error

help-crmflow-stats-arg-file =
    The flow (`-` reads standard input)

help-crmflow-stats-arg-format =
    A table for people, or JSON for scripts

help-crmflow-stats-arg-format-value-table =
    A table

help-crmflow-stats-arg-format-value-json =
    One JSON document

help-crmflow-export-about =
    Export a flow for other tools: the resolved flow as JSON, a Mermaid flowchart, an editable draw.io file, or BPMN 2.0 with its diagram

help-crmflow-export-after-help =
    Examples:
    {""}  crmflow export flow.crmflow --to mermaid            # flow.mmd
    {""}  crmflow export flow.crmflow --to json -o -          # the model on standard output
    {""}  crmflow export flow.crmflow --to drawio             # flow.drawio, editable in diagrams.net
    {""}  crmflow export flow.crmflow --to bpmn               # flow.bpmn, for BPMN modelers
    {""}  crmflow render docs/ --out-dir out --format svg,mermaid   # in batch mode too

    What a format cannot carry is reported as a warning (W310).

    Exit codes:
    {""}  0  success
    {""}  1  lint found errors (or warnings over --max-warnings, or any with
    {""}     render --deny-warnings); a --check found stale files
    {""}  2  the input does not parse or resolve
    {""}  3  usage or I/O error

help-crmflow-export-arg-file =
    The flow (`-` reads standard input)

help-crmflow-export-arg-to =
    The format: `json` (the resolved flow), `mermaid`, `drawio` or `bpmn`; any `render --format` name works

help-crmflow-export-arg-to-value-svg =
    the diagram as SVG

help-crmflow-export-arg-to-value-png =
    the diagram as PNG (see --scale)

help-crmflow-export-arg-to-value-pdf =
    the diagram as PDF, text kept as text

help-crmflow-export-arg-to-value-layout-json =
    the positioned layout as neutral JSON (node boxes, edge polylines, lane bands)

help-crmflow-export-arg-to-value-json =
    the resolved flow as JSON for other tools (schema crmflow-flow/2, docs/export.md)

help-crmflow-export-arg-to-value-mermaid =
    a Mermaid flowchart (lanes as subgraphs), for GitHub comments and wikis

help-crmflow-export-arg-to-value-drawio =
    an editable draw.io / diagrams.net file with this layout (to Visio, Lucidchart from there)

help-crmflow-export-arg-to-value-bpmn =
    BPMN 2.0 XML with diagram interchange, for process tools (Camunda, bpmn.io, Signavio)

help-crmflow-export-arg-output =
    Output file (`-`: standard output). Default: the input path with the format's extension (`flow.mmd`, `flow.crmflow.json`), or standard output for standard input

help-crmflow-export-arg-config =
    Use this crmflow.yaml instead of the nearest one

help-crmflow-lsp-about =
    Serve the Language Server Protocol on standard input and output, for editors (diagnostics as `check` gives them, completion, hover, go to definition, references, rename, formatting, quick fixes)

help-crmflow-lsp-after-help =
    Editors start it themselves; for example Neovim:
    {""}  vim.lsp.start({"{"} name = 'crmflow', cmd = {"{"} 'crmflow', 'lsp' {"}"} {"}"})

    The server reads each flow's crmflow.yaml and honours # crmflow-ignore.

    Exit codes:
    {""}  0  success
    {""}  1  lint found errors (or warnings over --max-warnings, or any with
    {""}     render --deny-warnings); a --check found stale files
    {""}  2  the input does not parse or resolve
    {""}  3  usage or I/O error

help-crmflow-language-about =
    Print the language reference: every construct, with examples

help-crmflow-templates-about =
    List the bundled templates, print one, or render them all

help-crmflow-templates-after-help =
    Examples:
    {""}  crmflow templates
    {""}  crmflow templates show ten-step --lang zh
    {""}  crmflow templates gallery docs/gallery

    Exit codes:
    {""}  0  success
    {""}  1  lint found errors (or warnings over --max-warnings, or any with
    {""}     render --deny-warnings); a --check found stale files
    {""}  2  the input does not parse or resolve
    {""}  3  usage or I/O error

help-crmflow-templates-show-about =
    Print a template

help-crmflow-templates-show-arg-name =
    The template's name

help-crmflow-templates-gallery-about =
    Render every template in both languages to SVG and PNG in a folder (the gallery in docs/gallery)

help-crmflow-templates-gallery-arg-dir =
    The folder to write into (created if missing)

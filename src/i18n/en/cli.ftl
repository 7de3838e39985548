## Counts and the summary line of a run
count-file = { $count } { $count ->
        [one] file
       *[other] files
    }
count-node = { $count } { $count ->
        [one] node
       *[other] nodes
    }
count-step = { $count } { $count ->
        [one] step
       *[other] steps
    }
count-error = { $count } { $count ->
        [one] error
       *[other] errors
    }
count-warning = { $count } { $count ->
        [one] warning
       *[other] warnings
    }
count-info = { $count } { $count ->
        [one] info
       *[other] infos
    }
count-lint-error = { $count } lint { $count ->
        [one] error
       *[other] errors
    }
count-control-edge = { $count } control { $count ->
        [one] edge
       *[other] edges
    }
count-data-edge = { $count } data { $count ->
        [one] edge
       *[other] edges
    }
summary-suppressed = {" "}({ $count } suppressed by crmflow-ignore)
summary-ok = ok: { $files } { $files ->
        [one] file
       *[other] files
    } checked, no problems
summary-found = { $files } { $files ->
        [one] file
       *[other] files
    } checked: { $counts } in { $with } { $with ->
        [one] file
       *[other] files
    }
summary-invalid = ; { $count } { $count ->
        [one] file
       *[other] files
    } did not compile
summary-unreadable = ; { $count } { $count ->
        [one] file
       *[other] files
    } could not be read

## Command line: messages and summaries
cli-error-o-one-output-many-inputs = error: -o names one output but there are { $inputs } inputs; use --out-dir
cli-error-o-one-output-many-formats = error: -o names one output but --format asks for { $formats }; use --out-dir
cli-error-embed-font-applies-svg = error: --embed-font applies to SVG output only
cli-error-check-compares-with-files = error: --check compares with files on disk; `-o -` names none
cli-error-standard-input-renders-alone = error: standard input (`-`) renders alone, to -o or standard output, without --check
cli-error-output-input-file-itself = error: the { $extension } output `{ $output }` is an input of this run; choose another output (-o, --out-dir) or name the flow `*.crmflow`
cli-error-and-would-both-written = error: `{ $other }` and `{ $path }` would both be written to `{ $output }`
cli-outputs-are-stale-or-missing = { $stale } of { $unchanged } outputs are stale or missing; run the same command without --check to update them
cli-outputs-up-date = { $unchanged } outputs up to date
cli-state-from = { $state }: { $output } (from { $path })
    {""}
cli-unformatted-files-not-formatted-run = { $unformatted } of { $files } files not formatted; run `crmflow fmt` on them
cli-error-formatting-would-change-meaning = error: formatting `{ $path }` would change its meaning; left as it is (please report this)
cli-error-o-one-output-many-markdown = error: -o names one output but there are { $files } Markdown files; use --in-place
cli-error-several-markdown-files-use = error: several Markdown files: use --in-place (or --check)
cli-out-date-run-same-command = { $stale } out of date; run the same command without --check
cli-error-not-utf-8-text = error: `{ $file }` is not UTF-8 text
cli-error-cannot-read-err = error: cannot read `{ $file }`: { $err }
cli-warning-at-crmflow-block-not = warning: { $file }:{ $at }: the ```crmflow block is not closed; left as it is (add the closing fence)
cli-stale-image-links = stale: { $file } (image links)
cli-error-watch-needs-file-not = error: watch needs a file, not standard input
cli-error-output-input-itself = error: the output `{ $output }` is the input itself
cli-warning-cannot-catch-ctrl-c = warning: cannot catch Ctrl-C: { $err }
cli-watching-ctrl-c-stop = watching { $file } (Ctrl-C to stop)
cli-warning-preview-served-beyond-this = warning: the preview is served beyond this machine: anyone on the network who has one of these links can see the flow; without the link's token the page is refused
cli-warning-cannot-open-browser-err = warning: cannot open a browser: { $err }
cli-serve-text-not-address-try = --serve: `{ $text }` is not an address (try 127.0.0.1:8080 or 8080)
cli-missing-missing-waiting-for-come = [missing] { $file } is missing; waiting for it to come back
    {""}
cli-unchanged = ; { $output } unchanged
cli-error-no-template-name-hint = error: no template `{ $name }`{ $hint }; `crmflow templates` lists them
cli-start-from-one-crmflow-new = Start from one: crmflow new FILE.crmflow --template NAME [--lang zh|en]
cli-wrote-templates-2-languages-svg = wrote { $templates } templates × 2 languages (SVG + PNG) to { $dir }
cli-name-template = the `{ $name }` template
cli-minimal-flow = a minimal flow
cli-error-should-end-crmflow-that = error: `{ $file }` should end in .crmflow (that is how `crmflow check DIR` finds flows)
cli-error-already-exists-use-force = error: `{ $target }` already exists; use --force to overwrite it
cli-error-cannot-create-folder-does = error: cannot create `{ $file }`: the folder `{ $parent }` does not exist
cli-stopped-after-count-journeys-there = stopped after { $count } journeys: there are more (raise --limit, or simplify the flow)
cli-wrote = wrote { $path }
cli-unchanged-file = unchanged: { $path }
cli-formatted = formatted { $path }
cli-preview = preview: { $url }
cli-stopped = stopped
cli-journey = { $number }. { $first } → { $last } ({ $steps } { $steps ->
        [one] step
       *[other] steps
    })
cli-journey-loop = { $number }. { $first } → … → { $last } again ({ $steps } { $steps ->
        [one] step
       *[other] steps
    }, then a loop back)
cli-journey-back = {"  "}   ↺  back to step { $step }: { $label }
cli-cannot-create-err = cannot create `{ $dir }`: { $err }
cli-cannot-write-man-page-err = cannot write the man page: { $err }
cli-error-crmflow-lsp-message = error: crmflow lsp: { $message }
cli-error-more-than-max-warnings = error: { $warnings } { $warnings ->
        [one] warning
       *[other] warnings
    }, more than --max-warnings { $max }
cli-rendered = rendered { $files } files: { $written } outputs written, { $unchanged } unchanged{ $failed ->
        [0] {""}
       *[other] , { $failed } failed
    }
cli-does-not-compile = [error] { $name } does not compile ({ $errors } { $errors ->
        [one] error
       *[other] errors
    }); { $keeping ->
        [yes] keeping the last good diagram
       *[no] waiting for a fix
    }
    {""}
cli-created = created { $file } from { $from } ({ $code })
cli-created-with-config = created { $file } from { $from } ({ $code }) and { $config }
cli-next-crmflow-render-crmflow-check = next: crmflow render { $file } && crmflow check { $file }
cli-journeys = { $journeys } { $journeys ->
        [one] journey
       *[other] journeys
    } from a start to an end, { $loops } { $loops ->
        [one] loop
       *[other] loops
    } back
cli-watch-ok = [ok] { $file }: { $nodes }, { $errors }, { $warnings }, { $ms } ms

## Files
io-cannot-read-standard-input-err = cannot read standard input: { $err }
io-standard-input-more-than-limit = standard input is more than the limit of { $limit } (raise `file-size` in CRMFLOW_LIMITS or crmflow.yaml's `limits:`)
io-no-files = no { $or } files in `{ $arg }`
io-bad-pattern-text-err = bad pattern `{ $text }`: { $err }
io-no-files-match-text = no files match `{ $text }`
io-skipped-symlink-outside = skipped `{ $path }`: a symlink to outside `{ $root }`
io-skipped-symlink-loop-back = skipped `{ $new }`: a symlink loop back to `{ $ancestor }`
io-cannot-create-err = cannot create `{ $folder }`: { $err }
io-crmflow-today-must-date-like = CRMFLOW_TODAY must be a date like 2026-11-24, got `{ $text }`
io-at-crmflow-block-not-closed = { $path }:{ $at }: the ```crmflow block is not closed; not checked
io-cannot-follow-err = cannot follow `{ $current }`: { $err }
io-cannot-write-too-many-levels = cannot write `{ $path }`: too many levels of symbolic links
io-cannot-write-standard-output-err = cannot write to standard output: { $err }
io-cannot-write-shown = cannot write `{ $shown }`: { $err }
io-cannot-write-shown-directory = cannot write `{ $shown }`: it is a directory
io-cannot-write-shown-only-regular = cannot write `{ $shown }`: it is a { $name }; only regular files, FIFOs and character devices are written
io-cannot-write-shown-file-read = cannot write `{ $shown }`: the file is read-only; make it writable or choose another output
io-cannot-write-shown-input = cannot write `{ $shown }`: it is an input of this run, and crmflow never replaces its own input; choose another output (-o)
io-cannot-read-font-e = cannot read font `{ $path }`: { $e }
io-no-such-file = no such file
io-permission-denied = permission denied
io-is-a-directory = it is a directory
io-not-regular = it is a { $kind }, not a regular file
io-too-large = it is { $size }, more than the limit of { $limit }

## The language server's fixes and hovers
lsp-fix-change-to = Change to `{ $word }`
lsp-fix-declare = Declare { $what } `{ $name }`
lsp-fix-ignore = Ignore `{ $rule }` here (crmflow-ignore)
lsp-fix-add-branch = Add a `{ $answer }` branch to `{ $id }`
lsp-none-declared = `{ $id }`: no { $what } of this name is declared
lsp-rename-same = `{ $id }` already has that name

## Limits, the preview server, the watcher
limit-not-a-number = limit `{ $name }` must be a whole number (bytes may end in KiB, MiB or GiB), got `{ $value }`
limit-unknown = unknown limit `{ $name }`{ $hint }
serve-cannot-listen = cannot listen on { $address }: { $err }
serve-cannot-start = cannot start the preview server: { $err }
watch-cannot-watch = cannot watch files: { $err }
stats-kinds = kinds
stats-lane = lane
stats-module = module
stats-handoffs = hand-offs
stats-handoffs-line = { $count } control edges change lane (rows: from, columns: to)
stats-phase = phase
stats-lane-phase = lane × phase
stats-lane-phase-line = steps per lane (rows) and phase (columns)
stats-phase-crossings = phase flow
stats-phase-crossings-line = { $forward } control edges move on to a later phase, { $backward } go back to an earlier one
stats-decisions = decisions
stats-decisions-line = { $decisions } · loops { $loops } · cyclomatic complexity { $complexity }
stats-journeys = journeys
stats-journeys-cut = { $count } (stopped counting)
stats-shortest = shortest
stats-longest = longest
stats-no-lane = (no lane)
stats-no-module = (no module)

# --help's own headings and flags (clap's words).
cli-help-usage = Usage:
cli-help-commands = Commands
cli-help-options = Options
cli-help-arguments = Arguments
cli-help-print-help = Print help
cli-help-print-version = Print version
cli-help-possible-values = Possible values:

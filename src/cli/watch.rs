//! `crmflow watch FILE [-o OUT] [--serve [ADDR]] [--open]`: compile on
//! start and on every save; write OUT atomically after each good compile,
//! push each state to the preview page, print each result.

use super::args::WatchArgs;
use super::io::{LoadError, load, write_atomic};
use super::settings::today_or_report;
use super::{exit, plural, report};
use crmflow::config;
use crmflow::export::Format;
use crmflow::files::read_regular;
use crmflow::i18n::t;
use crmflow::pipeline::FontCache;
use crmflow::pipeline::{self, FileFailure, FileRequest, Look};
use crmflow::watch::files::{FileWatcher, Wake};
use crmflow::watch::server::Preview;
use crmflow::watch::{Diagram, Problem, Snapshot, Status};
use crmflow::world::{Disk, Recording};
use crmflow::{Diag, Severity, SourceFile};
use std::net::{SocketAddr, ToSocketAddrs};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// How long a vanished file may stay away before it is reported missing
/// (an editor that renames the old file away and writes the new one).
const MISSING_GRACE: Duration = Duration::from_millis(100);

/// How long a save that does not compile is given to finish being written.
const SETTLE: Duration = Duration::from_millis(40);
/// How many times a compile waits for a save to settle.
const SETTLE_ATTEMPTS: u32 = 10;

/// Runs `watch`.
pub fn run(args: &WatchArgs, fancy: bool) -> u8 {
    let format = match output_format(args) {
        Ok(format) => format,
        Err(message) => {
            eprintln!("{message}");
            return exit::USAGE;
        }
    };
    let today = match today_or_report() {
        Ok(today) => today,
        Err(code) => return code,
    };
    let mut watcher = match FileWatcher::new(
        Duration::from_millis(args.debounce.max(1)),
        Duration::from_millis(args.poll.max(10)),
    ) {
        Ok(watcher) => watcher,
        Err(message) => {
            eprintln!("error: {message}");
            return exit::USAGE;
        }
    };
    let stopper = watcher.stopper();
    if let Err(err) = ctrlc::set_handler(move || stopper.stop()) {
        eprintln!(
            "{}",
            t("cli-warning-cannot-catch-ctrl-c").arg("err", err.to_string())
        );
    }
    let preview = match &args.serve {
        None => None,
        Some(address) => match parse_address(address).and_then(Preview::start) {
            Ok(preview) => Some(preview),
            Err(message) => {
                eprintln!("error: {message}");
                return exit::USAGE;
            }
        },
    };
    announce(args, preview.as_ref());
    let mut session = Session {
        args,
        format,
        today,
        fancy,
        serving: preview.is_some(),
        fonts: FontCache::default(),
        last_good: None,
        last_flow: None,
        written: None,
        printed_findings: String::new(),
        drawn_with: crmflow::render::Fonts::bundled(),
        log: String::new(),
    };
    // Follow the file before the first read: a save made while the first
    // compile runs must not be lost.
    let folder = args
        .file
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default();
    watcher.follow([args.file.clone(), folder.join(config::FILE_NAME)]);
    loop {
        let started = Instant::now();
        // A save caught half-written (an editor that truncates, then
        // writes) is compiled again once it settles rather than shown as
        // an error.
        let mut attempts = 0;
        let (snapshot, inputs) = loop {
            attempts += 1;
            match session.compile(started, attempts < SETTLE_ATTEMPTS) {
                Some(done) => break done,
                None => continue,
            }
        };
        if let Some(preview) = &preview {
            preview.set_fonts(session.drawn_with);
            preview.publish(&snapshot);
        }
        // Said once the page has it: whoever reads `[ok]` finds it served.
        eprint!("{}", std::mem::take(&mut session.log));
        watcher.follow(inputs);
        match watcher.wait() {
            Wake::Changed(_) => {}
            Wake::Stop => break,
        }
    }
    eprintln!("{}", t("cli-stopped"));
    exit::OK
}

/// The format `-o` names (`None` without `-o`), after the checks that need
/// nothing read: a file, not standard input; an output that is not the
/// input. The output layer's rule: an input of the run is never replaced.
fn output_format(args: &WatchArgs) -> Result<Option<Format>, String> {
    if args.file.as_os_str() == "-" {
        return Err(t("cli-error-watch-needs-file-not").to_string());
    }
    // The output layer's rule: an input of the run is never replaced.
    crmflow::files::protect(&args.file);
    if let Some(output) = &args.output
        && crmflow::files::is_protected(output)
    {
        return Err(t("cli-error-output-input-itself")
            .arg("output", &output.display())
            .to_string());
    }
    Ok(match &args.output {
        None => None,
        Some(output) => match Format::from_extension(output) {
            Some(format) => Some(format),
            None => {
                return Err(format!(
                    "error: {}",
                    crmflow::export::unsupported_output(output)
                ));
            }
        },
    })
}

/// Says what is watched, where the preview is served (and that it is
/// shared beyond this machine), and opens it when asked.
fn announce(args: &WatchArgs, preview: Option<&Preview>) {
    eprintln!(
        "{}",
        t("cli-watching-ctrl-c-stop").arg("file", &args.file.display())
    );
    if let Some(preview) = preview {
        for url in preview.urls() {
            eprintln!("{}", t("cli-preview").arg("url", url.to_string()));
        }
        if preview.is_shared() {
            eprintln!("{}", t("cli-warning-preview-served-beyond-this"));
        }
        if args.open
            && let Err(err) = opener::open_browser(preview.url())
        {
            eprintln!(
                "{}",
                t("cli-warning-cannot-open-browser-err").arg("err", err.to_string())
            );
        }
    }
}

/// `PORT`, `HOST`, `HOST:PORT` or `IP:PORT` → a socket address.
fn parse_address(text: &str) -> Result<SocketAddr, String> {
    if let Ok(address) = text.parse::<SocketAddr>() {
        return Ok(address);
    }
    if let Ok(port) = text.parse::<u16>() {
        return Ok(SocketAddr::from(([127, 0, 0, 1], port)));
    }
    if let Ok(ip) = text.parse::<std::net::IpAddr>() {
        return Ok(SocketAddr::new(ip, 0));
    }
    let with_port = if text.contains(':') {
        text.to_owned()
    } else {
        format!("{text}:0")
    };
    with_port
        .to_socket_addrs()
        .ok()
        .and_then(|mut addresses| addresses.next())
        .ok_or_else(|| {
            t("cli-serve-text-not-address-try")
                .arg("text", text)
                .to_string()
        })
}

/// The state carried from one compile to the next.
struct Session<'a> {
    args: &'a WatchArgs,
    format: Option<Format>,
    today: time::Date,
    fancy: bool,
    serving: bool,
    fonts: FontCache,
    last_good: Option<Arc<Diagram>>,
    /// The flow of the last good diagram, to tell what a save changed.
    last_flow: Option<crmflow::model::Flow>,
    /// The bytes last written to the output (unchanged output is not
    /// rewritten).
    written: Option<Vec<u8>>,
    /// The findings report last printed (printed again only when it changes).
    printed_findings: String,
    /// The font of the last good diagram.
    drawn_with: &'static crmflow::render::Fonts,
    /// What this compile has to say, printed once its snapshot is published.
    log: String,
}

impl Session<'_> {
    /// One compile: the snapshot to show and the files it read.
    /// `None` when the file was caught mid-save: it ends mid-line and
    /// changes within [`SETTLE`] (always); or, while `settle` allows
    /// waiting, it does not compile and changed while it was read, or it
    /// compiles but changed before the result was ready. Compile again.
    fn compile(&mut self, started: Instant, settle: bool) -> Option<(Snapshot, Vec<PathBuf>)> {
        let file = &self.args.file;
        // Everything this compile reads or looks for (the flow, each place a
        // crmflow.yaml may be, the config, fonts, `calls` targets) is what
        // the watcher follows next.
        let world = Recording::new(&Disk);
        world.note(file);
        let mut snapshot = Snapshot {
            file: file.display().to_string(),
            status: Status::Ok,
            problems: Vec::new(),
            diagram: self.last_good.clone(),
        };

        let stamp = file_stamp(file);
        let source = match self.read(file) {
            Ok(source) => source,
            Err(LoadError::Io(_)) if !file.exists() => {
                self.log.push_str(
                    &t("cli-missing-missing-waiting-for-come")
                        .arg("file", &file.display())
                        .to_string(),
                );
                snapshot.status = Status::Missing;
                return Some((snapshot, world.asked()));
            }
            Err(LoadError::Io(message)) => {
                return Some((self.failed(snapshot, "I/O", message, file), world.asked()));
            }
            Err(LoadError::NotUtf8(bad)) => {
                let (source, diag) = *bad;
                if settle && changed_since(file, &source) {
                    return None;
                }
                self.log.push_str(&report::human(
                    &source,
                    std::slice::from_ref(&diag),
                    self.fancy,
                ));
                return Some((self.invalid(snapshot, &source, &[diag]), world.asked()));
            }
        };

        let request = FileRequest {
            path: Some(file),
            explicit_config: self.args.config.as_deref(),
            config: None,
            look: &Look {
                // The served page steps through the pages of a big flow.
                pages: self.serving,
                ..self.args.look.look()
            },
            lint_today: (!self.args.no_lint).then_some(self.today),
            glyphs: self.format.is_none_or(Format::is_picture),
        };
        let (built, options, scale, settings) =
            match pipeline::build_file(&source, &request, &world, &mut self.fonts) {
                Ok(prepared) => (
                    prepared.built,
                    prepared.options,
                    prepared.scale,
                    prepared.lint,
                ),
                // The config can change the look and the lint rules.
                Err(FileFailure::Config(config, diags)) => {
                    self.log
                        .push_str(&report::human(&config, &diags, self.fancy));
                    return Some((self.invalid(snapshot, &config, &diags), world.asked()));
                }
                Err(FileFailure::Look(message, config)) => {
                    let at = config.as_deref().unwrap_or(file);
                    return Some((self.failed(snapshot, "font", message, at), world.asked()));
                }
                Err(FileFailure::Invalid(diags)) => {
                    if settle && changed_since(file, &source) {
                        return None;
                    }
                    self.log
                        .push_str(&report::human(&source, &diags, self.fancy));
                    return Some((self.invalid(snapshot, &source, &diags), world.asked()));
                }
            };
        // A save that happens to parse half-written: editors end a file
        // with a line break, a write cut short rarely does. Never shown,
        // however long the writer takes: the last good drawing stays until
        // the file holds still.
        let ends_mid_line = !source.text().is_empty() && !source.text().ends_with(['\n', '\r']);
        if ends_mid_line && changed_since(file, &source) {
            return None;
        }

        self.drawn_with = options.fonts;
        let findings = built.findings;
        let compiled = built.drawing.expect("a drawing was asked for");
        // Written to while we compiled: what we have is already old.
        if settle && file_stamp(file) != stamp {
            return None;
        }

        let wrote = self.write_output(&compiled, options.fonts, scale);
        let elapsed = started.elapsed().as_secs_f64() * 1000.0;

        self.log_compiled(file, &source, &compiled, &findings, &wrote, elapsed);
        let served = self.serving.then_some(crmflow::watch::Served {
            file,
            options: &options,
            lint: settings.as_ref(),
            world: &world,
        });
        let previous = match (&self.last_flow, &self.last_good) {
            (Some(flow), Some(good)) => Some((flow, good.as_ref())),
            _ => None,
        };
        let diagram = Diagram::next(&compiled, &source, &findings, elapsed, served, previous);
        self.last_flow = Some(compiled.flow.clone());
        let diagram = Arc::new(diagram);
        self.last_good = Some(diagram.clone());
        snapshot.diagram = Some(diagram);
        Some((snapshot, world.asked()))
    }

    /// The output file (`-o`): written only after a good compile, only
    /// when it changed; what to add to the log line.
    fn write_output(
        &mut self,
        compiled: &crmflow::Compiled,
        fonts: &crmflow::render::Fonts,
        scale: f32,
    ) -> String {
        let mut wrote = String::new();
        if let (Some(output), Some(format)) = (&self.args.output, self.format) {
            match format.encode(compiled, fonts, scale, false) {
                Ok(bytes) if self.written.as_ref() == Some(&bytes) && output.exists() => {
                    wrote = t("cli-unchanged")
                        .arg("output", &output.display())
                        .to_string();
                }
                Ok(bytes) => match write_atomic(output, &bytes) {
                    Ok(()) => {
                        wrote = format!(" → {}", output.display());
                        self.written = Some(bytes);
                    }
                    Err(message) => self.log.push_str(&format!("[error] {message}\n")),
                },
                Err(message) => self.log.push_str(&format!("[error] {message}\n")),
            }
        }
        wrote
    }

    /// Logs the compile: its findings when they changed, and one line.
    fn log_compiled(
        &mut self,
        file: &Path,
        source: &SourceFile,
        compiled: &crmflow::Compiled,
        findings: &[Diag],
        wrote: &str,
        elapsed: f64,
    ) {
        let report = if findings.is_empty() {
            String::new()
        } else {
            report::human(source, findings, self.fancy)
        };
        if report != self.printed_findings {
            self.log.push_str(&report);
            self.printed_findings = report;
        }
        let count = |severity| findings.iter().filter(|f| f.severity == severity).count();
        self.log.push_str(&format!(
            "{}{wrote}\n",
            t("cli-watch-ok")
                .arg(
                    "file",
                    report::printable(&file.display().to_string()).into_owned()
                )
                .arg("nodes", plural(compiled.flow.nodes.len(), "node"))
                .arg("errors", plural(count(Severity::Error), "lint error"))
                .arg("warnings", plural(count(Severity::Warning), "warning"))
                .arg("ms", format!("{elapsed:.1}"))
        ));
    }

    /// Reads the file, giving a file that has just vanished a moment to
    /// come back (an editor mid-save).
    fn read(&self, file: &Path) -> Result<SourceFile, LoadError> {
        match load(file, &Disk) {
            Err(LoadError::Io(_)) if !file.exists() => {
                std::thread::sleep(MISSING_GRACE);
                load(file, &Disk)
            }
            other => other,
        }
    }

    /// A snapshot for a problem outside the flow's text (an unreadable
    /// file, a font that does not load); the message is logged too.
    fn failed(
        &mut self,
        mut snapshot: Snapshot,
        code: &str,
        message: String,
        at: &Path,
    ) -> Snapshot {
        self.log.push_str(&format!("[error] {message}\n"));
        snapshot.status = Status::Invalid;
        snapshot.problems.push(Problem {
            severity: "error",
            code: code.into(),
            message: crmflow::watch::Localized::same(message),
            help: None,
            location: at.display().to_string(),
            node: None,
            edge: None,
        });
        snapshot
    }

    fn invalid(&mut self, mut snapshot: Snapshot, source: &SourceFile, diags: &[Diag]) -> Snapshot {
        let errors = diags
            .iter()
            .filter(|diag| diag.severity == Severity::Error)
            .count();
        let keeping = self.args.output.is_some() || self.serving;
        self.log.push_str(
            &t("cli-does-not-compile")
                .arg("errors", errors)
                .arg("name", source.name())
                .arg("keeping", if keeping { "yes" } else { "no" })
                .to_string(),
        );
        snapshot.status = Status::Invalid;
        snapshot.problems = diags
            .iter()
            .map(|diag| Problem::new(source, diag, None))
            .collect();
        snapshot
    }
}

/// What changes when a file is written to: its size, modification time
/// and inode.
fn file_stamp(file: &Path) -> Option<(u64, Option<std::time::SystemTime>, u64)> {
    let metadata = std::fs::metadata(file).ok()?;
    #[cfg(unix)]
    let inode = std::os::unix::fs::MetadataExt::ino(&metadata);
    #[cfg(not(unix))]
    let inode = 0;
    Some((metadata.len(), metadata.modified().ok(), inode))
}

/// Whether `file` was caught mid-save: after a short wait it no longer
/// holds `source`'s text, or it is still empty (an editor that truncates
/// and then writes; a flow is never empty on purpose for long).
fn changed_since(file: &Path, source: &SourceFile) -> bool {
    std::thread::sleep(SETTLE);
    read_regular(file, crmflow::limits::current().file_bytes).map_or(true, |bytes| {
        bytes != source.text().as_bytes() || bytes.iter().all(u8::is_ascii_whitespace)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serve_addresses() {
        assert_eq!(
            parse_address("8080").unwrap(),
            "127.0.0.1:8080".parse().unwrap()
        );
        assert_eq!(
            parse_address("0.0.0.0").unwrap(),
            "0.0.0.0:0".parse().unwrap()
        );
        assert_eq!(
            parse_address("127.0.0.1:0").unwrap(),
            "127.0.0.1:0".parse().unwrap()
        );
        assert!(parse_address("localhost:9000").unwrap().ip().is_loopback());
        assert!(parse_address("not an address").is_err());
    }
}

//! One watched file's compile loop: read it (giving an editor mid-save a
//! moment), compile and lint it, write the output when it changed, and
//! give the [`Snapshot`] the preview shows and the files to follow next.
//! What to print is gathered in a log the caller prints once the snapshot
//! is published.

use super::{Diagram, Problem, Served, Snapshot, Status};
use crate::batch::{LoadError, load};
use crate::export::Format;
use crate::files::read_regular;
use crate::i18n::t;
use crate::pipeline::{self, FileFailure, FileRequest, FontCache, Look};
use crate::report::{self, plural};
use crate::world::{Disk, Recording};
use crate::{Diag, Severity, SourceFile};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

/// What a watch session is asked to do.
pub struct Settings {
    /// The watched flow.
    pub file: PathBuf,
    /// `-o`: the output written after each good compile, and its format.
    pub output: Option<(PathBuf, Format)>,
    /// `--config`, else the nearest `crmflow.yaml` is looked for.
    pub config: Option<PathBuf>,
    /// The look asked for on the command line.
    pub look: Look,
    /// Lint as of this day (`None`: `--no-lint`).
    pub today: Option<time::Date>,
    /// Reports in colour, for a terminal.
    pub fancy: bool,
    /// A preview page is served (it steps through a big flow's pages).
    pub serving: bool,
}

/// How long a vanished file may stay away before it is reported missing
/// (an editor that renames the old file away and writes the new one).
const MISSING_GRACE: Duration = Duration::from_millis(100);

/// How long a save that does not compile is given to finish being written.
const SETTLE: Duration = Duration::from_millis(40);
/// How many times a compile waits for a save to settle.
const SETTLE_ATTEMPTS: u32 = 10;

/// The state carried from one compile to the next.
pub struct Session {
    settings: Settings,
    fonts: FontCache,
    last_good: Option<Arc<Diagram>>,
    /// The flow of the last good diagram, to tell what a save changed.
    last_flow: Option<crate::model::Flow>,
    /// The bytes last written to the output (unchanged output is not
    /// rewritten).
    written: Option<Vec<u8>>,
    /// The findings report last printed (printed again only when it changes).
    printed_findings: String,
    /// The font of the last good diagram.
    drawn_with: &'static crate::render::Fonts,
    /// What this compile has to say, printed once its snapshot is published.
    log: String,
}

impl Session {
    /// A session that has compiled nothing yet.
    pub fn new(settings: Settings) -> Session {
        Session {
            settings,
            fonts: FontCache::default(),
            last_good: None,
            last_flow: None,
            written: None,
            printed_findings: String::new(),
            drawn_with: crate::render::Fonts::bundled(),
            log: String::new(),
        }
    }

    /// Compiles the file once it holds still: a save caught half-written
    /// (an editor that truncates, then writes) is compiled again once it
    /// settles rather than shown as an error. The snapshot to show and the
    /// files the compile read (the ones to follow next).
    pub fn compile_settled(&mut self) -> (Snapshot, Vec<PathBuf>) {
        let started = Instant::now();
        let mut attempts = 0;
        loop {
            attempts += 1;
            if let Some(done) = self.compile(started, attempts < SETTLE_ATTEMPTS) {
                return done;
            }
        }
    }

    /// What the compiles since the last call have to say.
    pub fn take_log(&mut self) -> String {
        std::mem::take(&mut self.log)
    }

    /// The font of the last good diagram (the preview serves it).
    pub fn drawn_with(&self) -> &'static crate::render::Fonts {
        self.drawn_with
    }

    /// One compile: the snapshot to show and the files it read.
    /// `None` when the file was caught mid-save: it ends mid-line and
    /// changes within [`SETTLE`] (always); or, while `settle` allows
    /// waiting, it does not compile and changed while it was read, or it
    /// compiles but changed before the result was ready. Compile again.
    fn compile(&mut self, started: Instant, settle: bool) -> Option<(Snapshot, Vec<PathBuf>)> {
        let file = self.settings.file.clone();
        let file = file.as_path();
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
                    self.settings.fancy,
                ));
                return Some((self.invalid(snapshot, &source, &[diag]), world.asked()));
            }
        };

        let request = FileRequest {
            path: Some(file),
            explicit_config: self.settings.config.as_deref(),
            config: None,
            look: &Look {
                // The served page steps through the pages of a big flow.
                pages: self.settings.serving,
                ..self.settings.look.clone()
            },
            lint_today: self.settings.today,
            glyphs: (self.settings.output.as_ref()).is_none_or(|(_, format)| format.is_picture()),
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
                        .push_str(&report::human(&config, &diags, self.settings.fancy));
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
                        .push_str(&report::human(&source, &diags, self.settings.fancy));
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
        let served = self.settings.serving.then_some(Served {
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
        compiled: &crate::Compiled,
        fonts: &crate::render::Fonts,
        scale: f32,
    ) -> String {
        let mut wrote = String::new();
        if let Some((output, format)) = &self.settings.output {
            match format.encode(compiled, fonts, scale, false) {
                Ok(bytes) if self.written.as_ref() == Some(&bytes) && output.exists() => {
                    wrote = t("cli-unchanged")
                        .arg("output", &output.display())
                        .to_string();
                }
                Ok(bytes) => match crate::files::write_output(output, &bytes) {
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
        compiled: &crate::Compiled,
        findings: &[Diag],
        wrote: &str,
        elapsed: f64,
    ) {
        let report = if findings.is_empty() {
            String::new()
        } else {
            report::human(source, findings, self.settings.fancy)
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
            message: crate::watch::Localized::same(message),
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
        let keeping = self.settings.output.is_some() || self.settings.serving;
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
    read_regular(file, crate::limits::current().file_bytes).map_or(true, |bytes| {
        bytes != source.text().as_bytes() || bytes.iter().all(u8::is_ascii_whitespace)
    })
}

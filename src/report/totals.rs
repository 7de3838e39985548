//! Counting findings over a run of many files, and saying it in one line.

use crate::i18n::t;
use crate::{Diag, Severity};

/// `1 file`, `2 files` (`1 个文件`): a count of one of the words the
/// summaries use, in the current language.
pub fn plural(n: usize, word: &str) -> String {
    let id = match word {
        "file" => "count-file",
        "node" => "count-node",
        "step" => "count-step",
        "error" => "count-error",
        "warning" => "count-warning",
        "info" => "count-info",
        "lint error" => "count-lint-error",
        "control edge" => "count-control-edge",
        "data edge" => "count-data-edge",
        // Not a summary word: English plural.
        _ => return format!("{n} {word}{}", if n == 1 { "" } else { "s" }),
    };
    t(id).arg("count", n).local()
}

/// Findings counted over the files of one run, and the run's summary line.
#[derive(Clone, Debug, Default)]
pub struct Totals {
    /// Findings at error level.
    pub errors: usize,
    /// Findings at warning level.
    pub warnings: usize,
    /// Findings at info level.
    pub infos: usize,
    /// Findings `# crmflow-ignore` suppressed.
    pub suppressed: usize,
    /// Files with at least one finding.
    pub files_with_findings: usize,
    /// Files that did not parse or resolve.
    pub invalid: usize,
    /// Files that could not be read.
    pub unreadable: usize,
}

impl Totals {
    /// Adds one file's findings and how many directives suppressed.
    pub fn add(&mut self, diags: &[Diag], suppressed: usize) {
        let count = |severity| diags.iter().filter(|d| d.severity == severity).count();
        self.errors += count(Severity::Error);
        self.warnings += count(Severity::Warning);
        self.infos += count(Severity::Info);
        self.suppressed += suppressed;
        self.files_with_findings += usize::from(!diags.is_empty());
    }

    /// `1 error, 2 warnings` (infos only when there are some).
    pub fn counts(&self) -> String {
        let mut parts = vec![
            plural(self.errors, "error"),
            plural(self.warnings, "warning"),
        ];
        if self.infos > 0 {
            parts.push(plural(self.infos, "info"));
        }
        parts.join(&crate::i18n::text(crate::i18n::current(), "list-separator"))
    }

    /// `ok: 3 files checked, no problems`, or what was found in how many.
    pub fn summary(&self, files: usize) -> String {
        let suppressed = if self.suppressed > 0 {
            t("summary-suppressed")
                .arg("count", self.suppressed)
                .local()
        } else {
            String::new()
        };
        if self.errors + self.warnings + self.infos == 0 && self.unreadable == 0 {
            return t("summary-ok").arg("files", files).local() + &suppressed;
        }
        let mut line = t("summary-found")
            .arg("files", files)
            .arg("counts", self.counts())
            .arg("with", self.files_with_findings)
            .local();
        if self.invalid > 0 {
            line.push_str(&t("summary-invalid").arg("count", self.invalid).local());
        }
        if self.unreadable > 0 {
            line.push_str(
                &t("summary-unreadable")
                    .arg("count", self.unreadable)
                    .local(),
            );
        }
        line + &suppressed
    }
}

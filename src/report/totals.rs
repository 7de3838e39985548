//! Counting findings over a run of many files, and saying it in one line.

use crate::{Diag, Severity};

/// `1 file`, `2 files`.
pub fn plural(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
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
        parts.join(", ")
    }

    /// `ok: 3 files checked, no problems`, or what was found in how many.
    pub fn summary(&self, files: usize) -> String {
        let suppressed = if self.suppressed > 0 {
            format!(" ({} suppressed by crmflow-ignore)", self.suppressed)
        } else {
            String::new()
        };
        if self.errors + self.warnings + self.infos == 0 && self.unreadable == 0 {
            return format!(
                "ok: {} checked, no problems{suppressed}",
                plural(files, "file")
            );
        }
        let mut line = format!(
            "{} checked: {} in {}",
            plural(files, "file"),
            self.counts(),
            plural(self.files_with_findings, "file")
        );
        if self.invalid > 0 {
            line.push_str(&format!(
                "; {} did not compile",
                plural(self.invalid, "file")
            ));
        }
        if self.unreadable > 0 {
            line.push_str(&format!(
                "; {} could not be read",
                plural(self.unreadable, "file")
            ));
        }
        line + &suppressed
    }
}

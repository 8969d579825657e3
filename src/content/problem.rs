//! A problem found in a content pack, located as `file:line:col`.

use std::fmt;

use super::locate::Pos;

/// How bad a problem is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The pack works, but something is probably not what the author meant.
    Warning,
    /// The pack cannot be used: the kiosk keeps the bundled pack instead.
    Error,
}

/// One problem in one file of a pack.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// Error or warning.
    pub severity: Severity,
    /// The file, relative to the pack folder, such as `timeline.ron`.
    pub file: String,
    /// Where in the file; the start of the file when the problem is the file
    /// as a whole (missing, unreadable).
    pub pos: Pos,
    /// What is wrong, in a sentence a pack author can act on.
    pub message: String,
}

impl Problem {
    /// An error at `pos` in `file`.
    pub fn error(file: &str, pos: Pos, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Error,
            file: file.to_owned(),
            pos,
            message: message.into(),
        }
    }

    /// A warning at `pos` in `file`.
    pub fn warning(file: &str, pos: Pos, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Warning,
            ..Self::error(file, pos, message)
        }
    }

    /// Whether this problem stops the pack from being used.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `file:line:col: error: message`, with `file` under `dir` (a path or a
    /// label such as `<bundled>`), the way compilers print, so that editors
    /// can jump to it.
    pub fn display_in(&self, dir: &str) -> String {
        let sep = if dir.ends_with('/') { "" } else { "/" };
        format!("{dir}{sep}{self}")
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(
            f,
            "{}:{}:{}: {kind}: {}",
            self.file, self.pos.line, self.pos.col, self.message
        )
    }
}

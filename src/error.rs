//! The crate's error type, the diagnostics it carries, and the exit code for each.

use std::fmt;
use std::path::PathBuf;

use serde::Serialize;

/// How bad a diagnostic is: errors stop the report, warnings are printed and the report goes on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Warning,
    Error,
}

/// One problem in an input file, placed as precisely as we know. It serialises (for
/// `validate --format json`) with these field names, absent values as `null`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub level: Level,
    /// The file as the user named it.
    pub file: String,
    /// 1-based line and column, when known.
    pub line: Option<usize>,
    pub column: Option<usize>,
    /// The field path, e.g. `metrics[0].better`.
    pub field: Option<String>,
    pub message: String,
    pub hint: Option<String>,
    /// The text of the line the problem is on, to show with a mark under the column.
    pub excerpt: Option<String>,
}

/// Give each diagnostic that has a line, and no excerpt yet, the text of that line from
/// `source` (a diagnostic of another file, such as a theme's, keeps the excerpt of its own).
pub fn attach_excerpts(diagnostics: &mut [Diagnostic], source: &str) {
    let lines: Vec<&str> = source.lines().collect();
    for d in diagnostics.iter_mut().filter(|d| d.excerpt.is_none()) {
        if let Some(text) = d.line.and_then(|l| lines.get(l.wrapping_sub(1))) {
            // Very long lines are cut: the mark matters, not the whole line.
            d.excerpt = Some(text.chars().take(160).collect());
        }
    }
}

impl Diagnostic {
    pub fn error(file: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            level: Level::Error,
            file: file.into(),
            line: None,
            column: None,
            field: None,
            message: message.into(),
            hint: None,
            excerpt: None,
        }
    }

    pub fn warning(file: impl Into<String>, message: impl Into<String>) -> Self {
        Diagnostic {
            level: Level::Warning,
            ..Diagnostic::error(file, message)
        }
    }

    pub fn at(mut self, line: usize, column: usize) -> Self {
        self.line = Some(line);
        self.column = Some(column);
        self
    }

    pub fn field(mut self, field: impl Into<String>) -> Self {
        let field = field.into();
        self.field = (!field.is_empty() && field != ".").then_some(field);
        self
    }

    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.level == Level::Error
    }
}

/// `error: file:line:col: field: message`, then `  hint: …` on its own line.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.level {
            Level::Error => write!(f, "error: ")?,
            Level::Warning => write!(f, "warning: ")?,
        }
        write!(f, "{}", self.file)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        write!(f, ": ")?;
        if let Some(field) = &self.field {
            write!(f, "{field}: ")?;
        }
        write!(f, "{}", self.message)?;
        if let (Some(line), Some(text)) = (self.line, &self.excerpt) {
            // `  9 |     better: up` and a caret under the column.
            let number = line.to_string();
            let pad = " ".repeat(number.len());
            write!(f, "\n  {pad} |\n  {number} | {text}")?;
            if let Some(column) = self.column {
                let lead: String = text
                    .chars()
                    .take(column.saturating_sub(1))
                    .map(|c| if c == '\t' { '\t' } else { ' ' })
                    .collect();
                write!(f, "\n  {pad} | {lead}^")?;
            }
        }
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {hint}")?;
        }
        Ok(())
    }
}

/// Everything that can stop a command.
#[derive(Debug)]
pub enum Error {
    /// The account file is wrong; every problem found is listed.
    Invalid(Vec<Diagnostic>),
    /// Typst could not lay out the report (a template bug, or a font missing).
    Render(Vec<String>),
    /// A file could not be read or written.
    Io {
        path: PathBuf,
        action: &'static str,
        source: std::io::Error,
    },
    /// A command-line combination that cannot work.
    Usage(String),
    /// Input problems already printed one by one (validating several files); the summary.
    Failed(String),
    /// Stopped by Ctrl-C or a termination signal; what was done is already said.
    Interrupted,
}

impl Error {
    /// The process exit code: 1 invalid input, 2 usage, 3 render or internal failure.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Invalid(_) | Error::Failed(_) => 1,
            Error::Usage(_) => 2,
            Error::Render(_) | Error::Io { .. } => 3,
            Error::Interrupted => 130,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Invalid(diagnostics) => {
                let errors = diagnostics.iter().filter(|d| d.is_error()).count();
                for d in diagnostics {
                    writeln!(f, "{d}")?;
                }
                let s = if errors == 1 { "" } else { "s" };
                write!(f, "{errors} problem{s} found; no report was written")
            }
            Error::Render(messages) => {
                writeln!(f, "the report could not be laid out:")?;
                for m in messages {
                    writeln!(f, "{m}")?;
                }
                // A problem in readout's own templates is our bug; one in a team's own
                // templates (--template-dir) or in PDF export names its cause above.
                let ours = messages.iter().any(|m| m.starts_with("typst-templates/"))
                    && !messages.iter().any(|m| m.contains("--template-dir"));
                match ours {
                    true => write!(f, "this is a bug in readout's templates; please report it"),
                    false => write!(f, "no report was written"),
                }
            }
            Error::Io {
                path,
                action,
                source,
            } => {
                write!(f, "cannot {action} {}: {source}", path.display())
            }
            Error::Usage(message) | Error::Failed(message) => write!(f, "{message}"),
            Error::Interrupted => write!(f, "interrupted"),
        }
    }
}

impl std::error::Error for Error {}

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_diagnostic_prints_file_line_column_field_and_message() {
        let d = Diagnostic::error(
            "northwind.yaml",
            "expected \"higher\" or \"lower\", found \"up\"",
        )
        .at(14, 13)
        .field("metrics[0].better");
        assert_eq!(
            d.to_string(),
            "error: northwind.yaml:14:13: metrics[0].better: expected \"higher\" or \"lower\", found \"up\""
        );
    }
}

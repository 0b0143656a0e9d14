//! Diagnostics about a routine file: errors (the routine cannot run) and
//! warnings (it can, but strays from the recommended ranges). A [`Report`]
//! keeps them with the source text so they can be shown with
//! file:line:column and the offending line underlined (see `render`).

use std::fmt;
use std::ops::Range;
use std::sync::Arc;

pub use super::render::Style;
use crate::vocab::words;

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// The routine runs, but a value is outside the recommended range.
    Warning,
    /// The routine is refused.
    Error,
}

words! {
    /// Both, the lesser first.
    impl Severity {
        const ALL;
        /// The word used in messages.
        fn word;
        /// The severity a word names.
        fn from_word;
        Warning = "warning",
        Error = "error",
    }
}

/// One finding, pointing at a byte range of the source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong, one sentence.
    pub message: String,
    /// The offending bytes (may be empty: a point).
    pub span: Range<usize>,
    /// Short text under the underline.
    pub label: String,
    /// How to fix it.
    pub help: Option<String>,
    /// Other places worth showing (such as the first use of a duplicate).
    pub also: Vec<(Range<usize>, String)>,
}

impl Diagnostic {
    /// An error at `span`.
    pub fn error(span: Range<usize>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            message: message.into(),
            span,
            label: String::new(),
            help: None,
            also: Vec::new(),
        }
    }

    /// A warning at `span`.
    pub fn warning(span: Range<usize>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(span, message)
        }
    }

    /// Set the text under the underline.
    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = label.into();
        self
    }

    /// Set the fix.
    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Point at a second place too.
    pub fn also(mut self, span: Range<usize>, label: impl Into<String>) -> Self {
        self.also.push((span, label.into()));
        self
    }
}

/// A 1-based line and column (in characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    /// Line, from 1.
    pub line: usize,
    /// Column in characters, from 1.
    pub column: usize,
}

/// The line and column of byte `offset` in `src`.
pub fn locate(src: &str, offset: usize) -> Location {
    let mut offset = offset.min(src.len());
    while !src.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &src[..offset];
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    Location {
        line: before.bytes().filter(|&b| b == b'\n').count() + 1,
        column: before[line_start..].chars().count() + 1,
    }
}

/// Everything found in one file, with the file's text.
#[derive(Debug, Clone)]
pub struct Report {
    origin: String,
    source: Arc<String>,
    /// The first [`MAX_SHOWN`] diagnostics in file order.
    diagnostics: Vec<Diagnostic>,
    /// Errors and warnings in all, including those not kept.
    errors: usize,
    warnings: usize,
}

/// The most diagnostics a report keeps. A file can hold tens of thousands
/// of mistakes (every line an unknown key); showing the first ones is more
/// useful, and drawing them all would take minutes.
pub const MAX_SHOWN: usize = 50;

impl Report {
    /// A report on `source`, called `origin` in messages. Diagnostics are
    /// put in file order.
    pub fn new(origin: &str, source: &str, mut diagnostics: Vec<Diagnostic>) -> Report {
        diagnostics.sort_by_key(|d| (d.span.start, std::cmp::Reverse(d.severity)));
        let count = |s: Severity| diagnostics.iter().filter(|d| d.severity == s).count();
        let (errors, warnings) = (count(Severity::Error), count(Severity::Warning));
        diagnostics.truncate(MAX_SHOWN);
        Report {
            origin: origin.to_string(),
            source: Arc::new(source.to_string()),
            diagnostics,
            errors,
            warnings,
        }
    }

    /// How many diagnostics were found but not kept (beyond [`MAX_SHOWN`]).
    pub fn not_shown(&self) -> usize {
        self.errors + self.warnings - self.diagnostics.len()
    }

    /// "… and 12 more problems, not shown", when some were dropped.
    pub(crate) fn more_line(&self) -> Option<String> {
        let n = self.not_shown();
        (n > 0).then(|| format!("… and {n} more, not shown; fix these first and check again"))
    }

    /// The file name used in messages.
    pub fn origin(&self) -> &str {
        &self.origin
    }

    /// The diagnostics, in file order (at most [`MAX_SHOWN`]).
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
    }

    /// The text the diagnostics point into.
    pub(crate) fn source(&self) -> &Arc<String> {
        &self.source
    }

    /// Where a diagnostic points.
    pub fn location(&self, d: &Diagnostic) -> Location {
        locate(&self.source, d.span.start)
    }

    /// How many errors, including any not kept.
    pub fn errors(&self) -> usize {
        self.errors
    }

    /// How many warnings, including any not kept.
    pub fn warnings(&self) -> usize {
        self.warnings
    }

    /// Exit status of `unknot routines check`: 0 clean, 1 warnings, 2 errors.
    pub fn exit_code(&self) -> u8 {
        if self.errors() > 0 {
            2
        } else if self.warnings() > 0 {
            1
        } else {
            0
        }
    }

    /// "2 errors, 1 warning", or "no problems".
    pub fn tally(&self) -> String {
        tally(self.errors(), self.warnings())
    }

    /// One diagnostic as a single line: `file:line:col: error: message`.
    pub fn line(&self, d: &Diagnostic) -> String {
        let at = self.location(d);
        format!(
            "{}:{}:{}: {}: {}",
            self.origin,
            at.line,
            at.column,
            d.severity.word(),
            d.message
        )
    }
}

/// "2 errors, 1 warning", or "no problems".
pub fn tally(errors: usize, warnings: usize) -> String {
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    match (errors, warnings) {
        (0, 0) => "no problems".to_string(),
        (e, 0) => plural(e, "error"),
        (0, w) => plural(w, "warning"),
        (e, w) => format!("{}, {}", plural(e, "error"), plural(w, "warning")),
    }
}

/// One line per diagnostic, with its fix indented below.
impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.diagnostics.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{}", self.line(d))?;
            if let Some(help) = &d.help {
                write!(f, "\n    help: {help}")?;
            }
        }
        if let Some(more) = self.more_line() {
            write!(f, "\n{more}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Report {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn severity_words_round_trip() {
        crate::vocab::check_words(&Severity::ALL, Severity::word, Severity::from_word);
    }

    #[test]
    fn locations_count_characters() {
        let src = "a = 1\nbé = \"x\"\n";
        assert_eq!(locate(src, 0), Location { line: 1, column: 1 });
        assert_eq!(locate(src, 6), Location { line: 2, column: 1 });
        // 'é' is two bytes but one column: the space after it is column 3.
        assert_eq!(locate(src, 9), Location { line: 2, column: 3 });
        // Past the end and inside a character stay sensible.
        assert_eq!(locate(src, 999).line, 3);
        assert_eq!(locate(src, 8), Location { line: 2, column: 2 });
    }

    #[test]
    fn exit_codes_and_tally() {
        let w = Diagnostic::warning(0..1, "w");
        let e = Diagnostic::error(0..1, "e");
        assert_eq!(Report::new("f", "x", vec![]).exit_code(), 0);
        assert_eq!(Report::new("f", "x", vec![w.clone()]).exit_code(), 1);
        let both = Report::new("f", "x", vec![w, e]);
        assert_eq!(both.exit_code(), 2);
        assert_eq!(both.tally(), "1 error, 1 warning");
        // Errors come before warnings at the same place.
        assert_eq!(both.diagnostics()[0].severity, Severity::Error);
        assert_eq!(tally(0, 0), "no problems");
        assert_eq!(tally(3, 0), "3 errors");
    }
}

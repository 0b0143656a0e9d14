//! Drawing a [`Report`] for people with miette: one block per diagnostic,
//! its file:line:column, the source line with the offending part
//! underlined and labelled, and the fix.

use std::fmt;
use std::sync::Arc;

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource};

use super::diag::{Diagnostic, Report, Severity};

/// Colours for rendering, or none.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// ANSI colours (a terminal, `NO_COLOR` unset).
    Color,
    /// Plain text (files, pipes, tests).
    Plain,
}

impl Style {
    /// Colour when writing to a terminal and `NO_COLOR` is not set.
    pub fn detect(is_terminal: bool) -> Style {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        if is_terminal && !no_color {
            Style::Color
        } else {
            Style::Plain
        }
    }
}

impl Report {
    /// Every diagnostic drawn for a person: header, file:line:column, the
    /// source line underlined, and the fix.
    pub fn render(&self, style: Style) -> String {
        let theme = match style {
            Style::Color => GraphicalTheme::unicode(),
            Style::Plain => GraphicalTheme::unicode_nocolor(),
        };
        let handler = GraphicalReportHandler::new_themed(theme)
            .with_width(100)
            .with_links(false)
            .without_primary_span_start();
        let mut out = String::new();
        for (i, d) in self.diagnostics().iter().enumerate() {
            if i > 0 {
                out.push('\n');
            }
            let at = self.location(d);
            let shown = Shown {
                diagnostic: d,
                // The name carries the location, counted in characters, so
                // the header reads `file:line:column`.
                source: NamedSource::new(
                    format!("{}:{}:{}", self.origin(), at.line, at.column),
                    Arc::clone(self.source()),
                ),
            };
            if handler.render_report(&mut out, &shown).is_err() {
                // Rendering only fails on a span outside the text; fall
                // back to the one-line form rather than lose the message.
                out.push_str(&self.line(d));
                out.push('\n');
            }
        }
        if let Some(more) = self.more_line() {
            out.push_str(&format!("\n{more}\n"));
        }
        out
    }
}

/// A diagnostic paired with its source, in the shape miette renders.
struct Shown<'a> {
    diagnostic: &'a Diagnostic,
    source: NamedSource<Arc<String>>,
}

impl fmt::Debug for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.diagnostic, f)
    }
}

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.diagnostic.message)
    }
}

impl std::error::Error for Shown<'_> {}

impl miette::Diagnostic for Shown<'_> {
    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.diagnostic.severity {
            Severity::Warning => miette::Severity::Warning,
            Severity::Error => miette::Severity::Error,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        let help = self.diagnostic.help.as_ref()?;
        Some(Box::new(help))
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        Some(&self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let d = self.diagnostic;
        let text = |s: &String| (!s.is_empty()).then(|| s.clone());
        let primary = LabeledSpan::new_primary_with_span(text(&d.label), d.span.clone());
        let others = d
            .also
            .iter()
            .map(move |(span, label)| LabeledSpan::new_with_span(text(label), span.clone()));
        Some(Box::new(std::iter::once(primary).chain(others)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn render_underlines_and_names_the_place() {
        let src = "name = \"x\"\nkind = \"hodl\"\n";
        let d = Diagnostic::error(18..24, "unknown kind 'hodl'")
            .label("not a kind")
            .help("did you mean 'hold'?");
        let r = Report::new("x.toml", src, vec![d]);
        let text = r.render(Style::Plain);
        assert!(text.contains("[x.toml:2:8]"), "{text}");
        assert!(text.contains("unknown kind 'hodl'"), "{text}");
        assert!(text.contains("not a kind"), "{text}");
        assert!(text.contains("did you mean 'hold'?"), "{text}");
        assert!(text.contains("──┬──"), "{text}");
        assert_eq!(
            r.to_string().lines().next(),
            Some("x.toml:2:8: error: unknown kind 'hodl'")
        );
    }
}

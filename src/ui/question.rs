//! The frame shared by the screens around the session (notice, screening,
//! baseline, the end, the stop): a bordered page of text, a hint line when
//! a key meant nothing, and a status line that always starts with the stop
//! key. In a small window the hint takes the status line's place.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Wrap};

use super::{Status, sound_mark};
use crate::safety::Hint;

/// One question or message screen.
pub(super) struct Page {
    /// The title in the top border.
    pub title: String,
    /// Border colour (danger for stops and urgent screens).
    pub border: Style,
    /// The text, top to bottom.
    pub body: Vec<Line<'static>>,
    /// Key hints for the status line: (key, what it does).
    pub keys: Vec<(&'static str, &'static str)>,
    /// The hint to show, if a key meant nothing.
    pub hint: Option<Hint>,
}

impl Page {
    /// The page as plain lines: title, text, then the keys.
    pub(super) fn text(&self) -> Vec<String> {
        let mut out = vec![self.title.trim().to_string()];
        out.extend(
            self.body
                .iter()
                .map(|l| {
                    l.spans
                        .iter()
                        .map(|s| s.content.as_ref())
                        .collect::<String>()
                })
                .map(|l| l.trim().to_string())
                .filter(|l| !l.is_empty()),
        );
        let keys: Vec<String> = std::iter::once("x stop".to_string())
            .chain(self.keys.iter().map(|(k, w)| format!("{k} {w}")))
            .collect();
        out.push(format!("Keys: {}", keys.join(", ")));
        out
    }
}

/// How many rows `text` takes wrapped at `width` (roughly, by words).
fn rows(text: &str, width: u16) -> u16 {
    let width = usize::from(width.max(1));
    let mut lines = 1;
    let mut used = 0;
    for word in text.split_whitespace() {
        let w = word.chars().count();
        if used > 0 && used + 1 + w > width {
            lines += 1;
            used = w;
        } else {
            used += w + usize::from(used > 0);
        }
    }
    lines
}

/// The area a page's text is drawn in, the hint's rows included.
pub(super) fn text_area(area: Rect, full: bool) -> Rect {
    let [body, _] = Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(area);
    let inner = Block::bordered().inner(body);
    // A column of air on the left; on the right too when there is room.
    Rect {
        x: inner.x + 1,
        width: inner.width.saturating_sub(1 + u16::from(full)),
        ..inner
    }
}

/// The rows the hint takes at the bottom of the text area.
pub(super) fn hint_rows(hint: Option<Hint>, width: u16, full: bool) -> u16 {
    match hint {
        Some(h) if full => rows(h.text(), width),
        _ => 0,
    }
}

/// Draw a page.
pub(super) fn draw(frame: &mut Frame, area: Rect, page: Page, status: &Status, full: bool) {
    let t = status.theme;
    let [body, bar] = Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(area);
    let block = Block::bordered()
        .title(Line::styled(page.title, t.title()))
        .border_style(
            page.border
                .remove_modifier(Modifier::BOLD | Modifier::REVERSED),
        );
    frame.render_widget(block, body);
    let inner = text_area(area, full);
    let hint_rows = hint_rows(page.hint, inner.width, full);
    let [text_a, hint_a] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(hint_rows)]).areas(inner);
    frame.render_widget(Paragraph::new(page.body).wrap(Wrap { trim: true }), text_a);

    let mut spans = vec![
        Span::styled(" x STOP ", t.danger().add_modifier(Modifier::REVERSED)),
        Span::raw(" "),
    ];
    match page.hint {
        Some(h) if full => {
            frame.render_widget(
                Paragraph::new(Line::styled(h.text(), t.paused())).wrap(Wrap { trim: true }),
                hint_a,
            );
            push_keys(&mut spans, &page.keys, t);
        }
        Some(h) => spans.push(Span::styled(h.short(), t.paused())),
        None => push_keys(&mut spans, &page.keys, t),
    }
    if full {
        spans.push(Span::styled(
            format!(" [{}]", sound_mark(status.sound, false)),
            t.dim(),
        ));
    }
    frame.render_widget(Paragraph::new(Line::from(spans)), bar);
}

fn push_keys(
    spans: &mut Vec<Span<'static>>,
    keys: &[(&'static str, &'static str)],
    t: super::Theme,
) {
    for (key, what) in keys {
        spans.push(Span::styled(*key, t.key()));
        spans.push(Span::raw(format!(" {what}  ")));
    }
}

/// The keys of the "quit?" window, which replace a page's own while it
/// is open (the stop key is always drawn first anyway).
pub(super) fn confirm_keys() -> Vec<(&'static str, &'static str)> {
    crate::keymap::hints(crate::vocab::Context::Confirm, true, false, false)
        .into_iter()
        .filter(|h| !h.is_stop())
        .map(|h| (h.key, h.label))
        .collect()
}

/// A numbered choice: "3  text" (in a small window "3 text").
pub(super) fn choice(
    key: impl Into<String>,
    text: impl Into<String>,
    t: super::Theme,
    full: bool,
) -> Line<'static> {
    let gap = if full { "  " } else { " " };
    Line::from(vec![
        Span::styled(key.into(), t.key()),
        Span::raw(format!("{gap}{}", text.into())),
    ])
}

#[cfg(test)]
mod tests {
    use super::rows;

    #[test]
    fn rows_counts_wrapped_lines() {
        assert_eq!(rows("short", 20), 1);
        assert_eq!(rows("one two three four", 9), 3);
        assert_eq!(rows("", 10), 1);
    }
}

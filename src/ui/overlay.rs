//! Windows drawn over the current screen: the key help and the quit
//! confirmation (the timer keeps running underneath), and the question
//! after a remote control ended the session (the timer has stopped).

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use super::Theme;
use crate::keymap;

fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let [v] = Layout::vertical([Constraint::Length(height.min(area.height))])
        .flex(ratatui::layout::Flex::Center)
        .areas(area);
    let [h] = Layout::horizontal([Constraint::Length(width.min(area.width))])
        .flex(ratatui::layout::Flex::Center)
        .areas(v);
    h
}

/// The key help. Its footer says what the timer underneath is doing.
pub(super) fn help(frame: &mut Frame, area: Rect, t: Theme, paused: bool) {
    // The full list with its footer, or the folded list where it won't fit.
    let list = keymap::help(true);
    let full = area.height >= list.len() as u16 + 4;
    let list = if full { list } else { keymap::help(false) };
    let mut lines: Vec<Line> = list
        .iter()
        .map(|(keys, what)| {
            Line::from(vec![
                Span::styled(format!("{keys:>7}  "), t.key()),
                Span::raw(*what),
            ])
        })
        .collect();
    if full {
        lines.push(Line::raw(""));
        lines.push(Line::styled(
            if paused {
                " Esc or ? closes. The timer stays paused."
            } else {
                " Esc or ? closes. The timer keeps running."
            },
            t.dim(),
        ));
    }
    let popup = centered(area, 52, lines.len() as u16 + 2);
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(lines)
            .block(Block::bordered().title(" Keys "))
            .wrap(Wrap { trim: false }),
        popup,
    );
}

pub(super) fn confirm_quit(frame: &mut Frame, area: Rect, t: Theme) {
    let lines = vec![
        Line::styled("Quit this session?", t.title()),
        Line::raw("What you did so far is kept."),
        Line::from(vec![
            Span::styled("y", t.key()),
            Span::raw(" quit   "),
            Span::styled("n", t.key()),
            Span::raw(" keep going"),
        ]),
    ];
    let popup = centered(area, 34, 5);
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(lines)
            .alignment(Alignment::Center)
            .block(Block::bordered().title(" Quit ")),
        popup,
    );
}

/// After a remote control's Stop: was it because of pain? The session has
/// stopped underneath; `x` still stops for pain, like everywhere.
pub(super) fn why_ended(frame: &mut Frame, area: Rect, t: Theme) {
    let lines = vec![
        Line::styled("Was it because of pain?", t.title()),
        Line::from(vec![
            Span::styled("y", t.key()),
            Span::raw(" yes, it hurts more   "),
        ]),
        Line::from(vec![
            Span::styled("n", t.key()),
            Span::raw(" no, just end it      "),
        ]),
    ];
    let popup = centered(area, 38, 5);
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(lines)
            .alignment(Alignment::Center)
            .block(Block::bordered().title(" Stopped from the remote ")),
        popup,
    );
}

//! Windows drawn over the current screen: the key help (the timer keeps
//! running underneath, and its time shows in the help's title), the quit
//! confirmation (the timer waits while it is asked), and the question
//! after a remote control ended the session (the timer has stopped).

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Wrap};

use super::{Theme, secs};
use crate::keymap;
use crate::routine::duration::clock;
use crate::session::{StageView, View};

fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let [v] = Layout::vertical([Constraint::Length(height.min(area.height))])
        .flex(ratatui::layout::Flex::Center)
        .areas(area);
    let [h] = Layout::horizontal([Constraint::Length(width.min(area.width))])
        .flex(ratatui::layout::Flex::Center)
        .areas(v);
    h
}

/// The key help. It never hides the time: its title carries the phase
/// and the time left, and it sits low in the window, under the big
/// countdown when there is room. Its footer says what the timer is doing.
pub(super) fn help(frame: &mut Frame, area: Rect, t: Theme, view: &View) {
    // Over the screen's text, above its bottom border and the line of key
    // hints: the full list, or the folded one where it won't fit.
    let mut room = area.height.saturating_sub(2);
    let list = keymap::help(true);
    let full = room >= list.len() as u16 + 2;
    let list = if full { list } else { keymap::help(false) };
    if room < list.len() as u16 + 2 {
        // A small window: over the bottom border too.
        room += 1;
    }
    let lines: Vec<Line> = list
        .iter()
        .map(|(keys, what)| {
            Line::from(vec![
                Span::styled(format!("{keys:>7}  "), t.key()),
                Span::raw(*what),
            ])
        })
        .collect();
    let height = (lines.len() as u16 + 2).min(room);
    let [_, low] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(height)]).areas(Rect {
            height: room,
            ..area
        });
    let popup = centered(low, 52, height);
    let time = if matches!(view.stage, StageView::Running) {
        format!(
            " · {} {}{} ",
            view.phase_label(),
            clock(secs(view.remaining_secs)),
            if view.paused { " paused" } else { "" }
        )
    } else {
        " ".to_string()
    };
    let mut block = Block::bordered().title(format!(" Keys{time}"));
    if full {
        block = block.title_bottom(Line::styled(
            if view.paused {
                " Esc or ? closes; the timer stays paused "
            } else {
                " Esc or ? closes; the timer keeps running "
            },
            t.dim(),
        ));
    }
    frame.render_widget(Clear, popup);
    frame.render_widget(
        Paragraph::new(lines)
            .block(block)
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

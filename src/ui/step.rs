//! The step screen: phase, technique, a big countdown, progress, the
//! instructions with the body map beside them (when they both fit), what
//! comes next, and the status line with key hints. Also the check-in
//! question that follows each technique, and the reach question with its
//! leg figure.

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Gauge, Paragraph, Wrap};

use super::body::{self, Map, Size};
use super::{Status, Theme, digits, hints, secs, sound_mark};
use crate::routine::duration::clock;
use crate::routine::plan::SegmentKind;
use crate::session::{StageView, View};
use crate::vocab::Extent;

/// The instructions keep at least this many columns beside a figure.
const MIN_TEXT_WIDTH: u16 = 30;
/// Columns between the instructions and the figure.
const FIGURE_GAP: u16 = 2;
/// What starts the position line and each instruction.
const POSITION: &str = "Position: ";
const BULLET: &str = "• ";

pub(super) fn render(frame: &mut Frame, area: Rect, view: &View, status: &Status, full: bool) {
    let t = status.theme;
    let left = clock(secs(view.total_left_secs));
    let header = if full {
        format!(
            " {} · step {}/{} · {left} left ",
            view.routine, view.step_no, view.steps
        )
    } else {
        format!(
            " step {}/{} · {left} left · {} ",
            view.step_no,
            view.steps,
            sound_mark(status.sound, view.muted)
        )
    };
    // The frame keeps the phase's colour while paused: PAUSED shows in the
    // phase line, the digits and the key hints, so the key that pauses
    // repaints those few cells instead of the whole border.
    let block = Block::bordered()
        .title(Line::styled(header, t.title()))
        .border_style(
            t.phase(view.kind)
                .remove_modifier(Modifier::REVERSED | Modifier::BOLD),
        );
    let [body, status_line] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(area);
    let inner = block.inner(body);
    frame.render_widget(block, body);
    frame.render_widget(status_bar(view, status, full), status_line);
    match view.stage {
        StageView::CheckIn => return check_in(frame, inner, view, t, full),
        StageView::Reach => return reach(frame, inner, view, t, full),
        _ => {}
    }

    let phase = phase_line(view, t, full);
    let countdown = clock(secs(view.remaining_secs));
    let big = full && digits::width(&countdown) + 2 <= inner.width;
    let count_rows = if big { digits::HEIGHT } else { 1 };
    // A blank row above the instructions, unless they need it: phase,
    // title, countdown, gauge and "Next" take the other fixed rows.
    let fixed = count_rows + 4;
    let gap = u16::from(
        full && text_rows(view, inner.width.saturating_sub(2)).saturating_add(fixed) < inner.height,
    );
    let [phase_a, title_a, count_a, gauge_a, gap_a, text_a, next_a] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(count_rows),
        Constraint::Length(1),
        Constraint::Length(gap),
        Constraint::Fill(1),
        Constraint::Length(1),
    ])
    .areas(inner);

    frame.render_widget(Paragraph::new(phase).alignment(Alignment::Center), phase_a);
    frame.render_widget(
        Paragraph::new(Line::styled(view.title.clone(), t.title())).alignment(Alignment::Center),
        title_a,
    );
    let style = if view.paused {
        t.paused()
    } else {
        t.phase(view.kind)
    };
    let count = if big {
        // Styled line by line, not as a paragraph: the blank cells either
        // side of the digits stay unstyled, so a change of colour (pause)
        // repaints only the digits.
        let style = style.remove_modifier(Modifier::REVERSED);
        let rows: Vec<Line> = digits::big(&countdown)
            .into_iter()
            .map(|l| l.style(style))
            .collect();
        Paragraph::new(rows)
    } else {
        Paragraph::new(Line::styled(countdown, style))
    };
    frame.render_widget(count.alignment(Alignment::Center), count_a);
    let gauge_area = inset(gauge_a, 2);
    frame.render_widget(
        Gauge::default()
            .gauge_style(t.phase(view.kind).remove_modifier(Modifier::BOLD))
            .ratio(view.progress().clamp(0.0, 1.0))
            .label(format!("{}%", (view.progress() * 100.0).round() as u32)),
        gauge_area,
    );
    let mut text_area = inset(text_a, 1);
    if full && let Some((size, fig_area, text)) = place_figure(view, text_area, gap_a) {
        body::render(&body_map(view), size, t, fig_area, frame.buffer_mut());
        text_area = text;
    }
    frame.render_widget(
        Paragraph::new(instructions(view, t, full)).wrap(Wrap { trim: true }),
        text_area,
    );
    if let Some(next) = &view.next {
        frame.render_widget(
            Paragraph::new(Line::from(vec![
                Span::styled(" Next: ", t.dim()),
                Span::raw(next.clone()),
            ])),
            next_a,
        );
    }
}

/// What the body map shows at this moment of the session.
fn body_map(view: &View) -> Map {
    Map {
        area: view.area,
        side: view.side,
        tool: view.tool,
        resting: view.kind == SegmentKind::Rest,
    }
}

/// Where the figure goes beside the instructions, in which size, and the
/// narrower area left for the text; `None` when no figure fits without
/// cutting the instructions short. The figure may start in the blank row
/// above the text (`gap`, just above it).
fn place_figure(view: &View, text: Rect, gap: Rect) -> Option<(Size, Rect, Rect)> {
    let map = body_map(view);
    let room = text.height + gap.height;
    [Size::Large, Size::Small].into_iter().find_map(|size| {
        let (w, h) = map.extent(size)?;
        let text_w = text.width.checked_sub(w + FIGURE_GAP)?;
        if h > room || text_w < MIN_TEXT_WIDTH || text_rows(view, text_w) > text.height {
            return None;
        }
        let figure = Rect::new(text.right() - w, text.bottom() - room, w, h);
        Some((
            size,
            figure,
            Rect {
                width: text_w,
                ..text
            },
        ))
    })
}

/// How many rows the full instructions take wrapped at `width`.
fn text_rows(view: &View, width: u16) -> u16 {
    let position = view
        .position
        .iter()
        .map(|p| body::wrapped_rows(POSITION.chars().chain(p.chars()), width));
    let bullets = view
        .instructions
        .iter()
        .map(|i| body::wrapped_rows(BULLET.chars().chain(i.chars()), width));
    position.chain(bullets).fold(0, u16::saturating_add)
}

fn phase_line(view: &View, t: Theme, full: bool) -> Line<'static> {
    let mut spans = vec![Span::styled(view.phase_label(), t.phase(view.kind))];
    if let Some(side) = view.side {
        spans.push(Span::raw(format!(" · {} side", side.word())));
    }
    if view.repeat.1 > 1 {
        spans.push(Span::raw(format!(
            " · round {}/{}",
            view.repeat.0, view.repeat.1
        )));
    }
    // The preparation was made longer so its words fit (shorter when
    // the window is small).
    if view.longer_for_speech_secs > 0 {
        let n = view.longer_for_speech_secs;
        spans.push(Span::styled(
            if full {
                format!(" · +{n}s to hear it")
            } else {
                format!(" · +{n}s")
            },
            t.dim(),
        ));
    }
    if view.paused {
        spans.push(Span::raw("  "));
        spans.push(Span::styled(" PAUSED ", t.paused()));
    }
    Line::from(spans)
}

fn instructions(view: &View, t: Theme, full: bool) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    if let Some(pos) = &view.position {
        lines.push(Line::from(vec![
            Span::styled(POSITION, t.dim()),
            Span::raw(pos.clone()),
        ]));
    }
    let shown = if full { view.instructions.len() } else { 1 };
    for text in view.instructions.iter().take(shown) {
        lines.push(Line::from(format!("{BULLET}{text}")));
    }
    lines
}

fn check_in(frame: &mut Frame, area: Rect, view: &View, t: Theme, full: bool) {
    let opt = |key: &'static str, text: &'static str, note: Option<&'static str>| {
        let mut spans = vec![Span::styled(format!(" {key} "), t.key()), Span::raw(text)];
        if let Some(n) = note {
            spans.push(Span::styled(n, t.danger()));
        }
        Line::from(spans)
    };
    let mut lines = vec![Line::styled(
        if full {
            "CHECK-IN · the timer waits".to_string()
        } else {
            "CHECK-IN · timer waits".to_string()
        },
        t.phase(view.kind),
    )];
    if full {
        lines.push(Line::from(format!("You finished: {}", view.title)));
        lines.push(Line::raw(""));
        lines.push(Line::styled(
            "How does it feel compared with before?",
            t.title(),
        ));
        lines.push(Line::raw(""));
    } else {
        lines.push(Line::styled("How is it now?", t.title()));
    }
    lines.extend([
        opt("1", "Better", None),
        opt("2", "About the same", None),
        opt("3", "Sharper ", Some("(stops)")),
        opt(
            "4",
            if full {
                "Spreading further down the leg "
            } else {
                "Spreading down the leg "
            },
            Some("(stops)"),
        ),
        opt(
            "5",
            if full {
                "Reaches less far down the leg than before"
            } else {
                "Reaches less far down"
            },
            None,
        ),
        opt(
            "e",
            if full {
                "New weakness, numbness between the legs, or bladder or bowel trouble "
            } else {
                "Numb between legs/bladder "
            },
            Some("(stops)"),
        ),
    ]);
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: true }),
        inset(area, 1),
    );
}

fn reach(frame: &mut Frame, area: Rect, view: &View, t: Theme, full: bool) {
    let mut lines = vec![Line::styled(
        if full {
            "CHECK-IN · the timer waits"
        } else {
            "CHECK-IN · timer waits"
        },
        t.phase(view.kind),
    )];
    if full {
        lines.push(Line::raw(""));
    }
    lines.push(Line::styled(
        if full {
            "Good sign. How far down does it reach now?"
        } else {
            "Where does it reach now?"
        },
        t.title(),
    ));
    if full {
        lines.push(Line::raw(""));
    }
    // The list of levels ends the lines: the leg figure goes beside it.
    for e in Extent::ALL {
        lines.push(Line::from(vec![
            Span::styled(format!(" {} ", e.key()), t.key()),
            Span::raw(e.words()),
        ]));
    }
    let text = inset(area, 1);
    let leg = full.then(|| body::reach_spot(text, &lines, 0)).flatten();
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), text);
    if let Some(spot) = leg {
        body::render_reach(t, spot, frame.buffer_mut());
    }
}

fn status_bar(view: &View, status: &Status, full: bool) -> Paragraph<'static> {
    // The answers need the whole line at a check-in.
    let asking = matches!(view.stage, StageView::CheckIn | StageView::Reach);
    let mark = (full && !asking).then(|| format!("[{}]", sound_mark(status.sound, view.muted)));
    Paragraph::new(hints::line(&hints::hints(view, full), status.theme, mark))
}

/// `area` less `n` columns on each side.
fn inset(area: Rect, n: u16) -> Rect {
    Rect {
        x: area.x + n.min(area.width),
        width: area.width.saturating_sub(2 * n),
        ..area
    }
}

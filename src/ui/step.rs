//! The step screen: phase, technique, a big countdown, progress, the
//! instructions with the body map beside them (when they both fit), what
//! comes next, and the status line with key hints. Also the check-in
//! question that follows each technique, the reach question with its leg
//! figure, and, on the preparation of a technique that went wrong last
//! time, the warning with its three choices.

use ratatui::Frame;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Gauge, Paragraph, Wrap};

use super::body::{self, Map, Size};
use super::{Status, Theme, digits, hints, secs, sound_mark};
use crate::routine::duration::clock;
use crate::routine::plan::SegmentKind;
use crate::safety::texts;
use crate::session::{Prompt, StageView, View};
use crate::tolerance::words as caution;
use crate::vocab::{Choice, Extent, Trend};

/// The instructions keep at least this many columns beside a figure.
const MIN_TEXT_WIDTH: u16 = 30;
/// Columns between the instructions and the figure.
const FIGURE_GAP: u16 = 2;
/// What starts the caution, the position line and each instruction.
pub(crate) const CAUTION: &str = "Caution: ";
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
    // The warning takes the figure's place: the text wins.
    if let Some(prompt) = &view.prompt {
        let mut lines = prompt_lines(prompt, t, full);
        // Below it, the instructions, as far as they fit (a small window
        // has room for the warning only, until it is decided).
        if full || prompt.decided.is_some() {
            lines.push(Line::raw(""));
            lines.extend(instructions(view, t, full));
        }
        frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }), text_area);
    } else {
        if full && let Some((size, fig_area, text)) = place_figure(view, text_area, gap_a) {
            body::render(&body_map(view), size, t, fig_area, frame.buffer_mut());
            text_area = text;
        }
        // What does not fit is cut at a word and marked, never
        // mid-sentence without a sign.
        frame.render_widget(
            Paragraph::new(fit(
                instructions(view, t, full),
                text_area.width,
                text_area.height,
            ))
            .wrap(Wrap { trim: true }),
            text_area,
        );
    }
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

/// How many rows the full instructions take wrapped at `width` (with the
/// note about the last reach answer, when there is one).
fn text_rows(view: &View, width: u16) -> u16 {
    let caution = view
        .caution
        .iter()
        .map(|c| body::wrapped_rows(CAUTION.chars().chain(c.chars()), width));
    let note = view
        .note
        .map(|n| body::wrapped_rows(texts::reach_noted(n.extent, n.trend, true).chars(), width));
    let position = view
        .position
        .iter()
        .map(|p| body::wrapped_rows(POSITION.chars().chain(p.chars()), width));
    let bullets = view
        .instructions
        .iter()
        .map(|i| body::wrapped_rows(BULLET.chars().chain(i.chars()), width));
    caution
        .chain(note)
        .chain(position)
        .chain(bullets)
        .fold(0, u16::saturating_add)
}

/// The warning before a technique that went wrong last time: what went
/// wrong, the three choices and what happens with no answer; once decided,
/// what was chosen.
fn prompt_lines(p: &Prompt, t: Theme, full: bool) -> Vec<Line<'static>> {
    let mut lines: Vec<Line> = caution::headline(&p.advice, full)
        .into_iter()
        .map(|h| Line::styled(h, t.danger()))
        .collect();
    if let Some(decided) = &p.decided {
        lines.push(Line::styled(caution::chosen(&p.advice, decided), t.title()));
        return lines;
    }
    let keys = Choice::ALL.iter().zip(["1", "2", "3"]);
    if full {
        for (&c, key) in keys {
            lines.push(Line::from(vec![
                Span::styled(format!(" {key} "), t.key()),
                Span::raw(format!(" {}", caution::choice_label(&p.advice, c, true))),
            ]));
        }
    } else {
        let mut spans = Vec::new();
        for (&c, key) in keys {
            if !spans.is_empty() {
                spans.push(Span::raw("  "));
            }
            spans.push(Span::styled(key, t.key()));
            spans.push(Span::raw(format!(
                " {}",
                caution::choice_label(&p.advice, c, false)
            )));
        }
        lines.push(Line::from(spans));
    }
    lines.push(Line::styled(
        caution::if_no_answer(&p.advice, full),
        t.dim(),
    ));
    lines
}

/// `lines` cut to `rows` rows wrapped at `width`: whole lines while they
/// fit, then the words of the next that fit, ending in "…" (so a cut never
/// passes for the end of a sentence).
fn fit(lines: Vec<Line<'static>>, width: u16, rows: u16) -> Vec<Line<'static>> {
    let text = |l: &Line| -> String { l.spans.iter().map(|s| s.content.as_ref()).collect() };
    let needed: Vec<u16> = lines
        .iter()
        .map(|l| body::wrapped_rows(text(l).chars(), width))
        .collect();
    if needed.iter().fold(0, |a: u16, n| a.saturating_add(*n)) <= rows {
        return lines;
    }
    let mut out = Vec::new();
    let mut used = 0;
    for (line, n) in lines.into_iter().zip(needed) {
        if used + n <= rows {
            used += n;
            out.push(line);
            continue;
        }
        // This line does not fit: cut it into the rows left, or, with none
        // left, cut the one before it into its own.
        let (line, room) = match (rows - used, out.pop()) {
            (0, Some(last)) => {
                let n = body::wrapped_rows(text(&last).chars(), width);
                (last, n)
            }
            (0, None) => return out,
            (room, previous) => {
                out.extend(previous);
                (line, room)
            }
        };
        let mut spans = line.spans;
        let Some(tail) = spans.pop() else {
            return out;
        };
        let head: String = spans.iter().map(|s| s.content.as_ref()).collect();
        let words: Vec<&str> = tail.content.split(' ').collect();
        for keep in (0..words.len()).rev() {
            let cut = format!(
                "{}…",
                words[..keep]
                    .join(" ")
                    .trim_end_matches(['.', ',', ';', ':'])
            );
            if body::wrapped_rows(head.chars().chain(cut.chars()), width) <= room {
                spans.push(Span::styled(cut, tail.style));
                out.push(Line::from(spans));
                break;
            }
        }
        return out;
    }
    out
}

fn phase_line(view: &View, t: Theme, full: bool) -> Line<'static> {
    let mut spans = vec![Span::styled(view.phase_label(), t.phase(view.kind))];
    if let Some(side) = view.side {
        spans.push(Span::raw(format!(" · {} side", side.word())));
    }
    if view.shortened {
        spans.push(Span::raw(" · shorter today"));
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

/// The step's text: its caution first (in a small window too, where it
/// may leave room only for part of the rest), the position, then the
/// instructions (only the first in a small window).
fn instructions(view: &View, t: Theme, full: bool) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    if let Some(caution) = &view.caution {
        lines.push(Line::from(vec![
            Span::styled(CAUTION, t.danger()),
            Span::raw(caution.clone()),
        ]));
    }
    if let Some(note) = view.note {
        let style = match note.trend {
            Some(Trend::Centralised) => t.good(),
            _ => t.title(),
        };
        lines.push(Line::styled(
            texts::reach_noted(note.extent, note.trend, full),
            style,
        ));
    }
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
                "New weakness, numb between legs, bladder/bowel "
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
    // Nothing is called a good sign before the answer: it is compared
    // with the last known reach first.
    lines.push(Line::styled(
        if full {
            "How far down does it reach now?"
        } else {
            "Where does it reach now?"
        },
        t.title(),
    ));
    if full {
        lines.push(Line::raw(
            "Pain, tingling or numbness: pick the furthest point.",
        ));
    }
    // The list of levels ends the lines: the leg figure goes beside it.
    for e in Extent::ALL {
        let mark = if view.reach == Some(e) {
            if full { "  (last time)" } else { " (last)" }
        } else {
            ""
        };
        lines.push(Line::from(vec![
            Span::styled(format!(" {} ", e.key()), t.key()),
            Span::raw(format!("{}{mark}", e.words())),
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
    let asking = matches!(view.stage, StageView::CheckIn | StageView::Reach) || view.asking();
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

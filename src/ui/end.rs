//! The end screens: the completion summary and the stopped screen with
//! what to do now.

use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Padding, Paragraph, Wrap};

use super::{Status, secs};
use crate::routine::duration::clock;
use crate::safety::StopView;
use crate::session::View;
use crate::vocab::{StopReason, Summary};

fn frame_with(
    frame: &mut Frame,
    area: Rect,
    view: &View,
    title: Line<'static>,
    lines: Vec<Line<'static>>,
    status: &Status,
) {
    let t = status.theme;
    let [body, bar] = Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(area);
    frame.render_widget(
        Paragraph::new(lines).wrap(Wrap { trim: true }).block(
            Block::bordered()
                .title(title)
                .padding(Padding::horizontal(1)),
        ),
        body,
    );
    frame.render_widget(
        Paragraph::new(super::hints::line(
            &super::hints::hints(view, false),
            t,
            None,
        )),
        bar,
    );
}

fn summary_lines(s: &Summary) -> Vec<Line<'static>> {
    let mut lines = vec![
        Line::from(format!("Time: {}", clock(secs(s.elapsed_secs)))),
        Line::from(format!(
            "Techniques done: {} of {}",
            s.steps_done, s.steps_total
        )),
    ];
    if !s.answers.is_empty() {
        let words: Vec<&str> = s.answers.iter().map(|a| a.word()).collect();
        lines.push(Line::from(format!("Check-ins: {}", words.join(", "))));
    }
    lines
}

pub(super) fn completed(frame: &mut Frame, area: Rect, view: &View, s: &Summary, status: &Status) {
    let t = status.theme;
    let mut lines = vec![
        Line::styled("SESSION COMPLETE", t.good()),
        Line::from(view.routine.clone()),
        Line::raw(""),
    ];
    lines.extend(summary_lines(s));
    if let Some(trend) = status.trend.as_ref().and_then(|t| t.sentence()) {
        lines.push(Line::styled(trend, t.dim()));
    }
    lines.push(Line::raw(""));
    lines.push(Line::raw(
        "Get up slowly. Regular short sessions help more than one long one.",
    ));
    lines.push(Line::styled(
        "If the pain lasts more than a few days, gets worse, or limits your day, see a doctor or physiotherapist.",
        t.dim(),
    ));
    frame_with(
        frame,
        area,
        view,
        Line::styled(" unknot ", t.title()),
        lines,
        status,
    );
}

/// The session's own stopped screen: the same as the flow's stop screen.
pub(super) fn stopped(
    frame: &mut Frame,
    area: Rect,
    view: &View,
    reason: StopReason,
    s: &Summary,
    status: &Status,
) {
    let full = area.width >= super::FULL_WIDTH && area.height >= super::FULL_HEIGHT;
    let stop = StopView {
        reason,
        extent: None,
        context: Some(format!(
            "{} · {}",
            view.routine,
            clock(secs(s.elapsed_secs))
        )),
        hint: None,
    };
    super::stop::render(frame, area, &stop, status, full);
}

//! The stop screen: why it stopped, what to do now, when to get help; the
//! key to report urgent signs, and (optionally) where the pain reaches now.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use super::question::{Page, draw};
use super::{Status, Theme};
use crate::safety::StopView;
use crate::safety::texts;
use crate::vocab::Extent;
use crate::vocab::StopReason;

/// Draw the stop screen.
pub(super) fn render(frame: &mut Frame, area: Rect, view: &StopView, status: &Status, full: bool) {
    draw(frame, area, page(view, status.theme, full), status, full);
}

/// The stop screen's page (also read out in `--plain` mode).
pub(super) fn page(view: &StopView, t: Theme, full: bool) -> Page {
    let urgent = view.reason == StopReason::RedFlag;
    let mut body = Vec::new();
    if full {
        body.push(Line::styled("SESSION STOPPED", t.danger()));
    }
    body.push(Line::styled(
        texts::stop_headline(view.reason).pick(full),
        if urgent { t.danger() } else { t.title() },
    ));
    if full {
        body.push(Line::raw(""));
        body.push(Line::styled("What to do now:", t.title()));
    }
    // Before any technique (no routine and time to name), there is no
    // ball or tool to come off.
    let advice = if view.context.is_some() {
        texts::stop_advice(view.reason)
    } else {
        texts::stop_advice_before_session(view.reason)
    };
    body.extend(
        advice
            .iter()
            .map(|a| Line::raw(format!("• {}", a.pick(full)))),
    );
    if !urgent {
        if full {
            body.push(Line::raw(""));
        }
        body.push(Line::styled(texts::GET_HELP_NOW.pick(full), t.danger()));
        if full {
            body.push(Line::from(vec![
                Span::styled(" e ", t.key()),
                Span::raw(format!(" I have {}", texts::REPORT_RED_FLAG.full)),
            ]));
            body.push(Line::raw(""));
            match view.extent {
                Some(e) => body.push(Line::raw(format!("Noted: it reaches {}.", e.place()))),
                None => {
                    body.push(Line::raw("For your record, where does it reach now?"));
                    let mut spans = Vec::new();
                    for e in Extent::ALL {
                        spans.push(Span::styled(e.key().to_string(), t.key()));
                        spans.push(Span::raw(format!(" {}  ", e.words())));
                    }
                    body.push(Line::from(spans));
                }
            }
        }
    }
    if let (true, Some(context)) = (full, &view.context) {
        body.push(Line::styled(context.clone(), t.dim()));
    }
    let keys = if urgent {
        vec![("Enter", "leave")]
    } else if full {
        vec![("e", "urgent signs"), ("1-5", "reach"), ("Enter", "leave")]
    } else {
        vec![("e", "urgent signs"), ("Enter", "leave")]
    };
    Page {
        title: " unknot · stopped ".into(),
        border: t.danger(),
        body,
        keys,
        hint: view.hint,
    }
}

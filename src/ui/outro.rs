//! After a completed session: pain now, reach now (with the leg figure),
//! then the summary with the change in pain, whether it centralised, spread
//! or stayed put, the technique that went well or was taken gently, and
//! when to see a professional.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

use super::intake::{extent_page, pain_page, reach_spot};
use super::question::{Page, confirm_keys, draw};
use super::{Status, Theme, body, overlay, secs};
use crate::routine::duration::clock;
use crate::safety::outro::EndSummary;
use crate::safety::texts;
use crate::safety::{OutroScreen, OutroView};
use crate::tolerance::{Highlight, words as caution};
use crate::vocab::Trend;

const TITLE: &str = " After the session ";

/// Draw the outro.
pub(super) fn render(frame: &mut Frame, area: Rect, view: &OutroView, status: &Status, full: bool) {
    let trend = status.trend.as_ref().and_then(|t| t.sentence());
    let mut page = page(view, status.theme, full, trend);
    if view.confirm_quit {
        page.keys = confirm_keys();
    }
    let leg = matches!(view.screen, OutroScreen::Extent(_))
        .then(|| reach_spot(&page, area, full))
        .flatten();
    draw(frame, area, page, status, full);
    if let Some(spot) = leg {
        body::render_reach(status.theme, spot, frame.buffer_mut());
    }
    if view.confirm_quit {
        overlay::confirm_quit(frame, area, status.theme);
    }
}

/// The outro's page (also read out in `--plain` mode). `trend`: the
/// history's sentence about the sessions before this one, if any.
pub(super) fn page(view: &OutroView, t: Theme, full: bool, trend: Option<String>) -> Page {
    let page = match &view.screen {
        OutroScreen::Pain => pain_page(TITLE, view.before.map(|b| b.pain), None, t, full),
        OutroScreen::Extent(p) => extent_page(TITLE, *p, view.before.map(|b| b.extent), t, full),
        OutroScreen::Summary(s) => summary(s, t, full, trend),
    };
    Page {
        hint: view.hint,
        ..page
    }
}

fn summary(s: &EndSummary, t: Theme, full: bool, trend: Option<String>) -> Page {
    let mut body = vec![Line::styled(
        if full {
            "SESSION COMPLETE".to_string()
        } else {
            format!("DONE · {}", s.routine)
        },
        t.good(),
    )];
    let time = clock(secs(s.session.elapsed_secs));
    if full {
        body.push(Line::raw(s.routine.clone()));
        body.push(Line::raw(""));
        body.push(Line::raw(format!("Time: {time}")));
        body.push(Line::raw(format!(
            "Techniques done: {} of {}",
            s.session.steps_done, s.session.steps_total
        )));
        if !s.session.answers.is_empty() {
            let words: Vec<&str> = s.session.answers.iter().map(|a| a.word()).collect();
            body.push(Line::raw(format!("Check-ins: {}", words.join(", "))));
        }
    } else {
        body.push(Line::raw(format!(
            "{time} · {} of {} done",
            s.session.steps_done, s.session.steps_total
        )));
    }
    // A small window names one technique: the one taken gently first.
    let named: Vec<&Highlight> = if full {
        s.highlights.iter().collect()
    } else {
        s.highlights.iter().rev().take(1).collect()
    };
    for h in named {
        let style = match h {
            Highlight::Well { .. } => t.good(),
            Highlight::Careful { .. } => t.title(),
        };
        body.push(Line::styled(caution::highlight(h, full), style));
    }
    let after = s.after;
    match s.before {
        Some(b) => {
            let change = i16::from(after.pain.get()) - i16::from(b.pain.get());
            let how = match change {
                0 => "no change".to_string(),
                c if c < 0 => format!("{} less", -c),
                c => format!("{c} more"),
            };
            body.push(Line::raw(format!(
                "Pain: {} → {} ({how})",
                b.pain, after.pain
            )));
            body.push(Line::raw(format!(
                "Reach: {} → {}",
                b.extent.words(),
                after.extent.words()
            )));
        }
        None => {
            body.push(Line::raw(format!("Pain: {}", after.pain)));
            body.push(Line::raw(format!("Reach: {}", after.extent.words())));
        }
    }
    if let Some(trend) = s.trend {
        let style = match trend {
            Trend::Centralised => t.good(),
            Trend::Unchanged => t.title(),
            Trend::Spread => t.danger(),
        };
        body.push(Line::styled(texts::trend(trend).pick(full), style));
    }
    if s.worse {
        body.push(Line::styled(texts::WORSE_ADVICE.pick(full), t.danger()));
    }
    if full {
        body.push(Line::raw(""));
        body.push(Line::raw(
            "Get up slowly. Regular short sessions help more than one long one.",
        ));
    }
    if let Some(sentence) = trend.filter(|_| full) {
        body.push(Line::styled(sentence, t.dim()));
    }
    body.extend(
        texts::SEE_A_PROFESSIONAL
            .iter()
            .map(|x| x.pick(full))
            .filter(|x| !x.is_empty())
            .map(|x| Line::styled(x, t.dim())),
    );
    Page {
        title: " unknot · done ".into(),
        border: t.good(),
        body,
        keys: vec![("Enter", "leave")],
        hint: None,
    }
}

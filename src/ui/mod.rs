//! Rendering: a pure function of the session [`View`] (or, around the
//! session, the flow's [`Screen`]) and the app's [`Status`]. No clock, no
//! IO. One file per screen or region: `step` (the countdown and check-in),
//! `end` (complete / stopped), `overlay` (help, quit confirmation, the
//! question after a remote's stop),
//! `digits` (the big countdown), `body` (the body map and the reach
//! leg), `theme` (colours); and around the
//! session: `question` (the shared page), `intake` (notice, screening,
//! baseline), `stop`, `outro` (pain after, summary).

pub mod body;
pub mod digits;
mod end;
pub mod hints;
pub mod history;
mod intake;
mod outro;
mod overlay;
pub mod plain;
mod question;
mod step;
mod stop;
pub mod theme;

use ratatui::Frame;
use ratatui::layout::{Alignment, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use crate::flow::Screen;
use crate::safety::texts;
use crate::session::{StageView, View};
use crate::vocab::Overlay;
pub use theme::Theme;

use crate::audio::Sound;

/// The smallest window the compact view fits in.
pub const MIN_WIDTH: u16 = 40;
pub const MIN_HEIGHT: u16 = 12;
/// From this size on, the full view.
pub const FULL_WIDTH: u16 = 60;
pub const FULL_HEIGHT: u16 = 20;

/// What the app adds to the session's view.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Status {
    pub sound: Sound,
    pub theme: Theme,
    /// The sessions before this one, for the completion screen.
    pub trend: Option<crate::history::Recent>,
}

/// Draw whatever the flow shows: the session, or a screen around it.
pub fn render_screen(frame: &mut Frame, screen: &Screen, status: &Status) {
    let area = frame.area();
    let small = area.width < MIN_WIDTH || area.height < MIN_HEIGHT;
    let full = area.width >= FULL_WIDTH && area.height >= FULL_HEIGHT;
    match screen {
        Screen::Session(view) => render(frame, view, status),
        Screen::Over => {}
        _ if small => too_small_around(frame, area, screen, status),
        Screen::Intake(view) => intake::render(frame, area, view, status, full),
        Screen::Outro(view) => outro::render(frame, area, view, status, full),
        Screen::Stop(view) => stop::render(frame, area, view, status, full),
    }
}

/// A screen around the session, as plain text (for `--plain`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageText {
    /// Title, text and keys, one line each.
    pub lines: Vec<String>,
    /// The hint showing, if a key meant nothing.
    pub hint: Option<crate::safety::Hint>,
    /// Whether the quit confirmation is showing.
    pub confirm_quit: bool,
    /// The keys the page offers: (key, what it does).
    pub keys: Vec<(&'static str, &'static str)>,
}

/// The text of a screen around the session (`None` for the session itself).
pub fn page_text(screen: &Screen) -> Option<PageText> {
    let t = Theme::NoColor;
    let (page, confirm_quit) = match screen {
        Screen::Intake(v) => (intake::page(v, t, true), v.confirm_quit),
        Screen::Outro(v) => (outro::page(v, t, true, None), v.confirm_quit),
        Screen::Stop(v) => (stop::page(v, t, true), false),
        Screen::Session(_) | Screen::Over => return None,
    };
    Some(PageText {
        lines: page.text(),
        hint: page.hint,
        confirm_quit,
        keys: page.keys,
    })
}

/// Draw the session screen.
pub fn render(frame: &mut Frame, view: &View, status: &Status) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small(frame, area, view, status);
        return;
    }
    let full = area.width >= FULL_WIDTH && area.height >= FULL_HEIGHT;
    match &view.stage {
        StageView::Running | StageView::CheckIn | StageView::Reach => {
            step::render(frame, area, view, status, full)
        }
        StageView::Completed(summary) => end::completed(frame, area, view, summary, status),
        StageView::Stopped(reason, summary) => {
            end::stopped(frame, area, view, *reason, summary, status)
        }
    }
    match view.overlay {
        Overlay::None => {}
        Overlay::Help => overlay::help(frame, area, status.theme, view),
        Overlay::ConfirmQuit => overlay::confirm_quit(frame, area, status.theme),
        Overlay::WhyEnded => overlay::why_ended(frame, area, status.theme),
    }
}

/// The window is too small: say so, and keep the essentials readable.
fn too_small(frame: &mut Frame, area: Rect, view: &View, status: &Status) {
    let t = status.theme;
    let mut lines = vec![
        Line::styled("Enlarge the window", t.title()),
        Line::from(format!("(at least {MIN_WIDTH}x{MIN_HEIGHT})")),
    ];
    if matches!(view.stage, StageView::Running) {
        lines.push(Line::from(vec![
            Span::styled(view.phase_label(), t.phase(view.kind)),
            Span::raw(format!(
                " {}",
                crate::routine::duration::clock(secs(view.remaining_secs))
            )),
            Span::styled(if view.paused { " PAUSED" } else { "" }, t.paused()),
        ]));
    }
    enlarge_notice(frame, area, lines, t);
}

/// Too small for a screen around the session: keep what matters legible.
/// Once stopped, the way out replaces the stop key (it has done its work).
fn too_small_around(frame: &mut Frame, area: Rect, screen: &Screen, status: &Status) {
    let t = status.theme;
    let mut lines = vec![Line::styled("Enlarge the window", t.title())];
    if let Screen::Stop(v) = screen {
        lines.push(Line::styled(
            texts::stop_headline(v.reason).short,
            t.danger(),
        ));
        lines.push(Line::styled("Enter leaves", t.key()));
        frame.render_widget(
            Paragraph::new(lines)
                .alignment(Alignment::Center)
                .wrap(Wrap { trim: true }),
            area,
        );
        return;
    }
    enlarge_notice(frame, area, lines, t);
}

/// The sound mark for the status line.
pub fn sound_mark(sound: Sound, muted: bool) -> &'static str {
    match (sound, muted) {
        (Sound::Off, _) => "sound off",
        (_, true) => "muted",
        (Sound::Starting, _) => "sound…",
        (Sound::On, _) => "sound on",
        (Sound::NoDevice, _) => "no audio",
        (Sound::Bell, _) => "no audio (bell)",
    }
}

pub(crate) fn secs(s: u64) -> std::time::Duration {
    std::time::Duration::from_secs(s)
}

#[cfg(test)]
mod caution_tests;
#[cfg(test)]
mod safety_tests;
#[cfg(test)]
mod tests;

/// The "enlarge the window" lines, with the stop key last, centred.
fn enlarge_notice(frame: &mut Frame, area: Rect, mut lines: Vec<Line<'_>>, t: Theme) {
    lines.push(Line::styled("x = stop", t.danger()));
    frame.render_widget(
        Paragraph::new(lines)
            .alignment(Alignment::Center)
            .wrap(Wrap { trim: true }),
        area,
    );
}

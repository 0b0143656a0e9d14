//! Media controls: while a session runs, earbud and headset buttons, the
//! keyboard's media keys, desktop media widgets, `playerctl` and phone
//! remotes (KDE Connect) can pause, skip and stop it, and show where it is.
//!
//! This file is the pure part, tested on synthetic time: what each remote
//! [`Command`] means for the session ([`input`]), what is said after it
//! ([`prompt`]), and what the session looks like to a media widget
//! ([`track`]: title, album, length and position of the countdown). The
//! D-Bus side (MPRIS on the session bus) is a thin layer on top, in
//! `bus` (feature `media-controls`); without a session bus it stays off.
//!
//! The keyboard keeps every key: a remote only adds inputs, and the stop
//! key `x` works whatever a remote did.

#[cfg(feature = "media-controls")]
pub mod bus;

use std::time::{Duration, Instant};

use crate::routine::plan::SegmentKind;
use crate::session::{StageView, View};
use crate::vocab::{Input, Overlay, words};

/// What a media control asked for (the MPRIS player's methods).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Command {
    PlayPause,
    Play,
    Pause,
    Next,
    Previous,
    Stop,
}

/// Said after a remote paused the session: how to go on, how to stop.
pub const PAUSED: &str = "Paused. If the pain is worse, press x. Tap again to go on.";
/// Said when a remote tries to go on at a check-in, which needs a key.
pub const ANSWER_WITH_KEYS: &str =
    "The check-in needs a key: 1 better, 2 the same, 3 sharper, 4 spreading, 5 less far.";

/// What `cmd` means for the session showing `view` (`None`: nothing now).
/// Play/pause toggles the countdown, next and previous are `n` and `b`, and
/// stop ends the session and asks whether it was because of pain. A
/// check-in waits for its answer: only previous (back to the technique)
/// and stop act there.
pub fn input(cmd: Command, view: &View) -> Option<Input> {
    if view.overlay == Overlay::WhyEnded {
        return None;
    }
    let running = view.stage == StageView::Running;
    let asking = matches!(view.stage, StageView::CheckIn | StageView::Reach);
    match cmd {
        Command::PlayPause if running => Some(Input::TogglePause),
        Command::Play if running && view.paused => Some(Input::TogglePause),
        Command::Pause if running && !view.paused => Some(Input::Pause),
        Command::Next if running => Some(Input::Next),
        Command::Previous if running || view.stage == StageView::CheckIn => Some(Input::Back),
        Command::Stop if running || asking => Some(Input::End),
        _ => None,
    }
}

/// What to say after `cmd` took the session from `before` to `after`:
/// how to go on after a pause, or that a check-in needs a key.
pub fn prompt(cmd: Command, before: &View, after: &View) -> Option<&'static str> {
    let asking = matches!(after.stage, StageView::CheckIn | StageView::Reach);
    match cmd {
        _ if after.paused && !before.paused && after.overlay != Overlay::WhyEnded => Some(PAUSED),
        Command::PlayPause | Command::Play | Command::Next if asking => Some(ANSWER_WITH_KEYS),
        _ => None,
    }
}

/// Whether the countdown is running, as a media widget shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Playback {
    Playing,
    Paused,
    Stopped,
}

words! {
    /// Every state.
    impl Playback {
        const ALL;
        /// The MPRIS `PlaybackStatus` word.
        fn word;
        /// The state an MPRIS `PlaybackStatus` word names.
        fn from_word;
        Playing = "Playing",
        Paused = "Paused",
        Stopped = "Stopped",
    }
}

/// The session as a media widget shows it: the current countdown as a
/// track of the routine's album.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Track {
    /// A D-Bus object path naming this part of the session.
    pub id: String,
    /// Phase, side and step: "HOLD · left · Figure-four ball hold".
    pub title: String,
    /// The routine.
    pub album: String,
    /// Where in the routine: "step 2 of 5".
    pub artist: String,
    /// The countdown's whole length (zero while a check-in waits).
    pub length: Duration,
    /// How far the countdown is at `at`.
    pub position: Duration,
    pub at: Instant,
    pub playback: Playback,
}

/// A position that differs by more than this from where the widget
/// thinks the countdown is counts as a jump (the widget is told).
const JUMP: Duration = Duration::from_millis(1500);

impl Track {
    /// Where the countdown is at `now` (it moves only while playing).
    pub fn position_at(&self, now: Instant) -> Duration {
        let moved = match self.playback {
            Playback::Playing => now.saturating_duration_since(self.at),
            Playback::Paused | Playback::Stopped => Duration::ZERO,
        };
        (self.position + moved).min(self.length)
    }

    /// Whether a widget showing `self` must be told about `new`: another
    /// part of the session, another length, a pause or resume, or a jump
    /// of the position. A countdown that simply runs on needs nothing, so
    /// updates go out at phase changes, not every second.
    pub fn outdated_by(&self, new: &Track) -> bool {
        self.id != new.id
            || self.title != new.title
            || self.album != new.album
            || self.artist != new.artist
            || self.length != new.length
            || self.playback != new.playback
            || self.position_at(new.at).abs_diff(new.position) > JUMP
    }

    /// Whether going from `self` to `new` moved the position other than
    /// by running on (the widget is sent a `Seeked` signal).
    pub fn jumped_to(&self, new: &Track) -> bool {
        self.id == new.id && self.position_at(new.at).abs_diff(new.position) > JUMP
    }
}

/// The session showing `view` at `now` as a media widget shows it.
pub fn track(view: &View, now: Instant) -> Track {
    let side = view.side.map(|s| s.word());
    let heading = |phase: &str| match side {
        Some(side) => format!("{phase} · {side} · {}", view.title),
        None => format!("{phase} · {}", view.title),
    };
    let (title, length, position, playback) = match (&view.stage, view.overlay) {
        (_, Overlay::WhyEnded) => (
            "STOPPED · was it pain? y or n".to_string(),
            Duration::ZERO,
            Duration::ZERO,
            Playback::Stopped,
        ),
        (StageView::Running, _) => (
            heading(view.phase_label()),
            secs(view.planned_secs),
            secs(view.planned_secs.saturating_sub(view.remaining_secs)),
            if view.paused {
                Playback::Paused
            } else {
                Playback::Playing
            },
        ),
        (StageView::CheckIn | StageView::Reach, _) => (
            format!("CHECK-IN · {}", view.title),
            Duration::ZERO,
            Duration::ZERO,
            Playback::Paused,
        ),
        (StageView::Completed(_) | StageView::Stopped(..), _) => (
            format!("ENDED · {}", view.routine),
            Duration::ZERO,
            Duration::ZERO,
            Playback::Stopped,
        ),
    };
    Track {
        id: track_id(view),
        title,
        album: view.routine.clone(),
        artist: format!("step {} of {}", view.step_no, view.steps),
        length,
        position,
        at: now,
        playback,
    }
}

/// An object path for the part of the session `view` is in: step, phase,
/// side and round (letters, digits and `_` only, as D-Bus requires).
fn track_id(view: &View) -> String {
    let phase = match (&view.stage, view.kind) {
        (StageView::Running, SegmentKind::Prepare) => "prepare",
        (StageView::Running, SegmentKind::Active(_)) => "active",
        (StageView::Running, SegmentKind::SwitchSides) => "switch",
        (StageView::Running, SegmentKind::Rest) => "rest",
        (StageView::CheckIn | StageView::Reach, _) => "check_in",
        (StageView::Completed(_) | StageView::Stopped(..), _) => "ended",
    };
    let side = view.side.map_or("none", |s| s.word());
    format!(
        "/org/unknot/track/step{}_{phase}_{side}_round{}",
        view.step_no, view.repeat.0
    )
}

fn secs(s: u64) -> Duration {
    Duration::from_secs(s)
}

#[cfg(test)]
mod tests;

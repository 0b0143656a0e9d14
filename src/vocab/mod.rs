//! The words every layer shares: what the person does ([`Input`]), what
//! the pure machines ask the app to do ([`Effect`]) and want kept
//! ([`Event`]), how a session ends ([`Outcome`], [`StopReason`]), the
//! check-in answers ([`CheckIn`]), where a session is ([`Stage`],
//! [`Overlay`]) and what its end screens report ([`Summary`]); with the
//! measures asked before and after ([`measure`]) and the danger-sign
//! screen's rules ([`screening`]).
//!
//! This module sits at the bottom of the house: it imports only the cue
//! vocabulary. The session, the safety screens, the flow, the keymap, the
//! history and the UI all speak these types, so none of them needs to
//! import another to exchange a value.

pub mod measure;
pub mod screening;

use std::time::Duration;

use crate::cue::Cue;
pub use measure::{Extent, Pain, Reading, Trend};
pub use screening::{Group, GroupAnswer, Sign, Verdict};

/// One thing the person did, already decoded by the keymap (from a key,
/// a click on a key hint, or a remote control). The same type serves the
/// session and every question screen around it, so nothing translates:
/// each screen acts on the inputs it understands and treats the rest as
/// [`Input::Other`] would be treated (a hint, or nothing).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Input {
    /// My pain is worse: stop now. Never asks; understood everywhere.
    Stop,
    /// New weakness, numbness between the legs, or bladder or bowel
    /// trouble: stop now and show the emergency advice. Never asks.
    Report,
    /// Pause or resume the countdown.
    TogglePause,
    /// Pause if running (used on suspend); never resumes.
    Pause,
    /// End the session from afar (a remote control's Stop): the clock
    /// stops and the person is asked whether it was because of pain.
    End,
    /// Skip the rest of this part.
    Next,
    /// Restart this part, or go to the previous one; on a question
    /// screen, back to the previous question.
    Back,
    /// Make the current countdown longer, within its safe bounds.
    Lengthen,
    /// Make the current countdown shorter, within its safe bounds.
    Shorten,
    ToggleMute,
    ToggleHelp,
    /// Ask to quit (opens a confirmation where something would be lost).
    Quit,
    /// "y" to a question or a confirmation.
    Yes,
    /// "n" to a question or a confirmation.
    No,
    /// Close an overlay.
    Escape,
    /// Go on; on a finished screen, leave it.
    Enter,
    /// A number key on a question screen, 0–9 (`t` stands for 10).
    Number(u8),
    /// An answer to the check-in question.
    Answer(CheckIn),
    /// Where the pain reaches now (after a "drew back" check-in answer).
    Reach(Extent),
    /// Pause, give the terminal back and stop the process (Ctrl-Z).
    Suspend,
    /// Move the selection up / down a row, a page, or to either end (the
    /// history browser).
    Up,
    Down,
    PageUp,
    PageDown,
    First,
    Last,
    /// A key that means nothing here; question screens answer it with a
    /// hint, nothing is ever taken as an answer by default.
    Other,
}

/// How the person feels after a technique.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CheckIn {
    Better,
    Same,
    /// Pain turned sharper: stop.
    Sharper,
    /// Pain, tingling or numbness moved further down the leg: stop.
    Spreading,
    /// The pain reaches less far down the leg than before (it is drawing
    /// back toward the lower back): asks where it reaches now, then goes on.
    DrewBack,
}

impl CheckIn {
    /// Every answer; number key `i + 1` answers `ALL[i]`.
    pub const ALL: [CheckIn; 5] = [
        CheckIn::Better,
        CheckIn::Same,
        CheckIn::Sharper,
        CheckIn::Spreading,
        CheckIn::DrewBack,
    ];

    pub fn word(self) -> &'static str {
        match self {
            CheckIn::Better => "better",
            CheckIn::Same => "same",
            CheckIn::Sharper => "sharper",
            CheckIn::Spreading => "spreading",
            CheckIn::DrewBack => "drew back",
        }
    }

    pub fn stops(self) -> bool {
        matches!(self, CheckIn::Sharper | CheckIn::Spreading)
    }
}

/// Why a session was stopped for safety.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StopReason {
    /// The stop key: the person said it hurts more.
    PainWorse,
    /// A check-in answer: the pain turned sharper.
    Sharper,
    /// A check-in answer: symptoms spread further down the leg.
    Spreading,
    /// New weakness, numbness between the legs, or bladder or bowel
    /// trouble was reported: emergency advice.
    RedFlag,
}

impl StopReason {
    pub fn word(self) -> &'static str {
        match self {
            StopReason::PainWorse => "pain worse",
            StopReason::Sharper => "sharper pain",
            StopReason::Spreading => "spreading symptoms",
            StopReason::RedFlag => "urgent signs reported",
        }
    }
}

/// How a session ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Completed,
    Stopped(StopReason),
    Quit,
}

/// Something worth keeping in the history, in the order it happened.
/// The intake's events come first (`Screened`, `Baseline`); the end's
/// (`PainAfter`, and on the stop screen `RedFlagReported`, `Extent`) may
/// follow `Ended`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// The danger-sign screen's final verdict and the signs marked.
    Screened {
        verdict: Verdict,
        signs: Vec<Sign>,
    },
    /// Pain and reach before the session.
    Baseline(Reading),
    /// Where the pain reaches now: after a "drew back" check-in (`step`),
    /// or noted on the stop screen (`None`).
    Extent {
        step: Option<usize>,
        extent: Extent,
    },
    /// Pain and reach after a completed session.
    PainAfter(Reading),
    /// Urgent signs reported on the stop screen.
    RedFlagReported,
    /// The stop key after the session had completed (during the end
    /// questions); the outcome stays `Completed`.
    LateStop(StopReason),
    StepStarted {
        step: usize,
        id: String,
    },
    SegmentSkipped {
        step: usize,
        id: String,
    },
    StepCompleted {
        step: usize,
        id: String,
    },
    Paused,
    Resumed,
    Adjusted {
        step: usize,
        planned: Duration,
    },
    CheckIn {
        step: usize,
        answer: CheckIn,
    },
    Ended(Outcome),
}

/// What the app should do; the session itself does nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Effect {
    Cue(Cue),
    /// Speak these words (a step's own `say`), if speech is available.
    Say(String),
    Record(Event),
    /// The session is over (once); the app saves its record.
    Finished(Outcome),
    /// (From the intake) the first-run safety notice was read: remember it.
    NoticeSeen,
    /// Leave the program.
    Exit,
}

/// Where the session is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    Running,
    /// Waiting for an answer after the technique ending at this segment.
    CheckIn,
    /// After a "drew back" answer: waiting for where the pain reaches now.
    Reach,
    Completed,
    Stopped(StopReason),
    Quit,
}

/// An overlay drawn over the current screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Overlay {
    #[default]
    None,
    Help,
    ConfirmQuit,
    /// After [`Input::End`]: was it because of pain? (`y` / `n`)
    WhyEnded,
}

/// What the end screens report about a session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    pub elapsed_secs: u64,
    pub steps_done: usize,
    pub steps_total: usize,
    pub answers: Vec<CheckIn>,
}

/// Where the person is, as far as keys are concerned: the keymap decodes
/// each key for the context the flow (or the history browser) is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Context {
    /// A session counting down (prepare, hold, switch sides, rest).
    Running,
    /// A session waiting for the check-in answer.
    CheckIn,
    /// A session waiting for where the pain reaches now.
    Reach,
    /// A session's completion screen.
    Completed,
    /// A session's stop screen (stopped for safety).
    Stopped,
    /// A question screen around the session: the first-run notice, the
    /// screening, the pain and reach questions, the end, the stop page.
    Question,
    /// The history browser.
    Browse,
}

impl Context {
    /// The context of a session in this stage.
    pub fn of_stage(stage: Stage) -> Context {
        match stage {
            Stage::Running => Context::Running,
            Stage::CheckIn => Context::CheckIn,
            Stage::Reach => Context::Reach,
            Stage::Completed | Stage::Quit => Context::Completed,
            Stage::Stopped(_) => Context::Stopped,
        }
    }
}

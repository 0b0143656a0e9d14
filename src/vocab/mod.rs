//! The words every layer shares: what the person does ([`Input`]), what
//! the pure machines ask the app to do ([`Effect`]) and want kept
//! ([`Event`]), how a session ends ([`Outcome`], [`StopReason`]), the
//! check-in answers ([`CheckIn`]), where a session is ([`Stage`],
//! [`Overlay`]) and what its end screens report ([`Summary`]); with the
//! measures asked before and after ([`measure`]), the danger-sign
//! screen's rules ([`screening`]), the sides of the body ([`Side`]) and
//! the words for a technique that went wrong last time ([`caution`]).
//!
//! This module sits at the bottom of the house: it imports only the cue
//! vocabulary. The session, the safety screens, the flow, the keymap, the
//! history and the UI all speak these types, so none of them needs to
//! import another to exchange a value.

pub mod caution;
pub mod measure;
pub mod screening;
mod side;
mod words;

use std::time::Duration;

use crate::cue::Cue;
pub use caution::{Choice, ChosenBy, Trouble, Why};
pub use measure::{Extent, Pain, Reading, Trend};
pub use screening::{Group, GroupAnswer, Sign, Tier, Verdict};
pub use side::Side;
#[cfg(test)]
pub(crate) use words::check as check_words;
pub(crate) use words::words;

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
    /// Where the pain reaches now (after a "reaches less far" check-in
    /// answer).
    Reach(Extent),
    /// Something changed: ask the lasting questions again (the screening).
    Recheck,
    /// What to do about a technique that went wrong last time (on its
    /// prepare screen).
    Choose(Choice),
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
    /// back toward the lower back). As a key, only a claim: the session
    /// asks where it reaches now and compares that with the last known
    /// reach; as a recorded answer, the comparison confirmed it.
    DrewBack,
}

words! {
    /// Every answer; number key `i + 1` answers `ALL[i]`.
    impl CheckIn {
        const ALL;
        /// The stable code kept in the history (never reworded: old records
        /// must still read). A clinician's word: "drew back" is centralising.
        fn code;
        /// The answer a stored code stands for.
        fn from_code;
        Better = "better",
        Same = "same",
        Sharper = "sharper",
        Spreading = "spreading",
        DrewBack = "drew back",
    }
}

impl CheckIn {
    /// The answer in one or two words, as the key hints, the summary and
    /// the plain output say it (the screen's "Reaches less far" is
    /// "less far").
    pub fn word(self) -> &'static str {
        match self {
            CheckIn::Better => "better",
            CheckIn::Same => "same",
            CheckIn::Sharper => "sharper",
            CheckIn::Spreading => "spreading",
            CheckIn::DrewBack => "less far",
        }
    }

    /// The answer as the check-in screen lists it.
    pub fn label(self) -> &'static str {
        match self {
            CheckIn::Better => "Better",
            CheckIn::Same => "About the same",
            CheckIn::Sharper => "Sharper",
            CheckIn::Spreading => "Spreading further down the leg",
            CheckIn::DrewBack => "Reaches less far down the leg than before",
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

words! {
    /// Every reason, in the order of the type.
    impl StopReason {
        const ALL;
        /// The stable code kept in the history and written to exports.
        fn code;
        /// The stop reason a stored code stands for.
        fn from_code;
        PainWorse = "pain-worse",
        Sharper = "sharper",
        Spreading = "spreading",
        RedFlag = "red-flag",
    }
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
/// The intake's events come first (`Lasting`, `ClinicianOk`, `Assessed`,
/// `Screened`, `Baseline`); the end's
/// (`PainAfter`, and on the stop screen `RedFlagReported`, `Extent`) may
/// follow `Ended`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// The danger-sign screen's final verdict and the signs marked.
    Screened {
        verdict: Verdict,
        signs: Vec<Sign>,
    },
    /// The answers to the lasting questions: the conditions that apply
    /// (none: an empty list). The newest answers count.
    Lasting(Vec<Sign>),
    /// "A doctor or physiotherapist has told me massage is OK for me",
    /// for these lasting conditions.
    ClinicianOk(Vec<Sign>),
    /// Whether a doctor or physiotherapist has assessed this pain.
    Assessed(bool),
    /// Pain and reach before the session.
    Baseline(Reading),
    /// Where the pain reaches now: after a "reaches less far" check-in
    /// (`step`), or noted on the stop screen (`None`).
    Extent {
        step: Option<usize>,
        extent: Extent,
    },
    /// Pain and reach after a completed session.
    PainAfter(Reading),
    /// Urgent signs reported on the stop screen.
    RedFlagReported,
    /// A stop after the techniques had all been done (the stop key, or a
    /// reach further down the leg, during the end questions): the session
    /// is recorded as stopped for this reason.
    LateStop(StopReason),
    /// The routine whose steps run, as the session starts: its name and
    /// fingerprint. It differs from the one asked for when the safety
    /// check allowed only a massage-free routine.
    Began {
        routine: String,
        hash: String,
    },
    /// The session's numbers, just before it ends ([`Tally`]).
    Tally(Tally),
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
    /// A countdown of a step done on one side started on `side` (so the
    /// history can tell which side a check-in or a stop belongs to).
    SideStarted {
        step: usize,
        id: String,
        side: Side,
    },
    /// What was done about a step (on one side, or `None` for a step without
    /// sides) that went wrong last time, and why: `planned` is the countdown
    /// it will run (zero when skipped).
    Chose {
        step: usize,
        id: String,
        side: Option<Side>,
        choice: Choice,
        by: ChosenBy,
        why: Why,
        planned: Duration,
    },
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
    /// After a "reaches less far" answer: waiting for where the pain
    /// reaches now.
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

/// What the end screens report about a session. Its numbers are the
/// session's [`Tally`], recorded with it, so the history says the same.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Summary {
    /// [`Tally::active`], in whole seconds (rounded down).
    pub elapsed_secs: u64,
    /// [`Tally::done`].
    pub steps_done: usize,
    /// [`Tally::skipped`].
    pub steps_skipped: usize,
    /// [`Tally::total`].
    pub steps_total: usize,
    pub answers: Vec<CheckIn>,
}

/// The numbers of a session, by the one definition that the end screens,
/// the history view, the exports and the report share (`docs/history.md`
/// states it for people):
///
/// - `active`: from the start of the first technique to the end of the
///   session (the last check-in answered, a stop, or a quit), pauses
///   included.
/// - `done`: techniques whose every countdown (each side, each round) ran
///   to its end, at least once.
/// - `skipped`: techniques not done, one of whose countdowns was cut
///   short with "next".
/// - `total`: the techniques of the routine.
///
/// The session records its tally when it ends ([`Event::Tally`]); for a
/// session that could not (the program was killed), the history counts
/// the same from the events: a technique is done at its
/// [`Event::StepCompleted`], which the session records once, when the
/// technique's last countdown runs out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Tally {
    pub active: Duration,
    pub done: usize,
    pub skipped: usize,
    pub total: usize,
}

impl Tally {
    /// The summary's numbers.
    pub fn summary(self, answers: Vec<CheckIn>) -> Summary {
        Summary {
            elapsed_secs: self.active.as_secs(),
            steps_done: self.done,
            steps_skipped: self.skipped,
            steps_total: self.total,
            answers,
        }
    }
}

/// Where the person is, as far as keys are concerned: the keymap decodes
/// each key for the context the flow (or the history browser) is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Context {
    /// A session counting down (prepare, hold, switch sides, rest).
    Running,
    /// A session counting down the preparation of a technique that went
    /// wrong last time, asking what to do about it (the countdown runs on).
    Caution,
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
    /// "Quit?" is asked, over a session or a question screen: only the
    /// stop key and the answer mean anything.
    Confirm,
    /// The key help is open over a session: the stop key, pause and
    /// closing it mean something.
    Help,
    /// A remote control ended the session: "was it because of pain?" is
    /// asked (the stop key still stops).
    WhyEnded,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_differ() {
        check_words(&CheckIn::ALL, CheckIn::code, CheckIn::from_code);
        check_words(&StopReason::ALL, StopReason::code, StopReason::from_code);
    }
}

//! How each technique was tolerated, and what to do about it next time.
//!
//! The history keeps what happened in each session; from its events the
//! history's fold (`history::techniques`) derives a [`Record`] per routine,
//! step and side ([`Key`]): times done, the check-in answers after it, the
//! stops during it, the choices made about it, the last time of each, and
//! whether it went wrong session by session. Nothing here is stored; it is
//! rebuilt from the events each time.
//!
//! Before a session, [`advise`] reads the records of the routine's steps
//! and, with [`decide`], a pure function of (record, step, now), says which
//! techniques went wrong (sharper, spreading, stopped) within the last 14
//! days and what happens when nobody answers the warning: a hold a third
//! shorter, or, after two such times in a row, skipping it. The session
//! shows the warning on the prepare screen with three choices; [`words`]
//! holds every sentence of it.
//!
//! Which side an answer or a stop belongs to (the rules the fold follows):
//! a stop belongs to the side whose countdown ran last in the current step
//! (before the step's first countdown: to the step, side unknown); a
//! check-in belongs to every side counted down since the step's previous
//! check-in, so an answer after both sides of a step counts for both (the
//! person cannot tell which side did it; both are warned about next time).
//! A record without a side (old history, or a stop before the countdown)
//! counts for either side.

mod decide;
mod record;
pub mod words;

pub use decide::{Advice, DAY_MS, SideAdvice, StepAdvice, WINDOW_MS, advise, decide, shorter};
pub use record::{Key, Record, Records, Run, Seen, When};
pub use words::Highlight;

/// What the app hands the flow from the history at start-up: every
/// technique's record, and the time now (milliseconds since the Unix
/// epoch) to judge them by.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Tolerance {
    pub records: Records,
    pub now_ms: i64,
}

#[cfg(test)]
mod tests;

//! The decision: given what the history says about a technique on one side
//! ([`Record`]), the step, and the time now, whether to warn before it and
//! what to do if nobody answers. A pure function: no clock, no IO.
//!
//! The rules, in order:
//!
//! 1. Only the runs of the last [`WINDOW_MS`] (14 days) count.
//! 2. No warning when none of them went wrong (sharper, spreading, or a
//!    stop), or when a run after the last one that went wrong was done as
//!    written and went well: it is tolerated again.
//! 3. Otherwise, warn. If the most recent two runs both went wrong, the
//!    default is to skip it; otherwise a hold a third shorter (never below
//!    the shortest the safety rules allow for its kind, never longer than
//!    written).

use std::time::Duration;

use super::record::{Record, Records, Run};
use crate::routine::plan::sides_for;
use crate::routine::{Kind, Routine, Step};
use crate::vocab::{Choice, Side, Why};

/// A day, in milliseconds.
pub const DAY_MS: i64 = 86_400_000;

/// How far back trouble is remembered: 14 days.
pub const WINDOW_MS: i64 = 14 * DAY_MS;

/// What to say before one technique on one side, and do by default.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Advice {
    /// What went wrong, how many times in a row, when.
    pub why: Why,
    /// What happens when nobody answers.
    pub default: Choice,
    /// Whole days since it went wrong (0: within the last day).
    pub days_ago: u32,
    /// One countdown as written.
    pub written: Duration,
    /// One countdown a third shorter (see [`shorter`]).
    pub shorter: Duration,
}

impl Advice {
    /// The countdown a choice leads to (zero: skipped).
    pub fn planned(&self, choice: Choice) -> Duration {
        match choice {
            Choice::Shorter => self.shorter,
            Choice::AsWritten => self.written,
            Choice::Skip => Duration::ZERO,
        }
    }
}

/// `planned` less a third, rounded up to a whole second, but never below
/// the shortest countdown the safety rules allow for `kind`, and never
/// longer than `planned`.
pub fn shorter(planned: Duration, kind: Kind) -> Duration {
    let (least, _) = kind.bounds();
    let cut = planned - planned / 3;
    let whole = Duration::from_secs(cut.as_secs() + u64::from(cut.subsec_nanos() > 0));
    whole.max(least).min(planned)
}

/// Whether to warn before `step` on one side, given its `record`, at
/// `now_ms` (milliseconds since the Unix epoch).
pub fn decide(record: &Record, step: &Step, now_ms: i64) -> Option<Advice> {
    let recent: Vec<&Run> = record
        .runs
        .iter()
        .filter(|r| now_ms.saturating_sub(r.at_ms) <= WINDOW_MS)
        .collect();
    let last_bad = recent.iter().rposition(|r| r.trouble.is_some())?;
    if recent[last_bad + 1..].iter().any(|r| r.clean()) {
        return None;
    }
    let bad = recent[last_bad];
    let in_a_row = recent
        .iter()
        .rev()
        .take_while(|r| r.trouble.is_some())
        .count();
    let why = Why {
        trouble: bad.trouble?,
        in_a_row: u8::try_from(in_a_row).unwrap_or(u8::MAX),
        at_ms: bad.at_ms,
    };
    Some(Advice {
        why,
        default: if in_a_row >= 2 {
            Choice::Skip
        } else {
            Choice::Shorter
        },
        days_ago: u32::try_from(now_ms.saturating_sub(bad.at_ms).max(0) / DAY_MS)
            .unwrap_or(u32::MAX),
        written: step.duration,
        shorter: shorter(step.duration, step.kind),
    })
}

/// The advice for one side of a step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SideAdvice {
    /// The side (`None`: a step without sides).
    pub side: Option<Side>,
    pub advice: Advice,
}

/// The warning before a step: the sides it concerns, in the order they are
/// done.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StepAdvice {
    /// What the step does ("this hold", "this stretch").
    pub kind: Kind,
    /// The sides with a warning (at least one).
    pub sides: Vec<SideAdvice>,
    /// Whether every side the step is done on today has a warning.
    pub every_side: bool,
}

impl StepAdvice {
    /// What happens to each side when nobody answers, or when `choice` is
    /// made: (side, choice).
    pub fn outcome(&self, choice: Option<Choice>) -> Vec<(Option<Side>, Choice)> {
        self.sides
            .iter()
            .map(|s| (s.side, choice.unwrap_or(s.advice.default)))
            .collect()
    }
}

/// The warnings before each step of `routine` (done on the sides the plan
/// gives for `affected`), from `records`, at `now_ms`.
pub fn advise(
    records: &Records,
    routine: &Routine,
    affected: Option<Side>,
    now_ms: i64,
) -> Vec<Option<StepAdvice>> {
    routine
        .steps
        .iter()
        .map(|step| {
            let sides = sides_for(step.sides, affected);
            let advised: Vec<SideAdvice> = sides
                .iter()
                .filter_map(|&side| {
                    let record = records.for_side(&routine.name, &step.id, side);
                    decide(&record, step, now_ms).map(|advice| SideAdvice { side, advice })
                })
                .collect();
            (!advised.is_empty()).then_some(StepAdvice {
                kind: step.kind,
                every_side: advised.len() == sides.len(),
                sides: advised,
            })
        })
        .collect()
}

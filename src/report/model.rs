//! What a report says, as plain data: gathered from the history by
//! `gather`, drawn by `html`. Every section is its own type, so data that
//! the history does not hold yet slots in as one more field, and a section
//! with no data is left out of the page.
//!
//! Times are milliseconds since the Unix epoch with the UTC offset that
//! was in force where the session was done; the page shows them in that
//! local time.

use crate::history::{Extent, Pain};
use crate::vocab::{CheckIn, StopReason, Trouble};
use crate::vocab::{Sign, Verdict};

/// The whole report.
#[derive(Debug, Clone, PartialEq)]
pub struct Report {
    /// The dates it covers.
    pub period: Period,
    /// When it was made (now, in the person's time zone).
    pub made: Stamp,
    /// Counts and time.
    pub totals: Totals,
    /// One point per session, or per day, week or month when there are
    /// many: the charts and the table behind them.
    pub points: Points,
    /// Pain before and after, in numbers and words.
    pub pain: PainSummary,
    /// How far the symptoms reach, and which way it moved.
    pub reach: ReachSummary,
    /// Every stop for safety, oldest first.
    pub stops: Vec<StopRow>,
    /// Each technique done, grouped by routine in the order first seen.
    pub techniques: Vec<TechniqueRow>,
    /// The danger-sign screening before sessions.
    pub screening: Screening,
    /// Clearances on record (a clinician's OK for a lasting condition that
    /// needs one), recorded by the end of the period, oldest first.
    pub clearances: Vec<ClearanceRow>,
    /// Choices to shorten or skip a technique (or do it as written all
    /// the same) after a warning that it went wrong before, per routine,
    /// technique and side, in the order first seen.
    pub choices: Vec<ChoiceRow>,
    /// The routines used, as their TOML, for the appendix.
    pub routines: Vec<RoutineText>,
}

/// An instant and the UTC offset to show it in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp {
    /// Milliseconds since the Unix epoch.
    pub ms: i64,
    /// Seconds east of UTC.
    pub offset_s: i32,
}

/// The days a report covers, as local day numbers (days since
/// 1970-01-01), first and last included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    /// The first day.
    pub first_day: i64,
    /// The last day.
    pub last_day: i64,
}

impl Period {
    /// How many days, both ends included.
    pub fn days(self) -> i64 {
        self.last_day - self.first_day + 1
    }
}

/// How many sessions, how they ended, and the time spent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Totals {
    /// Every session started in the period.
    pub sessions: usize,
    /// Ran every step.
    pub completed: usize,
    /// Stopped for safety (the stop key, or a sharper or spreading check-in).
    pub stopped: usize,
    /// The program ended before the session did.
    pub interrupted: usize,
    /// The person chose to quit during the techniques.
    pub quit: usize,
    /// Ended at the safety check: a sign meant no massage that day.
    pub screened_out: usize,
    /// Still running in another unknot.
    pub in_progress: usize,
    /// Time from start to end, summed over the sessions that ended.
    pub total_ms: i64,
}

/// How finely the charts group sessions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grain {
    /// One point per session.
    Session,
    /// The mean of each day.
    Day,
    /// The mean of each week (Monday to Sunday).
    Week,
    /// The mean of each calendar month.
    Month,
}

/// The points the charts draw.
#[derive(Debug, Clone, PartialEq)]
pub struct Points {
    /// What one point stands for.
    pub grain: Grain,
    /// Oldest first.
    pub list: Vec<Point>,
}

/// One point of the charts: a session, or the mean of several.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    /// The session's start, or the start of the day, week or month (local
    /// midnight, shown with `offset_s`).
    pub at: Stamp,
    /// Sessions behind this point.
    pub sessions: usize,
    /// Pain before (a mean for several sessions).
    pub pain_before: Option<f64>,
    /// Pain after.
    pub pain_after: Option<f64>,
    /// How far it reached before, 0 (lower back) to 4 (foot).
    pub reach_before: Option<f64>,
    /// How far it reached after.
    pub reach_after: Option<f64>,
}

/// Pain before and after, over the sessions that rated both.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct PainSummary {
    /// Sessions with pain rated before and after.
    pub rated: usize,
    /// Mean pain before those sessions.
    pub mean_before: Option<f64>,
    /// Mean pain after them.
    pub mean_after: Option<f64>,
    /// Lowest and highest pain before a session (any session).
    pub range_before: Option<(Pain, Pain)>,
    /// Sessions after which pain was lower.
    pub eased: usize,
    /// Sessions after which pain was the same.
    pub same: usize,
    /// Sessions after which pain was higher.
    pub rose: usize,
}

/// Which way the reach of the symptoms moved over the period.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Less far down the leg: drawing back toward the back.
    DrawingBack,
    /// About the same.
    Stable,
    /// Further down the leg.
    Spreading,
}

/// How far the symptoms reach, across the period and within sessions.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct ReachSummary {
    /// Sessions with the reach asked before.
    pub rated: usize,
    /// Mean reach before sessions in the first and the second half of
    /// the period (0 lower back … 4 foot), and the way it moved; `None`
    /// with fewer than two rated sessions.
    pub trend: Option<(f64, f64, Direction)>,
    /// Sessions after which it reached less far than before.
    pub drew_back: usize,
    /// Sessions after which it reached as far.
    pub same: usize,
    /// Sessions after which it reached further.
    pub spread: usize,
}

/// Where in a session a stop happened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StopPlace {
    /// Before any technique started (during the safety check or the
    /// first questions).
    BeforeTechniques,
    /// During or right after this technique (its step id).
    Technique(String),
    /// After the last technique, during the closing questions (the
    /// history records the session as stopped since this version; older
    /// records kept it as completed).
    AfterTechniques,
}

/// One stop for safety.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StopRow {
    /// When.
    pub at: Stamp,
    /// The routine's name.
    pub routine: String,
    /// Where in the session.
    pub place: StopPlace,
    /// The technique's title in the routine as it is now, if found.
    pub title: Option<String>,
    /// The side the person named for the session (`--side`), if any.
    pub side: Option<&'static str>,
    /// Why; `Err` holds a code this version does not know.
    pub reason: Result<StopReason, String>,
    /// Where the symptoms reached, if noted on the stop screen.
    pub reach: Option<Extent>,
    /// Urgent signs were reported on the stop screen.
    pub red_flag: bool,
}

/// One technique of one routine, over the period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TechniqueRow {
    /// The routine's name.
    pub routine: String,
    /// The step's id.
    pub id: String,
    /// Its title in the routine as it is now, if found.
    pub title: Option<String>,
    /// Times it started.
    pub started: u32,
    /// Times every countdown of it ran to the end.
    pub done: u32,
    /// Countdowns skipped with `n`.
    pub skipped: u32,
    /// Check-in answers after it, in [`CheckIn::ALL`] order.
    pub answers: [u32; 5],
    /// Safety stops during or right after it.
    pub stops: u32,
}

impl TechniqueRow {
    /// How often `answer` was given after this technique.
    pub fn answered(&self, answer: CheckIn) -> u32 {
        let i = CheckIn::ALL.iter().position(|a| *a == answer);
        i.map_or(0, |i| self.answers[i])
    }
}

/// The danger-sign screening over the period.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Screening {
    /// Sessions with a screening on record.
    pub recorded: usize,
    /// Sessions without one (older history, or left before it ended).
    pub unrecorded: usize,
    /// How often each verdict was reached, most urgent first; only
    /// verdicts reached at least once.
    pub verdicts: Vec<(Verdict, usize)>,
    /// How often each sign was named, in the order asked.
    pub signs: Vec<(Sign, usize)>,
    /// Every screening that did not come out clear, oldest first.
    pub flagged: Vec<FlaggedCheck>,
    /// Screening codes this version cannot read, with how often.
    pub unknown: Vec<(String, usize)>,
}

/// One screening that found a reason not to massage (or to wait).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FlaggedCheck {
    /// When.
    pub at: Stamp,
    /// What it decided.
    pub verdict: Verdict,
    /// The signs named (none when a "yes" decides without asking which).
    pub signs: Vec<Sign>,
}

/// A clearance on record: a clinician said massage is fine despite a
/// condition that otherwise rules it out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClearanceRow {
    /// When it was recorded.
    pub at: Stamp,
    /// The conditions it covers.
    pub covers: Vec<Sign>,
    /// Who gave it, or any note, as the person typed it. (The session
    /// screens take no typed text, so unknot records none yet.)
    pub note: Option<String>,
}

/// How often a technique was shortened or skipped by choice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChoiceRow {
    /// The routine's name.
    pub routine: String,
    /// The step's id.
    pub id: String,
    /// Its title in the routine as it is now, if found.
    pub title: Option<String>,
    /// The side it concerned (`None`: a step without sides).
    pub side: Option<&'static str>,
    /// Times shortened.
    pub shortened: u32,
    /// Times skipped.
    pub skipped: u32,
    /// Times done as written all the same.
    pub as_written: u32,
    /// Times nobody answered the warning and its default was taken.
    pub unanswered: u32,
    /// Why: how often each kind of trouble before was the reason, in
    /// [`Trouble::ALL`] order (sharper, spreading, stopped).
    pub reasons: [u32; 3],
}

impl ChoiceRow {
    /// How often `trouble` was the reason.
    pub fn because(&self, trouble: Trouble) -> u32 {
        let i = Trouble::ALL.iter().position(|t| *t == trouble);
        i.map_or(0, |i| self.reasons[i])
    }
}

/// A routine used in the period, for the appendix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoutineText {
    /// The name the history recorded.
    pub name: String,
    /// Sessions in the period that ran it.
    pub sessions: usize,
    /// Where its text was found, and the text; `None` when no routine of
    /// that name is installed now.
    pub source: Option<RoutineSource>,
}

/// The current text of a routine.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoutineSource {
    /// "bundled with unknot", or the file it was read from.
    pub origin: String,
    /// The TOML, as written.
    pub toml: String,
    /// Sessions in the period that ran exactly this text (same
    /// fingerprint); the others ran an earlier or later version.
    pub same_version: usize,
}

/// The nearest place to a reach level (0 lower back … 4 foot), as the
/// questions word it: "lower back only", "buttock", "below the knee".
pub fn extent_name(level: f64) -> &'static str {
    Extent::ALL[level.clamp(0.0, 4.0).round() as usize].words()
}

/// A mean reach level as a place to follow "reached": "the thigh",
/// "below the knee", or "between buttock and thigh" when it is not near
/// one level.
pub fn extent_place(level: f64) -> String {
    let level = level.clamp(0.0, 4.0);
    let place = |i: f64| match Extent::ALL[i as usize] {
        Extent::LowerBack => "the lower back only",
        Extent::Buttock => "the buttock",
        Extent::Thigh => "the thigh",
        Extent::BelowKnee => "below the knee",
        Extent::Foot => "the foot",
    };
    let near = level.round();
    if (level - near).abs() < 0.25 {
        place(near).to_string()
    } else {
        let short = |i: f64| match Extent::ALL[i as usize] {
            Extent::LowerBack => "lower back",
            e => e.words(),
        };
        format!(
            "between {} and {}",
            short(level.floor()),
            short(level.ceil())
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mean_levels_read_as_places_on_the_leg() {
        assert_eq!(extent_place(0.1), "the lower back only");
        assert_eq!(extent_place(2.2), "the thigh");
        assert_eq!(extent_place(3.0), "below the knee");
        assert_eq!(extent_place(1.5), "between buttock and thigh");
        assert_eq!(extent_place(0.5), "between lower back and buttock");
        assert_eq!(extent_place(9.0), "the foot");
        assert_eq!(extent_name(2.6), "below the knee");
        assert_eq!(extent_name(-1.0), "lower back only");
    }
}

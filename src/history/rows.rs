//! Reading stored sessions back: the columns every session query selects,
//! and the check of their stable codes. A value this version cannot read
//! is named, never guessed at.
//!
//! The numbers (duration, techniques done, skipped and in all) follow the
//! one definition of [`crate::vocab::Tally`]: the tally the session
//! recorded when it ended, the very numbers its end screen showed; failing
//! that (the program was killed, or ended from outside), the same counted
//! from its events when it was closed (`schema::DERIVE`). Both are kept in
//! the session's row, so reading them costs nothing more than the row.

use rusqlite::Row;

use super::model::{Extent, Outcome, Pain, Screening, SessionRow};
use crate::vocab::Side;

/// The columns of a session query, in the order [`read_raw`] reads them.
pub(super) const SESSION_COLUMNS: &str =
    "s.id, s.started_ms, s.ended_ms, s.utc_offset_s, s.routine,
    s.routine_hash, s.side, s.outcome, s.reason, s.pain_before, s.extent_before,
    s.pain_after, s.extent_after, s.ran_routine, s.ran_hash, s.screening, s.active_ms,
    s.steps_done, s.steps_skipped, s.steps_total";

/// One `SESSION_COLUMNS` row as stored, before its codes are checked.
pub(super) struct RawSession {
    id: i64,
    started_ms: i64,
    ended_ms: Option<i64>,
    utc_offset_s: i32,
    /// The routine asked for.
    routine: String,
    routine_hash: String,
    side: Option<String>,
    outcome: Option<String>,
    reason: Option<String>,
    /// Before and after.
    pain: [Option<u8>; 2],
    /// Before and after.
    extent: [Option<String>; 2],
    /// The routine that ran, when recorded.
    ran: Option<(String, String)>,
    screening: Option<String>,
    active_ms: Option<i64>,
    steps_done: Option<u32>,
    steps_skipped: Option<u32>,
    steps_total: Option<u32>,
}

pub(super) fn read_raw(r: &Row<'_>) -> rusqlite::Result<RawSession> {
    let ran: (Option<String>, Option<String>) = (r.get(13)?, r.get(14)?);
    Ok(RawSession {
        id: r.get(0)?,
        started_ms: r.get(1)?,
        ended_ms: r.get(2)?,
        utc_offset_s: r.get(3)?,
        routine: r.get(4)?,
        routine_hash: r.get(5)?,
        side: r.get(6)?,
        outcome: r.get(7)?,
        reason: r.get(8)?,
        pain: [r.get(9)?, r.get(11)?],
        extent: [r.get(10)?, r.get(12)?],
        ran: ran.0.zip(ran.1),
        screening: r.get(15)?,
        active_ms: r.get(16)?,
        steps_done: r.get(17)?,
        steps_skipped: r.get(18)?,
        steps_total: r.get(19)?,
    })
}

impl RawSession {
    /// Check the codes; the error names the value that could not be read.
    pub(super) fn check(self) -> Result<SessionRow, String> {
        let pain = |v: Option<u8>| {
            v.map(|p| Pain::new(p).ok_or(format!("pain {p}")))
                .transpose()
        };
        let extent = |v: &Option<String>| {
            v.as_deref()
                .map(|e| Extent::from_code(e).ok_or(format!("extent '{e}'")))
                .transpose()
        };
        let side = self
            .side
            .as_deref()
            .map(|s| Side::from_word(s).ok_or(format!("side '{s}'")))
            .transpose()?;
        let outcome = Outcome::from_columns(self.outcome.as_deref(), self.reason.clone())
            .ok_or_else(|| format!("outcome '{}'", self.outcome.clone().unwrap_or_default()))?;
        let screening = self
            .screening
            .as_deref()
            .map(|c| Screening::from_code(c).ok_or(format!("screening '{c}'")))
            .transpose()?;
        let (routine, routine_hash) = self
            .ran
            .unwrap_or_else(|| (self.routine.clone(), self.routine_hash.clone()));
        Ok(SessionRow {
            id: self.id,
            started_ms: self.started_ms,
            ended_ms: self.ended_ms,
            utc_offset_s: self.utc_offset_s,
            routine,
            routine_hash,
            asked_routine: self.routine,
            asked_hash: self.routine_hash,
            side,
            outcome,
            screening,
            pain_before: pain(self.pain[0])?,
            extent_before: extent(&self.extent[0])?,
            pain_after: pain(self.pain[1])?,
            extent_after: extent(&self.extent[1])?,
            active_ms: self.active_ms,
            steps_completed: self.steps_done.unwrap_or(0),
            steps_skipped: self.steps_skipped.unwrap_or(0),
            steps_total: self.steps_total,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw() -> RawSession {
        RawSession {
            id: 1,
            started_ms: 0,
            ended_ms: Some(1000),
            utc_offset_s: 0,
            routine: "r".into(),
            routine_hash: "h".into(),
            side: Some("left".into()),
            outcome: Some("stopped".into()),
            reason: Some("sharper".into()),
            pain: [Some(6), Some(4)],
            extent: [Some("thigh".into()), None],
            ran: None,
            screening: Some("clear".into()),
            active_ms: Some(800),
            steps_done: Some(2),
            steps_skipped: Some(1),
            steps_total: None,
        }
    }

    #[test]
    fn good_codes_are_read() {
        let row = raw().check().unwrap();
        assert_eq!(row.outcome, Outcome::Stopped("sharper".into()));
        assert_eq!(
            (row.pain_before, row.extent_before),
            (Pain::new(6), Some(Extent::Thigh))
        );
        assert_eq!(row.extent_after, None);
    }

    #[test]
    fn bad_codes_are_named() {
        let bad = [
            RawSession {
                side: Some("middle".into()),
                ..raw()
            },
            RawSession {
                outcome: Some("exploded".into()),
                ..raw()
            },
            RawSession {
                pain: [Some(12), None],
                ..raw()
            },
            RawSession {
                extent: [None, Some("knee".into())],
                ..raw()
            },
        ];
        let words = [
            "side 'middle'",
            "outcome 'exploded'",
            "pain 12",
            "extent 'knee'",
        ];
        for (raw, word) in bad.into_iter().zip(words) {
            assert_eq!(raw.check().unwrap_err(), word);
        }
    }
}

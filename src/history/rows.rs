//! Reading stored sessions back: the columns every session query selects
//! (with what the events add: the routine that ran, the session's own
//! tally, the screening's result, and the counts from the events for a
//! session that could not record its tally), and the check of their
//! stable codes. A value this version cannot read is named, never guessed
//! at.
//!
//! The numbers follow the one definition of [`crate::vocab::Tally`]: the
//! tally the session recorded when it ended, the very numbers its end
//! screen showed; failing that (the program was killed or ended from
//! outside), the same counted from its events.

use rusqlite::Row;

use super::codec::{self, Entry};
use super::model::{Extent, Outcome, Pain, Screening, SessionRow, side_from_code};
use crate::vocab::Event;

/// The columns of a session query, in the order [`read_raw`] reads them.
pub(super) const SESSION_COLUMNS: &str =
    "s.id, s.started_ms, s.ended_ms, s.utc_offset_s, s.routine,
    s.routine_hash, s.side, s.outcome, s.reason, s.pain_before, s.extent_before,
    s.pain_after, s.extent_after,
    (SELECT count(DISTINCT e.step) FROM events e
        WHERE e.session_id = s.id AND e.kind = 'step-completed'),
    (SELECT count(DISTINCT e.step) FROM events e
        WHERE e.session_id = s.id AND e.kind = 'step-skipped' AND NOT EXISTS
        (SELECT 1 FROM events c WHERE c.session_id = s.id AND c.kind = 'step-completed'
         AND c.step = e.step)),
    (SELECT min(e.at_ms) FROM events e WHERE e.session_id = s.id AND e.kind = 'step-started'),
    (SELECT e.value FROM events e WHERE e.session_id = s.id AND e.kind = 'began'
        ORDER BY e.id DESC LIMIT 1),
    (SELECT e.value FROM events e WHERE e.session_id = s.id AND e.kind = 'tally'
        ORDER BY e.id DESC LIMIT 1),
    (SELECT e.value FROM events e WHERE e.session_id = s.id AND e.kind = 'screening'
        ORDER BY e.id DESC LIMIT 1)";

/// One `SESSION_COLUMNS` row as stored, before its codes are checked.
pub(super) struct RawSession {
    id: i64,
    started_ms: i64,
    ended_ms: Option<i64>,
    utc_offset_s: i32,
    routine: String,
    routine_hash: String,
    side: Option<String>,
    outcome: Option<String>,
    reason: Option<String>,
    /// Before and after.
    pain: [Option<u8>; 2],
    /// Before and after.
    extent: [Option<String>; 2],
    /// Counted from the events.
    steps_completed: u32,
    /// Counted from the events.
    steps_skipped: u32,
    /// When the first technique started.
    first_step_ms: Option<i64>,
    /// The `began` event's value: the routine that ran.
    began: Option<String>,
    /// The `tally` event's value: the session's own numbers.
    tally: Option<String>,
    /// The `screening` event's value.
    screening: Option<String>,
}

pub(super) fn read_raw(r: &Row<'_>) -> rusqlite::Result<RawSession> {
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
        steps_completed: r.get(13)?,
        steps_skipped: r.get(14)?,
        first_step_ms: r.get(15)?,
        began: r.get(16)?,
        tally: r.get(17)?,
        screening: r.get(18)?,
    })
}

/// An event value read back as the codec reads it.
fn event(kind: &str, value: &str) -> Result<Event, String> {
    match codec::decode(kind, None, None, Some(value.to_string()))? {
        Entry::Session(e) => Ok(e),
        _ => Err(format!("event '{kind}' with value '{value}'")),
    }
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
            .map(|s| side_from_code(s).ok_or(format!("side '{s}'")))
            .transpose()?;
        let outcome = Outcome::from_columns(self.outcome.as_deref(), self.reason.clone())
            .ok_or_else(|| format!("outcome '{}'", self.outcome.clone().unwrap_or_default()))?;
        let (routine, routine_hash) = match self.began.as_deref().map(|v| event("began", v)) {
            Some(Ok(Event::Began { routine, hash })) => (routine, hash),
            Some(Err(e)) => return Err(e),
            Some(Ok(_)) | None => (self.routine.clone(), self.routine_hash.clone()),
        };
        let screening = self
            .screening
            .as_deref()
            .map(|c| Screening::from_code(c).ok_or(format!("screening '{c}'")))
            .transpose()?;
        // The session's own numbers, or the same counted from its events.
        let (active_ms, steps_completed, steps_skipped, steps_total) =
            match self.tally.as_deref().map(|v| event("tally", v)) {
                Some(Ok(Event::Tally(t))) => (
                    Some(i64::try_from(t.active.as_millis()).unwrap_or(i64::MAX)),
                    t.done as u32,
                    t.skipped as u32,
                    Some(t.total as u32),
                ),
                Some(Err(e)) => return Err(e),
                Some(Ok(_)) | None => (
                    self.first_step_ms
                        .zip(self.ended_ms)
                        .map(|(first, end)| (end - first).max(0)),
                    self.steps_completed,
                    self.steps_skipped,
                    None,
                ),
            };
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
            active_ms,
            steps_completed,
            steps_skipped,
            steps_total,
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
            steps_completed: 2,
            steps_skipped: 1,
            first_step_ms: Some(200),
            began: None,
            tally: None,
            screening: Some("clear".into()),
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

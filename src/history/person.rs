//! The person's record, apart from any one session: the answers to the
//! lasting questions, each doctor's or physiotherapist's OK for massage
//! (with what it covers), and the answers to "has it been assessed?", each
//! kept with its date in its own table (schema version 3). Written by the
//! recorder as they are given; read back once before a session as a
//! [`safety::OnRecord`](crate::safety::OnRecord), and by the report.
//!
//! An episode of pain, for "has it been assessed?", is a run of sessions
//! with no gap of more than [`EPISODE_GAP_DAYS`] between one and the next
//! (or between the last and now): after such a break, the question comes
//! back once.

use rusqlite::{OptionalExtension, params};

use super::time;
use super::{HistoryError, Store};
use crate::safety::{ClinicianOk, LastingAnswers, OnRecord};
use crate::vocab::screening::{from_ids, ids};
use crate::vocab::{Event, Sign};

/// A break longer than this many days ends an episode of pain.
pub const EPISODE_GAP_DAYS: i64 = 30;
const DAY_MS: i64 = 86_400_000;

/// A fact about the person that has its own table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fact {
    /// The lasting conditions that apply (none: empty).
    Lasting(Vec<Sign>),
    /// A doctor's OK for massage, covering these lasting conditions.
    ClinicianOk(Vec<Sign>),
    /// Whether a professional has assessed the pain.
    Assessed(bool),
}

impl Fact {
    /// The fact an event of the flow stands for, if it is one.
    pub fn of(event: &Event) -> Option<Fact> {
        match event {
            Event::Lasting(s) => Some(Fact::Lasting(s.clone())),
            Event::ClinicianOk(s) => Some(Fact::ClinicianOk(s.clone())),
            Event::Assessed(yes) => Some(Fact::Assessed(*yes)),
            _ => None,
        }
    }
}

/// A doctor's OK as the report lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OkRow {
    /// When it was recorded, in milliseconds since the Unix epoch.
    pub at_ms: i64,
    /// The UTC offset in force then, in seconds.
    pub utc_offset_s: i32,
    /// The lasting conditions it covers.
    pub covers: Vec<Sign>,
}

/// `2025-05-03`: the local date of `ms`.
fn date(ms: i64, offset_s: i32) -> String {
    let c = time::civil(ms, offset_s);
    format!("{:04}-{:02}-{:02}", c.year, c.month, c.day)
}

impl Store {
    /// Keep a fact given during `session` at `at_ms`.
    pub fn add_fact(
        &self,
        session: i64,
        at_ms: i64,
        utc_offset_s: i32,
        fact: &Fact,
    ) -> Result<(), HistoryError> {
        let (sql, value) = match fact {
            Fact::Lasting(signs) => (
                "INSERT INTO lasting_answers (session_id, at_ms, utc_offset_s, signs) VALUES (?1, ?2, ?3, ?4)",
                rusqlite::types::Value::Text(ids(signs)),
            ),
            Fact::ClinicianOk(signs) => (
                "INSERT INTO clinician_oks (session_id, at_ms, utc_offset_s, covers) VALUES (?1, ?2, ?3, ?4)",
                rusqlite::types::Value::Text(ids(signs)),
            ),
            Fact::Assessed(yes) => (
                "INSERT INTO assessments (session_id, at_ms, utc_offset_s, assessed) VALUES (?1, ?2, ?3, ?4)",
                rusqlite::types::Value::Integer(i64::from(*yes)),
            ),
        };
        self.conn()
            .execute(sql, params![session, at_ms, utc_offset_s, value])
            .map(drop)
            .map_err(|e| self.err(e))
    }

    /// Every doctor's OK recorded up to `to_ms` (inclusive), oldest first.
    pub fn clinician_oks(&self, to_ms: i64) -> Result<Vec<OkRow>, HistoryError> {
        let mut st = self
            .conn()
            .prepare(
                "SELECT at_ms, utc_offset_s, covers FROM clinician_oks
                 WHERE at_ms <= ?1 ORDER BY at_ms, id",
            )
            .map_err(|e| self.err(e))?;
        let rows = st
            .query_map([to_ms], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, i32>(1)?,
                    r.get::<_, String>(2)?,
                ))
            })
            .map_err(|e| self.err(e))?;
        let mut out = Vec::new();
        for row in rows {
            let (at_ms, utc_offset_s, covers) = row.map_err(|e| self.err(e))?;
            let covers = from_ids(&covers)
                .ok_or_else(|| self.bad(format!("a doctor's OK covering '{covers}'")))?;
            out.push(OkRow {
                at_ms,
                utc_offset_s,
                covers,
            });
        }
        Ok(out)
    }

    /// What the history holds about the person at `now_ms`, for the
    /// screening before a new session (read before that session is added).
    pub fn on_record(&self, now_ms: i64) -> Result<OnRecord, HistoryError> {
        let lasting = self
            .conn()
            .query_row(
                "SELECT at_ms, utc_offset_s, signs FROM lasting_answers
                 WHERE at_ms <= ?1 ORDER BY at_ms DESC, id DESC LIMIT 1",
                [now_ms],
                |r| {
                    Ok((
                        r.get::<_, i64>(0)?,
                        r.get::<_, i32>(1)?,
                        r.get::<_, String>(2)?,
                    ))
                },
            )
            .optional()
            .map_err(|e| self.err(e))?;
        let lasting = match lasting {
            None => None,
            Some((at_ms, offset, signs)) => Some(LastingAnswers {
                at_ms,
                date: date(at_ms, offset),
                signs: from_ids(&signs)
                    .ok_or_else(|| self.bad(format!("lasting answers '{signs}'")))?,
            }),
        };
        let oks = self
            .clinician_oks(now_ms)?
            .into_iter()
            .map(|o| ClinicianOk {
                at_ms: o.at_ms,
                date: date(o.at_ms, o.utc_offset_s),
                covers: o.covers,
            })
            .collect();
        Ok(OnRecord {
            now_ms,
            lasting,
            oks,
            assessed_this_episode: self.assessed_this_episode(now_ms)?,
        })
    }

    /// Whether "has it been assessed?" was answered in the episode of pain
    /// going on at `now_ms`: answered, and no break of more than
    /// [`EPISODE_GAP_DAYS`] between the answer, each session started since,
    /// and now.
    fn assessed_this_episode(&self, now_ms: i64) -> Result<bool, HistoryError> {
        let last: Option<i64> = self
            .conn()
            .query_row(
                "SELECT max(at_ms) FROM assessments WHERE at_ms <= ?1",
                [now_ms],
                |r| r.get(0),
            )
            .map_err(|e| self.err(e))?;
        let Some(answered) = last else {
            return Ok(false);
        };
        // Jump from the answer to the latest session started within the
        // next 30 days, and again from there, until no session follows
        // within 30 days: then the episode goes on only if that was less
        // than 30 days before now. One index seek per jump (a month or
        // more each), never a scan of every session.
        let gap = EPISODE_GAP_DAYS * DAY_MS;
        let mut st = self
            .conn()
            .prepare_cached(
                "SELECT started_ms FROM sessions WHERE started_ms > ?1 AND started_ms <= ?2
                 ORDER BY started_ms DESC LIMIT 1",
            )
            .map_err(|e| self.err(e))?;
        let mut at = answered;
        loop {
            let next: Option<i64> = st
                .query_row([at, (at + gap).min(now_ms)], |r| r.get(0))
                .optional()
                .map_err(|e| self.err(e))?;
            match next {
                Some(start) => at = start,
                None => return Ok(now_ms - at <= gap),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::history::{FinishedSession, Outcome, SessionMeta};

    const DAY: i64 = DAY_MS;
    const T0: i64 = 1_750_000_000_000;

    fn store() -> (tempfile::TempDir, Store) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(dir.path()).unwrap();
        (dir, store)
    }

    /// Sessions that started at these instants.
    fn sessions(store: &mut Store, starts: &[i64]) {
        let made: Vec<FinishedSession> = starts
            .iter()
            .map(|&s| FinishedSession {
                meta: SessionMeta {
                    started_ms: s,
                    utc_offset_s: 3600,
                    routine: "r".into(),
                    routine_hash: "h".into(),
                    side: None,
                },
                owner: "o".into(),
                ended_ms: s + 60_000,
                outcome: Outcome::Completed,
                pain_before: None,
                extent_before: None,
                pain_after: None,
                extent_after: None,
                events: Vec::new(),
            })
            .collect();
        store.import(made).unwrap();
    }

    #[test]
    fn nothing_on_record_asks_everything() {
        let (_d, store) = store();
        let r = store.on_record(T0).unwrap();
        assert_eq!(r, OnRecord::empty(T0));
    }

    #[test]
    fn the_newest_answers_and_every_ok_come_back_with_their_dates() {
        let (_d, mut store) = store();
        sessions(&mut store, &[T0 - 3 * DAY]);
        use Sign::*;
        store
            .add_fact(1, T0 - 3 * DAY, 3600, &Fact::Lasting(vec![BleedingRisk]))
            .unwrap();
        store
            .add_fact(
                1,
                T0 - 3 * DAY,
                3600,
                &Fact::ClinicianOk(vec![BleedingRisk]),
            )
            .unwrap();
        store
            .add_fact(
                1,
                T0 - 2 * DAY,
                3600,
                &Fact::Lasting(vec![BleedingRisk, Pregnancy]),
            )
            .unwrap();
        // A fact from after "now" (another unknot's clock) is not used.
        store
            .add_fact(1, T0 + DAY, 3600, &Fact::Lasting(vec![]))
            .unwrap();
        let r = store.on_record(T0).unwrap();
        let lasting = r.lasting.clone().unwrap();
        assert_eq!(lasting.signs, [BleedingRisk, Pregnancy]);
        assert_eq!(lasting.at_ms, T0 - 2 * DAY);
        assert_eq!(lasting.date, "2025-06-13");
        assert_eq!(r.oks.len(), 1);
        assert_eq!(r.oks[0].covers, [BleedingRisk]);
        assert!(r.covers(BleedingRisk) && !r.covers(Pregnancy));
        assert_eq!(
            store.clinician_oks(T0).unwrap(),
            [OkRow {
                at_ms: T0 - 3 * DAY,
                utc_offset_s: 3600,
                covers: vec![BleedingRisk]
            }]
        );
    }

    /// When an answer to "has it been assessed?" still counts.
    #[test]
    fn an_assessment_counts_until_a_break_of_more_than_30_days() {
        let table: &[(&[i64], i64, bool)] = &[
            // (session starts after the answer, in days from it; now, in days; counts?)
            (&[], 0, true),
            (&[], 30, true),
            (&[], 31, false),
            (&[20, 45, 70], 90, true),
            (&[20, 55], 60, false),
            (&[5], 40, false),
        ];
        for &(starts, now, counts) in table {
            let (_d, mut store) = store();
            let answered = T0;
            // The answer was given in a session that started just before.
            let mut all = vec![answered - 60_000];
            all.extend(starts.iter().map(|d| answered + d * DAY));
            sessions(&mut store, &all);
            store
                .add_fact(1, answered, 0, &Fact::Assessed(false))
                .unwrap();
            assert_eq!(
                store
                    .on_record(answered + now * DAY)
                    .unwrap()
                    .assessed_this_episode,
                counts,
                "{starts:?}, now {now}"
            );
        }
    }

    #[test]
    fn a_bad_sign_id_is_a_clear_error() {
        let (_d, store) = store();
        store
            .conn()
            .execute(
                "INSERT INTO lasting_answers (at_ms, signs) VALUES (0, 'pregnancy,gout')",
                [],
            )
            .unwrap();
        let err = store.on_record(T0).unwrap_err().to_string();
        assert!(err.contains("pregnancy,gout"), "{err}");
    }
}

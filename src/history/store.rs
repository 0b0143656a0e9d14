//! The database connection: open (checking the file is ours before
//! touching it), migrate, mark dead sessions interrupted, write and read.
//!
//! Durability: WAL journal with `synchronous = NORMAL`. Every commit is in
//! the operating system's hands before `commit` returns, so a killed
//! process (SIGKILL, a crash) loses nothing it committed; only a power cut
//! can lose the last moments, and never corrupts the file.

use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OptionalExtension, params};

use super::codec::{self, Entry, StoredEvent};
use super::error::Problem;
use super::live;
use super::model::{Extent, FinishedSession, Outcome, Pain, SessionMeta, SessionRow};
use super::rows::{RawSession, SESSION_COLUMNS, read_raw};
use super::schema;
use super::{HistoryError, db_path};
use crate::vocab::{Event, Side, Tally};

/// How long to wait for another unknot's write lock before giving up.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(2);

/// An open, up-to-date history database.
#[derive(Debug)]
pub struct Store {
    conn: Connection,
    /// The data directory (lock files live here too).
    dir: PathBuf,
    /// The database file.
    path: PathBuf,
}

impl Store {
    /// Open the history in `dir`, creating the directory and the file if
    /// needed; bring it up to date; mark sessions of dead processes
    /// interrupted. A file that is not ours, damaged or from a newer
    /// unknot is refused and left exactly as it was.
    pub fn open(dir: &Path) -> Result<Store, HistoryError> {
        Self::open_with_timeout(dir, BUSY_TIMEOUT)
    }

    /// [`Store::open`] with a chosen busy timeout.
    pub fn open_with_timeout(dir: &Path, timeout: Duration) -> Result<Store, HistoryError> {
        std::fs::create_dir_all(dir).map_err(|source| HistoryError::CreateDir {
            path: dir.to_path_buf(),
            source,
        })?;
        let path = db_path(dir);
        let err = |e: rusqlite::Error| HistoryError::db(&path, &e);
        let mut conn = Connection::open(&path).map_err(err)?;
        conn.busy_timeout(timeout).map_err(err)?;
        let fail = |problem| HistoryError::Db {
            path: path.clone(),
            problem,
        };
        if conn.is_readonly(rusqlite::MAIN_DB).map_err(err)? {
            return Err(fail(Problem::ReadOnly));
        }
        // Look before writing anything: these only read the header.
        let app = schema::application_id(&conn).map_err(err)?;
        let version = schema::version(&conn).map_err(err)?;
        let objects = schema::object_count(&conn).map_err(err)?;
        let fresh = app == 0 && version == 0 && objects == 0;
        if !fresh && app != schema::APPLICATION_ID {
            return Err(fail(Problem::Foreign));
        }
        if version > schema::LATEST {
            return Err(fail(Problem::TooNew {
                found: version,
                known: schema::LATEST,
            }));
        }
        conn.pragma_update(None, "journal_mode", "WAL")
            .map_err(err)?;
        conn.pragma_update(None, "synchronous", "NORMAL")
            .map_err(err)?;
        conn.pragma_update(None, "foreign_keys", "ON")
            .map_err(err)?;
        schema::migrate(&mut conn).map_err(err)?;
        let store = Store {
            conn,
            dir: dir.to_path_buf(),
            path,
        };
        store.recover()?;
        Ok(store)
    }

    /// Open the history in `dir` if it exists (`None`: nothing recorded yet).
    pub fn open_existing(dir: &Path) -> Result<Option<Store>, HistoryError> {
        if !db_path(dir).exists() {
            return Ok(None);
        }
        Store::open(dir).map(Some)
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The data directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The connection, for the other parts of the history.
    pub(super) fn conn(&self) -> &Connection {
        &self.conn
    }

    /// A database error, naming the file.
    pub(super) fn err(&self, e: rusqlite::Error) -> HistoryError {
        HistoryError::db(&self.path, &e)
    }

    /// Mark the unfinished sessions of processes that are gone as
    /// interrupted, ending at their last event. Returns how many.
    pub fn recover(&self) -> Result<usize, HistoryError> {
        let open: Vec<(i64, String, i64)> = self
            .conn
            .prepare(
                "SELECT s.id, s.owner, coalesce((SELECT max(at_ms) FROM events e
                 WHERE e.session_id = s.id), s.started_ms) FROM sessions s WHERE s.outcome IS NULL",
            )
            .and_then(|mut st| {
                st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?
                    .collect()
            })
            .map_err(|e| self.err(e))?;
        let mut marked = 0;
        for (id, owner, last) in open {
            if live::is_alive(&self.dir, &owner) {
                continue;
            }
            marked += self
                .conn
                .execute(
                    "UPDATE sessions SET outcome = 'interrupted', ended_ms = ?2
                     WHERE id = ?1 AND outcome IS NULL",
                    params![id, last],
                )
                .map_err(|e| self.err(e))?;
            self.derive(id)?;
        }
        Ok(marked)
    }

    /// Add a session that is starting, owned by the lock `owner`.
    pub fn insert_session(&self, meta: &SessionMeta, owner: &str) -> Result<i64, HistoryError> {
        self.conn
            .execute(
                "INSERT INTO sessions (started_ms, utc_offset_s, routine, routine_hash, side, owner)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![
                    meta.started_ms,
                    meta.utc_offset_s,
                    meta.routine,
                    meta.routine_hash,
                    meta.side.map(Side::word),
                    owner
                ],
            )
            .map_err(|e| self.err(e))?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Append events to a session, all in one transaction.
    pub fn append(&mut self, session: i64, events: &[StoredEvent]) -> Result<(), HistoryError> {
        let path = self.path.clone();
        let err = |e: rusqlite::Error| HistoryError::db(&path, &e);
        let tx = self.conn.transaction().map_err(err)?;
        {
            let mut st = tx
                .prepare_cached(
                    "INSERT INTO events (session_id, at_ms, kind, step, step_id, value)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                )
                .map_err(err)?;
            for ev in events {
                let r = codec::encode(&ev.entry);
                st.execute(params![
                    session, ev.at_ms, r.kind, r.step, r.step_id, r.value
                ])
                .map_err(err)?;
            }
        }
        tx.commit().map_err(err)
    }

    /// Record how the session ended (only the first outcome counts); a
    /// session that did not record its own numbers gets them from its
    /// events.
    pub fn finish(&self, session: i64, at_ms: i64, outcome: &Outcome) -> Result<(), HistoryError> {
        let Some(code) = outcome.code() else {
            return Ok(());
        };
        self.conn
            .execute(
                "UPDATE sessions SET outcome = ?2, reason = ?3, ended_ms = ?4
                 WHERE id = ?1 AND outcome IS NULL",
                params![session, code, outcome.reason(), at_ms],
            )
            .map(drop)
            .map_err(|e| self.err(e))?;
        self.derive(session)
    }

    /// Store the pain rating before or after the session.
    pub fn set_pain(
        &self,
        session: i64,
        after: bool,
        pain: Pain,
        extent: Option<Extent>,
    ) -> Result<(), HistoryError> {
        let sql = if after {
            "UPDATE sessions SET pain_after = ?2, extent_after = ?3 WHERE id = ?1"
        } else {
            "UPDATE sessions SET pain_before = ?2, extent_before = ?3 WHERE id = ?1"
        };
        self.conn
            .execute(sql, params![session, pain.get(), extent.map(Extent::code)])
            .map(drop)
            .map_err(|e| self.err(e))
    }

    /// Keep the routine whose steps run (when the safety check allowed a
    /// different one than asked for).
    pub fn set_ran(&self, session: i64, routine: &str, hash: &str) -> Result<(), HistoryError> {
        self.conn
            .execute(
                "UPDATE sessions SET ran_routine = ?2, ran_hash = ?3 WHERE id = ?1",
                params![session, routine, hash],
            )
            .map(drop)
            .map_err(|e| self.err(e))
    }

    /// Keep the safety check's result (its code).
    pub fn set_screening(&self, session: i64, code: &str) -> Result<(), HistoryError> {
        self.conn
            .execute(
                "UPDATE sessions SET screening = ?2 WHERE id = ?1",
                params![session, code],
            )
            .map(drop)
            .map_err(|e| self.err(e))
    }

    /// Keep the session's own numbers, as its end screen shows them.
    pub fn set_tally(&self, session: i64, t: &Tally) -> Result<(), HistoryError> {
        let n = |v: usize| i64::try_from(v).unwrap_or(i64::MAX);
        self.conn
            .execute(
                "UPDATE sessions SET active_ms = ?2, steps_done = ?3, steps_skipped = ?4,
                 steps_total = ?5 WHERE id = ?1",
                params![
                    session,
                    i64::try_from(t.active.as_millis()).unwrap_or(i64::MAX),
                    n(t.done),
                    n(t.skipped),
                    n(t.total)
                ],
            )
            .map(drop)
            .map_err(|e| self.err(e))
    }

    /// Fill in the numbers of a session that did not record its own, from
    /// its events ([`schema::DERIVE`]); nothing for one that did.
    fn derive(&self, session: i64) -> Result<(), HistoryError> {
        self.conn
            .execute(schema::DERIVE, [session])
            .map(drop)
            .map_err(|e| self.err(e))
    }

    /// Store where it reaches after the session without a pain rating (the
    /// reach noted on the stop screen).
    pub fn set_extent_after(&self, session: i64, extent: Extent) -> Result<(), HistoryError> {
        self.conn
            .execute(
                "UPDATE sessions SET extent_after = ?2 WHERE id = ?1",
                params![session, extent.code()],
            )
            .map(drop)
            .map_err(|e| self.err(e))
    }

    /// A stop after every technique was done (during the end questions):
    /// a session recorded as completed becomes stopped for `reason`, as
    /// its screen says. Its end stays the end of its techniques.
    pub fn stop_late(&self, session: i64, reason: &str) -> Result<(), HistoryError> {
        self.conn
            .execute(
                "UPDATE sessions SET outcome = 'stopped', reason = ?2
                 WHERE id = ?1 AND outcome = 'completed'",
                params![session, reason],
            )
            .map(drop)
            .map_err(|e| self.err(e))
    }

    /// Sessions in the order they started; with `last`, only the most
    /// recent ones.
    pub fn sessions(&self, last: Option<usize>) -> Result<Vec<SessionRow>, HistoryError> {
        let limit = last.map_or(-1, |n| n.min(i64::MAX as usize) as i64);
        self.query_sessions(
            &format!(
                "SELECT * FROM (SELECT {SESSION_COLUMNS} FROM sessions s
                 ORDER BY s.started_ms DESC, s.id DESC LIMIT ?1) ORDER BY 2, 1"
            ),
            [limit],
        )
    }

    /// Sessions that started between `from_ms` and `to_ms` (inclusive),
    /// and at least the last `at_least` of all, in the order they started.
    pub fn sessions_between(
        &self,
        from_ms: i64,
        to_ms: i64,
        at_least: usize,
    ) -> Result<Vec<SessionRow>, HistoryError> {
        let at_least = at_least.min(i64::MAX as usize) as i64;
        self.query_sessions(
            &format!(
                "SELECT {SESSION_COLUMNS} FROM sessions s
                 WHERE s.started_ms BETWEEN ?1 AND ?2
                 OR s.id IN (SELECT id FROM sessions ORDER BY started_ms DESC, id DESC LIMIT ?3)
                 ORDER BY 2, 1"
            ),
            [from_ms, to_ms, at_least],
        )
    }

    fn query_sessions(
        &self,
        sql: &str,
        params: impl rusqlite::Params,
    ) -> Result<Vec<SessionRow>, HistoryError> {
        let mut st = self.conn.prepare(sql).map_err(|e| self.err(e))?;
        let rows = st.query_map(params, read_raw).map_err(|e| self.err(e))?;
        let mut out = Vec::new();
        for row in rows {
            let raw = row.map_err(|e| self.err(e))?;
            out.push(raw.check().map_err(|what| self.bad(what))?);
        }
        Ok(out)
    }

    /// The sessions that started between `from_ms` and `to_ms`
    /// (inclusive), in the order they started: only their id, routine and
    /// UTC offset, what the per-technique record needs (a lean query: no
    /// counts, no sort, for a session's start).
    pub fn session_heads_between(
        &self,
        from_ms: i64,
        to_ms: i64,
    ) -> Result<Vec<(i64, String, i32)>, HistoryError> {
        let mut st = self
            .conn
            .prepare(
                "SELECT id, routine, utc_offset_s FROM sessions
                 WHERE started_ms BETWEEN ?1 AND ?2 ORDER BY started_ms, id",
            )
            .map_err(|e| self.err(e))?;
        let rows = st
            .query_map([from_ms, to_ms], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
    }

    /// One session by id.
    pub fn session(&self, id: i64) -> Result<Option<SessionRow>, HistoryError> {
        let sql = format!("SELECT {SESSION_COLUMNS} FROM sessions s WHERE s.id = ?1");
        let row = self
            .conn
            .query_row(&sql, [id], read_raw)
            .optional()
            .map_err(|e| self.err(e))?;
        row.map(RawSession::check)
            .transpose()
            .map_err(|what| self.bad(what))
    }

    /// Every event of a session, in the order it happened.
    pub fn events(&self, session: i64) -> Result<Vec<StoredEvent>, HistoryError> {
        let mut st = self
            .conn
            .prepare("SELECT at_ms, kind, step, step_id, value FROM events WHERE session_id = ?1 ORDER BY id")
            .map_err(|e| self.err(e))?;
        let rows = st
            .query_map([session], |r| {
                Ok((
                    r.get(0)?,
                    r.get::<_, String>(1)?,
                    r.get(2)?,
                    r.get(3)?,
                    r.get(4)?,
                ))
            })
            .map_err(|e| self.err(e))?;
        let mut out = Vec::new();
        for row in rows {
            let (at_ms, kind, step, step_id, value) = row.map_err(|e| self.err(e))?;
            let entry =
                codec::decode(&kind, step, step_id, value).map_err(|what| self.bad(what))?;
            out.push(StoredEvent { at_ms, entry });
        }
        Ok(out)
    }

    /// Every event of the sessions that started between `from_ms` and
    /// `to_ms` (inclusive), in the order stored (so each session's in the
    /// order it happened; two sessions run at once interleave), handed to
    /// `visit` one at a time so a long history is never held in memory
    /// whole. Read-only. One pass over the events table from the first of
    /// these sessions' events on: no sort (`+` keeps SQLite from looking
    /// events up session by session, which would need one).
    pub fn visit_events_between(
        &self,
        from_ms: i64,
        to_ms: i64,
        mut visit: impl FnMut(i64, StoredEvent),
    ) -> Result<(), HistoryError> {
        let mut st = self
            .conn
            .prepare(
                "SELECT e.session_id, e.at_ms, e.kind, e.step, e.step_id, e.value
                 FROM events e
                 WHERE e.id >= (SELECT coalesce(min(x.id), 0) FROM events x WHERE x.session_id IN
                     (SELECT id FROM sessions WHERE started_ms BETWEEN ?1 AND ?2))
                 AND +e.session_id IN (SELECT id FROM sessions WHERE started_ms BETWEEN ?1 AND ?2)
                 ORDER BY e.id",
            )
            .map_err(|e| self.err(e))?;
        let mut rows = st.query([from_ms, to_ms]).map_err(|e| self.err(e))?;
        while let Some(r) = rows.next().map_err(|e| self.err(e))? {
            let read = |r: &rusqlite::Row<'_>| -> rusqlite::Result<_> {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, i64>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, Option<i64>>(3)?,
                    r.get::<_, Option<String>>(4)?,
                    r.get::<_, Option<String>>(5)?,
                ))
            };
            let (session, at_ms, kind, step, step_id, value) = read(r).map_err(|e| self.err(e))?;
            let entry =
                codec::decode(&kind, step, step_id, value).map_err(|what| self.bad(what))?;
            visit(session, StoredEvent { at_ms, entry });
        }
        Ok(())
    }

    /// A stored value this version cannot read, naming the file.
    pub(super) fn bad(&self, what: String) -> HistoryError {
        HistoryError::Db {
            path: self.path.clone(),
            problem: Problem::BadValue(what),
        }
    }

    /// Keep at most about `kib` KiB of the file's pages cached (SQLite's
    /// default is 2 000 KiB): for a connection that reads once, to keep the
    /// process's resident memory down.
    pub fn limit_cache(&self, kib: u32) -> Result<(), HistoryError> {
        self.conn
            .pragma_update(None, "cache_size", -i64::from(kib))
            .map_err(|e| self.err(e))
    }

    /// How long to wait for another unknot's write lock.
    pub fn set_busy_timeout(&self, timeout: Duration) -> Result<(), HistoryError> {
        self.conn.busy_timeout(timeout).map_err(|e| self.err(e))
    }

    /// Add finished sessions whole, with their events, in one transaction
    /// (an import, or made-up history for tests and benchmarks). Returns
    /// how many events were written.
    pub fn import(
        &mut self,
        sessions: impl IntoIterator<Item = FinishedSession>,
    ) -> Result<usize, HistoryError> {
        let path = self.path.clone();
        let err = |e: rusqlite::Error| HistoryError::db(&path, &e);
        let tx = self.conn.transaction().map_err(err)?;
        let mut events = 0;
        let mut imported = Vec::new();
        {
            let mut add_session = tx
                .prepare(
                    "INSERT INTO sessions (started_ms, ended_ms, utc_offset_s, routine,
                     routine_hash, side, outcome, reason, owner, pain_before, extent_before,
                     pain_after, extent_after)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
                )
                .map_err(err)?;
            let mut add_event = tx
                .prepare(
                    "INSERT INTO events (session_id, at_ms, kind, step, step_id, value)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                )
                .map_err(err)?;
            for s in sessions {
                let m = &s.meta;
                add_session
                    .execute(params![
                        m.started_ms,
                        s.ended_ms,
                        m.utc_offset_s,
                        m.routine,
                        m.routine_hash,
                        m.side.map(Side::word),
                        s.outcome.code(),
                        s.outcome.reason(),
                        s.owner,
                        s.pain_before.map(Pain::get),
                        s.extent_before.map(Extent::code),
                        s.pain_after.map(Pain::get),
                        s.extent_after.map(Extent::code)
                    ])
                    .map_err(err)?;
                let session = tx.last_insert_rowid();
                imported.push((session, s.events.clone()));
                for ev in &s.events {
                    let r = codec::encode(&ev.entry);
                    add_event
                        .execute(params![
                            session, ev.at_ms, r.kind, r.step, r.step_id, r.value
                        ])
                        .map_err(err)?;
                }
                events += s.events.len();
            }
            // What the events say a session's row holds (as the recorder
            // keeps it), then the numbers of those that did not record them.
            for (session, evs) in &imported {
                for ev in evs {
                    let Entry::Session(e) = &ev.entry else {
                        if let Entry::Screening(code) = &ev.entry {
                            tx.execute(
                                "UPDATE sessions SET screening = ?2 WHERE id = ?1",
                                params![session, code],
                            )
                            .map_err(err)?;
                        }
                        continue;
                    };
                    match e {
                        Event::Began { routine, hash } => {
                            tx.execute(
                                "UPDATE sessions SET ran_routine = ?2, ran_hash = ?3 WHERE id = ?1",
                                params![session, routine, hash],
                            )
                            .map_err(err)?;
                        }
                        Event::Tally(t) => {
                            tx.execute(
                                "UPDATE sessions SET active_ms = ?2, steps_done = ?3,
                                 steps_skipped = ?4, steps_total = ?5 WHERE id = ?1",
                                params![
                                    session,
                                    t.active.as_millis() as i64,
                                    t.done as i64,
                                    t.skipped as i64,
                                    t.total as i64
                                ],
                            )
                            .map_err(err)?;
                        }
                        _ => {}
                    }
                }
                tx.execute(schema::DERIVE, [session]).map_err(err)?;
            }
        }
        tx.commit().map_err(err)?;
        Ok(events)
    }

    /// The connection, for tests that need raw SQL.
    #[cfg(test)]
    pub(crate) fn connection(&self) -> &Connection {
        &self.conn
    }
}

#[cfg(test)]
#[path = "store_tests.rs"]
mod tests;

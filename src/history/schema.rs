//! The tables, and how a database gets from any earlier version to this
//! one. `PRAGMA user_version` is the number of migrations applied;
//! `PRAGMA application_id` marks the file as unknot's. Migrations run in
//! one `BEGIN IMMEDIATE` transaction, so two unknots starting at once
//! cannot both apply them, and a crash half-way leaves the old version.
//!
//! Times are milliseconds since the Unix epoch (UTC). Codes are the stable
//! words of `model` (`completed`, `thigh`, `step-started`…).

use rusqlite::{Connection, TransactionBehavior};

/// "unkt": marks a database as unknot's history.
pub const APPLICATION_ID: i64 = 0x756e_6b74;

/// Version 1: sessions and their events.
const V1: &str = "
CREATE TABLE sessions (
    id            INTEGER PRIMARY KEY,
    started_ms    INTEGER NOT NULL,
    ended_ms      INTEGER,
    utc_offset_s  INTEGER NOT NULL DEFAULT 0,
    routine       TEXT NOT NULL,
    routine_hash  TEXT NOT NULL,
    side          TEXT CHECK (side IN ('left', 'right')),
    outcome       TEXT CHECK (outcome IN ('completed', 'stopped', 'quit', 'interrupted')),
    reason        TEXT,
    owner         TEXT NOT NULL
);
CREATE TABLE events (
    id          INTEGER PRIMARY KEY,
    session_id  INTEGER NOT NULL REFERENCES sessions(id),
    at_ms       INTEGER NOT NULL,
    kind        TEXT NOT NULL,
    step        INTEGER,
    step_id     TEXT,
    value       TEXT
);
CREATE INDEX events_by_session ON events(session_id, kind);
CREATE INDEX sessions_open ON sessions(id) WHERE outcome IS NULL;
";

/// Version 2: pain (0-10) and how far down the leg it reaches, before and
/// after, as the baseline and end questions ask them; a start-time index
/// for the history views.
const V2: &str = "
ALTER TABLE sessions ADD COLUMN pain_before INTEGER CHECK (pain_before BETWEEN 0 AND 10);
ALTER TABLE sessions ADD COLUMN extent_before TEXT
    CHECK (extent_before IN ('lower-back', 'buttock', 'thigh', 'below-knee', 'foot'));
ALTER TABLE sessions ADD COLUMN pain_after INTEGER CHECK (pain_after BETWEEN 0 AND 10);
ALTER TABLE sessions ADD COLUMN extent_after TEXT
    CHECK (extent_after IN ('lower-back', 'buttock', 'thigh', 'below-knee', 'foot'));
CREATE INDEX sessions_by_start ON sessions(started_ms, id);
";

/// Version 3: the person's record, apart from any one session: the answers
/// to the lasting questions (conditions that rarely change), each doctor's
/// or physiotherapist's OK for massage with what it covers, and the answers
/// to "has it been assessed?", each with its date. Sign lists are sign ids,
/// comma-separated (`''`: none apply). `session_id` is the session they
/// were given in (the same facts are also in its events).
const V3: &str = "
CREATE TABLE lasting_answers (
    id            INTEGER PRIMARY KEY,
    session_id    INTEGER REFERENCES sessions(id),
    at_ms         INTEGER NOT NULL,
    utc_offset_s  INTEGER NOT NULL DEFAULT 0,
    signs         TEXT NOT NULL
);
CREATE TABLE clinician_oks (
    id            INTEGER PRIMARY KEY,
    session_id    INTEGER REFERENCES sessions(id),
    at_ms         INTEGER NOT NULL,
    utc_offset_s  INTEGER NOT NULL DEFAULT 0,
    covers        TEXT NOT NULL CHECK (covers <> '')
);
CREATE TABLE assessments (
    id            INTEGER PRIMARY KEY,
    session_id    INTEGER REFERENCES sessions(id),
    at_ms         INTEGER NOT NULL,
    utc_offset_s  INTEGER NOT NULL DEFAULT 0,
    assessed      INTEGER NOT NULL CHECK (assessed IN (0, 1))
);
CREATE INDEX lasting_by_time ON lasting_answers(at_ms);
CREATE INDEX assessments_by_time ON assessments(at_ms);
";

/// Version 4: what a session's end screen says, kept in its row so every
/// view and export reads the same numbers without going through the
/// events: the routine that ran (when not the one asked for), the safety
/// check's result, and the tally (duration from the first technique,
/// techniques done and skipped, techniques in the routine; see
/// `crate::vocab::Tally`). Sessions recorded before are filled in from
/// their events, once, by [`DERIVE`] (the routine that ran cannot be
/// known for them: it stays the one asked for).
const V4: &str = "
ALTER TABLE sessions ADD COLUMN ran_routine TEXT;
ALTER TABLE sessions ADD COLUMN ran_hash TEXT;
ALTER TABLE sessions ADD COLUMN screening TEXT;
ALTER TABLE sessions ADD COLUMN active_ms INTEGER CHECK (active_ms >= 0);
ALTER TABLE sessions ADD COLUMN steps_done INTEGER CHECK (steps_done >= 0);
ALTER TABLE sessions ADD COLUMN steps_skipped INTEGER CHECK (steps_skipped >= 0);
ALTER TABLE sessions ADD COLUMN steps_total INTEGER CHECK (steps_total >= 0);
";

/// Fill in a session's screening and tally from its events (`?1`: its
/// id), by the one definition, where its row has none: for sessions that
/// could not record their own tally (killed, interrupted, ended before a
/// technique) and those recorded before version 4. Each technique is
/// counted once: done at its `step-completed`, skipped when a countdown of
/// it was cut short (`step-skipped`) and it is not done; the duration runs
/// from the first technique's start to the end (none without a technique).
pub const DERIVE: &str = "
UPDATE sessions SET
  screening = coalesce(screening, (SELECT e.value FROM events e
      WHERE e.session_id = sessions.id AND e.kind = 'screening' ORDER BY e.id DESC LIMIT 1)),
  steps_done = (SELECT count(DISTINCT e.step) FROM events e
      WHERE e.session_id = sessions.id AND e.kind = 'step-completed'),
  steps_skipped = (SELECT count(DISTINCT e.step) FROM events e
      WHERE e.session_id = sessions.id AND e.kind = 'step-skipped' AND NOT EXISTS
      (SELECT 1 FROM events c WHERE c.session_id = sessions.id AND c.kind = 'step-completed'
       AND c.step = e.step)),
  active_ms = (SELECT max(sessions.ended_ms - e.at_ms, 0) FROM events e
      WHERE e.session_id = sessions.id AND e.kind = 'step-started' ORDER BY e.id LIMIT 1)
WHERE steps_done IS NULL AND id = ?1";

/// [`DERIVE`] for every session of a history from before version 4.
const BACKFILL: &str = "
UPDATE sessions SET
  screening = (SELECT e.value FROM events e
      WHERE e.session_id = sessions.id AND e.kind = 'screening' ORDER BY e.id DESC LIMIT 1),
  steps_done = (SELECT count(DISTINCT e.step) FROM events e
      WHERE e.session_id = sessions.id AND e.kind = 'step-completed'),
  steps_skipped = (SELECT count(DISTINCT e.step) FROM events e
      WHERE e.session_id = sessions.id AND e.kind = 'step-skipped' AND NOT EXISTS
      (SELECT 1 FROM events c WHERE c.session_id = sessions.id AND c.kind = 'step-completed'
       AND c.step = e.step)),
  active_ms = (SELECT max(sessions.ended_ms - e.at_ms, 0) FROM events e
      WHERE e.session_id = sessions.id AND e.kind = 'step-started' ORDER BY e.id LIMIT 1)
WHERE ended_ms IS NOT NULL";

/// Every migration, in order; index + 1 is the version it leads to.
pub const MIGRATIONS: &[&str] = &[V1, V2, V3, V4];

/// What a migration leaves to fill in, by version reached (index + 1).
const AFTER: &[&str] = &["", "", "", BACKFILL];

/// The schema version this build writes.
pub const LATEST: i64 = MIGRATIONS.len() as i64;

/// The file's schema version.
pub fn version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.query_row("PRAGMA user_version", [], |r| r.get(0))
}

/// The file's application id (0 for a new or foreign file).
pub fn application_id(conn: &Connection) -> rusqlite::Result<i64> {
    conn.query_row("PRAGMA application_id", [], |r| r.get(0))
}

/// How many tables, views or indexes the file has (0: a fresh file).
pub fn object_count(conn: &Connection) -> rusqlite::Result<i64> {
    conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
}

/// Bring the database up to [`LATEST`].
pub fn migrate(conn: &mut Connection) -> rusqlite::Result<()> {
    migrate_to(conn, LATEST)
}

/// Bring the database up to `target` (tests build older versions with it).
/// Returns with nothing done if the file is already there or beyond.
pub fn migrate_to(conn: &mut Connection, target: i64) -> rusqlite::Result<()> {
    // Up to date (every start after the first): no write lock to take, so
    // the first screen does not wait on one.
    if version(conn)? >= target.min(LATEST) {
        return Ok(());
    }
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    // Read again inside the write lock: another unknot may have just done it.
    let from = version(&tx)?;
    for v in from..target.min(LATEST) {
        tx.execute_batch(MIGRATIONS[v as usize])?;
        tx.execute_batch(AFTER[v as usize])?;
        tx.execute_batch(&format!("PRAGMA user_version = {}", v + 1))?;
    }
    if from == 0 && target > 0 {
        tx.execute_batch(&format!("PRAGMA application_id = {APPLICATION_ID}"))?;
    }
    tx.commit()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn columns(conn: &Connection, table: &str) -> Vec<String> {
        let mut st = conn
            .prepare(&format!("PRAGMA table_info({table})"))
            .unwrap();
        st.query_map([], |r| r.get::<_, String>(1))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    }

    #[test]
    fn each_version_is_reachable_and_migrate_is_idempotent() {
        for target in 0..=LATEST {
            let mut conn = Connection::open_in_memory().unwrap();
            migrate_to(&mut conn, target).unwrap();
            assert_eq!(version(&conn).unwrap(), target);
            migrate(&mut conn).unwrap();
            migrate(&mut conn).unwrap();
            assert_eq!(version(&conn).unwrap(), LATEST);
            assert_eq!(application_id(&conn).unwrap(), APPLICATION_ID);
            let cols = columns(&conn, "sessions");
            for c in [
                "started_ms",
                "outcome",
                "owner",
                "pain_before",
                "extent_after",
                "ran_routine",
                "screening",
                "active_ms",
                "steps_done",
                "steps_skipped",
                "steps_total",
            ] {
                assert!(cols.contains(&c.to_string()), "{c} missing in {cols:?}");
            }
            assert!(columns(&conn, "clinician_oks").contains(&"covers".to_string()));
            assert!(columns(&conn, "lasting_answers").contains(&"signs".to_string()));
            assert!(columns(&conn, "assessments").contains(&"assessed".to_string()));
        }
    }

    #[test]
    fn checks_refuse_bad_values() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn).unwrap();
        let insert = |outcome: &str, pain: i64| {
            conn.execute(
                "INSERT INTO sessions (started_ms, routine, routine_hash, owner, outcome, pain_before)
                 VALUES (0, 'r', 'h', 'o', ?1, ?2)",
                (outcome, pain),
            )
        };
        assert!(insert("completed", 4).is_ok());
        assert!(insert("exploded", 4).is_err());
        assert!(insert("completed", 11).is_err());
        let ok = |covers: &str| {
            conn.execute(
                "INSERT INTO clinician_oks (at_ms, covers) VALUES (0, ?1)",
                [covers],
            )
        };
        assert!(ok("pregnancy").is_ok());
        assert!(ok("").is_err(), "an OK covers something");
        let assessed = |v: i64| {
            conn.execute(
                "INSERT INTO assessments (at_ms, assessed) VALUES (0, ?1)",
                [v],
            )
        };
        assert!(assessed(1).is_ok() && assessed(2).is_err());
    }
}

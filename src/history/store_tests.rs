//! Tests of the store: migrations, round trips, recovery, refusals.

use std::path::Path;

use rusqlite::Connection;

use super::*;
use crate::history::codec::{Entry, tests::every_entry};
use crate::history::error::Problem;
use crate::history::live::{LiveLock, new_owner};
use crate::history::schema::{self, LATEST};
use crate::history::{DB_FILE, Screening};
use crate::routine::Side;
use crate::vocab::Event;

fn meta(started_ms: i64) -> SessionMeta {
    SessionMeta {
        started_ms,
        utc_offset_s: 3600,
        routine: "gentle-lower-back".into(),
        routine_hash: "0123456789abcdef".into(),
        side: Some(Side::Left),
    }
}

fn problem(e: HistoryError) -> Problem {
    match e {
        HistoryError::Db { problem, .. } => problem,
        other => panic!("not a database error: {other}"),
    }
}

/// A database left at schema `version`, with one session as that version
/// could store it (and its events), made with raw SQL as an old unknot would.
fn old_database(dir: &Path, version: i64) {
    let mut conn = Connection::open(db_path(dir)).unwrap();
    schema::migrate_to(&mut conn, version).unwrap();
    if version >= 1 {
        conn.execute_batch(
            "INSERT INTO sessions (started_ms, ended_ms, utc_offset_s, routine, routine_hash, side, outcome, owner)
             VALUES (1000, 61000, 0, 'old', 'aaaa', 'right', 'completed', '1-1');
             INSERT INTO events (session_id, at_ms, kind, step, step_id) VALUES (1, 2000, 'step-started', 0, 'rub');
             INSERT INTO events (session_id, at_ms, kind, value) VALUES (1, 61000, 'ended', 'completed');",
        )
        .unwrap();
    }
}

#[test]
fn a_fresh_directory_gets_an_up_to_date_wal_database() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("a/b");
    let store = Store::open(&dir).unwrap();
    assert!(db_path(&dir).exists());
    let c = store.connection();
    assert_eq!(schema::version(c).unwrap(), LATEST);
    assert_eq!(schema::application_id(c).unwrap(), schema::APPLICATION_ID);
    let mode: String = c
        .query_row("PRAGMA journal_mode", [], |r| r.get(0))
        .unwrap();
    assert_eq!(mode, "wal");
    assert!(store.sessions(None).unwrap().is_empty());
}

#[test]
fn migrates_from_an_empty_file_and_every_earlier_version() {
    for version in 0..LATEST {
        let tmp = tempfile::tempdir().unwrap();
        old_database(tmp.path(), version);
        let store = Store::open(tmp.path()).unwrap();
        assert_eq!(
            schema::version(store.connection()).unwrap(),
            LATEST,
            "from {version}"
        );
        let rows = store.sessions(None).unwrap();
        if version == 0 {
            assert!(rows.is_empty());
            continue;
        }
        assert_eq!(rows.len(), 1, "from {version}");
        // Nothing about the person before version 3: everything is asked.
        assert_eq!(
            store.on_record(100_000).unwrap(),
            crate::safety::OnRecord::empty(100_000)
        );
        let r = &rows[0];
        assert_eq!(
            (r.routine.as_str(), r.side, &r.outcome),
            ("old", Some(Side::Right), &Outcome::Completed)
        );
        assert_eq!((r.pain_before, r.extent_after), (None, None));
        assert_eq!(store.events(r.id).unwrap().len(), 2);
        // The new columns take values after the migration.
        store
            .set_pain(r.id, true, Pain::new(3).unwrap(), Some(Extent::Buttock))
            .unwrap();
        assert_eq!(
            store.session(r.id).unwrap().unwrap().pain_after,
            Pain::new(3)
        );
    }
}

#[test]
fn an_empty_zero_byte_file_is_a_new_database() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::write(db_path(tmp.path()), b"").unwrap();
    let store = Store::open(tmp.path()).unwrap();
    assert_eq!(schema::version(store.connection()).unwrap(), LATEST);
}

#[test]
fn a_session_with_every_event_round_trips() {
    let tmp = tempfile::tempdir().unwrap();
    let mut store = Store::open(tmp.path()).unwrap();
    let id = store.insert_session(&meta(5_000), "1-2").unwrap();
    let events: Vec<StoredEvent> = every_entry()
        .into_iter()
        .enumerate()
        .map(|(i, entry)| StoredEvent {
            at_ms: 5_000 + i as i64,
            entry,
        })
        .collect();
    store.append(id, &events[..3]).unwrap();
    store.append(id, &events[3..]).unwrap();
    store
        .set_pain(id, false, Pain::new(6).unwrap(), Some(Extent::Thigh))
        .unwrap();
    store
        .set_pain(id, true, Pain::new(4).unwrap(), Some(Extent::Buttock))
        .unwrap();
    // What the recorder keeps in the row beside the events.
    for e in &events {
        match &e.entry {
            Entry::Session(Event::Tally(t)) => store.set_tally(id, t).unwrap(),
            Entry::Session(Event::Began { routine, hash }) => {
                store.set_ran(id, routine, hash).unwrap()
            }
            Entry::Screening(code) => store.set_screening(id, code).unwrap(),
            _ => {}
        }
    }
    store
        .finish(id, 9_000, &Outcome::Stopped("spreading".into()))
        .unwrap();
    assert_eq!(store.events(id).unwrap(), events);
    let row = store.session(id).unwrap().unwrap();
    assert_eq!(row.outcome, Outcome::Stopped("spreading".into()));
    assert_eq!(
        (row.started_ms, row.ended_ms, row.utc_offset_s),
        (5_000, Some(9_000), 3600)
    );
    assert_eq!(
        (row.pain_before, row.pain_after, row.pain_change()),
        (Pain::new(6), Pain::new(4), Some(-2))
    );
    assert_eq!(
        (row.extent_before, row.extent_after),
        (Some(Extent::Thigh), Some(Extent::Buttock))
    );
    // The session's own tally wins over counting the events.
    assert_eq!(
        (
            row.active_ms,
            row.steps_completed,
            row.steps_skipped,
            row.steps_total
        ),
        (Some(57_250), 2, 1, Some(3))
    );
    // The routine that ran (its `began` event), and the one asked for.
    assert_eq!(
        (row.routine.as_str(), row.asked_routine.as_str()),
        ("acute-relief", "gentle-lower-back")
    );
    assert_eq!(row.screening, Screening::from_code("clear"));
}

/// A history of version 2 gets its sessions' numbers from their events
/// when it is opened (one migration, once).
#[test]
fn an_older_history_gets_its_numbers_from_its_events() {
    let tmp = tempfile::tempdir().unwrap();
    {
        let mut conn = Connection::open(db_path(tmp.path())).unwrap();
        schema::migrate_to(&mut conn, 2).unwrap();
        conn.execute_batch(
            "INSERT INTO sessions (id, started_ms, ended_ms, routine, routine_hash, owner, outcome)
             VALUES (1, 0, 70000, 'r', 'h', 'o', 'completed');
             INSERT INTO events (session_id, at_ms, kind, step, step_id, value) VALUES
             (1, 1000, 'screening', NULL, NULL, 'clear'),
             (1, 10000, 'step-started', 0, 'a', NULL),
             (1, 20000, 'step-completed', 0, 'a', NULL),
             (1, 30000, 'step-started', 1, 'b', NULL),
             (1, 40000, 'step-skipped', 1, 'b', NULL),
             (1, 70000, 'ended', NULL, NULL, 'completed');",
        )
        .unwrap();
    }
    let store = Store::open(tmp.path()).unwrap();
    let row = store.session(1).unwrap().unwrap();
    assert_eq!(
        (row.active_ms, row.steps_completed, row.steps_skipped),
        (Some(60_000), 1, 1)
    );
    assert_eq!(row.screening, Screening::from_code("clear"));
    assert_eq!(row.routine, row.asked_routine, "what ran is not known");
}

/// A session that could not record its tally (killed, or ended from
/// outside) is counted from its events by the same definition: each
/// technique once, done at its `step-completed`, skipped only if a
/// countdown of it was cut short and it was not done; the time from the
/// first technique's start to the end.
#[test]
fn without_a_tally_the_events_are_counted_by_the_same_definition() {
    let tmp = tempfile::tempdir().unwrap();
    let mut store = Store::open(tmp.path()).unwrap();
    let id = store.insert_session(&meta(1_000), "1-9").unwrap();
    let step = |kind: &str, step: usize| {
        let id = format!("s{step}");
        Entry::Session(match kind {
            "started" => Event::StepStarted { step, id },
            "skipped" => Event::SegmentSkipped { step, id },
            _ => Event::StepCompleted { step, id },
        })
    };
    let script = [
        (4_000, Entry::Screening("clear".into())),
        (5_000, step("started", 0)),
        // Step 0: a side cut short, then redone: done, not skipped.
        (6_000, step("skipped", 0)),
        (7_000, step("completed", 0)),
        (8_000, step("started", 1)),
        // Step 1: cut short twice, never done: skipped once.
        (9_000, step("skipped", 1)),
        (9_500, step("skipped", 1)),
        (10_000, step("started", 2)),
        (11_000, step("completed", 2)),
        // Recorded twice by an older unknot: still one technique.
        (11_500, step("completed", 2)),
    ];
    let events: Vec<StoredEvent> = script
        .into_iter()
        .map(|(at_ms, entry)| StoredEvent { at_ms, entry })
        .collect();
    store.append(id, &events).unwrap();
    store
        .finish(id, 65_000, &Outcome::Interrupted(Some("sigterm".into())))
        .unwrap();
    let row = store.session(id).unwrap().unwrap();
    assert_eq!(
        (
            row.active_ms,
            row.steps_completed,
            row.steps_skipped,
            row.steps_total
        ),
        (Some(60_000), 2, 1, None)
    );
    assert_eq!(row.routine, "gentle-lower-back", "no began event: as asked");
    assert_eq!(row.screening.map(|s| s.code()), Some("none".to_string()));
}

#[test]
fn only_the_first_outcome_counts() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::open(tmp.path()).unwrap();
    let id = store.insert_session(&meta(0), "1-3").unwrap();
    store.finish(id, 10, &Outcome::Quit).unwrap();
    store
        .finish(id, 20, &Outcome::Interrupted(Some("sigterm".into())))
        .unwrap();
    let row = store.session(id).unwrap().unwrap();
    assert_eq!((row.outcome, row.ended_ms), (Outcome::Quit, Some(10)));
}

#[test]
fn dead_sessions_become_interrupted_at_their_last_event_and_live_ones_stay() {
    let tmp = tempfile::tempdir().unwrap();
    let mut store = Store::open(tmp.path()).unwrap();
    let live_owner = new_owner();
    let lock = LiveLock::acquire(tmp.path(), &live_owner).unwrap();
    let live = store.insert_session(&meta(100), &live_owner).unwrap();
    let dead = store.insert_session(&meta(200), "999999-1").unwrap();
    let paused = StoredEvent {
        at_ms: 700,
        entry: Entry::Session(crate::vocab::Event::Paused),
    };
    store.append(dead, &[paused]).unwrap();
    let silent = store.insert_session(&meta(300), "999999-2").unwrap();
    assert_eq!(store.recover().unwrap(), 2);
    let get = |id| store.session(id).unwrap().unwrap();
    assert_eq!(
        (get(live).outcome, get(live).ended_ms),
        (Outcome::InProgress, None)
    );
    assert_eq!(
        (get(dead).outcome, get(dead).ended_ms),
        (Outcome::Interrupted(None), Some(700))
    );
    assert_eq!(get(silent).ended_ms, Some(300));
    lock.release();
    assert_eq!(store.recover().unwrap(), 1);
    assert_eq!(get(live).outcome, Outcome::Interrupted(None));
}

#[test]
fn last_n_are_the_most_recent_in_order() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::open(tmp.path()).unwrap();
    for t in [30, 10, 20, 40] {
        store.insert_session(&meta(t), "1-1").unwrap();
    }
    let starts = |last| {
        store
            .sessions(last)
            .unwrap()
            .iter()
            .map(|r| r.started_ms)
            .collect::<Vec<_>>()
    };
    assert_eq!(starts(None), vec![10, 20, 30, 40]);
    assert_eq!(starts(Some(2)), vec![30, 40]);
    assert_eq!(starts(Some(99)), vec![10, 20, 30, 40]);
    let since = |t, n| {
        store
            .sessions_between(t, 35, n)
            .unwrap()
            .iter()
            .map(|r| r.started_ms)
            .collect::<Vec<_>>()
    };
    assert_eq!(since(15, 0), vec![20, 30]);
    assert_eq!(since(15, 1), vec![20, 30, 40]);
    assert_eq!(since(35, 3), vec![20, 30, 40]);
    assert_eq!(since(99, 1), vec![40]);
}

/// Refused files are left byte for byte as they were, with no side files.
fn assert_refused_untouched(bytes: &[u8], expected: Problem) {
    let tmp = tempfile::tempdir().unwrap();
    let path = db_path(tmp.path());
    std::fs::write(&path, bytes).unwrap();
    let err = Store::open(tmp.path()).unwrap_err();
    assert!(
        err.to_string().contains(&path.display().to_string()),
        "{err}"
    );
    assert_eq!(problem(err), expected);
    assert_eq!(std::fs::read(&path).unwrap(), bytes);
    let names: Vec<_> = std::fs::read_dir(tmp.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, vec![std::ffi::OsString::from(DB_FILE)]);
}

#[test]
fn corrupt_foreign_and_newer_files_are_refused_and_untouched() {
    assert_refused_untouched(
        &b"this is a shopping list, not a database\n".repeat(200),
        Problem::NotADatabase,
    );

    let other = tempfile::tempdir().unwrap();
    let foreign = other.path().join("foreign.db");
    Connection::open(&foreign)
        .unwrap()
        .execute_batch("CREATE TABLE recipes (name TEXT)")
        .unwrap();
    assert_refused_untouched(&std::fs::read(&foreign).unwrap(), Problem::Foreign);

    let newer = other.path().join("newer.db");
    let mut conn = Connection::open(&newer).unwrap();
    schema::migrate(&mut conn).unwrap();
    conn.execute_batch(&format!("PRAGMA user_version = {}", LATEST + 5))
        .unwrap();
    drop(conn);
    assert_refused_untouched(
        &std::fs::read(&newer).unwrap(),
        Problem::TooNew {
            found: LATEST + 5,
            known: LATEST,
        },
    );
}

#[test]
fn a_database_locked_by_another_program_says_so() {
    let tmp = tempfile::tempdir().unwrap();
    drop(Store::open(tmp.path()).unwrap());
    let other = Connection::open(db_path(tmp.path())).unwrap();
    other
        .execute_batch("PRAGMA journal_mode = DELETE; BEGIN EXCLUSIVE;")
        .unwrap();
    let err =
        Store::open_with_timeout(tmp.path(), std::time::Duration::from_millis(20)).unwrap_err();
    assert_eq!(problem(err), Problem::Locked);
}

#[test]
fn an_unreadable_stored_value_is_named() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::open(tmp.path()).unwrap();
    let id = store.insert_session(&meta(0), "1-1").unwrap();
    store
        .connection()
        .execute(
            "INSERT INTO events (session_id, at_ms, kind) VALUES (?1, 0, 'teleported')",
            [id],
        )
        .unwrap();
    let err = store.events(id).unwrap_err().to_string();
    assert!(err.contains("'teleported'"), "{err}");
}

#[test]
fn many_writers_at_once_lose_and_corrupt_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    drop(Store::open(tmp.path()).unwrap());
    let (writers, each) = (4, 200);
    let ids: Vec<i64> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..writers)
            .map(|w| {
                let dir = tmp.path();
                s.spawn(move || {
                    let mut store = Store::open(dir).unwrap();
                    let id = store.insert_session(&meta(w), "1-1").unwrap();
                    for i in 0..each {
                        let ev = StoredEvent {
                            at_ms: i,
                            entry: Entry::Screening(format!("w{w}-{i}")),
                        };
                        store.append(id, &[ev]).unwrap();
                    }
                    id
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });
    let store = Store::open(tmp.path()).unwrap();
    let ok: String = store
        .connection()
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ok, "ok");
    for id in ids {
        assert_eq!(store.events(id).unwrap().len(), each as usize);
    }
}

#[test]
fn events_between_visit_the_sessions_started_in_the_range() {
    let tmp = tempfile::tempdir().unwrap();
    let mut store = Store::open(tmp.path()).unwrap();
    let mut ids = Vec::new();
    for start in [1_000, 2_000, 3_000] {
        let id = store.insert_session(&meta(start), "o").unwrap();
        let evs: Vec<StoredEvent> = every_entry()
            .into_iter()
            .take(3)
            .enumerate()
            .map(|(i, entry)| StoredEvent {
                at_ms: start + i as i64,
                entry,
            })
            .collect();
        store.append(id, &evs).unwrap();
        ids.push(id);
    }
    let mut seen = Vec::new();
    store
        .visit_events_between(2_000, 3_000, |session, ev| seen.push((session, ev.at_ms)))
        .unwrap();
    let want: Vec<(i64, i64)> = ids[1..]
        .iter()
        .zip([2_000, 3_000])
        .flat_map(|(&id, start)| (0..3).map(move |i| (id, start + i)))
        .collect();
    assert_eq!(seen, want);
    // A row this version cannot read is named, as `events` does.
    store
        .connection()
        .execute(
            "INSERT INTO events (session_id, at_ms, kind) VALUES (?1, 5, 'teleported')",
            [ids[2]],
        )
        .unwrap();
    let err = store.visit_events_between(0, 9_999, |_, _| {}).unwrap_err();
    assert!(matches!(problem(err), Problem::BadValue(w) if w.contains("teleported")));
}

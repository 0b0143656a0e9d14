//! Tests of the recorder: what the app sends ends up committed, in order,
//! while the session runs; closing always leaves a finished session.

use rusqlite::Connection;

use super::*;
use crate::history::db_path;
use crate::vocab::{CheckIn, Outcome as SessionOutcome, StopReason};

fn meta() -> SessionMeta {
    SessionMeta {
        started_ms: now_ms(),
        utc_offset_s: 0,
        routine: "tiny".into(),
        routine_hash: "feedfeedfeedfeed".into(),
        side: None,
    }
}

fn start(dir: &std::path::Path) -> (Recorder, Writer) {
    Recorder::start_session(Store::open(dir).unwrap(), &meta()).unwrap()
}

/// The id of the only session in the store.
fn only_session(store: &Store) -> i64 {
    let rows = store.sessions(None).unwrap();
    assert_eq!(rows.len(), 1);
    rows[0].id
}

fn kinds(store: &Store, id: i64) -> Vec<String> {
    store
        .events(id)
        .unwrap()
        .iter()
        .map(|e| super::super::codec::encode(&e.entry).kind.to_string())
        .collect()
}

#[test]
fn events_are_committed_while_the_session_runs() {
    let tmp = tempfile::tempdir().unwrap();
    let (rec, writer) = start(tmp.path());
    rec.screening("clear");
    rec.set_pain_before(Pain::new(5).unwrap(), Some(Extent::Thigh));
    rec.record(&Event::StepStarted {
        step: 0,
        id: "rub".into(),
    });
    rec.record(&Event::Paused);
    rec.sync();
    // Another connection (another process would do the same) sees them now.
    let reader = Store::open(tmp.path()).unwrap();
    let id = only_session(&reader);
    assert_eq!(
        kinds(&reader, id),
        ["screening", "pain-before", "step-started", "paused"]
    );
    let row = reader.session(id).unwrap().unwrap();
    assert_eq!(
        row.outcome,
        Outcome::InProgress,
        "a live session is not interrupted"
    );
    assert_eq!(
        (row.pain_before, row.extent_before),
        (Pain::new(5), Some(Extent::Thigh))
    );
    writer.close().unwrap();
}

/// The routine that runs, the safety check's result and the session's
/// tally are kept in its row as they are recorded.
#[test]
fn the_row_keeps_what_the_end_screen_says() {
    let tmp = tempfile::tempdir().unwrap();
    let (rec, writer) = start(tmp.path());
    rec.record(&Event::Screened {
        verdict: crate::vocab::Verdict::Acute,
        signs: vec![crate::vocab::Sign::RecentOnset],
    });
    rec.record(&Event::Began {
        routine: "acute-relief".into(),
        hash: "0000111122223333".into(),
    });
    rec.record(&Event::Tally(crate::vocab::Tally {
        active: std::time::Duration::from_millis(61_999),
        done: 1,
        skipped: 0,
        total: 3,
    }));
    rec.record(&Event::Ended(SessionOutcome::Quit));
    rec.finish(SessionOutcome::Quit);
    writer.close().unwrap();
    let store = Store::open(tmp.path()).unwrap();
    let row = store.session(only_session(&store)).unwrap().unwrap();
    assert_eq!(
        (row.routine.as_str(), row.asked_routine.as_str()),
        ("acute-relief", "tiny")
    );
    assert_eq!(
        row.screening.as_ref().map(|s| s.code()).as_deref(),
        Some("today")
    );
    assert_eq!(
        (
            row.duration_ms(),
            row.steps_completed,
            row.steps_skipped,
            row.steps_total
        ),
        (Some(61_999), 1, 0, Some(3))
    );
}

#[test]
fn facts_about_the_person_go_to_their_tables_and_the_session_events() {
    use crate::vocab::Sign;
    let tmp = tempfile::tempdir().unwrap();
    let (rec, writer) = start(tmp.path());
    rec.record(&Event::Lasting(vec![Sign::Pregnancy]));
    rec.record(&Event::ClinicianOk(vec![Sign::Pregnancy]));
    rec.record(&Event::Assessed(false));
    rec.sync();
    let reader = Store::open(tmp.path()).unwrap();
    let id = only_session(&reader);
    assert_eq!(kinds(&reader, id), ["lasting", "clinician-ok", "assessed"]);
    let r = reader.on_record(now_ms() + 1).unwrap();
    assert_eq!(r.lasting_signs(), [Sign::Pregnancy]);
    assert!(r.covers(Sign::Pregnancy));
    assert!(r.assessed_this_episode, "answered in this episode");
    writer.close().unwrap();
}

#[test]
fn finish_then_pain_after_then_close() {
    let tmp = tempfile::tempdir().unwrap();
    let (rec, writer) = start(tmp.path());
    rec.record(&Event::CheckIn {
        step: 0,
        answer: CheckIn::Sharper,
    });
    rec.record(&Event::Ended(SessionOutcome::Stopped(StopReason::Sharper)));
    rec.finish(SessionOutcome::Stopped(StopReason::Sharper));
    rec.set_pain_after(Pain::new(7).unwrap(), None);
    writer.close().unwrap();
    let store = Store::open(tmp.path()).unwrap();
    let row = store.session(only_session(&store)).unwrap().unwrap();
    assert_eq!(row.outcome, Outcome::Stopped("sharper".into()));
    assert_eq!(row.pain_after, Pain::new(7));
    assert_eq!(kinds(&store, row.id), ["check-in", "stop", "pain-after"]);
    // The lock is gone with the session.
    let live = std::fs::read_dir(tmp.path().join("live")).unwrap().count();
    assert_eq!(live, 0);
}

#[test]
fn closing_an_unfinished_session_marks_it_interrupted() {
    let tmp = tempfile::tempdir().unwrap();
    let (rec, writer) = start(tmp.path());
    rec.record(&Event::Paused);
    writer.close().unwrap();
    let store = Store::open(tmp.path()).unwrap();
    let row = store.session(only_session(&store)).unwrap().unwrap();
    assert_eq!(row.outcome, Outcome::Interrupted(None));
    assert!(row.ended_ms.is_some());
}

#[test]
fn a_signal_is_named_and_a_later_outcome_ignored() {
    let tmp = tempfile::tempdir().unwrap();
    let (rec, writer) = start(tmp.path());
    rec.interrupted("sigterm");
    rec.finish(SessionOutcome::Completed);
    drop(writer); // dropping closes too
    let store = Store::open(tmp.path()).unwrap();
    let row = store.session(only_session(&store)).unwrap().unwrap();
    assert_eq!(row.outcome, Outcome::Interrupted(Some("sigterm".into())));
    assert_eq!(kinds(&store, row.id), ["interrupted"]);
}

#[test]
fn recording_never_waits_for_a_locked_database() {
    let tmp = tempfile::tempdir().unwrap();
    let (rec, writer) = start(tmp.path());
    let blocker = Connection::open(db_path(tmp.path())).unwrap();
    blocker.execute_batch("BEGIN IMMEDIATE").unwrap();
    // Were `record` to write itself, this would wait for the lock and the
    // test would never reach the commit below.
    for step in 0..100 {
        rec.record(&Event::StepStarted {
            step,
            id: "s".into(),
        });
    }
    let seen: i64 = blocker
        .query_row("SELECT count(*) FROM events", [], |r| r.get(0))
        .unwrap();
    assert_eq!(seen, 0);
    blocker.execute_batch("COMMIT").unwrap();
    rec.sync();
    let store = Store::open(tmp.path()).unwrap();
    assert_eq!(store.events(only_session(&store)).unwrap().len(), 100);
    writer.close().unwrap();
}

#[test]
fn a_session_row_that_cannot_be_written_is_reported_at_close() {
    let tmp = tempfile::tempdir().unwrap();
    let store = Store::open(tmp.path()).unwrap();
    store
        .connection()
        .execute_batch(
            "CREATE TRIGGER no_rows BEFORE INSERT ON sessions
             BEGIN SELECT RAISE(FAIL, 'the disk is on fire'); END;",
        )
        .unwrap();
    let (rec, writer) = Recorder::start_session(store, &meta()).unwrap();
    // Nothing the app calls waits or fails.
    rec.record(&Event::Paused);
    rec.finish(SessionOutcome::Quit);
    rec.sync();
    let err = writer.close().unwrap_err().to_string();
    assert!(err.contains("the disk is on fire"), "{err}");
    let live = std::fs::read_dir(tmp.path().join("live")).unwrap().count();
    assert_eq!(live, 0, "the lock is released");
}

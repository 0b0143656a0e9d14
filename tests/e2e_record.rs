//! The same truth on screen and in the record: the real binary in a
//! pseudo-terminal on the tiny routine, then `unknot history --format
//! json` on the same data, compared with what the screen said. One test
//! per way the two used to disagree: a side skipped and redone, the
//! acute-phase switch of routine, the reach noted on the stop screen, the
//! stop key after the last technique, and a reach further down the leg
//! at a check-in.

mod common;

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use common::intake::{pass_screening, pass_screening_reaching};
use common::{Pty, fixture, unknot};
use serde_json::Value;

const T: Duration = Duration::from_secs(40);

/// `unknot --data-dir DIR ARGS…`, isolated in `home`.
fn with_data(home: &Path, args: &[&str]) -> Command {
    let dir = home.join("data-dir");
    let mut all = vec!["--data-dir", dir.to_str().unwrap()];
    all.extend_from_slice(args);
    unknot(&all, home)
}

/// The tiny routine in a terminal.
fn tiny(home: &Path) -> Pty {
    let tiny = fixture("routines/tiny.toml");
    Pty::spawn(with_data(home, &["start", &tiny]), 80, 24)
}

/// The history as JSON: one object per session.
fn history(home: &Path) -> Vec<Value> {
    let out = with_data(home, &["history", "--format", "json"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{out:?}");
    serde_json::from_slice(&out.stdout).unwrap()
}

/// "Time: 1:05" on a screen, in seconds.
fn time_shown(screen: &str) -> i64 {
    let at = screen.find("Time: ").expect("a time on the summary") + 6;
    let clock: String = screen[at..]
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == ':')
        .collect();
    clock
        .split(':')
        .fold(0, |acc, part| acc * 60 + part.parse::<i64>().unwrap())
}

/// The value of `key` in a session, as text ("null" for null).
fn field(session: &Value, key: &str) -> String {
    match &session[key] {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

#[test]
fn a_side_skipped_and_redone_is_one_technique_done_on_screen_and_in_the_record() {
    let home = tempfile::tempdir().unwrap();
    let mut p = tiny(home.path());
    pass_screening(&mut p, T);
    // Cut the right side short, then go back from the check-in and do it.
    p.wait_text("HOLD · right side", T);
    p.send("n");
    p.wait_text("You finished: Tiny hold", T);
    p.send("b");
    p.wait_text("HOLD · right side", T);
    p.wait_text("You finished: Tiny hold", T);
    p.send("1");
    p.wait_text("You finished: Tiny rest", T);
    p.send("2");
    let summary = common::intake::answer_end_questions(&mut p, T);
    assert!(summary.contains("Techniques done: 2 of 2"), "{summary}");
    let shown = time_shown(&summary);
    p.send("\r");
    assert_eq!(p.exit_code(T), 0);
    let h = history(home.path());
    assert_eq!(h.len(), 1);
    let s = &h[0];
    assert_eq!(
        (
            field(s, "outcome"),
            field(s, "steps_completed"),
            field(s, "steps_skipped"),
            field(s, "steps_total")
        ),
        ("completed".into(), "2".into(), "0".into(), "2".into()),
        "{s}"
    );
    assert_eq!(s["duration_s"].as_i64(), Some(shown), "{s}");
    assert_eq!(field(s, "screening"), "none");
    assert_eq!(
        (field(s, "pain_after"), field(s, "extent_after")),
        ("2".into(), "lower-back".into())
    );
}

#[test]
fn the_acute_switch_records_the_routine_that_ran_and_the_one_asked_for() {
    let home = tempfile::tempdir().unwrap();
    let tiny = fixture("routines/tiny.toml");
    let mut cmd = with_data(home.path(), &["start", &tiny]);
    cmd.env("UNKNOT_ROUTINES_DIR", fixture("routines/relief"));
    let mut p = Pty::spawn(cmd, 80, 24);
    let s = p.wait_for("the notice or the screening", T, |s| {
        s.contains("Enter I understand") || s.contains("Safety check 1/5")
    });
    if !s.contains("Safety check 1/5") {
        p.send("\r");
        p.wait_text("Safety check 1/5", T);
    }
    for next in [
        "Safety check 2/5",
        "Safety check 3/5",
        "Safety check 4/5",
        "Safety check 5/5",
    ] {
        p.send("n");
        p.wait_text(next, T);
    }
    // The pain began in the last 3 days: only the massage-free routine.
    p.send("y");
    p.wait_text("Mark each one that applies", T);
    p.send("2\r");
    p.wait_text("Too soon for massage", T);
    p.send("\r");
    p.wait_text("0-9,t", T);
    p.send("3");
    p.wait_text("1-5 reach", T);
    p.send("2");
    let s = p.wait_text("Rest on your back", T);
    assert!(s.contains("acute-relief"), "{s}");
    p.send("q");
    p.wait_text("Quit this session?", T);
    p.send("y");
    assert_eq!(p.exit_code(T), 0);
    let h = history(home.path());
    let s = &h[0];
    assert_eq!(field(s, "routine"), "acute-relief", "{s}");
    assert_eq!(field(s, "asked_routine"), "tiny", "{s}");
    assert_ne!(field(s, "routine_hash"), field(s, "asked_hash"), "{s}");
    assert_eq!(field(s, "screening"), "today", "{s}");
    assert_eq!(field(s, "outcome"), "quit");
    assert_eq!(field(s, "steps_total"), "1");
}

#[test]
fn the_reach_noted_on_the_stop_screen_is_the_reach_after() {
    let home = tempfile::tempdir().unwrap();
    let mut p = tiny(home.path());
    pass_screening(&mut p, T);
    p.wait_text("PREPARE", T);
    p.send("x");
    p.wait_text("SESSION STOPPED", T);
    p.send("5");
    let s = p.wait_text("Noted: it reaches the foot", T);
    let shown = s
        .lines()
        .find(|l| l.contains("tiny · "))
        .expect("the routine and time stopped at")
        .to_string();
    p.send("\r");
    assert_eq!(p.exit_code(T), 0);
    let h = history(home.path());
    let s = &h[0];
    assert_eq!(
        (
            field(s, "outcome"),
            field(s, "reason"),
            field(s, "extent_after")
        ),
        ("stopped".into(), "pain-worse".into(), "foot".into()),
        "{s}"
    );
    assert_eq!(field(s, "pain_after"), "null", "pain after was not asked");
    let secs = s["duration_s"].as_i64().unwrap();
    assert!(
        shown.contains(&format!("0:{secs:02}")),
        "the stop screen's time {shown:?} and duration_s {secs}"
    );
}

#[test]
fn the_stop_key_after_the_last_technique_is_recorded_as_a_stop() {
    let home = tempfile::tempdir().unwrap();
    let mut p = tiny(home.path());
    pass_screening(&mut p, T);
    p.wait_text("You finished: Tiny hold", T);
    p.send("1");
    p.wait_text("You finished: Tiny rest", T);
    p.send("1");
    p.wait_text("0-9,t", T);
    p.send("x");
    p.wait_text("SESSION STOPPED", T);
    p.send("\r");
    assert_eq!(p.exit_code(T), 0);
    let h = history(home.path());
    let s = &h[0];
    assert_eq!(
        (field(s, "outcome"), field(s, "reason")),
        ("stopped".into(), "pain-worse".into()),
        "{s}"
    );
    // Both techniques were done before the stop.
    assert_eq!(field(s, "steps_completed"), "2");
}

#[test]
fn a_reach_further_down_at_a_check_in_is_a_spreading_stop() {
    let home = tempfile::tempdir().unwrap();
    let mut p = tiny(home.path());
    // The baseline: the thigh.
    pass_screening_reaching(&mut p, '3', T);
    p.wait_text("You finished: Tiny hold", T);
    // "Reaches less far" — but the answer says the foot.
    p.send("5");
    let s = p.wait_text("How far down does it reach now?", T);
    assert!(!s.contains("Good sign") && !s.contains("good sign"), "{s}");
    assert!(s.contains("thigh  (last time)"), "{s}");
    p.send("5");
    let s = p.wait_text("SESSION STOPPED", T);
    assert!(s.contains("further down the leg"), "{s}");
    p.send("\r");
    assert_eq!(p.exit_code(T), 0);
    let h = history(home.path());
    let s = &h[0];
    assert_eq!(
        (field(s, "outcome"), field(s, "reason")),
        ("stopped".into(), "spreading".into()),
        "{s}"
    );
    // The check-in is recorded as the spreading it was.
    let db = rusqlite::Connection::open(home.path().join("data-dir/history.sqlite3")).unwrap();
    let answer: String = db
        .query_row(
            "SELECT value FROM events WHERE kind = 'check-in'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(answer, "spreading");
}

//! End to end in a pseudo-terminal: the safety intake of the real binary.
//! A "yes" to an emergency sign must never let a step start; the control
//! case shows that, with nothing applying, the step does start (so the
//! first test can tell) and the stop key stops it. A doctor's OK given at
//! one session is kept in the history: the next session is an ordinary
//! day of three screens, and only the gentle routine runs.

mod common;

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use common::intake::pass_screening;
use common::{Pty, fixture, unknot};

const T: Duration = Duration::from_secs(15);
/// The title of the fixture's first step.
const STEP_TITLE: &str = "Tiny hold";

fn tiny(home: &Path) -> Command {
    let mut cmd = unknot(&["start", &fixture("routines/tiny.toml")], home);
    cmd.env("UNKNOT_DATA_DIR", home.join("unknot-data"));
    cmd
}

fn drew(p: &Pty, text: &str) -> bool {
    String::from_utf8_lossy(p.raw()).contains(text)
}

#[test]
fn an_emergency_yes_starts_no_step() {
    let home = tempfile::tempdir().unwrap();
    let mut p = Pty::spawn(tiny(home.path()), 80, 24);
    p.wait_text("Before your first session", T);
    p.send("\r");
    p.wait_text("Safety check 1/5", T);
    // A stray key is not an answer: it earns a hint and changes nothing.
    p.send("z");
    p.wait_text("Not an answer", T);
    assert!(p.screen().contains("Safety check 1/5"));
    p.send("y");
    let s = p.wait_text("Go to an emergency department now.", T);
    assert!(s.contains("within hours"), "{s}");
    assert!(!drew(&p, STEP_TITLE), "no step may start");
    assert!(!drew(&p, "PREPARE"));
    p.send("\r");
    assert_eq!(p.exit_code(T), 0);
    assert!(!drew(&p, STEP_TITLE));
    assert!(p.is_cooked());
    // Written off the event loop once the next screen showed, and done
    // before the program ends.
    let marker = home.path().join("unknot-data/safety-notice-seen");
    assert!(marker.is_file(), "the notice is remembered once read");
}

#[test]
fn none_apply_starts_the_step_and_x_stops_it() {
    let home = tempfile::tempdir().unwrap();
    let mut p = Pty::spawn(tiny(home.path()), 80, 24);
    pass_screening(&mut p, T);
    p.wait_text(STEP_TITLE, T);
    p.send("x");
    let s = p.wait_text("SESSION STOPPED", T);
    assert!(s.contains("What to do now"), "{s}");
    p.send("e");
    p.wait_text("Stop. Go to an emergency department now.", T);
    p.send("q");
    assert_eq!(p.exit_code(T), 0);
}

#[test]
fn the_stop_key_works_during_the_screening() {
    let home = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(home.path().join("unknot-data")).unwrap();
    std::fs::write(home.path().join("unknot-data/safety-notice-seen"), "").unwrap();
    let mut p = Pty::spawn(tiny(home.path()), 40, 12);
    p.wait_text("Safety check 1/5", T);
    p.send("n");
    p.wait_text("Safety check 2/5", T);
    p.send("!");
    p.wait_text("Stopped: it hurts more.", T);
    assert!(!drew(&p, STEP_TITLE));
    p.send("\r");
    assert_eq!(p.exit_code(T), 0);
}

#[test]
fn suspend_and_signals_during_the_screening_restore_the_terminal() {
    let home = tempfile::tempdir().unwrap();
    let mut p = Pty::spawn(tiny(home.path()), 80, 24);
    p.wait_text("Before your first session", T);
    p.send("\r");
    p.wait_text("Safety check 1/5", T);
    p.send("n");
    p.wait_text("Safety check 2/5", T);
    // Ctrl-Z gives the terminal back; on SIGCONT the same question returns
    // (in this orphaned process group the kernel discards the stop).
    p.send("\x1a");
    p.signal(libc::SIGCONT);
    p.send("n");
    p.wait_text("Safety check 3/5", T);
    p.signal(libc::SIGTERM);
    assert_eq!(p.exit_code(T), 143);
    assert!(p.is_cooked(), "terminal left in raw mode");
    assert!(p.left_alternate_screen());
    assert!(!drew(&p, STEP_TITLE));
}

#[test]
fn a_doctors_ok_is_kept_and_the_next_day_runs_the_gentle_routine() {
    let home = tempfile::tempdir().unwrap();
    let data = home.path().join("unknot-data");
    let mut p = Pty::spawn(tiny(home.path()), 80, 24);
    p.wait_text("Before your first session", T);
    p.send("\r");
    p.wait_text("Safety check 1/5", T);
    p.send("n");
    p.wait_text("Safety check 2/5", T);
    p.send("n");
    p.wait_text("Safety check 3/5", T);
    // Blood thinners, with a doctor's OK.
    p.send("2");
    p.wait_text("Mark each one", T);
    p.send("\r");
    p.wait_text("told you that massage is OK for you", T);
    p.send("y");
    p.wait_text("Has a doctor or physiotherapist assessed this pain?", T);
    p.send("y");
    p.wait_text("Safety check 5/5", T);
    p.send("n");
    p.wait_text("today runs a gentle routine: 'disc-gentle'", T);
    p.send("3");
    p.wait_text("1-5 reach", T);
    p.send("2");
    p.wait_text("Light warm-up rub", T);
    assert!(!drew(&p, STEP_TITLE), "the tiny hold is not gentle");
    p.send("x");
    p.wait_text("SESSION STOPPED", T);
    p.send("\r");
    assert_eq!(p.exit_code(T), 0);

    let store = unknot::history::Store::open(&data).unwrap();
    let oks = store.clinician_oks(i64::MAX).unwrap();
    assert_eq!(oks.len(), 1);
    assert_eq!(oks[0].covers, [unknot::vocab::Sign::BleedingRisk]);
    drop(store);

    // The next session: three screens, the answers on record, the same
    // gentle routine; six keys at most from the first question on.
    let mut p = Pty::spawn(tiny(home.path()), 80, 24);
    p.wait_text("Safety check 1/3", T);
    p.wait_text("new for you, or not normal for you", T);
    p.send("n");
    p.wait_text("Safety check 2/3", T);
    p.send("n");
    p.wait_text("Safety check 3/3", T);
    let s = p.wait_text("press c.", T);
    assert!(s.contains("blood thinners/bleeding"), "{s}");
    assert!(s.contains("OK on record"), "{s}");
    p.send("n");
    p.wait_text("'disc-gentle'", T);
    p.send("2");
    p.wait_text("1-5 reach", T);
    p.send("1");
    p.wait_text("Light warm-up rub", T);
    p.send("x");
    p.wait_text("SESSION STOPPED", T);
    p.send("\r");
    assert_eq!(p.exit_code(T), 0);
}

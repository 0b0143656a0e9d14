//! Leaving a trace: the real binary in a pseudo-terminal. Once the full
//! screen is given back, one line says how the session ended and that it
//! was saved, and the routine's warnings (which the full screen hid) are
//! shown; Ctrl-Z says how to come back.

mod common;

use std::time::Duration;

use common::intake::pass_screening;
use common::{Pty, fixture, unknot};

const T: Duration = Duration::from_secs(40);

/// What the program wrote after it last left the full screen.
fn after_the_screen(p: &Pty) -> String {
    let raw = String::from_utf8_lossy(p.raw()).into_owned();
    let at = raw.rfind("\x1b[?1049l").expect("the full screen was left");
    raw[at..].to_string()
}

#[test]
fn a_quit_mid_session_leaves_a_line_saying_so_and_that_it_was_saved() {
    let home = tempfile::tempdir().unwrap();
    let tiny = fixture("routines/tiny.toml");
    let mut p = Pty::spawn(unknot(&["start", &tiny], home.path()), 80, 24);
    pass_screening(&mut p, T);
    p.wait_text("PREPARE", T);
    p.send("q");
    p.wait_text("Quit this session?", T);
    p.send("y");
    assert_eq!(p.exit_code(T), 0);
    let after = after_the_screen(&p);
    assert!(
        after.contains("Session ended early: tiny, 0 of 2 techniques done, 0:0"),
        "{after:?}"
    );
    assert!(after.contains("Saved to your history"), "{after:?}");
}

#[test]
fn a_routine_s_warnings_are_shown_once_the_screen_is_given_back() {
    let home = tempfile::tempdir().unwrap();
    let routine = fixture("routines/warnings/hold-long.toml");
    let mut p = Pty::spawn(unknot(&["start", &routine], home.path()), 80, 24);
    pass_screening(&mut p, T);
    p.wait_text("PREPARE", T);
    p.send("x");
    p.wait_text("SESSION STOPPED", T);
    p.send("\r");
    assert_eq!(p.exit_code(T), 0);
    let after = after_the_screen(&p);
    assert!(
        after.contains("longer than the recommended 30s to 1m"),
        "{after:?}"
    );
    assert!(after.contains("Session stopped (pain worse)"), "{after:?}");
}

#[test]
fn ctrl_z_says_how_to_come_back() {
    let home = tempfile::tempdir().unwrap();
    let tiny = fixture("routines/tiny.toml");
    let mut p = Pty::spawn(unknot(&["start", &tiny], home.path()), 80, 24);
    pass_screening(&mut p, T);
    p.wait_text("PREPARE", T);
    p.send("\x1a");
    p.wait_raw("the way back", T, |raw| {
        String::from_utf8_lossy(raw).contains("Type fg to come back")
    });
    // An orphaned process group: the kernel discards the stop, so the
    // screen comes back at once.
    p.signal(libc::SIGCONT);
    p.wait_text("PAUSED", T);
    p.send("x");
    p.wait_text("SESSION STOPPED", T);
    p.send("\r");
    assert_eq!(p.exit_code(T), 0);
}

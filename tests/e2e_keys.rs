//! Every screen states its own keys: the real binary in a pseudo-terminal.
//! The quit question and the key help show their own keys on the bottom
//! line (and the timer waits while quitting is asked); the first safety
//! screen offers no way back; the help leaves the time in view; a stop
//! before any technique says nothing about a ball.

mod common;

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use common::intake::pass_screening;
use common::{Pty, fixture, unknot};

const T: Duration = Duration::from_secs(40);

fn tiny(home: &Path) -> Command {
    let mut cmd = unknot(&["start", &fixture("routines/tiny.toml")], home);
    cmd.env("UNKNOT_DATA_DIR", home.join("data"));
    cmd
}

/// The bottom line of a screen.
fn bottom(screen: &str) -> String {
    screen.lines().last().unwrap_or_default().to_string()
}

#[test]
fn the_quit_question_shows_its_keys_and_the_timer_waits() {
    let home = tempfile::tempdir().unwrap();
    let mut p = Pty::spawn(tiny(home.path()), 80, 24);
    pass_screening(&mut p, T);
    p.wait_text("HOLD · left side", T);
    p.send("q");
    let s = p.wait_for("the question with its keys", T, |s| {
        s.contains("Quit this session?") && bottom(s).contains("y quit")
    });
    let line = bottom(&s);
    assert!(line.contains("n keep going"), "{line}");
    assert!(!line.contains("n next"), "{line}");
    // The timer waits while the person is asked.
    assert!(s.contains("PAUSED"), "{s}");
    p.send("n");
    p.wait_for("the hold going on", T, |s| {
        !s.contains("PAUSED") && bottom(s).contains("n next")
    });
    p.send("q");
    p.wait_text("Quit this session?", T);
    p.send("y");
    assert_eq!(p.exit_code(T), 0);
}

#[test]
fn the_help_keeps_the_time_in_view_and_says_how_to_close_it() {
    let home = tempfile::tempdir().unwrap();
    let mut p = Pty::spawn(tiny(home.path()), 80, 24);
    pass_screening(&mut p, T);
    p.wait_text("HOLD · left side", T);
    p.send("?");
    // The frame is whole once its bottom line is there.
    let s = p.wait_for("the help and its keys", T, |s| {
        s.contains("Keys · HOLD 0:") && bottom(s).contains("Esc close")
    });
    assert!(s.contains("Ctrl-Z"), "{s}");
    assert!(!bottom(&s).contains("n next"), "{s}");
    p.send("\x1b");
    p.wait_for("the help to close", T, |s| !s.contains("Keys · "));
    p.send("x");
    p.wait_text("SESSION STOPPED", T);
    p.send("\r");
    assert_eq!(p.exit_code(T), 0);
}

#[test]
fn the_first_safety_screen_has_no_way_back_and_the_second_has() {
    let home = tempfile::tempdir().unwrap();
    let mut p = Pty::spawn(tiny(home.path()), 80, 24);
    p.wait_text("Before your first session", T);
    p.send("\r");
    let s = p.wait_for("the first screen and its keys", T, |s| {
        s.contains("Safety check 1/5") && bottom(s).contains("none apply")
    });
    assert!(!bottom(&s).contains("b back"), "{s}");
    p.send("n");
    p.wait_for("the second screen, with a way back", T, |s| {
        s.contains("Safety check 2/5") && bottom(s).contains("b back")
    });
    p.send("q");
    let s = p.wait_for("the quit question's keys", T, |s| {
        bottom(s).contains("y quit")
    });
    assert!(!bottom(&s).contains("none apply"), "{s}");
    p.send("y");
    assert_eq!(p.exit_code(T), 0);
}

#[test]
fn a_stop_on_the_first_run_notice_says_nothing_about_a_ball() {
    let home = tempfile::tempdir().unwrap();
    let mut p = Pty::spawn(tiny(home.path()), 80, 24);
    p.wait_text("Before your first session", T);
    p.send("x");
    let s = p.wait_text("SESSION STOPPED", T);
    assert!(s.contains("Nothing has started"), "{s}");
    assert!(!s.contains("ball"), "{s}");
    p.send("\r");
    assert_eq!(p.exit_code(T), 0);
}

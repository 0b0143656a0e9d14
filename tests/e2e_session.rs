//! End to end: the real binary in a pseudo-terminal on a tiny routine of
//! 1–10 s steps. Checks what a person sees and that the terminal is given
//! back in cooked mode on every way out.

mod common;

use std::process::{Command, Stdio};
use std::time::Duration;

use common::intake::{answer_end_questions, pass_screening};
use common::{Pty, fixture, unknot};

// Long enough for the 10 s holds of the tiny routine (the shortest the
// safety rules allow) on a busy machine.
const T: Duration = Duration::from_secs(40);

fn tiny(home: &std::path::Path) -> Command {
    unknot(&["start", &fixture("routines/tiny.toml")], home)
}

/// The tiny routine, started past the safety screening.
fn start_tiny(home: &std::path::Path, cols: u16, rows: u16) -> Pty {
    let mut p = Pty::spawn(tiny(home), cols, rows);
    pass_screening(&mut p, T);
    p
}

#[test]
fn countdown_pause_and_stop_then_leave() {
    let home = tempfile::tempdir().unwrap();
    let mut p = start_tiny(home.path(), 80, 24);
    let s = p.wait_text("PREPARE", T);
    assert!(s.contains("Tiny hold"), "{s}");
    p.send(" ");
    p.wait_text("PAUSED", T);
    p.send(" ");
    p.wait_for("PAUSED to go", T, |s| !s.contains("PAUSED"));
    // Into the hold, then the stop key.
    p.wait_phase("HOLD", T);
    p.send("x");
    let s = p.wait_text("SESSION STOPPED", T);
    assert!(s.contains("What to do now"), "{s}");
    p.send("q");
    assert_eq!(p.exit_code(T), 0);
    assert!(p.is_cooked(), "terminal left in raw mode");
    assert!(p.left_alternate_screen());
}

#[test]
fn quit_asks_then_y_exits_zero() {
    let home = tempfile::tempdir().unwrap();
    let mut p = start_tiny(home.path(), 80, 24);
    p.wait_text("PREPARE", T);
    p.send("q");
    p.wait_text("Quit this session?", T);
    p.send("n");
    p.wait_for("the question to close", T, |s| {
        !s.contains("Quit this session?")
    });
    p.send("q");
    p.wait_text("Quit this session?", T);
    p.send("y");
    assert_eq!(p.exit_code(T), 0);
    assert!(p.is_cooked());
    assert!(p.left_alternate_screen());
}

#[test]
fn a_whole_tiny_routine_with_check_ins() {
    let home = tempfile::tempdir().unwrap();
    let mut p = start_tiny(home.path(), 80, 24);
    p.wait_text("SWITCH SIDES", T);
    p.wait_text("right side", T);
    // Wait for lines unique to each check-in: a row of the previous frame
    // ("Next: … Tiny rest") can still be on screen while a frame arrives.
    p.wait_text("You finished: Tiny hold", T);
    p.send("1");
    p.wait_text("You finished: Tiny rest", T);
    p.send("2");
    // Pain after and how far it reaches, then the summary.
    let s = answer_end_questions(&mut p, T);
    assert!(s.contains("Techniques done: 2 of 2"), "{s}");
    assert!(s.contains("Check-ins: better, same"), "{s}");
    assert!(s.contains("Pain: 3/10 → 2/10"), "{s}");
    assert!(s.contains("drew back toward the lower back"), "{s}");
    p.send("\r");
    assert_eq!(p.exit_code(T), 0);
    assert!(p.is_cooked());
}

#[test]
fn spreading_at_check_in_stops() {
    let home = tempfile::tempdir().unwrap();
    let mut p = start_tiny(home.path(), 80, 24);
    p.wait_text("CHECK-IN", T);
    p.send("4");
    let s = p.wait_text("SESSION STOPPED", T);
    assert!(s.contains("further down the leg"), "{s}");
    p.send("q");
    assert_eq!(p.exit_code(T), 0);
}

#[test]
fn sigterm_and_sighup_restore_the_terminal() {
    for (sig, code) in [(libc::SIGTERM, 143), (libc::SIGHUP, 129)] {
        let home = tempfile::tempdir().unwrap();
        let mut p = start_tiny(home.path(), 80, 24);
        p.wait_text("PREPARE", T);
        p.signal(sig);
        assert_eq!(p.exit_code(T), code, "signal {sig}");
        assert!(p.is_cooked(), "signal {sig} left raw mode");
        assert!(p.left_alternate_screen(), "signal {sig}");
    }
}

#[test]
fn ctrl_z_pauses_and_the_screen_comes_back() {
    let home = tempfile::tempdir().unwrap();
    let mut p = start_tiny(home.path(), 80, 24);
    p.wait_text("PREPARE", T);
    p.send("\x1a");
    // In a shell the process now stops until `fg`; here (an orphaned
    // process group) the kernel discards the stop, so it redraws at once.
    p.signal(libc::SIGCONT);
    p.wait_text("PAUSED", T);
    p.send("q");
    p.wait_text("Quit this session?", T);
    p.send("y");
    assert_eq!(p.exit_code(T), 0);
    assert!(p.is_cooked());
}

#[test]
fn small_and_resized_windows() {
    let home = tempfile::tempdir().unwrap();
    let mut p = start_tiny(home.path(), 40, 12);
    p.wait_text("PREPARE", T);
    p.resize(30, 8);
    p.wait_text("Enlarge the window", T);
    for (w, h) in [(80, 24), (20, 5), (100, 40), (41, 13), (10, 3), (80, 24)] {
        p.resize(w, h);
    }
    p.wait_for("the full view again", T, |s| {
        s.contains("x STOP") && s.contains("help")
    });
    p.send("q");
    p.send("y");
    assert_eq!(p.exit_code(T), 0);
}

#[test]
fn unknown_routine_is_a_one_line_error_with_exit_2() {
    let home = tempfile::tempdir().unwrap();
    let out = unknot(&["start", "no-such-routine"], home.path())
        .stdin(Stdio::null())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("'no-such-routine'") && err.contains("gentle-lower-back"),
        "{err}"
    );
    assert!(out.stdout.is_empty(), "the terminal is not touched");
}

#[test]
fn unreadable_file_is_an_error_naming_it() {
    let home = tempfile::tempdir().unwrap();
    let out = unknot(&["start", "/nonexistent/r.toml"], home.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("/nonexistent/r.toml"), "{err}");
}

#[test]
fn not_a_terminal_is_a_clear_error() {
    let home = tempfile::tempdir().unwrap();
    let out = unknot(&[], home.path())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("interactive terminal"), "{err}");
    assert!(out.stdout.is_empty());
}

#[test]
fn help_and_version() {
    let home = tempfile::tempdir().unwrap();
    let out = unknot(&["--help"], home.path()).output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.contains("start"), "{text}");
    let out = unknot(&["--version"], home.path()).output().unwrap();
    assert!(
        String::from_utf8(out.stdout)
            .unwrap()
            .starts_with("unknot ")
    );
}

#[test]
fn clicking_a_key_hint_works_like_the_key() {
    let home = tempfile::tempdir().unwrap();
    let mut p = start_tiny(home.path(), 80, 24);
    let s = p.wait_text("Space pause", T);
    let bottom = s.lines().last().unwrap_or_default().to_string();
    let col = bottom.find("Space pause").expect("hint on the bottom line") as u16;
    // SGR mouse report: left button down at (col+1, row 24), 1-based.
    p.send(format!("\x1b[<0;{};24M", col + 2));
    p.wait_text("PAUSED", T);
    let col = bottom.find("x STOP").unwrap() as u16;
    p.send(format!("\x1b[<0;{};24M", col + 1));
    p.wait_text("SESSION STOPPED", T);
    p.send("q");
    assert_eq!(p.exit_code(T), 0);
    let raw = String::from_utf8_lossy(p.raw());
    assert!(
        raw.contains("\x1b[?1000l"),
        "mouse capture is turned off on exit"
    );
}

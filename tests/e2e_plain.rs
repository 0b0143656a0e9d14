//! `--plain`: one line per event, in order, with the same keys, and the
//! stop key works. The real binary in a pseudo-terminal.

mod common;

use std::time::Duration;

use common::intake::pass_screening;
use common::{Pty, fixture, unknot};
use unknot::audio::speech::Program;
use unknot::session::spoken::fit_prepare;

// Long enough for the 10 s holds of the tiny routine (the shortest the
// safety rules allow) on a busy machine.
const T: Duration = Duration::from_secs(40);

#[test]
fn plain_lines_in_order_and_the_stop_key() {
    let home = tempfile::tempdir().unwrap();
    let cmd = unknot(
        &["start", &fixture("routines/tiny.toml"), "--plain"],
        home.path(),
    );
    let mut p = Pty::spawn(cmd, 100, 40);
    // The safety questions are read out too; answer them first.
    pass_screening(&mut p, T);
    p.wait_text("Check-in", T);
    p.send("1");
    p.wait_text("Step 2 of 2", T);
    p.send("x");
    p.wait_text("Enter leave", T);
    p.send("q");
    assert_eq!(p.exit_code(T), 0);
    assert!(p.is_cooked());
    let raw = String::from_utf8_lossy(p.raw()).into_owned();
    assert!(
        !raw.contains("\x1b[?1049h"),
        "plain mode never uses the alternate screen"
    );
    let lines: Vec<&str> = raw.split("\r\n").map(str::trim).collect();
    // Where a speech program says a step's title, its 2 s preparation
    // grows to fit the words.
    let prepare = |title: &str| {
        let words = Program::find().map(|_| title);
        match fit_prepare(Duration::from_secs(2), words).as_secs() {
            2 => "(2 seconds).".to_string(),
            n => format!("({n} seconds, {} more to hear it).", n - 2),
        }
    };
    let (first, second) = (
        format!(
            "Step 1 of 2: Tiny hold. Get into position {}",
            prepare("Tiny hold")
        ),
        format!(
            "Step 2 of 2: Tiny rest. Get into position {}",
            prepare("Tiny rest")
        ),
    );
    let want = [
        first.as_str(),
        "Hold, left side: 10 seconds",
        "Release",
        "Switch sides: right side next, 1 second",
        "Hold, right side: 10 seconds",
        "Release",
        second.as_str(),
        "Session stopped: pain worse.",
    ];
    let mut at = 0;
    for w in want {
        let found = lines[at..].iter().position(|l| *l == w);
        assert!(
            found.is_some(),
            "missing or out of order: {w:?} in {lines:#?}"
        );
        at += found.unwrap() + 1;
    }
}

#[test]
fn plain_output_may_go_to_a_pipe_but_keys_need_a_terminal() {
    let home = tempfile::tempdir().unwrap();
    let out = unknot(&["start", "--plain"], home.path())
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("stdin must be a terminal"));
}

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

/// With its output in a file, `--plain` writes plain lines (no carriage
/// returns, no terminal codes at all, not even at the end) and echoes every
/// answer and every refused key as a line.
#[test]
fn plain_output_to_a_file_is_plain_lines_with_every_answer_and_refusal() {
    let home = tempfile::tempdir().unwrap();
    let log = home.path().join("session.log");
    let tiny = fixture("routines/tiny.toml");
    // The keys come from the terminal; the output goes to the file.
    let mut cmd = unknot(&[], home.path());
    let bin = common::bin();
    cmd = {
        let mut sh = std::process::Command::new("sh");
        sh.args([
            "-c",
            "exec \"$0\" start \"$1\" --plain > \"$2\"",
            bin.to_str().unwrap(),
            &tiny,
            log.to_str().unwrap(),
        ]);
        for (k, v) in cmd.get_envs() {
            match v {
                Some(v) => sh.env(k, v),
                None => sh.env_remove(k),
            };
        }
        sh
    };
    let mut p = Pty::spawn(cmd, 100, 40);
    let read = || std::fs::read_to_string(&log).unwrap_or_default();
    // The log is the only way to see the program: wait on it, briefly
    // polling, with a deadline.
    let wait_log = |what: &str| {
        let deadline = std::time::Instant::now() + T;
        loop {
            let text = read();
            if text.contains(what) {
                return text;
            }
            assert!(
                std::time::Instant::now() < deadline,
                "{what:?} never came: {text}"
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    };
    // The first-run notice, then the safety check.
    wait_log("Keys: x stop, Enter I understand");
    p.send("\r");
    wait_log("Answer: Enter (I understand).");
    wait_log("Safety check 1/5");
    for n in 2..=5 {
        p.send("n");
        wait_log(&format!("Safety check {n}/5"));
    }
    p.send("n");
    wait_log("0-9,t pain");
    // A key that is not an answer, twice: a hint each time.
    p.send("z");
    p.send("z");
    wait_log("Answer: n (none apply).");
    p.send("3");
    wait_log("1-5 reach");
    p.send("2");
    wait_log("Step 1 of 2");
    // `+` in the preparation, where no countdown can change.
    p.send("+");
    wait_log("+ and - change the countdown of a technique, not this one.");
    wait_log("Check-in");
    p.send("z");
    wait_log("z: not an answer.");
    p.send("1");
    wait_log("Answer: Better.");
    p.send("x");
    wait_log("Session stopped: pain worse.");
    p.send("q");
    assert_eq!(p.exit_code(T), 0);
    let text = read();
    assert!(!text.contains('\r'), "{text:?}");
    assert!(!text.contains('\x1b'), "no terminal codes: {text:?}");
    let hints = text
        .lines()
        .filter(|l| l.starts_with("Press a number from 0 to 9"))
        .count();
    assert_eq!(hints, 2, "each refused key is answered: {text}");
    assert!(text.ends_with('\n'), "{text:?}");
}

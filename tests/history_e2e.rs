//! The history, end to end: the real binary in a pseudo-terminal, killed,
//! signalled, run twice at once, and pointed at files it must not use.
//! Every child gets its own data directory through `--data-dir` or
//! `UNKNOT_DATA_DIR` on its own command line.

mod history_support;

use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::CommandExt;
use std::path::Path;
use std::process::Stdio;

use expectrl::process::unix::{Signal, WaitStatus};
use history_support::*;

/// Start the tiny routine and get to the middle of its hold, with a pause
/// and a resume recorded on the way.
fn to_mid_hold(dir: &Path) -> Tui {
    let mut cmd = unknot(dir);
    cmd.arg("start").arg(tiny());
    let mut tui = Tui::spawn(cmd);
    tui.wait_for("PREPARE");
    tui.keys("n");
    tui.wait_for("HOLD");
    tui.keys(" ");
    tui.wait_for("PAUSED");
    tui.keys(" ");
    tui.wait_gone("PAUSED");
    tui
}

#[test]
fn sigkill_mid_hold_keeps_every_event_and_the_next_start_marks_it_interrupted() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let mut first = to_mid_hold(dir);
    // The row exists before the screen does; the events follow as they happen.
    let committed = wait_for_events(dir, 1, 3);
    assert_eq!(committed, ["step-started", "paused", "resumed"]);
    first.signal(Signal::SIGKILL);
    assert!(matches!(
        first.wait(),
        WaitStatus::Signaled(_, Signal::SIGKILL, _)
    ));

    // Nothing was lost, and nothing claims the session ended.
    assert_eq!(kinds(dir, 1), ["step-started", "paused", "resumed"]);
    assert_eq!(sessions(dir), [(1, None, None, None)]);
    let last_event: i64 = db(dir)
        .query_row(
            "SELECT max(at_ms) FROM events WHERE session_id = 1",
            [],
            |r| r.get(0),
        )
        .unwrap();

    // The next start finds the dead session before its screen appears.
    let mut cmd = unknot(dir);
    cmd.arg("start").arg(tiny());
    let mut second = Tui::spawn(cmd);
    second.wait_for("PREPARE");
    assert_eq!(
        sessions(dir)[0],
        (1, Some("interrupted".into()), None, Some(last_event))
    );
    second.keys("q");
    second.wait_for("Quit this session?");
    second.keys("y");
    assert_eq!(second.exit_code(), 0);
    let all = sessions(dir);
    assert_eq!((all[1].0, all[1].1.as_deref()), (2, Some("quit")));
    assert_eq!(kinds(dir, 2).last().map(String::as_str), Some("ended"));
}

#[test]
fn sigterm_and_sighup_record_the_session_as_interrupted() {
    for (sig, word, code) in [
        (Signal::SIGTERM, "sigterm", 143),
        (Signal::SIGHUP, "sighup", 129),
    ] {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        let mut tui = to_mid_hold(dir);
        tui.signal(sig);
        assert_eq!(tui.exit_code(), code, "{word}");
        assert_eq!(sessions(dir)[0].1.as_deref(), Some("interrupted"), "{word}");
        assert_eq!(sessions(dir)[0].2.as_deref(), Some(word));
        assert_eq!(
            kinds(dir, 1),
            ["step-started", "paused", "resumed", "interrupted"]
        );
        // The terminal was given back: the alternate screen is gone.
        assert!(!tui.text().contains("HOLD"), "{}", tui.text());
    }
}

#[test]
fn two_instances_at_once_both_complete_and_corrupt_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let mut a = to_mid_hold(dir);
    let mut b = to_mid_hold(dir);
    for tui in [&mut a, &mut b] {
        tui.keys("n");
        tui.wait_for("CHECK-IN");
    }
    // B answers first, so their events interleave in the file.
    b.keys("1");
    a.keys("2");
    for tui in [&mut a, &mut b] {
        tui.wait_for("SESSION COMPLETE");
        tui.keys("q");
        assert_eq!(tui.exit_code(), 0);
    }
    let ok: String = db(dir)
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ok, "ok");
    let all = sessions(dir);
    assert_eq!(all.len(), 2);
    for (id, outcome, _, ended) in all {
        assert_eq!(outcome.as_deref(), Some("completed"));
        assert!(ended.is_some());
        assert_eq!(
            kinds(dir, id),
            [
                "step-started",
                "paused",
                "resumed",
                "step-skipped",
                "check-in",
                "ended"
            ]
        );
    }
    let answers: Vec<_> = [1, 2]
        .map(|id| events(dir, id)[4].1.clone().unwrap())
        .to_vec();
    assert_eq!(answers, ["same", "better"]);
}

/// A data directory holding a file that is not a database.
fn corrupt_dir() -> (tempfile::TempDir, Vec<u8>) {
    let tmp = tempfile::tempdir().unwrap();
    let junk = b"PK\x03\x04 definitely a zip file, not a database".repeat(100);
    std::fs::write(tmp.path().join("history.sqlite3"), &junk).unwrap();
    (tmp, junk)
}

fn assert_untouched(dir: &Path, bytes: &[u8]) {
    assert_eq!(std::fs::read(dir.join("history.sqlite3")).unwrap(), bytes);
    let names: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["history.sqlite3"], "no files were added beside it");
}

#[test]
fn a_corrupt_file_is_named_refused_and_left_alone() {
    let (tmp, junk) = corrupt_dir();
    let dir = tmp.path();
    let path = dir.join("history.sqlite3").display().to_string();

    // No terminal to ask: refuse with exit code 2.
    let out = unknot(dir)
        .arg("start")
        .arg(tiny())
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.lines().next().unwrap().contains(&format!("'{path}'")),
        "{err}"
    );
    assert!(err.contains("damaged or is not a database"), "{err}");
    assert_untouched(dir, &junk);

    // `unknot history` (through the environment variable this time).
    let out = std::process::Command::new(bin())
        .args(["history", "--format", "csv"])
        .env("UNKNOT_DATA_DIR", dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains(&path));
    assert!(out.stdout.is_empty());
    assert_untouched(dir, &junk);

    // In a terminal the person is asked; "no" (the default) refuses.
    let mut cmd = unknot(dir);
    cmd.arg("start").arg(tiny());
    let mut tui = Tui::spawn(cmd);
    tui.wait_for("[y/N]");
    assert!(tui.output().contains(&path));
    tui.keys("\r");
    assert_eq!(tui.exit_code(), 2);
    assert_untouched(dir, &junk);

    // "y" runs the session without history.
    let mut cmd = unknot(dir);
    cmd.arg("start").arg(tiny());
    let mut tui = Tui::spawn(cmd);
    tui.wait_for("[y/N]");
    tui.keys("y\r");
    tui.wait_for("PREPARE");
    tui.keys("q");
    tui.wait_for("Quit this session?");
    tui.keys("y");
    assert_eq!(tui.exit_code(), 0);
    assert_untouched(dir, &junk);
}

#[test]
fn a_read_only_directory_is_named_and_refused() {
    let tmp = tempfile::tempdir().unwrap();
    // Others may look in, so that an unprivileged child can reach `ro`.
    std::fs::set_permissions(tmp.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let ro = tmp.path().join("ro");
    std::fs::create_dir(&ro).unwrap();
    std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o555)).unwrap();
    let run = |data_dir: &Path, args: &[&str]| {
        let mut cmd = unknot(data_dir);
        cmd.args(args).stdin(Stdio::null());
        // Root may write anywhere: run the child as nobody instead.
        // SAFETY: geteuid has no preconditions.
        if unsafe { libc::geteuid() } == 0 {
            cmd.uid(65534).gid(65534);
        }
        let out = cmd.output().unwrap();
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };

    let (code, err) = run(&ro, &["start"]);
    assert_eq!(code, Some(2), "{err}");
    let path = ro.join("history.sqlite3").display().to_string();
    assert!(
        err.contains(&format!("'{path}'")) && err.contains("cannot be opened or created"),
        "{err}"
    );

    let deeper = ro.join("sub");
    let (code, err) = run(&deeper, &["start"]);
    assert_eq!(code, Some(2), "{err}");
    assert!(
        err.contains(&format!(
            "cannot create the data directory '{}'",
            deeper.display()
        )),
        "{err}"
    );

    // Looking at an empty history does not need to write.
    let (code, err) = run(&ro, &["history"]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(std::fs::read_dir(&ro).unwrap().count(), 0);
}

#[test]
fn history_prints_sessions_and_says_when_there_are_none() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path();
    let out = unknot(dir).arg("history").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("No sessions recorded yet"));

    let mut tui = to_mid_hold(dir);
    tui.keys("x");
    tui.wait_for("SESSION STOPPED");
    tui.keys("q");
    assert_eq!(tui.exit_code(), 0);

    // Not a terminal: a table by default.
    let out = unknot(dir).arg("history").output().unwrap();
    let table = String::from_utf8(out.stdout).unwrap();
    assert!(table.starts_with("date"), "{table}");
    assert!(
        table.contains("tiny") && table.contains("stopped (pain-worse)"),
        "{table}"
    );
    let out = unknot(dir)
        .args(["history", "--format", "json", "--last", "1"])
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json[0]["outcome"], "stopped");
    assert_eq!(json[0]["reason"], "pain-worse");
    assert_eq!(json[0]["routine"], "tiny");
}

#[test]
fn the_history_view_opens_in_a_terminal_scrolls_and_leaves_on_q() {
    let tmp = tempfile::tempdir().unwrap();
    let mut store = unknot::history::Store::open(tmp.path()).unwrap();
    unknot::history::demo::seed(&mut store, 60, 1).unwrap();
    drop(store);
    let mut cmd = unknot(tmp.path());
    cmd.arg("history");
    let mut tui = Tui::spawn(cmd);
    tui.wait_for("Sessions: 60");
    // The newest session is shown first; Home goes to the oldest.
    tui.wait_for("2024-02-29");
    assert!(!tui.text().contains("2024-01-01"), "{}", tui.text());
    tui.keys("\x1b[H");
    tui.wait_for("2024-01-01");
    tui.keys("q");
    assert_eq!(tui.exit_code(), 0);
    assert!(!tui.text().contains("Sessions: 60"), "the terminal was given back");
}

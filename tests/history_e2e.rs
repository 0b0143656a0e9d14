//! The history, end to end: the real binary in a pseudo-terminal on the
//! tiny routine, killed, signalled, run twice at once, and pointed at files
//! it must not use. Every child gets its own data directory, through
//! `--data-dir`, `UNKNOT_DATA_DIR` or `XDG_DATA_HOME` on its own command.

mod common;
mod demo;

use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::intake::{answer_end_questions, pass_screening};
use common::{Pty, fixture, unknot};

const T: Duration = Duration::from_secs(40);

/// `unknot --data-dir DIR ARGS…`, isolated in `home`.
fn with_data(dir: &Path, home: &Path, args: &[&str]) -> Command {
    let mut all = vec!["--data-dir", dir.to_str().unwrap()];
    all.extend_from_slice(args);
    unknot(&all, home)
}

/// What a first session of the tiny routine records up to its first hold,
/// paused: the answers about the person (the lasting conditions, "has it
/// been assessed?"), the screening's verdict, the baseline, the routine
/// that runs, the first step, the pause (in its preparation), and the side
/// the hold is on.
const BEFORE_PAUSE: [&str; 8] = [
    "lasting",
    "assessed",
    "screening",
    "pain-before",
    "began",
    "step-started",
    "paused",
    "side-started",
];

/// Start the tiny routine and stop in the middle of its first hold,
/// paused, so no countdown races the test.
fn paused_mid_hold(dir: &Path, home: &Path) -> Pty {
    let tiny = fixture("routines/tiny.toml");
    let mut p = Pty::spawn(with_data(dir, home, &["start", &tiny]), 80, 24);
    pass_screening(&mut p, T);
    p.wait_text("PREPARE", T);
    p.send(" ");
    p.wait_text("PAUSED", T);
    p.send("n");
    let s = p.wait_phase("HOLD", T);
    assert!(
        s.lines().nth(1).is_some_and(|l| l.contains("PAUSED")),
        "{s}"
    );
    p
}

// ------------------------------------------------------------ the database

fn db(dir: &Path) -> rusqlite::Connection {
    let flags = rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY;
    rusqlite::Connection::open_with_flags(dir.join("history.sqlite3"), flags).unwrap()
}

/// One session: (id, outcome, reason, ended_ms).
type Row = (i64, Option<String>, Option<String>, Option<i64>);

fn sessions(dir: &Path) -> Vec<Row> {
    let conn = db(dir);
    let mut st = conn
        .prepare("SELECT id, outcome, reason, ended_ms FROM sessions ORDER BY id")
        .unwrap();
    st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

/// (kind, value) of a session's events, in order.
fn events(dir: &Path, session: i64) -> Vec<(String, Option<String>)> {
    let conn = db(dir);
    let mut st = conn
        .prepare("SELECT kind, value FROM events WHERE session_id = ?1 ORDER BY id")
        .unwrap();
    st.query_map([session], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

fn kinds(dir: &Path, session: i64) -> Vec<String> {
    events(dir, session).into_iter().map(|(k, _)| k).collect()
}

/// Wait until a session has `n` events committed. The commit happens in
/// another process that has no way to tell us; the database is the only
/// thing to watch, so look again every few milliseconds until the deadline.
/// (A file watch cannot replace this: a WAL commit becomes visible through
/// the shared-memory index, which no inotify event reports; waking on
/// writes to the WAL file missed the last step in 2 of 5 runs.)
fn wait_for_events(dir: &Path, session: i64, n: usize) -> Vec<String> {
    let deadline = Instant::now() + T;
    loop {
        let now = kinds(dir, session);
        if now.len() >= n || Instant::now() > deadline {
            return now;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
}

// ------------------------------------------------------------------ tests

#[test]
fn sigkill_mid_hold_keeps_every_event_and_the_next_start_marks_it_interrupted() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("history");
    let mut first = paused_mid_hold(&dir, home.path());
    assert_eq!(wait_for_events(&dir, 1, BEFORE_PAUSE.len()), BEFORE_PAUSE);
    first.signal(libc::SIGKILL);
    assert_eq!(first.wait_exit(T).signal(), Some(libc::SIGKILL));

    // Nothing was lost, and nothing claims the session ended.
    assert_eq!(kinds(&dir, 1), BEFORE_PAUSE);
    assert_eq!(sessions(&dir), [(1, None, None, None)]);
    let last_event: i64 = db(&dir)
        .query_row("SELECT max(at_ms) FROM events", [], |r| r.get(0))
        .unwrap();

    // The next start finds the dead session before its screen appears.
    let tiny = fixture("routines/tiny.toml");
    let mut second = Pty::spawn(with_data(&dir, home.path(), &["start", &tiny]), 80, 24);
    pass_screening(&mut second, T);
    second.wait_text("PREPARE", T);
    let interrupted = (1, Some("interrupted".to_string()), None, Some(last_event));
    assert_eq!(sessions(&dir)[0], interrupted);
    second.send("q");
    second.wait_text("Quit this session?", T);
    second.send("y");
    assert_eq!(second.exit_code(T), 0);
    assert_eq!(sessions(&dir)[1].1.as_deref(), Some("quit"));
    assert_eq!(kinds(&dir, 2).last().map(String::as_str), Some("ended"));
}

#[test]
fn sigterm_and_sighup_record_the_session_as_interrupted() {
    for (sig, word, code) in [
        (libc::SIGTERM, "sigterm", 143),
        (libc::SIGHUP, "sighup", 129),
    ] {
        let home = tempfile::tempdir().unwrap();
        let dir = home.path().join("history");
        let mut p = paused_mid_hold(&dir, home.path());
        p.signal(sig);
        assert_eq!(p.exit_code(T), code, "{word}");
        let row = &sessions(&dir)[0];
        assert_eq!(
            (row.1.as_deref(), row.2.as_deref()),
            (Some("interrupted"), Some(word))
        );
        assert_eq!(
            kinds(&dir, 1),
            [&BEFORE_PAUSE[..], &["interrupted"]].concat()
        );
        assert!(p.is_cooked() && p.left_alternate_screen(), "{word}");
    }
}

#[test]
fn two_instances_at_once_both_complete_and_corrupt_nothing() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("history");
    let mut a = paused_mid_hold(&dir, home.path());
    // The second finds the first one's answers about the person on record:
    // an ordinary day for it.
    assert_eq!(wait_for_events(&dir, 1, BEFORE_PAUSE.len()), BEFORE_PAUSE);
    let mut b = paused_mid_hold(&dir, home.path());
    // Skip the left hold, the switch and the right hold, in turns.
    for p in [&mut a, &mut b] {
        p.send("nnn");
    }
    for p in [&mut a, &mut b] {
        p.wait_text("You finished: Tiny hold", T);
    }
    // Answer, skip the second step's preparation and rest, answer again.
    b.send("1nn");
    a.send("2nn");
    for (p, last) in [(&mut b, "1"), (&mut a, "1")] {
        p.wait_text("You finished: Tiny rest", T);
        p.send(last);
        // Pain and reach after, then the summary.
        answer_end_questions(p, T);
        p.send("q");
        assert_eq!(p.exit_code(T), 0);
    }
    let ok: String = db(&dir)
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(ok, "ok");
    // The routine that runs is recorded as it starts; the session's own
    // tally just before its end.
    let expected = [
        "screening",
        "pain-before",
        "began",
        "step-started",
        "paused",
        "side-started",
        "step-skipped",
        "side-started",
        "step-skipped",
        "check-in",
        "step-started",
        "step-skipped",
        "check-in",
        "tally",
        "ended",
        "pain-after",
    ];
    let all = sessions(&dir);
    assert_eq!(all.len(), 2);
    for (id, outcome, _, ended) in all {
        assert_eq!(outcome.as_deref(), Some("completed"));
        assert!(ended.is_some());
        let first = if id == 1 {
            vec!["lasting", "assessed"]
        } else {
            vec![]
        };
        assert_eq!(kinds(&dir, id), [&first[..], &expected[..]].concat());
    }
    let first_answer = |id| {
        let at = kinds(&dir, id)
            .iter()
            .position(|k| k == "check-in")
            .unwrap();
        events(&dir, id)[at].1.clone().unwrap()
    };
    assert_eq!([first_answer(1), first_answer(2)], ["same", "better"]);
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
    // The first-run safety notice's marker may sit there; nothing else.
    let names: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|n| n.as_os_str() != unknot::app::notice::MARKER)
        .collect();
    assert_eq!(names, ["history.sqlite3"], "no files were added beside it");
}

#[test]
fn a_corrupt_file_is_named_refused_and_left_alone() {
    let (data, junk) = corrupt_dir();
    let home = tempfile::tempdir().unwrap();
    let dir = data.path();
    let path = dir.join("history.sqlite3").display().to_string();
    let tiny = fixture("routines/tiny.toml");

    // No terminal to ask: refuse with exit code 2.
    let out = with_data(dir, home.path(), &["start", &tiny])
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    // One line (after the routine's own warnings) says what and where.
    let line = err
        .lines()
        .find(|l| l.starts_with("unknot: cannot use the session history"))
        .unwrap_or_else(|| panic!("{err}"));
    assert!(line.contains(&format!("'{path}'")), "{err}");
    assert!(line.contains("damaged or is not a database"), "{err}");
    assert_untouched(dir, &junk);

    // `unknot history`, finding the directory through the environment.
    let out = unknot(&["history", "--format", "csv"], home.path())
        .env("UNKNOT_DATA_DIR", dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains(&path));
    assert!(out.stdout.is_empty());
    assert_untouched(dir, &junk);

    // In a terminal the person is asked; "no" (the default) refuses.
    let mut p = Pty::spawn(with_data(dir, home.path(), &["start", &tiny]), 200, 24);
    p.wait_text("[y/N]", T);
    assert!(p.screen().contains(&path), "{}", p.screen());
    p.send("\r");
    assert_eq!(p.exit_code(T), 2);
    assert_untouched(dir, &junk);

    // "y" runs the session without history.
    let mut p = Pty::spawn(with_data(dir, home.path(), &["start", &tiny]), 80, 24);
    p.wait_text("[y/N]", T);
    p.send("y\r");
    pass_screening(&mut p, T);
    p.wait_text("PREPARE", T);
    p.send("q");
    p.wait_text("Quit this session?", T);
    p.send("y");
    assert_eq!(p.exit_code(T), 0);
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
        let mut cmd = with_data(data_dir, tmp.path(), args);
        cmd.stdin(Stdio::null());
        // Root may write anywhere: run the child as nobody instead.
        // SAFETY: geteuid has no preconditions.
        if unsafe { libc::geteuid() } == 0 {
            cmd.uid(65534).gid(65534);
        }
        let out = cmd.output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr).into_owned();
        (out.status.code(), err)
    };

    let (code, err) = run(&ro, &["start"]);
    assert_eq!(code, Some(2), "{err}");
    let path = ro.join("history.sqlite3").display().to_string();
    assert!(err.contains(&format!("'{path}'")), "{err}");
    assert!(err.contains("cannot be opened or created"), "{err}");

    let deeper = ro.join("sub");
    let (code, err) = run(&deeper, &["start"]);
    assert_eq!(code, Some(2), "{err}");
    let says = format!("cannot create the data directory '{}'", deeper.display());
    assert!(err.contains(&says), "{err}");

    // Looking at an empty history does not need to write.
    let (code, err) = run(&ro, &["history"]);
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(std::fs::read_dir(&ro).unwrap().count(), 0);
}

#[test]
fn sessions_land_in_the_platform_data_directory_and_print() {
    let home = tempfile::tempdir().unwrap();
    let out = unknot(&["history"], home.path()).output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(said.contains("No sessions recorded yet"), "{said}");

    // No --data-dir: XDG_DATA_HOME/unknot, as `common::unknot` sets it.
    let tiny = fixture("routines/tiny.toml");
    let mut p = Pty::spawn(unknot(&["start", &tiny, "--plain"], home.path()), 80, 24);
    pass_screening(&mut p, T);
    p.wait_text("Get into position", T);
    p.send("x");
    p.wait_text("Enter leave", T);
    p.send("q");
    assert_eq!(p.exit_code(T), 0);
    let dir = home.path().join("data/unknot");
    assert!(dir.join("history.sqlite3").exists());

    // Not a terminal: a table by default.
    let out = unknot(&["history"], home.path()).output().unwrap();
    let table = String::from_utf8(out.stdout).unwrap();
    assert!(table.starts_with("date"), "{table}");
    assert!(
        table.contains("tiny") && table.contains("stopped (pain-worse)"),
        "{table}"
    );
    let args = ["history", "--format", "json", "--last", "1"];
    let out = unknot(&args, home.path()).output().unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(json[0]["outcome"], "stopped");
    assert_eq!(json[0]["reason"], "pain-worse");
    assert_eq!(json[0]["routine"], "tiny");
}

#[test]
fn the_history_view_opens_in_a_terminal_scrolls_and_leaves_on_q() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("history");
    let mut store = unknot::history::Store::open(&dir).unwrap();
    demo::seed(&mut store, 60, 1).unwrap();
    drop(store);
    let mut p = Pty::spawn(with_data(&dir, home.path(), &["history"]), 80, 24);
    p.wait_text("Sessions: 60", T);
    // The newest session is highlighted first; Home goes to the oldest.
    p.wait_text("2010-01-30", T);
    assert!(!p.screen().contains("2010-01-01"), "{}", p.screen());
    p.send("\x1b[H");
    p.wait_text("2010-01-01", T);
    p.send("q");
    assert_eq!(p.exit_code(T), 0);
    assert!(p.is_cooked() && p.left_alternate_screen());
}

// ---------------------------------------------- a terminal that goes away

#[test]
fn closing_the_terminal_records_the_hangup_and_ends_cleanly() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("history");
    let tiny = fixture("routines/tiny.toml");
    let mut p = Pty::spawn(with_data(&dir, home.path(), &["start", &tiny]), 80, 24);
    p.wait_text("Enter I understand", T);
    pass_screening(&mut p, T);
    p.wait_text("PREPARE", T);
    // Paused, nothing is drawn until a key: the end comes from the hangup
    // alone, not from a redraw that happens to fail first.
    p.send(" ");
    p.wait_text("PAUSED", T);
    // Paused in the preparation: no side has started yet.
    let before_hold = &BEFORE_PAUSE[..BEFORE_PAUSE.len() - 1];
    assert_eq!(wait_for_events(&dir, 1, before_hold.len()), before_hold);

    // Close the window: the program's terminal is gone for good.
    p.hang_up();
    // 128 + SIGHUP: an orderly end, not an abort (134) on the dead terminal.
    assert_eq!(p.exit_code(T), 129);
    let row = &sessions(&dir)[0];
    assert_eq!(
        (row.1.as_deref(), row.2.as_deref()),
        (Some("interrupted"), Some("sighup"))
    );
    assert_eq!(kinds(&dir, 1), [before_hold, &["interrupted"]].concat());
}

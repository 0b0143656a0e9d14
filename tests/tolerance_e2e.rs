//! End to end: a technique that made the pain sharper is remembered. The
//! real binary in a pseudo-terminal, twice on the same data directory: the
//! first session answers `3` (sharper) after a two-sided hold; the second
//! shows the warning on that hold's preparation, nobody answers, and the
//! hold is a third shorter on both sides (the answer came after both). The
//! history keeps the choice and its reason, and `history --techniques`
//! shows the record.

mod common;

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use common::intake::pass_screening;
use common::{Pty, fixture, unknot};

const T: Duration = Duration::from_secs(40);

fn with_data(dir: &Path, home: &Path, args: &[&str]) -> Command {
    let mut all = vec!["--data-dir", dir.to_str().unwrap()];
    all.extend_from_slice(args);
    unknot(&all, home)
}

/// (kind, value) of the events of session `id` whose kind is `kind`.
fn values(dir: &Path, id: i64, kind: &str) -> Vec<String> {
    let flags = rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY;
    let conn = rusqlite::Connection::open_with_flags(dir.join("history.sqlite3"), flags).unwrap();
    let mut st = conn
        .prepare("SELECT value FROM events WHERE session_id = ?1 AND kind = ?2 ORDER BY id")
        .unwrap();
    st.query_map((id, kind), |r| r.get::<_, String>(0))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

#[test]
fn sharper_after_a_hold_warns_next_time_and_no_answer_shortens_it() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("history");
    let careful = fixture("routines/careful.toml");

    // First session: skip through both sides, then "sharper".
    let mut first = Pty::spawn(with_data(&dir, home.path(), &["start", &careful]), 80, 24);
    pass_screening(&mut first, T);
    let s = first.wait_text("PREPARE", T);
    assert!(!s.contains("Last time"), "no warning the first time: {s}");
    first.send("n");
    first.wait_phase("HOLD", T);
    first.send("nnn");
    first.wait_text("You finished: Careful hold", T);
    first.send("3");
    first.wait_text("SESSION STOPPED", T);
    first.send("q");
    assert_eq!(first.exit_code(T), 0);
    assert_eq!(values(&dir, 1, "side-started"), ["left", "right"]);

    // Second session: the warning, then, with no answer, the shorter hold.
    let mut second = Pty::spawn(with_data(&dir, home.path(), &["start", &careful]), 80, 24);
    pass_screening(&mut second, T);
    // The whole frame: a frame can arrive in pieces.
    let s = second.wait_for("the warning", T, |s| {
        s.contains("Last time this hold made the pain sharper.") && s.contains("1 shorter")
    });
    assert!(s.contains("PREPARE"), "{s}");
    assert!(s.contains("1  Shorter hold, 0:10"), "{s}");
    assert!(s.contains("2  Skip it today"), "{s}");
    assert!(s.contains("3  As written, 0:15"), "{s}");
    assert!(
        s.contains("With no answer: a shorter hold (0:10) when this countdown ends."),
        "{s}"
    );
    assert!(s.contains("x STOP") && s.contains("1 shorter"), "{s}");
    let s = second.wait_text("shorter today", T);
    assert!(s.contains("HOLD · left side · shorter today"), "{s}");
    second.send("q");
    second.wait_text("Quit this session?", T);
    second.send("y");
    assert_eq!(second.exit_code(T), 0);
    assert!(second.is_cooked());

    let chose = values(&dir, 2, "choice");
    assert_eq!(chose.len(), 2, "{chose:?}");
    for (value, side) in chose.iter().zip(["left", "right"]) {
        let f: Vec<&str> = value.split(':').collect();
        assert_eq!(
            (f[0], f[1], f[2], f[3], f[4], f[6]),
            (side, "shorter", "no-answer", "sharper", "1", "10000"),
            "{value}"
        );
    }

    // The record, as scripts read it.
    let out = with_data(
        &dir,
        home.path(),
        &["history", "--techniques", "--format", "csv"],
    )
    .output()
    .unwrap();
    assert!(out.status.success());
    let csv = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 3, "{csv}");
    for (line, side) in lines[1..].iter().zip(["left", "right"]) {
        let f: Vec<&str> = line.split(',').collect();
        // routine, step, title (not installed: empty), side, done, …,
        // sharper (11th field), …, shortened (19th).
        assert_eq!((f[0], f[1], f[3]), ("careful", "ball", side), "{line}");
        assert_eq!((f[10], f[18]), ("1", "1"), "{line}");
    }
}

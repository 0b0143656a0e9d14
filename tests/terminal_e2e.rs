//! The one owner of the terminal, proved through the real binary for both
//! programs that take the full screen: a session and the history browser.
//! Ctrl-Z gives the terminal back and takes it again, SIGTERM and SIGHUP
//! end with 128 + the signal and the terminal restored, and a panic (asked
//! for by a test-only key in debug builds) restores it before its message.

mod common;
mod demo;

use std::os::unix::process::ExitStatusExt;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

use common::intake::pass_screening;
use common::{Pty, fixture, unknot};

const T: Duration = Duration::from_secs(20);

/// The two full-screen programs, each shown and ready for keys.
#[derive(Debug, Clone, Copy)]
enum Program {
    Session,
    History,
}

/// What each program shows once it is ready.
fn ready_text(program: Program) -> &'static str {
    match program {
        Program::Session => "PREPARE",
        Program::History => "Sessions: 12",
    }
}

fn command(program: Program, home: &Path) -> Command {
    let dir = home.join("history");
    match program {
        Program::Session => unknot(
            &[
                "--data-dir",
                dir.to_str().unwrap(),
                "start",
                &fixture("routines/tiny.toml"),
            ],
            home,
        ),
        Program::History => {
            let mut store = unknot::history::Store::open(&dir).unwrap();
            demo::seed(&mut store, 12, 3).unwrap();
            drop(store);
            unknot(&["--data-dir", dir.to_str().unwrap(), "history"], home)
        }
    }
}

/// Start `program` and wait until it is ready.
fn start(program: Program, cmd: Command) -> Pty {
    let mut p = Pty::spawn_stderr_apart(cmd, 80, 24);
    if let Program::Session = program {
        pass_screening(&mut p, T);
    }
    p.wait_text(ready_text(program), T);
    p
}

/// How many times the program entered the alternate screen.
fn entries(raw: &[u8]) -> usize {
    raw.windows(8).filter(|w| w == b"\x1b[?1049h").count()
}

const BOTH: [Program; 2] = [Program::Session, Program::History];

#[test]
fn ctrl_z_gives_the_terminal_back_and_takes_it_again() {
    for program in BOTH {
        let home = tempfile::tempdir().unwrap();
        let cmd = command(program, home.path());
        let mut p = start(program, cmd);
        assert_eq!(entries(p.raw()), 1, "{program:?}");
        p.send("\x1a");
        // In a shell the process now stops until `fg`; here (an orphaned
        // process group) the kernel discards the stop, and SIGCONT (what
        // `fg` sends) brings the screen back.
        p.signal(libc::SIGCONT);
        p.wait_raw("the screen was taken again", T, |raw| entries(raw) == 2);
        p.wait_text(ready_text(program), T);
        p.send("q");
        if let Program::Session = program {
            p.wait_text("Quit this session?", T);
            p.send("y");
        }
        assert_eq!(p.exit_code(T), 0, "{program:?}");
        assert!(p.is_cooked() && p.left_alternate_screen(), "{program:?}");
    }
}

#[test]
fn sigterm_and_sighup_end_with_the_signal_and_the_terminal_restored() {
    for program in BOTH {
        for (sig, code) in [(libc::SIGTERM, 143), (libc::SIGHUP, 129)] {
            let home = tempfile::tempdir().unwrap();
            let cmd = command(program, home.path());
            let mut p = start(program, cmd);
            p.signal(sig);
            assert_eq!(p.exit_code(T), code, "{program:?}, signal {sig}");
            assert!(p.is_cooked(), "{program:?}: signal {sig} left raw mode");
            assert!(p.left_alternate_screen(), "{program:?}: signal {sig}");
        }
    }
}

#[test]
fn a_panic_restores_the_terminal_before_its_message() {
    for program in BOTH {
        let home = tempfile::tempdir().unwrap();
        let mut cmd = command(program, home.path());
        cmd.env("UNKNOT_TEST_PANIC_KEY", "%");
        let mut p = start(program, cmd);
        p.send("%");
        let status = p.wait_exit(T);
        assert_eq!(status.code(), Some(101), "{program:?}: {status:?}");
        assert!(p.is_cooked(), "{program:?}: the panic left raw mode");
        assert!(p.left_alternate_screen(), "{program:?}");
        let err = String::from_utf8_lossy(&p.stderr()).into_owned();
        assert!(
            err.contains("the test asked for a panic"),
            "{program:?}: {err}"
        );
    }
}

#[test]
fn a_terminal_that_hangs_up_without_sighup_still_ends_the_program() {
    // SIGHUP blocked: the failed terminal alone ends it, after a moment's
    // wait for the signal, and the history says the terminal closed.
    for program in BOTH {
        let home = tempfile::tempdir().unwrap();
        let mut cmd = command(program, home.path());
        // SAFETY: sigprocmask on a local set, between fork and exec.
        unsafe {
            use std::os::unix::process::CommandExt;
            cmd.pre_exec(|| {
                let mut set: libc::sigset_t = std::mem::zeroed();
                libc::sigemptyset(&mut set);
                libc::sigaddset(&mut set, libc::SIGHUP);
                libc::sigprocmask(libc::SIG_BLOCK, &set, std::ptr::null_mut());
                Ok(())
            });
        }
        let mut p = start(program, cmd);
        if let Program::Session = program {
            // Paused, nothing is drawn: no failed write can end it either.
            p.send(" ");
            p.wait_text("PAUSED", T);
        }
        p.hang_up();
        let status = p.wait_exit(T);
        assert_eq!(status.signal(), None, "{program:?}: {status:?}");
        if let Program::Session = program {
            let dir = home.path().join("history");
            let store = unknot::history::Store::open(&dir).unwrap();
            let row = store.sessions(None).unwrap().pop().unwrap();
            assert_eq!(
                row.outcome,
                unknot::history::Outcome::Interrupted(Some("terminal-closed".into())),
                "{program:?}"
            );
        }
    }
}

//! Helpers for the history end-to-end tests: the real binary in a
//! pseudo-terminal, its screen kept by a vt100 parser, and a look into the
//! history database it writes.
//!
//! A reader thread drains the terminal and hands each chunk over a
//! channel, so waiting for text on the screen blocks on that channel (no
//! sleeping), and the child never stalls on a full terminal buffer.

#![allow(dead_code)]

use std::fs::File;
use std::io::Read;
use std::os::fd::{AsRawFd, FromRawFd};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use expectrl::Expect;
use expectrl::process::unix::{Signal, WaitStatus};
use expectrl::session::OsSession;

/// How long any single wait may take before the test fails.
pub const PATIENCE: Duration = Duration::from_secs(20);

/// The `unknot` binary built for these tests.
pub fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_unknot"))
}

/// The tiny test routine.
pub fn tiny() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/routines/tiny.toml")
}

/// A command for the binary with its history in `data_dir`.
pub fn unknot(data_dir: &Path) -> Command {
    let mut cmd = Command::new(bin());
    cmd.arg("--data-dir")
        .arg(data_dir)
        .env("TERM", "xterm-256color")
        .env("TZ", "UTC");
    cmd
}

/// The binary running in a pseudo-terminal.
pub struct Tui {
    session: OsSession,
    chunks: Receiver<Vec<u8>>,
    screen: vt100::Parser,
    /// Everything the program wrote, for failure messages.
    raw: Vec<u8>,
}

impl Tui {
    /// Start `cmd` in an 80x24 pseudo-terminal.
    pub fn spawn(cmd: Command) -> Tui {
        let session = OsSession::spawn(cmd).expect("spawn in a pty");
        // SAFETY: dup gives us our own descriptor for the same terminal,
        // owned by the File from here on.
        let fd = unsafe { libc::dup(session.get_stream().as_raw_fd()) };
        assert!(fd >= 0, "dup failed");
        let mut reader = unsafe { File::from_raw_fd(fd) };
        let (tx, chunks) = mpsc::channel();
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            // EIO or 0 once the child has gone: the channel then closes.
            while let Ok(n @ 1..) = reader.read(&mut buf) {
                if tx.send(buf[..n].to_vec()).is_err() {
                    break;
                }
            }
        });
        Tui {
            session,
            chunks,
            screen: vt100::Parser::new(vt100::Parser::DEFAULT_ROWS, vt100::Parser::DEFAULT_COLS, 0),
            raw: Vec::new(),
        }
    }

    /// The screen as text.
    pub fn text(&self) -> String {
        self.screen.screen().contents()
    }

    /// Everything written so far, escapes removed roughly (for messages
    /// printed before the terminal UI, which the screen may have scrolled).
    pub fn output(&self) -> String {
        String::from_utf8_lossy(&self.raw).into_owned()
    }

    /// Block until `what` is on the screen.
    pub fn wait_for(&mut self, what: &str) {
        self.wait_until(&format!("'{what}' to appear"), |screen| {
            screen.contains(what)
        });
    }

    /// Block until `what` has left the screen.
    pub fn wait_gone(&mut self, what: &str) {
        self.wait_until(&format!("'{what}' to go"), |screen| !screen.contains(what));
    }

    /// Block until the screen satisfies `done`. A frame may arrive in
    /// several chunks, so wait for the part of it that proves the program
    /// acted, not for text an older frame may still show.
    pub fn wait_until(&mut self, waiting_for: &str, done: impl Fn(&str) -> bool) {
        let deadline = Instant::now() + PATIENCE;
        while !done(&self.text()) {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.chunks.recv_timeout(left) {
                Ok(chunk) => {
                    self.screen.process(&chunk);
                    self.raw.extend_from_slice(&chunk);
                }
                Err(RecvTimeoutError::Timeout) => {
                    panic!(
                        "gave up waiting for {waiting_for}; screen:\n{}",
                        self.text()
                    )
                }
                Err(RecvTimeoutError::Disconnected) => {
                    panic!(
                        "the program ended while waiting for {waiting_for}; output:\n{}",
                        self.output()
                    )
                }
            }
        }
    }

    /// Type keys.
    pub fn keys(&mut self, keys: &str) {
        self.session.send(keys).expect("write to the pty");
    }

    pub fn pid(&self) -> i32 {
        self.session.get_process().pid().as_raw()
    }

    /// Send a signal.
    pub fn signal(&mut self, sig: Signal) {
        self.session
            .get_process_mut()
            .kill(sig)
            .expect("signal the child");
    }

    /// Wait for the program to end; drains its output meanwhile.
    pub fn wait(&mut self) -> WaitStatus {
        while let Ok(chunk) = self.chunks.recv_timeout(PATIENCE) {
            self.screen.process(&chunk);
            self.raw.extend_from_slice(&chunk);
        }
        self.session
            .get_process()
            .wait()
            .expect("wait for the child")
    }

    /// Wait for a normal exit and return its code.
    pub fn exit_code(&mut self) -> i32 {
        match self.wait() {
            WaitStatus::Exited(_, code) => code,
            other => panic!(
                "did not exit normally: {other:?}; output:\n{}",
                self.output()
            ),
        }
    }
}

/// A read-only look at the history database (it is opened in the test
/// process, as another program would).
pub fn db(data_dir: &Path) -> rusqlite::Connection {
    let path = data_dir.join("history.sqlite3");
    rusqlite::Connection::open_with_flags(&path, rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY)
        .unwrap_or_else(|e| panic!("open {}: {e}", path.display()))
}

/// One session as the tests look at it: (id, outcome, reason, ended_ms).
pub type Row = (i64, Option<String>, Option<String>, Option<i64>);

/// Every session, oldest first.
pub fn sessions(data_dir: &Path) -> Vec<Row> {
    let conn = db(data_dir);
    let mut st = conn
        .prepare("SELECT id, outcome, reason, ended_ms FROM sessions ORDER BY id")
        .unwrap();
    st.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

/// (kind, value) of a session's events, in order.
pub fn events(data_dir: &Path, session: i64) -> Vec<(String, Option<String>)> {
    let conn = db(data_dir);
    let mut st = conn
        .prepare("SELECT kind, value FROM events WHERE session_id = ?1 ORDER BY id")
        .unwrap();
    st.query_map([session], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

/// The event kinds of a session.
pub fn kinds(data_dir: &Path, session: i64) -> Vec<String> {
    events(data_dir, session)
        .into_iter()
        .map(|(k, _)| k)
        .collect()
}

/// Wait until a session has at least `n` events committed. The writer
/// commits in another process, which cannot tell us when; the database is
/// the only thing we can watch, so this looks again every few
/// milliseconds until the deadline.
pub fn wait_for_events(data_dir: &Path, session: i64, n: usize) -> Vec<String> {
    let deadline = Instant::now() + PATIENCE;
    loop {
        let now = kinds(data_dir, session);
        if now.len() >= n {
            return now;
        }
        assert!(Instant::now() < deadline, "only {now:?} were committed");
        std::thread::sleep(Duration::from_millis(5));
    }
}

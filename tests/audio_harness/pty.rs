//! The real binary in a pseudo-terminal, with its standard error kept apart
//! (a pipe, not the terminal) so a test can prove nothing was written
//! there. A reader thread timestamps every chunk the program draws; the
//! test feeds them to a vt100 screen and waits for text to appear.
//!
//! (expectrl's spawner routes standard error into the terminal, which would
//! hide exactly what these tests look for.)

use std::fs::File;
use std::io::{Read, Write};
use std::os::unix::process::CommandExt;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

#[path = "../common/openpty.rs"]
mod openpty;
use openpty::open_pty;

/// A program running in a pseudo-terminal.
pub struct Tui {
    /// The program.
    child: Child,
    /// The terminal's master side, for typing.
    master: File,
    /// Output chunks, timestamped on arrival; closed when the program's
    /// side of the terminal closes.
    output: Receiver<(Instant, Vec<u8>)>,
    /// The screen as drawn so far.
    parser: vt100::Parser,
    /// When the first output arrived.
    pub first_output: Option<Instant>,
    /// Collects standard error until the program ends.
    stderr: Option<JoinHandle<Vec<u8>>>,
    /// Whether the terminal has closed (the program ended).
    closed: bool,
}

impl Tui {
    /// Start `cmd` on a `cols`×`rows` terminal.
    pub fn spawn(mut cmd: Command, cols: u16, rows: u16) -> std::io::Result<Tui> {
        let (master, slave) = open_pty(cols, rows)?;
        cmd.stdin(Stdio::from(slave.try_clone()?))
            .stdout(Stdio::from(slave.try_clone()?))
            .stderr(Stdio::piped())
            .env("TERM", "xterm-256color");
        // SAFETY: only async-signal-safe calls between fork and exec: a new
        // session, and the terminal (now standard input) as its controlling
        // terminal.
        unsafe {
            cmd.pre_exec(|| {
                if libc::setsid() < 0 || libc::ioctl(0, libc::TIOCSCTTY, 0) < 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
        let mut child = cmd.spawn()?;
        drop(slave);
        let mut err = child.stderr.take().expect("stderr is piped");
        let stderr = thread::spawn(move || {
            let mut buf = Vec::new();
            let _ = err.read_to_end(&mut buf);
            buf
        });
        let (tx, output) = mpsc::channel();
        let mut reader = File::from(master.try_clone()?);
        thread::spawn(move || {
            let mut buf = [0u8; 16384];
            // Ends with EIO once the program's side closes.
            while let Ok(n @ 1..) = reader.read(&mut buf) {
                if tx.send((Instant::now(), buf[..n].to_vec())).is_err() {
                    break;
                }
            }
        });
        Ok(Tui {
            child,
            master: File::from(master),
            output,
            parser: vt100::Parser::new(nz(rows), nz(cols), 0),
            first_output: None,
            stderr: Some(stderr),
            closed: false,
        })
    }

    /// CPU time (user + system) the program has used so far.
    pub fn cpu(&self) -> Duration {
        let stat =
            std::fs::read_to_string(format!("/proc/{}/stat", self.child.id())).unwrap_or_default();
        // Fields after the command name, which is in parentheses.
        let fields: Vec<u64> = stat
            .rsplit(')')
            .next()
            .unwrap_or_default()
            .split_whitespace()
            .map(|f| f.parse().unwrap_or(0))
            .collect();
        // SAFETY: sysconf has no preconditions.
        let hz = unsafe { libc::sysconf(libc::_SC_CLK_TCK) }.max(1) as f64;
        let ticks = fields.get(11).copied().unwrap_or(0) + fields.get(12).copied().unwrap_or(0);
        Duration::from_secs_f64(ticks as f64 / hz)
    }

    /// The screen's text.
    pub fn screen(&self) -> String {
        self.parser.screen().contents()
    }

    /// Type `keys`.
    pub fn send(&mut self, keys: &[u8]) {
        self.master
            .write_all(keys)
            .expect("typing into the terminal");
    }

    /// Wait until the screen contains `text`; returns when the output
    /// that drew it arrived.
    pub fn wait_for(&mut self, text: &str, timeout: Duration) -> Result<Instant, String> {
        let deadline = Instant::now() + timeout;
        if self.screen().contains(text) {
            return Ok(Instant::now());
        }
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.output.recv_timeout(left) {
                Ok((at, bytes)) => {
                    self.first_output.get_or_insert(at);
                    self.parser.process(&bytes);
                    if self.screen().contains(text) {
                        return Ok(at);
                    }
                }
                Err(e) => {
                    self.closed |= e == RecvTimeoutError::Disconnected;
                    return Err(format!(
                        "'{text}' did not appear ({e:?}); threads: {}; the screen:\n{}",
                        threads(self.child.id()),
                        self.screen()
                    ));
                }
            }
        }
    }

    /// Get through the safety intake before every session: the first-run
    /// notice if it shows, "none of these apply" to the four screening
    /// groups, then a baseline of pain 3 reaching the buttock. The session
    /// starts on the last key.
    pub fn pass_screening(&mut self, timeout: Duration) -> Result<(), String> {
        let notice = "Enter I understand";
        self.wait_for_any(&[notice, "Safety check 1/4"], timeout)?;
        if !self.screen().contains("Safety check 1/4") {
            self.send(b"\r");
            self.wait_for("Safety check 1/4", timeout)?;
        }
        for next in [
            "Safety check 2/4",
            "Safety check 3/4",
            "Safety check 4/4",
            "0-9,t",
        ] {
            self.send(b"n");
            self.wait_for(next, timeout)?;
        }
        self.send(b"3");
        self.wait_for("1-5 reach", timeout)?;
        self.send(b"2");
        Ok(())
    }

    /// Answer the questions after a session (pain now 2, reaching the lower
    /// back only) and wait for the summary.
    pub fn answer_end_questions(&mut self, timeout: Duration) -> Result<Instant, String> {
        self.wait_for("0-9,t", timeout)?;
        self.send(b"2");
        self.wait_for("1-5 reach", timeout)?;
        self.send(b"1");
        self.wait_for("SESSION COMPLETE", timeout)
    }

    /// Wait until the screen contains one of `texts`.
    pub fn wait_for_any(&mut self, texts: &[&str], timeout: Duration) -> Result<Instant, String> {
        let deadline = Instant::now() + timeout;
        loop {
            if texts.iter().any(|t| self.screen().contains(t)) {
                return Ok(Instant::now());
            }
            let left = deadline.saturating_duration_since(Instant::now());
            match self.output.recv_timeout(left) {
                Ok((_, bytes)) => self.parser.process(&bytes),
                Err(e) => {
                    return Err(format!(
                        "none of {texts:?} appeared ({e:?}); the screen:\n{}",
                        self.screen()
                    ));
                }
            }
        }
    }

    /// Wait for the program to end (its terminal closes), then collect it.
    pub fn wait_exit(&mut self, timeout: Duration) -> Result<ExitStatus, String> {
        let deadline = Instant::now() + timeout;
        while !self.closed {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.output.recv_timeout(left) {
                Ok((_, bytes)) => self.parser.process(&bytes),
                Err(RecvTimeoutError::Disconnected) => self.closed = true,
                Err(RecvTimeoutError::Timeout) => {
                    return Err(format!(
                        "the program did not end; the screen:\n{}",
                        self.screen()
                    ));
                }
            }
        }
        self.child.wait().map_err(|e| e.to_string())
    }

    /// Everything the program wrote to standard error (after it ended).
    pub fn stderr(&mut self) -> Vec<u8> {
        self.stderr
            .take()
            .map(|h| h.join().unwrap_or_default())
            .unwrap_or_default()
    }
}

impl Drop for Tui {
    fn drop(&mut self) {
        if matches!(self.child.try_wait(), Ok(None)) {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// A terminal dimension (at least 1).
fn nz(n: u16) -> std::num::NonZero<u16> {
    std::num::NonZero::new(n).unwrap_or(std::num::NonZero::<u16>::MIN)
}

/// Each thread of process `pid` with what it waits in (for failure reports).
fn threads(pid: u32) -> String {
    let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) else {
        return "(gone)".into();
    };
    tasks
        .flatten()
        .map(|t| {
            let read = |f: &str| std::fs::read_to_string(t.path().join(f)).unwrap_or_default();
            format!("{} in {}", read("comm").trim(), read("wchan").trim())
        })
        .collect::<Vec<_>>()
        .join(", ")
}

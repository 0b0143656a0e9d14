//! Drive the real `unknot` binary in a pseudo-terminal and read its screen
//! through a vt100 parser. Waiting is event-driven: `poll(2)` on the pty
//! until output arrives or the deadline passes; no fixed sleeps.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::os::fd::AsRawFd;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use ptyprocess::{PtyProcess, Signal, WaitStatus};

pub mod openpty;

/// The binary under test.
pub fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_unknot"))
}

/// A fixture file under `tests/fixtures`.
pub fn fixture(rel: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel)
        .to_string_lossy()
        .into_owned()
}

fn nz(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n.max(1)).expect("non-zero")
}

/// A running program in a pty, with its screen.
pub struct Pty {
    pub proc: PtyProcess,
    io: std::fs::File,
    parser: vt100::Parser,
    /// Every byte the program wrote, for checks on escape sequences.
    pub raw: Vec<u8>,
}

impl Pty {
    /// Start `cmd` in a `cols`x`rows` pty.
    pub fn spawn(mut cmd: Command, cols: u16, rows: u16) -> Pty {
        // Keep tests away from the developer's real config and data.
        if std::env::var_os("UNKNOT_TEST_KEEP_ENV").is_none() {
            cmd.env("NO_COLOR", "1");
        }
        let mut proc = PtyProcess::spawn(cmd).expect("spawn in a pty");
        proc.set_window_size(cols, rows).expect("set pty size");
        let io = proc.get_raw_handle().expect("pty handle");
        Pty {
            proc,
            io,
            parser: vt100::Parser::new(nz(rows), nz(cols), 0),
            raw: Vec::new(),
        }
    }

    /// The screen as text, one line per row.
    pub fn screen(&self) -> String {
        self.parser.screen().contents()
    }

    /// Read what is available, waiting at most `wait` for the first byte.
    /// Returns false at end of output.
    fn pump(&mut self, wait: Duration) -> bool {
        let mut fds = libc::pollfd {
            fd: self.io.as_raw_fd(),
            events: libc::POLLIN,
            revents: 0,
        };
        let ms = wait.as_millis().min(i32::MAX as u128) as i32;
        // SAFETY: one valid pollfd for the duration of the call.
        let n = unsafe { libc::poll(&mut fds, 1, ms) };
        if n <= 0 {
            return true;
        }
        let mut buf = [0u8; 8192];
        match self.io.read(&mut buf) {
            Ok(0) | Err(_) => false,
            Ok(k) => {
                self.parser.process(&buf[..k]);
                self.raw.extend_from_slice(&buf[..k]);
                true
            }
        }
    }

    /// Wait until the screen satisfies `pred`; panic with the screen after
    /// `timeout`.
    pub fn wait_for(
        &mut self,
        what: &str,
        timeout: Duration,
        pred: impl Fn(&str) -> bool,
    ) -> String {
        let end = Instant::now() + timeout;
        loop {
            let screen = self.screen();
            if pred(&screen) {
                return screen;
            }
            let now = Instant::now();
            if now >= end {
                panic!("timed out waiting for {what}; screen:\n{screen}");
            }
            if !self.pump(end - now) {
                let screen = self.screen();
                assert!(
                    pred(&screen),
                    "program ended before {what}; screen:\n{screen}"
                );
                return screen;
            }
        }
    }

    /// Wait until the screen contains `text`.
    pub fn wait_text(&mut self, text: &str, timeout: Duration) -> String {
        self.wait_for(text, timeout, |s| s.contains(text))
    }

    /// Type bytes.
    pub fn send(&mut self, bytes: &str) {
        self.io.write_all(bytes.as_bytes()).expect("write to pty");
        self.io.flush().expect("flush pty");
    }

    /// Resize the terminal (the program gets SIGWINCH).
    pub fn resize(&mut self, cols: u16, rows: u16) {
        self.proc.set_window_size(cols, rows).expect("resize");
        self.parser.screen_mut().set_size(nz(rows), nz(cols));
    }

    /// Drain output until the program exits; its exit status.
    pub fn wait_exit(&mut self, timeout: Duration) -> WaitStatus {
        let end = Instant::now() + timeout;
        while Instant::now() < end && self.pump(Duration::from_millis(200)) {
            if let Ok(status @ WaitStatus::Exited(..)) | Ok(status @ WaitStatus::Signaled(..)) =
                self.proc.status()
            {
                // Drain what is left.
                while self.pump(Duration::from_millis(0)) {
                    if !self.has_pending() {
                        break;
                    }
                }
                return status;
            }
        }
        // Output ended (the program closed the pty) or time ran out.
        while Instant::now() < end {
            match self.proc.status() {
                Ok(status @ (WaitStatus::Exited(..) | WaitStatus::Signaled(..))) => return status,
                _ => {
                    self.pump(Duration::from_millis(50));
                }
            }
        }
        let _ = self.proc.kill(Signal::SIGKILL);
        panic!(
            "the program did not exit within {timeout:?}; screen:\n{}",
            self.screen()
        );
    }

    fn has_pending(&self) -> bool {
        let mut fds = libc::pollfd {
            fd: self.io.as_raw_fd(),
            events: libc::POLLIN,
            revents: 0,
        };
        // SAFETY: as above.
        unsafe { libc::poll(&mut fds, 1, 0) > 0 }
    }

    /// Send a signal to the program.
    pub fn signal(&mut self, sig: Signal) {
        self.proc.signal(sig).expect("signal");
    }

    /// Whether the terminal is in cooked mode (canonical input, signals on),
    /// read from the pty's termios.
    pub fn is_cooked(&self) -> bool {
        // SAFETY: termios is plain data; tcgetattr fills it.
        let mut t: libc::termios = unsafe { std::mem::zeroed() };
        let ok = unsafe { libc::tcgetattr(self.io.as_raw_fd(), &mut t) } == 0;
        ok && t.c_lflag & libc::ICANON != 0 && t.c_lflag & libc::ISIG != 0
    }

    /// Whether the program left the alternate screen and showed the cursor
    /// after it last entered it.
    pub fn left_alternate_screen(&self) -> bool {
        let raw = String::from_utf8_lossy(&self.raw);
        let entered = raw.rfind("\x1b[?1049h");
        let left = raw.rfind("\x1b[?1049l");
        matches!((entered, left), (Some(e), Some(l)) if l > e) && raw.ends_with_cursor_shown()
    }
}

trait CursorShown {
    fn ends_with_cursor_shown(&self) -> bool;
}

impl CursorShown for str {
    fn ends_with_cursor_shown(&self) -> bool {
        match (self.rfind("\x1b[?25h"), self.rfind("\x1b[?25l")) {
            (Some(show), Some(hide)) => show > hide,
            (Some(_), None) => true,
            _ => false,
        }
    }
}

/// `unknot` with arguments, isolated from the user's files.
pub fn unknot(args: &[&str], home: &Path) -> Command {
    let mut cmd = Command::new(bin());
    cmd.args(args)
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env("TERM", "xterm-256color");
    cmd
}

/// Get through the safety intake that comes before every session: read the
/// first-run notice if it shows, answer "none of these apply" (`n`) to the
/// four screening groups, then give a baseline of pain 3, reaching the
/// buttock (`3`, `2`). Works at any window size.
pub fn pass_screening(p: &mut Pty, timeout: Duration) {
    let s = p.wait_for("the notice or the screening", timeout, |s| {
        s.contains("Enter I understand") || s.contains("Safety check 1/4")
    });
    if !s.contains("Safety check 1/4") {
        p.send("\r");
        p.wait_text("Safety check 1/4", timeout);
    }
    for next in ["Safety check 2/4", "Safety check 3/4", "Safety check 4/4"] {
        p.send("n");
        p.wait_text(next, timeout);
    }
    p.send("n");
    p.wait_text("0-9,t", timeout);
    p.send("3");
    p.wait_text("1-5 reach", timeout);
    p.send("2");
}

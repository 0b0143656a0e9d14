//! A program in a pseudo-terminal, as the end-to-end tests see it: the
//! screen (a vt100 parser fed with everything the program draws), every
//! raw byte (for checks on escape sequences), keys typed, the window
//! resized, signals sent, the exit status, and the terminal's modes after
//! the program has gone.
//!
//! Nothing here sleeps. A reader thread blocks in `poll(2)` on the
//! terminal (and on a pipe that tells it to stop) and timestamps each chunk
//! as it arrives; the test takes the chunks from a channel while it waits
//! for text, up to a deadline. The program's end is awaited the same way,
//! through a pidfd.
//!
//! Standard error goes to the terminal, as in a real one, unless the test
//! asks to keep it apart ([`Pty::spawn_stderr_apart`]: a pipe, read to the
//! end in a thread) to prove that nothing was written there. `NO_COLOR=1`
//! is set, since screens are compared as text; set `UNKNOT_TEST_KEEP_ENV`
//! when running the tests to leave colours on.

use std::fs::File;
use std::io::{PipeReader, PipeWriter, Read, Write};
use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
use std::os::unix::process::CommandExt;
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use super::openpty::{open_pty, winsize};

/// One read from the terminal: when it arrived, and the bytes.
type Chunk = (Instant, Vec<u8>);

/// A program running in a pseudo-terminal whose master side the test owns.
pub struct Pty {
    /// The program; reaped only by [`Pty::wait_exit`] or on drop, so its
    /// pid stays its own for [`Pty::signal`] until then.
    child: Child,
    /// Becomes readable when the program ends.
    pidfd: OwnedFd,
    /// Its exit status, once reaped.
    status: Option<ExitStatus>,
    /// The terminal's master side, for typing, resizing and its modes;
    /// `None` after [`Pty::hang_up`].
    master: Option<File>,
    /// Dropping it tells the reader thread to stop.
    stop: Option<PipeWriter>,
    /// The reader thread.
    reader: Option<JoinHandle<()>>,
    /// Output chunks; disconnected once the program's side of the terminal
    /// has closed (or the reader was stopped) and every chunk was taken.
    output: Receiver<Chunk>,
    /// Whether `output` has disconnected.
    closed: bool,
    /// The screen as drawn so far.
    parser: vt100::Parser,
    /// Every byte taken from `output` so far.
    raw: Vec<u8>,
    /// When the first chunk arrived.
    first_output: Option<Instant>,
    /// Collects standard error when it is kept apart.
    stderr: Option<JoinHandle<Vec<u8>>>,
}

impl Pty {
    /// Start `cmd` on a `cols`×`rows` terminal, standard error included.
    pub fn spawn(cmd: Command, cols: u16, rows: u16) -> Pty {
        Pty::start(cmd, cols, rows, false)
    }

    /// Start `cmd` on a `cols`×`rows` terminal, its standard error in a
    /// pipe of its own (see [`Pty::stderr`]).
    pub fn spawn_stderr_apart(cmd: Command, cols: u16, rows: u16) -> Pty {
        Pty::start(cmd, cols, rows, true)
    }

    fn start(mut cmd: Command, cols: u16, rows: u16, stderr_apart: bool) -> Pty {
        if std::env::var_os("UNKNOT_TEST_KEEP_ENV").is_none() {
            cmd.env("NO_COLOR", "1");
        }
        let (master, slave) = open_pty(cols, rows).expect("a pseudo-terminal");
        let far_end = || Stdio::from(slave.try_clone().expect("a copy of the terminal"));
        cmd.stdin(far_end()).stdout(far_end());
        cmd.stderr(if stderr_apart {
            Stdio::piped()
        } else {
            far_end()
        });
        // SAFETY: only async-signal-safe calls between fork and exec: a
        // session of its own, with the terminal (now standard input) as its
        // controlling terminal, as a terminal emulator does; so closing the
        // master side hangs the program up, and resizing sends SIGWINCH.
        unsafe {
            cmd.pre_exec(|| {
                if libc::setsid() < 0 || libc::ioctl(0, libc::TIOCSCTTY, 0) < 0 {
                    return Err(std::io::Error::last_os_error());
                }
                Ok(())
            });
        }
        let (stop_rx, stop) = std::io::pipe().expect("a pipe");
        let mut child = cmd.spawn().expect("starting the program in a terminal");
        // The parent's copies of the far end go with the command and
        // `slave`: from now on the program holds the only ones, so the
        // output ends exactly when the program's side closes.
        drop(cmd);
        drop(slave);
        let pidfd = pidfd_open(child.id()).unwrap_or_else(|e| {
            let _ = child.kill();
            let _ = child.wait();
            panic!("a pidfd for the program (Linux 5.3 or later): {e}")
        });
        let stderr = child.stderr.take().map(|mut err| {
            thread::spawn(move || {
                let mut buf = Vec::new();
                let _ = err.read_to_end(&mut buf);
                buf
            })
        });
        let (tx, output) = mpsc::channel();
        let copy = File::from(master.try_clone().expect("a copy of the terminal"));
        let reader = thread::spawn(move || read_terminal(copy, stop_rx, tx));
        Pty {
            child,
            pidfd,
            status: None,
            master: Some(File::from(master)),
            stop: Some(stop),
            reader: Some(reader),
            output,
            closed: false,
            parser: vt100::Parser::new(nz(rows), nz(cols), 0),
            raw: Vec::new(),
            first_output: None,
            stderr,
        }
    }

    /// The screen as text, one line per row.
    pub fn screen(&self) -> String {
        self.parser.screen().contents()
    }

    /// Every byte the program has written so far (as far as a wait has
    /// taken it in; all of it after [`Pty::wait_exit`]).
    pub fn raw(&self) -> &[u8] {
        &self.raw
    }

    /// When the program's first output arrived.
    pub fn first_output(&self) -> Option<Instant> {
        self.first_output
    }

    /// Wait until the screen satisfies `pred` (described by `what`); the
    /// screen. Panics with the screen after `timeout`, or if the program's
    /// output ends first.
    pub fn wait_for(
        &mut self,
        what: &str,
        timeout: Duration,
        pred: impl Fn(&str) -> bool,
    ) -> String {
        self.wait_until(what, timeout, pred).0
    }

    /// Wait until the screen contains `text`; the screen.
    pub fn wait_text(&mut self, text: &str, timeout: Duration) -> String {
        self.wait_until(text, timeout, |s| s.contains(text)).0
    }

    /// Wait until the step screen's phase line (the row under the frame's
    /// top, e.g. `HOLD · left side   PAUSED`) contains `text`; the screen.
    /// Looking anywhere would also match the "Next: HOLD 0:10" preview on
    /// the preparation screen.
    pub fn wait_phase(&mut self, text: &str, timeout: Duration) -> String {
        let what = format!("phase line with {text:?}");
        self.wait_until(&what, timeout, |s| {
            s.lines().nth(1).is_some_and(|l| l.contains(text))
        })
        .0
    }

    /// Wait until the screen contains `text`; when the output that drew it
    /// arrived (now, if it was already there).
    pub fn wait_text_at(&mut self, text: &str, timeout: Duration) -> Instant {
        self.wait_until(text, timeout, |s| s.contains(text)).1
    }

    /// Wait until every byte written so far satisfies `pred` (described
    /// by `what`), for checks on escape sequences.
    pub fn wait_raw(&mut self, what: &str, timeout: Duration, pred: impl Fn(&[u8]) -> bool) {
        let deadline = Instant::now() + timeout;
        while !pred(&self.raw) {
            if let Err(why) = self.next_chunk(deadline) {
                panic!("{why} before {what}; the screen:\n{}", self.screen());
            }
        }
    }

    fn wait_until(
        &mut self,
        what: &str,
        timeout: Duration,
        pred: impl Fn(&str) -> bool,
    ) -> (String, Instant) {
        let deadline = Instant::now() + timeout;
        let mut at = Instant::now();
        loop {
            let screen = self.screen();
            if pred(&screen) {
                return (screen, at);
            }
            match self.next_chunk(deadline) {
                Ok(arrived) => at = arrived,
                Err(why) => panic!(
                    "{why} before '{what}' appeared; threads: {}; the screen:\n{screen}",
                    threads(self.child.id())
                ),
            }
        }
    }

    /// Take the next chunk of output into the screen, waiting for it until
    /// `deadline`; when it arrived.
    fn next_chunk(&mut self, deadline: Instant) -> Result<Instant, String> {
        if self.closed {
            return Err("the program's output had ended".into());
        }
        let left = deadline.saturating_duration_since(Instant::now());
        match self.output.recv_timeout(left) {
            Ok((at, bytes)) => {
                self.first_output.get_or_insert(at);
                self.parser.process(&bytes);
                self.raw.extend_from_slice(&bytes);
                Ok(at)
            }
            Err(RecvTimeoutError::Timeout) => Err("timed out".into()),
            Err(RecvTimeoutError::Disconnected) => {
                self.closed = true;
                Err("the program's output ended".into())
            }
        }
    }

    /// The master side, unless the terminal was hung up.
    fn master(&self) -> &File {
        self.master
            .as_ref()
            .expect("the terminal was hung up (Pty::hang_up)")
    }

    /// Type `keys` (text or bytes: escape sequences, control keys).
    pub fn send(&mut self, keys: impl AsRef<[u8]>) {
        self.master()
            .write_all(keys.as_ref())
            .expect("typing into the terminal");
    }

    /// Resize the terminal; the program gets SIGWINCH.
    pub fn resize(&mut self, cols: u16, rows: u16) {
        let size = winsize(cols, rows);
        // SAFETY: TIOCSWINSZ reads one winsize, which outlives the call.
        let r = unsafe { libc::ioctl(self.master().as_raw_fd(), libc::TIOCSWINSZ, &size) };
        assert_eq!(r, 0, "resize: {}", std::io::Error::last_os_error());
        self.parser.screen_mut().set_size(nz(rows), nz(cols));
    }

    /// Send signal `sig` (`libc::SIGTERM`, …) to the program.
    pub fn signal(&mut self, sig: i32) {
        assert!(
            self.status.is_none(),
            "signal {sig} after the program was reaped"
        );
        // SAFETY: kill has no memory preconditions. The pid is still the
        // program's: it is not reaped (a zombie keeps its pid) until
        // `wait_exit` or drop.
        let r = unsafe { libc::kill(self.child.id() as libc::pid_t, sig) };
        assert_eq!(r, 0, "signal {sig}: {}", std::io::Error::last_os_error());
    }

    /// Close the master side, as closing a terminal window does: the kernel
    /// hangs up the program's terminal (SIGHUP to it, end of input). What
    /// the program still writes is lost; typing, resizing and reading the
    /// modes are no longer possible.
    pub fn hang_up(&mut self) {
        self.stop_reader();
        self.master = None;
    }

    /// Stop the reader thread and close its copy of the master side.
    fn stop_reader(&mut self) {
        drop(self.stop.take());
        if let Some(reader) = self.reader.take() {
            let _ = reader.join();
        }
    }

    /// Take in the rest of the output, then wait for the program to end;
    /// its exit status. Panics with the screen (after killing the program)
    /// if it has not ended within `timeout`.
    pub fn wait_exit(&mut self, timeout: Duration) -> ExitStatus {
        if let Some(status) = self.status {
            return status;
        }
        let deadline = Instant::now() + timeout;
        let ended = loop {
            match self.next_chunk(deadline) {
                Ok(_) => continue,
                Err(_) if self.closed => break self.reap(deadline),
                Err(why) => break Err(why),
            }
        };
        match ended {
            Ok(status) => status,
            Err(why) => {
                let threads = threads(self.child.id());
                let _ = self.child.kill();
                panic!(
                    "the program did not exit within {timeout:?} ({why}); threads: {threads}; \
                     the screen:\n{}",
                    self.screen()
                );
            }
        }
    }

    /// Wait for the program to end normally (see [`Pty::wait_exit`]); its
    /// exit code. Panics if a signal ended it.
    pub fn exit_code(&mut self, timeout: Duration) -> i32 {
        let status = self.wait_exit(timeout);
        status.code().unwrap_or_else(|| {
            panic!(
                "did not exit normally: {status:?}; the screen:\n{}",
                self.screen()
            )
        })
    }

    /// Wait until `deadline` for the program to end, and reap it.
    fn reap(&mut self, deadline: Instant) -> Result<ExitStatus, String> {
        let mut fd = libc::pollfd {
            fd: self.pidfd.as_raw_fd(),
            events: libc::POLLIN,
            revents: 0,
        };
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            // SAFETY: one valid pollfd for the duration of the call.
            match unsafe { libc::poll(&mut fd, 1, millis_up(left)) } {
                1.. => break,
                0 => return Err("its terminal closed but it kept running".into()),
                _ if std::io::Error::last_os_error().kind() == std::io::ErrorKind::Interrupted => {}
                _ => return Err(std::io::Error::last_os_error().to_string()),
            }
        }
        let status = self.child.wait().map_err(|e| e.to_string())?;
        self.status = Some(status);
        Ok(status)
    }

    /// Everything the program wrote to standard error, once it has ended.
    /// Panics unless it was kept apart ([`Pty::spawn_stderr_apart`]): on
    /// the terminal it would be mixed into the screen.
    pub fn stderr(&mut self) -> Vec<u8> {
        assert!(
            self.status.is_some(),
            "standard error is complete only after wait_exit"
        );
        self.stderr
            .take()
            .expect("standard error was not kept apart (Pty::spawn_stderr_apart)")
            .join()
            .expect("the standard error reader")
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

    /// Whether the terminal is in cooked mode (canonical input, signals
    /// on), read from its termios.
    pub fn is_cooked(&self) -> bool {
        // SAFETY: termios is plain data; tcgetattr fills it.
        let mut t: libc::termios = unsafe { std::mem::zeroed() };
        // SAFETY: a valid descriptor and a termios that outlives the call.
        let ok = unsafe { libc::tcgetattr(self.master().as_raw_fd(), &mut t) } == 0;
        ok && t.c_lflag & libc::ICANON != 0 && t.c_lflag & libc::ISIG != 0
    }

    /// Whether the program left the alternate screen after it last entered
    /// it, and showed the cursor after it last hid it.
    pub fn left_alternate_screen(&self) -> bool {
        let raw = String::from_utf8_lossy(&self.raw);
        let last = |seq: &str| raw.rfind(seq);
        let left = matches!(
            (last("\x1b[?1049h"), last("\x1b[?1049l")),
            (Some(entered), Some(left)) if left > entered
        );
        let shown = match (last("\x1b[?25h"), last("\x1b[?25l")) {
            (Some(shown), Some(hidden)) => shown > hidden,
            (shown, None) => shown.is_some(),
            (None, Some(_)) => false,
        };
        left && shown
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        if self.status.is_none() {
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
        self.stop_reader();
    }
}

/// The reader thread: send each chunk the program draws, timestamped on
/// arrival, until its side of the terminal closes (EIO), the test stops
/// listening, or `stop` is closed.
fn read_terminal(master: File, stop: PipeReader, tx: Sender<Chunk>) {
    let mut buf = [0u8; 16384];
    loop {
        let mut fds = [master.as_raw_fd(), stop.as_raw_fd()].map(|fd| libc::pollfd {
            fd,
            events: libc::POLLIN,
            revents: 0,
        });
        // SAFETY: two valid pollfds for the duration of the call.
        if unsafe { libc::poll(fds.as_mut_ptr(), 2, -1) } < 0 {
            if std::io::Error::last_os_error().kind() == std::io::ErrorKind::Interrupted {
                continue;
            }
            return;
        }
        if fds[1].revents != 0 {
            return;
        }
        match (&master).read(&mut buf) {
            Ok(n @ 1..) => {
                if tx.send((Instant::now(), buf[..n].to_vec())).is_err() {
                    return;
                }
            }
            _ => return,
        }
    }
}

/// A descriptor that becomes readable when process `pid` (our unreaped
/// child) ends.
fn pidfd_open(pid: u32) -> std::io::Result<OwnedFd> {
    // SAFETY: pidfd_open takes a pid and flags and returns a new descriptor
    // (close-on-exec) or -1.
    let fd = unsafe { libc::syscall(libc::SYS_pidfd_open, pid as libc::pid_t, 0) };
    if fd < 0 {
        return Err(std::io::Error::last_os_error());
    }
    // SAFETY: a fresh descriptor that nothing else owns.
    Ok(unsafe { OwnedFd::from_raw_fd(fd as i32) })
}

/// A timeout for `poll(2)` in whole milliseconds, rounded up so that a
/// wait never ends before its deadline.
fn millis_up(d: Duration) -> i32 {
    d.as_micros().div_ceil(1000).min(i32::MAX as u128) as i32
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

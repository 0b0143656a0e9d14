//! The one home of platform code: every call into the operating system that
//! neither Rust's standard library nor tokio wraps, and so every `unsafe`
//! block of the crate. Everything here is safe to call; the rest of the
//! crate uses only these functions (and the constants below), never `libc`.
//!
//! What each call is for, and why it is sound:
//!
//! - [`one_malloc_arena`] (`main`): `mallopt(M_ARENA_MAX, 1)`, glibc only.
//!   One heap for all threads keeps the resident memory down. It changes a
//!   tuning value inside the allocator, which takes its own lock; no memory
//!   of ours is read or written.
//! - [`discard_output`] (`app`, when the terminal is gone): `dup2` of an
//!   open `/dev/null` onto descriptors 1 and 2. `dup2` reads no memory. Rust
//!   programs start with descriptors 0-2 open (std opens `/dev/null` on any
//!   that are closed), so no `OwnedFd` of ours can hold 1 or 2: pointing
//!   them elsewhere changes where output goes, not the validity of any Rust
//!   value. Not tested in-process (it would swallow the test harness's
//!   output); a test runs it in a child copy of the test binary instead.
//! - [`stop_self`] (`app`, Ctrl-Z): `raise(SIGTSTP)`. Sending ourselves a
//!   signal touches no memory; the default action stops the process until
//!   `SIGCONT`. Not tested: it would stop the test binary.
//! - [`ignore_interrupts`] (`routines edit`): `sigaction` to ignore
//!   `SIGINT` and `SIGQUIT` while the editor runs, and to put back exactly
//!   what was there (handler, mask and flags) afterwards. Ignoring installs
//!   no code that would run in signal context; the dispositions put back
//!   are the ones the kernel reported, valid when they were taken.
//! - [`Timer`] (`alarm`, Linux and Android): a `timerfd` on the monotonic
//!   clock, set with `timerfd_settime` to an absolute time read with
//!   `clock_gettime`, read when it fires, and registered with tokio's
//!   reactor (`AsyncFd::register_with_interest`, unsafe: the descriptor
//!   must stay open and the same while registered; tokio deprecated the
//!   safe constructors as unsound, tokio-rs/tokio#8587). The descriptor is
//!   an `OwnedFd` inside [`Timer`], never handed out or replaced (the
//!   `AsyncFd` stays private, as its `get_mut` would allow a swap), and
//!   dropped only with the registration. Every pointer given
//!   to these calls is to a local value of the right type, valid for the
//!   call.
//!
//! Constants other modules need (signal numbers, `EIO`) are re-exported
//! from here too, so `libc` is named nowhere else.

#[cfg(unix)]
use std::io;

/// `SIGTERM`: the number the program reports when it ends by this signal.
#[cfg(unix)]
pub use libc::SIGTERM;

/// `SIGHUP`: the terminal was closed.
#[cfg(unix)]
pub use libc::SIGHUP;

/// `SIGCONT`: continued after a stop (tokio has no named kind for it).
#[cfg(unix)]
pub use libc::SIGCONT;

/// `EIO`: what reading or writing a terminal that is gone reports.
#[cfg(unix)]
pub use libc::EIO;

/// Keep every thread's allocations in one glibc arena
/// (`mallopt(M_ARENA_MAX, 1)`). Does nothing with other C libraries.
pub fn one_malloc_arena() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only changes a tuning value of the allocator, under
    // the allocator's own lock; no memory of ours is involved. Its result
    // (1 on success) only says whether the value was taken: nothing to do
    // either way.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 1);
    }
}

/// Point standard output and error at `/dev/null`, so that writing to them
/// succeeds (and goes nowhere) once the terminal is gone. Does nothing if
/// `/dev/null` cannot be opened.
#[cfg(unix)]
pub fn discard_output() {
    use std::os::fd::AsRawFd;

    // std opens files close-on-exec; the temporary descriptor is closed
    // when `null` is dropped, after both copies are made.
    let Ok(null) = std::fs::OpenOptions::new().write(true).open("/dev/null") else {
        return;
    };
    for target in [libc::STDOUT_FILENO, libc::STDERR_FILENO] {
        // SAFETY: dup2 reads no memory. `null` is open for the whole call.
        // Descriptors 1 and 2 are the standard streams, open since the
        // program started, and no `OwnedFd` in this program owns them;
        // making them refer to /dev/null (atomically, as dup2 does) only
        // changes where writes to them go.
        unsafe {
            libc::dup2(null.as_raw_fd(), target);
        }
    }
}

/// Stop this process as Ctrl-Z would (`raise(SIGTSTP)`); it continues
/// when it receives `SIGCONT` (`fg`). Returns once continued.
#[cfg(unix)]
pub fn stop_self() -> io::Result<()> {
    // SAFETY: raise only sends a signal to this thread; no memory is read
    // or written. SIGTSTP's default action stops the process.
    let rc = unsafe { libc::raise(libc::SIGTSTP) };
    if rc == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

/// `SIGINT` and `SIGQUIT` are ignored until this is dropped; then each
/// gets back the disposition it had before.
#[cfg(unix)]
#[must_use = "interrupts are ignored only while this value lives"]
pub struct InterruptsIgnored {
    /// The signal and what it was set to before, for each signal that
    /// could be set to ignored.
    previous: Vec<(libc::c_int, libc::sigaction)>,
}

/// Ignore Ctrl-C (`SIGINT`) and Ctrl-\ (`SIGQUIT`) in this process until
/// the returned value is dropped, as git does while an editor runs: the
/// editor (a child in the same process group) still gets them. A child
/// started *before* this call keeps the default dispositions; one started
/// while it lives would inherit "ignored".
#[cfg(unix)]
pub fn ignore_interrupts() -> InterruptsIgnored {
    let previous = [libc::SIGINT, libc::SIGQUIT]
        .into_iter()
        .filter_map(|signal| {
            // SAFETY: an all-zero `sigaction` is a valid value (SIG_DFL,
            // no flags); it is then set to SIG_IGN with an empty mask.
            // sigaction reads `ignore` and writes `old`, both locals of
            // the right type. SIG_IGN runs no code in signal context.
            unsafe {
                let mut ignore: libc::sigaction = std::mem::zeroed();
                ignore.sa_sigaction = libc::SIG_IGN;
                libc::sigemptyset(&mut ignore.sa_mask);
                let mut old: libc::sigaction = std::mem::zeroed();
                (libc::sigaction(signal, &ignore, &mut old) == 0).then_some((signal, old))
            }
        })
        .collect();
    InterruptsIgnored { previous }
}

#[cfg(unix)]
impl Drop for InterruptsIgnored {
    fn drop(&mut self) {
        for (signal, old) in &self.previous {
            // SAFETY: `old` is exactly the disposition the kernel reported
            // before we changed it (a default, ignore, or a handler that
            // was installed then and is a function of this program, so
            // still valid); sigaction only reads it.
            unsafe {
                libc::sigaction(*signal, old, std::ptr::null_mut());
            }
        }
    }
}

#[cfg(any(target_os = "linux", target_os = "android"))]
pub use timer::{Timer, monotonic_now};

#[cfg(any(target_os = "linux", target_os = "android"))]
mod timer {
    use std::io;
    use std::os::fd::{AsRawFd, FromRawFd, OwnedFd, RawFd};
    use std::time::Duration;

    use tokio::io::Interest;
    use tokio::io::unix::AsyncFd;

    /// The time on the monotonic clock (`CLOCK_MONOTONIC`, the clock
    /// [`std::time::Instant`] reads on Linux), as a duration since its
    /// unspecified start.
    pub fn monotonic_now() -> io::Result<Duration> {
        let mut now = libc::timespec {
            tv_sec: 0,
            tv_nsec: 0,
        };
        // SAFETY: clock_gettime writes one timespec to `now`, a local.
        if unsafe { libc::clock_gettime(libc::CLOCK_MONOTONIC, &mut now) } != 0 {
            return Err(io::Error::last_os_error());
        }
        // The kernel keeps tv_nsec within 0..1e9 and the monotonic clock
        // is never negative.
        Ok(Duration::new(
            u64::try_from(now.tv_sec).unwrap_or(0),
            u32::try_from(now.tv_nsec).unwrap_or(0),
        ))
    }

    /// The descriptor of a timerfd; only [`Timer`] holds one, so its
    /// number cannot change while tokio watches it.
    struct TimerFd(OwnedFd);

    impl AsRawFd for TimerFd {
        fn as_raw_fd(&self) -> RawFd {
            self.0.as_raw_fd()
        }
    }

    /// A one-shot timer on the monotonic clock that the tokio reactor
    /// watches: [`Timer::expired`] wakes within microseconds of the time
    /// [`Timer::set_at`] gave it, through the same epoll wait as any
    /// other IO.
    pub struct Timer {
        fd: AsyncFd<TimerFd>,
    }

    impl Timer {
        /// A disarmed timer. Needs a tokio runtime with IO enabled.
        pub fn new() -> io::Result<Timer> {
            // SAFETY: no pointers; the result is checked before use.
            let raw = unsafe {
                libc::timerfd_create(
                    libc::CLOCK_MONOTONIC,
                    libc::TFD_NONBLOCK | libc::TFD_CLOEXEC,
                )
            };
            if raw < 0 {
                return Err(io::Error::last_os_error());
            }
            // SAFETY: `raw` is a new, open descriptor that nothing else
            // owns; the `OwnedFd` becomes its only owner.
            let fd = TimerFd(unsafe { OwnedFd::from_raw_fd(raw) });
            // SAFETY: the descriptor stays open and the same for as long
            // as the `AsyncFd` lives: the `TimerFd` is owned by the
            // `AsyncFd`, which this module never hands out, so no code can
            // close or swap it (`get_mut` is never called), and it is
            // closed only when the `AsyncFd` drops it. Read readiness
            // only: a timerfd is never written to.
            let fd = unsafe { AsyncFd::register_with_interest(fd, Interest::READABLE) }?;
            Ok(Timer { fd })
        }

        /// Arm the timer for `at` on the monotonic clock (see
        /// [`monotonic_now`]), replacing any earlier setting and any
        /// expiry not yet read. A time already past fires at once (a zero
        /// time, which the kernel would take as "disarm", counts as 1 ns).
        pub fn set_at(&self, at: Duration) -> io::Result<()> {
            let mut value = libc::timespec {
                tv_sec: libc::time_t::try_from(at.as_secs()).unwrap_or(libc::time_t::MAX),
                tv_nsec: libc::c_long::from(at.subsec_nanos()),
            };
            if value.tv_sec == 0 && value.tv_nsec == 0 {
                value.tv_nsec = 1;
            }
            let spec = libc::itimerspec {
                it_interval: libc::timespec {
                    tv_sec: 0,
                    tv_nsec: 0,
                },
                it_value: value,
            };
            // SAFETY: an open timerfd and a local itimerspec that the call
            // only reads; no old value is asked for (null).
            let rc = unsafe {
                libc::timerfd_settime(
                    self.fd.as_raw_fd(),
                    libc::TFD_TIMER_ABSTIME,
                    &spec,
                    std::ptr::null_mut(),
                )
            };
            if rc != 0 {
                return Err(io::Error::last_os_error());
            }
            Ok(())
        }

        /// Wait until the timer fires, and take the expiry. Cancel-safe:
        /// dropping the future early takes nothing, and the timer stays
        /// armed. A timer never set never fires.
        pub async fn expired(&self) -> io::Result<()> {
            loop {
                let mut guard = self.fd.readable().await?;
                match guard.try_io(|fd| read_expirations(fd.get_ref())) {
                    Ok(Ok(_)) => {
                        // One-shot: nothing more to read until it is set
                        // again and fires (a new edge).
                        guard.clear_ready();
                        return Ok(());
                    }
                    Ok(Err(e)) => return Err(e),
                    // Not fired yet (or set again since): wait again.
                    Err(_would_block) => continue,
                }
            }
        }
    }

    /// Read the count of expiries since the last read (`WouldBlock` if
    /// there were none).
    fn read_expirations(fd: &TimerFd) -> io::Result<u64> {
        let mut count = [0u8; 8];
        // SAFETY: reads at most 8 bytes into a local 8-byte buffer, from
        // an open descriptor.
        let n = unsafe { libc::read(fd.as_raw_fd(), count.as_mut_ptr().cast(), count.len()) };
        match n {
            8 => Ok(u64::from_ne_bytes(count)),
            n if n < 0 => Err(io::Error::last_os_error()),
            // A timerfd always hands out 8 bytes or fails.
            _ => Err(io::Error::from(io::ErrorKind::UnexpectedEof)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(any(target_os = "linux", target_os = "android"))]
    mod timer {
        use std::time::Duration;

        use super::super::{Timer, monotonic_now};

        fn runtime() -> tokio::runtime::Runtime {
            tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .unwrap()
        }

        #[test]
        fn fires_at_the_time_it_was_set_to_not_before() {
            runtime().block_on(async {
                let timer = Timer::new().unwrap();
                for wait_ms in [1, 5, 20] {
                    let at = monotonic_now().unwrap() + Duration::from_millis(wait_ms);
                    timer.set_at(at).unwrap();
                    timer.expired().await.unwrap();
                    let now = monotonic_now().unwrap();
                    assert!(now >= at, "fired {:?} early", at - now);
                }
            });
        }

        #[test]
        fn a_zero_time_fires_instead_of_disarming() {
            runtime().block_on(async {
                let timer = Timer::new().unwrap();
                timer.set_at(Duration::ZERO).unwrap();
                // Bounded: a disarmed timer would never fire.
                tokio::time::timeout(Duration::from_secs(10), timer.expired())
                    .await
                    .expect("a zero time must fire at once")
                    .unwrap();
            });
        }

        #[test]
        fn an_armed_timer_does_not_fire_before_its_time() {
            runtime().block_on(async {
                let timer = Timer::new().unwrap();
                let at = monotonic_now().unwrap() + Duration::from_secs(3600);
                timer.set_at(at).unwrap();
                let early = tokio::time::timeout(Duration::from_millis(30), timer.expired()).await;
                assert!(early.is_err(), "fired an hour early");
            });
        }

        #[test]
        fn the_monotonic_clock_moves_forward() {
            let a = monotonic_now().unwrap();
            let b = monotonic_now().unwrap();
            assert!(a > Duration::ZERO && b >= a);
        }
    }

    /// The previous disposition of `signal` (a query: nothing is changed).
    fn disposition(signal: libc::c_int) -> libc::sighandler_t {
        // SAFETY: sigaction with a null new action only writes the current
        // one to `now`, a local of the right type.
        unsafe {
            let mut now: libc::sigaction = std::mem::zeroed();
            assert_eq!(libc::sigaction(signal, std::ptr::null(), &mut now), 0);
            now.sa_sigaction
        }
    }

    #[test]
    fn interrupts_are_ignored_while_the_guard_lives_and_restored_after() {
        // No other test touches these two signals.
        let before = (disposition(libc::SIGINT), disposition(libc::SIGQUIT));
        {
            let _ignored = ignore_interrupts();
            assert_eq!(disposition(libc::SIGINT), libc::SIG_IGN);
            assert_eq!(disposition(libc::SIGQUIT), libc::SIG_IGN);
            // Ignored indeed: this test process survives its own Ctrl-C.
            // SAFETY: sends SIGINT to this thread; no memory involved.
            assert_eq!(unsafe { libc::raise(libc::SIGINT) }, 0);
        }
        assert_eq!(
            (disposition(libc::SIGINT), disposition(libc::SIGQUIT)),
            before
        );
    }

    /// Set for the child copy of the test binary that discards its output.
    const DISCARD_CHILD: &str = "UNKNOT_TEST_DISCARD_OUTPUT_CHILD";

    /// `discard_output` would swallow the test harness's own output, so it
    /// runs in a child copy of this test binary: after it, writing to
    /// standard output and error still succeeds and shows nowhere.
    #[test]
    fn discarded_output_goes_nowhere_and_writing_still_succeeds() {
        let out = std::process::Command::new(std::env::current_exe().unwrap())
            .args([
                "sys::tests::discard_output_in_a_child",
                "--exact",
                "--ignored",
                "--nocapture",
                "--test-threads=1",
            ])
            .env(DISCARD_CHILD, "1")
            .output()
            .unwrap();
        let stdout = String::from_utf8_lossy(&out.stdout);
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{stdout}{stderr}");
        assert!(stdout.contains("before discarding"), "{stdout}");
        assert!(!stdout.contains("after discarding"), "{stdout}");
        assert!(!stderr.contains("after discarding"), "{stderr}");
    }

    #[test]
    #[ignore = "a helper: run by discarded_output_goes_nowhere_and_writing_still_succeeds"]
    fn discard_output_in_a_child() {
        use std::io::Write;

        if std::env::var_os(DISCARD_CHILD).is_none() {
            return;
        }
        let mut out = io::stdout();
        writeln!(out, "before discarding").unwrap();
        out.flush().unwrap();
        discard_output();
        writeln!(out, "after discarding").unwrap();
        out.flush().unwrap();
        writeln!(io::stderr(), "after discarding").unwrap();
    }
}

//! A one-shot alarm for the event loop that fires at an exact [`Instant`].
//!
//! tokio's own timer counts whole milliseconds and rounds up, so a deadline
//! fires up to ~2 ms late, and the end of every countdown would show that
//! much late. A Linux `timerfd` set to the deadline on the monotonic clock
//! (the clock [`Instant`] reads) wakes the loop once, within microseconds
//! of it, through the same epoll wait that watches the keys: no second
//! sleep, no thread blocked while a key waits.
//!
//! Shell side, like [`crate::app`]: it reads the clock.

#[cfg(any(target_os = "linux", target_os = "android"))]
pub(crate) use timerfd::Alarm;

#[cfg(not(any(target_os = "linux", target_os = "android")))]
pub(crate) use portable::Alarm;

#[cfg(any(target_os = "linux", target_os = "android"))]
mod timerfd {
    use std::io;
    use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
    use std::time::Instant;

    use tokio::io::Interest;
    use tokio::io::unix::AsyncFd;

    /// A timerfd registered with the tokio reactor.
    pub(crate) struct Alarm {
        fd: AsyncFd<OwnedFd>,
    }

    impl Alarm {
        /// A disarmed alarm. Needs a tokio runtime with IO enabled.
        pub(crate) fn new() -> io::Result<Alarm> {
            // SAFETY: plain syscall; the result is checked before use.
            let raw = unsafe {
                libc::timerfd_create(
                    libc::CLOCK_MONOTONIC,
                    libc::TFD_NONBLOCK | libc::TFD_CLOEXEC,
                )
            };
            if raw < 0 {
                return Err(io::Error::last_os_error());
            }
            // SAFETY: `raw` is a new descriptor that nothing else owns.
            let fd = unsafe { OwnedFd::from_raw_fd(raw) };
            // Read readiness only: a timerfd is never written to.
            // SAFETY: the `OwnedFd` stays open for as long as the `AsyncFd`
            // that owns it.
            let fd = unsafe { AsyncFd::register_with_interest(fd, Interest::READABLE) }?;
            Ok(Alarm { fd })
        }

        /// Arm the alarm for `at` (replacing any earlier setting). A time
        /// already past fires at once.
        pub(crate) fn set(&self, at: Instant) -> io::Result<()> {
            // `Instant` reads CLOCK_MONOTONIC on Linux, so `at` on that
            // clock is the clock's reading plus what is left. What is left
            // is taken first: the clock, read a moment later, can only put
            // the alarm a little late, never early.
            let left = at.saturating_duration_since(Instant::now());
            let mut now = libc::timespec {
                tv_sec: 0,
                tv_nsec: 0,
            };
            // SAFETY: `now` is a valid timespec to write to.
            if unsafe { libc::clock_gettime(libc::CLOCK_MONOTONIC, &mut now) } != 0 {
                return Err(io::Error::last_os_error());
            }
            let mut secs = now.tv_sec + left.as_secs() as libc::time_t;
            let mut nanos = now.tv_nsec + libc::c_long::from(left.subsec_nanos());
            if nanos >= 1_000_000_000 {
                secs += 1;
                nanos -= 1_000_000_000;
            }
            // An all-zero value would disarm the timer instead of firing it.
            if secs == 0 && nanos == 0 {
                nanos = 1;
            }
            let spec = libc::itimerspec {
                it_interval: libc::timespec {
                    tv_sec: 0,
                    tv_nsec: 0,
                },
                it_value: libc::timespec {
                    tv_sec: secs,
                    tv_nsec: nanos,
                },
            };
            // SAFETY: a valid descriptor and a valid itimerspec.
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

        /// Wait until the alarm fires. Cancel-safe: dropping the future early
        /// leaves the alarm armed.
        pub(crate) async fn fired(&self) -> io::Result<()> {
            loop {
                let mut guard = self.fd.readable().await?;
                let expirations = guard.try_io(|fd| {
                    let mut count = [0u8; 8];
                    // SAFETY: reads at most 8 bytes into an 8-byte buffer.
                    let n = unsafe { libc::read(fd.as_raw_fd(), count.as_mut_ptr().cast(), 8) };
                    if n < 0 {
                        Err(io::Error::last_os_error())
                    } else {
                        Ok(n)
                    }
                });
                match expirations {
                    Ok(Ok(_)) => {
                        // One-shot: nothing more to read until it is set
                        // again and fires (a new edge).
                        guard.clear_ready();
                        return Ok(());
                    }
                    Ok(Err(e)) => return Err(e),
                    // Not fired yet (or re-armed since): wait again.
                    Err(_would_block) => continue,
                }
            }
        }
    }
}

/// Elsewhere: tokio's timer until a little before the deadline, then the
/// thread itself sleeps the rest (a key pressed in those last moments
/// waits at most that long). Built and tested on Linux too, so that it
/// keeps compiling where it is used.
#[cfg_attr(any(target_os = "linux", target_os = "android"), allow(dead_code))]
mod portable {
    use std::cell::Cell;
    use std::io;
    use std::time::{Duration, Instant};

    /// How long before a deadline tokio's millisecond timer hands over.
    const EXACT_MARGIN: Duration = Duration::from_millis(2);

    pub(crate) struct Alarm {
        at: Cell<Option<Instant>>,
    }

    impl Alarm {
        pub(crate) fn new() -> io::Result<Alarm> {
            Ok(Alarm {
                at: Cell::new(None),
            })
        }

        pub(crate) fn set(&self, at: Instant) -> io::Result<()> {
            self.at.set(Some(at));
            Ok(())
        }

        pub(crate) async fn fired(&self) -> io::Result<()> {
            let Some(at) = self.at.get() else {
                return std::future::pending().await;
            };
            if let Some(early) = at.checked_sub(EXACT_MARGIN) {
                tokio::time::sleep_until(early.into()).await;
            }
            let left = at.saturating_duration_since(Instant::now());
            if !left.is_zero() {
                std::thread::sleep(left);
            }
            self.at.set(None);
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, Instant};

    fn runtime() -> tokio::runtime::Runtime {
        tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .unwrap()
    }

    /// The same behaviour from each implementation.
    macro_rules! alarm_tests {
        ($name:ident, $alarm:ty) => {
            mod $name {
                use super::*;
                type Alarm = $alarm;

                #[test]
                fn fires_at_the_deadline_not_before() {
                    runtime().block_on(async {
                        let alarm = Alarm::new().unwrap();
                        for wait_ms in [1, 7, 30] {
                            let at = Instant::now() + Duration::from_millis(wait_ms);
                            alarm.set(at).unwrap();
                            alarm.fired().await.unwrap();
                            let now = Instant::now();
                            assert!(now >= at, "fired {:?} early", at - now);
                        }
                    });
                }

                #[test]
                fn a_past_deadline_fires_at_once() {
                    runtime().block_on(async {
                        let alarm = Alarm::new().unwrap();
                        let now = Instant::now();
                        let past = now.checked_sub(Duration::from_secs(1)).unwrap_or(now);
                        alarm.set(past).unwrap();
                        alarm.fired().await.unwrap();
                    });
                }

                #[test]
                fn setting_it_again_replaces_the_earlier_deadline() {
                    runtime().block_on(async {
                        let alarm = Alarm::new().unwrap();
                        alarm
                            .set(Instant::now() + Duration::from_secs(3600))
                            .unwrap();
                        let soon = Instant::now() + Duration::from_millis(2);
                        alarm.set(soon).unwrap();
                        alarm.fired().await.unwrap();
                        assert!(Instant::now() >= soon);
                    });
                }
            }
        };
    }

    #[cfg(any(target_os = "linux", target_os = "android"))]
    alarm_tests!(timerfd, super::super::timerfd::Alarm);
    alarm_tests!(portable, super::super::portable::Alarm);
}

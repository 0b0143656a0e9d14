//! A one-shot alarm for the event loop that fires at an exact [`Instant`].
//!
//! tokio's own timer counts whole milliseconds and rounds up, so a deadline
//! fires up to ~2 ms late, and the end of every countdown would show that
//! much late. A Linux `timerfd` set to the deadline on the monotonic clock
//! (the clock [`Instant`] reads) wakes the loop once, within microseconds
//! of it, through the same epoll wait that watches the keys: no second
//! sleep, no thread blocked while a key waits. The timerfd's system calls
//! live in [`crate::sys`]; this module turns an [`Instant`] into a time
//! on that clock. Other systems use tokio's timer (see `portable`).
//!
//! Shell side, like [`crate::app`]: it reads the clock.

#[cfg(any(target_os = "linux", target_os = "android"))]
pub(crate) use timerfd::Alarm;

#[cfg(not(any(target_os = "linux", target_os = "android")))]
pub(crate) use portable::Alarm;

#[cfg(any(target_os = "linux", target_os = "android"))]
mod timerfd {
    use std::io;
    use std::time::Instant;

    use crate::sys::{self, Timer};

    /// A timerfd registered with the tokio reactor (see [`sys::Timer`]).
    pub(crate) struct Alarm {
        timer: Timer,
    }

    impl Alarm {
        /// A disarmed alarm. Needs a tokio runtime with IO enabled.
        pub(crate) fn new() -> io::Result<Alarm> {
            Ok(Alarm {
                timer: Timer::new()?,
            })
        }

        /// Arm the alarm for `at` (replacing any earlier setting). A time
        /// already past fires at once.
        pub(crate) fn set(&self, at: Instant) -> io::Result<()> {
            // `Instant` reads CLOCK_MONOTONIC on Linux, so `at` on that
            // clock is the clock's reading plus what is left. What is left
            // is taken first: the clock, read a moment later, can only put
            // the alarm a little late, never early.
            let left = at.saturating_duration_since(Instant::now());
            let now = sys::monotonic_now()?;
            self.timer.set_at(now.saturating_add(left))
        }

        /// Wait until the alarm fires. Cancel-safe: dropping the future early
        /// leaves the alarm armed.
        pub(crate) async fn fired(&self) -> io::Result<()> {
            self.timer.expired().await
        }
    }
}

/// Elsewhere: tokio's timer, asleep until the deadline. It counts whole
/// milliseconds and rounds a deadline up to the next one, so the alarm
/// fires about 1 ms late (measured on Linux: median 1.2 ms, 90% within
/// 2 ms), never early; nothing blocks the runtime meanwhile, so a key
/// pressed just before a deadline is handled at once. Built and tested on Linux too, so that it keeps
/// compiling where it is used.
#[cfg_attr(any(target_os = "linux", target_os = "android"), allow(dead_code))]
mod portable {
    use std::cell::Cell;
    use std::io;
    use std::time::Instant;

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

        /// Wait until the alarm fires. Cancel-safe: the deadline is
        /// forgotten only once it has passed.
        pub(crate) async fn fired(&self) -> io::Result<()> {
            let Some(at) = self.at.get() else {
                return std::future::pending().await;
            };
            tokio::time::sleep_until(at.into()).await;
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

//! Terminal events, read on the event loop's own thread.
//!
//! crossterm's `EventStream` keeps a reader thread of its own that waits on
//! the terminal and then wakes the loop: every key press took two thread
//! wake-ups before anything could be drawn, and on a busy machine the
//! second thread has to be scheduled first. Here the loop's reactor (tokio)
//! watches the terminal itself, and crossterm's parser is asked, without
//! waiting, for what has arrived. crossterm reads the same terminal
//! (standard input when it is one, else `/dev/tty`), so a readable terminal
//! means crossterm has something to parse. A change of window size comes
//! as SIGWINCH, which crossterm turns into a resize event.

use std::io;
use std::time::Duration;

use crossterm::event::{self, Event};
use tokio::signal::unix::{Signal, SignalKind, signal};

use crate::sys::TtyWatch;

/// How long crossterm may wait once the terminal is readable or the window
/// has changed size: what it reads is there, so it does not wait (it could
/// only for a terminal that hung up, once).
const READ_NOW: Duration = Duration::from_millis(1);

/// The terminal's events, one at a time (a stand-in for crossterm's
/// `EventStream` without its thread).
pub struct TermEvents {
    tty: TtyWatch,
    winch: Signal,
}

impl TermEvents {
    /// Watch the terminal; must be called inside the tokio runtime.
    pub fn new() -> io::Result<TermEvents> {
        Ok(TermEvents {
            tty: TtyWatch::new()?,
            winch: signal(SignalKind::window_change())?,
        })
    }

    /// The next event; `None` once the terminal has hung up and nothing
    /// more can come. Cancel-safe: an event is only taken from crossterm
    /// when it is returned.
    pub async fn next(&mut self) -> Option<io::Result<Event>> {
        loop {
            // What crossterm has already read and parsed (no system call).
            match event::poll(Duration::ZERO) {
                Ok(true) => return Some(event::read()),
                Ok(false) => {}
                Err(e) => return Some(Err(e)),
            }
            tokio::select! {
                biased;
                ready = self.tty.readable() => {
                    let mut guard = match ready {
                        Ok(guard) => guard,
                        Err(e) => return Some(Err(e)),
                    };
                    // Something arrived (or the terminal hung up): crossterm
                    // reads it now. (With a zero timeout it would only look
                    // at what it has already read; the terminal is
                    // readable, so this returns at once.) Only when it has
                    // nothing is the readiness cleared; anything newer sets
                    // it again.
                    match event::poll(READ_NOW) {
                        Ok(true) => return Some(event::read()),
                        Ok(false) if guard.ready().is_read_closed() => return None,
                        Ok(false) => guard.clear_ready(),
                        Err(e) => return Some(Err(e)),
                    }
                }
                // crossterm's own SIGWINCH handler has run too: it reads
                // its signal pipe and the window's new size now.
                _ = self.winch.recv() => match event::poll(READ_NOW) {
                    Ok(true) => return Some(event::read()),
                    Ok(false) => {}
                    Err(e) => return Some(Err(e)),
                },
            }
        }
    }
}

//! The one owner of the terminal, for the session and the history browser
//! alike: [`Screen`] takes it (full screen, or raw mode only for
//! `--plain`), follows resizes, gives it back for Ctrl-Z and takes it
//! again on `fg`, and gives it back when dropped; [`restore`] is what every
//! exit path runs (normal end, error, panic, SIGTERM, SIGHUP), once or
//! more. [`Signals`] are the outside events both loops answer the same way.
//!
//! The full screen is set up by ratatui's own `try_init_with_options`
//! (raw mode and ratatui's panic hook) with a fixed viewport; on top of it
//! come the alternate screen, a hidden cursor and mouse reports, and a
//! panic hook of ours that runs first: it also turns mouse reports off
//! and, on a terminal that is gone, points the output at /dev/null so the
//! hooks after it cannot fail while writing (see [`restore`]).

use std::io::{self, IsTerminal, Stdout};
use std::sync::Once;
use std::sync::atomic::{AtomicBool, Ordering};

use crossterm::{cursor, event, execute, terminal};
use ratatui::backend::CrosstermBackend;
use ratatui::layout::Rect;
use ratatui::{Terminal, TerminalOptions, Viewport};
use tokio::signal::unix::{Signal as Stream, SignalKind, signal};

use crate::sys;
use crate::vocab::words;

/// The terminal the app (and the history browser) draws on.
pub type Term = Terminal<CrosstermBackend<Stdout>>;

/// How the terminal is used.
pub enum Screen {
    /// Full screen (alternate screen, raw mode).
    Tui(Box<Term>),
    /// Lines on stdout (raw mode for single keys, no alternate screen).
    /// `crlf`: stdout is the terminal, whose raw mode needs a carriage
    /// return before each line feed; a file or a pipe gets plain lines.
    Plain { crlf: bool },
}

/// A fixed viewport the size of the terminal: ratatui would otherwise ask
/// the terminal for its size before every frame (with crossterm's
/// `use-dev-tty`, an open, an ioctl and a close of /dev/tty on the path
/// from key to screen). The size changes only with a resize event, which
/// calls [`Screen::fit`].
fn fixed_viewport() -> io::Result<TerminalOptions> {
    let (width, height) = terminal::size()?;
    Ok(TerminalOptions {
        viewport: Viewport::Fixed(Rect::new(0, 0, width, height)),
    })
}

/// Whether the full screen is taken (alternate screen, hidden cursor,
/// mouse reports): only then does [`restore`] write the codes that give
/// them back, so `--plain` output, a file or a pipe among them, holds no
/// terminal codes at all.
static FULL_SCREEN: AtomicBool = AtomicBool::new(false);

/// The alternate screen, no cursor, mouse reports (for clicks on hints
/// and the wheel in the history).
fn take_screen() -> io::Result<()> {
    FULL_SCREEN.store(true, Ordering::SeqCst);
    execute!(
        io::stdout(),
        terminal::EnterAlternateScreen,
        cursor::Hide,
        event::EnableMouseCapture
    )
}

impl Screen {
    /// Take the terminal: full screen, or raw mode only (`plain`). If
    /// taking it fails half-way, it is given back before the error
    /// returns.
    pub fn enter(plain: bool) -> io::Result<Screen> {
        let entered = if plain {
            install_panic_hook();
            let crlf = io::stdout().is_terminal();
            terminal::enable_raw_mode().map(|()| Screen::Plain { crlf })
        } else {
            fixed_viewport()
                .and_then(ratatui::try_init_with_options)
                .and_then(|term| {
                    install_panic_hook();
                    take_screen().map(|()| Screen::Tui(Box::new(term)))
                })
        };
        entered.inspect_err(|_| restore())
    }

    /// The full-screen terminal, if this is one.
    pub fn term(&mut self) -> Option<&mut Term> {
        match self {
            Screen::Tui(term) => Some(term),
            Screen::Plain { .. } => None,
        }
    }

    /// Follow a resize of the terminal to `width` x `height` (the next
    /// frame repaints everything).
    pub fn fit(&mut self, width: u16, height: u16) -> io::Result<()> {
        match self {
            Screen::Tui(term) => term.resize(Rect::new(0, 0, width, height)),
            Screen::Plain { .. } => Ok(()),
        }
    }

    /// Take the terminal again after a suspend or an outside stop.
    pub fn reenter(&mut self) -> io::Result<()> {
        terminal::enable_raw_mode()?;
        match self {
            Screen::Tui(term) => {
                take_screen()?;
                // A fresh `Terminal` has empty buffers, so the next draw
                // repaints every cell. (`Terminal::clear` would query the
                // cursor position, which times out while the event stream
                // owns the input.)
                **term =
                    Terminal::with_options(CrosstermBackend::new(io::stdout()), fixed_viewport()?)?;
                execute!(io::stdout(), terminal::Clear(terminal::ClearType::All))
            }
            Screen::Plain { .. } => Ok(()),
        }
    }

    /// Ctrl-Z: give the terminal back, stop the process until `fg`, then
    /// take the terminal again.
    pub fn suspend(&mut self) -> io::Result<()> {
        restore();
        // Said on the plain terminal, where the shell's prompt follows.
        eprintln!("unknot is paused. Type fg to come back to it.");
        sys::stop_self()?;
        self.reenter()
    }
}

/// The terminal is given back before ratatui's `Terminal` is dropped: its
/// drop shows the cursor and, if that fails, reports it with `eprintln!`
/// (see [`restore`]).
impl Drop for Screen {
    fn drop(&mut self) {
        restore();
    }
}

/// Give the terminal back as it was. Safe to call more than once.
///
/// When the terminal is gone (its window closed: writing to it fails),
/// standard output and error are pointed at /dev/null instead, so that
/// what is written afterwards (ratatui's own cleanup, a last message, a
/// panic report) cannot fail. Rust's `eprintln!` panics when it cannot
/// write, and ratatui reports a failed cursor restore with it: on a
/// closed terminal that turned a clean exit into an abort before the
/// session's end was recorded.
pub fn restore() {
    let written = if FULL_SCREEN.swap(false, Ordering::SeqCst) {
        execute!(
            io::stdout(),
            event::DisableMouseCapture,
            terminal::LeaveAlternateScreen,
            cursor::Show
        )
    } else {
        Ok(())
    };
    let _ = terminal::disable_raw_mode();
    if written.is_err() {
        sys::discard_output();
    }
}

/// Restore the terminal before a panic message is printed, ahead of any
/// hook installed before (ratatui's among them). Installed once.
fn install_panic_hook() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            restore();
            previous(info);
        }));
    });
}

/// A signal from outside that ends or resumes a loop.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outside {
    /// SIGTERM: end now (exit code 143).
    Terminate,
    /// SIGHUP: the terminal hung up (exit code 129).
    HangUp,
    /// SIGCONT: stopped and continued from outside; take the terminal again.
    Continue,
}

words! {
    /// Every signal listened to.
    impl Outside {
        const ALL;
        /// The code the history records when this signal ended a session
        /// (the interruption's reason).
        fn code;
        /// The signal a recorded code names.
        fn from_code;
        Terminate = "sigterm",
        HangUp = "sighup",
        Continue = "sigcont",
    }
}

impl Outside {
    /// The signal's number, for the exit code (128 + it).
    pub fn number(self) -> i32 {
        match self {
            Outside::Terminate => sys::SIGTERM,
            Outside::HangUp => sys::SIGHUP,
            Outside::Continue => sys::SIGCONT,
        }
    }
}

/// How long a failed terminal waits for the SIGHUP that usually follows.
pub const HANG_UP_GRACE: std::time::Duration = std::time::Duration::from_millis(200);

/// The signals both loops listen to.
pub struct Signals {
    term: Stream,
    hup: Stream,
    cont: Stream,
}

impl Signals {
    /// Start listening (inside a tokio runtime).
    pub fn new() -> io::Result<Signals> {
        Ok(Signals {
            term: signal(SignalKind::terminate())?,
            hup: signal(SignalKind::hangup())?,
            cont: signal(SignalKind::from_raw(sys::SIGCONT))?,
        })
    }

    /// The terminal failed or closed: when its window closes, the kernel
    /// also sends SIGHUP, which may be a moment behind the failed read.
    /// Wait that moment (at most [`HANG_UP_GRACE`]) so the end is told as
    /// the hang-up it is; `None` if no signal came.
    pub async fn after_terminal_failed(&mut self) -> Option<Outside> {
        let ending = async {
            loop {
                match self.recv().await {
                    Outside::Continue => continue,
                    ending => return ending,
                }
            }
        };
        tokio::time::timeout(HANG_UP_GRACE, ending).await.ok()
    }

    /// The next signal to arrive. A hang-up brings SIGHUP and SIGCONT
    /// together: the ending signals are looked at first, so the end is not
    /// mistaken for a return to the foreground.
    pub async fn recv(&mut self) -> Outside {
        tokio::select! {
            biased;
            _ = self.term.recv() => Outside::Terminate,
            _ = self.hup.recv() => Outside::HangUp,
            _ = self.cont.recv() => Outside::Continue,
        }
    }
}

/// A test's way to prove that a panic gives the terminal back (debug
/// builds only): with `UNKNOT_TEST_PANIC_KEY` set to a character, that key
/// panics wherever it is pressed.
pub fn panic_if_asked(key: &event::KeyEvent) {
    #[cfg(debug_assertions)]
    if let (Some(want), event::KeyCode::Char(c)) =
        (std::env::var_os("UNKNOT_TEST_PANIC_KEY"), key.code)
        && want.to_str().and_then(|w| w.chars().next()) == Some(c)
    {
        panic!("the test asked for a panic (key {c:?})");
    }
    #[cfg(not(debug_assertions))]
    let _ = key;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signal_codes_round_trip() {
        crate::vocab::check_words(&Outside::ALL, Outside::code, Outside::from_code);
    }
}

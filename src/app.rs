//! The event loop: the only code that touches the terminal, the clock and
//! signals. It waits on `tokio::select!` for a key, the session's next
//! deadline, or a signal; hands the session commands and times; performs
//! the effects it returns; and redraws only when the view changed.

use std::io::{self, Stdout, Write};
use std::time::Instant;

use crossterm::event::{Event as TermEvent, EventStream};
use crossterm::{execute, terminal};
use futures_util::StreamExt;
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use tokio::signal::unix::{SignalKind, signal};

use crate::audio::CuePlayer;
use crate::keymap::{self, Action};
use crate::routine::{Routine, Side};
use crate::session::{Command, Effect, Outcome, Session};
use crate::ui::{self, Status, Theme};

type Term = Terminal<CrosstermBackend<Stdout>>;

/// How the program should end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Ending {
    /// The session ended and the person left its screen (or quit).
    Session(Option<Outcome>),
    /// A signal (SIGTERM, SIGHUP) ended the program; the number.
    Signal(i32),
}

/// What a session needs from the command line and config.
pub struct Options {
    pub routine: Routine,
    pub side: Option<Side>,
    pub theme: Theme,
    /// Ring the terminal bell for key cues when there is no sound.
    pub bell: bool,
}

/// Put the terminal into raw mode on the alternate screen.
fn enter_terminal() -> io::Result<Term> {
    terminal::enable_raw_mode()?;
    execute!(
        io::stdout(),
        terminal::EnterAlternateScreen,
        crossterm::cursor::Hide
    )?;
    Terminal::new(CrosstermBackend::new(io::stdout()))
}

/// Give the terminal back as it was. Safe to call more than once.
pub fn restore_terminal() {
    let _ = execute!(
        io::stdout(),
        terminal::LeaveAlternateScreen,
        crossterm::cursor::Show
    );
    let _ = terminal::disable_raw_mode();
}

/// Restore the terminal before a panic message is printed.
fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore_terminal();
        previous(info);
    }));
}

/// Run a session to its end in the current terminal.
pub fn run(opts: Options, player: Box<dyn CuePlayer>) -> io::Result<Ending> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    install_panic_hook();
    let mut term = enter_terminal()?;
    let result = rt.block_on(event_loop(&mut term, opts, player));
    restore_terminal();
    result
}

async fn event_loop(
    term: &mut Term,
    opts: Options,
    mut player: Box<dyn CuePlayer>,
) -> io::Result<Ending> {
    let mut events = EventStream::new();
    let mut sigterm = signal(SignalKind::terminate())?;
    let mut sighup = signal(SignalKind::hangup())?;
    let mut sigcont = signal(SignalKind::from_raw(libc::SIGCONT))?;

    let (mut session, fx) = Session::start(opts.routine, opts.side, Instant::now());
    let mut outcome = None;
    let mut exit = false;
    perform(fx, &mut *player, opts.bell, &mut outcome, &mut exit);

    let mut status = Status {
        sound: player.state(),
        theme: opts.theme,
    };
    let mut last_view = None;
    let mut force = true;
    loop {
        let now = Instant::now();
        let view = session.view(now);
        status.sound = player.state();
        if force || last_view.as_ref() != Some(&(view.clone(), status.clone())) {
            term.draw(|f| ui::render(f, &view, &status))?;
            last_view = Some((view, status.clone()));
            force = false;
        }
        if exit {
            return Ok(Ending::Session(outcome));
        }
        let deadline = session.next_deadline();
        let sleep = async {
            match deadline {
                Some(at) => tokio::time::sleep_until(at.into()).await,
                None => std::future::pending().await,
            }
        };
        tokio::select! {
            biased;
            ev = events.next() => {
                let fx = match ev {
                    Some(Ok(TermEvent::Key(key))) => {
                        match keymap::action(key, session.stage(), session.overlay()) {
                            Some(Action::Session(cmd)) => session.update(cmd, Instant::now()),
                            Some(Action::Interrupt) => session.update(Command::Quit, Instant::now()),
                            Some(Action::Suspend) => {
                                let fx = session.update(Command::Pause, Instant::now());
                                suspend(term)?;
                                force = true;
                                fx
                            }
                            None => Vec::new(),
                        }
                    }
                    Some(Ok(TermEvent::Resize(..))) => {
                        term.autoresize()?;
                        force = true;
                        Vec::new()
                    }
                    Some(Ok(_)) => Vec::new(),
                    Some(Err(e)) => return Err(e),
                    None => return Ok(Ending::Session(outcome)),
                };
                perform(fx, &mut *player, opts.bell, &mut outcome, &mut exit);
            }
            _ = sleep => {
                let fx = session.tick(Instant::now());
                perform(fx, &mut *player, opts.bell, &mut outcome, &mut exit);
            }
            _ = sigterm.recv() => return Ok(Ending::Signal(libc::SIGTERM)),
            _ = sighup.recv() => return Ok(Ending::Signal(libc::SIGHUP)),
            _ = sigcont.recv() => {
                // Stopped and continued from outside: take the terminal again.
                reenter(term)?;
                force = true;
            }
        }
    }
}

/// Carry out what the session asked for.
fn perform(
    fx: Vec<Effect>,
    player: &mut dyn CuePlayer,
    bell: bool,
    outcome: &mut Option<Outcome>,
    exit: &mut bool,
) {
    for e in fx {
        match e {
            Effect::Cue(cue) => {
                if bell && cue.bell_worthy() && player.state() != ui::Sound::On {
                    let mut out = io::stdout();
                    let _ = out.write_all(b"\x07");
                    let _ = out.flush();
                }
                player.play(cue);
            }
            Effect::Say(text) => player.say(&text),
            Effect::Record(_) => {}
            Effect::Finished(o) => *outcome = Some(o),
            Effect::Exit => *exit = true,
        }
    }
}

/// Ctrl-Z: give the terminal back, stop the process, take it again on `fg`.
fn suspend(term: &mut Term) -> io::Result<()> {
    restore_terminal();
    // SAFETY: raising a signal on our own process has no memory effects;
    // SIGTSTP's default action stops us until SIGCONT.
    unsafe {
        libc::raise(libc::SIGTSTP);
    }
    reenter(term)
}

fn reenter(term: &mut Term) -> io::Result<()> {
    // A fresh `Terminal` has empty buffers, so the next draw repaints every
    // cell. (`Terminal::clear` would query the cursor position, which
    // times out while the event stream owns the input.)
    *term = enter_terminal()?;
    execute!(io::stdout(), terminal::Clear(terminal::ClearType::All))
}

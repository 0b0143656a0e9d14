//! The event loop: the only code that touches the terminal, the clock and
//! signals. It waits on `tokio::select!` for a key, the flow's next
//! deadline, or a signal; hands the [`Flow`] (safety intake → session →
//! end, with the stop from anywhere) inputs and times; performs the
//! effects it returns; and redraws only when the screen changed (or, in
//! `--plain` mode, prints one line per event).
//!
//! [`Flow`]: crate::flow::Flow
//!
//! While a session runs, media controls (earbuds, media keys, desktop
//! widgets) are one more source of inputs, waited on beside the keys
//! (`media`, [`crate::remote`]).
//!
//! Recording (`Effect::Record`, the end of the session, an ending signal)
//! goes through a [`Recorder`]: a channel send that returns at once, while
//! a writer thread commits to the history database.

mod alarm;
pub mod browse;
mod media;
pub mod notice;
pub mod terminal;

use std::io::{self, Write};
use std::path::PathBuf;
use std::time::Instant;

use crossterm::event::{Event as TermEvent, EventStream};
use futures_util::StreamExt;

use crate::audio::CuePlayer;
use crate::cue::audible;
use crate::flow::{self, Flow};
use crate::history::{Recent, Recorder};
use crate::keymap;
use crate::remote::{self, Command};
use crate::routine::{Routine, Side};
use crate::session::Guidance;
use crate::ui::{self, Status, Theme};
use crate::vocab::{Context, Effect, Input, Outcome};
use alarm::Alarm;
use media::Media;
use terminal::{Outside, Screen, Signals};

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
    /// The massage-free routine offered when the pain is recent, if found.
    pub relief: Option<Routine>,
    /// Show the first-run safety notice.
    pub notice: bool,
    /// Where to remember that the notice was read (none: not remembered).
    pub data_dir: Option<PathBuf>,
    pub side: Option<Side>,
    pub theme: Theme,
    /// One line per event instead of the full-screen view.
    pub plain: bool,
    /// Where the session is recorded (`None`: running without history).
    pub history: Option<Recorder>,
    /// The trend of the sessions before this one, for the end screen.
    pub trend: Option<Recent>,
    /// How much of each step is spoken at its preparation.
    pub guidance: Guidance,
    /// Offer the session to media controls (earbuds, media keys, widgets).
    pub media_controls: bool,
}

/// Print lines in raw mode (which needs explicit carriage returns).
fn print_lines(lines: &[String]) -> io::Result<()> {
    if lines.is_empty() {
        return Ok(());
    }
    let mut out = io::stdout().lock();
    for line in lines {
        out.write_all(line.as_bytes())?;
        out.write_all(b"\r\n")?;
    }
    out.flush()
}

/// The running program: the flow, its sound, and how it is shown.
struct App {
    flow: Flow,
    /// Where the first-run notice's marker goes.
    data_dir: Option<PathBuf>,
    player: Box<dyn CuePlayer>,
    screen: Screen,
    status: Status,
    /// What was last drawn (TUI) or last described (plain).
    last_view: Option<flow::Screen>,
    last_status: Option<Status>,
    /// Repaint everything on the next frame (resize, resume).
    force: bool,
    outcome: Option<Outcome>,
    exit: bool,
    /// Where events are recorded.
    history: Option<Recorder>,
    /// Offer the session to media controls.
    media_controls: bool,
}

impl App {
    /// Carry out what the flow asked for and show the result: sound (and
    /// the notice's marker) first, then the screen, then the records. The
    /// history writer's work (on its own thread) thus starts only once the
    /// frame is out, instead of competing with it for the CPU on the way
    /// from key to screen; records are kept even if the screen cannot be
    /// written.
    fn perform(&mut self, fx: Vec<Effect>) -> io::Result<()> {
        let muted = self.flow.session().is_some_and(|s| s.is_muted());
        // A muted session also silences what is sounding.
        self.player.set_muted(muted);
        for e in &fx {
            match e {
                Effect::Cue(cue) if audible(*cue, muted) => self.player.play(*cue),
                Effect::Say(text) if !muted => self.player.say(text),
                Effect::Finished(o) => self.outcome = Some(*o),
                Effect::Exit => self.exit = true,
                // Once the next screen shows, the notice counts as read.
                // Not being able to remember it only means it shows again.
                // The file is written off the loop, which never waits on
                // the disk.
                Effect::NoticeSeen => {
                    if let Some(dir) = self.data_dir.clone() {
                        tokio::task::spawn_blocking(move || notice::mark(&dir));
                    }
                }
                _ => {}
            }
        }
        let shown = self.show(&fx);
        for e in &fx {
            match e {
                Effect::Record(event) => {
                    if let Some(rec) = &self.history {
                        rec.record(event);
                    }
                }
                Effect::Finished(o) => {
                    if let Some(rec) = &self.history {
                        rec.finish(*o);
                    }
                }
                _ => {}
            }
        }
        shown
    }

    /// Redraw if anything visible changed (TUI), or print the events (plain).
    fn show(&mut self, fx: &[Effect]) -> io::Result<()> {
        let view = self.flow.view(Instant::now());
        self.status.sound = self.player.state();
        match &mut self.screen {
            Screen::Tui(term) => {
                let changed = self.last_view.as_ref() != Some(&view)
                    || self.last_status.as_ref() != Some(&self.status);
                if self.force || changed {
                    term.draw(|f| ui::render_screen(f, &view, &self.status))?;
                    self.force = false;
                }
            }
            Screen::Plain => {
                let mut lines = ui::plain::screen_lines(self.last_view.as_ref(), &view, fx);
                if self.last_status.as_ref().map(|s| s.sound) != Some(self.status.sound) {
                    lines.push(format!("[{}]", ui::sound_mark(self.status.sound, false)));
                }
                print_lines(&lines)?;
            }
        }
        self.last_view = Some(view);
        self.last_status = Some(self.status.clone());
        Ok(())
    }

    fn key(&mut self, key: crossterm::event::KeyEvent) -> io::Result<()> {
        let now = Instant::now();
        let (context, confirming) = self.flow.keys();
        match keymap::decode(key, context, confirming) {
            Some(Input::Suspend) => {
                // Only a session has a clock to pause.
                if context != Context::Question {
                    let fx = self.flow.update(Input::Pause, now);
                    self.perform(fx)?;
                }
                self.screen.suspend()?;
                self.force = true;
                self.show(&[])
            }
            Some(input) => {
                let fx = self.flow.update(input, now);
                self.perform(fx)
            }
            None => Ok(()),
        }
    }
}

impl App {
    /// The program is ending before the session did: record why.
    fn interrupted(&self, why: &str) {
        if let (Some(rec), None) = (&self.history, self.outcome) {
            rec.interrupted(why);
        }
    }

    /// A left click on a key hint works like the key.
    fn click(&mut self, m: crossterm::event::MouseEvent) -> io::Result<()> {
        use crossterm::event::{MouseButton, MouseEventKind};
        let Some(term) = self.screen.term() else {
            return Ok(());
        };
        if m.kind != MouseEventKind::Down(MouseButton::Left) {
            return Ok(());
        }
        let size = term.size()?;
        // Hints are clickable during the session; the questions around it
        // are answered with keys.
        let Some(flow::Screen::Session(view)) = &self.last_view else {
            return Ok(());
        };
        match ui::hints::at(view, size.width, size.height, m.column, m.row) {
            Some(input) => {
                let fx = self.flow.update(input, Instant::now());
                self.perform(fx)
            }
            None => Ok(()),
        }
    }
}

impl App {
    /// A media control's command: the input it means now, then what is
    /// said after it (how to go on after a pause).
    fn remote(&mut self, cmd: Command) -> io::Result<()> {
        let now = Instant::now();
        let flow::Screen::Session(before) = self.flow.view(now) else {
            return Ok(());
        };
        let mut fx = match remote::input(cmd, &before) {
            Some(input) => self.flow.update(input, now),
            None => Vec::new(),
        };
        if let flow::Screen::Session(after) = self.flow.view(now)
            && let Some(words) = remote::prompt(cmd, &before, &after)
        {
            fx.push(Effect::Say(words.to_string()));
        }
        self.perform(fx)
    }
}

/// Run a session to its end in the current terminal.
pub fn run(opts: Options, player: Box<dyn CuePlayer>) -> io::Result<Ending> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?;
    // The screen gives the terminal back when it is dropped, at the end of
    // the loop (and by itself when taking it fails half-way).
    let screen = Screen::enter(opts.plain)?;
    rt.block_on(event_loop(screen, opts, player))
}

async fn event_loop(
    screen: Screen,
    opts: Options,
    player: Box<dyn CuePlayer>,
) -> io::Result<Ending> {
    let flow =
        Flow::new(opts.routine, opts.relief, opts.side, opts.notice).with_guidance(opts.guidance);
    let mut app = App {
        flow,
        data_dir: opts.data_dir,
        status: Status {
            sound: player.state(),
            theme: opts.theme,
            trend: opts.trend,
        },
        player,
        screen,
        last_view: None,
        last_status: None,
        force: true,
        outcome: None,
        exit: false,
        history: opts.history,
        media_controls: opts.media_controls,
    };
    let result = run_app(&mut app).await;
    if let Err(e) = &result {
        // Whatever failed (most often: the terminal is gone, its window
        // closed), the history says how the session ended.
        app.interrupted(if e.raw_os_error() == Some(crate::sys::EIO) {
            "terminal-closed"
        } else {
            "terminal-error"
        });
    }
    result
}

/// Run the app until it ends: keys, deadlines and signals, in turn.
async fn run_app(app: &mut App) -> io::Result<Ending> {
    let mut events = EventStream::new();
    let mut signals = Signals::new()?;
    app.show(&[])?;
    let alarm = Alarm::new()?;
    let mut media = Media::new(app.media_controls);
    loop {
        if app.exit {
            return Ok(Ending::Session(app.outcome));
        }
        // After the frame is out: the bus hears of the session's changes
        // (and the player registers when the session first shows).
        media.follow(app.last_view.as_ref(), Instant::now());
        let deadline = app.flow.next_deadline();
        if let Some(at) = deadline {
            // Set afresh each turn (one syscall): a deadline already past,
            // e.g. one a key press got to first, fires at once.
            alarm.set(at)?;
        }
        let due = async {
            match deadline {
                Some(_) => alarm.fired().await,
                None => std::future::pending().await,
            }
        };
        tokio::select! {
            biased;
            ev = events.next() => match ev {
                Some(Ok(TermEvent::Key(key))) => {
                    terminal::panic_if_asked(&key);
                    app.key(key)?
                }
                Some(Ok(TermEvent::Mouse(m))) => app.click(m)?,
                Some(Ok(TermEvent::Resize(width, height))) => {
                    app.screen.fit(width, height)?;
                    app.force = true;
                    app.show(&[])?;
                }
                Some(Ok(_)) => {}
                failed => match signals.after_terminal_failed().await {
                    Some(sig) => {
                        app.interrupted(sig.word());
                        return Ok(Ending::Signal(sig.number()));
                    }
                    _ => match failed {
                        Some(Err(e)) => return Err(e),
                        _ => {
                            app.interrupted("terminal-closed");
                            return Ok(Ending::Session(app.outcome));
                        }
                    },
                },
            },
            fired = due => {
                fired?;
                let fx = app.flow.tick(Instant::now());
                app.perform(fx)?;
            }
            cmd = media.next() => app.remote(cmd)?,
            sig = signals.recv() => match sig {
                Outside::Continue => {
                    // Stopped and continued from outside: take the
                    // terminal again.
                    app.screen.reenter()?;
                    app.force = true;
                    app.show(&[])?;
                }
                ending => {
                    app.interrupted(ending.word());
                    return Ok(Ending::Signal(ending.number()));
                }
            },
        }
    }
}

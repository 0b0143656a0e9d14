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
//!
//! What the history says about each technique ([`Tolerance`]) is read on
//! a thread of its own, started once the first frame is out, and handed to
//! the flow before the first key that could begin the session is acted on
//! (a bounded wait, in practice over long before the person answers the
//! screening).

mod alarm;
pub mod browse;
mod media;
pub mod notice;
pub mod terminal;

use std::io::{self, Write};
use std::path::PathBuf;
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::time::{Duration, Instant};

use crossterm::event::{Event as TermEvent, EventStream};
use futures_util::StreamExt;

use crate::audio::CuePlayer;
use crate::cue::audible;
use crate::flow::{self, Closing, Flow, Setup};
use crate::history::{Recent, Recorder};
use crate::keymap;
use crate::remote::{self, Command};
use crate::routine::{Routine, Side};
use crate::safety::OnRecord;
use crate::session::Guidance;
use crate::tolerance::Tolerance;
use crate::ui::{self, Status, Theme};
use crate::vocab::{Effect, Input, Outcome};
use alarm::Alarm;
use media::Media;
use terminal::{Outside, Screen, Signals};

/// How the program should end.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ending {
    /// The run ended and the person left its last screen (or quit):
    /// how, if it got that far.
    Session(Option<Closing>),
    /// A signal (SIGTERM, SIGHUP) ended the program; the number.
    Signal(i32),
}

/// Reads what the history says about each technique (off the event loop).
pub type ToleranceLoader = Box<dyn FnOnce() -> Option<Tolerance> + Send>;

/// How long a key waits, at most, for the history's word on each
/// technique before the session goes on without it (the history's own busy
/// timeout, and some).
const TOLERANCE_WAIT: Duration = Duration::from_secs(3);

/// What a session needs from the command line and config.
pub struct Options {
    pub routine: Routine,
    /// The massage-free routine offered when the pain is recent, if found.
    pub relief: Option<Routine>,
    /// The gentle routine run under a doctor's OK, if found.
    pub gentle: Option<Routine>,
    /// What the history holds about the person (nothing, without history).
    pub record: OnRecord,
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
    /// Reads the per-technique record for the warnings (`None`: no history).
    pub tolerance: Option<ToleranceLoader>,
    /// How much of each step is spoken at its preparation.
    pub guidance: Guidance,
    /// Offer the session to media controls (earbuds, media keys, widgets).
    pub media_controls: bool,
}

/// Print `--plain` lines: on the terminal in raw mode with explicit
/// carriage returns (`crlf`), to a file or a pipe as plain lines.
fn print_lines(lines: &[String], crlf: bool) -> io::Result<()> {
    if lines.is_empty() {
        return Ok(());
    }
    let end: &[u8] = if crlf { b"\r\n" } else { b"\n" };
    let mut out = io::stdout().lock();
    for line in lines {
        out.write_all(line.as_bytes())?;
        out.write_all(end)?;
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
    /// The per-technique record, while it is being read.
    tolerance: Option<Receiver<Option<Tolerance>>>,
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
            Screen::Plain { crlf } => {
                let mut lines = ui::plain::screen_lines(self.last_view.as_ref(), &view, fx);
                if self.last_status.as_ref().map(|s| s.sound) != Some(self.status.sound) {
                    lines.push(format!("[{}]", ui::sound_mark(self.status.sound, false)));
                }
                print_lines(&lines, *crlf)?;
            }
        }
        self.last_view = Some(view);
        self.last_status = Some(self.status.clone());
        Ok(())
    }

    /// Hand the flow the per-technique record once it has been read. With
    /// `wait`, wait for it (boundedly) if it is still being read.
    fn take_tolerance(&mut self, wait: bool) {
        let Some(rx) = &self.tolerance else {
            return;
        };
        let got = if wait {
            // Timed out or gone: the session goes on without it.
            rx.recv_timeout(TOLERANCE_WAIT).unwrap_or_default()
        } else {
            match rx.try_recv() {
                Ok(t) => t,
                Err(TryRecvError::Empty) => return,
                Err(TryRecvError::Disconnected) => None,
            }
        };
        self.tolerance = None;
        if let Some(t) = got {
            self.flow.set_tolerance(t);
        }
    }

    /// Before an input reaches the flow: the stop never waits; anything
    /// else on the questions before the session (which may begin it) waits
    /// for the per-technique record if it is still being read.
    fn before_input(&mut self, input: Input) {
        let begins = self.flow.session().is_none() && !self.flow.is_stopped();
        let wait = begins && !matches!(input, Input::Stop | Input::Report);
        self.take_tolerance(wait);
    }

    /// In `--plain` mode, print lines that no effect would: a key is
    /// always answered in a log, never met with silence.
    fn say(&self, lines: &[String]) -> io::Result<()> {
        match self.screen {
            Screen::Plain { crlf } => print_lines(lines, crlf),
            Screen::Tui(_) => Ok(()),
        }
    }

    fn key(&mut self, key: crossterm::event::KeyEvent) -> io::Result<()> {
        if key.kind == crossterm::event::KeyEventKind::Release {
            return Ok(());
        }
        let input = keymap::decode(key, self.flow.keys());
        if !matches!(self.screen, Screen::Plain { .. }) {
            return self.act(input).map(drop);
        }
        // In plain mode every key is answered in the log: its answer
        // echoed first, and a key that changed nothing said to.
        let before = self.last_view.clone();
        let name = keymap::name(&key);
        if let (Some(input), Some(before)) = (input, &before)
            && let Some(echo) = ui::plain::echo(before, &name, input)
        {
            self.say(&[echo])?;
        }
        let acted = self.act(input)?;
        if !acted
            && let Some(now) = &self.last_view
            && before.as_ref() == Some(now)
        {
            self.say(&[ui::plain::refused(now, &name, input)])?;
        }
        Ok(())
    }

    /// Apply what a key meant; whether it had any effect.
    fn act(&mut self, input: Option<Input>) -> io::Result<bool> {
        let now = Instant::now();
        if let Some(input) = input {
            self.before_input(input);
        }
        match input {
            Some(Input::Suspend) => {
                // Only a session has a clock to pause.
                if self.flow.session().is_some() {
                    let fx = self.flow.update(Input::Pause, now);
                    self.perform(fx)?;
                }
                self.screen.suspend()?;
                self.force = true;
                self.show(&[])?;
                Ok(true)
            }
            Some(input) => {
                let fx = self.flow.update(input, now);
                let acted = !fx.is_empty();
                self.perform(fx)?;
                Ok(acted)
            }
            None => Ok(false),
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
                self.before_input(input);
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
    let flow = Flow::start(Setup {
        chosen: opts.routine,
        relief: opts.relief,
        gentle: opts.gentle,
        side: opts.side,
        notice: opts.notice,
        record: opts.record,
    })
    .with_guidance(opts.guidance);
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
        tolerance: None,
        media_controls: opts.media_controls,
    };
    let result = run_app(&mut app, opts.tolerance).await;
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
async fn run_app(app: &mut App, tolerance: Option<ToleranceLoader>) -> io::Result<Ending> {
    let mut events = EventStream::new();
    let mut signals = Signals::new()?;
    app.show(&[])?;
    // After the first frame: read the history's word on each technique.
    if let Some(load) = tolerance {
        let (tx, rx) = mpsc::channel();
        let spawned = std::thread::Builder::new()
            .name("unknot-tolerance".into())
            .spawn(move || {
                let _ = tx.send(load());
            });
        if spawned.is_ok() {
            app.tolerance = Some(rx);
        }
    }
    let alarm = Alarm::new()?;
    let mut media = Media::new(app.media_controls);
    loop {
        if app.exit {
            return Ok(Ending::Session(app.flow.closing().cloned()));
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
                Some(Err(e)) => return terminal_gone(app, &mut signals, Some(e)).await,
                None => return terminal_gone(app, &mut signals, None).await,
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
                    app.interrupted(ending.code());
                    return Ok(Ending::Signal(ending.number()));
                }
            },
        }
    }
}

/// The terminal failed, closed or hung up: end with the SIGHUP that
/// usually follows (if it comes within a moment), else as
/// `terminal-closed`, or with the error that ended it.
async fn terminal_gone(
    app: &mut App,
    signals: &mut Signals,
    error: Option<io::Error>,
) -> io::Result<Ending> {
    if let Some(sig) = signals.after_terminal_failed().await {
        app.interrupted(sig.code());
        return Ok(Ending::Signal(sig.number()));
    }
    match error {
        Some(e) => Err(e),
        None => {
            app.interrupted("terminal-closed");
            Ok(Ending::Session(app.flow.closing().cloned()))
        }
    }
}

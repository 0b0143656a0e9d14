//! The edges of the history that talk to a person on the plain terminal:
//! the `unknot history` command, and the two steps a session goes through
//! around its terminal UI: [`open_for_session`] before (if the history
//! cannot be used it says why, and asks whether to go on without it), and
//! [`Recording`] from the start to the end.
//!
//! Exit codes: 0 done; 2 the history could not be used (the message names
//! the file) and, for a session, the person did not choose to go on.

use std::io::{self, BufRead, IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

use super::export::{self, Format};
use super::recent::{self, Recent};
use super::{HistoryError, Recorder, SessionMeta, Store, Writer, data_dir, time, tui};
use crate::routine::{Routine, Side};
use crate::ui::Theme;

/// The exit code when the history cannot be used.
pub const EXIT_UNUSABLE: u8 = 2;

/// What `unknot history` was asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Request {
    /// `None`: the interactive view in a terminal, else a table.
    pub format: Option<Format>,
    /// Only the most recent sessions.
    pub last: Option<usize>,
}

/// Shown when nothing has been recorded.
pub const EMPTY: &str = "No sessions recorded yet. Run 'unknot' to start your first one.";

/// Run `unknot history`.
pub fn history(data_dir_flag: Option<&Path>, req: Request) -> ExitCode {
    match list(data_dir_flag, req) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure::History(e)) => {
            eprintln!("unknot: {e}");
            ExitCode::from(EXIT_UNUSABLE)
        }
        // A closed pipe (`unknot history | head`) is a normal end.
        Err(Failure::Output(e)) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(Failure::Output(e)) => {
            eprintln!("unknot: cannot write the history: {e}");
            ExitCode::FAILURE
        }
    }
}

enum Failure {
    History(HistoryError),
    Output(io::Error),
}

fn list(flag: Option<&Path>, req: Request) -> Result<(), Failure> {
    let dir = data_dir(flag).map_err(Failure::History)?;
    let rows = match Store::open_existing(&dir).map_err(Failure::History)? {
        Some(store) => store.sessions(req.last).map_err(Failure::History)?,
        None => Vec::new(),
    };
    let interactive = io::stdout().is_terminal() && io::stdin().is_terminal();
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let format = match (req.format, rows.is_empty()) {
        (Some(f @ (Format::Csv | Format::Json)), true) => {
            // Scripts still get a valid, empty document.
            eprintln!("{EMPTY}");
            f
        }
        (_, true) => {
            writeln!(out, "{EMPTY}").map_err(Failure::Output)?;
            return out.flush().map_err(Failure::Output);
        }
        (None, false) if interactive => {
            drop(out);
            return tui::run(&rows, Theme::from_env()).map_err(Failure::Output);
        }
        (f, false) => f.unwrap_or(Format::Table),
    };
    export::write(format, &rows, &mut out).map_err(Failure::Output)?;
    out.flush().map_err(Failure::Output)
}

/// Open the history before a session starts. `Ok(Some)`: ready to record.
/// `Ok(None)`: it cannot be used and the person chose to go on without
/// it. `Err`: the exit code to end with. The file is never changed to make
/// it work: a damaged or foreign file stays exactly as it was.
pub fn open_for_session(data_dir_flag: Option<&Path>) -> Result<Option<Store>, ExitCode> {
    let err = match data_dir(data_dir_flag).and_then(|dir| Store::open(&dir)) {
        Ok(store) => return Ok(Some(store)),
        Err(e) => e,
    };
    eprintln!("unknot: {err}");
    if !io::stdin().is_terminal() || !io::stderr().is_terminal() {
        eprintln!(
            "unknot: not starting without history (no terminal to ask); fix the file or pass --data-dir DIR"
        );
        return Err(ExitCode::from(EXIT_UNUSABLE));
    }
    if ask_yes_no(
        "Start the session without saving it to your history? [y/N] ",
        io::stdin().lock(),
    ) {
        eprintln!("unknot: this session will not be saved.");
        Ok(None)
    } else {
        eprintln!("unknot: no session started.");
        Err(ExitCode::from(EXIT_UNUSABLE))
    }
}

/// The trend of the sessions recorded so far, as of now (call it before
/// the new session is added). A history that cannot be read has none.
pub fn trend_so_far(store: &Store) -> Option<Recent> {
    let now = time::now_ms();
    let rows = store
        .sessions_between(now - recent::WEEK_MS, now, recent::WINDOW)
        .ok()?;
    Some(recent::recent(&rows, now))
}

/// A session's history, from its start to its end: the recorder the app
/// feeds, the trend for the end screen, and the writer to close at exit.
#[derive(Debug, Default)]
pub struct Recording {
    /// For the app (`Options::history`); `None` without history.
    pub recorder: Option<Recorder>,
    /// For the end screen (`Options::trend`).
    pub trend: Option<Recent>,
    writer: Option<Writer>,
}

impl Recording {
    /// Start recording a session of `routine` in `store` (from
    /// [`open_for_session`]; `None`: run without history). On failure,
    /// says why and gives the exit code.
    pub fn start(
        store: Option<Store>,
        routine: &Routine,
        side: Option<Side>,
    ) -> Result<Recording, ExitCode> {
        let Some(store) = store else {
            return Ok(Recording::default());
        };
        let trend = trend_so_far(&store);
        match Recorder::start_session(store, &SessionMeta::now(routine, side)) {
            Ok((recorder, writer)) => Ok(Recording {
                recorder: Some(recorder),
                trend,
                writer: Some(writer),
            }),
            Err(e) => {
                eprintln!("unknot: {e}");
                Err(ExitCode::from(EXIT_UNUSABLE))
            }
        }
    }

    /// After the terminal is restored: wait until everything is committed,
    /// and say so if something could not be saved.
    pub fn close(self) {
        if let Some(Err(e)) = self.writer.map(Writer::close) {
            eprintln!("unknot: the session was not fully saved: {e}");
        }
    }
}

/// Ask on stderr; only "y" or "yes" (any case) count as yes.
fn ask_yes_no(question: &str, mut input: impl BufRead) -> bool {
    eprint!("{question}");
    let _ = io::stderr().flush();
    let mut answer = String::new();
    if input.read_line(&mut answer).is_err() {
        return false;
    }
    matches!(answer.trim().to_ascii_lowercase().as_str(), "y" | "yes")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_yes_means_yes() {
        for (typed, yes) in [
            ("y\n", true),
            ("YES\n", true),
            (" yes \n", true),
            ("\n", false),
            ("n\n", false),
            ("", false),
            ("yep\n", false),
        ] {
            assert_eq!(ask_yes_no("", typed.as_bytes()), yes, "{typed:?}");
        }
    }
}

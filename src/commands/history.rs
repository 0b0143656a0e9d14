//! `unknot history`: the interactive browser in a terminal, or the
//! sessions as a table, CSV or JSON for scripts and for a
//! physiotherapist.
//!
//! Exit codes: 0 done; 2 the history could not be used (the message names
//! the file).

use std::io::{self, IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

use crate::app::browse;
use crate::app::terminal::Outside;
use crate::history::export::{self, Format};
use crate::history::{HistoryError, Store, data_dir};
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
        Ok(None) => ExitCode::SUCCESS,
        // A signal ended the browser: 128 + its number, as for a session.
        Ok(Some(sig)) => ExitCode::from(128 + sig.number() as u8),
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

/// Print or browse; a signal that ended the browser is returned.
fn list(flag: Option<&Path>, req: Request) -> Result<Option<Outside>, Failure> {
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
            return out.flush().map(|()| None).map_err(Failure::Output);
        }
        (None, false) if interactive => {
            drop(out);
            return browse::run(&rows, Theme::from_env()).map_err(Failure::Output);
        }
        (f, false) => f.unwrap_or(Format::Table),
    };
    export::write(format, &rows, &mut out).map_err(Failure::Output)?;
    out.flush().map(|()| None).map_err(Failure::Output)
}

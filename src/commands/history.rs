//! `unknot history`: the interactive browser in a terminal, or the
//! sessions as a table, CSV or JSON for scripts and for a
//! physiotherapist; with `--techniques`, the per-technique record instead
//! (one row per routine, step and side), with titles and step order from
//! the routines as installed now.
//!
//! Exit codes: 0 done; 2 the history could not be used (the message names
//! the file).

use std::io::{self, IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

use crate::app::browse;
use crate::app::terminal::Outside;
use crate::history::export::{self, Format};
use crate::history::technique_table::{self, Steps};
use crate::history::{HistoryError, SessionRow, Store, data_dir, techniques};
use crate::routine::library::Library;
use crate::tolerance::Records;
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
    /// The per-technique record instead of the sessions.
    pub techniques: bool,
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
    let store = Store::open_existing(&dir).map_err(Failure::History)?;
    let rows = match &store {
        Some(store) => store.sessions(req.last).map_err(Failure::History)?,
        None => Vec::new(),
    };
    if req.techniques {
        let records = match &store {
            Some(store) => techniques::load(store, &rows).map_err(Failure::History)?,
            None => Records::new(),
        };
        return print_techniques(req.format, &rows, &records).map(|()| None);
    }
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

/// Shown when no technique has a record yet.
pub const NO_TECHNIQUES: &str =
    "No technique has a record yet: sessions record one from their first check-in.";

/// Print the per-technique record (a table unless `format` says).
fn print_techniques(
    format: Option<Format>,
    rows: &[SessionRow],
    records: &Records,
) -> Result<(), Failure> {
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let format = format.unwrap_or(Format::Table);
    if records.is_empty() {
        let message = if rows.is_empty() {
            EMPTY
        } else {
            NO_TECHNIQUES
        };
        if format == Format::Table {
            writeln!(out, "{message}").map_err(Failure::Output)?;
            return out.flush().map_err(Failure::Output);
        }
        // Scripts still get a valid, empty document.
        eprintln!("{message}");
    }
    let library = Library::from_env();
    let steps = |routine: &str| -> Option<Steps> {
        let found = library.find(routine).ok()?;
        Some(
            found
                .routine
                .steps
                .iter()
                .map(|s| (s.id.clone(), s.title.clone()))
                .collect(),
        )
    };
    technique_table::write(format, records, &steps, &mut out).map_err(Failure::Output)?;
    out.flush().map_err(Failure::Output)
}

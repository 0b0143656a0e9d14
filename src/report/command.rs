//! `unknot report`: read the period's sessions and events from the
//! history, find the routines they used, build the page and write it. The
//! shell around the pure parts: the only code here that reads the clock,
//! the environment or files.
//!
//! Exit codes: 0 written; 1 nothing to report (no history yet, or no
//! session in the period); 2 the history could not be used or the page
//! could not be written (the message says why).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use super::file::{self, WriteError};
use super::gather::{Gatherer, Installed};
use super::html;
use super::model::{Report, Stamp};
use super::period::{self, Scope, iso_day};
use crate::config::{self, Flags, Settings};
use crate::history::{HistoryError, SessionRow, Store, data_dir, routine_hash, time};
use crate::routine::library::{Library, Origin, looks_like_path};

/// Nothing to report.
pub const EXIT_EMPTY: u8 = 1;
/// The history could not be used, or the page could not be written.
pub const EXIT_FAILED: u8 = 2;

/// What `unknot report` was asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Request {
    /// Which sessions.
    pub scope: Scope,
    /// Where to write (`None`: the default name in the current directory).
    pub output: Option<PathBuf>,
    /// Replace an existing file.
    pub force: bool,
    /// Open the page when written.
    pub open: bool,
}

enum Failure {
    /// Nothing to report, and why.
    Empty(String),
    History(HistoryError),
    Write(WriteError),
}

impl From<HistoryError> for Failure {
    fn from(e: HistoryError) -> Failure {
        Failure::History(e)
    }
}

/// Run `unknot report`.
pub fn report(data_dir_flag: Option<&Path>, config_path: Option<&Path>, req: &Request) -> ExitCode {
    match make(data_dir_flag, config_path, req) {
        Ok((path, sessions, (first, last))) => {
            println!(
                "Report written to {} ({} from {first} to {last}).",
                path.display(),
                if sessions == 1 {
                    "1 session".to_string()
                } else {
                    format!("{sessions} sessions")
                }
            );
            if req.open
                && let Err(e) = file::open(&path)
            {
                eprintln!(
                    "unknot: the report could not be opened ({e}); open '{}' yourself",
                    path.display()
                );
            }
            ExitCode::SUCCESS
        }
        Err(Failure::Empty(why)) => {
            eprintln!("{why}");
            ExitCode::from(EXIT_EMPTY)
        }
        Err(Failure::History(e)) => {
            eprintln!("unknot: {e}");
            ExitCode::from(EXIT_FAILED)
        }
        Err(Failure::Write(e)) => {
            eprintln!("unknot: {e}");
            ExitCode::from(EXIT_FAILED)
        }
    }
}

/// The file written, how many sessions, and the period's first and last day.
type Made = (PathBuf, usize, (String, String));

fn make(flag: Option<&Path>, config_path: Option<&Path>, req: &Request) -> Result<Made, Failure> {
    let dir = data_dir(flag)?;
    let Some(store) = Store::open_existing(&dir)? else {
        return Err(Failure::Empty(crate::history::command::EMPTY.to_string()));
    };
    let now = time::now_ms();
    let made = Stamp {
        ms: now,
        offset_s: time::local_offset_s(now),
    };
    let today = time::day_number(made.ms, made.offset_s);
    let settings = config_path
        .and_then(|p| config::load(p).ok())
        .map(|file| Settings::resolve(&Flags::default(), &file, false));
    let library = Library::from_env();
    let Some(report) = build(&store, req.scope, made, &library, settings.as_ref())? else {
        return Err(Failure::Empty(nothing_in(&store, req.scope, today)?));
    };
    let page = html::render(&report, env!("CARGO_PKG_VERSION"));
    let (path, private) = match &req.output {
        Some(p) => (p.clone(), false),
        None => (PathBuf::from(file::default_name(&iso_day(today))), true),
    };
    file::write(&path, &page, private, req.force).map_err(Failure::Write)?;
    Ok((
        path,
        report.totals.sessions,
        (
            iso_day(report.period.first_day),
            iso_day(report.period.last_day),
        ),
    ))
}

/// The report of the sessions in `scope`, made at `made`, with the
/// routines found in `library` (their fingerprints also with `settings`
/// applied, as a session applies the config file's). `None`: no session
/// in the scope.
pub fn build(
    store: &Store,
    scope: Scope,
    made: Stamp,
    library: &Library,
    settings: Option<&Settings>,
) -> Result<Option<Report>, HistoryError> {
    let today = time::day_number(made.ms, made.offset_s);
    let rows = match scope {
        Scope::Last(n) => store.sessions(Some(n))?,
        scope => {
            store.sessions_between(scope.earliest_ms(today).unwrap_or(i64::MIN), i64::MAX, 0)?
        }
    };
    let Some((rows, period)) = period::select(rows, scope, today) else {
        return Ok(None);
    };
    let (from_ms, to_ms) = (rows[0].started_ms, rows[rows.len() - 1].started_ms);
    let installed = installed(&rows, library, settings);
    let mut gather = Gatherer::new(rows);
    store.visit_events_between(from_ms, to_ms, |session, ev| gather.event(session, &ev))?;
    Ok(Some(gather.finish(period, made, &installed)))
}

/// Why there is nothing to report in `scope`.
fn nothing_in(store: &Store, scope: Scope, today: i64) -> Result<String, HistoryError> {
    let newest: Option<SessionRow> = store.sessions(Some(1))?.pop();
    let Some(newest) = newest else {
        return Ok(crate::history::command::EMPTY.to_string());
    };
    let from = scope.first_day(today).map_or_else(String::new, iso_day);
    Ok(format!(
        "No sessions since {from}; the most recent one was on {}. Use --since DATE or --last N to choose other sessions.",
        iso_day(period::local_day(&newest))
    ))
}

/// The routines of the names the sessions recorded, as installed now.
/// A name that looks like a path is never read as one: names come from
/// the history file, and the report must not read arbitrary files.
fn installed(
    rows: &[SessionRow],
    library: &Library,
    settings: Option<&Settings>,
) -> Vec<Installed> {
    let mut names: Vec<&str> = rows.iter().map(|r| r.routine.as_str()).collect();
    names.sort_unstable();
    names.dedup();
    names
        .into_iter()
        .filter(|n| !looks_like_path(n) && !n.is_empty())
        .filter_map(|name| {
            let source = library.source(name).ok()?;
            let toml = String::from_utf8_lossy(&source.bytes).into_owned();
            let origin = match &source.origin {
                Origin::Bundled => "bundled with unknot".to_string(),
                Origin::User(p) | Origin::File(p) => format!("your routine file {}", p.display()),
            };
            let mut hashes = Vec::new();
            let mut steps = Vec::new();
            if let Some(mut routine) = source.check().routine {
                hashes.push(routine_hash(&routine));
                steps = routine
                    .steps
                    .iter()
                    .map(|s| (s.id.clone(), s.title.clone()))
                    .collect();
                if let Some(s) = settings {
                    s.apply(&mut routine);
                    hashes.push(routine_hash(&routine));
                }
            }
            Some(Installed {
                name: name.to_string(),
                origin,
                toml,
                hashes,
                steps,
            })
        })
        .collect()
}

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

use crate::cli::ReportArgs;
use crate::config::{self, Flags, Settings};
use crate::history::{HistoryError, SessionRow, Store, data_dir, routine_hash, time};
use crate::report::file::{self, WriteError};
use crate::report::gather::{Gatherer, Installed};
use crate::report::html;
use crate::report::model::{Report, Stamp};
use crate::report::period::{self, Scope, iso_day};
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

impl Request {
    /// The request the command line's options make.
    pub fn from_args(args: &ReportArgs) -> Request {
        let scope = match (args.since, args.last) {
            (Some(d), _) => Scope::Since(d),
            (None, Some(n)) => Scope::Last(usize::try_from(n).unwrap_or(usize::MAX)),
            (None, None) => Scope::Recent,
        };
        Request {
            scope,
            output: args.output.clone(),
            force: args.force,
            open: args.open,
        }
    }
}

/// Run `unknot report`.
pub fn run(data_dir_flag: Option<&Path>, config_path: Option<&Path>, req: &Request) -> ExitCode {
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
        return Err(Failure::Empty(super::history::EMPTY.to_string()));
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
    // Every doctor's OK recorded by the end of the period's last day, given
    // in it or before: it still applies.
    let period_end = (period.last_day + 1) * 86_400_000 - i64::from(made.offset_s) * 1000;
    for ok in store.clinician_oks(period_end - 1)? {
        gather.clearance(
            Stamp {
                ms: ok.at_ms,
                offset_s: ok.utc_offset_s,
            },
            ok.covers,
        );
    }
    Ok(Some(gather.finish(period, made, &installed)))
}

/// Why there is nothing to report in `scope`.
fn nothing_in(store: &Store, scope: Scope, today: i64) -> Result<String, HistoryError> {
    let newest: Option<SessionRow> = store.sessions(Some(1))?.pop();
    let Some(newest) = newest else {
        return Ok(super::history::EMPTY.to_string());
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn report_options_make_a_request() {
        use crate::cli::{Cli, Cmd};
        use clap::Parser;
        use std::path::PathBuf;
        let req = |args: &[&str]| match Cli::try_parse_from([&["unknot", "report"], args].concat())
            .map(|c| c.command)
        {
            Ok(Some(Cmd::Report(a))) => Ok(Request::from_args(&a)),
            Ok(_) => unreachable!("report was given"),
            Err(e) => Err(e),
        };
        assert_eq!(req(&[]).unwrap().scope, Scope::Recent);
        assert_eq!(req(&["--last", "12"]).unwrap().scope, Scope::Last(12));
        let since = req(&["--since", "2024-03-01", "-o", "r.html", "--force"]).unwrap();
        assert_eq!(since.scope, Scope::Since("2024-03-01".parse().unwrap()));
        assert_eq!(since.output, Some(PathBuf::from("r.html")));
        assert!(since.force && !since.open);
        assert!(req(&["--since", "2024-02-30"]).is_err());
        assert!(req(&["--since", "2024-03-01", "--last", "3"]).is_err());
        assert!(req(&["--last", "0"]).is_err());
    }
}

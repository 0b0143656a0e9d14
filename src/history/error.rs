//! Why the history could not be used, in one line that names the file.
//! SQLite's own codes are turned into what a person can act on; the file
//! itself is never changed to "fix" a problem.

use std::fmt;
use std::io;
use std::path::PathBuf;

use rusqlite::ErrorCode;

/// Everything that can go wrong with the history.
#[derive(Debug, thiserror::Error)]
pub enum HistoryError {
    /// No `--data-dir`, no `UNKNOT_DATA_DIR` and no home directory.
    #[error(
        "no data directory was found for the session history; pass --data-dir DIR or set UNKNOT_DATA_DIR"
    )]
    NoDataDir,
    /// The data directory does not exist and cannot be made.
    #[error("cannot create the data directory '{}': {source}", path.display())]
    CreateDir {
        /// The directory.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
    /// A session's lock file cannot be made or locked.
    #[error("cannot use the lock file '{}': {source}", path.display())]
    LockFile {
        /// The lock file.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
    /// The database file cannot be used.
    #[error("cannot use the session history '{}': {problem}", path.display())]
    Db {
        /// The database file.
        path: PathBuf,
        /// What is wrong with it.
        problem: Problem,
    },
    /// The operating system refused a new thread.
    #[error("cannot start the history writer thread: {0}")]
    Thread(io::Error),
    /// The writer thread panicked.
    #[error("the history writer stopped unexpectedly")]
    WriterGone,
}

/// What is wrong with the database file, in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// Not an SQLite file, or a damaged one.
    NotADatabase,
    /// A valid SQLite file, but not one unknot made.
    Foreign,
    /// Written by a newer unknot.
    TooNew { found: i64, known: i64 },
    /// Another program holds a lock for longer than the busy timeout.
    Locked,
    /// The file (or its directory) may not be written.
    ReadOnly,
    /// The file cannot be opened or created.
    CannotOpen,
    /// No space left to write.
    DiskFull,
    /// A stored value this version cannot read.
    BadValue(String),
    /// Anything else, in SQLite's words.
    Other(String),
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::NotADatabase => {
                f.write_str("the file is damaged or is not a database (it has been left untouched)")
            }
            Problem::Foreign => f.write_str(
                "the file is a database that unknot did not create (it has been left untouched)",
            ),
            Problem::TooNew { found, known } => write!(
                f,
                "it was written by a newer unknot (schema version {found}, this one knows up to {known}); update unknot"
            ),
            Problem::Locked => f.write_str("another program is holding it locked"),
            Problem::ReadOnly => f.write_str("it is read-only; unknot needs to write to it"),
            Problem::CannotOpen => f.write_str(
                "it cannot be opened or created; check that its directory exists and is writable",
            ),
            Problem::DiskFull => f.write_str("the disk is full"),
            Problem::BadValue(what) => {
                write!(f, "it holds a value this version cannot read: {what}")
            }
            Problem::Other(msg) => f.write_str(msg),
        }
    }
}

impl Problem {
    /// Classify an SQLite error.
    pub fn of(e: &rusqlite::Error) -> Problem {
        match e.sqlite_error_code() {
            Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt) => Problem::NotADatabase,
            Some(ErrorCode::DatabaseBusy | ErrorCode::DatabaseLocked) => Problem::Locked,
            Some(ErrorCode::ReadOnly) => Problem::ReadOnly,
            Some(ErrorCode::CannotOpen) => Problem::CannotOpen,
            Some(ErrorCode::DiskFull) => Problem::DiskFull,
            _ => Problem::Other(e.to_string()),
        }
    }
}

impl HistoryError {
    /// A database error about the file at `path`.
    pub fn db(path: impl Into<PathBuf>, e: &rusqlite::Error) -> HistoryError {
        HistoryError::Db {
            path: path.into(),
            problem: Problem::of(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_are_one_line_and_name_the_file() {
        let all = [
            Problem::NotADatabase,
            Problem::Foreign,
            Problem::TooNew { found: 9, known: 2 },
            Problem::Locked,
            Problem::ReadOnly,
            Problem::CannotOpen,
            Problem::DiskFull,
            Problem::BadValue("outcome 'x'".into()),
        ];
        for problem in all {
            let e = HistoryError::Db {
                path: "/d/history.sqlite3".into(),
                problem,
            };
            let text = e.to_string();
            assert!(text.contains("'/d/history.sqlite3'"), "{text}");
            assert!(!text.contains('\n'), "{text}");
        }
    }

    #[test]
    fn sqlite_codes_are_classified() {
        let conn = rusqlite::Connection::open_in_memory().unwrap();
        let e = conn
            .execute("INSERT INTO nowhere VALUES (1)", [])
            .unwrap_err();
        assert!(matches!(Problem::of(&e), Problem::Other(m) if m.contains("nowhere")));
        let busy = rusqlite::Error::SqliteFailure(
            rusqlite::ffi::Error::new(rusqlite::ffi::SQLITE_BUSY),
            None,
        );
        assert_eq!(Problem::of(&busy), Problem::Locked);
    }
}

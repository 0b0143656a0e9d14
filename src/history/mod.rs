//! The session history: every session and every event in it, kept in an
//! embedded SQLite database, committed as it happens, and read back for the
//! `unknot history` command, the exports and the completion screen's trend.
//!
//! Map of the module:
//!
//! - `model`: what a stored session is ([`SessionRow`], [`Outcome`],
//!   [`Pain`], [`Extent`]).
//! - `paths`: where the database lives (`--data-dir`, `UNKNOT_DATA_DIR`,
//!   the platform data directory).
//! - `error`: [`HistoryError`], one line naming the file and what is wrong.
//! - `schema`: the tables and their migrations (`PRAGMA user_version`).
//! - `codec`: how an [`Entry`] becomes an `events` row and back.
//! - `store`: [`Store`], the connection: open, migrate, recover, read, write.
//! - `rows`: the columns of a session query and the check of their codes.
//! - `live`: lock files that tell a running session from a dead one.
//! - `recorder`: [`Recorder`], the writer thread the app feeds through a
//!   channel, so no frame or timer ever waits for the disk.
//! - `trend`: [`trend()`], a pure summary of the last few sessions.
//! - `time`: the clock, the local time zone (jiff) and date formats.
//! - `export`: table, CSV and JSON output.
//! - `view`, `tui`: the interactive `unknot history` view (drawing, and
//!   the loop with its scroll state).
//! - `command`: the `unknot history` command and the open-or-ask step a
//!   session goes through before the terminal UI starts.
//! - `demo`: a generator of realistic test data (tests and benchmarks).

#![warn(missing_docs)]

pub mod codec;
pub mod command;
pub mod demo;
mod error;
pub mod export;
mod live;
mod model;
mod paths;
mod recorder;
mod rows;
pub mod schema;
mod store;
pub mod time;
pub mod trend;
mod tui;
mod view;

pub use codec::{Entry, StoredEvent};
pub use error::HistoryError;
pub use model::{Extent, Outcome, Pain, SessionMeta, SessionRow, routine_hash};
pub use paths::{DATA_DIR_ENV, DB_FILE, data_dir, db_path};
pub use recorder::{Recorder, Writer};
pub use store::{BUSY_TIMEOUT, Store};
pub use trend::{Trend, trend};

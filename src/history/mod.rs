//! The session history: every session and every event in it, kept in an
//! embedded SQLite database, committed as it happens, and read back for the
//! `unknot history` command, the exports and the completion screen's trend.
//! Storage only: the screens that show it are in `ui::history` and
//! `app::browse`, the command in `commands::history`.
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
//! - `person`: the person's record apart from any session (lasting
//!   answers, a doctor's OK, "assessed?"), read back as the screening's
//!   `OnRecord`.
//! - `recorder`: [`Recorder`], the writer thread the app feeds through a
//!   channel, so no frame or timer ever waits for the disk.
//! - `recent`: [`recent()`], a pure summary of the last few sessions.
//! - `time`: the clock, the local time zone (jiff) and date formats.
//! - `export`: table, CSV and JSON output.
//! - `techniques`: the per-technique record, a fold over the events
//!   (`tolerance::Records`); `technique_table`: it as table, CSV and JSON.

#![warn(missing_docs)]

pub mod codec;
mod error;
pub mod export;
mod live;
mod model;
mod paths;
pub mod person;
pub mod recent;
mod recorder;
mod rows;
pub mod schema;
mod store;
pub mod technique_table;
pub mod techniques;
pub mod time;

pub use codec::{Entry, StoredEvent};
pub use error::HistoryError;
pub use model::{
    Extent, FinishedSession, Outcome, Pain, Screening, SessionMeta, SessionRow, routine_hash,
};
pub use paths::{DATA_DIR_ENV, DB_FILE, data_dir, db_path};
pub use recent::{Recent, recent};
pub use recorder::{Recorder, Writer};
pub use store::{BUSY_TIMEOUT, Store};

//! `unknot report`: a one-page progress report for a doctor or
//! physiotherapist, as one self-contained HTML file (inline CSS and SVG,
//! no script, nothing fetched) that prints on one A4 or Letter page for a
//! month of sessions, with the routines used in an appendix.
//!
//! Data flows one way, and only the ends touch the world:
//!
//! ```text
//! history (SQLite) ─► period::select ─► Gatherer::event… ─► Report ─► html::render ─► file::write
//!   commands::report   (pure)            (pure)              model     (pure, escaped)   (atomic)
//! ```
//!
//! - `model`: what a report says, one type per section. Sections without
//!   data (no doctor's OK on record; choices to shorten or skip, which the
//!   history does not record yet) are left out of the page.
//! - `period`: `--since`, `--last` and the default 30 days; dates local.
//! - `gather`: the fold from sessions and events to a [`Report`].
//! - `html`, `svg`, `escape`: the page, its two charts, and the escaping
//!   every text from the history or a routine goes through.
//! - `file`: atomic, owner-only writing and the desktop opener.
//!
//! The command itself (clock, environment, files) is `commands::report`.

#![warn(missing_docs)]

pub mod escape;
pub mod file;
pub mod gather;
pub mod html;
pub mod model;
pub mod period;
pub mod svg;

pub use gather::{Gatherer, Installed};
pub use model::Report;
pub use period::{Date, Scope};

//! unknot: a guided, safety-first self-massage session for lower-back nerve
//! pain, in the terminal.
//!
//! Map of the code (data flows one way: key or deadline → [`session::Command`]
//! → `Session::update`/`tick` → [`session::Effect`]s → the app performs them
//! and redraws from an immutable [`session::View`]):
//!
//! - [`routine`]: the TOML model, durations, validation, bundled routines.
//! - [`session`]: the pure state machine (plan, commands, effects, view).
//! - [`safety`]: screening, baseline, clearance, stop and end screens (pure).
//! - [`flow`]: the whole run (intake → session → end, stop from anywhere).
//! - [`cue`]: the vocabulary of sounds the session asks for.
//! - [`keymap`]: the one place where keys become commands.
//! - [`ui`]: rendering, a pure function of the view.
//! - [`history`]: the session log in SQLite, its charts and exports.
//! - [`report`]: `unknot report`, a progress page for a clinician (HTML).
//! - [`app`]: the event loop; the only code that touches terminal and clock.
//! - [`notice`]: the first-run notice's marker file (shell side, like `app`).
//! - `alarm`: the event loop's exact wake-up at a deadline (a timerfd).
//! - [`sys`]: the one home of platform code: every `libc` call, each
//!   behind a safe function with its soundness argued in one place.

pub mod app;
pub mod audio;
pub mod cli;
pub mod commands;
pub mod config;
pub mod cue;
pub mod flow;
pub mod history;
pub mod keymap;
pub mod report;
pub mod routine;
pub mod safety;
pub mod session;
pub mod sys;
pub mod ui;
pub mod vocab;

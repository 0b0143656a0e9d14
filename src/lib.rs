//! unknot: a guided, safety-first self-massage session for lower-back nerve
//! pain, in the terminal.
//!
//! Data flows one way: a key (or a click, or a deadline) → an [`vocab::Input`]
//! decoded by the [`keymap`] → `Flow::update`/`tick` → [`vocab::Effect`]s →
//! the app performs them (sound, records) and redraws from an immutable
//! view. Map of the code, from the bottom layer up: a module uses only
//! modules listed before it, never one after (`tests/architecture.rs`
//! checks it, so the import graph has no circle):
//!
//! - [`cue`], [`vocab`]: the shared words: sounds, inputs, effects, events,
//!   outcomes, the measures (pain, reach) and the danger-sign rules.
//! - [`sys`]: the one home of platform code: every `libc` call, each behind
//!   a safe function with its soundness argued in one place.
//! - [`routine`]: the TOML model, durations, validation and safety rules,
//!   the bundled routines, and the [`routine::plan`] a routine expands to.
//! - [`tolerance`]: how each technique was tolerated (the per-technique
//!   record derived from the history) and the pure decision to warn before
//!   it next time, shorten it or skip it.
//! - [`safety`]: the screens around a session (notice, screening, pain and
//!   reach, clearance, stop, end), pure state machines, their texts, and
//!   which questions the person's record makes due.
//! - [`session`]: the pure session state machine and its view.
//! - [`flow`]: the whole run (intake → session → end, stop from anywhere).
//! - [`history`]: storage only: the session log in SQLite, its exports.
//! - [`report`]: the progress page for a clinician (HTML and SVG), pure
//!   but for the file it writes.
//! - [`audio`]: how cues sound: players (device, bell, silent), and the
//!   speech programs that say a step's words.
//! - [`remote`]: media controls (earbuds, media keys, widgets): what a
//!   remote command means and what a widget shows, pure; the MPRIS player
//!   on the session bus, a thin layer.
//! - [`keymap`]: the one table of keys: decoding, hints, clicks, help.
//! - [`ui`]: rendering, a pure function of the views (no clock, no IO).
//! - [`config`]: the config file and the settings in effect.
//! - [`cli`]: the command line, defined once with clap.
//! - [`app`]: the event loops (a session, the history browser) and the one
//!   owner of the terminal; the only code that touches terminal, clock and
//!   signals.
//! - [`commands`]: one file per subcommand; `main.rs` only dispatches.

pub mod app;
pub mod audio;
pub mod cli;
pub mod commands;
pub mod config;
pub mod cue;
pub mod flow;
pub mod history;
pub mod keymap;
pub mod remote;
pub mod report;
pub mod routine;
pub mod safety;
pub mod session;
pub mod sys;
pub mod tolerance;
pub mod ui;
pub mod vocab;

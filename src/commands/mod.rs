//! The subcommands, one file each: what `main` dispatches to after clap
//! has parsed the command line. Each talks to a person on the plain
//! terminal (messages on stderr, exit codes) and hands the rest to the
//! library: `start` runs a session through [`crate::app`], `history`
//! prints or browses the history, `routines` lists, shows, checks,
//! creates and edits routines (and prints their schema), `config` and
//! `doctor` explain the set-up, `docs` prints completions and the manual.
//!
//! Exit codes are the commands' own and documented with each; 2 always
//! means a file or setting that could not be used.

pub mod config;
pub mod docs;
pub mod doctor;
pub mod history;
pub mod report;
pub mod routines;
pub mod start;

use std::io::IsTerminal;

/// Whether `NO_COLOR` asks for no colours (any non-empty value).
pub fn no_color_env() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

/// Colours for diagnostics on stderr, when it is a terminal.
pub(crate) fn stderr_style() -> crate::routine::Style {
    crate::routine::Style::detect(std::io::stderr().is_terminal())
}

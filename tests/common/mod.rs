//! What the end-to-end tests share: the `unknot` binary and its fixtures,
//! a command isolated from the user's files and session bus ([`unknot`]),
//! the program in a pseudo-terminal ([`pty::Pty`]), one scripted way
//! through the questions before and after a session ([`intake`]), and a
//! private session bus for the media controls ([`bus`]), and a stand-in
//! speech program that reports how it was called ([`speech`]).

// Each test file uses only some of these helpers.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

pub mod bus;
pub mod intake;
pub mod openpty;
pub mod pty;
pub mod speech;

pub use pty::Pty;

/// The binary under test.
pub fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_unknot"))
}

/// A fixture file under `tests/fixtures`.
pub fn fixture(rel: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(rel)
        .to_string_lossy()
        .into_owned()
}

/// `unknot` with arguments, isolated from the user's files: its home,
/// config and data directories are under `home`, and the variables that
/// would point it elsewhere are removed (a test may set them again on the
/// command it gets). Its session bus is one that is not there, so a test
/// never shows up in the desktop's media widgets; the media-control tests
/// give it a private bus.
pub fn unknot(args: &[&str], home: &Path) -> Command {
    command(bin(), args, home)
}

/// [`unknot`] for another build of the program (a baseline to compare).
pub fn command(program: PathBuf, args: &[&str], home: &Path) -> Command {
    let mut cmd = Command::new(program);
    cmd.args(args)
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env_remove("UNKNOT_CONFIG")
        .env_remove("UNKNOT_DATA_DIR")
        .env(
            "DBUS_SESSION_BUS_ADDRESS",
            format!("unix:path={}", home.join("no-session-bus").display()),
        )
        .env("TERM", "xterm-256color");
    cmd
}

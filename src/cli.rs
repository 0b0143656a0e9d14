//! The command line, defined once with clap (also used for completions and
//! the man page).

use clap::{Parser, Subcommand, ValueEnum};

use crate::routine::Side;

/// A guided, safety-first self-massage session for lower-back nerve pain.
///
/// Not medical advice. If you have numbness between the legs, trouble with
/// bladder or bowels, or weakness in both legs, get emergency care now.
#[derive(Debug, Parser)]
#[command(name = "unknot", version, about, long_about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Cmd>,
}

#[derive(Debug, Subcommand)]
pub enum Cmd {
    /// Start a guided session (the default when no command is given).
    Start(StartArgs),
}

/// The side the nerve pain is on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SideArg {
    Left,
    Right,
}

impl From<SideArg> for Side {
    fn from(s: SideArg) -> Side {
        match s {
            SideArg::Left => Side::Left,
            SideArg::Right => Side::Right,
        }
    }
}

#[derive(Debug, Clone, Default, clap::Args)]
pub struct StartArgs {
    /// A bundled routine's name or a path to a .toml routine file.
    #[arg(value_name = "ROUTINE")]
    pub routine: Option<String>,
    /// The side your pain is on: two-sided steps start there, and
    /// "affected" steps are done only there.
    #[arg(long, value_enum)]
    pub side: Option<SideArg>,
    /// Print one line per event instead of the full-screen view (for
    /// screen readers and logs); the same keys work.
    #[arg(long)]
    pub plain: bool,
}

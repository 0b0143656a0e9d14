//! The command line, defined once with clap (also used for completions and
//! the man page).

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

use crate::history::export::Format;
use crate::routine::Side;

/// A guided, safety-first self-massage session for lower-back nerve pain.
///
/// Not medical advice. If you have numbness between the legs, trouble with
/// bladder or bowels, or weakness in both legs, get emergency care now.
#[derive(Debug, Parser)]
#[command(name = "unknot", version, about, long_about)]
pub struct Cli {
    /// Where the session history is kept [default: the platform's data
    /// directory, or UNKNOT_DATA_DIR when set].
    #[arg(long, global = true, value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// The config file to use [default: config.toml in the platform's
    /// config directory, or UNKNOT_CONFIG when set].
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Cmd>,
}

#[derive(Debug, Subcommand)]
pub enum Cmd {
    /// Start a guided session (the default when no command is given).
    Start(StartArgs),
    /// Print a shell completion script (e.g. `unknot completions bash >
    /// ~/.local/share/bash-completion/completions/unknot`).
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print a manual page (roff), e.g. `unknot man | man -l -`: the
    /// page for unknot (keys, environment, files, safety), or for one
    /// command (`unknot man routines edit`); or write every page to a
    /// directory with --dir.
    Man(ManArgs),
    /// List, show, check, create and edit routines.
    #[command(subcommand)]
    Routines(RoutinesCmd),
    /// Print the JSON Schema of routine files, for editor completion.
    Schema,
    /// Show past sessions: charts and a table in a terminal, or print them
    /// as a table, CSV or JSON.
    History(HistoryArgs),
    /// Write a progress report to bring to a doctor or physiotherapist: one
    /// HTML page with charts, for the last 30 days unless told otherwise.
    Report(ReportArgs),
    /// Where the config file is, what it sets, and whether it is valid.
    #[command(subcommand)]
    Config(ConfigCmd),
    /// Check sound, the config file, the data directory and history, the
    /// routines and the terminal. Exit status: 0 all well, 1 a problem.
    Doctor,
}

/// The options of `unknot man`.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct ManArgs {
    /// The command whose page to print (`history`, `routines edit`);
    /// none: unknot's own page.
    #[arg(value_name = "COMMAND")]
    pub command: Vec<String>,
    /// Write every page (unknot.1, unknot-start.1, …) into this directory
    /// instead, e.g. ~/.local/share/man/man1.
    #[arg(long, value_name = "DIR", conflicts_with = "command")]
    pub dir: Option<PathBuf>,
}

/// `unknot config …`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Subcommand)]
pub enum ConfigCmd {
    /// Print the config file's path (it need not exist).
    Path,
    /// Print the settings in effect (the file over the defaults) as TOML.
    Show,
    /// Check the config file. Exit status: 0 valid or absent, 2 errors.
    Check,
}

/// The colour theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ThemeArg {
    Default,
    HighContrast,
    #[value(alias = "no-color")]
    NoColour,
}

impl From<ThemeArg> for crate::ui::Theme {
    fn from(t: ThemeArg) -> Self {
        match t {
            ThemeArg::Default => crate::ui::Theme::Default,
            ThemeArg::HighContrast => crate::ui::Theme::HighContrast,
            ThemeArg::NoColour => crate::ui::Theme::NoColor,
        }
    }
}

/// `unknot routines …`: the routine editing workflow.
#[derive(Debug, Clone, PartialEq, Eq, Subcommand)]
pub enum RoutinesCmd {
    /// List every routine: name, origin, total time, steps and summary.
    List,
    /// Show a routine's steps with their times and sides. Exit status: 0
    /// shown, 1 shown with warnings (on stderr, as `check` has them), 2 not
    /// found or with errors.
    Show {
        /// A routine's name or a path to a .toml file.
        #[arg(value_name = "ROUTINE")]
        name: String,
    },
    /// Check routines; all of them when none is named. Exit status: 0 clean,
    /// 1 warnings only, 2 errors.
    Check {
        /// Routine names or paths to .toml files.
        #[arg(value_name = "ROUTINE")]
        names: Vec<String>,
    },
    /// Create a routine in your routine folder from a commented starter, or
    /// as a copy of another routine.
    New {
        /// The new routine's name: lowercase letters, digits and hyphens.
        name: String,
        /// Start from a copy of this routine instead of the starter.
        #[arg(long, value_name = "ROUTINE")]
        from: Option<String>,
    },
    /// Edit a routine in $VISUAL or $EDITOR, checking it before it is saved.
    /// A bundled routine is saved as your own copy.
    Edit {
        /// A routine's name or a path to a .toml file.
        #[arg(value_name = "ROUTINE")]
        name: String,
    },
}

/// The options of `unknot history`.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct HistoryArgs {
    /// Print in this format instead of opening the interactive view
    /// (when the output is not a terminal, a table is printed).
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// Only the N most recent sessions.
    #[arg(long, value_name = "N", value_parser = at_least_one)]
    pub last: Option<u64>,
    /// One row per technique and side instead of per session: times done,
    /// the check-in answers after it, stops during it, times shortened or
    /// skipped, and when each last happened (a table unless --format says).
    #[arg(long)]
    pub techniques: bool,
}

/// A count of 1 or more, said in words when it is not one.
fn at_least_one(s: &str) -> Result<u64, String> {
    match s.parse::<u64>() {
        Ok(0) => Err("0 sessions is none: give 1 or more".to_string()),
        Ok(n) => Ok(n),
        Err(_) => Err(format!("'{s}' is not a number of sessions: give 1 or more")),
    }
}

/// The options of `unknot report`.
#[derive(Debug, Clone, Default, clap::Args)]
pub struct ReportArgs {
    /// Only sessions on or after this date, YYYY-MM-DD [default: the last
    /// 30 days].
    #[arg(long, value_name = "DATE", conflicts_with = "last")]
    pub since: Option<crate::report::Date>,
    /// Only the N most recent sessions.
    #[arg(long, value_name = "N", value_parser = at_least_one)]
    pub last: Option<u64>,
    /// Write the report here [default: unknot-report-DATE.html in the
    /// current directory, readable only by you].
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Replace the file if it exists.
    #[arg(long)]
    pub force: bool,
    /// Open the report when written (xdg-open, or open on macOS).
    #[arg(long)]
    pub open: bool,
}

/// What is spoken as each step begins.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GuidanceArg {
    /// Only the cues (tones and their short phrases).
    Cues,
    /// The cues and the step's title.
    Titles,
    /// The cues, the title and side, how to lie and what to watch for.
    Full,
}

impl From<GuidanceArg> for crate::session::Guidance {
    fn from(g: GuidanceArg) -> Self {
        match g {
            GuidanceArg::Cues => crate::session::Guidance::Cues,
            GuidanceArg::Titles => crate::session::Guidance::Titles,
            GuidanceArg::Full => crate::session::Guidance::Full,
        }
    }
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
    /// A routine's name (yours or bundled) or a path to a .toml routine file.
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
    /// Colours: default, high-contrast or no-colour (NO_COLOR is honoured).
    #[arg(long, value_enum)]
    pub theme: Option<ThemeArg>,
    /// Play no sound at all (the session runs silently).
    #[arg(long)]
    pub no_audio: bool,
    /// Tones only: no spoken prompts.
    #[arg(long)]
    pub no_voice: bool,
    /// What is spoken as each step begins: cues only, the title too
    /// [default], or in full (title, side, position and caution; the
    /// preparation grows to fit the words).
    #[arg(long, value_enum)]
    pub guidance: Option<GuidanceArg>,
    /// Do not offer the session to media controls (earbuds, media keys,
    /// desktop widgets, playerctl).
    #[arg(long)]
    pub no_media_controls: bool,
    /// Loudness of the cues, from 0 (off) to 100 [default: the config
    /// file's volume, or 80].
    #[arg(long, value_name = "0-100", value_parser = clap::value_parser!(u8).range(0..=100))]
    pub volume: Option<u8>,
    /// Ring the terminal bell for the key cues (begin, release, stop) when
    /// no sound can be played.
    #[arg(long)]
    pub bell: bool,
}

impl StartArgs {
    /// The sound options as config flags (`None`: not given here, so the
    /// config file or the default decides).
    pub fn sound_flags(&self) -> (Option<bool>, Option<u8>, Option<bool>) {
        let voice = self.no_voice.then_some(false);
        let volume = if self.no_audio { Some(0) } else { self.volume };
        (voice, volume, self.bell.then_some(true))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    fn start(args: &[&str]) -> Result<StartArgs, clap::Error> {
        match Cli::try_parse_from([&["unknot", "start"], args].concat())?.command {
            Some(Cmd::Start(a)) => Ok(a),
            _ => unreachable!("start was given"),
        }
    }

    #[test]
    fn sound_options_become_config_flags() {
        assert_eq!(start(&[]).unwrap().sound_flags(), (None, None, None));
        let a = start(&["--volume", "40", "--no-voice", "--bell"]).unwrap();
        assert_eq!(a.sound_flags(), (Some(false), Some(40), Some(true)));
        let off = start(&["--no-audio", "--volume", "70"]).unwrap();
        assert_eq!(off.sound_flags().1, Some(0));
        assert!(start(&["--volume", "101"]).is_err());
        assert!(start(&["--volume", "-1"]).is_err());
    }

    #[test]
    fn last_wants_one_or_more_and_says_so() {
        for cmd in ["history", "report"] {
            let err = Cli::try_parse_from(["unknot", cmd, "--last", "0"]).unwrap_err();
            let text = err.to_string();
            assert!(text.contains("give 1 or more"), "{text}");
            assert!(!text.contains("18446744073709551615"), "{text}");
            assert!(Cli::try_parse_from(["unknot", cmd, "--last", "3"]).is_ok());
        }
    }

    #[test]
    fn guidance_and_media_controls_flags() {
        let a = start(&["--guidance", "full", "--no-media-controls"]).unwrap();
        assert_eq!(a.guidance, Some(GuidanceArg::Full));
        assert!(a.no_media_controls);
        let d = start(&[]).unwrap();
        assert_eq!((d.guidance, d.no_media_controls), (None, false));
        assert!(start(&["--guidance", "all"]).is_err());
    }

    #[test]
    fn the_cli_definition_is_consistent() {
        Cli::command().debug_assert();
    }
}

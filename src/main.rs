//! The `unknot` binary: parse the command line, dispatch, report errors.
//! Everything else lives in the library (see `lib.rs` for a map).

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::Parser;
use unknot::app::{self, Ending, Options};
use unknot::audio::Silent;
use unknot::cli::{Cli, Cmd, StartArgs};
use unknot::routine::Style;
use unknot::routine::commands;
use unknot::routine::library::{DEFAULT_ROUTINE, FindError, Library};
use unknot::ui::{Sound, Theme};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command.unwrap_or(Cmd::Start(StartArgs::default())) {
        Cmd::Start(args) => start(args),
        Cmd::Completions { shell } => {
            unknot::cli::completions(shell, &mut std::io::stdout());
            ExitCode::SUCCESS
        }
        Cmd::Man => match unknot::cli::man(&mut std::io::stdout()) {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("unknot: cannot write the manual page: {e}");
                ExitCode::from(1)
            }
        },
        Cmd::Routines(cmd) => ExitCode::from(commands::run(cmd)),
        Cmd::Schema => ExitCode::from(commands::print_schema(&mut std::io::stdout().lock())),
    }
}

fn start(args: StartArgs) -> ExitCode {
    let name = args.routine.as_deref().unwrap_or(DEFAULT_ROUTINE);
    let style = Style::detect(std::io::stderr().is_terminal());
    let found = match Library::from_env().find(name) {
        Ok(found) => found,
        Err(FindError::Invalid(report)) => {
            eprint!("{}", report.render(style));
            eprintln!("unknot: '{name}' has errors; `unknot routines edit {name}` opens it");
            return ExitCode::from(2);
        }
        Err(e) => {
            eprintln!("unknot: {e}");
            return ExitCode::from(2);
        }
    };
    // Warnings never stop a session; they stay on screen after it ends.
    eprint!("{}", found.warnings.render(style));
    // Keys need a terminal; the full-screen view also needs one for output.
    // `--plain` output may go to a pipe or a file.
    if !std::io::stdin().is_terminal() || (!args.plain && !std::io::stdout().is_terminal()) {
        eprintln!(
            "unknot: a session needs an interactive terminal (stdin{} must be a terminal)",
            if args.plain { "" } else { " and stdout" }
        );
        return ExitCode::from(2);
    }
    let opts = Options {
        routine: found.routine,
        side: args.side.map(Into::into),
        theme: Theme::from_env(),
        bell: false,
        plain: args.plain,
    };
    match app::run(opts, Box::new(Silent(Sound::Off))) {
        Ok(Ending::Session(_)) => ExitCode::SUCCESS,
        Ok(Ending::Signal(sig)) => ExitCode::from(128 + sig as u8),
        Err(e) => {
            eprintln!("unknot: terminal error: {e}");
            ExitCode::from(1)
        }
    }
}

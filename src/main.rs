//! The `unknot` binary: parse the command line, dispatch, report errors.
//! Everything else lives in the library (see `lib.rs` for a map).

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::Parser;
use unknot::app::{self, Ending, Options};
use unknot::audio::Silent;
use unknot::cli::{Cli, Cmd, HistoryArgs, StartArgs};
use unknot::history::command::{self, Recording};
use unknot::notice;
use unknot::routine::Style;
use unknot::routine::commands;
use unknot::routine::library::{DEFAULT_ROUTINE, FindError, Library, RELIEF_ROUTINE};
use unknot::ui::{Sound, Theme};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let data_dir = cli.data_dir.as_deref();
    match cli.command.unwrap_or(Cmd::Start(StartArgs::default())) {
        Cmd::Start(args) => start(args, data_dir),
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
        Cmd::History(HistoryArgs { format, last }) => command::history(
            data_dir,
            command::Request {
                format,
                last: last.map(|n| usize::try_from(n).unwrap_or(usize::MAX)),
            },
        ),
    }
}

fn start(args: StartArgs, data_dir: Option<&std::path::Path>) -> ExitCode {
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
    // Before anything else: a history problem is told on the plain terminal.
    let store = match command::open_for_session(data_dir) {
        Ok(store) => store,
        Err(code) => return code,
    };
    // Keys need a terminal; the full-screen view also needs one for output.
    // `--plain` output may go to a pipe or a file.
    if !std::io::stdin().is_terminal() || (!args.plain && !std::io::stdout().is_terminal()) {
        eprintln!(
            "unknot: a session needs an interactive terminal (stdin{} must be a terminal)",
            if args.plain { "" } else { " and stdout" }
        );
        return ExitCode::from(2);
    }
    let side = args.side.map(Into::into);
    // The first-run notice is remembered beside the history.
    let notice_dir = unknot::history::data_dir(data_dir).ok();
    let mut recording = match Recording::start(store, &found.routine, side) {
        Ok(recording) => recording,
        Err(code) => return code,
    };
    let opts = Options {
        routine: found.routine,
        // Offered instead of massage when the pain began recently. It may
        // not be installed; the intake then says what to do without it.
        relief: Library::from_env()
            .find(RELIEF_ROUTINE)
            .ok()
            .map(|f| f.routine),
        notice: !notice::seen(notice_dir.as_deref()),
        data_dir: notice_dir,
        side,
        theme: Theme::from_env(),
        bell: false,
        plain: args.plain,
        history: recording.recorder.take(),
        trend: recording.trend.take(),
    };
    let result = app::run(opts, Box::new(Silent(Sound::Off)));
    // Everything recorded is committed before the program ends.
    recording.close();
    match result {
        Ok(Ending::Session(_)) => ExitCode::SUCCESS,
        Ok(Ending::Signal(sig)) => ExitCode::from(128 + sig as u8),
        Err(e) => {
            eprintln!("unknot: terminal error: {e}");
            ExitCode::from(1)
        }
    }
}

//! The `unknot` binary: parse the command line, dispatch, report errors.
//! Everything else lives in the library (see `lib.rs` for a map).

use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;

use clap::Parser;
use unknot::app::{self, Ending, Options};
use unknot::audio;
use unknot::cli::{Cli, Cmd, ConfigCmd, HistoryArgs, StartArgs};
use unknot::config::{self, Flags, Settings};
use unknot::history::command::{self, Recording};
use unknot::notice;
use unknot::routine::Style;
use unknot::routine::commands;
use unknot::routine::library::{FindError, Library, RELIEF_ROUTINE};

fn main() -> ExitCode {
    one_heap();
    let cli = Cli::parse();
    let data_dir = cli.data_dir.as_deref();
    let config_path = config::path(
        cli.config.as_deref(),
        std::env::var_os(config::ENV_PATH).map(std::path::PathBuf::from),
    );
    match cli.command.unwrap_or(Cmd::Start(StartArgs::default())) {
        Cmd::Start(args) => start(args, data_dir, config_path.as_deref()),
        Cmd::Config(cmd) => config_cmd(cmd, config_path.as_deref()),
        Cmd::Doctor => {
            let file = load_config(config_path.as_deref()).unwrap_or_default();
            let settings = Settings::resolve(&Flags::default(), &file, no_color_env());
            let sound = unknot::doctor::sound(audio::Settings {
                volume: settings.volume,
                voice: false,
                bell: false,
            });
            let checks = unknot::doctor::run(config_path.as_deref(), data_dir, sound);
            let (text, code) = unknot::doctor::report(&checks);
            print!("{text}");
            ExitCode::from(code)
        }
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
        Cmd::Report(args) => {
            unknot::report::command::report(data_dir, config_path.as_deref(), &args.request())
        }
        Cmd::History(HistoryArgs { format, last }) => command::history(
            data_dir,
            command::Request {
                format,
                last: last.map(|n| usize::try_from(n).unwrap_or(usize::MAX)),
            },
        ),
    }
}

/// Whether `NO_COLOR` asks for no colours (any non-empty value).
fn no_color_env() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

/// The config file's settings, or its errors on stderr and exit code 2.
fn load_config(path: Option<&Path>) -> Result<config::FileConfig, ExitCode> {
    let Some(path) = path else {
        return Ok(config::FileConfig::default());
    };
    config::load(path).map_err(|report| {
        eprint!(
            "{}",
            report.render(Style::detect(std::io::stderr().is_terminal()))
        );
        eprintln!("unknot: the config file has errors; fix it or `unknot config check` it");
        ExitCode::from(2)
    })
}

fn config_cmd(cmd: ConfigCmd, path: Option<&Path>) -> ExitCode {
    match cmd {
        ConfigCmd::Path => match path {
            Some(p) => {
                println!("{}", p.display());
                ExitCode::SUCCESS
            }
            None => {
                eprintln!("unknot: no config directory is known (is HOME set?); use --config FILE");
                ExitCode::from(2)
            }
        },
        ConfigCmd::Show | ConfigCmd::Check => match load_config(path) {
            Err(code) => code,
            Ok(file) if cmd == ConfigCmd::Show => {
                print!(
                    "{}",
                    Settings::resolve(&Flags::default(), &file, no_color_env()).to_toml()
                );
                ExitCode::SUCCESS
            }
            Ok(_) => {
                match path {
                    Some(p) if p.exists() => println!("{}: valid", p.display()),
                    Some(p) => println!("{}: not there; the defaults apply", p.display()),
                    None => println!("no config file; the defaults apply"),
                }
                ExitCode::SUCCESS
            }
        },
    }
}

fn start(args: StartArgs, data_dir: Option<&Path>, config_path: Option<&Path>) -> ExitCode {
    let file = match load_config(config_path) {
        Ok(file) => file,
        Err(code) => return code,
    };
    let (voice, volume, bell) = args.sound_flags();
    let flags = Flags {
        routine: args.routine.clone(),
        side: args.side.map(Into::into),
        theme: args.theme.map(Into::into),
        voice,
        volume,
        bell,
    };
    let settings = Settings::resolve(&flags, &file, no_color_env());
    let name = settings.routine.as_str();
    let style = Style::detect(std::io::stderr().is_terminal());
    let mut found = match Library::from_env().find(name) {
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
    settings.apply(&mut found.routine);
    let side = settings.side;
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
        theme: settings.theme,
        bell: settings.bell,
        plain: args.plain,
        history: recording.recorder.take(),
        trend: recording.trend.take(),
    };
    // Returns at once: the sound device is opened on the player's thread.
    let player = audio::start(audio::Settings {
        volume: settings.volume,
        voice: settings.voice,
        bell: settings.bell,
    });
    let result = app::run(opts, player);
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

/// Keep every thread's allocations in one heap. glibc gives each new
/// thread that allocates its own arena (the history writer, the sound
/// player, the sound library's threads), and each arena keeps its own
/// touched pages; unknot's threads allocate little and rarely, so one
/// shared heap costs no measurable time and keeps the resident memory down.
fn one_heap() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only changes allocator tuning; called before any
    // other thread exists.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 1);
    }
}

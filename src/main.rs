//! The `unknot` binary: parse the command line and dispatch to a
//! subcommand in `unknot::commands`; nothing else. Everything lives in the
//! library (see `lib.rs` for a map).

use std::process::ExitCode;

use clap::Parser;
use unknot::cli::{Cli, Cmd, HistoryArgs, StartArgs};
use unknot::commands::{self, history, routines};
use unknot::config;

fn main() -> ExitCode {
    one_heap();
    let cli = Cli::parse();
    let data_dir = cli.data_dir.as_deref();
    let config_path = config::path(
        cli.config.as_deref(),
        std::env::var_os(config::ENV_PATH).map(std::path::PathBuf::from),
    );
    let config_path = config_path.as_deref();
    match cli.command.unwrap_or(Cmd::Start(StartArgs::default())) {
        Cmd::Start(args) => commands::start::run(args, data_dir, config_path),
        Cmd::Config(cmd) => commands::config::run(cmd, config_path),
        Cmd::Doctor => commands::doctor::command(config_path, data_dir),
        Cmd::Completions { shell } => commands::docs::completions_cmd(shell),
        Cmd::Man(args) => commands::docs::man_cmd(&args),
        Cmd::Routines(cmd) => ExitCode::from(routines::run(cmd)),
        Cmd::Schema => ExitCode::from(routines::print_schema(&mut std::io::stdout().lock())),
        Cmd::Report(args) => commands::report::run(
            data_dir,
            config_path,
            &commands::report::Request::from_args(&args),
        ),
        Cmd::History(HistoryArgs {
            format,
            last,
            techniques,
        }) => history::history(
            data_dir,
            history::Request {
                format,
                last: last.map(|n| usize::try_from(n).unwrap_or(usize::MAX)),
                techniques,
            },
        ),
    }
}

/// Keep every thread's allocations in one heap. glibc gives each new
/// thread that allocates its own arena (the history writer, the sound
/// player, the sound library's threads), and each arena keeps its own
/// touched pages; unknot's threads allocate little and rarely, so one
/// shared heap costs no measurable time and keeps the resident memory down.
fn one_heap() {
    unknot::sys::one_malloc_arena();
}

//! `unknot config path|show|check`, and the config loading every command
//! shares: a file with mistakes is reported with file:line:column on
//! stderr and the command ends with exit code 2.

use std::path::Path;
use std::process::ExitCode;

use super::{no_color_env, stderr_style};
use crate::cli::ConfigCmd;
use crate::config::{self, FileConfig, Flags, Settings};
use crate::routine::library::Library;

/// Which command reads the config: `unknot config …` itself, or another
/// one (which then points to `unknot config check`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reader {
    /// `unknot config check` or `show`: the errors above are the answer.
    ConfigCommand,
    /// Any other command.
    Other,
}

/// The config file's settings, with the routine it names checked against
/// the routines that exist; or its errors on stderr and exit code 2.
pub fn load(path: Option<&Path>, reader: Reader) -> Result<FileConfig, ExitCode> {
    let Some(path) = path else {
        return Ok(FileConfig::default());
    };
    config::load_checked(path, &Library::from_env().names()).map_err(|report| {
        eprint!("{}", report.render(stderr_style()));
        match reader {
            Reader::ConfigCommand => eprintln!(
                "unknot: the config file '{}' has errors; nothing was changed",
                path.display()
            ),
            Reader::Other => eprintln!(
                "unknot: the config file '{}' has errors; fix them (`unknot config check` checks it again)",
                path.display()
            ),
        }
        ExitCode::from(2)
    })
}

/// Run `unknot config …` for the config file at `path`.
pub fn run(cmd: ConfigCmd, path: Option<&Path>) -> ExitCode {
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
        ConfigCmd::Show | ConfigCmd::Check => match load(path, Reader::ConfigCommand) {
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

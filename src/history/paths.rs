//! Where the history database lives: the `--data-dir` flag, else the
//! `UNKNOT_DATA_DIR` environment variable, else the platform's data
//! directory for "unknot" (on Linux `$XDG_DATA_HOME/unknot`, usually
//! `~/.local/share/unknot`; on macOS `~/Library/Application Support/unknot`).

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use super::HistoryError;

/// The environment variable that moves the data directory.
pub const DATA_DIR_ENV: &str = "UNKNOT_DATA_DIR";

/// The database's file name inside the data directory.
pub const DB_FILE: &str = "history.sqlite3";

/// The data directory to use, from the flag, the environment or the
/// platform (in that order).
pub fn data_dir(flag: Option<&Path>) -> Result<PathBuf, HistoryError> {
    resolve(flag, std::env::var_os(DATA_DIR_ENV), || {
        directories::ProjectDirs::from("", "", "unknot").map(|d| d.data_dir().to_path_buf())
    })
}

/// The database file inside a data directory.
pub fn db_path(dir: &Path) -> PathBuf {
    dir.join(DB_FILE)
}

fn resolve(
    flag: Option<&Path>,
    env: Option<OsString>,
    platform: impl FnOnce() -> Option<PathBuf>,
) -> Result<PathBuf, HistoryError> {
    if let Some(dir) = flag {
        return Ok(dir.to_path_buf());
    }
    if let Some(dir) = env.filter(|v| !v.is_empty()) {
        return Ok(PathBuf::from(dir));
    }
    platform().ok_or(HistoryError::NoDataDir)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn platform() -> Option<PathBuf> {
        Some(PathBuf::from("/home/p/.local/share/unknot"))
    }

    #[test]
    fn flag_beats_environment_beats_platform() {
        let flag = Path::new("/flag");
        let env = Some(OsString::from("/env"));
        assert_eq!(resolve(Some(flag), env.clone(), platform).unwrap(), flag);
        assert_eq!(resolve(None, env, platform).unwrap(), Path::new("/env"));
        assert_eq!(resolve(None, None, platform).unwrap(), platform().unwrap());
    }

    #[test]
    fn empty_environment_is_ignored_and_no_home_is_an_error() {
        let empty = Some(OsString::new());
        assert_eq!(resolve(None, empty, platform).unwrap(), platform().unwrap());
        let err = resolve(None, None, || None).unwrap_err().to_string();
        assert!(err.contains(DATA_DIR_ENV), "{err}");
    }

    #[test]
    fn database_sits_in_the_directory() {
        assert_eq!(db_path(Path::new("/d")), Path::new("/d/history.sqlite3"));
    }
}

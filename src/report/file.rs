//! The two things `unknot report` does to the world besides reading the
//! history: write the page, and hand it to the desktop's opener.
//!
//! Writing is atomic: the page goes to a temporary file beside the target,
//! is flushed to disk, then renamed into place, so a crash or a full disk
//! never leaves half a report. An existing file is replaced only with
//! `--force` (without it, the rename refuses to overwrite, race-free). The
//! default file is readable by its owner alone (a health record in the
//! current directory); a place named with `-o` gets the usual permissions
//! (the umask decides), since the person chose where it goes.

use std::io::{self, Write};
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The default file name for a report made on `date` (`2024-03-01`).
pub fn default_name(date: &str) -> String {
    format!("unknot-report-{date}.html")
}

/// Why the page could not be written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// The target exists and `--force` was not given.
    #[error("'{}' already exists; pass --force to replace it, or -o FILE to write elsewhere", .0.display())]
    Exists(PathBuf),
    /// Anything the file system refused.
    #[error("cannot write the report to '{}': {source}", path.display())]
    Io {
        /// The target.
        path: PathBuf,
        /// Why.
        source: io::Error,
    },
}

/// Write `html` to `path` atomically. `private`: readable by the owner
/// only. `force`: replace an existing file.
pub fn write(path: &Path, html: &str, private: bool, force: bool) -> Result<(), WriteError> {
    let io_err = |source| WriteError::Io {
        path: path.to_path_buf(),
        source,
    };
    if !force && path.symlink_metadata().is_ok() {
        return Err(WriteError::Exists(path.to_path_buf()));
    }
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".unknot-report-").suffix(".tmp");
    if !private {
        // Created with 0666 less the umask, like any new file.
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let mut tmp = builder.tempfile_in(dir).map_err(io_err)?;
    tmp.write_all(html.as_bytes()).map_err(io_err)?;
    tmp.as_file().sync_all().map_err(io_err)?;
    let placed = if force {
        tmp.persist(path)
    } else {
        tmp.persist_noclobber(path)
    };
    match placed {
        Ok(_) => Ok(()),
        Err(e) if e.error.kind() == io::ErrorKind::AlreadyExists => {
            Err(WriteError::Exists(path.to_path_buf()))
        }
        Err(e) => Err(io_err(e.error)),
    }
}

/// The desktop's program for opening a file with its usual application.
pub const OPENER: &str = if cfg!(target_os = "macos") {
    "open"
} else {
    "xdg-open"
};

/// How long to wait for the opener to say it failed. Most openers hand
/// the file over and exit at once; one still running after this is left
/// to go on (it may be the viewer itself).
const OPENER_GRACE: Duration = Duration::from_secs(3);

/// Hand `path` to the opener: one argument, never through a shell. The
/// path is made absolute first, so a name starting with `-` cannot be
/// taken for an option.
pub fn open(path: &Path) -> io::Result<()> {
    let path = std::path::absolute(path)?;
    let mut child = Command::new(OPENER)
        .arg(&path)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .spawn()
        .map_err(|e| io::Error::new(e.kind(), format!("cannot run '{OPENER}': {e}")))?;
    let deadline = Instant::now() + OPENER_GRACE;
    loop {
        if let Some(status) = child.try_wait()? {
            return if status.success() {
                Ok(())
            } else {
                Err(io::Error::other(format!("'{OPENER}' failed ({status})")))
            };
        }
        if Instant::now() >= deadline {
            return Ok(());
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::MetadataExt;

    #[test]
    fn default_file_is_private_and_never_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(default_name("2024-03-01"));
        write(&path, "one", true, false).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "one");
        assert_eq!(path.metadata().unwrap().mode() & 0o777, 0o600);
        let err = write(&path, "two", true, false).unwrap_err();
        assert!(matches!(err, WriteError::Exists(_)), "{err}");
        assert!(err.to_string().contains("--force"), "{err}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "one");
        write(&path, "two", true, true).unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "two");
        // Nothing is left behind but the report.
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1);
    }

    #[test]
    fn a_named_place_gets_the_usual_permissions() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("for-the-physio.html");
        write(&path, "x", false, false).unwrap();
        let mode = path.metadata().unwrap().mode() & 0o777;
        // 0666 less what the umask takes away (Linux shows it in status).
        let status = std::fs::read_to_string("/proc/self/status").unwrap();
        let umask = status
            .lines()
            .find_map(|l| l.strip_prefix("Umask:"))
            .map(|v| u32::from_str_radix(v.trim(), 8).unwrap())
            .unwrap();
        assert_eq!(mode, 0o666 & !umask, "umask {umask:o}");
    }

    #[test]
    fn a_missing_directory_is_a_clear_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("no/such/dir/r.html");
        let err = write(&path, "x", true, false).unwrap_err().to_string();
        assert!(err.starts_with("cannot write the report to '"), "{err}");
        assert!(err.contains("r.html"), "{err}");
    }
}

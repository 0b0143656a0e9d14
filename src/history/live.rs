//! Telling a running session from a dead one. Each recording unknot holds
//! an exclusive lock (std's [`File::try_lock`], a `flock` on Linux and
//! macOS) on `live/<owner>.lock` in the data directory for as long as it
//! runs; the kernel drops the lock when the process dies, by any means
//! (SIGKILL, crash, power cut). A session row without an outcome
//! whose lock can be taken belongs to a dead process: it was interrupted.
//!
//! The lock file is created and locked *before* the session row exists,
//! so another unknot can never see a live session without its lock.

use std::fs::{File, OpenOptions, TryLockError};
use std::io;
use std::path::{Path, PathBuf};

use super::HistoryError;

/// The folder of lock files inside the data directory.
const LIVE_DIR: &str = "live";

/// An exclusive lock held for a running session.
#[derive(Debug)]
pub struct LiveLock {
    /// Kept open: closing it would release the lock.
    file: File,
    path: PathBuf,
}

/// A token unique to this process and moment, safe as a file name.
pub fn new_owner() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    format!("{}-{nanos}", std::process::id())
}

/// The lock path for an owner token, if the token is one we could have
/// made (digits and dashes); anything else is never used as a path.
fn lock_path(dir: &Path, owner: &str) -> Option<PathBuf> {
    let safe = !owner.is_empty() && owner.chars().all(|c| c.is_ascii_digit() || c == '-');
    safe.then(|| dir.join(LIVE_DIR).join(format!("{owner}.lock")))
}

/// Take the exclusive lock without waiting: `Ok(false)` when another open
/// handle (in any process, this one included) holds it.
fn try_lock(file: &File) -> io::Result<bool> {
    match file.try_lock() {
        Ok(()) => Ok(true),
        Err(TryLockError::WouldBlock) => Ok(false),
        Err(TryLockError::Error(e)) => Err(e),
    }
}

impl LiveLock {
    /// Create and lock the lock file for `owner`.
    pub fn acquire(dir: &Path, owner: &str) -> Result<LiveLock, HistoryError> {
        let path = lock_path(dir, owner).expect("owner tokens made by new_owner are safe");
        let fail = |source| HistoryError::LockFile {
            path: path.clone(),
            source,
        };
        std::fs::create_dir_all(dir.join(LIVE_DIR)).map_err(fail)?;
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(fail)?;
        match try_lock(&file) {
            Ok(true) => Ok(LiveLock { file, path }),
            Ok(false) => Err(fail(io::Error::new(
                io::ErrorKind::WouldBlock,
                "another process holds it",
            ))),
            Err(e) => Err(fail(e)),
        }
    }

    /// The session is over: remove the file, then let go of the lock.
    pub fn release(self) {
        let _ = std::fs::remove_file(&self.path);
        drop(self.file);
    }
}

/// Whether the process that owns a session is still running. Unknown
/// states (a lock file we may not open) count as alive, so a session is
/// never marked interrupted on a guess.
pub fn is_alive(dir: &Path, owner: &str) -> bool {
    let Some(path) = lock_path(dir, owner) else {
        return false;
    };
    let file = match OpenOptions::new().write(true).open(&path) {
        Ok(f) => f,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return false,
        Err(_) => return true,
    };
    match try_lock(&file) {
        Ok(true) => {
            // Dead: tidy its lock file while we hold the lock.
            let _ = std::fs::remove_file(&path);
            false
        }
        Ok(false) | Err(_) => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_held_lock_is_alive_and_a_released_one_is_not() {
        let dir = tempfile::tempdir().unwrap();
        let owner = new_owner();
        let lock = LiveLock::acquire(dir.path(), &owner).unwrap();
        // flock locks belong to the open file description: a second open
        // in this same process conflicts just as another process would.
        assert!(is_alive(dir.path(), &owner));
        lock.release();
        assert!(!is_alive(dir.path(), &owner));
    }

    #[test]
    fn a_dropped_lock_is_dead_and_its_file_is_tidied() {
        let dir = tempfile::tempdir().unwrap();
        let owner = new_owner();
        drop(LiveLock::acquire(dir.path(), &owner).unwrap());
        let path = lock_path(dir.path(), &owner).unwrap();
        assert!(path.exists());
        assert!(!is_alive(dir.path(), &owner));
        assert!(!path.exists());
    }

    #[test]
    fn a_lock_held_by_one_handle_is_refused_to_another() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.lock");
        let open = || {
            OpenOptions::new()
                .create(true)
                .truncate(false)
                .write(true)
                .open(&path)
        };
        let (first, second) = (open().unwrap(), open().unwrap());
        assert!(try_lock(&first).unwrap());
        assert!(!try_lock(&second).unwrap());
        drop(first);
        assert!(try_lock(&second).unwrap());
    }

    #[test]
    fn strange_owner_tokens_never_become_paths() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(lock_path(dir.path(), "../../etc/passwd"), None);
        assert_eq!(lock_path(dir.path(), ""), None);
        assert!(!is_alive(dir.path(), "../x"));
    }
}

//! Shell side, like `app`: remembers that the first-run safety notice was
//! read, with a marker file in the data directory (the one the history
//! uses: `--data-dir`, else `UNKNOT_DATA_DIR`, else the platform's). If the
//! marker cannot be written the notice simply shows again next time; that
//! is never an error.

use std::io;
use std::path::Path;

/// The marker's file name.
pub const MARKER: &str = "safety-notice-seen";

/// Whether the notice was read before (with this data directory).
pub fn seen(dir: Option<&Path>) -> bool {
    dir.is_some_and(|d| d.join(MARKER).is_file())
}

/// Remember that the notice was read.
pub fn mark(dir: &Path) -> io::Result<()> {
    std::fs::create_dir_all(dir)?;
    std::fs::write(
        dir.join(MARKER),
        "The unknot safety notice was shown and acknowledged.\nDelete this file to see it again.\n",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marking_makes_it_seen() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path().join("nested").join("data");
        assert!(!seen(Some(&dir)));
        assert!(!seen(None));
        mark(&dir).unwrap();
        assert!(seen(Some(&dir)));
    }

    #[test]
    fn an_unwritable_dir_is_an_error_not_a_panic() {
        let tmp = tempfile::tempdir().unwrap();
        let file = tmp.path().join("a-file");
        std::fs::write(&file, "").unwrap();
        assert!(mark(&file.join("below")).is_err());
        assert!(!seen(Some(&file.join("below"))));
    }
}

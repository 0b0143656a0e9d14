//! Writing routine files safely: every write goes to a temporary file in
//! the same folder and is renamed into place, so a file is either the old
//! version or the new one, never half of each.

use std::fs;
use std::io::{self, Write};
use std::path::Path;

use toml::de::DeTable;

use super::Io;
use crate::routine::schema;

/// Keep `unknot-routine.schema.json` current in the user folder, so the
/// `#:schema` line of every routine there resolves. A failure only costs
/// editor completion, so it is reported but not fatal.
pub(super) fn write_schema(dir: &Path, io: &mut Io<'_>) {
    let path = dir.join(schema::FILE_NAME);
    let text = schema::to_json();
    if fs::read_to_string(&path).is_ok_and(|old| old == text) {
        return;
    }
    if let Err(e) = write_atomic(&path, text.as_bytes(), true) {
        let _ = writeln!(io.err, "unknot: note: cannot write {}: {e}", path.display());
    }
}

/// Write `bytes` to a temporary file beside `path`, then rename it over
/// `path` (or, with `replace` false, refuse if `path` exists).
pub(super) fn write_atomic(path: &Path, bytes: &[u8], replace: bool) -> io::Result<()> {
    let dir = parent(path);
    let mut tmp = tempfile::Builder::new()
        .prefix(".unknot-")
        .permissions(shareable())
        .tempfile_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    if replace {
        tmp.persist(path)?;
    } else {
        tmp.persist_noclobber(path)?;
    }
    Ok(())
}

/// Read and write for everyone the umask allows, like any file an editor
/// creates (temporary files are otherwise private to their owner).
pub(super) fn shareable() -> fs::Permissions {
    use std::os::unix::fs::PermissionsExt;
    fs::Permissions::from_mode(0o666)
}

pub(super) fn parent(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// `source` with its `name` value replaced by `name`, comments kept.
pub(super) fn renamed(source: &str, name: &str) -> Option<String> {
    let doc = DeTable::parse(source).ok()?;
    let span = doc.get_ref().get("name")?.span();
    Some(format!(
        "{}\"{name}\"{}",
        &source[..span.start],
        &source[span.end..]
    ))
}

/// Replace `dest` with the edited copy in one rename, keeping `dest`'s
/// permissions. If that fails the copy is kept and its path reported.
pub(super) fn persist(tmp: tempfile::NamedTempFile, dest: &Path) -> io::Result<()> {
    if let Ok(meta) = fs::metadata(dest) {
        fs::set_permissions(tmp.path(), meta.permissions())?;
    }
    tmp.as_file().sync_all()?;
    tmp.persist(dest).map(drop).map_err(|e| {
        let kept = e
            .file
            .into_temp_path()
            .keep()
            .map(|p| p.display().to_string());
        let place = kept.map_or_else(|_| "lost".to_string(), |p| format!("kept in {p}"));
        io::Error::new(
            e.error.kind(),
            format!(
                "cannot save {}: {}; your text is {place}",
                dest.display(),
                e.error
            ),
        )
    })
}

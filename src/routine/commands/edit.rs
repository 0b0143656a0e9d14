//! `unknot routines new` and `unknot routines edit`, the way `crontab -e`
//! and `visudo` work: the editor gets a temporary copy next to the real
//! file; after it exits the copy is checked; on errors the person chooses
//! to edit again, discard, or keep anyway; the real file is replaced in one
//! atomic rename only when accepted. Nothing is ever half-written.

use std::fs;
use std::io::{self, BufRead, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus};

use toml::de::DeTable;

use super::{Io, report_find_error};
use crate::routine::library::{self, BUNDLED, Library, Origin, read_limited};
use crate::routine::{check_bytes, schema};

/// The starter written by `new` when no `--from` is given.
const STARTER: &str = include_str!("starter.toml");

/// The editor to run: `$VISUAL`, then `$EDITOR`, then `vi`.
pub fn editor_command(visual: Option<String>, editor: Option<String>) -> String {
    let set = |v: Option<String>| v.filter(|s| !s.trim().is_empty());
    set(visual)
        .or(set(editor))
        .unwrap_or_else(|| "vi".to_string())
}

/// How an edit ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditOutcome {
    /// Saved without errors (warnings allowed). Exit status 0.
    Saved,
    /// The editor changed nothing. Exit status 0.
    Unchanged,
    /// The person discarded the changes. Exit status 1.
    Discarded,
    /// Saved with errors at the person's request. Exit status 2.
    KeptWithErrors,
}

impl EditOutcome {
    fn code(self) -> u8 {
        match self {
            EditOutcome::Saved | EditOutcome::Unchanged => 0,
            EditOutcome::Discarded => 1,
            EditOutcome::KeptWithErrors => 2,
        }
    }
}

fn fail(io: &mut Io<'_>, msg: impl std::fmt::Display) -> u8 {
    let _ = writeln!(io.err, "unknot: {msg}");
    2
}

fn user_folder(lib: &Library, io: &mut Io<'_>) -> Option<PathBuf> {
    match lib.user_dir() {
        Some(d) => Some(d.to_path_buf()),
        None => {
            fail(
                io,
                format_args!(
                    "this system has no folder for your routines; set {}",
                    library::DIR_ENV
                ),
            );
            None
        }
    }
}

/// Keep `unknot-routine.schema.json` current in the user folder, so the
/// `#:schema` line of every routine there resolves. A failure only costs
/// editor completion, so it is reported but not fatal.
fn write_schema(dir: &Path, io: &mut Io<'_>) {
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
fn write_atomic(path: &Path, bytes: &[u8], replace: bool) -> io::Result<()> {
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
fn shareable() -> fs::Permissions {
    use std::os::unix::fs::PermissionsExt;
    fs::Permissions::from_mode(0o666)
}

fn parent(path: &Path) -> &Path {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    }
}

/// `source` with its `name` value replaced by `name`, comments kept.
fn renamed(source: &str, name: &str) -> Option<String> {
    let doc = DeTable::parse(source).ok()?;
    let span = doc.get_ref().get("name")?.span();
    Some(format!(
        "{}\"{name}\"{}",
        &source[..span.start],
        &source[span.end..]
    ))
}

/// `new NAME [--from ROUTINE]`.
pub fn new(lib: &Library, name: &str, from: Option<&str>, io: &mut Io<'_>) -> u8 {
    if !crate::routine::spec::is_slug(name) {
        let hint = crate::routine::read::slugify(name)
            .map(|s| format!(", such as '{s}'"))
            .unwrap_or_default();
        return fail(
            io,
            format_args!(
                "'{name}' is not a valid routine name: use lowercase letters, digits and single hyphens{hint}"
            ),
        );
    }
    let Some(dir) = user_folder(lib, io) else {
        return 2;
    };
    let path = dir.join(format!("{name}.toml"));
    if path.exists() {
        return fail(
            io,
            format_args!(
                "{} already exists; change it with `unknot routines edit {name}`",
                path.display()
            ),
        );
    }
    let text = match from {
        None => STARTER.replace("__NAME__", name),
        Some(from) => {
            let source = match lib.source(from) {
                Ok(s) => s,
                Err(e) => return report_find_error(&e, io),
            };
            let copy = std::str::from_utf8(&source.bytes)
                .ok()
                .and_then(|s| renamed(s, name));
            let checked = copy
                .as_deref()
                .map(|c| check_bytes(c.as_bytes(), &path.display().to_string(), Some(name)));
            match (copy, checked) {
                (Some(copy), Some(c)) if c.routine.is_some() => copy,
                (_, Some(c)) => {
                    let _ = write!(io.err, "{}", c.report.render(io.style));
                    return fail(
                        io,
                        format_args!(
                            "'{from}' has errors; fix them first (`unknot routines check {from}`)"
                        ),
                    );
                }
                _ => {
                    return fail(
                        io,
                        format_args!(
                            "'{from}' has errors; fix them first (`unknot routines check {from}`)"
                        ),
                    );
                }
            }
        }
    };
    if let Err(e) =
        fs::create_dir_all(&dir).and_then(|()| write_atomic(&path, text.as_bytes(), false))
    {
        return fail(io, format_args!("cannot create {}: {e}", path.display()));
    }
    write_schema(&dir, io);
    if BUNDLED.iter().any(|(n, _)| *n == name) {
        let _ = writeln!(
            io.err,
            "note: your '{name}' is used instead of the bundled routine of that name"
        );
    }
    let _ = writeln!(io.out, "{}", path.display());
    0
}

/// What the person chose after a failed check.
enum Choice {
    Again,
    Discard,
    Keep,
}

fn ask(answers: &mut dyn BufRead, io: &mut Io<'_>) -> Choice {
    loop {
        let _ = write!(
            io.err,
            "What now? [e]dit again, [d]iscard changes, [k]eep anyway (e/d/k): "
        );
        let _ = io.err.flush();
        let mut line = String::new();
        match answers.read_line(&mut line) {
            Ok(0) | Err(_) => {
                let _ = writeln!(io.err);
                return Choice::Discard;
            }
            Ok(_) => {}
        }
        match line.trim().to_ascii_lowercase().as_str() {
            "" | "e" | "edit" => return Choice::Again,
            "d" | "discard" => return Choice::Discard,
            "k" | "keep" => return Choice::Keep,
            _ => {}
        }
    }
}

/// `edit NAME`, with `editor` as written in `$VISUAL`/`$EDITOR` and the
/// person's answers read from `answers`.
pub fn edit(
    lib: &Library,
    name: &str,
    editor: &str,
    answers: &mut dyn BufRead,
    io: &mut Io<'_>,
) -> u8 {
    let argv = match shell_words::split(editor) {
        Ok(v) if !v.is_empty() => v,
        _ => {
            return fail(
                io,
                format_args!(
                    "cannot make sense of the editor command '{editor}' (from $VISUAL or $EDITOR)"
                ),
            );
        }
    };
    let source = match lib.source(name) {
        Ok(s) => s,
        Err(e) => return report_find_error(&e, io),
    };
    let dest = match &source.origin {
        Origin::Bundled => {
            let Some(dir) = user_folder(lib, io) else {
                return 2;
            };
            let dest = dir.join(format!("{}.toml", source.name));
            let _ = writeln!(
                io.err,
                "'{}' is bundled; your edited version will be saved as {} and used in its place",
                source.name,
                dest.display()
            );
            dest
        }
        Origin::User(p) | Origin::File(p) => p.clone(),
    };
    let dir = parent(&dest).to_path_buf();
    if !matches!(source.origin, Origin::File(_)) {
        if let Err(e) = fs::create_dir_all(&dir) {
            return fail(io, format_args!("cannot create {}: {e}", dir.display()));
        }
        write_schema(&dir, io);
    }
    let file_name = match source.origin {
        Origin::File(_) => None,
        _ => Some(source.name.as_str()),
    };
    match edit_loop(&argv, &source.bytes, &dest, file_name, answers, io) {
        Ok(outcome) => outcome.code(),
        Err(e) => fail(io, e),
    }
}

fn edit_loop(
    argv: &[String],
    original: &[u8],
    dest: &Path,
    file_name: Option<&str>,
    answers: &mut dyn BufRead,
    io: &mut Io<'_>,
) -> io::Result<EditOutcome> {
    let stem = dest
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("routine");
    let mut tmp = tempfile::Builder::new()
        .prefix(&format!(".{stem}."))
        .suffix(".toml")
        .permissions(shareable())
        .tempfile_in(parent(dest))?;
    tmp.write_all(original)?;
    tmp.flush()?;
    let shown = dest.display().to_string();
    loop {
        let status = run_editor(argv, tmp.path()).map_err(|e| {
            io::Error::new(
                e.kind(),
                format!("cannot start the editor '{}': {e}", argv[0]),
            )
        })?;
        if !status.success() {
            let msg = format!(
                "the editor '{}' failed ({status}); nothing was saved",
                argv[0]
            );
            return Err(io::Error::other(msg));
        }
        let edited = read_limited(tmp.path())?;
        if edited == original {
            let _ = writeln!(io.out, "No changes; {shown} left as it was.");
            return Ok(EditOutcome::Unchanged);
        }
        let report = check_bytes(&edited, &shown, file_name).report;
        if report.errors() == 0 {
            let _ = write!(io.err, "{}", report.render(io.style));
            persist(tmp, dest)?;
            let _ = writeln!(io.out, "Saved {shown}.");
            return Ok(EditOutcome::Saved);
        }
        let _ = write!(io.err, "{}", report.render(io.style));
        let _ = writeln!(io.err, "{shown}: {}", report.tally());
        match ask(answers, io) {
            Choice::Again => continue,
            Choice::Discard => {
                let _ = writeln!(io.out, "Discarded your changes; {shown} left as it was.");
                return Ok(EditOutcome::Discarded);
            }
            Choice::Keep => {
                persist(tmp, dest)?;
                let _ = writeln!(
                    io.out,
                    "Saved {shown} with errors; `unknot start` will refuse it until they are fixed."
                );
                return Ok(EditOutcome::KeptWithErrors);
            }
        }
    }
}

/// Replace `dest` with the edited copy in one rename, keeping `dest`'s
/// permissions. If that fails the copy is kept and its path reported.
fn persist(tmp: tempfile::NamedTempFile, dest: &Path) -> io::Result<()> {
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

/// Run the editor on `path` and wait. While it runs, this process ignores
/// Ctrl-C and Ctrl-\ (the editor receives them), as git does, so a stray
/// key never leaves the editor orphaned or the temporary file behind.
fn run_editor(argv: &[String], path: &Path) -> io::Result<ExitStatus> {
    let mut child = Command::new(&argv[0]).args(&argv[1..]).arg(path).spawn()?;
    let _quiet = IgnoreInterrupts::new();
    child.wait()
}

/// Ignores SIGINT and SIGQUIT until dropped.
struct IgnoreInterrupts {
    int: libc::sighandler_t,
    quit: libc::sighandler_t,
}

impl IgnoreInterrupts {
    fn new() -> Self {
        // SAFETY: `signal` with SIG_IGN installs no handler code; the
        // previous dispositions are restored in `drop`.
        unsafe {
            IgnoreInterrupts {
                int: libc::signal(libc::SIGINT, libc::SIG_IGN),
                quit: libc::signal(libc::SIGQUIT, libc::SIG_IGN),
            }
        }
    }
}

impl Drop for IgnoreInterrupts {
    fn drop(&mut self) {
        // SAFETY: restores the dispositions `new` found.
        unsafe {
            libc::signal(libc::SIGINT, self.int);
            libc::signal(libc::SIGQUIT, self.quit);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editor_preference() {
        let s = |v: &str| Some(v.to_string());
        assert_eq!(editor_command(s("code --wait"), s("nano")), "code --wait");
        assert_eq!(editor_command(s(" "), s("nano")), "nano");
        assert_eq!(editor_command(None, None), "vi");
    }

    #[test]
    fn starter_is_clean_and_renaming_keeps_comments() {
        let text = STARTER.replace("__NAME__", "my-back");
        let c = crate::routine::check(&text, "my-back.toml");
        assert!(c.report.diagnostics().is_empty(), "{}", c.report);
        let copy = renamed(BUNDLED[0].1, "mine").unwrap();
        assert!(copy.starts_with("#:schema ./unknot-routine.schema.json\n"));
        assert!(copy.contains("\nname = \"mine\"\n"));
        assert_eq!(copy.lines().count(), BUNDLED[0].1.lines().count());
    }
}

//! `unknot routines new` and `unknot routines edit`, the way `crontab -e`
//! and `visudo` work: the editor gets a temporary copy next to the real
//! file; after it exits the copy is checked; on errors the person chooses
//! to edit again, discard, or keep anyway; the real file is replaced in one
//! atomic rename only when accepted. Nothing is ever half-written.

use std::fs;
use std::io::{self, BufRead, Write};
use std::path::{Path, PathBuf};

use super::editor::{Choice, ask, run_editor};
use super::files::{parent, persist, renamed, shareable, write_atomic, write_schema};
use super::{Io, report_find_error};
use crate::routine::check_bytes;
use crate::routine::library::{self, BUNDLED, Library, Origin, read_limited};

/// The starter written by `new` when no `--from` is given.
const STARTER: &str = include_str!("starter.toml");

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

/// `new NAME [--from ROUTINE]`.
pub fn new(lib: &Library, name: &str, from: Option<&str>, io: &mut Io<'_>) -> u8 {
    if !crate::routine::spec::is_slug(name) {
        // A file name is the common slip: the name is what comes before
        // `.toml`.
        let stem = name.strip_suffix(".toml").unwrap_or(name);
        let hint = if crate::routine::spec::is_slug(stem) {
            Some(stem.to_string())
        } else {
            crate::routine::hints::slugify(stem)
        }
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

#[cfg(test)]
mod tests {
    use super::*;

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

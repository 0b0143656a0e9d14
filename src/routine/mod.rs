//! Routines: the TOML format people write, and the checked form the session
//! runs. [`check`] is the one path every command uses (start, check, edit,
//! new): parse strictly, read every key against the format's tables, build,
//! then apply the safety rules. It returns the routine (when there is no
//! error) and a [`Report`] of every error and warning with its place.
//!
//! Submodules: `words` (the fixed vocabularies), `model` (the checked
//! types), `spec` (every key of the format), `read` (strict reading with
//! spans) with `table` (what it accepted) and `hints` (suggestions),
//! `build`, `rules` (safety and limits), `diag` (diagnostics) and `render`
//! (drawing them), `duration` (human durations), `library` (bundled and
//! user routines), `schema` (JSON Schema), `commands` (`unknot routines …`).

mod build;
pub mod diag;
pub mod duration;
pub(crate) mod hints;
pub mod library;
mod model;
pub mod plan;
mod read;
mod render;
mod rules;
pub mod schema;
pub mod spec;
mod table;
mod words;

use toml::de::DeTable;

pub use diag::{Diagnostic, Location, Report, Severity, Style};
pub use duration::Human;
pub use model::{Defaults, MAX_SESSION, REPEAT_REST, Routine, Step};
pub use words::{Area, CheckInEvery, Kind, Pressure, Side, Sides, Tool};

use spec::{MAX_BYTES, Place};

/// The outcome of checking a routine file.
#[derive(Debug, Clone)]
pub struct Checked {
    /// The routine, when there is no error (warnings allowed).
    pub routine: Option<Routine>,
    /// Every error and warning found.
    pub report: Report,
}

/// A routine that loaded, and the warnings it drew (possibly none).
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The routine, ready to run.
    pub routine: Routine,
    /// Warnings only; warnings never stop a session.
    pub warnings: Report,
}

/// Check routine source. `origin` names the file in messages.
pub fn check(src: &str, origin: &str) -> Checked {
    check_named(src, origin, None)
}

/// Check raw file contents: refuses files that are too large or not UTF-8
/// before parsing. With `file_name`, warns when the routine's `name` differs
/// from the name its file is found by.
pub fn check_bytes(bytes: &[u8], origin: &str, file_name: Option<&str>) -> Checked {
    if bytes.len() > MAX_BYTES {
        return refuse(origin, "", too_large(bytes.len()));
    }
    match std::str::from_utf8(bytes) {
        Ok(src) => check_named(src, origin, file_name),
        Err(e) => {
            let at = e.valid_up_to();
            let shown = String::from_utf8_lossy(bytes);
            let d = Diagnostic::error(at..at + 3, "the file is not UTF-8 text")
                .label("this byte is not UTF-8")
                .help("save the file as UTF-8 (any modern editor can)");
            refuse(origin, &shown, d)
        }
    }
}

/// Parse and check a routine; warnings are dropped. For tests and callers
/// that show nothing; commands use [`load`] or [`check`].
pub fn load_str(src: &str, origin: &str) -> Result<Routine, Report> {
    load(src, origin).map(|l| l.routine)
}

/// Parse and check a routine, keeping its warnings.
pub fn load(src: &str, origin: &str) -> Result<Loaded, Report> {
    let Checked { routine, report } = check(src, origin);
    match routine {
        Some(routine) => Ok(Loaded {
            routine,
            warnings: report,
        }),
        None => Err(report),
    }
}

fn too_large(len: usize) -> Diagnostic {
    Diagnostic::error(
        0..0,
        format!(
            "the file is {} KiB; a routine file may be at most {} KiB",
            len.div_ceil(1024),
            MAX_BYTES / 1024
        ),
    )
    .help("a routine holds at most 200 steps; is this the right file?")
}

fn refuse(origin: &str, shown: &str, d: Diagnostic) -> Checked {
    Checked {
        routine: None,
        report: Report::new(origin, shown, vec![d]),
    }
}

fn check_named(src: &str, origin: &str, file_name: Option<&str>) -> Checked {
    if src.len() > MAX_BYTES {
        let first_line = src.lines().next().unwrap_or("");
        let end = (0..=first_line.len().min(200))
            .rev()
            .find(|&i| first_line.is_char_boundary(i))
            .unwrap_or(0);
        return refuse(origin, &first_line[..end], too_large(src.len()));
    }
    let doc = match DeTable::parse(src) {
        Ok(doc) => doc,
        Err(e) => {
            let span = e.span().unwrap_or(0..0);
            let message = e.message().trim().lines().next().unwrap_or("").to_string();
            let d = Diagnostic::error(span, format!("this is not valid TOML: {message}"))
                .label("here")
                .help("`unknot schema` describes the format; `unknot routines new` starts from a commented example");
            return refuse(origin, src, d);
        }
    };
    let mut diags = Vec::new();
    let mut reader = read::Reader {
        src,
        diags: &mut diags,
    };
    let top = reader.table(doc.get_ref(), 0..0, Place::Top);
    let built = build::routine(&top);
    rules::check(&built, &mut diags);
    if let (Some(expected), Some(name)) = (file_name, top.field("name"))
        && built.routine.name != expected
    {
        diags.push(
            Diagnostic::warning(
                name.span.clone(),
                format!(
                    "this file is found as '{expected}' but the routine calls itself '{}'",
                    built.routine.name
                ),
            )
            .label("differs from the file name")
            .help(if spec::is_slug(expected) {
                format!("write name = \"{expected}\", or rename the file")
            } else {
                format!("rename the file to {}.toml", built.routine.name)
            }),
        );
    }
    let failed = diags.iter().any(|d| d.severity == Severity::Error);
    Checked {
        routine: (!failed).then_some(built.routine),
        report: Report::new(origin, src, diags),
    }
}

#[cfg(test)]
mod tests;

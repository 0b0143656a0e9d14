//! `unknot routines list|show|check|new|edit` and `unknot schema`. Each
//! command writes to the streams it is given and returns its exit status,
//! so tests can run them without a terminal; [`run`] wires them to the
//! real ones. `show` is in `show.rs`; `new` and `edit` in `edit.rs`, with
//! `editor.rs` (running the editor) and `files.rs` (atomic writes).

mod edit;
mod editor;
mod files;
mod show;

use std::io::{self, BufRead, IsTerminal, Write};

pub use edit::EditOutcome;
pub use editor::editor_command;

use crate::cli::RoutinesCmd;
use crate::routine::diag::tally;
use crate::routine::library::{BUNDLED, FindError, Library, Origin, Source};
use crate::routine::{Style, schema};

/// The streams a command writes to, and whether to colour diagnostics.
pub struct Io<'a> {
    /// What the command produces.
    pub out: &'a mut dyn Write,
    /// Problems and prompts.
    pub err: &'a mut dyn Write,
    /// Colours for diagnostics.
    pub style: Style,
}

/// Run a `routines` command against the real library, terminal and
/// environment. Returns the exit status.
pub fn run(cmd: RoutinesCmd) -> u8 {
    let lib = Library::from_env();
    let (stdout, stderr) = (io::stdout(), io::stderr());
    let style = Style::detect(stdout.is_terminal() && stderr.is_terminal());
    let (mut out, mut err) = (stdout.lock(), stderr.lock());
    let mut io = Io {
        out: &mut out,
        err: &mut err,
        style,
    };
    match cmd {
        RoutinesCmd::List => list(&lib, &mut io),
        RoutinesCmd::Show { name } => show::show(&lib, &name, &mut io),
        RoutinesCmd::Check { names } => check(&lib, &names, &mut io),
        RoutinesCmd::New { name, from } => edit::new(&lib, &name, from.as_deref(), &mut io),
        RoutinesCmd::Edit { name } => {
            let editor = editor_command(std::env::var("VISUAL").ok(), std::env::var("EDITOR").ok());
            let mut answers = io::stdin().lock();
            edit::edit(
                &lib,
                &name,
                &editor,
                &mut answers as &mut dyn BufRead,
                &mut io,
            )
        }
    }
}

/// `unknot schema`: print the JSON Schema.
pub fn print_schema(out: &mut dyn Write) -> u8 {
    match out.write_all(schema::to_json().as_bytes()) {
        Ok(()) => 0,
        Err(_) => 2,
    }
}

/// Tell the person why a routine could not be used; exit status 2.
pub(crate) fn report_find_error(e: &FindError, io: &mut Io<'_>) -> u8 {
    let _ = match e {
        FindError::Invalid(report) => write!(io.err, "{}", report.render(io.style)),
        other => writeln!(io.err, "unknot: {other}"),
    };
    2
}

/// One row of `list`.
struct Row {
    name: String,
    origin: String,
    time: String,
    steps: String,
    summary: String,
}

fn row(source: &Source, shadows: bool) -> Row {
    let origin = match (&source.origin, shadows) {
        (Origin::User(_), true) => "user, shadows bundled".to_string(),
        (o, _) => o.word().to_string(),
    };
    match source.check().routine {
        Some(r) => Row {
            name: source.name.clone(),
            origin,
            time: crate::routine::duration::clock(r.total_time()),
            steps: r.steps.len().to_string(),
            summary: r.summary,
        },
        None => Row {
            name: source.name.clone(),
            origin,
            time: "-".into(),
            steps: "-".into(),
            summary: format!("has errors: run `unknot routines check {}`", source.name),
        },
    }
}

/// `list`: every routine that can be started by name.
pub fn list(lib: &Library, io: &mut Io<'_>) -> u8 {
    let user = match lib.user_names() {
        Ok(names) => names,
        Err(e) => {
            let dir = lib
                .user_dir()
                .map(|d| d.display().to_string())
                .unwrap_or_default();
            let _ = writeln!(
                io.err,
                "unknot: cannot read your routine folder '{dir}': {e}"
            );
            Vec::new()
        }
    };
    let mut names: Vec<String> = BUNDLED.iter().map(|(n, _)| n.to_string()).collect();
    names.extend(
        user.iter()
            .filter(|n| !names.contains(n))
            .cloned()
            .collect::<Vec<_>>(),
    );
    let mut rows = vec![Row {
        name: "NAME".into(),
        origin: "ORIGIN".into(),
        time: "TIME".into(),
        steps: "STEPS".into(),
        summary: "SUMMARY".into(),
    }];
    let mut status = 0;
    for name in &names {
        match lib.source(name) {
            Ok(source) => {
                let shadows = BUNDLED.iter().any(|(n, _)| n == name) && user.contains(name);
                rows.push(row(&source, shadows));
            }
            Err(e) => status = status.max(report_find_error(&e, io)),
        }
    }
    let width =
        |f: fn(&Row) -> &String| rows.iter().map(|r| f(r).chars().count()).max().unwrap_or(0);
    let (wn, wo, wt, ws) = (
        width(|r| &r.name),
        width(|r| &r.origin),
        width(|r| &r.time),
        width(|r| &r.steps),
    );
    for r in &rows {
        let _ = writeln!(
            io.out,
            "{:wn$}  {:wo$}  {:>wt$}  {:>ws$}  {}",
            r.name, r.origin, r.time, r.steps, r.summary
        );
    }
    let _ = match lib.user_dir() {
        Some(dir) => writeln!(io.out, "\nYour routines live in {}", dir.display()),
        None => writeln!(
            io.out,
            "\nThis system has no folder for your own routines; set {}",
            crate::routine::library::DIR_ENV
        ),
    };
    status
}

/// `check`: the named routines, or every bundled and user routine.
pub fn check(lib: &Library, names: &[String], io: &mut Io<'_>) -> u8 {
    // With no names: every bundled routine (even one a user file shadows)
    // and every user file.
    let bundled = Library::new(None);
    let targets: Vec<(&Library, String)> = if names.is_empty() {
        let user = lib
            .user_names()
            .unwrap_or_default()
            .into_iter()
            .map(|n| (lib, n));
        BUNDLED
            .iter()
            .map(|(n, _)| (&bundled, n.to_string()))
            .chain(user)
            .collect()
    } else {
        names.iter().map(|n| (lib, n.clone())).collect()
    };
    let (mut errors, mut warnings, mut status) = (0, 0, 0);
    for (library, name) in &targets {
        let source = match library.source(name) {
            Ok(s) => s,
            Err(e) => {
                errors += 1;
                status = status.max(report_find_error(&e, io));
                continue;
            }
        };
        let report = source.check().report;
        errors += report.errors();
        warnings += report.warnings();
        status = status.max(report.exit_code());
        if report.diagnostics().is_empty() {
            let _ = writeln!(io.out, "ok  {}", source.shown);
        } else {
            let _ = write!(io.out, "{}", report.render(io.style));
            let _ = writeln!(io.out, "{}: {}\n", source.shown, report.tally());
        }
    }
    if targets.len() > 1 {
        let n = targets.len();
        let _ = writeln!(io.out, "checked {n} routines: {}", tally(errors, warnings));
    }
    status
}

#[cfg(test)]
mod tests;

//! `unknot completions SHELL` and `unknot man`: help that travels with
//! the binary, generated from the one clap definition in [`crate::cli`].
//! Beside what clap knows, unknot's own page has the sections a person
//! needs away from the README: the keys (from the keymap's table), the
//! environment, the files, safety and the exit status. Every command has
//! a page of its own (`unknot-start.1`, `unknot-routines-edit.1`, …),
//! printed by name or written all at once with `--dir`.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use clap::CommandFactory;
use clap_mangen::Man;
use clap_mangen::roff::{Roff, bold, roman};

use crate::cli::{Cli, ManArgs};

/// `unknot completions SHELL`: print the completion script.
pub fn completions_cmd(shell: clap_complete::Shell) -> ExitCode {
    completions(shell, &mut std::io::stdout());
    ExitCode::SUCCESS
}

/// `unknot man [COMMAND…] [--dir DIR]`.
pub fn man_cmd(args: &ManArgs) -> ExitCode {
    if let Some(dir) = &args.dir {
        return match write_pages(dir) {
            Ok(n) => {
                println!("{n} manual pages written to {}", dir.display());
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!(
                    "unknot: cannot write the manual pages to '{}': {e}",
                    dir.display()
                );
                ExitCode::from(2)
            }
        };
    }
    let mut out = Vec::new();
    if let Err(e) = page(&args.command, &mut out) {
        eprintln!("unknot: {e}");
        return ExitCode::from(2);
    }
    match std::io::stdout().lock().write_all(&out) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("unknot: cannot write the manual page: {e}");
            ExitCode::from(1)
        }
    }
}

/// Write the completion script for `shell` to `out`.
pub fn completions(shell: clap_complete::Shell, out: &mut dyn std::io::Write) {
    clap_complete::generate(shell, &mut Cli::command(), "unknot", out);
}

/// The command line, built, with each command's name as its page calls
/// it (`unknot-routines-edit`).
fn built() -> clap::Command {
    let mut cmd = Cli::command().disable_help_subcommand(true);
    cmd.build();
    cmd
}

/// unknot's own page: clap's sections, then keys, environment, files,
/// safety, exit status and where the other pages are.
pub fn man(out: &mut dyn Write) -> std::io::Result<()> {
    let cmd = built();
    let man = Man::new(cmd.clone());
    man.render_title(out)?;
    man.render_name_section(out)?;
    man.render_synopsis_section(out)?;
    man.render_description_section(out)?;
    man.render_options_section(out)?;
    man.render_subcommands_section(out)?;
    extra_sections(&cmd).to_writer(out)?;
    man.render_version_section(out)
}

/// The page of `path` (a command, with its subcommand: `routines edit`),
/// or unknot's own page when `path` is empty.
pub fn page(path: &[String], out: &mut dyn Write) -> std::io::Result<()> {
    if path.is_empty() {
        return man(out);
    }
    let mut cmd = built();
    for name in path {
        let names: Vec<String> = cmd
            .get_subcommands()
            .map(|c| c.get_name().to_string())
            .collect();
        cmd = cmd.find_subcommand(name).cloned().ok_or_else(|| {
            std::io::Error::other(format!(
                "no command '{}' has a manual page; the commands are: {}",
                path.join(" "),
                names.join(", ")
            ))
        })?;
    }
    let mut text = Vec::new();
    Man::new(cmd.clone()).render(&mut text)?;
    out.write_all(&text)?;
    if path == ["start"] {
        keys_section().to_writer(out)?;
    }
    Ok(())
}

/// Write every page into `dir`, each whole or not at all (a temporary
/// file renamed into place). Returns how many.
pub fn write_pages(dir: &Path) -> std::io::Result<usize> {
    std::fs::create_dir_all(dir)?;
    let mut pages: Vec<(String, Vec<String>)> = vec![("unknot".into(), Vec::new())];
    fn walk(cmd: &clap::Command, path: Vec<String>, pages: &mut Vec<(String, Vec<String>)>) {
        for sub in cmd.get_subcommands().filter(|s| !s.is_hide_set()) {
            let mut p = path.clone();
            p.push(sub.get_name().to_string());
            pages.push((format!("unknot-{}", p.join("-")), p.clone()));
            walk(sub, p, pages);
        }
    }
    walk(&built(), Vec::new(), &mut pages);
    for (file, path) in &pages {
        let mut text = Vec::new();
        page(path, &mut text)?;
        let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
        tmp.write_all(&text)?;
        tmp.as_file().sync_all()?;
        tmp.persist(dir.join(format!("{file}.1")))
            .map_err(|e| e.error)?;
    }
    Ok(pages.len())
}

/// A section heading.
fn heading(roff: &mut Roff, name: &str) {
    roff.control("SH", [name]);
}

/// One "term: what it means" entry.
fn entry(roff: &mut Roff, term: &str, text: &str) {
    roff.control("TP", []);
    roff.text([bold(term)]);
    roff.text([roman(text)]);
}

/// The KEYS section: the session's keys from the keymap's one table, and
/// those of the questions around it.
fn keys_section() -> Roff {
    let mut roff = Roff::default();
    heading(&mut roff, "KEYS");
    roff.text([roman(
        "During a session (the help window, ?, lists the same):",
    )]);
    for (keys, what) in crate::keymap::help(true) {
        entry(&mut roff, keys, what);
    }
    roff.control("PP", []);
    roff.text([roman(
        "On the safety check and the questions around a session: n none of these apply, \
         y one or more apply, a number marks a sign or answers (0-9, t for 10 for pain; \
         1-5 for how far it reaches), Enter goes on, b goes back, q quits (it asks first: \
         y quits, n keeps going). x stops at once on every screen.",
    )]);
    roff
}

/// The sections unknot's own page adds to clap's.
fn extra_sections(cmd: &clap::Command) -> Roff {
    let mut roff = keys_section();
    heading(&mut roff, "SAFETY");
    roff.text([roman(
        "unknot guides gentle self-massage of the muscles that tighten around an irritated \
         nerve in the lower back. It does not diagnose or treat anything, and it never asks \
         you to press on the spine, the bony points beside it, the kidneys, or a hot or \
         swollen spot. Every session starts with a check for warning signs that cannot be \
         skipped. Press x to stop at any moment; it never asks first.",
    )]);
    roff.control("PP", []);
    roff.text([roman(
        "Get emergency care now for numbness between the legs or around the back passage, \
         new trouble passing or holding urine or stool, sciatica in both legs, or weakness \
         in both legs. See a doctor or physiotherapist if the pain lasts more than a few \
         days, gets worse despite self-care, or limits your daily life.",
    )]);
    heading(&mut roff, "ENVIRONMENT");
    for (name, what) in [
        (
            "UNKNOT_CONFIG",
            "The config file to use (--config wins over it).",
        ),
        (
            "UNKNOT_DATA_DIR",
            "Where the session history is kept (--data-dir wins over it).",
        ),
        (
            "UNKNOT_ROUTINES_DIR",
            "Your routine folder, instead of the platform's.",
        ),
        (
            "NO_COLOR",
            "When set and not empty: no colours (a --theme flag wins).",
        ),
        (
            "TZ",
            "The time zone dates are shown in; else /etc/localtime.",
        ),
        ("VISUAL, EDITOR", "The editor `unknot routines edit` opens."),
    ] {
        entry(&mut roff, name, what);
    }
    heading(&mut roff, "FILES");
    for (name, what) in [
        (
            "~/.config/unknot/config.toml",
            "Settings (`unknot config path` prints where; macOS: ~/Library/Application Support/unknot).",
        ),
        (
            "~/.config/unknot/routines/*.toml",
            "Your routines; one named like a bundled routine takes its place. `unknot schema` prints the format's JSON Schema.",
        ),
        (
            "~/.local/share/unknot/history.sqlite3",
            "The session history (an SQLite database).",
        ),
        (
            "~/.local/share/unknot/safety-notice-seen",
            "Marks the first-run safety notice as read.",
        ),
    ] {
        entry(&mut roff, name, what);
    }
    heading(&mut roff, "EXIT STATUS");
    for (code, what) in [
        ("0", "Done."),
        (
            "1",
            "A problem found (doctor), warnings (routines check), or a terminal error.",
        ),
        (
            "2",
            "A routine, the config, the history or the terminal could not be used.",
        ),
        (
            "128+N",
            "Signal N ended the session (143: SIGTERM, 129: SIGHUP).",
        ),
    ] {
        entry(&mut roff, code, what);
    }
    heading(&mut roff, "SEE ALSO");
    let pages: Vec<String> = cmd
        .get_subcommands()
        .filter(|s| !s.is_hide_set())
        .map(|s| format!("unknot-{}(1)", s.get_name()))
        .collect();
    roff.text([roman(format!(
        "{}. Print one with `unknot man COMMAND`, or write them all with \
         `unknot man --dir ~/.local/share/man/man1`.",
        pages.join(", ")
    ))]);
    roff
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn completions_name_the_subcommands() {
        for shell in [
            clap_complete::Shell::Bash,
            clap_complete::Shell::Zsh,
            clap_complete::Shell::Fish,
        ] {
            let mut out = Vec::new();
            completions(shell, &mut out);
            let text = String::from_utf8(out).unwrap();
            assert!(text.contains("start") && text.contains("side"), "{shell}");
        }
    }

    #[test]
    fn man_page_has_name_synopsis_and_the_sections_a_person_needs() {
        let mut out = Vec::new();
        man(&mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains(".TH unknot"), "{text}");
        for section in [
            "SYNOPSIS",
            "KEYS",
            "SAFETY",
            "ENVIRONMENT",
            "FILES",
            "EXIT STATUS",
            "SEE ALSO",
        ] {
            let plain = format!(".SH {section}\n");
            let quoted = format!(".SH \"{section}\"\n");
            assert!(text.contains(&plain) || text.contains(&quoted), "{section}");
        }
        for needle in ["UNKNOT_DATA_DIR", "Ctrl\\-Z", "history.sqlite3"] {
            assert!(text.contains(needle), "{needle} in {text}");
        }
    }

    /// Every page the top page refers to exists, and each command has one.
    #[test]
    fn every_command_has_its_page() {
        let dir = tempfile::tempdir().unwrap();
        let n = write_pages(dir.path()).unwrap();
        let mut top = Vec::new();
        man(&mut top).unwrap();
        let top = String::from_utf8(top).unwrap();
        for name in top
            .split(|c: char| c.is_whitespace() || c == ',')
            .filter_map(|w| w.strip_suffix("(1)"))
            .map(|w| w.replace("\\-", "-"))
        {
            let name = name.trim_start_matches("\\fB").trim_end_matches("\\fR");
            assert!(
                dir.path().join(format!("{name}.1")).is_file(),
                "{name}(1) is referred to but not written"
            );
        }
        for page in ["unknot.1", "unknot-start.1", "unknot-routines-edit.1"] {
            assert!(dir.path().join(page).is_file(), "{page}");
        }
        assert!(n > 10, "{n}");
        let mut edit = Vec::new();
        page(&["routines".into(), "edit".into()], &mut edit).unwrap();
        assert!(
            String::from_utf8(edit)
                .unwrap()
                .contains(".TH unknot-routines-edit")
        );
        assert!(page(&["nope".into()], &mut Vec::new()).is_err());
    }
}

//! `unknot doctor`: checks what a session depends on and says, one line
//! each, what is fine and what is not: the config file, the data directory
//! and history database, the routines, the terminal, sound, the speech
//! program and media controls. Nothing is written: the database is opened
//! read-only.

use std::io::IsTerminal;
use std::path::Path;

use crate::config::{Flags, Settings};
use crate::history;
use crate::routine::library::Library;

/// `unknot doctor`: run every check with the sound settings of the config
/// file, print the report and return its exit code.
pub fn command(config_path: Option<&Path>, data_dir: Option<&Path>) -> std::process::ExitCode {
    // Only for the sound settings; the config check below reports errors.
    let file = config_path
        .and_then(|p| crate::config::load(p).ok())
        .unwrap_or_default();
    let settings = Settings::resolve(&Flags::default(), &file, super::no_color_env());
    let sound = sound(crate::audio::Settings {
        volume: settings.volume,
        voice: false,
        bell: false,
    });
    let mut checks = run(config_path, data_dir, sound);
    checks.push(speech());
    checks.push(media_controls(settings.media_controls));
    let (text, code) = report(&checks);
    print!("{text}");
    std::process::ExitCode::from(code)
}

/// How a check came out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Level {
    Ok,
    /// Works, but worth knowing (no sound device, a routine with warnings).
    Note,
    /// Something a session needs is broken.
    Fail,
}

/// One line of the report.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Check {
    pub level: Level,
    pub what: &'static str,
    pub detail: String,
}

impl Check {
    fn new(level: Level, what: &'static str, detail: impl Into<String>) -> Check {
        Check {
            level,
            what,
            detail: detail.into(),
        }
    }
}

/// The report as printed, and the exit code: 0 when nothing failed.
pub fn report(checks: &[Check]) -> (String, u8) {
    let mut out = String::new();
    for c in checks {
        let mark = match c.level {
            Level::Ok => "ok  ",
            Level::Note => "note",
            Level::Fail => "FAIL",
        };
        out += &format!("{mark}  {:<9} {}\n", c.what, c.detail);
    }
    let failed = checks.iter().filter(|c| c.level == Level::Fail).count();
    if failed == 0 {
        out += "All is well.\n";
        (out, 0)
    } else {
        out += &format!(
            "{failed} problem{} found.\n",
            if failed == 1 { "" } else { "s" }
        );
        (out, 1)
    }
}

/// The config file: absent is fine, invalid fails.
pub fn config(path: Option<&Path>) -> Check {
    let Some(path) = path else {
        return Check::new(
            Level::Note,
            "config",
            "no config directory known (HOME unset?); defaults apply",
        );
    };
    if !path.exists() {
        return Check::new(
            Level::Ok,
            "config",
            format!("{} not there; defaults apply", path.display()),
        );
    }
    match crate::config::load_checked(path, &Library::from_env().names()) {
        Ok(_) => Check::new(Level::Ok, "config", format!("{} is valid", path.display())),
        Err(report) => {
            let first = report
                .to_string()
                .lines()
                .next()
                .unwrap_or_default()
                .to_string();
            Check::new(Level::Fail, "config", first)
        }
    }
}

/// The data directory: exists and writable, or can be created.
pub fn data_dir(flag: Option<&Path>) -> (Check, Option<std::path::PathBuf>) {
    let dir = match history::data_dir(flag) {
        Ok(dir) => dir,
        Err(e) => return (Check::new(Level::Fail, "data dir", e.to_string()), None),
    };
    let check = if dir.is_dir() {
        match tempfile::NamedTempFile::new_in(&dir) {
            Ok(_) => Check::new(
                Level::Ok,
                "data dir",
                format!("{} is writable", dir.display()),
            ),
            Err(e) => Check::new(
                Level::Fail,
                "data dir",
                format!("{} cannot be written: {e}", dir.display()),
            ),
        }
    } else if dir.exists() {
        Check::new(
            Level::Fail,
            "data dir",
            format!("{} is not a directory", dir.display()),
        )
    } else {
        // Not created yet: the nearest existing ancestor must be a
        // writable directory (a file in the way makes it impossible).
        let parent = dir
            .ancestors()
            .skip(1)
            .find(|p| p.exists())
            .filter(|p| p.is_dir());
        match parent.map(tempfile::NamedTempFile::new_in) {
            Some(Ok(_)) => Check::new(
                Level::Ok,
                "data dir",
                format!("{} will be created at the first session", dir.display()),
            ),
            _ => Check::new(
                Level::Fail,
                "data dir",
                format!("{} does not exist and cannot be created", dir.display()),
            ),
        }
    };
    (check, Some(dir))
}

/// The history database, opened read-only.
pub fn database(dir: &Path) -> Check {
    use rusqlite::{Connection, OpenFlags};
    let path = history::db_path(dir);
    if !path.exists() {
        return Check::new(Level::Ok, "history", "no sessions recorded yet");
    }
    let opened = Connection::open_with_flags(
        &path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    );
    let result = opened.and_then(|conn| {
        let app: i64 = conn.query_row("PRAGMA application_id", [], |r| r.get(0))?;
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        let check: String = conn.query_row("PRAGMA quick_check", [], |r| r.get(0))?;
        let sessions: i64 = if app == history::schema::APPLICATION_ID {
            conn.query_row("SELECT count(*) FROM sessions", [], |r| r.get(0))?
        } else {
            0
        };
        Ok((app, version, check, sessions))
    });
    match result {
        Ok((app, _, _, _)) if app != history::schema::APPLICATION_ID => Check::new(
            Level::Fail,
            "history",
            format!("{} is not an unknot history file", path.display()),
        ),
        Ok((_, v, _, _)) if v > history::schema::LATEST => Check::new(
            Level::Fail,
            "history",
            format!(
                "{} was written by a newer unknot (schema {v})",
                path.display()
            ),
        ),
        Ok((_, _, check, _)) if check != "ok" => Check::new(
            Level::Fail,
            "history",
            format!("{} is damaged: {check}", path.display()),
        ),
        Ok((_, _, _, n)) => Check::new(
            Level::Ok,
            "history",
            format!("{}: {n} sessions", path.display()),
        ),
        Err(e) => Check::new(
            Level::Fail,
            "history",
            format!("{} cannot be read: {e}", path.display()),
        ),
    }
}

/// Every routine that can be started by name.
pub fn routines(lib: &Library) -> Check {
    let names = lib.names();
    let (mut errors, mut warnings) = (Vec::new(), 0);
    for name in &names {
        match lib.find(name) {
            Ok(found) => warnings += found.warnings.warnings(),
            Err(_) => errors.push(name.clone()),
        }
    }
    let folder = lib
        .user_dir()
        .map_or("no routine folder".to_string(), |d| d.display().to_string());
    if !errors.is_empty() {
        return Check::new(
            Level::Fail,
            "routines",
            format!(
                "{} with errors: {} (`unknot routines check`)",
                errors.len(),
                errors.join(", ")
            ),
        );
    }
    let level = if warnings > 0 { Level::Note } else { Level::Ok };
    Check::new(
        level,
        "routines",
        format!(
            "{} routines load ({warnings} warnings); your folder: {folder}",
            names.len()
        ),
    )
}

/// The terminal: a terminal at all, its size, colours.
pub fn terminal() -> Check {
    if !std::io::stdin().is_terminal() || !std::io::stdout().is_terminal() {
        return Check::new(
            Level::Note,
            "terminal",
            "not a terminal here; sessions need one (or --plain for output)",
        );
    }
    let colours = if std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()) {
        "NO_COLOR set"
    } else {
        "colours on"
    };
    match crossterm::terminal::size() {
        Ok((w, h)) if w < crate::ui::MIN_WIDTH || h < crate::ui::MIN_HEIGHT => Check::new(
            Level::Note,
            "terminal",
            format!(
                "{w}x{h} is small; sessions need {}x{}",
                crate::ui::MIN_WIDTH,
                crate::ui::MIN_HEIGHT
            ),
        ),
        Ok((w, h)) => Check::new(Level::Ok, "terminal", format!("{w}x{h}, {colours}")),
        Err(e) => Check::new(Level::Note, "terminal", format!("size unknown: {e}")),
    }
}

/// Run every check. `sound` is the result of the sound check (done by the
/// caller, which owns the audio player).
pub fn run(config_path: Option<&Path>, data_dir_flag: Option<&Path>, sound: Check) -> Vec<Check> {
    let mut checks = vec![config(config_path)];
    let (dir_check, dir) = data_dir(data_dir_flag);
    let dir_ok = dir_check.level != Level::Fail;
    checks.push(dir_check);
    if let (Some(dir), true) = (dir, dir_ok) {
        checks.push(database(&dir));
    }
    checks.push(routines(&Library::from_env()));
    checks.push(terminal());
    checks.push(sound);
    checks
}

/// Sound: open the device by playing one test cue, and say what happened.
/// Waits at most three seconds for the device to answer.
pub fn sound(settings: crate::audio::Settings) -> Check {
    use crate::audio::Sound;
    if settings.volume == 0 {
        return sound_not_checked("not checked: volume is 0 (sound off)");
    }
    if !cfg!(feature = "audio") {
        return sound_not_checked("not checked: this build has no sound");
    }
    let mut player = crate::audio::start(settings);
    player.play(crate::cue::Cue::Begin);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(3);
    while player.state() == Sound::Starting && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    match player.state() {
        Sound::On => {
            // Let the cue finish before the player is dropped.
            std::thread::sleep(std::time::Duration::from_millis(700));
            let route = player
                .route()
                .unwrap_or_else(|| "the default device".into());
            Check::new(
                Level::Ok,
                "sound",
                format!("through {route}; a test cue played"),
            )
        }
        Sound::Starting => Check::new(
            Level::Fail,
            "sound",
            "the sound device did not answer within 3 s",
        ),
        // Normal over SSH, in containers, on a muted machine: sessions run
        // silently, so worth knowing, not a problem.
        Sound::NoDevice | Sound::Bell => Check::new(
            Level::Note,
            "sound",
            "no sound device found; sessions run silently (--bell rings the terminal)",
        ),
        Sound::Off => sound_not_checked("not checked: this build has no sound"),
    }
}

/// The speech program that says a step's words, if any.
pub fn speech() -> Check {
    use crate::audio::speech::Program;
    match Program::find() {
        Some(p) => Check::new(
            Level::Ok,
            "speech",
            format!("{} says step titles and guidance", p.command()),
        ),
        None => Check::new(
            Level::Note,
            "speech",
            "no speech program (spd-say, espeak-ng or say); only the fixed phrases are spoken",
        ),
    }
}

/// Media controls: whether a session bus is there for earbuds, media keys
/// and desktop widgets (waits at most two seconds for it).
pub fn media_controls(enabled: bool) -> Check {
    if !enabled {
        return Check::new(
            Level::Note,
            "remote",
            "media controls are off (media_controls = false)",
        );
    }
    #[cfg(feature = "media-controls")]
    {
        match crate::remote::bus::reachable(std::time::Duration::from_secs(2)) {
            Ok(()) => Check::new(
                Level::Ok,
                "remote",
                "session bus found: earbuds, media keys and widgets can control a session",
            ),
            Err(e) => Check::new(
                Level::Note,
                "remote",
                format!("no session bus ({e}); sessions are controlled by keys only"),
            ),
        }
    }
    #[cfg(not(feature = "media-controls"))]
    Check::new(
        Level::Note,
        "remote",
        "this build has no media controls; sessions are controlled by keys only",
    )
}

/// The sound line when sound is not checked (built without audio, or
/// turned off).
pub fn sound_not_checked(why: &str) -> Check {
    Check::new(Level::Note, "sound", why.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn report_lists_and_counts_failures() {
        let checks = [
            Check::new(Level::Ok, "config", "fine"),
            Check::new(Level::Note, "sound", "no device"),
        ];
        let (text, code) = report(&checks);
        assert_eq!(code, 0);
        assert!(text.ends_with("All is well.\n"), "{text}");
        let (text, code) = report(&[Check::new(Level::Fail, "history", "damaged")]);
        assert_eq!(code, 1);
        assert!(text.contains("FAIL  history   damaged"), "{text}");
        assert!(text.ends_with("1 problem found.\n"));
    }

    #[test]
    fn a_broken_config_fails_and_a_missing_one_does_not() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.toml");
        assert_eq!(config(Some(&path)).level, Level::Ok);
        std::fs::write(&path, "volum = 3\n").unwrap();
        let c = config(Some(&path));
        assert_eq!(c.level, Level::Fail);
        assert!(
            c.detail.contains("1:1") && c.detail.contains("'volum'"),
            "{}",
            c.detail
        );
    }

    #[test]
    fn data_dir_that_cannot_be_created_fails() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a-file");
        std::fs::write(&file, "x").unwrap();
        let (c, _) = data_dir(Some(&file));
        assert_eq!(c.level, Level::Fail, "{c:?}");
        let (c, _) = data_dir(Some(&file.join("below")));
        assert_eq!(c.level, Level::Fail, "{c:?}");
        let (c, _) = data_dir(Some(&dir.path().join("new")));
        assert_eq!(c.level, Level::Ok, "{c:?}");
        assert!(!dir.path().join("new").exists(), "doctor creates nothing");
    }

    #[test]
    fn a_database_that_is_not_ours_fails_and_is_untouched() {
        let dir = tempfile::tempdir().unwrap();
        let db = history::db_path(dir.path());
        std::fs::write(&db, b"this is not sqlite").unwrap();
        let c = database(dir.path());
        assert_eq!(c.level, Level::Fail, "{c:?}");
        assert_eq!(std::fs::read(&db).unwrap(), b"this is not sqlite");
    }
}

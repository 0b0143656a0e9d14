//! `unknot doctor` through the real binary: each problem is named on its
//! own line and the exit code is non-zero; a healthy setup exits 0.

mod common;

use std::path::Path;
use std::process::{Command, Output};

fn doctor(home: &Path, args: &[&str]) -> Output {
    doctor_with(home, args, &[])
}

/// `unknot doctor` with `env` set on top (by default with a session bus
/// that is not there).
fn doctor_with(home: &Path, args: &[&str], env: &[(&str, String)]) -> Output {
    // A default sound device that cannot be opened: no such card.
    let conf = home.join("asound.conf");
    std::fs::write(
        &conf,
        "pcm.!default { type hw card \"unknot-no-such-card\" }\nctl.!default { type hw card \"unknot-no-such-card\" }\n",
    )
    .unwrap();
    Command::new(env!("CARGO_BIN_EXE_unknot"))
        .args(args)
        .env("ALSA_CONFIG_PATH", &conf)
        .arg("doctor")
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env_remove("UNKNOT_CONFIG")
        .env_remove("UNKNOT_DATA_DIR")
        .env_remove("UNKNOT_ROUTINES_DIR")
        .env(
            "DBUS_SESSION_BUS_ADDRESS",
            format!("unix:path={}", home.join("no-bus").display()),
        )
        .envs(env.iter().map(|(k, v)| (k, v)))
        .output()
        .unwrap()
}

fn line<'a>(out: &'a str, what: &str) -> &'a str {
    out.lines()
        .find(|l| l.split_whitespace().nth(1) == Some(what))
        .unwrap_or_else(|| panic!("no '{what}' line in:\n{out}"))
}

#[test]
fn a_broken_config_is_a_failure() {
    let home = tempfile::tempdir().unwrap();
    let cfg = home.path().join("c.toml");
    std::fs::write(&cfg, "volume = 80\nthme = \"x\"\n").unwrap();
    let out = doctor(home.path(), &["--config", cfg.to_str().unwrap()]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(1), "{text}");
    let l = line(&text, "config");
    assert!(
        l.starts_with("FAIL") && l.contains(":2:1:") && l.contains("'thme'"),
        "{l}"
    );
}

#[test]
fn a_data_dir_that_cannot_be_created_is_a_failure() {
    let home = tempfile::tempdir().unwrap();
    let blocker = home.path().join("blocker");
    std::fs::write(&blocker, "a file where a folder should be").unwrap();
    let dir = blocker.join("unknot");
    let out = doctor(home.path(), &["--data-dir", dir.to_str().unwrap()]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(line(&text, "data").starts_with("FAIL"), "{text}");
    assert!(!dir.exists());
}

#[test]
fn a_damaged_history_is_a_failure_and_left_as_it_was() {
    let home = tempfile::tempdir().unwrap();
    let dir = home.path().join("d");
    std::fs::create_dir(&dir).unwrap();
    let db = dir.join("history.sqlite3");
    std::fs::write(&db, b"not a database at all").unwrap();
    let out = doctor(home.path(), &["--data-dir", dir.to_str().unwrap()]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(line(&text, "history").starts_with("FAIL"), "{text}");
    assert_eq!(std::fs::read(&db).unwrap(), b"not a database at all");
}

#[test]
fn a_fresh_setup_reports_every_part() {
    let home = tempfile::tempdir().unwrap();
    let out = doctor(home.path(), &[]);
    let text = String::from_utf8(out.stdout).unwrap();
    for what in [
        "config", "data", "history", "routines", "terminal", "sound", "speech", "remote",
    ] {
        line(&text, what);
    }
    assert!(line(&text, "config").starts_with("ok"), "{text}");
    assert!(line(&text, "routines").starts_with("ok"), "{text}");
    assert!(line(&text, "history").starts_with("ok"), "{text}");
}

/// No sound device is normal (SSH, containers, a muted machine): sessions
/// run silently, so doctor notes it and does not fail.
#[test]
fn no_sound_device_is_a_note_and_prints_nothing_to_stderr() {
    let home = tempfile::tempdir().unwrap();
    let out = doctor(home.path(), &[]);
    let text = String::from_utf8(out.stdout).unwrap();
    let l = line(&text, "sound");
    assert_eq!(out.status.code(), Some(0), "{text}");
    if cfg!(feature = "audio") {
        assert!(
            l.starts_with("note") && l.contains("no sound device"),
            "{l}"
        );
    } else {
        assert!(l.starts_with("note") && l.contains("no sound"), "{l}");
    }
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A config naming a routine that does not exist fails here, with its
/// line and column and the nearest name, not first when a session starts.
#[test]
fn a_config_naming_no_routine_is_a_failure_with_the_nearest_name() {
    let home = tempfile::tempdir().unwrap();
    let config = home.path().join("c.toml");
    std::fs::write(&config, "routine = \"gentle-lower-bak\"\n").unwrap();
    let out = doctor(home.path(), &["--config", config.to_str().unwrap()]);
    let text = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(1), "{text}");
    let l = line(&text, "config");
    assert!(l.starts_with("FAIL") && l.contains("c.toml:1:11"), "{l}");
    assert!(l.contains("no routine named 'gentle-lower-bak'"), "{l}");
}

#[test]
fn media_controls_need_a_session_bus_and_can_be_turned_off() {
    let home = tempfile::tempdir().unwrap();
    let out = doctor(home.path(), &[]);
    let text = String::from_utf8(out.stdout).unwrap();
    let l = line(&text, "remote");
    assert!(l.starts_with("note"), "{l}");
    let cfg = home.path().join("c.toml");
    std::fs::write(&cfg, "media_controls = false\n").unwrap();
    let out = doctor(home.path(), &["--config", cfg.to_str().unwrap()]);
    let text = String::from_utf8(out.stdout).unwrap();
    let l = line(&text, "remote");
    assert!(l.starts_with("note") && l.contains("off"), "{l}");
    if !cfg!(feature = "media-controls") {
        return;
    }
    let bus = match common::bus::Bus::start() {
        Ok(bus) => bus,
        Err(why) => {
            println!("SKIPPED the session bus half: {why}");
            return;
        }
    };
    let out = doctor_with(
        home.path(),
        &[],
        &[("DBUS_SESSION_BUS_ADDRESS", bus.address().to_string())],
    );
    let text = String::from_utf8(out.stdout).unwrap();
    let l = line(&text, "remote");
    assert!(
        l.starts_with("ok") && l.contains("session bus found"),
        "{l}"
    );
    assert!(out.stderr.is_empty());
}

#[test]
fn the_speech_program_is_named_and_its_absence_noted() {
    use std::os::unix::fs::PermissionsExt;
    let home = tempfile::tempdir().unwrap();
    let bin = home.path().join("bin");
    std::fs::create_dir(&bin).unwrap();
    let out = doctor_with(home.path(), &[], &[("PATH", bin.display().to_string())]);
    let text = String::from_utf8(out.stdout).unwrap();
    let l = line(&text, "speech");
    assert!(
        l.starts_with("note") && l.contains("only the fixed phrases"),
        "{l}"
    );
    for program in ["espeak-ng", "spd-say"] {
        let path = bin.join(program);
        std::fs::write(&path, "#!/bin/sh\nexit 0\n").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
        let out = doctor_with(home.path(), &[], &[("PATH", bin.display().to_string())]);
        let text = String::from_utf8(out.stdout).unwrap();
        // speech-dispatcher first, then espeak-ng.
        let l = line(&text, "speech");
        assert!(l.starts_with("ok") && l.contains(program), "{l}");
    }
}

//! Config fixtures: every valid one loads; every invalid one gives its
//! exact message at its exact line:column.

use std::path::PathBuf;

use unknot::config;

fn fixture(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/config")
        .join(rel)
}

#[test]
fn valid_configs_load() {
    for name in ["full.toml", "empty.toml"] {
        config::load(&fixture(&format!("valid/{name}"))).unwrap_or_else(|r| panic!("{name}: {r}"));
    }
    let full = config::load(&fixture("valid/full.toml")).unwrap();
    assert_eq!(full.volume, Some(70));
    assert_eq!(full.check_in, Some(unknot::routine::CheckInEvery::Side));
    assert_eq!(full.guidance, Some(unknot::session::Guidance::Full));
    assert_eq!(full.media_controls, Some(false));
}

#[test]
fn invalid_configs_say_what_and_where() {
    let cases = [
        (
            "unknown-key",
            "2:1",
            "unknown key 'thme'",
            Some("did you mean 'theme'?"),
        ),
        (
            "volume-range",
            "1:10",
            "'volume' must be a whole number from 0 to 100",
            None,
        ),
        ("side", "1:8", "'side' must be \"left\" or \"right\"", None),
        (
            "prepare",
            "1:11",
            "'10 sec' is not a duration; write it like '45s', '5m' or '1m30s'",
            None,
        ),
        (
            "check-in-never",
            "1:12",
            "'never' is not a check-in frequency",
            Some(
                "check-ins cannot be turned off or made rarer than \"after-step\"; \"after-each-round\" and \"after-each-side\" ask more often",
            ),
        ),
        (
            "theme",
            "1:9",
            "'theme' must be \"default\", \"high-contrast\" or \"no-colour\"",
            None,
        ),
        ("voice-type", "1:9", "'voice' must be true or false", None),
        (
            "guidance",
            "1:12",
            "'guidance' must be \"cues\", \"titles\" or \"full\"",
            None,
        ),
        (
            "media-controls-type",
            "1:18",
            "'media_controls' must be true or false",
            None,
        ),
        (
            "not-toml",
            "2:1",
            "this is not valid TOML: duplicate key",
            None,
        ),
    ];
    let dir = fixture("invalid");
    let on_disk = std::fs::read_dir(&dir).unwrap().count();
    assert_eq!(on_disk, cases.len(), "every invalid fixture has a case");
    for (name, at, message, help) in cases {
        let path = dir.join(format!("{name}.toml"));
        let report = config::load(&path).expect_err(name);
        let mut want = format!("{}:{at}: error: {message}", path.display());
        if let Some(h) = help {
            want += &format!("\n    help: {h}");
        }
        assert_eq!(report.to_string(), want, "{name}");
    }
}

/// `unknot` with arguments, its home (and so its config and data) in `home`.
fn unknot(home: &std::path::Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_unknot"))
        .args(args)
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("XDG_DATA_HOME", home.join("data"))
        .env_remove("UNKNOT_CONFIG")
        .env_remove("UNKNOT_DATA_DIR")
        .env_remove("UNKNOT_ROUTINES_DIR")
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap()
}

/// A routine name in the config is checked where the config is checked,
/// with the nearest name; the message of `config check` does not send the
/// person to the command they just ran, the others do.
#[test]
fn a_routine_name_in_the_config_is_checked_with_a_did_you_mean() {
    let home = tempfile::tempdir().unwrap();
    let config = home.path().join("c.toml");
    std::fs::write(&config, "routine = \"gentle-lower-bak\"\n").unwrap();
    let c = config.to_str().unwrap();
    let check = unknot(home.path(), &["--config", c, "config", "check"]);
    assert_eq!(check.status.code(), Some(2));
    let err = String::from_utf8(check.stderr).unwrap();
    assert!(err.contains("c.toml:1:11"), "{err}");
    assert!(err.contains("did you mean 'gentle-lower-back'?"), "{err}");
    assert!(!err.contains("unknot config check"), "{err}");
    let start = unknot(home.path(), &["--config", c, "start"]);
    assert_eq!(start.status.code(), Some(2));
    let err = String::from_utf8(start.stderr).unwrap();
    assert!(err.contains("did you mean 'gentle-lower-back'?"), "{err}");
    assert!(err.contains("`unknot config check`"), "{err}");
}

#[test]
fn a_routine_name_typed_gets_a_did_you_mean_too() {
    let home = tempfile::tempdir().unwrap();
    let out = unknot(home.path(), &["start", "gentle-lower-bak"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("no routine named 'gentle-lower-bak'; did you mean 'gentle-lower-back'?"),
        "{err}"
    );
}

/// A config naming a routine file that cannot be read: the error says the
/// name came from the config.
#[test]
fn a_routine_file_from_the_config_is_named_as_such() {
    let home = tempfile::tempdir().unwrap();
    let config = home.path().join("c.toml");
    std::fs::write(&config, "routine = \"/nonexistent/mine.toml\"\n").unwrap();
    let out = unknot(
        home.path(),
        &["--config", config.to_str().unwrap(), "start"],
    );
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("/nonexistent/mine.toml")
            && err.contains("named by `routine` in the config file"),
        "{err}"
    );
}

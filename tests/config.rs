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

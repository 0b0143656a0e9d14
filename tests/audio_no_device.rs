//! With no sound device at all (no sound server's socket to be found, and
//! an ALSA configuration whose default device cannot be opened, both given
//! to the program only), a session runs to its end, shows "no audio", and
//! writes nothing to standard error: no alsa-lib complaints scribbled over
//! the screen. Runs with and without the `audio` feature.

mod audio_harness;

use std::process::Command;
use std::time::Duration;

use audio_harness::pty::Tui;

const ROUTINE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/audio/e2e.toml");
/// How long to wait for any one screen.
const SCREEN: Duration = Duration::from_secs(20);

#[test]
fn without_a_device_the_session_runs_silently() {
    let dir = tempfile::tempdir().unwrap();
    let conf = dir.path().join("asound.conf");
    // A default device that cannot be opened: no such card.
    std::fs::write(&conf, "pcm.!default { type hw card \"unknot-no-such-card\" }\nctl.!default { type hw card \"unknot-no-such-card\" }\n").unwrap();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_unknot"));
    cmd.args(["start", ROUTINE])
        .env("ALSA_CONFIG_PATH", &conf)
        // The first place cpal's PulseAudio client looks: a socket that is
        // not there (a desktop's own server would otherwise answer).
        .env(
            "PULSE_SERVER",
            format!("unix:{}", dir.path().join("no-server").display()),
        )
        .env("HOME", dir.path())
        .env("XDG_CONFIG_HOME", dir.path().join("config"))
        .env("XDG_DATA_HOME", dir.path().join("data"))
        .env_remove("UNKNOT_CONFIG")
        .env_remove("UNKNOT_DATA_DIR");
    let mut tui = Tui::spawn(cmd, 100, 30).expect("spawn unknot");
    tui.pass_screening(SCREEN).unwrap();
    tui.wait_for("PREPARE", SCREEN).unwrap();
    tui.wait_for("[no audio]", SCREEN).unwrap();
    tui.wait_for("0:10 left", SCREEN).unwrap();
    tui.wait_for("CHECK-IN", SCREEN).unwrap();
    tui.send(b"1");
    tui.answer_end_questions(SCREEN).unwrap();
    tui.send(b"\r");
    let status = tui.wait_exit(SCREEN).unwrap();
    assert!(status.success(), "{status:?}");
    let stderr = tui.stderr();
    assert!(
        stderr.is_empty(),
        "standard error: {}",
        String::from_utf8_lossy(&stderr)
    );
}

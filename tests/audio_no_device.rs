//! With no sound device at all (no sound server's socket to be found, and
//! an ALSA configuration whose default device cannot be opened, both given
//! to the program only), a session runs to its end, shows "no audio", and
//! writes nothing to standard error: no alsa-lib complaints scribbled over
//! the screen. Runs with and without the `audio` feature.

mod common;

use std::time::Duration;

use common::Pty;
use common::intake::{answer_end_questions, pass_screening};

const ROUTINE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/audio/e2e.toml");
/// How long to wait for any one screen.
const SCREEN: Duration = Duration::from_secs(20);

#[test]
fn without_a_device_the_session_runs_silently() {
    let dir = tempfile::tempdir().unwrap();
    let conf = dir.path().join("asound.conf");
    // A default device that cannot be opened: no such card.
    std::fs::write(&conf, "pcm.!default { type hw card \"unknot-no-such-card\" }\nctl.!default { type hw card \"unknot-no-such-card\" }\n").unwrap();
    let mut cmd = common::unknot(&["start", ROUTINE], dir.path());
    cmd.env("ALSA_CONFIG_PATH", &conf)
        // The first place cpal's PulseAudio client looks: a socket that is
        // not there (a desktop's own server would otherwise answer).
        .env(
            "PULSE_SERVER",
            format!("unix:{}", dir.path().join("no-server").display()),
        );
    let mut tui = Pty::spawn_stderr_apart(cmd, 100, 30);
    pass_screening(&mut tui, SCREEN);
    tui.wait_text("PREPARE", SCREEN);
    tui.wait_text("[no audio]", SCREEN);
    tui.wait_text("0:10 left", SCREEN);
    tui.wait_text("CHECK-IN", SCREEN);
    tui.send(b"1");
    answer_end_questions(&mut tui, SCREEN);
    tui.send(b"\r");
    let status = tui.wait_exit(SCREEN);
    assert!(status.success(), "{status:?}");
    let stderr = tui.stderr();
    assert!(
        stderr.is_empty(),
        "standard error: {}",
        String::from_utf8_lossy(&stderr)
    );
}

//! Media controls end to end: the real binary in a pseudo-terminal on a
//! private session bus, driven by `playerctl` as earbuds, media keys and
//! desktop widgets would drive it. Play/pause shows PAUSED, next moves on,
//! the metadata names the step, a pause and a stop are spoken to, stop
//! asks why and the history keeps the answer, and the stop key works
//! while a remote is connected.
//!
//! Needs `dbus-daemon` and `playerctl` (Debian: dbus, playerctl; `.ci/run`
//! installs them); skipped, saying so, where they are missing.
#![cfg(feature = "media-controls")]

mod common;

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::thread;
use std::time::{Duration, Instant};

use common::bus::{Bus, installed};
use common::intake::pass_screening;
use common::speech::{self, FakeSpeech};
use common::{Pty, fixture, unknot};
use unknot::remote::PAUSED;
use unknot::session::spoken::WHY_ENDED;

const T: Duration = Duration::from_secs(40);

/// The private bus, or why the test cannot run here.
fn bus() -> Option<Bus> {
    if !installed("playerctl") {
        println!("SKIPPED: playerctl is not installed (Debian: playerctl)");
        return None;
    }
    match Bus::start() {
        Ok(bus) => Some(bus),
        Err(why) => {
            println!("SKIPPED: {why}");
            None
        }
    }
}

/// `playerctl -p unknot ARGS` on `bus`; its standard output.
fn playerctl(bus: &Bus, args: &[&str]) -> String {
    let out = Command::new("playerctl")
        .args(["-p", "unknot"])
        .args(args)
        .env("DBUS_SESSION_BUS_ADDRESS", bus.address())
        .stdin(Stdio::null())
        .output()
        .expect("running playerctl");
    assert!(
        out.status.success(),
        "playerctl {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_string()
}

/// What a media widget sees: `playerctl --follow` prints the status and
/// title each time the player tells the bus they changed.
struct Widget {
    child: Child,
    lines: Receiver<String>,
}

impl Widget {
    fn watch(bus: &Bus) -> Widget {
        let mut child = Command::new("playerctl")
            .args(["-p", "unknot", "--follow", "metadata", "--format"])
            .arg("{{status}} | {{title}}")
            .env("DBUS_SESSION_BUS_ADDRESS", bus.address())
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("running playerctl --follow");
        let out = child.stdout.take().expect("piped");
        let (tx, lines) = mpsc::channel();
        thread::spawn(move || {
            for line in BufReader::new(out).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    return;
                }
            }
        });
        Widget { child, lines }
    }

    /// Wait for a line the widget shows containing `text`.
    fn wait(&self, text: &str) -> String {
        let deadline = Instant::now() + T;
        let mut seen = Vec::new();
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.lines.recv_timeout(left) {
                Ok(line) if line.contains(text) => return line,
                Ok(line) => seen.push(line),
                Err(e) => panic!("the widget never showed '{text}' ({e}); it showed {seen:?}"),
            }
        }
    }
}

impl Drop for Widget {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A session of a routine with a long preparation on `bus`, past the
/// screening, its player on the bus; what it says goes to a stand-in
/// speech program (its first words, the step's title, already taken).
fn start(bus: &Bus, home: &Path) -> (Pty, Widget, FakeSpeech) {
    let widget = Widget::watch(bus);
    let speech = FakeSpeech::install("spd-say");
    // No sound device: nothing is heard.
    let alsa = home.join("asound.conf");
    std::fs::write(
        &alsa,
        "pcm.!default { type hw card \"unknot-no-such-card\" }\n",
    )
    .unwrap();
    let mut cmd = unknot(&["start", &fixture("routines/remote.toml")], home);
    cmd.env("DBUS_SESSION_BUS_ADDRESS", bus.address())
        .env("PATH", speech.path())
        .env(speech::ENV, speech.pipe())
        .env("ALSA_CONFIG_PATH", &alsa);
    let mut p = Pty::spawn(cmd, 80, 24);
    pass_screening(&mut p, T);
    p.wait_text("PREPARE", T);
    widget.wait("Playing | PREPARE · left · Tiny hold");
    assert_eq!(speech.next_call(T).last().unwrap(), "Tiny hold");
    (p, widget, speech)
}

/// The words of the speech program's next call.
fn said(speech: &FakeSpeech) -> String {
    speech.next_call(T).pop().unwrap_or_default()
}

/// The last session's outcome and reason, from the history's JSON.
fn last_outcome(home: &Path) -> (String, String) {
    let out = unknot(&["history", "--format", "json", "--last", "1"], home)
        .output()
        .unwrap();
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let text = |k: &str| json[0][k].as_str().unwrap_or("").to_string();
    (text("outcome"), text("reason"))
}

#[test]
fn playerctl_pauses_skips_shows_the_step_and_stops_for_pain() {
    let Some(bus) = bus() else { return };
    let home = tempfile::tempdir().unwrap();
    let (mut p, widget, speech) = start(&bus, home.path());
    assert_eq!(playerctl(&bus, &["metadata", "xesam:album"]), "remote");
    assert_eq!(
        playerctl(&bus, &["metadata", "xesam:artist"]),
        "step 1 of 2"
    );

    playerctl(&bus, &["play-pause"]);
    p.wait_text("PAUSED", T);
    widget.wait("Paused | PREPARE");
    assert_eq!(said(&speech), PAUSED);
    playerctl(&bus, &["play-pause"]);
    p.wait_for("PAUSED to go", T, |s| !s.contains("PAUSED"));
    widget.wait("Playing | PREPARE");

    playerctl(&bus, &["next"]);
    p.wait_text("HOLD · left side", T);
    widget.wait("Playing | HOLD · left · Tiny hold");
    assert_eq!(
        playerctl(&bus, &["metadata", "xesam:title"]),
        "HOLD · left · Tiny hold"
    );
    assert_eq!(playerctl(&bus, &["metadata", "mpris:length"]), "30000000");

    playerctl(&bus, &["stop"]);
    p.wait_text("Was it because of pain?", T);
    widget.wait("Stopped | STOPPED");
    assert_eq!(said(&speech), WHY_ENDED);
    p.send("y");
    let s = p.wait_text("SESSION STOPPED", T);
    assert!(s.contains("What to do now"), "{s}");
    p.send("q");
    assert_eq!(p.exit_code(T), 0);
    assert!(p.is_cooked());
    assert_eq!(
        last_outcome(home.path()),
        ("stopped".into(), "pain-worse".into())
    );
}

#[test]
fn a_remote_stop_answered_no_is_kept_as_leaving() {
    let Some(bus) = bus() else { return };
    let home = tempfile::tempdir().unwrap();
    let (mut p, _widget, _speech) = start(&bus, home.path());
    playerctl(&bus, &["stop"]);
    p.wait_text("Was it because of pain?", T);
    p.send("n");
    assert_eq!(p.exit_code(T), 0);
    assert!(p.is_cooked());
    assert_eq!(last_outcome(home.path()).0, "quit");
}

#[test]
fn the_stop_key_works_while_a_remote_is_connected() {
    let Some(bus) = bus() else { return };
    let home = tempfile::tempdir().unwrap();
    let (mut p, widget, _speech) = start(&bus, home.path());
    playerctl(&bus, &["pause"]);
    p.wait_text("PAUSED", T);
    p.send("x");
    p.wait_text("SESSION STOPPED", T);
    // The session is over: the player leaves the bus.
    drop(widget);
    let deadline = Instant::now() + T;
    loop {
        let listed = Command::new("playerctl")
            .arg("--list-all")
            .env("DBUS_SESSION_BUS_ADDRESS", bus.address())
            .output()
            .unwrap();
        if !String::from_utf8_lossy(&listed.stdout).contains("unknot") {
            break;
        }
        assert!(Instant::now() < deadline, "the player stayed on the bus");
    }
    p.send("q");
    assert_eq!(p.exit_code(T), 0);
    assert_eq!(
        last_outcome(home.path()),
        ("stopped".into(), "pain-worse".into())
    );
}

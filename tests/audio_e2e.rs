//! The real sound path, headless: the `unknot` binary runs a short routine
//! in a pseudo-terminal while a private sound server records what reaches
//! its (null) sound card. Each cue must be in the recording, in order,
//! within 100 ms of its instant, with its spoken phrase after it. This is
//! checked against PulseAudio and against PipeWire (`pipewire-pulse`),
//! both reached through cpal's own PulseAudio client, and against
//! PulseAudio through ALSA and its pulse plugin, the way taken when no
//! server's socket is found. And when the sound server dies mid-session,
//! the session carries on quietly, without spinning and without a word on
//! standard error.
//!
//! Needs `pulseaudio`, `pacat`, `parec` and `pactl` (Debian: pulseaudio,
//! pulseaudio-utils) and the ALSA pulse plugin (libasound2-plugins); for
//! PipeWire also pipewire, pipewire-pulse, wireplumber and dbus. Each test
//! is skipped, saying so, when what it needs is missing. Only built with
//! the `audio` feature (see `audio_no_device.rs` for the rest).
//!
//! `UNKNOT_E2E_BIN` runs another build of unknot instead (scripts/bench-audio
//! compares with an earlier build that way); which way it reaches the
//! server is then not checked.
#![cfg(feature = "audio")]

mod audio_harness;
mod common;

use std::path::PathBuf;
use std::process::Command;
use std::sync::Mutex;
use std::time::{Duration, Instant};

use audio_harness::pipewire;
use audio_harness::pulse::{self, Pulse, RATE, Route};
use audio_harness::signal::{self, Clock};
use common::Pty;
use common::intake::{answer_end_questions, pass_screening};
use unknot::audio::clip::Clip;
use unknot::audio::line::{Line, Part};
use unknot::audio::programme::{self, PAUSE};
use unknot::audio::synth;
use unknot::audio::voice::Voice;
use unknot::cue::Cue;

const ROUTINE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/audio/e2e.toml");
/// How far off its instant a cue may start.
const TOLERANCE: f64 = 0.100;
/// How long to wait for any one screen.
const SCREEN: Duration = Duration::from_secs(20);

/// The timing tests run one at a time: each measures onsets to within
/// 100 ms, and three sessions with three servers at once on a small
/// machine would measure the machine.
static TIMING: Mutex<()> = Mutex::new(());

/// The program under test: this build, or `UNKNOT_E2E_BIN`.
fn program() -> (PathBuf, bool) {
    match std::env::var_os("UNKNOT_E2E_BIN") {
        Some(other) => (PathBuf::from(other), false),
        None => (PathBuf::from(env!("CARGO_BIN_EXE_unknot")), true),
    }
}

/// unknot running the test routine, reaching `server` by `route`.
fn unknot(server: &Pulse, route: Route) -> Command {
    let mut c = common::command(program().0, &["start", ROUTINE], server.home());
    server.connect(&mut c, route);
    c
}

/// Check, while a cue sounds, that the program reached the server the way
/// `route` says: cpal's client names itself "cpal-pulseaudio-PID", ALSA's
/// plugin "ALSA plug-in [unknot]". The cue's stream opens on the player's
/// thread as the screen changes, so the plugin's connection may take a few
/// milliseconds to show: ask again (for at most a second) until one does.
fn assert_route(server: &Pulse, route: Route) {
    if !program().1 {
        println!("(another build: its way to the server is not checked)");
        return;
    }
    let mut clients = String::new();
    let ways = |clients: &str| {
        (
            clients.contains("\"cpal-pulseaudio-"),
            clients.contains("\"ALSA plug-in ["),
        )
    };
    let shown = pulse::wait_until(Duration::from_secs(1), || {
        clients = server.clients().expect("the server lists its clients");
        ways(&clients) != (false, false)
    });
    let (native, alsa) = ways(&clients);
    match route {
        Route::Native => assert!(native && !alsa, "not through the socket:\n{clients}"),
        Route::Alsa => assert!(alsa && !native, "not through ALSA:\n{clients}"),
    }
    assert!(shown.is_ok());
}

/// Why a test against PulseAudio by `route` cannot run here, if so.
fn pulseaudio_missing(route: Route) -> Option<String> {
    if let Some(missing) = pulse::TOOLS.iter().find(|t| !pulse::installed(t)) {
        return Some(format!(
            "'{missing}' is not installed (apt-get install pulseaudio pulseaudio-utils)"
        ));
    }
    (route == Route::Alsa && !pulse::alsa_pulse_plugin_installed())
        .then(|| "ALSA's pulse plugin is not installed (apt-get install libasound2-plugins)".into())
}

/// The first 0.3 s of a spoken phrase as the player sends it to a device
/// at the recording's rate.
fn head_of(phrase: &Clip) -> Vec<f32> {
    let (line, reader) = Line::new(RATE);
    line.push(Part::Sound {
        clip: phrase.clone(),
        gain: 1.0,
    });
    reader.take(RATE as usize * 3 / 10).collect()
}

/// How long a cue's tone and phrase take at the recording's rate.
fn programme_len(cue: Cue, voice: &Voice) -> Duration {
    programme::duration(&programme::parts(cue, RATE, 1.0, Some(voice)), RATE)
}

/// A cue we expect: its name, the cue, and when (wall clock).
struct Due {
    name: &'static str,
    cue: Cue,
    at: Instant,
    /// When the screen showed the change (for the report).
    seen: Instant,
}

#[test]
fn cues_reach_pulseaudio_on_time() {
    match pulseaudio_missing(Route::Native) {
        Some(why) => println!("SKIPPED cues_reach_pulseaudio_on_time: {why}"),
        None => cues_on_time(
            "pulseaudio",
            Pulse::start().expect("a PulseAudio server"),
            Route::Native,
        ),
    }
}

#[test]
fn cues_reach_pulseaudio_through_alsa_on_time() {
    match pulseaudio_missing(Route::Alsa) {
        Some(why) => println!("SKIPPED cues_reach_pulseaudio_through_alsa_on_time: {why}"),
        None => cues_on_time(
            "pulseaudio-alsa",
            Pulse::start().expect("a PulseAudio server"),
            Route::Alsa,
        ),
    }
}

#[test]
fn cues_reach_pipewire_on_time() {
    if let Some(missing) = pipewire::TOOLS.iter().find(|t| !pulse::installed(t)) {
        println!(
            "SKIPPED cues_reach_pipewire_on_time: '{missing}' is not installed \
             (apt-get install pipewire pipewire-pulse wireplumber dbus pulseaudio-utils)"
        );
        return;
    }
    cues_on_time(
        "pipewire",
        pipewire::start().expect("a PipeWire server"),
        Route::Native,
    );
}

/// Run the test routine against `pulse`, reached by `route`, and check
/// every cue in the recording. The onsets are printed under `name` (for
/// scripts/bench-audio).
fn cues_on_time(name: &str, mut pulse: Pulse, route: Route) {
    let _one_at_a_time = TIMING.lock().unwrap_or_else(|e| e.into_inner());
    println!("cue-onsets-from {name}");
    let mut rec = pulse.record().expect("a recorder");
    pulse::wait_until(Duration::from_secs(10), || {
        rec.tape.lock().unwrap().arrivals.len() > 5
    })
    .expect("the recorder delivers sound");
    let voice = Voice::load();

    let mut tui = Pty::spawn_stderr_apart(unknot(&pulse, route), 100, 30);
    pass_screening(&mut tui, SCREEN);
    let t0 = tui.wait_text_at("PREPARE", SCREEN);
    let s = |secs: f64| signal::shift(t0, secs);
    let mut due = vec![Due {
        name: "prepare",
        cue: Cue::Prepare,
        at: t0,
        seen: t0,
    }];
    for (name, cue, secs, screen) in [
        ("begin", Cue::Begin, 3.0, "0:10 left"),
        ("halfway", Cue::Halfway, 8.0, "0:05 left"),
        ("three", Cue::Countdown(3), 10.0, "0:03 left"),
        ("two", Cue::Countdown(2), 11.0, "0:02 left"),
        ("one", Cue::Countdown(1), 12.0, "0:01 left"),
        ("release", Cue::Release, 13.0, "CHECK-IN"),
    ] {
        let seen = tui.wait_text_at(screen, SCREEN);
        if cue == Cue::Halfway {
            // The status line (whole while counting down) says so, and
            // the halfway cue sounds: see who plays it.
            assert!(tui.screen().contains("[sound on]"), "{}", tui.screen());
            assert_route(&pulse, route);
        }
        due.push(Due {
            name,
            cue,
            at: s(secs),
            seen,
        });
    }
    // The check-in cue follows the release's tone and phrase.
    let after_release = programme_len(Cue::Release, &voice) + PAUSE;
    let (at, seen) = (s(13.0) + after_release, due[6].seen + after_release);
    due.push(Due {
        name: "check-in",
        cue: Cue::CheckIn,
        at,
        seen,
    });
    // Let the check-in sound play out, then answer "better".
    std::thread::sleep(
        after_release + programme_len(Cue::CheckIn, &voice) + Duration::from_millis(300),
    );
    let key = Instant::now();
    tui.send(b"1");
    let seen = tui.wait_text_at("After the session", SCREEN);
    due.push(Due {
        name: "complete",
        cue: Cue::Complete,
        at: key,
        seen,
    });
    std::thread::sleep(programme_len(Cue::Complete, &voice) + Duration::from_millis(300));
    answer_end_questions(&mut tui, SCREEN);
    tui.send(b"\r");
    let status = tui.wait_exit(SCREEN);
    pulse.stop_recording(&mut rec);
    assert!(status.success(), "{status:?}");
    let stderr = tui.stderr();
    assert!(
        stderr.is_empty(),
        "standard error: {}",
        String::from_utf8_lossy(&stderr)
    );

    let tape = rec.tape.lock().unwrap();
    if let Some(path) = std::env::var_os("UNKNOT_E2E_WAV") {
        signal::write_wav(path.as_ref(), &tape.samples).expect("writing the recording");
    }
    let clock = Clock::fit(&tape);
    println!(
        "recording starts {:.1} ms before the first frame",
        signal::signed_secs(clock.time_of(0), t0) * 1000.0
    );
    let mut last = 0;
    for d in &due {
        let tone = synth::render(d.cue, RATE);
        let head = &tone.samples()[..tone.len().min(RATE as usize / 8)];
        let window = RATE as usize / 4;
        let (found, score) = signal::find(&tape.samples, head, clock.index_at(d.at), window)
            .unwrap_or_else(|| panic!("{}: outside the recording", d.name));
        let onset = clock.time_of(found);
        let late = signal::signed_secs(d.at, onset);
        let after_screen = signal::signed_secs(d.seen, onset);
        println!(
            "cue-onset {} {:.1} ms (after the screen: {:.1} ms, match {score:.3})",
            d.name,
            late * 1000.0,
            after_screen * 1000.0
        );
        // A match far above chance (a missing cue scores near 0): a brief
        // underrun inside the head lowers it without the cue being wrong
        // (PipeWire, 2 of 16 runs here, matched at 0.785).
        assert!(
            score > 0.7,
            "{}: no match near its instant (best {score})",
            d.name
        );
        assert!(found > last, "{} is out of order", d.name);
        last = found;
        // The session's first cue waits for the device to open, so it may
        // come later; early only within the method's jitter, like the rest
        // (a strict "never before its instant" failed on a -0.6 ms reading).
        let early_limit = -TOLERANCE;
        let late_limit = if d.cue == Cue::Prepare {
            3.0 * TOLERANCE
        } else {
            TOLERANCE
        };
        assert!(
            (early_limit..=late_limit).contains(&late),
            "{}: {:.1} ms off",
            d.name,
            late * 1000.0
        );
        // Its phrase follows the tone, after a pause, as loud as it should
        // be. It is looked for near where it should start: a brief underrun
        // inside the tone moves what follows by a few tens of ms.
        if let Some(phrase) = voice.clip(d.cue) {
            let expected = found + tone.len() + programme::samples(PAUSE, RATE);
            let window = (TOLERANCE * f64::from(RATE)) as usize;
            let (at, score) = signal::find(&tape.samples, &head_of(phrase), expected, window)
                .unwrap_or_else(|| panic!("{}: the phrase is outside the recording", d.name));
            assert!(
                score > 0.7,
                "{}: no phrase after the tone (best match {score})",
                d.name
            );
            let len = programme::samples(phrase.duration(), RATE);
            let want = phrase.rms() * 0.8;
            let got = signal::rms(&tape.samples, at, at + len);
            let before = signal::rms(&tape.samples, at - programme::samples(PAUSE, RATE) / 2, at);
            assert!(
                got > 0.6 * want && got < 1.5 * want,
                "{}: phrase level {got}, expected about {want}",
                d.name
            );
            assert!(
                before < 0.1 * want,
                "{}: no pause before the phrase ({before})",
                d.name
            );
        }
    }
}

#[test]
fn a_sound_server_lost_mid_session_leaves_the_session_running_quietly() {
    match pulseaudio_missing(Route::Native) {
        Some(why) => println!("SKIPPED a_sound_server_lost_mid_session: {why}"),
        None => server_lost(Route::Native),
    }
}

#[test]
fn a_sound_server_lost_behind_alsa_leaves_the_session_running_quietly() {
    match pulseaudio_missing(Route::Alsa) {
        Some(why) => println!("SKIPPED a_sound_server_lost_behind_alsa: {why}"),
        None => server_lost(Route::Alsa),
    }
}

/// Kill the server while a cue sounds; the session must go on quietly.
fn server_lost(route: Route) {
    let mut pulse = Pulse::start().expect("a private sound server");
    let mut tui = Pty::spawn_stderr_apart(unknot(&pulse, route), 100, 30);
    pass_screening(&mut tui, SCREEN);
    tui.wait_text("[sound on]", SCREEN);
    // The begin cue is sounding: the stream is open when the server dies.
    tui.wait_text("0:10 left", SCREEN);
    pulse.stop();
    tui.wait_text("[no audio]", SCREEN);
    tui.wait_text("CHECK-IN", SCREEN);
    tui.send(b"1");
    answer_end_questions(&mut tui, SCREEN);
    // No thread spins on the dead device: the whole ~15 s session costs a
    // fraction of a CPU second (a spinning thread would burn seconds).
    let cpu = tui.cpu();
    assert!(cpu < Duration::from_secs(2), "used {cpu:?} of CPU");
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

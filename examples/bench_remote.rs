//! Benchmark of the media controls: a `PlayPause` method call sent on the
//! session bus → PAUSED on screen (and the next one → running again), from
//! a D-Bus client that stays connected, so no process start-up is timed
//! (a `playerctl` process alone takes ~8 ms). Space typed on the terminal
//! → PAUSED is timed the same way, as the harness's own yardstick.
//!
//! The release binary runs in a pseudo-terminal (the end-to-end tests'
//! harness) on a private `dbus-daemon`; the clock starts just before the
//! call is sent and stops when the output that draws the change arrives
//! (timestamped by the terminal's reader thread). Medians and ranges.
//!
//! ```text
//! cargo build --release
//! cargo run --release --example bench_remote            # 40 toggles each
//! cargo run --release --example bench_remote -- 100
//! ```

// The end-to-end tests' harness; this uses only part of it.
#[allow(dead_code)]
#[path = "../tests/common"]
mod common {
    pub mod bus;
    pub mod intake;
    pub mod openpty;
    pub mod pty;
    pub use pty::Pty;
}

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use common::Pty;
use common::bus::Bus;
use common::intake::pass_screening;

const WAIT: Duration = Duration::from_secs(20);
const PLAYER: &str = "org.mpris.MediaPlayer2.unknot";

fn main() {
    let runs: usize = std::env::args()
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(40);
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let bin = root.join("target/release/unknot");
    assert!(bin.exists(), "build it first: cargo build --release");
    let bus = Bus::start().unwrap_or_else(|why| panic!("no private bus: {why}"));
    let home = tempfile::tempdir().unwrap();
    let mut cmd = Command::new(&bin);
    cmd.args(["start", "--no-audio"])
        .arg(root.join("scripts/bench-routines/hold-60s.toml"))
        .env("HOME", home.path())
        .env("XDG_CONFIG_HOME", home.path().join("config"))
        .env("XDG_DATA_HOME", home.path().join("data"))
        .env_remove("UNKNOT_CONFIG")
        .env_remove("UNKNOT_DATA_DIR")
        .env("DBUS_SESSION_BUS_ADDRESS", bus.address())
        .env("TERM", "xterm-256color");
    let mut p = Pty::spawn(cmd, 80, 24);
    pass_screening(&mut p, WAIT);
    p.wait_text("HOLD", WAIT);

    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let conn = rt.block_on(async {
        zbus::connection::Builder::address(bus.address())
            .build()
            .await
            .unwrap()
    });
    let play_pause = || {
        rt.block_on(conn.call_method(
            Some(PLAYER),
            "/org/mpris/MediaPlayer2",
            Some("org.mpris.MediaPlayer2.Player"),
            "PlayPause",
            &(),
        ))
    };
    // The player registers off the critical path: wait until it answers.
    let deadline = Instant::now() + WAIT;
    while play_pause().is_err() {
        assert!(Instant::now() < deadline, "the player never answered");
    }
    p.wait_text("PAUSED", WAIT);
    play_pause().unwrap();
    p.wait_text("Space pause", WAIT);

    let (mut pause, mut resume, mut key) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..runs {
        let t0 = Instant::now();
        play_pause().unwrap();
        pause.push(p.wait_text_at("PAUSED", WAIT) - t0);
        let t0 = Instant::now();
        play_pause().unwrap();
        resume.push(p.wait_text_at("Space pause", WAIT) - t0);
        let t0 = Instant::now();
        p.send(" ");
        key.push(p.wait_text_at("PAUSED", WAIT) - t0);
        p.send(" ");
        p.wait_text("Space pause", WAIT);
    }
    report("PlayPause on the bus -> PAUSED", &mut pause);
    report("PlayPause on the bus -> running", &mut resume);
    report("Space on the terminal -> PAUSED", &mut key);
    p.send("x");
    p.wait_text("SESSION STOPPED", WAIT);
    p.send("q");
    p.wait_exit(WAIT);
}

fn report(what: &str, samples: &mut [Duration]) {
    samples.sort();
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!(
        "{what}: median {:.3} ms, min {:.3}, max {:.3} (n={})",
        ms(samples[samples.len() / 2]),
        ms(samples[0]),
        ms(samples[samples.len() - 1]),
        samples.len()
    );
}

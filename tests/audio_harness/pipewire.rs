//! A private PipeWire for one test, reached the way desktops reach it
//! today: through `pipewire-pulse`, PipeWire's PulseAudio server. Four
//! programs in a private runtime folder: a D-Bus session bus (WirePlumber
//! needs one), `pipewire`, `wireplumber` (the session manager) and
//! `pipewire-pulse`; then a null sink, made the default, to record from.
//! The result is a [`Pulse`], so everything else (connecting the program,
//! recording, stopping every process on drop) is shared with PulseAudio.

use std::process::Stdio;
use std::time::Duration;

use super::pulse::{Pulse, RATE, SINK, installed, wait_until};

/// The programs this needs (Debian packages pipewire, pipewire-pulse,
/// wireplumber, dbus; pactl and parec from pulseaudio-utils).
pub const TOOLS: [&str; 6] = [
    "pipewire",
    "wireplumber",
    "pipewire-pulse",
    "dbus-daemon",
    "pactl",
    "parec",
];

/// How long each program gets to come up.
const START: Duration = Duration::from_secs(10);

/// Start PipeWire with a default null sink, or say which tool is missing
/// or what did not come up.
pub fn start() -> Result<Pulse, String> {
    if let Some(missing) = TOOLS.iter().find(|t| !installed(t)) {
        return Err(format!("'{missing}' is not installed"));
    }
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    let d = dir.path().to_path_buf();
    let bus = d.join("bus");
    let runtime = d.join("pulse");
    let mut pw = Pulse {
        socket: runtime.join("native"),
        env: vec![
            // pipewire-pulse puts its socket in $PULSE_RUNTIME_PATH.
            ("PULSE_RUNTIME_PATH".into(), runtime.display().to_string()),
            (
                "DBUS_SESSION_BUS_ADDRESS".into(),
                format!("unix:path={}", bus.display()),
            ),
            (
                "XDG_CONFIG_HOME".into(),
                d.join("config").display().to_string(),
            ),
            (
                "XDG_STATE_HOME".into(),
                d.join("state").display().to_string(),
            ),
        ],
        dir,
        children: Vec::new(),
    };
    let mut dbus = pw.command("dbus-daemon");
    dbus.args(["--session", "--nofork"])
        .arg(format!("--address=unix:path={}", bus.display()));
    pw.spawn(dbus)?;
    wait_until(START, || bus.exists()).map_err(|_| "the session bus did not start")?;
    pw.spawn(pw.command("pipewire"))?;
    let core = d.join("pipewire-0");
    wait_until(START, || core.exists()).map_err(|_| "pipewire did not start")?;
    pw.spawn(pw.command("wireplumber"))?;
    pw.spawn(pw.command("pipewire-pulse"))?;
    let socket = pw.socket.clone();
    wait_until(START, || socket.exists()).map_err(|_| "pipewire-pulse did not start")?;
    pactl(
        &pw,
        &[
            "load-module",
            "module-null-sink",
            &format!("sink_name={SINK}"),
            &format!("rate={RATE}"),
            "channels=2",
        ],
    )?;
    // The default is kept by the session manager: until WirePlumber has
    // published its settings, pipewire-pulse answers "Not supported" (seen
    // on a busy machine). Nothing announces that moment over pactl, so ask
    // again until the sink is the default, within the start-up limit.
    let mut last = String::new();
    wait_until(START, || {
        if let Err(e) = pactl(&pw, &["set-default-sink", SINK]) {
            last = e;
            return false;
        }
        pactl(&pw, &["get-default-sink"]).is_ok_and(|s| s.trim() == SINK)
    })
    .map_err(|_| format!("'{SINK}' did not become the default sink ({last})"))?;
    pw.write_alsa_config()?;
    // A desktop has a PulseAudio cookie: the first program using libpulse
    // makes one (PulseAudio's own server does too, pipewire-pulse does
    // not). cpal's client sends the cookie it finds, or an empty one,
    // which both servers refuse as a protocol error: unknot then goes
    // through ALSA (see docs/audio.md). PipeWire checks no cookie; any 256
    // bytes do, in the program's home.
    let cookie = d.join(".config/pulse");
    std::fs::create_dir_all(&cookie).map_err(|e| e.to_string())?;
    std::fs::write(cookie.join("cookie"), [0u8; 256]).map_err(|e| e.to_string())?;
    Ok(pw)
}

/// Run `pactl` against the server; its output, or what went wrong.
fn pactl(pw: &Pulse, args: &[&str]) -> Result<String, String> {
    let mut c = pw.command("pactl");
    c.args(args).stdout(Stdio::piped()).stderr(Stdio::piped());
    let out = c.output().map_err(|e| format!("pactl: {e}"))?;
    if out.status.success() {
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    } else {
        Err(format!(
            "pactl {}: {}",
            args.join(" "),
            String::from_utf8_lossy(&out.stderr).trim()
        ))
    }
}

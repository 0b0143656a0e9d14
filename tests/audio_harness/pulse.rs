//! A private sound server that speaks the PulseAudio protocol, for one
//! test: a null sink (a sound card that plays into nothing, in real time),
//! a recorder on the sink's monitor, and the ways a program reaches it:
//! directly, through the socket (cpal's own PulseAudio client), or through
//! ALSA and its pulse plugin (the fallback). The server is either
//! PulseAudio itself ([`Pulse::start`], with a keep-alive stream so the
//! sink keeps its pace) or PipeWire's `pipewire-pulse` (see `pipewire.rs`).
//! Everything the program under test needs is set on its `Command`
//! ([`Pulse::connect`]), never in the test's own environment. Every process
//! started here is stopped when the guard is dropped, on every path.
//!
//! The recording is read in a thread that timestamps each chunk as it
//! arrives, which ties sample positions to the wall clock.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

/// The rate of the sink and of the recording.
pub const RATE: u32 = 48_000;

/// The programs this needs (Debian packages pulseaudio, pulseaudio-utils;
/// the ALSA side needs libasound2-plugins).
pub const TOOLS: [&str; 4] = ["pulseaudio", "pacat", "parec", "pactl"];

/// The null sink's name.
pub const SINK: &str = "capture";

/// How the program under test reaches the server.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Route {
    /// Through the server's socket, named in `PULSE_SERVER` (cpal's
    /// PulseAudio client).
    Native,
    /// With no socket to be found: through ALSA, whose configuration sends
    /// the default device to this server (the pulse plugin, libpulse).
    Alsa,
}

/// A running private sound server.
pub struct Pulse {
    /// The server's runtime folder: socket, state, ALSA configuration.
    pub(super) dir: tempfile::TempDir,
    /// The server's socket.
    pub(super) socket: PathBuf,
    /// Extra environment for every process started here.
    pub(super) env: Vec<(String, String)>,
    /// Child processes, stopped in reverse order on drop.
    pub(super) children: Vec<Child>,
}

/// Samples recorded so far, with (arrival time, samples received by then).
#[derive(Debug, Default)]
pub struct Tape {
    /// Mono samples at [`RATE`].
    pub samples: Vec<i16>,
    /// One entry per chunk read.
    pub arrivals: Vec<(Instant, usize)>,
}

/// The recorder's thread; join it after the recorder stops.
pub struct Recording {
    /// Filled in by the reader thread.
    pub tape: Arc<Mutex<Tape>>,
    /// The reader thread (ends when the recorder does).
    reader: Option<JoinHandle<()>>,
}

/// Whether a program is on the PATH.
pub fn installed(tool: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|p| std::env::split_paths(&p).any(|d| d.join(tool).is_file()))
}

/// Whether ALSA's pulse plugin (Debian libasound2-plugins) is installed,
/// which the ALSA route needs.
pub fn alsa_pulse_plugin_installed() -> bool {
    let name = "alsa-lib/libasound_module_pcm_pulse.so";
    ["/usr/lib64", "/usr/lib"]
        .iter()
        .flat_map(|root| {
            let arch = std::fs::read_dir(root)
                .into_iter()
                .flatten()
                .flatten()
                .map(|e| e.path());
            std::iter::once(PathBuf::from(root)).chain(arch)
        })
        .any(|dir| dir.join(name).is_file())
}

impl Pulse {
    /// Start a PulseAudio server, or say which tool is missing.
    pub fn start() -> Result<Pulse, String> {
        if let Some(missing) = TOOLS.iter().find(|t| !installed(t)) {
            return Err(format!("'{missing}' is not installed"));
        }
        let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
        let socket = dir.path().join("native");
        let mut pulse = Pulse {
            dir,
            socket,
            env: Vec::new(),
            children: Vec::new(),
        };
        let sink = format!("module-null-sink sink_name={SINK} rate={RATE} channels=2");
        let proto = format!(
            "module-native-protocol-unix auth-anonymous=1 socket={}",
            pulse.socket.display()
        );
        let mut server = pulse.command("pulseaudio");
        server.args([
            "-n",
            "--daemonize=no",
            "--exit-idle-time=-1",
            "--use-pid-file=no",
            "--disable-shm=yes",
        ]);
        server.args(["-L", &sink, "-L", &proto]);
        pulse.spawn(server)?;
        let socket = pulse.socket.clone();
        wait_until(Duration::from_secs(10), || socket.exists())
            .map_err(|_| "the sound server did not start".to_string())?;
        // Keep the sink busy so it runs at real-time pace.
        let mut keep = pulse.command("pacat");
        keep.args([
            "--playback",
            "--raw",
            "--format=s16le",
            "--channels=2",
            "--latency-msec=10",
        ])
        .arg(format!("--rate={RATE}"))
        .stdin(Stdio::from(
            std::fs::File::open("/dev/zero").map_err(|e| e.to_string())?,
        ));
        pulse.spawn(keep)?;
        pulse.write_alsa_config()?;
        Ok(pulse)
    }

    /// Write the ALSA configuration that sends the default device here.
    pub(super) fn write_alsa_config(&self) -> Result<(), String> {
        let conf = format!(
            "pcm.!default {{ type pulse server \"unix:{s}\" }}\nctl.!default {{ type pulse server \"unix:{s}\" }}\n",
            s = self.socket.display()
        );
        std::fs::write(self.alsa_config(), conf).map_err(|e| e.to_string())
    }

    /// The ALSA configuration for the program under test.
    pub fn alsa_config(&self) -> PathBuf {
        self.dir.path().join("asound.conf")
    }

    /// A home folder for the program under test (so nothing of the real
    /// user's sound set-up is read).
    pub fn home(&self) -> &Path {
        self.dir.path()
    }

    /// Point the program under test at this server, by `route`: its home,
    /// its ALSA configuration, and where it looks for a server's socket.
    pub fn connect(&self, cmd: &mut Command, route: Route) {
        cmd.env("ALSA_CONFIG_PATH", self.alsa_config())
            .env("HOME", self.home())
            .env_remove("PULSE_RUNTIME_PATH");
        match route {
            Route::Native => {
                cmd.env("PULSE_SERVER", format!("unix:{}", self.socket.display()))
                    .env("XDG_RUNTIME_DIR", self.dir.path());
            }
            Route::Alsa => {
                // Nowhere to look for a socket.
                cmd.env_remove("PULSE_SERVER").env_remove("XDG_RUNTIME_DIR");
            }
        }
    }

    /// What the server says about its clients (`pactl list clients`), to
    /// tell which way a program came in: cpal's client names itself
    /// "cpal-pulseaudio-PID", the ALSA plugin "ALSA plug-in [PROGRAM]".
    pub fn clients(&self) -> Result<String, String> {
        let mut c = self.command("pactl");
        c.args(["list", "clients"]).stdout(Stdio::piped());
        let out = c.output().map_err(|e| format!("pactl: {e}"))?;
        if !out.status.success() {
            return Err(format!("pactl list clients: {}", out.status));
        }
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    }

    /// Start recording what the sink plays.
    pub fn record(&mut self) -> Result<Recording, String> {
        let mut rec = self.command("parec");
        rec.arg(format!("--device={SINK}.monitor"))
            .args([
                "--raw",
                "--format=s16le",
                "--channels=1",
                "--latency-msec=5",
            ])
            .arg(format!("--rate={RATE}"))
            .stdout(Stdio::piped());
        let child = self.spawn(rec)?;
        let mut out = child.stdout.take().ok_or("no recorder output")?;
        let tape = Arc::new(Mutex::new(Tape::default()));
        let shared = Arc::clone(&tape);
        let reader = thread::spawn(move || {
            let mut buf = vec![0u8; 8192];
            let mut odd: Option<u8> = None;
            while let Ok(n @ 1..) = out.read(&mut buf) {
                let at = Instant::now();
                let mut t = shared.lock().unwrap();
                for &b in &buf[..n] {
                    match odd.take() {
                        Some(lo) => t.samples.push(i16::from_le_bytes([lo, b])),
                        None => odd = Some(b),
                    }
                }
                let len = t.samples.len();
                t.arrivals.push((at, len));
            }
        });
        Ok(Recording {
            tape,
            reader: Some(reader),
        })
    }

    /// Stop the recorder (the last child started by [`Pulse::record`]).
    pub fn stop_recording(&mut self, rec: &mut Recording) {
        if let Some(mut c) = self.children.pop() {
            let _ = c.kill();
            let _ = c.wait();
        }
        if let Some(r) = rec.reader.take() {
            let _ = r.join();
        }
    }

    /// A command for one of the server's programs or tools, in the
    /// server's private environment, quiet.
    pub(super) fn command(&self, program: &str) -> Command {
        let mut c = Command::new(program);
        let d = self.dir.path();
        c.env("HOME", d)
            .env("PULSE_RUNTIME_PATH", d)
            .env("XDG_RUNTIME_DIR", d)
            .env("PULSE_SERVER", format!("unix:{}", self.socket.display()))
            .envs(self.env.iter().map(|(k, v)| (k, v)))
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null());
        c
    }

    pub(super) fn spawn(&mut self, mut c: Command) -> Result<&mut Child, String> {
        let child = c.spawn().map_err(|e| format!("{c:?}: {e}"))?;
        self.children.push(child);
        Ok(self.children.last_mut().expect("just pushed"))
    }

    /// Stop every process started here (the sound server goes away).
    pub fn stop(&mut self) {
        while let Some(mut c) = self.children.pop() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

impl Drop for Pulse {
    fn drop(&mut self) {
        self.stop();
    }
}

/// Check `done` every 10 ms until it holds or `limit` passes (for things
/// that give no signal of their own, like a socket file appearing).
pub fn wait_until(limit: Duration, mut done: impl FnMut() -> bool) -> Result<(), ()> {
    let end = Instant::now() + limit;
    while !done() {
        if Instant::now() > end {
            return Err(());
        }
        thread::sleep(Duration::from_millis(10));
    }
    Ok(())
}
